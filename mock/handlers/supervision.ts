import type { AvailableAction } from '../../src/contract/common'
import {
  evidenceKindLabels,
  ladderStepLabels,
  ladderSteps,
  supervisionSourceLabels,
  supervisionSources,
  supervisionStatusLabels,
  type Evidence,
  type LadderStep,
  type Light,
  type SupervisionAction,
  type SupervisionDetail,
  type SupervisionSummary,
} from '../../src/contract/supervision'
import { routes } from '../../src/contract/routes'
import type { RouteArgs } from '../../src/contract/route'
import { cstAt, cstDate, toIso } from '../../src/core/time'
import { addWorkdays, dueAfterWorkdays, isOfficeHours, workdaysBetween } from '../../src/core/workdays'
import type { Db, UserRow } from '../db'
import type { SupDeptRow, SupItemRow, SupRules } from '../supervision-db'
import { audit, deptName, nextId, requireUser, SYSTEM_ACTOR, userById, visibleOr404, type Ctx, type Registry } from '../context'
import { fail } from '../lib/errors'
import { officeOf } from '../lib/org'
import { paginate } from '../lib/paging'
import { closeWorkItem, openWorkItem, urgeWorkItem } from '../lib/workitems'
import { canSeeDocument } from './documents'

export const supervisionLink = (id: string) => `/features/supervision/pages/detail/index?id=${id}`
const STALE = '该督办事项已被他人处理，请刷新后重试'
const RUNNING = new Set(['signing', 'in_progress'])
const FINISHED = new Set(['done', 'archived'])

const nameOf = (db: Db, id: string | null) => (id ? (userById(db, id)?.name ?? '') : '')
const isSupervisor = (u: UserRow) => u.roles.includes('supervisor')
/** 督查室负责人: the supervisor who heads the 督查室 reviews every item. */
export const isSupervisionHead = (u: UserRow) => isSupervisor(u) && u.roles.includes('dept_head')
const unitOf = (db: Db, deptId: string) => db.supervision.units.find((x) => x.deptId === deptId)
const liveDepts = (s: SupItemRow) => s.depts.filter((d) => d.state !== 'declined')
const mainDept = (s: SupItemRow) => s.depts.find((d) => d.role === 'main' && d.state !== 'declined')

/** Whether a person works for a unit: its own staff (any sub-unit), or its 联络员 / head on the roster. */
function memberOf(db: Db, me: UserRow, deptId: string): boolean {
  const u = unitOf(db, deptId)
  if (u && (u.headId === me.id || u.liaisonId === me.id)) return true
  return officeOf(db, me.deptId) === deptId || me.deptId === deptId
}
const isHeadOf = (db: Db, me: UserRow, deptId: string) => unitOf(db, deptId)?.headId === me.id
const myDepts = (db: Db, s: SupItemRow, me: UserRow) => liveDepts(s).filter((d) => memberOf(db, me, d.deptId))

/** The deadline in force: the last approved 延期, else the one set at 立项. */
export function deadlineOf(s: SupItemRow): string {
  const approved = s.extensions.filter((e) => e.state === 'approved')
  return approved.length ? approved[approved.length - 1].to : s.deadline
}

export function canSeeItem(db: Db, s: SupItemRow, me: UserRow): boolean {
  if (isSupervisor(me)) return true
  if (s.leaderId === me.id) return true
  if (s.status === 'review' || s.status === 'returned' || s.status === 'to_assign') {
    // before 交办 only the 督查室 and the leader know of it; a unit whose item came back keeps it
    if (!s.depts.some((d) => d.state === 'signed' && memberOf(db, me, d.deptId))) return false
  }
  return myDepts(db, s, me).length > 0 || s.subtasks.some((t) => t.ownerId === me.id)
}

function findVisible(ctx: Ctx, id: string): SupItemRow {
  const me = requireUser(ctx)
  return visibleOr404(
    ctx.db.supervision.items.find((s) => s.id === id),
    (s) => canSeeItem(ctx.db, s, me),
  )
}

// ---------------------------------------------------------------------------------------------
// lights: computed on the working-day calendar whenever an item is read, never stored

/** When the 主办's k-th feedback is due (k = 1, 2 …), up to the deadline in force. */
export function feedbackDues(s: SupItemRow, rules: SupRules): Date[] {
  if (!s.startedAt) return []
  const end = deadlineOf(s)
  const every = rules.rhythmWorkdays[s.rhythm]
  if (every === null) return s.subtasks.map((t) => t.deadline).sort().filter((x) => x <= end).map((x) => new Date(Date.parse(x)))
  const out: Date[] = []
  const start = cstDate(new Date(Date.parse(s.startedAt)))
  for (let k = 1; k < 200; k++) {
    const due = cstAt(addWorkdays(start, k * every), 18)
    if (toIso(due) >= end) break
    out.push(due)
  }
  return out
}

const mainFeedbacks = (s: SupItemRow) => s.feedbacks.filter((f) => f.role === 'main')
const lateDays = (due: Date, at: Date) => workdaysBetween(cstDate(due), cstDate(at))
const lateWords = (n: number) => (n > 0 ? ` ${n} 个工作日` : '（今日）')

export interface LightVerdict {
  light: Light
  reason: string
}

/**
 * Red: past the deadline, a department that has not signed within its day, or a feedback that is
 * due and missing. A late feedback that arrives turns red into yellow, never straight into green:
 * green returns with the next feedback given on time. Yellow also when the deadline is near
 * (the threshold per level is data).
 */
export function lightOf(s: SupItemRow, rules: SupRules, now: Date, unitName: (deptId: string) => string = () => '有单位'): LightVerdict | null {
  if (!RUNNING.has(s.status)) return null
  const nowIso = toIso(now)
  const today = cstDate(now)
  const end = deadlineOf(s)
  const endDay = cstDate(new Date(Date.parse(end)))
  if (end < nowIso) return { light: 'red', reason: `已超过办结时限${lateWords(workdaysBetween(endDay, today))}` }
  if (s.status === 'signing') {
    for (const d of s.depts.filter((x) => x.state === 'pending')) {
      const due = dueAfterWorkdays(new Date(Date.parse(d.assignedAt)), rules.signWithin)
      if (toIso(due) < nowIso) return { light: 'red', reason: `${unitName(d.deptId)}逾期未签收（应在 ${rules.signWithin} 个工作日内签收）` }
    }
  }
  const dues = feedbackDues(s, rules)
  const fbs = mainFeedbacks(s)
  const passed = dues.filter((d) => toIso(d) < nowIso)
  if (fbs.length < passed.length) {
    const k = fbs.length
    return { light: 'red', reason: `第 ${k + 1} 次反馈已逾期${lateWords(lateDays(passed[k], now))}` }
  }
  const left = workdaysBetween(today, endDay)
  const within = rules.yellowWithin[s.level]
  if (passed.length && fbs.length === passed.length) {
    const k = passed.length - 1
    const at = new Date(Date.parse(fbs[k].at))
    if (fbs[k].at > toIso(passed[k])) return { light: 'yellow', reason: `第 ${k + 1} 次反馈逾期${lateWords(lateDays(passed[k], at))}后补报，下次按时反馈后转绿` }
  }
  if (left <= within) return { light: 'yellow', reason: left === 0 ? `今天到期（≤${within} 个工作日为黄灯）` : `距办结时限 ${left} 个工作日（≤${within} 个工作日为黄灯）` }
  return { light: 'green', reason: `按期推进，距办结时限 ${left} 个工作日` }
}

