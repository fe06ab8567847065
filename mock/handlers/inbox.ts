import { inboxRoutes } from '../../src/contract/inbox'
import { requireUser, type Registry } from '../context'
import { tabView } from '../lib/inbox-index'
import { paginate } from '../lib/paging'
import { presentWorkItem } from '../lib/workitems'

export function registerInbox(r: Registry) {
  r.on(inboxRoutes.list, (ctx, { query }) => {
    const view = tabView(ctx.db, requireUser(ctx).id, query.tab, ctx.nowIso, query.module)
    const page = paginate(view.rows, query.cursor, query.limit ?? 20)
    return { items: page.items.map((w) => presentWorkItem(ctx.db, w, ctx.nowIso)), nextCursor: page.nextCursor }
  })

  r.on(inboxRoutes.counts, (ctx) => {
    const me = requireUser(ctx).id
    const todo = tabView(ctx.db, me, 'todo', ctx.nowIso)
    return {
      todo: todo.rows.length,
      done: tabView(ctx.db, me, 'done', ctx.nowIso).rows.length,
      initiated: tabView(ctx.db, me, 'initiated', ctx.nowIso).open,
      cc: tabView(ctx.db, me, 'cc', ctx.nowIso).open,
      overdue: todo.overdue,
      urged: todo.urged,
    }
  })
}
