import { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import type { MockBff } from './app'

/**
 * The mock BFF in-process, as an axios adapter: unit tests and a phone preview with no server take the
 * same code path as the HTTP server.
 */
export function createInProcessAdapter(bff: MockBff): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const base = config.baseURL ?? ''
    let url = (config.url ?? '').startsWith('http') ? config.url! : base + (config.url ?? '')
    url = url.replace(/^https?:\/\/[^/]+/, '')
    if (config.params) {
      const qs = new URLSearchParams(Object.entries(config.params as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])).toString()
      if (qs) url += (url.includes('?') ? '&' : '?') + qs
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(config.headers?.toJSON?.() ?? config.headers ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v
    let body: unknown
    let malformedBody = false
    if (typeof config.data === 'string' && config.data.length) {
      try {
        body = JSON.parse(config.data)
      } catch {
        malformedBody = true
      }
    } else if (config.data !== undefined) body = config.data
    const res = await bff.handle({ method: (config.method ?? 'get').toUpperCase(), url, headers, body, malformedBody })
    const response: AxiosResponse = { data: res.body, status: res.status, statusText: String(res.status), headers: res.headers, config, request: {} }
    const validate = config.validateStatus ?? ((s: number) => s >= 200 && s < 300)
    if (!validate(res.status)) {
      throw new AxiosError(`Request failed with status code ${res.status}`, res.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', config, {}, response)
    }
    return response
  }
}