export const lightFor = (db: Db, s: SupItemRow, now: Date) => lightOf(s, db.supervision.rules, now, (x) => deptName(db, x) ?? '')

// ---------------------------------------------------------------------------------------------
// inbox: the open assignee items of an item always equal what its state asks of people

interface Want {
  assigneeId: string
  step: string
  summary: string
  deadline: string | null
  tags?: ('todo' | 'returned')[]
}

function wanted(db: Db, s: SupItemRow): Want[] {
  const out: Want[] = []
  const heads = db.users.filter((u) => isSupervisionHead(u))
  switch (s.status) {
    case 'review':
      for (const h of heads) out.push({ assigneeId: h.id, step: '审核', summary: `${nameOf(db, s.creatorId)}立项，待您审核`, deadline: null })
      break
    case 'returned':
      out.push({ assigneeId: s.creatorId, step: '退回修改', summary: '审核退回，请修改后重新送审', deadline: null, tags: ['todo', 'returned'] })
      break
    case 'to_assign':
      out.push({ assigneeId: s.creatorId, step: '交办', summary: s.depts.some((d) => d.state === 'declined') ? '主办单位退回，请重新交办' : '审核通过，待交办', deadline: null, tags: s.depts.some((d) => d.state === 'declined' && d.role === 'main') ? ['todo', 'returned'] : ['todo'] })
      break
    case 'signing':
      for (const d of s.depts.filter((x) => x.state === 'pending')) {
        const u = unitOf(db, d.deptId)
        const due = toIso(dueAfterWorkdays(new Date(Date.parse(d.assignedAt)), db.supervision.rules.signWithin))
        for (const who of [...new Set([u?.headId, u?.liaisonId].filter((x): x is string => !!x))]) {
          out.push({ assigneeId: who, step: d.role === 'main' ? '签收（主办）' : '签收（协办）', summary: `${supervisionSourceLabels[s.source]}，1 个工作日内签收`, deadline: due })
        }
      }
      break
    case 'in_progress': {
      for (const d of liveDepts(s)) {
        const head = unitOf(db, d.deptId)?.headId
        if (head) out.push({ assigneeId: head, step: d.role === 'main' ? '主办' : '协办', summary: d.role === 'main' ? '牵头办理，按期反馈进展' : '配合主办单位办理，向主办反馈', deadline: deadlineOf(s) })
      }
      for (const t of s.subtasks.filter((x) => x.state === 'open')) out.push({ assigneeId: t.ownerId, step: '子任务', summary: t.title, deadline: t.deadline })
      const pending = s.extensions.find((e) => e.state === 'pending_supervisor' || e.state === 'pending_leader')
      if (pending) out.push({ assigneeId: pending.state === 'pending_leader' ? s.leaderId : s.creatorId, step: '延期审批', summary: `申请延期至 ${pending.to.slice(0, 10)}：${pending.reason}`.slice(0, 120), deadline: null })
      break
    }
    case 'checking':
      out.push({ assigneeId: s.creatorId, step: '复核', summary: '主办单位申请办结，待复核', deadline: null })
      break
    case 'done':
      out.push({ assigneeId: s.creatorId, step: '归档', summary: '已办结，待归档', deadline: null })
      break
  }
  return out
}

const itemsOf = (db: Db, s: SupItemRow) => db.workItems.filter((w) => w.module === 'supervision' && w.objectId === s.id)

function itemBase(s: SupItemRow) {
  return { module: 'supervision' as const, objectType: 'supervision', objectId: s.id, title: s.title.slice(0, 60), initiatorId: s.creatorId, urgency: s.urgency, link: supervisionLink(s.id) }
}

function syncItems(ctx: Pick<Ctx, 'db' | 'nowIso'>, s: SupItemRow) {
  const want = wanted(ctx.db, s)
  // two sub-tasks of one person are two entries: the summary (the sub-task's title) tells them apart
  const key = (a: string, b: string, c: string) => `${a}|${b}|${c}`
  const wantKeys = new Set(want.map((w) => key(w.assigneeId, w.step, w.summary)))
  const open = itemsOf(ctx.db, s).filter((w) => w.audience === 'assignee' && w.status === 'open')
  for (const w of open) if (!wantKeys.has(key(w.assigneeId, w.step, w.summary))) closeWorkItem(ctx, w)
  const have = new Set(open.filter((w) => wantKeys.has(key(w.assigneeId, w.step, w.summary))).map((w) => key(w.assigneeId, w.step, w.summary)))
  for (const w of want) {
    if (have.has(key(w.assigneeId, w.step, w.summary))) continue
    openWorkItem(ctx, { ...itemBase(s), summary: w.summary, step: w.step, audience: 'assignee', assigneeId: w.assigneeId, deadline: w.deadline, tags: w.tags ?? ['todo'] })
  }
  let init = itemsOf(ctx.db, s).find((w) => w.audience === 'initiator')
  if (!init) init = openWorkItem(ctx, { ...itemBase(s), summary: '', step: '', audience: 'initiator', assigneeId: s.creatorId, tags: [] })
  init.summary = statusText(ctx.db, s)
  init.step = supervisionStatusLabels[s.status]
  init.deadline = deadlineOf(s)
  init.updatedAt = ctx.nowIso
  if (s.status === 'archived' && init.status === 'open') closeWorkItem(ctx, init)
}

/** Open assignee items of an item, for tests and the model: who must act now. */
export function wantedOf(db: Db, s: SupItemRow) {
  return wanted(db, s).map((w) => `${w.assigneeId}|${w.step}|${w.summary}`)
}

// ---------------------------------------------------------------------------------------------
// what the person looking may do now

const A = (key: SupervisionAction, label: string, opinion: AvailableAction['opinion'], opinionLabel: string | null, style: AvailableAction['style']): AvailableAction => ({ key, label, opinion, opinionLabel, style })

