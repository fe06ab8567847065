import type { InboxTab } from '../../src/contract/inbox'
import type { Db, WorkItemRow } from '../db'
import { isOverdue, workItemGeneration } from './workitems'

/**
 * The unified inbox's index: work items bucketed by the person they are for, and each tab's ordered
 * list kept until a work item changes (lib/workitems.ts bumps a generation on every change) or, for
 * 待办, until the next open item's deadline passes (逾期 items sort first). A page then costs a slice and
 * the counts a few lengths, whether the person has 30 items or 30,000; a real BFF gets the same from
 * an index on (assignee, audience, status) and a sort key column.
 */
interface Ordered {
  generation: number
  /** computed at this instant; valid while now ≤ `validUntil` (an item is overdue once now passes its deadline) */
  at: string
  validUntil: string
  rows: WorkItemRow[]
  /** open items, and of 待办 the overdue and the chased ones, as of `at` */
  open: number
  overdue: number
  urged: number
}

interface Index {
  indexed: number
  byPerson: Map<string, WorkItemRow[]>
  ordered: Map<string, Ordered>
}

const indexes = new WeakMap<WorkItemRow[], Index>()

/** Rows are only ever appended, so the index catches up with the new tail; a reseed is a new array. */
function indexOf(db: Db): Index {
  let ix = indexes.get(db.workItems)
  if (!ix) {
    ix = { indexed: 0, byPerson: new Map(), ordered: new Map() }
    indexes.set(db.workItems, ix)
  }
  for (; ix.indexed < db.workItems.length; ix.indexed++) {
    const row = db.workItems[ix.indexed]
    const mine = ix.byPerson.get(row.assigneeId)
    if (mine) mine.push(row)
    else ix.byPerson.set(row.assigneeId, [row])
  }
  return ix
}

export const inTab: Record<InboxTab, (w: WorkItemRow) => boolean> = {
  todo: (w) => w.audience === 'assignee' && w.status === 'open',
  done: (w) => w.audience === 'assignee' && w.status === 'done',
  initiated: (w) => w.audience === 'initiator',
  cc: (w) => w.audience === 'cc',
}

const urgencyRank = { very_urgent: 0, urgent: 1, normal: 2 } as const

/** 待办: overdue first, then chased, then urgency, then the nearest deadline; other tabs: newest first. */
export function orderRows(tab: InboxTab, rows: WorkItemRow[], nowIso: string): WorkItemRow[] {
  if (tab !== 'todo') return [...rows].sort((a, b) => (b.updatedAt > a.updatedAt ? 1 : b.updatedAt < a.updatedAt ? -1 : 0))
  const keyed = rows.map((w) => ({
    w,
    k: [isOverdue(w, nowIso) ? 0 : 1, w.tags.includes('urge') ? 0 : 1, urgencyRank[w.urgency], w.deadline ?? '9999', w.createdAt] as const,
  }))
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i] < b.k[i] ? -1 : 1
    return 0
  })
  return keyed.map((x) => x.w)
}

/** One person's tab (of one module, if asked), in inbox order, with its counts. */
export function tabView(db: Db, userId: string, tab: InboxTab, nowIso: string, module?: string): Ordered {
  const ix = indexOf(db)
  const key = `${userId}\u0000${tab}\u0000${module ?? ''}`
  const cached = ix.ordered.get(key)
  if (cached && cached.generation === workItemGeneration() && nowIso >= cached.at && nowIso <= cached.validUntil) return cached
  const rows = orderRows(tab, (ix.byPerson.get(userId) ?? []).filter((w) => inTab[tab](w) && (!module || w.module === module)), nowIso)
  // the order of 待办 changes when an item becomes overdue: at the earliest deadline still ahead
  let validUntil = '\uffff'
  let open = 0
  let overdue = 0
  let urged = 0
  for (const w of rows) {
    if (w.status === 'open') open++
    if (tab !== 'todo') continue
    if (isOverdue(w, nowIso)) overdue++
    else if (w.deadline && w.deadline < validUntil) validUntil = w.deadline
    if (w.tags.includes('urge')) urged++
  }
  const view = { generation: workItemGeneration(), at: nowIso, validUntil, rows, open, overdue, urged }
  ix.ordered.set(key, view)
  return view
}
