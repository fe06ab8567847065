import { inkPixels, MIN_INK_PIXELS } from '../lib/png-ink'
import type { AvailableAction, Urgency } from '../../src/contract/common'
import {
  documentStatusLabels,
  incomingStages,
  outgoingStages,
  secrecyLabels,
  stageLabels,
  type ApproveNeed,
  type DocumentAction,
  type DocumentDetail,
  type DocumentStage,
  type DocumentSummary,
  type Secrecy,
} from '../../src/contract/documents'
import { routes } from '../../src/contract/routes'
import type { RouteArgs } from '../../src/contract/route'
import { cstDate, toIso } from '../../src/core/time'
import { dueAfterWorkdays } from '../../src/core/workdays'
import type { CirculationRow, Db, DocTaskRow, DocumentRow, UserRow, WorkItemRow } from '../db'
import { audit, deptName, nextId, requireUser, userById, visibleOr404, type Ctx, type Registry } from '../context'
import { fromBase64 } from '../lib/base64'
import { fail } from '../lib/errors'
import { headOf, officeClerk, officeOf } from '../lib/org'
import { paginate } from '../lib/paging'
import { closeWorkItem, openWorkItem, updateWorkItem, urgeWorkItem } from '../lib/workitems'
import { documentLinks } from '../lib/document-links'

export const documentLink = (id: string) => `/features/documents/pages/detail/index?id=${id}`

/** 催办 and 催阅 at most once an hour: a reminder, not a siren. */
export const REMIND_INTERVAL_MS = 3600_000

export const DEFAULT_PHRASES = ['同意。', '拟同意，请领导审示。', '请按程序办理。', '已阅。', '请相关单位抓紧办理，按时反馈。']

const clearanceLevel: Record<Secrecy, number> = { none: 0, confidential: 1, secret: 2 }
const cleared = (u: UserRow, s: Secrecy) => clearanceLevel[u.clearance] >= clearanceLevel[s]
const FINISHED = new Set(['done', 'sent_back'])

/** 机关代字 for 发文字号; other offices use 深宝 + their short name. */
const officeCodes: Record<string, string> = {
  'dept-gov-office': '深宝府办',
  'dept-data': '深宝政数',
  'dept-hr': '深宝人',
  'dept-civil': '深宝民',
  'dept-justice': '深宝司',
  'dept-edu': '深宝教',
  'dept-finance': '深宝财',
  'dept-wf': '深宝妇',
  'dept-inspection': '深宝督',
}

const stagesOf = (d: Pick<DocumentRow, 'kind'>): readonly DocumentStage[] => (d.kind === 'outgoing' ? outgoingStages : incomingStages)
const openTasks = (d: DocumentRow) => d.tasks.filter((t) => t.state === 'open')
const myOpenTask = (d: DocumentRow, userId: string) => d.tasks.find((t) => t.state === 'open' && t.userId === userId)
const nameOf = (db: Db, id: string | null) => (id ? (userById(db, id)?.name ?? '') : '')

function officeName(db: Db, officeId: string) {
  return db.departments.find((d) => d.id === officeId)?.name ?? ''
}

// ---------------------------------------------------------------------------------------------
// visibility: routed to you, or kept by your office's 文书; and never above your clearance

function isParty(db: Db, d: DocumentRow, me: UserRow): boolean {
  if (d.drafterId === me.id || d.registrarId === me.id || d.leaderId === me.id) return true
  if (d.tasks.some((t) => t.userId === me.id)) return true
  if (d.circulations.some((c) => c.senderId === me.id || c.readers.some((r) => r.userId === me.id))) return true
  if (d.ccUserIds.includes(me.id)) return true
  // the office keeps its files: its 文书 and its head see what it sends and receives
  // (a draft stays with its drafter, and with whoever it reached before it was withdrawn)
  if (d.status !== 'draft' && me.roles.includes('clerk') && officeOf(db, me.deptId) === d.officeId) return true
  if (d.status !== 'draft' && me.roles.includes('dept_head') && me.deptId === d.officeId) return true
  return false
}

export function canSeeDocument(db: Db, d: DocumentRow, me: UserRow): boolean {
  return cleared(me, d.secrecy) && isParty(db, d, me)
}

/** Attachments and signatures are readable by whoever may read a document that carries them. */
export function documentFileVisible(db: Db, fileId: string, me: UserRow): boolean {
  return db.documents.some((d) => (d.attachmentIds.includes(fileId) || d.opinions.some((o) => o.signatureFileId === fileId)) && canSeeDocument(db, d, me))
}

/** Optimistic concurrency, in the words of this module: what the person saw has been acted on since. */
function checkDocVersion(d: DocumentRow, seen: number) {
  if (d.version !== seen) fail('VERSION_CONFLICT', STALE)
}
const STALE = '该公文已被他人处理，请刷新后重试'

function findVisible(ctx: Ctx, id: string): DocumentRow {
  const me = requireUser(ctx)
  return visibleOr404(
    ctx.db.documents.find((d) => d.id === id),
    (d) => canSeeDocument(ctx.db, d, me),
  )
}

// ---------------------------------------------------------------------------------------------
// who holds a step

/**
 * Whoever holds a step must be allowed to read the document: the first cleared candidate, else a
 * cleared 区领导 (never `except`).
 */
function clearedHolder(db: Db, d: Pick<DocumentRow, 'secrecy'>, except: string | null, ...candidates: (UserRow | undefined)[]): UserRow | undefined {
  return candidates.find((u) => u && u.id !== except && cleared(u, d.secrecy)) ?? db.users.find((u) => u.roles.includes('leader') && u.id !== except && cleared(u, d.secrecy))
}

function holdersFor(db: Db, d: DocumentRow, stage: DocumentStage): { userId: string; role: DocTaskRow['role'] }[] {
  const drafter = d.drafterId
  const one = (u: UserRow | undefined) => (u ? [{ userId: u.id, role: 'single' as const }] : [])
  switch (stage) {
    case 'review':
      return one(clearedHolder(db, d, drafter, headOf(db, userById(db, drafter ?? '')?.deptId ?? null, drafter)))
    case 'countersign': {
      const ids = [...d.countersignDeptIds.map((dept) => headOf(db, dept, drafter, true)?.id), ...d.extraSignerIds].filter((x): x is string => !!x && x !== drafter)
      return [...new Set(ids)].map((userId) => ({ userId, role: 'countersign' as const }))
    }
    case 'sign':
      return one(userById(db, d.signerId ?? ''))
    case 'number':
    case 'distribute':
      return one(clearedHolder(db, d, null, officeClerk(db, d.officeId), userById(db, drafter ?? '')))
    case 'receive':
    case 'register':
      return one(userById(db, d.registrarId ?? ''))
    case 'check':
      return one(clearedHolder(db, d, d.registrarId, headOf(db, userById(db, d.registrarId ?? '')?.deptId ?? null, d.registrarId)))
    case 'propose':
      return one(clearedHolder(db, d, null, headOf(db, d.officeId, null)))
    case 'instruct':
      return one(userById(db, d.leaderId ?? ''))
    case 'handle': {
      const main = headOf(db, d.mainDeptId, null, true)
      const assists = d.assistDeptIds.map((x) => headOf(db, x, null, true)).filter((u): u is UserRow => !!u && u.id !== main?.id)
      return [...(main ? [{ userId: main.id, role: 'main' as const }] : []), ...[...new Set(assists.map((u) => u.id))].map((userId) => ({ userId, role: 'assist' as const }))]
    }
    default:
      return []
  }
}