export function nextLadderStep(s: SupItemRow): LadderStep | null {
  const last = s.escalations[s.escalations.length - 1]
  if (!last) return 'remind'
  return ladderSteps[ladderSteps.indexOf(last.step) + 1] ?? null
}

export function actionsFor(db: Db, s: SupItemRow, me: UserRow): AvailableAction[] {
  const out: AvailableAction[] = []
  const sup = isSupervisor(me)
  const main = mainDept(s)
  const mainHead = !!main && isHeadOf(db, me, main.deptId)
  const pendingExt = s.extensions.find((e) => e.state === 'pending_supervisor' || e.state === 'pending_leader')
  switch (s.status) {
    case 'review':
      if (isSupervisionHead(me)) out.push(A('approve', '审核通过', 'optional', '审核意见（可不填）', 'primary'), A('reject', '退回修改', 'required', '退回理由', 'danger'))
      break
    case 'returned':
      if (s.creatorId === me.id) out.push(A('submit', '重新送审', 'optional', '修改说明（可不填）', 'primary'))
      break
    case 'to_assign':
      if (sup) out.push(A('assign', '交办', 'optional', '交办要求（可不填）', 'primary'))
      break
    case 'signing':
      for (const d of s.depts.filter((x) => x.state === 'pending')) {
        const u = unitOf(db, d.deptId)
        if (u && (u.headId === me.id || u.liaisonId === me.id)) {
          out.push(A('sign', '签收', 'none', null, 'primary'), A('decline', '退回', 'required', '退回理由（如：不属于本单位职责）', 'danger'))
          break
        }
      }
      break
    case 'in_progress':
      if (mainHead) {
        out.push(A('request_finish', '申请办结', 'required', '办结情况说明', 'primary'))
        if (s.subtasks.length < 20) out.push(A('add_subtask', '分解任务', 'none', null, 'default'))
        if (!pendingExt) out.push(A('request_extension', '申请延期', 'required', '延期理由', 'default'))
      }
      if (s.subtasks.some((t) => t.state === 'open' && (t.ownerId === me.id || mainHead))) out.push(A('finish_subtask', '完成子任务', 'required', '完成情况', 'default'))
      if (pendingExt && ((pendingExt.state === 'pending_supervisor' && sup) || (pendingExt.state === 'pending_leader' && s.leaderId === me.id))) {
        out.push(A('approve_extension', '同意延期', 'optional', '审批意见（可不填）', 'primary'), A('refuse_extension', '不同意延期', 'required', '不同意的理由', 'danger'))
      }
      break
    case 'checking':
      if (sup) out.push(A('pass', '复核通过', 'optional', '复核意见（可不填）', 'primary'), A('refuse', '复核退回', 'required', '退回理由', 'danger'))
      break
    case 'done':
      if (sup) out.push(A('archive', '归档', 'none', null, 'primary'))
      break
  }
  const step = nextLadderStep(s)
  if (sup && RUNNING.has(s.status) && step) out.push(A('escalate', ladderStepLabels[step], 'optional', `${ladderStepLabels[step]}内容（可不填）`, 'default'))
  return out
}

function canFeedback(db: Db, s: SupItemRow, me: UserRow) {
  return s.status === 'in_progress' && myDepts(db, s, me).some((d) => d.state === 'signed')
}

function statusText(_db: Db, s: SupItemRow): string {
  if (s.status === 'signing') {
    const pending = s.depts.filter((d) => d.state === 'pending').length
    return `待签收（${pending} 个单位未签收）`
  }
  if (s.status === 'in_progress') {
    const ext = s.extensions.find((e) => e.state === 'pending_supervisor' || e.state === 'pending_leader')
    const open = s.subtasks.filter((t) => t.state === 'open').length
    return ext ? '办理中（延期审批中）' : open ? `办理中（${open} 个子任务未完成）` : '办理中'
  }
  return supervisionStatusLabels[s.status]
}

function progressOf(s: SupItemRow) {
  const fbs = mainFeedbacks(s)
  if (FINISHED.has(s.status)) return 100
  return fbs.length ? fbs[fbs.length - 1].percent : 0
}

export function summaryOf(db: Db, s: SupItemRow, now: Date): SupervisionSummary {
  const l = lightFor(db, s, now)
  const main = mainDept(s)
  return {
    id: s.id,
    code: s.code,
    title: s.title,
    source: s.source,
    level: s.level,
    urgency: s.urgency,
    status: s.status,
    statusText: statusText(db, s),
    mainDeptName: main ? deptName(db, main.deptId) : null,
    leaderName: nameOf(db, s.leaderId),
    deadline: deadlineOf(s),
    light: l?.light ?? null,
    lightReason: l?.reason ?? null,
    progress: progressOf(s),
    updatedAt: s.updatedAt,
  }
}

function personOf(db: Db, id: string) {
  const u = userById(db, id)
  return { id, name: u?.name ?? '', deptName: deptName(db, u?.deptId ?? null) ?? '', position: u?.position ?? '' }
}

const fileList = (db: Db, ids: string[]) =>
  ids
    .map((x) => db.files.find((f) => f.id === x))
    .filter((f): f is NonNullable<typeof f> => !!f)
    .map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime }))

/** 最多报一次: what the system already knows that this person's feedback may carry, not yet reported. */
export function evidenceOffers(db: Db, s: SupItemRow, me: UserRow): Evidence[] {
  if (!canFeedback(db, s, me)) return []
  const used = new Set(s.feedbacks.flatMap((f) => f.evidence.map((e) => `${e.kind}:${e.refId}`)))
  const out: Evidence[] = []
  const doc = s.documentId ? db.documents.find((d) => d.id === s.documentId) : undefined
  if (doc && doc.status === 'done') {
    const result = [...doc.opinions].reverse().find((o) => o.stage === 'handle')
    if (result) out.push({ kind: 'document', refId: doc.id, label: `${evidenceKindLabels.document}：${doc.title}`.slice(0, 80), text: result.text })
  }
  for (const t of s.subtasks.filter((x) => x.state === 'done')) out.push({ kind: 'subtask', refId: t.id, label: `${evidenceKindLabels.subtask}：${t.title}`, text: t.result ?? '' })
  const mine = myDepts(db, s, me).map((d) => d.deptId)
  for (const r of db.requests) {
    if (r.status !== 'done' || !r.finishedAt || !s.startedAt || r.finishedAt < s.startedAt) continue
    const applicant = userById(db, r.applicantId)
    if (!applicant || !mine.some((x) => memberOf(db, applicant, x))) continue
    const item = db.catalogue.find((c) => c.id === r.itemId)
    out.push({ kind: 'request', refId: r.id, label: `${evidenceKindLabels.request}：${item?.name ?? ''}（${applicant.name}）`, text: `${item?.name ?? '申请'}已于 ${r.finishedAt.slice(0, 10)} 办结` })
  }
  return out.filter((e) => !used.has(`${e.kind}:${e.refId}`))
}

