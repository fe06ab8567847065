import axios, { type AxiosAdapter, type AxiosInstance } from 'axios'
import { buildPath, isMutation, type Route, type RouteInput, type RouteResult } from '../contract/route'
import { isErrorBody } from '../contract/errors'
import { ApiError } from './errors'
import { newIdempotencyKey } from './ids'
import { clock, SERVER_TIME_HEADER } from './clock'

export interface ApiClientOptions {
  baseURL: string
  /** Taro.request in mini-programs, the mock in-process in tests; undefined = axios's own (H5) */
  adapter?: AxiosAdapter
  getToken(): string | null
  /** Called once on a 401; resolves true when a fresh session is in place. */
  reauthenticate(): Promise<boolean>
  /** attempts after the first for transient failures (network, 502–504, a duplicate still in flight) */
  retries?: number
  backoffMs?: number
  sleep?: (ms: number) => Promise<void>
}

export interface ApiClient {
  call<R extends Route>(route: R, input?: RouteInput<R>): Promise<RouteResult<R>>
  http: AxiosInstance
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>
  const v = typeof h.get === 'function' ? h.get(name) : (h[name] ?? h[name.toLowerCase()] ?? Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1])
  return typeof v === 'string' ? v : undefined
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * The one way the app talks to the BFF: `api.call(routes.notices.read, { params, body })`.
 * A mutation gets one Idempotency-Key for all its retries, so a lost answer never means a second record.
 */
export function createApiClient(opts: ApiClientOptions): ApiClient {
  const http = axios.create({ baseURL: opts.baseURL, adapter: opts.adapter, timeout: 15000, validateStatus: () => true })
  const retries = opts.retries ?? 3
  const backoff = opts.backoffMs ?? 400
  const sleep = opts.sleep ?? defaultSleep

  async function send<R extends Route>(route: R, input: RouteInput<R>, key: string | undefined): Promise<RouteResult<R>> {
    const token = opts.getToken()
    const headers: Record<string, string> = {}
    if (token) headers.Authorization = `Bearer ${token}`
    if (key) headers['Idempotency-Key'] = key
    if (route.body !== undefined || isMutation(route)) headers['Content-Type'] = 'application/json'
    let res
    try {
      res = await http.request({
        method: route.method,
        url: buildPath(route.path, (input as { params?: Record<string, string> }).params),
        params: (input as { query?: unknown }).query,
        data: isMutation(route) ? ((input as { body?: unknown }).body ?? {}) : undefined,
        headers,
      })
    } catch {
      throw ApiError.network()
    }
    clock.syncWithServer(headerOf(res.headers, SERVER_TIME_HEADER))
    if (res.status >= 200 && res.status < 300) return res.data as RouteResult<R>
    if (isErrorBody(res.data)) throw ApiError.fromBody(res.data, res.status)
    throw new ApiError(res.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST', res.status >= 500 ? '服务暂时不可用，请稍后重试' : '请求没有成功，请稍后重试', res.status)
  }

  async function call<R extends Route>(route: R, input: RouteInput<R> = {} as RouteInput<R>): Promise<RouteResult<R>> {
    const key = isMutation(route) ? (input.idempotencyKey ?? newIdempotencyKey()) : undefined
    let reauthed = false
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(route, input, key)
      } catch (err) {
        const e = err as ApiError
        if (e.code === 'UNAUTHENTICATED' && !reauthed && route.access !== 'public' && route.access !== 'preview') {
          reauthed = true
          if (await opts.reauthenticate()) {
            attempt--
            continue
          }
        }
        if (e.transient && attempt < retries) {
          await sleep(backoff * 2 ** attempt + Math.floor(Math.random() * backoff))
          continue
        }
        throw e
      }
    }
  }

  return { call, http }
}