// ---------------------------------------------------------------------------------------------
// inbox items follow the tasks

function itemsOf(db: Db, d: DocumentRow) {
  return db.workItems.filter((w) => w.module === 'documents' && w.objectId === d.id)
}

function itemBase(d: DocumentRow) {
  return {
    module: 'documents' as const,
    objectType: 'document',
    objectId: d.id,
    title: d.title.slice(0, 60),
    initiatorId: d.drafterId ?? d.registrarId ?? '',
    urgency: d.urgency,
    deadline: d.deadline,
    link: documentLink(d.id),
  }
}

function stepWords(t: DocTaskRow): string {
  if (t.role === 'assist') return '协办'
  if (t.role === 'main') return '主办'
  return stageLabels[t.stage]
}

function openTask(ctx: Pick<Ctx, 'db' | 'nowIso'>, d: DocumentRow, userId: string, role: DocTaskRow['role'], stage: DocumentStage, reopened: boolean) {
  const t: DocTaskRow = { id: `${d.id}-t${d.tasks.length + 1}`, stage, userId, role, state: 'open', round: d.round, pass: d.pass, openedAt: ctx.nowIso, openedVersion: d.version + 1, doneAt: null, reopened }
  d.tasks.push(t)
  const from = d.kind === 'outgoing' ? `${nameOf(ctx.db, d.drafterId)}拟稿` : `${d.fromUnit ?? ''}来文`
  openWorkItem(ctx, {
    ...itemBase(d),
    summary: `${d.docType} · ${from}，待您${stepWords(t)}${reopened ? '（退回重办）' : ''}`,
    step: stepWords(t),
    audience: 'assignee',
    assigneeId: userId,
    tags: reopened ? ['todo', 'returned'] : ['todo'],
  })
  return t
}

function closeTask(ctx: Pick<Ctx, 'db' | 'nowIso'>, d: DocumentRow, t: DocTaskRow, state: 'done' | 'cancelled') {
  t.state = state
  t.doneAt = ctx.nowIso
  const outcome = state === 'done' ? `您已${stepWords(t)}` : undefined
  for (const w of itemsOf(ctx.db, d)) if (w.status === 'open' && w.audience === 'assignee' && w.assigneeId === t.userId && w.tags.includes('todo')) closeWorkItem(ctx, w, outcome)
}

function cancelOpenTasks(ctx: Pick<Ctx, 'db' | 'nowIso'>, d: DocumentRow) {
  for (const t of openTasks(d)) closeTask(ctx, d, t, 'cancelled')
}

function refreshInitiatorItem(ctx: Pick<Ctx, 'db' | 'nowIso'>, d: DocumentRow) {
  const w = itemsOf(ctx.db, d).find((x) => x.audience === 'initiator')
  if (!w) return
  updateWorkItem(ctx, w, { summary: stageText(d), step: d.status === 'in_progress' ? stageLabels[d.stage] : documentStatusLabels[d.status] })
  if (FINISHED.has(d.status) && w.status === 'open') closeWorkItem(ctx, w)
}

// ---------------------------------------------------------------------------------------------
// the flow

/** Moves to `stage` (or the first later one somebody holds) and opens its tasks. */
function enterStage(ctx: Pick<Ctx, 'db' | 'nowIso'>, d: DocumentRow, stage: DocumentStage) {
  const order = stagesOf(d)
  for (let i = order.indexOf(stage); i >= 0 && i < order.length; i++) {
    const holders = holdersFor(ctx.db, d, order[i])
    if (!holders.length) continue
    d.stage = order[i]
    d.status = 'in_progress'
    d.pass++
    for (const h of holders) openTask(ctx, d, h.userId, h.role, order[i], false)
    return
  }
  finish(d)
}

function finish(d: DocumentRow) {
  d.stage = 'done'
  d.status = 'done'
}

function nextStage(d: DocumentRow): DocumentStage {
  const order = stagesOf(d)
  return order[order.indexOf(d.stage) + 1] ?? 'done'
}

/** The office's next serial of the year for 发文 or 收文: never repeated, never reused. */
function nextSerial(db: Db, sequence: 'docno' | 'recvno', officeId: string, year: string): number {
  const key = `${sequence}:${officeId}:${year}`
  db.counters[key] = (db.counters[key] ?? 0) + 1
  return db.counters[key]
}

/** 发文字号: 机关代字〔年〕序号, e.g. 深宝府办〔2026〕3号. */
function assignNumber(db: Db, d: DocumentRow, nowIso: string): string {
  const year = nowIso.slice(0, 4)
  const short = db.departments.find((x) => x.id === d.officeId)?.shortName ?? ''
  return `${officeCodes[d.officeId] ?? `深宝${short}`}〔${year}〕${nextSerial(db, 'docno', d.officeId, year)}号`
}

/** 收文编号, e.g. 区府办收〔2026〕6号. */
function assignReceiveNumber(db: Db, d: DocumentRow, nowIso: string): string {
  const year = nowIso.slice(0, 4)
  const short = db.departments.find((x) => x.id === d.officeId)?.shortName ?? ''
  return `${short}收〔${year}〕${nextSerial(db, 'recvno', d.officeId, year)}号`
}

/** 分发: each 主送 office outside the drafting one receives it for 签收; 抄送 gets a copy to read. */
function distribute(ctx: Ctx, d: DocumentRow) {
  const offices = [...new Set(d.mainToDeptIds.map((x) => officeOf(ctx.db, x)).filter((x): x is string => !!x && x !== d.officeId))]
  for (const officeId of offices) {
    // the office's own 文书 or head signs for it; an office nobody answers for here gets it on paper
    const registrar = [officeClerk(ctx.db, officeId), headOf(ctx.db, officeId, null, true)].find((u) => u && cleared(u, d.secrecy))
    if (!registrar) {
      d.timeline.push({ at: ctx.nowIso, actorName: requireUser(ctx).name, action: '线下送达', note: `${officeName(ctx.db, officeId)}无人在本系统签收，请线下送达` })
      continue
    }
    const inc = newIncoming(ctx, {
      officeId,
      registrarId: registrar.id,
      title: d.title,
      docType: d.docType,
      docNumber: d.docNumber,
      fromUnit: officeName(ctx.db, d.officeId),
      secrecy: d.secrecy,
      urgency: d.urgency,
      deadline: d.deadline,
      body: d.body,
      attachmentIds: [...d.attachmentIds],
      sourceDocId: d.id,
    })
    inc.timeline.push({ at: ctx.nowIso, actorName: requireUser(ctx).name, action: '来文送达', note: `${officeName(ctx.db, d.officeId)}分发` })
  }
  for (const dept of d.ccDeptIds) {
    const u = headOf(ctx.db, dept, null, true)
    if (!u || d.ccUserIds.includes(u.id) || !cleared(u, d.secrecy)) continue
    d.ccUserIds.push(u.id)
    openWorkItem(ctx, { ...itemBase(d), summary: `${d.docNumber ?? ''} 抄送贵单位，请阅知`, step: '抄送阅知', audience: 'cc', assigneeId: u.id, tags: [] })
  }
}