/**
 * Whether `me` may open this file through a supervision item: the 立项 basis's attachments with the
 * item, a feedback's with that feedback (a 协办 unit sees only its own reports, as in the detail).
 */
export function supervisionFileVisible(db: Db, fileId: string, me: UserRow): boolean {
  return db.supervision.items.some((s) => {
    const onBasis = s.attachmentIds.includes(fileId)
    const onFeedback = s.feedbacks.filter((f) => f.attachmentIds.includes(fileId))
    if (!onBasis && !onFeedback.length) return false
    if (!canSeeItem(db, s, me)) return false
    if (onBasis) return true
    const seeAll = isSupervisor(me) || s.leaderId === me.id || (!!mainDept(s) && memberOf(db, me, mainDept(s)!.deptId))
    const mine = new Set(myDepts(db, s, me).map((d) => d.deptId))
    return seeAll || onFeedback.some((f) => mine.has(f.deptId))
  })
}

function present(ctx: Ctx, s: SupItemRow): SupervisionDetail {
  const me = requireUser(ctx)
  const db = ctx.db
  const seeAll = isSupervisor(me) || s.leaderId === me.id || (!!mainDept(s) && memberOf(db, me, mainDept(s)!.deptId))
  const mine = new Set(myDepts(db, s, me).map((d) => d.deptId))
  const dues = feedbackDues(s, db.supervision.rules)
  let mainRound = 0
  let assistRound = 0
  const doc = s.documentId ? db.documents.find((d) => d.id === s.documentId) : undefined
  return {
    ...summaryOf(db, s, ctx.now),
    basis: s.basis,
    attachments: fileList(db, s.attachmentIds),
    originalDeadline: s.deadline,
    rhythm: s.rhythm,
    creator: personOf(db, s.creatorId),
    leader: personOf(db, s.leaderId),
    document: doc && canSeeDocument(db, doc, me) ? { id: doc.id, title: doc.title, docNumber: doc.docNumber } : null,
    departments: s.depts.map((d) => {
      const u = unitOf(db, d.deptId)
      return { deptId: d.deptId, name: deptName(db, d.deptId) ?? '', role: d.role, state: d.state, headName: nameOf(db, u?.headId ?? null), liaisonName: nameOf(db, u?.liaisonId ?? null), signedAt: d.signedAt, declineReason: d.declineReason }
    }),
    // a 协办 unit sees its own share of the split, the 主办 and the 督查室 see all of it
    subtasks: s.subtasks
      .filter((t) => seeAll || mine.has(t.deptId) || t.ownerId === me.id)
      .map((t) => {
        const b = t.blockedBy ? s.subtasks.find((x) => x.id === t.blockedBy) : undefined
        return { id: t.id, title: t.title, ownerName: nameOf(db, t.ownerId), deptName: deptName(db, t.deptId) ?? '', deadline: t.deadline, state: t.state, doneAt: t.doneAt, result: t.result, blockedBy: b?.id ?? null, blockedByTitle: b?.title ?? null }
      }),
    feedbacks: s.feedbacks
      .map((f) => {
        const round = f.role === 'main' ? ++mainRound : ++assistRound
        const due = f.role === 'main' ? dues[round - 1] : undefined
        return {
          id: f.id,
          round,
          at: f.at,
          byName: nameOf(db, f.byId),
          deptName: deptName(db, f.deptId) ?? '',
          role: f.role,
          progress: f.progress,
          difficulty: f.difficulty,
          nextStep: f.nextStep,
          percent: f.percent,
          late: !!due && f.at > toIso(due),
          evidence: f.evidence,
          attachments: fileList(db, f.attachmentIds),
          deptId: f.deptId,
        }
      })
      .filter((f) => seeAll || mine.has(f.deptId)),
    nextFeedbackDue: s.status === 'in_progress' ? (dues[mainFeedbacks(s).length] ? toIso(dues[mainFeedbacks(s).length]) : null) : null,
    extensions: s.extensions.map((e) => ({
      id: e.id,
      byName: nameOf(db, e.byId),
      at: e.at,
      from: e.from,
      to: e.to,
      reason: e.reason,
      state: e.state,
      stateText: { pending_supervisor: '待督查室审批', pending_leader: '待牵头领导审批', approved: '已同意', refused: '未同意' }[e.state],
      decisions: e.decisions.map((x) => ({ name: nameOf(db, x.userId), at: x.at, approved: x.approved, note: x.note })),
    })),
    escalations: s.escalations.map((e) => ({ step: e.step, label: ladderStepLabels[e.step], at: e.at, byName: e.automatic ? SYSTEM_ACTOR.name : nameOf(db, e.byId), toNames: e.toIds.map((x) => nameOf(db, x)), note: e.note, automatic: e.automatic })),
    evidenceOffers: evidenceOffers(db, s, me),
    subtaskOwners: s.status === 'in_progress' && mainDept(s) && isHeadOf(db, me, mainDept(s)!.deptId) ? ownerCandidates(db, s).map((u) => personOf(db, u.id)) : [],
    nextLadderStep: isSupervisor(me) && RUNNING.has(s.status) ? nextLadderStep(s) : null,
    canFeedback: canFeedback(db, s, me),
    version: s.version,
    availableActions: actionsFor(db, s, me),
    timeline: s.timeline,
  }
}

function ownerCandidates(db: Db, s: SupItemRow): UserRow[] {
  const signed = liveDepts(s).filter((d) => d.state === 'signed').map((d) => d.deptId)
  return db.users.filter((u) => u.kind === 'staff' && signed.some((d) => memberOf(db, u, d)))
}

// ---------------------------------------------------------------------------------------------
// 立项

type ItemBody = RouteArgs<typeof routes.supervision.create>['body']

function checkDepts(db: Db, mainId: string, assistIds: string[], field: string) {
  const bad = (f: string, message: string): never => fail('BAD_REQUEST', message, { field: `body.${f}` })
  if (!unitOf(db, mainId)) bad(field === 'assign' ? 'mainDeptId' : 'mainDeptId', `${deptName(db, mainId) ?? '所选单位'}暂无督查联络员，不能交办，请先在联络员名册中登记`)
  const assists = [...new Set(assistIds)].filter((x) => x !== mainId)
  for (const a of assists) if (!unitOf(db, a)) bad('assistDeptIds', `${deptName(db, a) ?? '所选单位'}暂无督查联络员，不能交办，请先在联络员名册中登记`)
  return assists
}

