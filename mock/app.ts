import { tickTimers } from './lib/notify'
import * as v from 'valibot'
import { allRoutes } from '../src/contract/routes'
import { API_PREFIX, idempotencyOf, isMutation, type Access, type Route } from '../src/contract/route'
import { errorCatalog, type ErrorBody } from '../src/contract/errors'
import { toIso } from '../src/core/time'
import { SERVER_TIME_HEADER } from '../src/core/clock'
import type { Db, UserRow } from './db'
import { HttpError } from './lib/errors'
import { canonicalJson, sha256BytesHex, sha256Hex } from './lib/hash'
import { validatePart } from './lib/validate'
import { checkJsonLimits } from './lib/limits'
import { createRateLimiter } from './lib/rate-limit'
import type { Ctx, Handler, Registry } from './context'
import { registerAll } from './handlers'
import { createSeed } from './seed'

export interface MockRequest {
  method: string
  /** path with query string, e.g. /api/v1/inbox?tab=todo */
  url: string
  headers: Record<string, string | undefined>
  /** parsed JSON body, or undefined */
  body?: unknown
  /** an upload's file, already taken out of multipart/form-data */
  file?: { name: string; mime: string; data: Uint8Array }
  /** set when the body was not valid JSON */
  malformedBody?: boolean
  /** set by the reader when the body crossed a limit before it was parsed (see lib/limits.ts) */
  bodyRefused?: 'too-large' | 'too-complex'
  /** the caller's network address, when known (the HTTP server); rate limits fall back to it */
  remoteAddress?: string
}

export interface MockResponse {
  status: number
  headers: Record<string, string>
  body: unknown
  /** for file downloads */
  binary?: { data: Uint8Array; mime: string; name: string }
}

export interface MockOptions {
  /** accepts the preview sign-in (H5 preview, tests); off for anything that pretends to be real */
  preview?: boolean
  latencyMs?: number
  /** 0..1: part of requests that fail with 503, half before and half after the handler ran */
  failureRate?: number
  /** a fixed clock for tests; defaults to the real time */
  now?: () => Date
  db?: Db
  /** deterministic randomness for failure injection in tests */
  random?: () => number
  /** called after every successful state change, e.g. to persist the database */
  onChange?: (db: Db) => void
  /** called with every answer and the route it answered for (null: no route matched); tests compare it with the contract */
  onAnswer?: (routeName: string | null, res: MockResponse) => void
}

interface Compiled {
  name: string
  route: Route
  regex: RegExp
  keys: string[]
  handler?: Handler<Route>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function errorResponse(err: HttpError, requestId: string): MockResponse {
  const body: ErrorBody = { code: err.code, message: err.message, requestId, ...(err.details ? { details: err.details } : {}) }
  return { status: err.status, headers: { 'x-request-id': requestId, ...(err.headers ?? {}) }, body }
}

const JSON_TYPE = /^application\/json\s*(;|$)/i
const MULTIPART_TYPE = /^multipart\/form-data\s*(;|$)/i

function accessAllows(access: Access, user: UserRow | null): 'ok' | 'unauthenticated' | 'forbidden' {
  if (access === 'public' || access === 'preview') return 'ok'
  if (!user) return 'unauthenticated'
  if (access === 'user') return 'ok'
  if (access === 'staff') return user.kind === 'staff' ? 'ok' : 'forbidden'
  if (access === 'resident') return user.kind === 'resident' ? 'ok' : 'forbidden'
  return user.roles.some((r) => access.includes(r)) ? 'ok' : 'forbidden'
}

export type MockBff = ReturnType<typeof createMockBff>

export function createMockBff(options: MockOptions = {}) {
  const now = options.now ?? (() => new Date())
  const random = options.random ?? Math.random
  const db = options.db ?? createSeed(now())
  let requestSeq = 0
  const settings = {
    preview: options.preview ?? true,
    latencyMs: options.latencyMs ?? 0,
    failureRate: options.failureRate ?? 0,
  }

  const compiled: Compiled[] = allRoutes().map(({ name, route }) => {
    const keys: string[] = []
    const pattern = route.path.replace(/:([A-Za-z]+)/g, (_, k: string) => {
      keys.push(k)
      return '([^/]+)'
    })
    return { name, route, keys, regex: new RegExp(`^${API_PREFIX}${pattern}$`) }
  })
  // A literal path wins over a parameter in the same place: /requests/mine before /requests/:id.
  compiled.sort((a, b) => a.keys.length - b.keys.length)

  const registry: Registry = {
    on(route, handler) {
      const entry = compiled.find((c) => c.route === route)
      if (!entry) throw new Error(`route not in the contract: ${route.method} ${route.path}`)
      if (entry.handler) throw new Error(`two handlers for ${entry.name}`)
      entry.handler = handler as unknown as Handler<Route>
    },
  }
  registerAll(registry)
  const missing = compiled.filter((c) => !c.handler).map((c) => c.name)
  if (missing.length) throw new Error(`mock BFF has no handler for: ${missing.join(', ')}`)

  function sessionFrom(headers: MockRequest['headers']): { user: UserRow | null; token: string | null } {
    const auth = headers.authorization ?? headers.Authorization
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null
    const session = token ? db.sessions.find((s) => s.token === token) : undefined
    if (!session || session.expiresAt <= toIso(now())) return { user: null, token: null }
    return { user: db.users.find((u) => u.id === session.userId) ?? null, token }
  }

  const limiter = createRateLimiter()

  async function dispatch(req: MockRequest, requestId: string, answered: { name: string | null }): Promise<MockResponse> {
    const [pathname, search = ''] = req.url.split('?')
    const method = req.method.toUpperCase()
    let match: { entry: Compiled; params: Record<string, string> } | null = null
    for (const entry of compiled) {
      if (entry.route.method !== method) continue
      const m = entry.regex.exec(pathname)
      if (m) {
        answered.name = entry.name
        let decoded: Record<string, string>
        try {
          decoded = Object.fromEntries(entry.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]))
        } catch {
          throw new HttpError('BAD_REQUEST', '地址参数格式不对')
        }
        match = { entry, params: decoded }
        break
      }
    }
    if (!match) throw new HttpError('NOT_FOUND', '接口不存在，请升级到最新版本')
    const { entry, params } = match
    const route = entry.route