interface NewIncoming {
  officeId: string
  registrarId: string
  title: string
  docType: DocumentRow['docType']
  docNumber: string | null
  fromUnit: string
  secrecy: Secrecy
  urgency: Urgency
  deadline: string | null
  body: string
  attachmentIds: string[]
  sourceDocId: string | null
}

/** A document arrives at an office: it waits for the office's 文书 to 签收. */
/** What every document starts with: nothing routed, nothing decided, version 1. */
function newDocument(ctx: Pick<Ctx, 'db' | 'nowIso'>, fields: Pick<DocumentRow, 'kind' | 'docType' | 'title' | 'secrecy' | 'urgency' | 'deadline' | 'officeId' | 'body' | 'attachmentIds' | 'status' | 'stage'> & Partial<DocumentRow>): DocumentRow {
  return {
    id: nextId(ctx.db, 'doc'),
    docNumber: null,
    receiveNumber: null,
    drafterId: null,
    fromUnit: null,
    sourceDocId: null,
    mainToDeptIds: [],
    ccDeptIds: [],
    countersignDeptIds: [],
    extraSignerIds: [],
    signerId: null,
    round: 0,
    pass: 0,
    tasks: [],
    opinions: [],
    circulations: [],
    registrarId: null,
    leaderId: null,
    mainDeptId: null,
    assistDeptIds: [],
    ccUserIds: [],
    lastUrgedAt: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
    version: 1,
    timeline: [],
    ...fields,
  }
}

export function newIncoming(ctx: Pick<Ctx, 'db' | 'nowIso'>, x: NewIncoming): DocumentRow {
  const d = newDocument(ctx, {
    kind: 'incoming',
    docType: x.docType,
    title: x.title,
    docNumber: x.docNumber,
    secrecy: x.secrecy,
    urgency: x.urgency,
    deadline: x.deadline,
    officeId: x.officeId,
    fromUnit: x.fromUnit,
    sourceDocId: x.sourceDocId,
    mainToDeptIds: [x.officeId],
    body: x.body,
    attachmentIds: x.attachmentIds,
    status: 'in_progress',
    stage: 'receive',
    round: 1,
    pass: 1,
    registrarId: x.registrarId,
  })
  ctx.db.documents.push(d)
  // the first task opens with the document, at its version 1
  d.version = 0
  openTask(ctx, d, x.registrarId, 'single', 'receive', false)
  d.version = 1
  return d
}

// ---------------------------------------------------------------------------------------------
// what the person looking may do now

const A = (key: DocumentAction, label: string, opinion: AvailableAction['opinion'], opinionLabel: string | null, style: AvailableAction['style']): AvailableAction => ({ key, label, opinion, opinionLabel, style })

const approveLabels: Record<DocumentStage, [string, AvailableAction['opinion'], string | null]> = {
  draft: ['送审', 'none', null],
  review: ['核稿通过', 'optional', '核稿意见（可不填）'],
  countersign: ['同意会签', 'optional', '会签意见（可不填）'],
  sign: ['签发', 'optional', '签发意见（可不填）'],
  number: ['编号用印', 'none', null],
  distribute: ['分发', 'none', null],
  receive: ['签收', 'none', null],
  register: ['登记', 'none', null],
  check: ['初审通过', 'optional', '初审意见（可不填）'],
  propose: ['拟办', 'required', '拟办意见'],
  instruct: ['批办', 'required', '批示'],
  handle: ['办结', 'required', '办理结果'],
  done: ['', 'none', null],
}

function approveNeedsOf(t: DocTaskRow | undefined): ApproveNeed[] {
  if (!t) return []
  if (t.stage === 'sign') return ['signature']
  if (t.stage === 'instruct') return ['signature', 'departments']
  if (t.stage === 'propose') return ['leader']
  return []
}

function returnTargets(d: DocumentRow): DocumentStage[] {
  if (d.status !== 'in_progress') return []
  const order = stagesOf(d)
  const here = order.indexOf(d.stage)
  const passed = order.slice(0, here).filter((s) => d.tasks.some((t) => t.stage === s && t.round === d.round && t.state === 'done'))
  if (d.kind === 'outgoing') return ['draft', ...passed.filter((s) => s !== 'draft')]
  return passed.filter((s) => s !== 'receive')
}

const RETURNABLE = new Set<DocumentStage>(['review', 'countersign', 'sign', 'number', 'propose', 'instruct', 'handle'])
const NO_TRANSFER = new Set<DocumentStage>(['sign', 'instruct'])
const ADD_SIGNER = new Set<DocumentStage>(['review', 'countersign'])

function canWithdraw(d: DocumentRow, me: UserRow): boolean {
  if (d.kind !== 'outgoing' || d.drafterId !== me.id || d.status !== 'in_progress' || d.stage !== 'review') return false
  // before 核稿 has acted in this round: nobody has done anything on it yet
  return !d.tasks.some((t) => t.round === d.round && t.state === 'done')
}

function urgeTargets(d: DocumentRow, me: UserRow): DocTaskRow[] {
  if (d.status !== 'in_progress') return []
  const follows = d.drafterId === me.id || d.registrarId === me.id || (d.stage === 'handle' && d.leaderId === me.id)
  return follows ? openTasks(d).filter((t) => t.userId !== me.id) : []
}

function remindDue(last: string | null, now: Date) {
  return !last || now.getTime() - Date.parse(last) >= REMIND_INTERVAL_MS
}

function myCirculationLine(d: DocumentRow, userId: string) {
  for (const c of d.circulations) {
    const r = c.readers.find((x) => x.userId === userId && x.status !== 'opinion')
    if (r) return { c, r }
  }
  return null
}