export function createItem(ctx: Ctx, body: ItemBody): SupItemRow {
  const me = requireUser(ctx)
  const db = ctx.db
  const bad = (f: string, message: string): never => fail('BAD_REQUEST', message, { field: `body.${f}` })
  const leader = userById(db, body.leaderId)
  if (!leader || !leader.roles.includes('leader')) bad('leaderId', '「牵头领导」须为区领导，请重新选择')
  const assists = checkDepts(db, body.mainDeptId, body.assistDeptIds, 'create')
  const deadline = toIso(new Date(Date.parse(body.deadline)))
  if (deadline <= ctx.nowIso) bad('deadline', '「办结时限」应晚于现在')
  for (const f of body.attachmentIds) {
    const file = db.files.find((x) => x.id === f)
    if (!file || file.uploadedBy !== me.id) bad('attachmentIds', '附件不存在或已失效，请重新上传')
  }
  if (body.documentId) {
    const doc = db.documents.find((d) => d.id === body.documentId)
    if (!doc || !canSeeDocument(db, doc, me)) fail('NOT_FOUND', '来源公文不存在，或您无权查看')
  }
  const year = ctx.nowIso.slice(0, 4)
  const serialKey = `supcode:${year}`
  db.counters[serialKey] = (db.counters[serialKey] ?? 0) + 1
  const s: SupItemRow = {
    id: nextId(db, 'sup'),
    code: `宝督〔${year}〕${db.counters[serialKey]}号`,
    title: body.title,
    source: body.source,
    basis: body.basis,
    attachmentIds: [...new Set(body.attachmentIds)],
    deadline,
    level: body.level,
    urgency: body.urgency,
    leaderId: body.leaderId,
    rhythm: body.rhythm,
    documentId: body.documentId ?? null,
    creatorId: me.id,
    status: 'review',
    depts: [body.mainDeptId, ...assists].map((deptId, i) => ({ deptId, role: i === 0 ? 'main' : 'assist', state: 'pending', assignedAt: ctx.nowIso, signedAt: null, declineReason: null })),
    startedAt: null,
    subtasks: [],
    feedbacks: [],
    extensions: [],
    escalations: [],
    finishRequestedAt: null,
    finishedAt: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
    version: 1,
    timeline: [{ at: ctx.nowIso, actorName: me.name, action: '立项', note: `${supervisionSourceLabels[body.source]}${body.documentId ? '（转督办）' : ''}` }],
  }
  db.supervision.items.push(s)
  syncItems(ctx, s)
  audit(ctx, 'supervision.create', 'supervision', s.id, `立项「${s.title}」（${s.code}）`)
  return s
}

// ---------------------------------------------------------------------------------------------
// actions

type ActBody = RouteArgs<typeof routes.supervision.act>['body']

function escalate(ctx: Ctx, s: SupItemRow, actor: { id: string; name: string }, note: string | null, automatic: boolean) {
  const db = ctx.db
  const step = nextLadderStep(s)!
  const pendingOrLive = s.status === 'signing' ? s.depts.filter((d) => d.state === 'pending') : [mainDept(s)!].filter(Boolean)
  const targets =
    step === 'remind'
      ? pendingOrLive.map((d) => unitOf(db, d.deptId)?.liaisonId)
      : step === 'urge'
        ? pendingOrLive.map((d) => unitOf(db, d.deptId)?.headId)
        : [s.leaderId]
  const toIds = [...new Set(targets.filter((x): x is string => !!x))]
  s.escalations.push({ step, at: ctx.nowIso, byId: actor.id, toIds, note, automatic })
  for (const to of toIds) {
    for (const w of itemsOf(db, s)) if (w.status === 'open' && w.audience === 'assignee' && w.assigneeId === to) urgeWorkItem(ctx, w)
    openWorkItem(ctx, { ...itemBase(s), summary: `${ladderStepLabels[step]}：${note ?? lightFor(db, s, ctx.now)?.reason ?? '请抓紧办理'}`.slice(0, 120), step: ladderStepLabels[step], audience: 'cc', assigneeId: to, deadline: deadlineOf(s), tags: ['urge'] })
  }
  const names = toIds.map((x) => nameOf(db, x)).join('、')
  s.timeline.push({ at: ctx.nowIso, actorName: actor.name, action: `${ladderStepLabels[step]}${automatic ? '（自动）' : ''}`, note: `发给 ${names}${note ? `：${note}` : ''}` })
  audit(ctx, 'supervision.escalate', 'supervision', s.id, `${ladderStepLabels[step]}${automatic ? '（自动）' : ''}：${names}`, actor)
}

function startIfAllSigned(ctx: Pick<Ctx, 'nowIso'>, s: SupItemRow) {
  if (s.status === 'signing' && mainDept(s)?.state === 'signed' && !s.depts.some((d) => d.state === 'pending')) {
    s.status = 'in_progress'
    s.startedAt ??= ctx.nowIso
  }
}

