import type * as v from 'valibot'
import type { ErrorCode } from './errors'
import type { Role } from './common'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * Who may call a route at all. Object-level checks (is this document routed to you?) happen in the
 * handler; this is the coarse gate the mock and a real BFF both apply first.
 */
export type Access = 'public' | 'preview' | 'user' | 'staff' | 'resident' | readonly Role[]

type Schema = v.GenericSchema

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
  /** Errors particular to this route; commonErrors apply to all. */
  errors: readonly ErrorCode[]
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