function actionsFor(ctx: Ctx, d: DocumentRow, me: UserRow): AvailableAction[] {
  const out: AvailableAction[] = []
  const mine = myOpenTask(d, me.id)
  if (d.drafterId === me.id && (d.status === 'draft' || d.status === 'returned')) out.push(A('submit', d.status === 'returned' ? '修改后重新送审' : '送审', 'none', null, 'primary'))
  if (mine && d.status === 'in_progress') {
    const [label, opinion, opinionLabel] = mine.role === 'assist' ? (['反馈协办意见', 'required', '协办意见'] as const) : approveLabels[mine.stage]
    out.push(A('approve', label, opinion, opinionLabel, 'primary'))
    if (mine.stage === 'check') out.push(A('send_back', '退文', 'required', '退文理由（将告知来文单位）', 'danger'))
    if (RETURNABLE.has(mine.stage) && mine.role !== 'assist' && returnTargets(d).length) out.push(A('return', '退回', 'required', '退回理由', 'default'))
    if (ADD_SIGNER.has(mine.stage)) out.push(A('add_signer', '加签', 'optional', '加签说明（可不填）', 'default'))
    if (!NO_TRANSFER.has(mine.stage)) out.push(A('transfer', '转办', 'optional', '转办说明（可不填）', 'default'))
  }
  if (canWithdraw(d, me)) out.push(A('withdraw', '撤回', 'none', null, 'default'))
  if (urgeTargets(d, me).length && remindDue(d.lastUrgedAt, ctx.now)) out.push(A('urge', '催办', 'optional', '催办留言（可不填）', 'default'))
  if (myCirculationLine(d, me.id)) out.push(A('circulate_opinion', '签署阅文意见', 'required', '阅文意见', 'default'))
  if (!FINISHED.has(d.status) && d.status !== 'draft') out.push(A('comment', '评论', 'required', '评论内容', 'default'))
  return out
}

function stageText(d: DocumentRow): string {
  if (d.status !== 'in_progress') return documentStatusLabels[d.status]
  const open = openTasks(d)
  if (d.stage === 'countersign') {
    const pass = d.tasks.filter((t) => t.stage === 'countersign' && t.pass === d.pass && t.state !== 'cancelled')
    return `会签中（${pass.filter((t) => t.state === 'done').length}/${pass.length}）`
  }
  if (d.stage === 'handle') {
    const assistsOpen = open.filter((t) => t.role === 'assist').length
    return assistsOpen ? `承办中（${assistsOpen} 个协办单位未反馈）` : '承办中'
  }
  return `待${stageLabels[d.stage]}`
}

function overdue(d: DocumentRow, nowIso: string) {
  return !FINISHED.has(d.status) && !!d.deadline && d.deadline < nowIso
}

function summary(db: Db, d: DocumentRow, nowIso: string): DocumentSummary {
  return {
    id: d.id,
    kind: d.kind,
    docType: d.docType,
    title: d.title,
    docNumber: d.docNumber,
    secrecy: d.secrecy,
    urgency: d.urgency,
    status: d.status,
    stage: d.stage,
    stageText: stageText(d),
    fromName: d.kind === 'outgoing' ? officeName(db, d.officeId) : (d.fromUnit ?? ''),
    updatedAt: d.updatedAt,
    deadline: d.deadline,
    overdue: overdue(d, nowIso),
  }
}

function personOf(db: Db, id: string | null) {
  const u = id ? userById(db, id) : undefined
  return u ? { id: u.id, name: u.name, deptName: deptName(db, u.deptId) ?? '', position: u.position ?? '' } : null
}

function signatureUrl(db: Db, fileId: string | null): string | null {
  const f = fileId ? db.files.find((x) => x.id === fileId) : undefined
  return f ? `data:${f.mime};base64,${f.data}` : null
}

function present(ctx: Ctx, d: DocumentRow): DocumentDetail {
  const me = requireUser(ctx)
  const db = ctx.db
  const order = stagesOf(d)
  const deptOfUser = (id: string) => deptName(db, userById(db, id)?.deptId ?? null) ?? ''
  const steps = order.map((stage) => {
    const mine = d.tasks.filter((t) => t.stage === stage && t.round === d.round && t.state !== 'cancelled')
    const latestPass = Math.max(0, ...mine.map((t) => t.pass))
    const holders = mine.filter((t) => t.pass === latestPass).map((t) => ({ name: nameOf(db, t.userId), deptName: deptOfUser(t.userId), role: t.role, state: t.state }))
    const drafting = d.status === 'draft' || d.status === 'returned'
    if (stage === 'draft' && d.drafterId) holders.push({ name: nameOf(db, d.drafterId), deptName: deptOfUser(d.drafterId), role: 'single', state: drafting ? 'open' : 'done' })
    const state: 'done' | 'current' | 'waiting' | 'skipped' =
      stage === 'draft'
        ? drafting
          ? 'current'
          : 'done'
        : d.status === 'in_progress' && stage === d.stage
          ? 'current'
          : holders.some((h) => h.state === 'done')
            ? 'done'
            : d.status === 'done'
              ? 'skipped'
              : 'waiting'
    return { stage, label: stageLabels[stage], state, holders }
  })
  const rankOf = (id: string) => userById(db, id)?.rank ?? 9
  const opinions = [...d.opinions]
    .sort((a, b) => rankOf(a.userId) - rankOf(b.userId) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((o) => {
      const u = userById(db, o.userId)
      return { stageLabel: stageLabels[o.stage], name: u?.name ?? '', position: u?.position ?? '', deptName: deptName(db, u?.deptId ?? null) ?? '', text: o.text, signature: signatureUrl(db, o.signatureFileId), at: o.at }
    })
  const circulations = d.circulations
    .filter((c) => c.senderId === me.id || c.readers.some((r) => r.userId === me.id))
    .map((c) => ({
      id: c.id,
      senderName: nameOf(db, c.senderId),
      purpose: c.purpose,
      at: c.at,
      readers: c.readers
        .filter((r) => c.senderId === me.id || r.userId === me.id)
        .map((r) => ({ userId: r.userId, name: nameOf(db, r.userId), deptName: deptOfUser(r.userId), status: r.status, readAt: r.readAt, opinion: r.opinion, urgedAt: r.urgedAt })),
      canRemind: c.senderId === me.id && c.readers.some((r) => r.status === 'unread') && remindDue(c.lastRemindAt, ctx.now),
    }))
  const mine = myOpenTask(d, me.id)
  const isDrafter = d.drafterId === me.id && (d.status === 'draft' || d.status === 'returned')
  return {
    ...summary(db, d, ctx.nowIso),
    receiveNumber: d.receiveNumber,
    officeName: officeName(db, d.officeId),
    drafter: personOf(db, d.drafterId),
    fromUnit: d.fromUnit,
    mainTo: d.mainToDeptIds.map((x) => deptName(db, x) ?? ''),
    cc: d.ccDeptIds.map((x) => deptName(db, x) ?? ''),
    signer: personOf(db, d.signerId),
    body: d.body,
    attachments: d.attachmentIds
      .map((id) => db.files.find((f) => f.id === id))
      .filter((f): f is NonNullable<typeof f> => !!f)
      .map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime })),
    steps,
    opinions,
    circulations,
    returnTargets: mine && mine.role !== 'assist' && RETURNABLE.has(mine.stage) ? returnTargets(d).map((s) => ({ stage: s, label: s === 'draft' ? '拟稿人（退回修改）' : stageLabels[s] })) : [],
    approveNeeds: approveNeedsOf(mine),
    canCirculate: d.status === 'in_progress' || d.status === 'done',
    links: documentLinks(db, d, me),
    draft: isDrafter ? { mainToDeptIds: d.mainToDeptIds, ccDeptIds: d.ccDeptIds, countersignDeptIds: d.countersignDeptIds, signerId: d.signerId ?? '' } : null,
    version: d.version,
    availableActions: actionsFor(ctx, d, me),
    timeline: d.timeline,
  }
}