export function act(ctx: Ctx, id: string, body: ActBody): SupItemRow {
  const me = requireUser(ctx)
  const db = ctx.db
  const s = findVisible(ctx, id)
  const offered = actionsFor(db, s, me).find((a) => a.key === body.action)
  if (!offered) {
    if (s.version !== body.version) fail('VERSION_CONFLICT', STALE)
    if (FINISHED.has(s.status) && body.action !== 'archive') fail('INVALID_STATE', '该督办事项已办结，不能再办理')
    if (body.action === 'escalate' && isSupervisor(me) && RUNNING.has(s.status)) fail('INVALID_STATE', '督办已到红色督办单，不能再升级')
    fail('FORBIDDEN', '您现在不能进行这个操作')
  }
  if (s.version !== body.version) fail('VERSION_CONFLICT', STALE)
  const opinion = body.opinion?.trim() || null
  if (offered!.opinion === 'required' && !opinion) fail('BAD_REQUEST', `请填写${offered!.opinionLabel?.replace(/（.*）/, '')}`, { field: 'body.opinion' })
  const note = (action: string, text: string | null = opinion) => s.timeline.push({ at: ctx.nowIso, actorName: me.name, action, note: text })
  const bad = (f: string, message: string): never => fail('BAD_REQUEST', message, { field: `body.${f}` })
  const log = (what: string) => audit(ctx, `supervision.${body.action}`, 'supervision', s.id, what)

  switch (body.action) {
    case 'submit':
      s.status = 'review'
      note('重新送审')
      log('重新送审')
      break
    case 'approve':
      s.status = 'to_assign'
      note('审核通过')
      log(`审核通过${opinion ? `：${opinion}` : ''}`)
      break
    case 'reject':
      s.status = 'returned'
      note('审核退回')
      log(`审核退回：${opinion}`)
      break
    case 'assign': {
      const declinedMain = s.depts.some((d) => d.role === 'main' && d.state === 'declined') && !mainDept(s)
      if (declinedMain || body.mainDeptId) {
        const mainId = body.mainDeptId ?? bad('mainDeptId', '主办单位已退回，请重新选择主办单位')
        if (s.depts.some((d) => d.deptId === mainId && d.state === 'declined')) bad('mainDeptId', `${deptName(db, mainId)}已退回此事项，请另选主办单位`)
        const assists = checkDepts(db, mainId, body.assistDeptIds ?? [], 'assign')
        const keep = s.depts.filter((d) => d.state === 'declined' || (d.state === 'signed' && d.deptId !== mainId && d.role === 'assist'))
        const existing = new Set(keep.map((d) => d.deptId))
        s.depts = [
          ...keep,
          { deptId: mainId, role: 'main', state: 'pending', assignedAt: ctx.nowIso, signedAt: null, declineReason: null },
          ...assists.filter((a) => !existing.has(a)).map((deptId) => ({ deptId, role: 'assist' as const, state: 'pending' as const, assignedAt: ctx.nowIso, signedAt: null, declineReason: null })),
        ]
      } else {
        for (const d of s.depts) if (d.state === 'pending') d.assignedAt = ctx.nowIso
      }
      s.status = 'signing'
      const names = s.depts.filter((d) => d.state === 'pending').map((d) => deptName(db, d.deptId)).join('、')
      note(`交办 ${names}`)
      log(`交办 ${names}${opinion ? `：${opinion}` : ''}`)
      break
    }
    case 'sign': {
      const d = s.depts.find((x) => x.state === 'pending' && memberOf(db, me, x.deptId) && [unitOf(db, x.deptId)?.headId, unitOf(db, x.deptId)?.liaisonId].includes(me.id))!
      d.state = 'signed'
      d.signedAt = ctx.nowIso
      startIfAllSigned(ctx, s)
      note(`${deptName(db, d.deptId)}签收`, null)
      log(`${deptName(db, d.deptId)}签收（${d.role === 'main' ? '主办' : '协办'}）`)
      break
    }
    case 'decline': {
      const d = s.depts.find((x) => x.state === 'pending' && [unitOf(db, x.deptId)?.headId, unitOf(db, x.deptId)?.liaisonId].includes(me.id))!
      d.state = 'declined'
      d.declineReason = opinion
      if (d.role === 'main') s.status = 'to_assign'
      else {
        startIfAllSigned(ctx, s)
        openWorkItem(ctx, { ...itemBase(s), summary: `${deptName(db, d.deptId)}退回协办：${opinion}`.slice(0, 120), step: '协办退回', audience: 'cc', assigneeId: s.creatorId, tags: ['returned'] })
      }
      note(`${deptName(db, d.deptId)}退回`)
      log(`${deptName(db, d.deptId)}退回${d.role === 'main' ? '主办' : '协办'}：${opinion}`)
      break
    }
    case 'add_subtask': {
      const title = body.subtaskTitle?.trim() || bad('subtaskTitle', '请填写「子任务」')
      const owner = ownerCandidates(db, s).find((u) => u.id === body.ownerId) ?? bad('ownerId', '「负责人」须为主办或已签收的协办单位的人员')
      const deadline = body.deadline ? toIso(new Date(Date.parse(body.deadline))) : bad('deadline', '请填写子任务的「时限」')
      if (deadline > deadlineOf(s)) bad('deadline', `子任务的时限不能晚于事项的办结时限（${deadlineOf(s).slice(0, 10)}）`)
      if (deadline <= ctx.nowIso) bad('deadline', '子任务的时限应晚于现在')
      if (body.blockedBy && !s.subtasks.some((t) => t.id === body.blockedBy)) bad('blockedBy', '所选的前置子任务不存在')
      const dept = liveDepts(s).find((d) => d.state === 'signed' && memberOf(db, owner, d.deptId))!
      const t = { id: `${s.id}-t${s.subtasks.length + 1}`, title, ownerId: owner.id, deptId: dept.deptId, deadline, state: 'open' as const, doneAt: null, result: null, blockedBy: body.blockedBy ?? null }
      s.subtasks.push(t)
      note(`分解：${title}`, `${owner.name}负责，${deadline.slice(0, 10)} 前完成`)
      log(`分解子任务「${title}」给 ${owner.name}`)
      break
    }
    case 'finish_subtask': {
      const mainHead = isHeadOf(db, me, mainDept(s)!.deptId)
      const t = s.subtasks.find((x) => x.id === body.subtaskId) ?? bad('subtaskId', '请选择要完成的子任务')
      if (t.state !== 'open') bad('subtaskId', '该子任务已完成')
      if (t.ownerId !== me.id && !mainHead) fail('FORBIDDEN', '只有子任务负责人或主办单位负责人可以完成该子任务')
      const blocker = t.blockedBy ? s.subtasks.find((x) => x.id === t.blockedBy) : undefined
      if (blocker && blocker.state !== 'done') fail('INVALID_STATE', `须先完成前置子任务「${blocker.title}」`)
      t.state = 'done'
      t.doneAt = ctx.nowIso
      t.result = opinion
      note(`完成子任务：${t.title}`)
      log(`完成子任务「${t.title}」：${opinion}`)
      break
    }
    case 'request_extension': {
      const to = body.deadline ? toIso(new Date(Date.parse(body.deadline))) : bad('deadline', '请选择申请延期到的日期')
      if (to <= deadlineOf(s)) bad('deadline', `申请的时限应晚于现在的办结时限（${deadlineOf(s).slice(0, 10)}）`)
      s.extensions.push({ id: `${s.id}-e${s.extensions.length + 1}`, byId: me.id, at: ctx.nowIso, from: deadlineOf(s), to, reason: opinion!, state: 'pending_supervisor', decisions: [] })
      note(`申请延期至 ${to.slice(0, 10)}`)
      log(`申请延期至 ${to.slice(0, 10)}：${opinion}`)
      break
    }
    case 'approve_extension':
    case 'refuse_extension': {
      const e = s.extensions.find((x) => x.state === 'pending_supervisor' || x.state === 'pending_leader')!
      const ok = body.action === 'approve_extension'
      e.decisions.push({ userId: me.id, at: ctx.nowIso, approved: ok, note: opinion })
      e.state = !ok ? 'refused' : e.state === 'pending_supervisor' && s.level === 'district' ? 'pending_leader' : 'approved'
      const words = ok ? (e.state === 'approved' ? `同意延期至 ${e.to.slice(0, 10)}` : '同意延期，报牵头领导审批') : '不同意延期'
      note(words)
      log(`${words}${opinion ? `：${opinion}` : ''}`)
      break
    }
    case 'request_finish': {
      const open = s.subtasks.filter((t) => t.state === 'open')
      if (open.length) fail('INVALID_STATE', `还有 ${open.length} 个子任务未完成，完成后才能申请办结`)
      s.status = 'checking'
      s.finishRequestedAt = ctx.nowIso
      for (const e of s.extensions) if (e.state === 'pending_supervisor' || e.state === 'pending_leader') e.state = 'refused'
      note('申请办结')
      log(`申请办结：${opinion}`)
      break
    }
    case 'pass':
      s.status = 'done'
      s.finishedAt = ctx.nowIso
      note('复核通过，办结')
      log(`复核通过${opinion ? `：${opinion}` : ''}`)
      break
    case 'refuse':
      s.status = 'in_progress'
      s.finishRequestedAt = null
      note('复核退回')
      log(`复核退回：${opinion}`)
      break
    case 'archive':
      s.status = 'archived'
      note('归档', null)
      log('归档')
      break
    case 'escalate':
      escalate(ctx, s, me, opinion, false)
      break
  }
  s.version++
  s.updatedAt = ctx.nowIso
  syncItems(ctx, s)
  return s
}

