import type { Role } from '../src/contract/common'
import type { Route, RouteArgs, RouteResult } from '../src/contract/route'
import type { Db, UserRow } from './db'
import { appendAudit } from './lib/audit'
import { fail } from './lib/errors'

/** What a handler sees: the database, the clock, the caller, and the mechanisms every module reuses. */
export interface Ctx {
  db: Db
  now: Date
  nowIso: string
  user: UserRow | null
  /** the bearer token of this request, when signed in */
  sessionToken: string | null
  requestId: string
  preview: boolean
  /** the contract's name of the route being served, e.g. auth.wecomLogin */
  routeName?: string
  /** set by the dispatcher: the multipart file of an upload */
  file?: { name: string; mime: string; data: Uint8Array }
}

export type Handler<R extends Route> = (ctx: Ctx, args: RouteArgs<R>) => RouteResult<R> | Promise<RouteResult<R>>

export interface Registry {
  on<R extends Route>(route: R, handler: Handler<R>): void
}

export function requireUser(ctx: Ctx): UserRow {
  return ctx.user ?? fail('UNAUTHENTICATED')
}

export const hasRole = (user: UserRow | null, ...roles: Role[]) => !!user && user.roles.some((r) => roles.includes(r))

/**
 * Object-level check: callers who may not see an object learn nothing about it, not even that it
 * exists, so the answer is the same 404 as for an id that was never issued.
 */
export function visibleOr404<T>(row: T | undefined, visible: (row: T) => boolean): T {
  if (!row || !visible(row)) return fail('NOT_FOUND')
  return row
}

/** The actor of changes nobody asked for in this request: escalations when a promise runs out. */
export const SYSTEM_ACTOR = { id: 'system', name: '系统' }

/** Records one state change in the hash-chained audit log. Every state change calls this exactly once. */
export function audit(ctx: Ctx, action: string, objectType: string, objectId: string, summary: string, actor: { id: string; name: string } = requireUser(ctx)) {
  appendAudit(ctx.db.audit, {
    at: ctx.nowIso,
    actorId: actor.id,
    actorName: actor.name,
    action,
    objectType,
    objectId,
    summary,
    requestId: ctx.requestId,
  })
}

export function nextId(db: Db, prefix: string): string {
  const n = (db.counters[prefix] ?? 0) + 1
  db.counters[prefix] = n
  return `${prefix}-${String(n).padStart(3, '0')}`
}

/** Optimistic concurrency: the caller acted on what they saw; if it changed since, they must look again. */
export function checkVersion(current: number, seen: number) {
  if (current !== seen) fail('VERSION_CONFLICT')
}

export function userById(db: Db, id: string): UserRow | undefined {
  return db.users.find((u) => u.id === id)
}

export function deptName(db: Db, deptId: string | null): string | null {
  if (!deptId) return null
  return db.departments.find((d) => d.id === deptId)?.name ?? null
}