/** Every view of a 密级 document leaves a trace: who read it and when. */
function auditView(ctx: Ctx, d: DocumentRow) {
  if (d.secrecy !== 'none') audit(ctx, 'document.view', 'document', d.id, `查阅${secrecyLabels[d.secrecy]}公文「${d.title}」`)
}

// ---------------------------------------------------------------------------------------------
// drafts

type DraftBody = RouteArgs<typeof routes.documents.create>['body']

function checkDraft(ctx: Ctx, body: DraftBody, existing: DocumentRow | null) {
  const db = ctx.db
  const me = requireUser(ctx)
  const bad = (field: string, message: string): never => fail('BAD_REQUEST', message, { field: `body.${field}` })
  if (!cleared(me, body.secrecy)) bad('secrecy', `您没有${secrecyLabels[body.secrecy]}公文的知悉权限，不能起草该密级的公文`)
  const dept = (field: string) => (x: string) => {
    if (!db.departments.some((d) => d.id === x)) bad(field, '所选单位不在通讯录中，请重新选择')
  }
  body.mainToDeptIds.forEach(dept('mainToDeptIds'))
  body.ccDeptIds.forEach(dept('ccDeptIds'))
  body.countersignDeptIds.forEach(dept('countersignDeptIds'))
  const signer = userById(db, body.signerId)
  if (!signer || !signer.roles.includes('leader')) bad('signerId', '「签发人」须为区领导，请重新选择')
  if (!cleared(signer!, body.secrecy)) bad('signerId', `${signer!.name}没有${secrecyLabels[body.secrecy]}公文的知悉权限，请另选签发人`)
  for (const x of body.countersignDeptIds) {
    if (officeOf(db, x) === officeOf(db, me.deptId)) bad('countersignDeptIds', '会签单位应为本单位以外的单位')
    const head = headOf(db, x, me.id, true)
    if (!head) bad('countersignDeptIds', `${deptName(db, x)}暂无负责人在本系统，不能会签，请线下征求意见`)
    if (!cleared(head!, body.secrecy)) bad('countersignDeptIds', `${deptName(db, x)}负责人没有${secrecyLabels[body.secrecy]}公文的知悉权限`)
  }
  let deadline = body.deadline ? toIso(new Date(Date.parse(body.deadline))) : null
  if (deadline && deadline <= ctx.nowIso) bad('deadline', '「办理时限」不能早于现在')
  // 特急 one working day, 加急 three: what the office proposes when the drafter leaves it open
  if (!deadline && body.urgency !== 'normal') deadline = toIso(dueAfterWorkdays(ctx.now, body.urgency === 'very_urgent' ? 1 : 3))
  for (const f of body.attachmentIds) {
    const file = db.files.find((x) => x.id === f)
    if (!file || (file.uploadedBy !== me.id && !existing?.attachmentIds.includes(f))) bad('attachmentIds', '附件不存在或已失效，请重新上传')
  }
  const uniq = (xs: string[]) => [...new Set(xs)]
  return {
    docType: body.docType,
    title: body.title,
    secrecy: body.secrecy,
    urgency: body.urgency,
    deadline,
    mainToDeptIds: uniq(body.mainToDeptIds),
    ccDeptIds: uniq(body.ccDeptIds),
    countersignDeptIds: uniq(body.countersignDeptIds),
    signerId: body.signerId,
    body: body.body,
    attachmentIds: uniq(body.attachmentIds),
  }
}

export function createDraft(ctx: Ctx, body: DraftBody): DocumentRow {
  const me = requireUser(ctx)
  const fields = checkDraft(ctx, body, null)
  const officeId = officeOf(ctx.db, me.deptId) ?? fail('FORBIDDEN', '您不属于任何单位，不能拟稿')
  const d = newDocument(ctx, {
    kind: 'outgoing',
    ...fields,
    officeId,
    drafterId: me.id,
    status: 'draft',
    stage: 'draft',
    timeline: [{ at: ctx.nowIso, actorName: me.name, action: '拟稿', note: null }],
  })
  ctx.db.documents.push(d)
  audit(ctx, 'document.create', 'document', d.id, `拟稿「${d.title}」`)
  return d
}

// ---------------------------------------------------------------------------------------------
// actions

type ActBody = RouteArgs<typeof routes.documents.act>['body']

function checkColleague(db: Db, d: DocumentRow, me: UserRow, toUserId: string | undefined, sameDept: boolean): UserRow {
  const to = userById(db, toUserId ?? '') ?? fail('BAD_REQUEST', '请选择人员', { field: 'body.toUserId' })
  if (to.kind !== 'staff' || to.id === me.id) fail('BAD_REQUEST', '不能选择这个人，请重新选择', { field: 'body.toUserId' })
  if (sameDept && to.deptId !== me.deptId) fail('BAD_REQUEST', '只能转办给本处室的同事', { field: 'body.toUserId' })
  if (!cleared(to, d.secrecy)) fail('BAD_REQUEST', `${to.name}没有${secrecyLabels[d.secrecy]}公文的知悉权限`, { field: 'body.toUserId' })
  return to
}

