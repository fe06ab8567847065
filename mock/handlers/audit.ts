import { routes } from '../../src/contract/routes'
import type { Registry } from '../context'
import { verifyAudit } from '../lib/audit'
import { paginate } from '../lib/paging'

export function registerAudit(r: Registry) {
  r.on(routes.audit.list, (ctx, { query }) => {
    const rows = ctx.db.audit
      .filter(
        (e) =>
          (!query.objectType || e.objectType === query.objectType) &&
          (!query.objectId || e.objectId === query.objectId) &&
          (!query.actorId || e.actorId === query.actorId) &&
          (!query.date || e.at.startsWith(query.date)),
      )
      .slice()
      .reverse()
    return paginate(rows, query.cursor, query.limit ?? 50)
  })
  r.on(routes.audit.verify, (ctx) => verifyAudit(ctx.db.audit))
}
