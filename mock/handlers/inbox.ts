import type { WorkItem } from '../../src/contract/common'
import type { InboxTab } from '../../src/contract/inbox'
import { routes } from '../../src/contract/routes'
import type { WorkItemRow } from '../db'
import { requireUser, type Ctx, type Registry } from '../context'
import { paginate } from '../lib/paging'
import { presentWorkItem } from '../lib/workitems'

const inTab: Record<InboxTab, (w: WorkItemRow, userId: string) => boolean> = {
  todo: (w, me) => w.audience === 'assignee' && w.assigneeId === me && w.status === 'open',
  done: (w, me) => w.audience === 'assignee' && w.assigneeId === me && w.status === 'done',
  initiated: (w, me) => w.audience === 'initiator' && w.assigneeId === me,
  cc: (w, me) => w.audience === 'cc' && w.assigneeId === me,
}

const urgencyRank = { very_urgent: 0, urgent: 1, normal: 2 } as const

/** 待办: overdue first, then chased, then urgency, then the nearest deadline; other tabs: newest first. */
function order(tab: InboxTab, items: WorkItem[]): WorkItem[] {
  if (tab !== 'todo') return [...items].sort((a, b) => (b.updatedAt > a.updatedAt ? 1 : b.updatedAt < a.updatedAt ? -1 : 0))
  const key = (w: WorkItem) => [
    w.tags.includes('overdue') ? 0 : 1,
    w.tags.includes('urge') ? 0 : 1,
    urgencyRank[w.urgency],
    w.deadline ?? '9999',
    w.createdAt,
  ]
  return [...items].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
    return 0
  })
}

function itemsFor(ctx: Ctx, tab: InboxTab): WorkItem[] {
  const me = requireUser(ctx).id
  return ctx.db.workItems.filter((w) => inTab[tab](w, me)).map((w) => presentWorkItem(ctx.db, w, ctx.nowIso))
}

export function registerInbox(r: Registry) {
  r.on(routes.inbox.list, (ctx, { query }) => {
    const items = order(query.tab, itemsFor(ctx, query.tab)).filter((w) => !query.module || w.module === query.module)
    return paginate(items, query.cursor, query.limit ?? 20)
  })

  r.on(routes.inbox.counts, (ctx) => {
    const todo = itemsFor(ctx, 'todo')
    return {
      todo: todo.length,
      done: itemsFor(ctx, 'done').length,
      initiated: itemsFor(ctx, 'initiated').filter((w) => w.status === 'open').length,
      cc: itemsFor(ctx, 'cc').filter((w) => w.status === 'open').length,
      overdue: todo.filter((w) => w.tags.includes('overdue')).length,
      urged: todo.filter((w) => w.tags.includes('urge')).length,
    }
  })
}
