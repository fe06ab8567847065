import type { Ctx } from '../context'
import type { UserRow } from '../db'

/**
 * Sign-ins and sign-outs, kept beside the business audit rather than in it: the audit chain records
 * what was done to the district's records, this records who held a session and when, for the
 * security review. The token never appears here.
 */
export function logSession(ctx: Ctx, event: 'sign-in' | 'sign-out', user: UserRow) {
  const via = (ctx.routeName ?? '').replace(/^auth\.|Login$/g, '') || 'unknown'
  ;(ctx.db.sessionLog ??= []).push({ at: ctx.nowIso, event, userId: user.id, userName: user.name, via: event === 'sign-out' ? 'logout' : via, requestId: ctx.requestId })
}