export function act(ctx: Ctx, id: string, body: ActBody): DocumentRow {
  const me = requireUser(ctx)
  const db = ctx.db
  const d = findVisible(ctx, id)
  const offered = actionsFor(ctx, d, me).find((a) => a.key === body.action)
  const mine = myOpenTask(d, me.id)
  if (!offered) {
    if (body.action === 'urge' && urgeTargets(d, me).length && d.version === body.version) fail('INVALID_STATE', '刚刚催办过，请 1 小时后再催')
    const stale = d.version !== body.version
    fail(stale ? 'VERSION_CONFLICT' : FINISHED.has(d.status) ? 'INVALID_STATE' : 'FORBIDDEN', stale ? STALE : FINISHED.has(d.status) ? '该公文已办结，不能再办理' : '您现在不能进行这个操作')
  }
  // a holder's own share of a parallel step is not made stale by the others acting on theirs
  const taskScoped = ['approve', 'return', 'transfer', 'add_signer'].includes(body.action) && mine && mine.openedVersion <= body.version && body.version <= d.version
  if (!taskScoped) checkDocVersion(d, body.version)
  const opinion = body.opinion?.trim() || null
  if (offered!.opinion === 'required' && !opinion) fail('BAD_REQUEST', `请填写${offered!.opinionLabel}`, { field: 'body.opinion' })
  const note = (action: string, text: string | null = opinion) => d.timeline.push({ at: ctx.nowIso, actorName: me.name, action, note: text })

  switch (body.action) {
    case 'submit': {
      if (d.status === 'returned') for (const w of itemsOf(db, d)) if (w.status === 'open' && w.assigneeId === me.id && w.tags.includes('returned')) closeWorkItem(ctx, w)
      d.round++
      if (!itemsOf(db, d).some((w) => w.audience === 'initiator')) {
        openWorkItem(ctx, { ...itemBase(d), summary: '已送审', step: '核稿', audience: 'initiator', assigneeId: me.id, tags: [] })
      }
      enterStage(ctx, d, 'review')
      note(d.round > 1 ? '修改后重新送审' : '送审')
      audit(ctx, 'document.submit', 'document', d.id, `送审「${d.title}」`)
      break
    }
    case 'approve': {
      const t = mine!
      const needs = approveNeedsOf(t)
      let signature: ReturnType<typeof checkSignature> | null = null
      if (needs.includes('signature')) {
        if (!body.signature) fail('BAD_REQUEST', '请先手写签名', { field: 'body.signature' })
        signature = checkSignature(body.signature!)
      }
      if (needs.includes('leader')) {
        const leader = userById(db, body.toUserId ?? '')
        if (!leader || !leader.roles.includes('leader')) fail('BAD_REQUEST', '请选择批办的领导', { field: 'body.toUserId' })
        if (!cleared(leader!, d.secrecy)) fail('BAD_REQUEST', `${leader!.name}没有${secrecyLabels[d.secrecy]}公文的知悉权限`, { field: 'body.toUserId' })
        d.leaderId = leader!.id
      }
      if (needs.includes('departments')) {
        const main = db.departments.find((x) => x.id === body.mainDeptId) ?? fail('BAD_REQUEST', '请选择主办单位', { field: 'body.mainDeptId' })
        const assists = [...new Set(body.assistDeptIds ?? [])].filter((x) => x !== main.id)
        for (const x of assists) if (!db.departments.some((y) => y.id === x)) fail('BAD_REQUEST', '所选协办单位不在通讯录中', { field: 'body.assistDeptIds' })
        for (const x of [main.id, ...assists]) {
          const head = headOf(db, x, null, true)
          if (!head) fail('BAD_REQUEST', `${deptName(db, x)}暂无负责人在本系统，请另选承办单位`, { field: 'body.mainDeptId' })
          if (!cleared(head!, d.secrecy)) fail('BAD_REQUEST', `${deptName(db, x)}负责人没有${secrecyLabels[d.secrecy]}公文的知悉权限`, { field: 'body.mainDeptId' })
        }
        d.mainDeptId = main.id
        d.assistDeptIds = assists
      }
      if (t.role === 'main') {
        const waiting = openTasks(d).filter((x) => x.role === 'assist')
        if (waiting.length) fail('INVALID_STATE', `协办单位尚未全部反馈（还差${waiting.map((x) => nameOf(db, x.userId)).join('、')}），请等待或提醒后再办结`)
      }
      // nothing is kept until every check has passed: a refused approval leaves no stray signature file
      const signatureFileId = signature ? storeSignature(ctx, signature) : null
      if (t.stage === 'number') d.docNumber = assignNumber(db, d, ctx.nowIso)
      if (t.stage === 'register') d.receiveNumber = assignReceiveNumber(db, d, ctx.nowIso)
      closeTask(ctx, d, t, 'done')
      if (opinion || signatureFileId) d.opinions.push({ stage: t.stage, userId: me.id, text: opinion ?? '', signatureFileId, at: ctx.nowIso })
      const label = offered!.label
      note(t.stage === 'number' ? `编号用印：${d.docNumber}` : t.stage === 'register' ? `登记：${d.receiveNumber}` : label)
      if (t.stage === 'distribute') distribute(ctx, d)
      // the step is finished when every share of it is done (会签: all must sign)
      if (!openTasks(d).some((x) => x.stage === t.stage)) {
        if (t.stage === 'distribute' || t.stage === 'handle') finish(d)
        else enterStage(ctx, d, nextStage(d))
        if (t.stage === 'handle') reply(ctx, d, opinion ?? '')
      }
      audit(ctx, 'document.approve', 'document', d.id, `${stageLabels[t.stage]}：${label}${opinion ? `，${opinion}` : ''}${d.stage === 'done' ? '（办结）' : ''}`)
      break
    }
    case 'return': {
      const targets = returnTargets(d)
      const to = body.toStage ?? (d.kind === 'outgoing' ? 'draft' : targets[0])
      if (!to || !targets.includes(to)) fail('BAD_REQUEST', '请选择退回到哪个环节', { field: 'body.toStage' })
      const from = mine!.stage
      cancelOpenTasks(ctx, d)
      d.opinions.push({ stage: from, userId: me.id, text: `退回：${opinion}`, signatureFileId: null, at: ctx.nowIso })
      if (to === 'draft') {
        d.status = 'returned'
        d.stage = 'draft'
        openWorkItem(ctx, { ...itemBase(d), summary: `${me.name}退回：${opinion}`, step: '退回修改', audience: 'assignee', assigneeId: d.drafterId!, tags: ['todo', 'returned'] })
      } else {
        // the step opens again for the people who did it last time
        const done = d.tasks.filter((t) => t.stage === to && t.round === d.round && t.state === 'done')
        const lastPass = Math.max(...done.map((t) => t.pass))
        const last = done.filter((t) => t.pass === lastPass)
        const people = new Map<string, DocTaskRow['role']>()
        for (const t of last) people.set(t.userId, t.role)
        d.stage = to
        d.pass++
        for (const [userId, role] of people) openTask(ctx, d, userId, role, to, true)
      }
      note(`退回${to === 'draft' ? '拟稿人' : stageLabels[to]}`)
      audit(ctx, 'document.return', 'document', d.id, `${stageLabels[from]}：退回${to === 'draft' ? '拟稿人' : stageLabels[to]}，${opinion}`)
      break
    }
    case 'send_back': {
      cancelOpenTasks(ctx, d)
      d.status = 'sent_back'
      d.stage = 'done'
      d.opinions.push({ stage: 'check', userId: me.id, text: `退文：${opinion}`, signatureFileId: null, at: ctx.nowIso })
      const source = d.sourceDocId ? db.documents.find((x) => x.id === d.sourceDocId) : undefined
      if (source?.drafterId) {
        openWorkItem(ctx, { ...itemBase(source), summary: `${officeName(db, d.officeId)}退文：${opinion}`, step: '被退文', audience: 'cc', assigneeId: source.drafterId, tags: ['returned'] })
      }
      note('退文', `退回${d.fromUnit ?? '来文单位'}：${opinion}`)
      audit(ctx, 'document.send_back', 'document', d.id, `初审退文：${opinion}`)
      break
    }
    case 'withdraw': {
      cancelOpenTasks(ctx, d)
      d.status = 'draft'
      d.stage = 'draft'
      note('撤回')
      audit(ctx, 'document.withdraw', 'document', d.id, '拟稿人撤回')
      break
    }
    case 'add_signer': {
      const to = checkColleague(db, d, me, body.toUserId, false)
      if (to.id === d.drafterId) fail('BAD_REQUEST', '拟稿人不需要会签', { field: 'body.toUserId' })
      const already = holdersFor(db, d, 'countersign').some((h) => h.userId === to.id)
      if (already) fail('BAD_REQUEST', `${to.name}已在会签人中`, { field: 'body.toUserId' })
      if (openTasks(d).some((t) => t.userId === to.id)) fail('BAD_REQUEST', `${to.name}已在办理这份公文`, { field: 'body.toUserId' })
      d.extraSignerIds.push(to.id)
      if (d.stage === 'countersign') openTask(ctx, d, to.id, 'countersign', 'countersign', false)
      note(`加签${to.name}`)
      audit(ctx, 'document.add_signer', 'document', d.id, `加签 ${to.name}`)
      break
    }
    case 'transfer': {
      const to = checkColleague(db, d, me, body.toUserId, true)
      if (openTasks(d).some((t) => t.userId === to.id)) fail('BAD_REQUEST', `${to.name}已在办理这份公文`, { field: 'body.toUserId' })
      const t = mine!
      closeTask(ctx, d, t, 'cancelled')
      openTask(ctx, d, to.id, t.role, t.stage, t.reopened)
      note(`转办给${to.name}`)
      audit(ctx, 'document.transfer', 'document', d.id, `${stageLabels[t.stage]}：转办给 ${to.name}`)
      break
    }
    case 'urge': {
      const targets = urgeTargets(d, me)
      d.lastUrgedAt = ctx.nowIso
      for (const t of targets) for (const w of itemsOf(db, d)) if (w.status === 'open' && w.audience === 'assignee' && w.assigneeId === t.userId) urgeWorkItem(ctx, w)
      const names = targets.map((t) => nameOf(db, t.userId)).join('、')
      note(`催办${names}`)
      audit(ctx, 'document.urge', 'document', d.id, `催办 ${names}`)
      break
    }
    case 'comment': {
      note('评论')
      audit(ctx, 'document.comment', 'document', d.id, `评论：${opinion}`)
      break
    }
    case 'circulate_opinion': {
      const line = myCirculationLine(d, me.id)!
      readLine(ctx, d, line.r)
      line.r.status = 'opinion'
      line.r.opinion = opinion
      audit(ctx, 'document.circulate_opinion', 'document', d.id, `签署阅文意见：${opinion}`)
      break
    }
  }
  d.version++
  d.updatedAt = ctx.nowIso
  refreshInitiatorItem(ctx, d)
  return d
}