type FeedbackBody = RouteArgs<typeof routes.supervision.feedback>['body']

export function feedback(ctx: Ctx, id: string, body: FeedbackBody): SupItemRow {
  const me = requireUser(ctx)
  const db = ctx.db
  const s = findVisible(ctx, id)
  if (s.version !== body.version) fail('VERSION_CONFLICT', STALE)
  if (FINISHED.has(s.status)) fail('INVALID_STATE', '该督办事项已办结，不能再反馈')
  if (!canFeedback(db, s, me)) fail(s.status === 'in_progress' ? 'FORBIDDEN' : 'INVALID_STATE', s.status === 'in_progress' ? '只有主办、协办单位的人员可以反馈' : '事项签收后才能反馈进展')
  const offers = evidenceOffers(db, s, me)
  const evidence: Evidence[] = []
  for (const e of body.evidence) {
    const o = offers.find((x) => x.kind === e.kind && x.refId === e.refId) ?? fail('BAD_REQUEST', '所选佐证不可用或已报送过，请刷新后重试', { field: 'body.evidence' })
    if (!evidence.includes(o)) evidence.push(o)
  }
  for (const f of body.attachmentIds) {
    const file = db.files.find((x) => x.id === f)
    if (!file || file.uploadedBy !== me.id) fail('BAD_REQUEST', '附件不存在或已失效，请重新上传', { field: 'body.attachmentIds' })
  }
  const d = myDepts(db, s, me).find((x) => x.role === 'main') ?? myDepts(db, s, me)[0]
  s.feedbacks.push({ id: `${s.id}-f${s.feedbacks.length + 1}`, at: ctx.nowIso, byId: me.id, deptId: d.deptId, role: d.role, progress: body.progress, difficulty: body.difficulty?.trim() || null, nextStep: body.nextStep, percent: body.percent, evidence, attachmentIds: [...new Set(body.attachmentIds)] })
  s.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `${d.role === 'main' ? '主办' : '协办'}反馈（${body.percent}%）`, note: body.progress })
  s.version++
  s.updatedAt = ctx.nowIso
  syncItems(ctx, s)
  audit(ctx, 'supervision.feedback', 'supervision', s.id, `${deptName(db, d.deptId)}反馈进展 ${body.percent}%${evidence.length ? `，附佐证 ${evidence.length} 项` : ''}`)
  return s
}

/**
 * The automatic ladder, run when anyone reads 督查督办 (a real BFF: a timer): a red item steps up one
 * rung at most once per `ladderEvery` working days, and never outside office hours unless 特急.
 */
export function runLadder(ctx: Ctx) {
  const rules = ctx.db.supervision.rules
  const today = cstDate(ctx.now)
  for (const s of ctx.db.supervision.items) {
    if (!RUNNING.has(s.status) || !nextLadderStep(s)) continue
    if (lightFor(ctx.db, s, ctx.now)?.light !== 'red') continue
    if (!isOfficeHours(ctx.now) && s.urgency !== 'very_urgent') continue
    const last = s.escalations[s.escalations.length - 1]
    if (last && workdaysBetween(cstDate(new Date(Date.parse(last.at))), today) < rules.ladderEvery) continue
    escalate(ctx, s, SYSTEM_ACTOR, null, true)
    s.version++
    s.updatedAt = ctx.nowIso
    syncItems(ctx, s)
  }
}

// ---------------------------------------------------------------------------------------------
// lists, workbench, statistics

function inBox(db: Db, s: SupItemRow, me: UserRow, box: 'supervising' | 'handling' | 'leading') {
  if (box === 'supervising') return isSupervisor(me) && (s.creatorId === me.id || isSupervisionHead(me))
  if (box === 'leading') return s.leaderId === me.id
  return RUNNING.has(s.status) || FINISHED.has(s.status) || s.status === 'checking' ? myDepts(db, s, me).length > 0 || s.subtasks.some((t) => t.ownerId === me.id) : false
}

const byDeadline = (a: SupItemRow, b: SupItemRow) => (deadlineOf(a) < deadlineOf(b) ? -1 : deadlineOf(a) > deadlineOf(b) ? 1 : a.id < b.id ? -1 : 1)

function visibleItems(ctx: Ctx) {
  const me = requireUser(ctx)
  return ctx.db.supervision.items.filter((s) => canSeeItem(ctx.db, s, me))
}

interface Tally {
  key: string
  name: string
  total: number
  onTime: number
  overdue: number
  finished: number
  delays: number[]
}

function tally(ctx: Ctx, rows: SupItemRow[], keyOf: (s: SupItemRow) => [string, string] | null) {
  const out = new Map<string, Tally>()
  for (const s of rows) {
    if (!s.startedAt && s.status !== 'signing') continue
    const k = keyOf(s)
    if (!k) continue
    const t = out.get(k[0]) ?? { key: k[0], name: k[1], total: 0, onTime: 0, overdue: 0, finished: 0, delays: [] }
    out.set(k[0], t)
    t.total++
    const end = deadlineOf(s)
    const endDay = cstDate(new Date(Date.parse(end)))
    // 按期 is a fact only once 复核 has passed (a 复核退回 makes the unit carry on); a 申请办结 made after
    // the deadline is late whatever the 复核 says; one made in time and awaiting 复核 is still 在办
    const reportedAt = s.finishRequestedAt && (FINISHED.has(s.status) || s.status === 'checking') ? s.finishRequestedAt : null
    if (FINISHED.has(s.status)) t.finished++
    if (reportedAt && reportedAt > end) {
      t.overdue++
      t.delays.push(Math.max(1, workdaysBetween(endDay, cstDate(new Date(Date.parse(reportedAt))))))
    } else if (reportedAt) {
      if (FINISHED.has(s.status)) t.onTime++
    } else if (end < ctx.nowIso) {
      t.overdue++
      t.delays.push(Math.max(1, workdaysBetween(endDay, cstDate(ctx.now))))
    }
  }
  return [...out.values()].map(({ delays, ...t }) => ({ ...t, avgDelayDays: delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 10) / 10 : 0 }))
}