    if (settings.failureRate > 0 && random() < settings.failureRate / 2) throw new HttpError('UNAVAILABLE')

    const { user, token } = sessionFrom(req.headers)
    if (route.access === 'preview' && !settings.preview) throw new HttpError('PREVIEW_DISABLED')
    const allowed = accessAllows(route.access, user)
    if (allowed === 'unauthenticated') throw new HttpError('UNAUTHENTICATED')
    if (allowed === 'forbidden') throw new HttpError('FORBIDDEN')

    // The body, before anything is done with it: within limits, of the type the route takes, readable.
    // A route that takes no body ignores whatever came along.
    const multipart = route.bodyType === 'multipart'
    const takesBody = !!route.body || multipart
    if (takesBody) {
      if (req.bodyRefused) throw new HttpError(multipart ? 'PAYLOAD_TOO_LARGE' : 'BODY_TOO_COMPLEX')
      const hasBody = req.body !== undefined || !!req.malformedBody || !!req.file
      const type = req.headers['content-type'] ?? req.headers['Content-Type'] ?? ''
      // an upload's file can only have come out of multipart/form-data (or the in-process adapter)
      if (hasBody && !req.file && !(multipart ? MULTIPART_TYPE : JSON_TYPE).test(type)) throw new HttpError('UNSUPPORTED_CONTENT_TYPE')
      if (req.malformedBody) throw new HttpError('BAD_REQUEST', '提交的内容格式不对，请刷新页面后重试')
      checkJsonLimits(req.body)
    }

    // forEach, not iteration: the URLSearchParams Taro provides in a mini-program (the in-process preview) is not iterable
    const query: Record<string, string> = {}
    new URLSearchParams(search).forEach((value, key) => (query[key] = value))
    const args: Record<string, unknown> = {}
    if (route.params) args.params = validatePart(route.params, params, 'params')
    if (route.query) args.query = validatePart(route.query, query, 'query')
    // no body at all is an empty one; a body of null is not an object and is refused like any other
    if (route.body) args.body = validatePart(route.body, req.body === undefined ? {} : req.body, 'body')
    if (multipart && !req.file) throw new HttpError('BAD_REQUEST', '请选择要上传的文件', { field: 'file' })