export function checkSignature(dataUrl: string): { b64: string; size: number } {
  const b64 = dataUrl.slice('data:image/png;base64,'.length)
  let bytes: Uint8Array
  try {
    bytes = fromBase64(b64)
  } catch {
    return fail('BAD_REQUEST', '「手写签名」格式不对，请清除后重新签', { field: 'body.signature' })
  }
  // a PNG starts with its 8-byte signature; anything else is not a drawing
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 60 || png.some((b, i) => bytes[i] !== b)) fail('BAD_REQUEST', '「手写签名」格式不对，请清除后重新签', { field: 'body.signature' })
  // a valid PNG of an empty canvas is not a signature (issue #7: a mouse on a PC left no ink and 签发 took it)
  let ink: number
  try {
    ink = inkPixels(bytes)
  } catch {
    return fail('BAD_REQUEST', '「手写签名」格式不对，请清除后重新签', { field: 'body.signature' })
  }
  if (ink < MIN_INK_PIXELS) fail('BAD_REQUEST', '手写签名是空白的，请在签名框内写上您的名字后再提交', { field: 'body.signature' })
  return { b64, size: bytes.length }
}

/** 答复: a 收文 that came through this system tells its drafter how it was handled. */
function reply(ctx: Ctx, d: DocumentRow, result: string) {
  const source = d.sourceDocId ? ctx.db.documents.find((x) => x.id === d.sourceDocId) : undefined
  if (!source?.drafterId) return
  openWorkItem(ctx, { ...itemBase(source), summary: `${officeName(ctx.db, d.officeId)}已办结：${result}`.slice(0, 120), step: '办结答复', audience: 'cc', assigneeId: source.drafterId, tags: [] })
}

function storeSignature(ctx: Ctx, { b64, size }: { b64: string; size: number }): string {
  const me = requireUser(ctx)
  const id = nextId(ctx.db, 'file')
  ctx.db.files.push({ id, name: `签名-${me.name}.png`, size, mime: 'image/png', sha256: '', uploadedBy: me.id, createdAt: ctx.nowIso, data: b64 })
  return id
}

function readLine(ctx: Pick<Ctx, 'db' | 'nowIso'>, d: DocumentRow, r: CirculationRow['readers'][number]) {
  if (r.status !== 'unread') return
  r.status = 'read'
  r.readAt = ctx.nowIso
  for (const w of itemsOf(ctx.db, d)) if (w.status === 'open' && w.assigneeId === r.userId && w.tags.includes('circulate')) closeWorkItem(ctx, w)
}

export function circulate(ctx: Ctx, id: string, body: RouteArgs<typeof routes.documents.circulate>['body']): DocumentRow {
  const me = requireUser(ctx)
  const d = findVisible(ctx, id)
  if (d.status !== 'in_progress' && d.status !== 'done') fail('INVALID_STATE', '草稿和已退文的公文不能传阅')
  checkDocVersion(d, body.version)
  const ids = [...new Set(body.readerIds)]
  if (ids.includes(me.id)) fail('BAD_REQUEST', '传阅人不需要包括您自己', { field: 'body.readerIds' })
  for (const x of ids) {
    const u = userById(ctx.db, x)
    if (!u || u.kind !== 'staff') fail('BAD_REQUEST', '所选传阅人不在通讯录中，请重新选择', { field: 'body.readerIds' })
    if (!cleared(u!, d.secrecy)) fail('BAD_REQUEST', `${u!.name}没有${secrecyLabels[d.secrecy]}公文的知悉权限，不能传阅给他`, { field: 'body.readerIds' })
  }
  const c: CirculationRow = {
    id: `${d.id}-c${d.circulations.length + 1}`,
    senderId: me.id,
    purpose: body.purpose,
    at: ctx.nowIso,
    lastRemindAt: null,
    readers: ids.map((userId) => ({ userId, status: 'unread', readAt: null, opinion: null, urgedAt: null })),
  }
  d.circulations.push(c)
  for (const userId of ids) {
    openWorkItem(ctx, { ...itemBase(d), initiatorId: me.id, summary: `${me.name}传阅：${body.purpose}`, step: '传阅', audience: 'assignee', assigneeId: userId, tags: ['circulate'] })
  }
  d.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `传阅给 ${ids.length} 人`, note: body.purpose })
  d.version++
  d.updatedAt = ctx.nowIso
  audit(ctx, 'document.circulate', 'document', d.id, `传阅给 ${ids.map((x) => nameOf(ctx.db, x)).join('、')}：${body.purpose}`)
  return d
}