export function registerSupervision(r: Registry) {
  r.on(routes.supervision.list, (ctx, { query }) => {
    runLadder(ctx)
    const me = requireUser(ctx)
    const q = query.q?.toLowerCase()
    const rows = visibleItems(ctx)
      .filter((s) => inBox(ctx.db, s, me, query.box))
      .filter((s) => !q || s.title.toLowerCase().includes(q) || s.code.includes(q))
      .filter((s) => !query.source || s.source === query.source)
      .filter((s) => !query.deptId || s.depts.some((d) => d.deptId === query.deptId && d.state !== 'declined'))
      .filter((s) => !query.light || lightFor(ctx.db, s, ctx.now)?.light === query.light)
      .filter((s) => query.dueWithin === undefined || (!FINISHED.has(s.status) && workdaysBetween(cstDate(ctx.now), cstDate(new Date(Date.parse(deadlineOf(s))))) <= query.dueWithin))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1))
    const page = paginate(rows, query.cursor, query.limit ?? 20)
    return { items: page.items.map((s) => summaryOf(ctx.db, s, ctx.now)), nextCursor: page.nextCursor }
  })

  r.on(routes.supervision.options, (ctx) => {
    requireUser(ctx)
    return {
      leaders: ctx.db.users.filter((u) => u.roles.includes('leader')).map((u) => personOf(ctx.db, u.id)),
      departments: ctx.db.supervision.units.map((u) => ({ id: u.deptId, name: deptName(ctx.db, u.deptId) ?? '' })),
    }
  })

  const instructed = (ctx: Ctx) => {
    const me = requireUser(ctx)
    return ctx.db.documents.filter((d) => d.kind === 'incoming' && !!d.mainDeptId && d.opinions.some((o) => o.stage === 'instruct') && canSeeDocument(ctx.db, d, me))
  }

  r.on(routes.supervision.documentSources, (ctx) => ({
    items: instructed(ctx).map((d) => {
      const o = [...d.opinions].reverse().find((x) => x.stage === 'instruct')!
      return { id: d.id, title: d.title, docNumber: d.docNumber, instruction: o.text, leaderName: nameOf(ctx.db, o.userId), linkedItemId: ctx.db.supervision.items.find((s) => s.documentId === d.id)?.id ?? null }
    }),
  }))

  r.on(routes.supervision.prefill, (ctx, { params }) => {
    const me = requireUser(ctx)
    const doc = visibleOr404(
      ctx.db.documents.find((d) => d.id === params.documentId),
      (d) => canSeeDocument(ctx.db, d, me),
    )
    if (!isSupervisor(me)) fail('FORBIDDEN', '只有督查室可以转督办')
    const o = [...doc.opinions].reverse().find((x) => x.stage === 'instruct') ?? fail('INVALID_STATE', '这份公文还没有领导批办，不能转督办')
    const units = new Set(ctx.db.supervision.units.map((u) => u.deptId))
    return {
      title: doc.title.slice(0, 100),
      source: supervisionSources[0],
      basis: `${nameOf(ctx.db, o.userId)}批示（${o.at.slice(0, 10)}）：${o.text}\n来文：${doc.fromUnit ?? ''}${doc.docNumber ? ` ${doc.docNumber}` : ''}`.slice(0, 2000),
      leaderId: o.userId,
      mainDeptId: doc.mainDeptId && units.has(doc.mainDeptId) ? doc.mainDeptId : null,
      assistDeptIds: doc.assistDeptIds.filter((x) => units.has(x)),
      deadline: doc.deadline,
      urgency: doc.urgency,
      documentId: doc.id,
    }
  })

  r.on(routes.supervision.create, (ctx, { body }) => present(ctx, createItem(ctx, body)))

  r.on(routes.supervision.get, (ctx, { params }) => {
    runLadder(ctx)
    return present(ctx, findVisible(ctx, params.id))
  })

  r.on(routes.supervision.act, (ctx, { params, body }) => present(ctx, act(ctx, params.id, body)))

  r.on(routes.supervision.feedback, (ctx, { params, body }) => present(ctx, feedback(ctx, params.id, body)))

  r.on(routes.supervision.workbench, (ctx) => {
    runLadder(ctx)
    const me = requireUser(ctx)
    const rows = visibleItems(ctx)
    const running = rows.filter((s) => RUNNING.has(s.status))
    const counts = { green: 0, yellow: 0, red: 0 }
    const byDept = new Map<string, { deptId: string; name: string; green: number; yellow: number; red: number }>()
    for (const s of running) {
      const l = lightFor(ctx.db, s, ctx.now)!.light
      counts[l]++
      const main = mainDept(s)
      if (!main) continue
      const row = byDept.get(main.deptId) ?? { deptId: main.deptId, name: deptName(ctx.db, main.deptId) ?? '', green: 0, yellow: 0, red: 0 }
      row[l]++
      byDept.set(main.deptId, row)
    }
    const near = running.filter((s) => lightFor(ctx.db, s, ctx.now)!.light !== 'green').sort(byDeadline).slice(0, 10)
    const waiting = rows.filter((s) => actionsFor(ctx.db, s, me).some((a) => a.key !== 'escalate')).sort(byDeadline).slice(0, 10)
    return {
      counts,
      byDept: [...byDept.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || (a.name < b.name ? -1 : 1)),
      nearDeadline: near.map((s) => summaryOf(ctx.db, s, ctx.now)),
      waitingForMe: waiting.map((s) => summaryOf(ctx.db, s, ctx.now)),
    }
  })

  r.on(routes.supervision.stats, (ctx) => {
    const rows = visibleItems(ctx)
    return {
      byDept: tally(ctx, rows, (s) => {
        const main = s.depts.find((d) => d.role === 'main' && d.state !== 'declined')
        return main ? [main.deptId, deptName(ctx.db, main.deptId) ?? ''] : null
      }),
      bySource: tally(ctx, rows, (s) => [s.source, supervisionSourceLabels[s.source]]),
    }
  })
}

export type { SupDeptRow }
