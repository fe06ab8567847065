import type * as v from 'valibot'
import { commonErrors, errorCatalog, type ErrorCode } from './errors'
import type { Role } from './common'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * Who may call a route at all. Object-level checks (is this document routed to you?) happen in the
 * handler; this is the coarse gate the mock and a real BFF both apply first.
 */
export type Access = 'public' | 'preview' | 'user' | 'staff' | 'resident' | readonly Role[]

type Schema = v.GenericSchema

/**
 * A ceiling on how often a route may run: `max` fresh calls per `windowSeconds`, counted per signed-in
 * caller ('caller') or per what the body names ('subject': the account a sign-in aims at, so guessing
 * at one account is slowed whoever asks). Over it the answer is 429 RATE_LIMITED with Retry-After.
 */
export interface RateLimit {
  max: number
  windowSeconds: number
  per: 'caller' | 'subject'
}

/**
 * What an Idempotency-Key does on a write. 'replay' (every write unless it says otherwise): the first
 * answer is kept and a retry with the same key and the same input gets it again (Idempotent-Replayed:
 * true); a retry while the first is still running gets 409 IDEMPOTENCY_IN_PROGRESS; the same key with
 * other input gets 422 IDEMPOTENCY_MISMATCH. 'never': the route mints a credential (a session), which
 * must never be handed to a second caller, so the key is ignored and every call runs on its own.
 */
export type IdempotencyMode = 'replay' | 'never'

export interface Route<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends Schema = Schema,
> {
  method: Method
  /** Under /api/v1; `:name` segments are path parameters. */
  path: string
  summary: string
  access: Access
  params?: P
  query?: Q
  body?: B
  /** 'json' unless the route takes a file (multipart/form-data) */
  bodyType?: 'json' | 'multipart'
  response: R
  /** 'binary' routes answer with the file itself; `response` then describes nothing useful. */
  responseType?: 'json' | 'binary'
  /** Errors particular to this route; commonErrors and those that follow from the route's shape apply too (see declaredErrors). */
  errors: readonly ErrorCode[]
  /** writes only; 'replay' unless the route mints a credential */
  idempotency?: IdempotencyMode
  rateLimit?: RateLimit
  /** fields of the 200 answer that carry plaintext personal data on purpose (a reveal with a stated reason) */
  reveals?: readonly string[]
}

export function route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema = Schema,
>(
  r: Route<P, Q, B, R>,
): Route<P, Q, B, R> {
  return r
}

type InOf<S> = S extends Schema ? v.InferInput<S> : never
type OutOf<S> = S extends Schema ? v.InferOutput<S> : never

type Part<K extends string, S> = S extends Schema ? (object extends InOf<S> ? { [k in K]?: InOf<S> } : { [k in K]: InOf<S> }) : { [k in K]?: never }
type PartOut<K extends string, S> = S extends Schema ? { [k in K]: OutOf<S> } : { [k in K]?: undefined }

/** What a caller passes to `api.call(route, input)`. */
type ParamsOf<R> = R extends Route<infer P, Schema | undefined, Schema | undefined, Schema> ? P : never
type QueryOf<R> = R extends Route<Schema | undefined, infer Q, Schema | undefined, Schema> ? Q : never
type BodyOf<R> = R extends Route<Schema | undefined, Schema | undefined, infer B, Schema> ? B : never

export type RouteInput<R extends Route> = Part<'params', ParamsOf<R>> & Part<'query', QueryOf<R>> & Part<'body', BodyOf<R>> & {
  /** Reused across retries of one logical action so the server applies it once. */
  idempotencyKey?: string
}

/** What a handler receives after validation. */
export type RouteArgs<R extends Route> = PartOut<'params', ParamsOf<R>> & PartOut<'query', QueryOf<R>> & PartOut<'body', BodyOf<R>>

export type RouteResult<R extends Route> = v.InferOutput<R['response']>

export const isMutation = (r: Pick<Route, 'method'>) => r.method !== 'GET'

export const API_PREFIX = '/api/v1'

/** Fills `:name` segments; every value is URI-encoded. */
export function buildPath(path: string, params: Record<string, string | number> | undefined): string {
  return API_PREFIX + path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === '') throw new Error(`missing path parameter ${name} for ${path}`)
    return encodeURIComponent(String(value))
  })
}

export const idempotencyOf = (r: Pick<Route, 'method' | 'idempotency'>): IdempotencyMode | null => (isMutation(r) ? (r.idempotency ?? 'replay') : null)

/**
 * Every error a route can answer with: what it lists, what every route may answer, and what follows
 * from its shape (a gate by role, a path id, a body, a replayed key, a rate limit). The OpenAPI document
 * and the tests that compare the mock's answers with the declaration both read this, so a route added
 * later is declared completely without anyone remembering to.
 */
export function declaredErrors(r: Route): ErrorCode[] {
  const codes = new Set<ErrorCode>([...r.errors, ...commonErrors])
  if (Array.isArray(r.access) || r.access === 'staff' || r.access === 'resident') codes.add('FORBIDDEN')
  if (r.access === 'preview') codes.add('PREVIEW_DISABLED')
  if (r.params) codes.add('NOT_FOUND')
  if (r.body || r.bodyType === 'multipart') {
    codes.add(r.bodyType === 'multipart' ? 'PAYLOAD_TOO_LARGE' : 'BODY_TOO_COMPLEX')
    codes.add('UNSUPPORTED_CONTENT_TYPE')
  }
  if (idempotencyOf(r) === 'replay') {
    codes.add('IDEMPOTENCY_KEY_REQUIRED')
    codes.add('IDEMPOTENCY_IN_PROGRESS')
    codes.add('IDEMPOTENCY_MISMATCH')
  }
  if (r.rateLimit) codes.add('RATE_LIMITED')
  return [...codes]
}

export const declaredStatuses = (r: Route): number[] => [...new Set([200, ...declaredErrors(r).map((c) => errorCatalog[c].status)])].sort((a, b) => a - b)