/** The read receipt: a reader opening the document. Calling it again changes nothing. */
export function markRead(ctx: Ctx, id: string): DocumentRow {
  const me = requireUser(ctx)
  const d = findVisible(ctx, id)
  const lines = d.circulations.flatMap((c) => c.readers.filter((x) => x.userId === me.id && x.status === 'unread'))
  if (lines.length) {
    for (const line of lines) readLine(ctx, d, line)
    d.version++
    d.updatedAt = ctx.nowIso
    audit(ctx, 'document.read', 'document', d.id, '传阅已读')
  }
  return d
}

// ---------------------------------------------------------------------------------------------

function listRows(ctx: Ctx, query: RouteArgs<typeof routes.documents.list>['query']) {
  const me = requireUser(ctx)
  const inBox = (d: DocumentRow): boolean => {
    switch (query.box) {
      case 'todo':
        return !!myOpenTask(d, me.id) || (d.status === 'returned' && d.drafterId === me.id)
      case 'done':
        return !myOpenTask(d, me.id) && d.tasks.some((t) => t.userId === me.id && t.state === 'done')
      case 'drafted':
        return d.drafterId === me.id
      case 'circulated':
        return d.circulations.some((c) => c.readers.some((r) => r.userId === me.id))
    }
  }
  const q = query.q?.toLowerCase()
  return ctx.db.documents
    .filter((d) => canSeeDocument(ctx.db, d, me) && inBox(d))
    .filter((d) => !q || d.title.toLowerCase().includes(q) || (d.docNumber ?? '').toLowerCase().includes(q) || (d.receiveNumber ?? '').toLowerCase().includes(q))
    .filter((d) => (!query.kind || d.kind === query.kind) && (!query.docType || d.docType === query.docType) && (!query.urgency || d.urgency === query.urgency))
    .filter((d) => {
      const day = cstDate(new Date(d.createdAt))
      return (!query.from || day >= query.from) && (!query.to || day <= query.to)
    })
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1))
}

export function registerDocuments(r: Registry) {
  r.on(routes.documents.list, (ctx, { query }) => {
    if (query.from && query.to && query.from > query.to) fail('BAD_REQUEST', '「开始日期」不能晚于「结束日期」', { field: 'query.from' })
    const page = paginate(listRows(ctx, query), query.cursor, query.limit ?? 20)
    return { items: page.items.map((d) => summary(ctx.db, d, ctx.nowIso)), nextCursor: page.nextCursor }
  })

  r.on(routes.documents.options, (ctx) => {
    requireUser(ctx)
    return {
      leaders: ctx.db.users.filter((u) => u.roles.includes('leader')).map((u) => personOf(ctx.db, u.id)!),
      departments: ctx.db.departments.filter((d) => d.parentId === null && d.kind !== 'district_leadership').map((d) => ({ id: d.id, name: d.name })),
    }
  })

  r.on(routes.documents.create, (ctx, { body }) => present(ctx, createDraft(ctx, body)))

  r.on(routes.documents.update, (ctx, { params, body }) => {
    const me = requireUser(ctx)
    const d = findVisible(ctx, params.id)
    if (d.drafterId !== me.id) fail('FORBIDDEN', '只有拟稿人可以修改稿件')
    if (d.status !== 'draft' && d.status !== 'returned') fail('INVALID_STATE', '稿件已送审，撤回或被退回后才能修改')
    checkDocVersion(d, body.version)
    const { version: _v, ...rest } = body
    // a raised 密级 must not shut out someone the document already went to (加签 会签人, 传阅 readers)
    const involved = [...d.extraSignerIds, ...d.circulations.flatMap((c) => c.readers.map((x) => x.userId))]
    const shut = involved.map((x) => userById(ctx.db, x)).find((u) => u && !cleared(u, body.secrecy))
    if (shut) fail('BAD_REQUEST', `${shut.name}已在本文的会签或传阅中，没有${secrecyLabels[body.secrecy]}公文的知悉权限，不能提高密级`, { field: 'body.secrecy' })
    Object.assign(d, checkDraft(ctx, rest, d))
    d.version++
    d.updatedAt = ctx.nowIso
    d.timeline.push({ at: ctx.nowIso, actorName: me.name, action: '修改稿件', note: null })
    audit(ctx, 'document.update', 'document', d.id, `修改稿件「${d.title}」`)
    return present(ctx, d)
  })

  r.on(routes.documents.get, (ctx, { params }) => {
    const d = findVisible(ctx, params.id)
    auditView(ctx, d)
    return present(ctx, d)
  })

  r.on(routes.documents.act, (ctx, { params, body }) => present(ctx, act(ctx, params.id, body)))

  r.on(routes.documents.circulate, (ctx, { params, body }) => present(ctx, circulate(ctx, params.id, body)))

  r.on(routes.documents.read, (ctx, { params }) => present(ctx, markRead(ctx, params.id)))

  r.on(routes.documents.remind, (ctx, { params, body }) => {
    const me = requireUser(ctx)
    const d = findVisible(ctx, params.id)
    const c = d.circulations.find((x) => x.id === params.circulationId) ?? fail('NOT_FOUND', '没有这次传阅')
    if (c.senderId !== me.id) fail('FORBIDDEN', '只有发起传阅的人可以催阅')
    checkDocVersion(d, body.version)
    const unread = c.readers.filter((x) => x.status === 'unread')
    if (!unread.length) fail('INVALID_STATE', '所有人都已阅读，无需催阅')
    if (!remindDue(c.lastRemindAt, ctx.now)) fail('INVALID_STATE', '刚刚催阅过，请 1 小时后再催')
    c.lastRemindAt = ctx.nowIso
    for (const x of unread) {
      x.urgedAt = ctx.nowIso
      for (const w of itemsOf(ctx.db, d)) if (w.status === 'open' && w.assigneeId === x.userId && w.tags.includes('circulate')) urgeWorkItem(ctx, w)
    }
    const names = unread.map((x) => nameOf(ctx.db, x.userId)).join('、')
    d.timeline.push({ at: ctx.nowIso, actorName: me.name, action: '催阅', note: `提醒 ${names}` })
    d.version++
    d.updatedAt = ctx.nowIso
    audit(ctx, 'document.remind', 'document', d.id, `催阅 ${unread.length} 人：${names}`)
    return present(ctx, d)
  })

  r.on(routes.documents.phrases, (ctx) => ({ phrases: ctx.db.phrases[requireUser(ctx).id] ?? DEFAULT_PHRASES }))

  r.on(routes.documents.savePhrases, (ctx, { body }) => {
    const me = requireUser(ctx)
    const phrases = [...new Set(body.phrases.map((p) => p.trim()))]
    ctx.db.phrases[me.id] = phrases
    audit(ctx, 'document.phrases', 'user', me.id, `保存常用意见 ${phrases.length} 条`)
    return { phrases }
  })
}

/** For the inbox and tests: a task's item, when it exists. */
export function openItemFor(db: Db, d: DocumentRow, userId: string): WorkItemRow | undefined {
  return itemsOf(db, d).find((w) => w.status === 'open' && w.assigneeId === userId && w.audience === 'assignee')
}
