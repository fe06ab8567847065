import type { ModuleName, Urgency, WorkItem, WorkTag } from '../../src/contract/common'
import type { Db, WorkItemRow } from '../db'
import { nextId, userById, type Ctx } from '../context'
import { cstDate, parseIso } from '../../src/core/time'
import { emit } from './notify'

export interface NewWorkItem {
  module: ModuleName
  objectType: string
  objectId: string
  title: string
  summary: string
  step: string
  audience: WorkItemRow['audience']
  assigneeId: string
  initiatorId: string
  urgency?: Urgency
  deadline?: string | null
  tags?: WorkTag[]
  link: string
}

/**
 * Every change to a work item goes through the functions below, never by assigning its fields in a
 * handler: each one bumps `workItemGeneration`, which tells the inbox index (lib/inbox-index.ts) that
 * its ordered lists must be rebuilt.
 */
let generation = 0
export const workItemGeneration = () => generation

/** Modules call this when a step lands on someone; the inbox shows it until the module closes it. */
export function openWorkItem(ctx: Pick<Ctx, 'db' | 'nowIso'> & Partial<Pick<Ctx, 'requestId'>>, w: NewWorkItem): WorkItemRow {
  const row: WorkItemRow = {
    id: nextId(ctx.db, 'wi'),
    module: w.module,
    objectType: w.objectType,
    objectId: w.objectId,
    title: w.title,
    summary: w.summary,
    step: w.step,
    audience: w.audience,
    status: 'open',
    version: 1,
    assigneeId: w.assigneeId,
    initiatorId: w.initiatorId,
    urgency: w.urgency ?? 'normal',
    deadline: w.deadline ?? null,
    tags: w.tags ?? (w.audience === 'assignee' ? ['todo'] : []),
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
    doneAt: null,
    urgedAt: null,
    link: w.link,
  }
  ctx.db.workItems.push(row)
  generation++
  // a step that lands on someone tells them (a seed's history is not news: only live requests notify)
  if (live(ctx) && row.audience === 'assignee') notifyOf(ctx, row, 'task', `${row.id}|open`)
  return row
}

/** Seeded history is not news: the seed replays its actions with requestId 'seed', and nobody is told. */
const live = (ctx: { requestId?: string }) => !!ctx.requestId && ctx.requestId !== 'seed'

/** The work item's event for lib/notify.ts: who, what, where it lands. */
function notifyOf(ctx: Pick<Ctx, 'db' | 'nowIso'>, row: WorkItemRow, kind: 'task' | 'urge' | 'outcome', key: string) {
  const red = row.module === 'cases' && row.urgency === 'very_urgent'
  const from = row.initiatorId !== row.assigneeId ? userById(ctx.db, row.initiatorId)?.name : undefined
  emit(ctx, { kind: red && kind === 'task' ? 'red_case' : kind, module: row.module, key, recipientIds: [row.assigneeId], subject: row.title, step: row.step, link: row.link, urgency: row.urgency, deadline: row.deadline, from })
}

/** A module's own follow-up on an item (the initiator's "where it is now"): text changes, the item moves up. */
export function updateWorkItem(ctx: Pick<Ctx, 'nowIso'>, row: WorkItemRow, patch: Partial<Pick<WorkItemRow, 'summary' | 'step' | 'title' | 'deadline' | 'urgency'>>) {
  Object.assign(row, patch)
  row.updatedAt = ctx.nowIso
  row.version++
  generation++
}

/**
 * The item leaves 待办 for 已办. A finished item says what was done and when, not what was waiting
 * ("待您核稿" → "…，您已核稿（11-25 10:00）"): `outcome` is the module's words for what this person did;
 * without it (the step ended some other way: withdrawn, handled by another) the item says it was handled.
 */
export function closeWorkItem(ctx: Pick<Ctx, 'nowIso'>, row: WorkItemRow, outcome?: string) {
  if (row.audience === 'assignee') row.summary = doneSummary(row.summary, outcome ?? '已处理', ctx.nowIso)
  row.status = 'done'
  row.doneAt = ctx.nowIso
  row.updatedAt = ctx.nowIso
  row.tags = row.tags.filter((t) => t !== 'todo' && t !== 'urge' && t !== 'overdue')
  row.version++
  generation++
}

/** "梁嘉豪的申请，待您部门负责人审批" + "您已同意" → "梁嘉豪的申请，您已同意（11-25 10:00）" */
export function doneSummary(summary: string, outcome: string, nowIso: string): string {
  const base = summary.replace(/[，,]?\s*待您.*$/, '')
  const when = `${nowIso.slice(5, 10)} ${nowIso.slice(11, 16)}`
  return `${base ? `${base}，` : ''}${outcome}（${when}）`.slice(0, 200)
}

export function urgeWorkItem(ctx: Pick<Ctx, 'nowIso'> & Partial<Pick<Ctx, 'db' | 'requestId'>>, row: WorkItemRow) {
  // a 催办 of one item tells its holder at most once a working day, however often it is pressed
  if (ctx.db && live(ctx)) notifyOf({ db: ctx.db, nowIso: ctx.nowIso }, row, 'urge', `${row.id}|urge|${cstDate(parseIso(ctx.nowIso) ?? new Date(0))}`)
  if (!row.tags.includes('urge')) row.tags = [...row.tags, 'urge']
  row.urgedAt = ctx.nowIso
  row.updatedAt = ctx.nowIso
  row.version++
  generation++
}

export function isOverdue(row: Pick<WorkItemRow, 'status' | 'deadline'>, nowIso: string): boolean {
  return row.status === 'open' && !!row.deadline && row.deadline < nowIso
}

export function presentWorkItem(db: Db, row: WorkItemRow, nowIso: string): WorkItem {
  const tags: WorkTag[] = row.tags.filter((t) => t !== 'overdue')
  if (isOverdue(row, nowIso)) tags.push('overdue')
  const { urgedAt: _urgedAt, ...rest } = row
  return {
    ...rest,
    tags,
    assigneeName: userById(db, row.assigneeId)?.name ?? '',
    initiatorName: userById(db, row.initiatorId)?.name ?? '',
  }
}