    const run = async (): Promise<MockResponse> => {
      // Only calls that do work count against a limit: a replayed answer costs nothing.
      if (route.rateLimit) {
        const subject = route.rateLimit.per === 'subject' ? canonicalJson(args.body ?? null) : (user?.id ?? req.remoteAddress ?? 'anonymous')
        limiter.take(entry.name, subject, route.rateLimit, now())
      }
      // The weak network and the slow back office both sit here, so a duplicate can arrive mid-flight.
      if (settings.latencyMs > 0) await sleep(settings.latencyMs)
      const at = now()
      const ctx: Ctx = { db, now: at, nowIso: toIso(at), user, sessionToken: token, requestId, preview: settings.preview, file: req.file, routeName: entry.name }
      tickTimers(ctx)
      const result = await entry.handler!(ctx, args as never)
      if (route.responseType === 'binary') {
        const bin = result as unknown as MockResponse['binary']
        return { status: 200, headers: { 'x-request-id': requestId }, body: null, binary: bin }
      }
      // The response schema is the gate: whatever a handler returns, only contract fields leave.
      const checked = v.safeParse(route.response, result)
      if (!checked.success) {
        throw new Error(`${entry.name} returned data outside its contract: ${JSON.stringify(v.flatten(checked.issues))}`)
      }
      if (isMutation(route)) options.onChange?.(db)
      return { status: 200, headers: { 'x-request-id': requestId }, body: checked.output }
    }

    // Reads, and writes that mint a credential: a session must never be handed to a second caller.
    if (idempotencyOf(route) !== 'replay') return run()

    const key = req.headers['idempotency-key'] ?? req.headers['Idempotency-Key']
    if (!key || key.length < 8 || key.length > 128 || !/^[\w.:-]+$/.test(key)) throw new HttpError('IDEMPOTENCY_KEY_REQUIRED')
    // The key is scoped to what the handler acts on: the route and its decoded, validated parameters
    // (u%2Dstaff%2D05 is u-staff-05), and fingerprinted over the validated input, never the raw body, so
    // fields the schema drops neither change the fingerprint nor cost anything to hash.
    const scope = `${user?.id ?? 'anonymous'}|${entry.name}|${canonicalJson(args.params ?? null)}|${key}`
    const bodyHash = sha256Hex(canonicalJson({ query: args.query ?? null, body: args.body ?? null, file: req.file ? [req.file.name, req.file.mime, sha256BytesHex(req.file.data)] : null }))
    const seen = db.idempotency[scope]
    if (seen) {
      if (seen.bodyHash !== bodyHash) throw new HttpError('IDEMPOTENCY_MISMATCH')
      if (seen.state === 'pending') throw new HttpError('IDEMPOTENCY_IN_PROGRESS')
      return { status: seen.status, headers: { 'x-request-id': requestId, 'idempotent-replayed': 'true' }, body: seen.response }
    }
    db.idempotency[scope] = { state: 'pending', bodyHash, status: 0, response: null, createdAt: toIso(now()) }
    let res: MockResponse
    try {
      res = await run()
    } catch (err) {
      if (err instanceof HttpError && err.status < 500 && err.status !== 429) {
        // A refusal is an answer too: the same retry gets the same refusal. A 429 is not: after the
        // wait, the same key must be able to go through.
        const refused = errorResponse(err, requestId)
        db.idempotency[scope] = { state: 'done', bodyHash, status: refused.status, response: refused.body, createdAt: toIso(now()) }
      } else {
        delete db.idempotency[scope]
      }
      throw err
    }
    db.idempotency[scope] = { state: 'done', bodyHash, status: res.status, response: res.body, createdAt: toIso(now()) }
    // The change happened, but the answer is lost on the way back: the client must retry with the same key.
    if (settings.failureRate > 0 && random() < settings.failureRate / 2) throw new HttpError('UNAVAILABLE')
    return res
  }

  async function handle(req: MockRequest): Promise<MockResponse> {
    const requestId = `req-${(++requestSeq).toString(36)}-${now().getTime().toString(36)}`
    let res: MockResponse
    const answered: { name: string | null } = { name: null }
    try {
      res = await dispatch(req, requestId, answered)
    } catch (err) {
      if (err instanceof HttpError) res = errorResponse(err, requestId)
      else {
        // Never a stack trace to the caller; the operator's console gets it.
        console.error(`[mock-bff] ${requestId} ${req.method} ${req.url}:`, err)
        res = errorResponse(new HttpError('INTERNAL', errorCatalog.INTERNAL.message), requestId)
      }
    }
    // The client's clock follows the server's (src/core/clock.ts), so a frozen mock freezes both.
    res.headers = { ...res.headers, [SERVER_TIME_HEADER]: toIso(now()) }
    options.onAnswer?.(answered.name, res)
    return res
  }

  return { db, handle, settings, resetLimits: () => limiter.clear(), routes: compiled.map((c) => ({ name: c.name, route: c.route })) }
}
