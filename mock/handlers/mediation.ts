import { videoEntryFor, videoRecordLines } from './video'
import type { AvailableAction } from '../../src/contract/common'
import {
  CASE_LIMIT_DAYS,
  CHANGE_CUTOFF_HOURS,
  NEAR_LIMIT_DAYS,
  SLOT_TAKEN_MESSAGE,
  VISIT_AFTER_DAYS,
  caseDocKinds,
  caseDocLabels,
  caseStatusLabels,
  dialectLabels,
  disputeTypeLabels,
  mediationModeLabels,
  mediationRoutes,
  referralLabels,
  type CaseAction,
  type CaseDetail,
  type CaseDocKind,
  type CaseStatus,
  type CaseSummary,
  type Slot,
} from '../../src/contract/mediation'
import { maskPhone } from '../../src/core/mask'
import { cstParts, toIso } from '../../src/core/time'
import type { RouteArgs } from '../../src/contract/route'
import type { Db, MediationCaseRow, MediationSlotRow, UserRow } from '../db'
import { SYSTEM_ACTOR, audit, checkVersion, hasRole, nextId, requireUser, userById, visibleOr404, type Ctx, type Registry } from '../context'
import { fail } from '../lib/errors'
import { paginate } from '../lib/paging'
import { simplePdf } from '../lib/pdf'
import { closeWorkItem, openWorkItem, urgeWorkItem } from '../lib/workitems'
import { emit, onTick, type NotifyKind } from '../lib/notify'
import { checkSignature } from './documents'

type ActBody = RouteArgs<typeof mediationRoutes.act>['body']
type ApplyInput = RouteArgs<typeof mediationRoutes.apply>['body']
type RespondBody = RouteArgs<typeof mediationRoutes.respond>['body']
type WriteCtx = Ctx

const DAY = 86400_000
const addMs = (iso: string, ms: number) => toIso(new Date(Date.parse(iso) + ms))
const OPEN: CaseStatus[] = ['applied', 'accepted', 'scheduled', 'in_session']
const BOOKABLE: CaseStatus[] = ['applied', 'accepted', 'scheduled']
const CLOSED: CaseStatus[] = ['visited', 'refused', 'declined', 'cancelled']

export const residentCaseLink = (id: string) => `/features/mediation/pages/case/index?id=${id}`
export const staffCaseLink = (id: string) => `/features/mediation/pages/handle/index?id=${id}`

// ---------------------------------------------------------------------------------------------
// who sees and holds what

const committeeOf = (db: Db, id: string | null) => (id ? db.mediationCommittees.find((c) => c.id === id) : undefined)
const mediatorOf = (db: Db, userId: string) => db.mediators.find((m) => m.userId === userId)
const isHead = (db: Db, c: MediationCaseRow, me: UserRow) => !!c.committeeId && committeeOf(db, c.committeeId)?.headId === me.id

type Viewer = 'applicant' | 'other_party' | 'staff'

function viewerOf(db: Db, c: MediationCaseRow, me: UserRow): Viewer | null {
  if (me.kind === 'resident') {
    if (c.applicantId === me.id) return 'applicant'
    if (c.otherPartyUserId === me.id) return 'other_party'
    return null
  }
  // an application withdrawn before 受理 is the resident's alone: no staff member acted on it
  if (c.status === 'cancelled' && !c.acceptedAt) return null
  if (hasRole(me, 'dispatcher')) return 'staff'
  if (hasRole(me, 'mediator')) {
    const mine = mediatorOf(db, me.id)
    if (c.mediatorId === me.id || (mine && c.committeeId === mine.committeeId)) return 'staff'
  }
  return null
}

function caseFor(ctx: Ctx, id: string): { c: MediationCaseRow; me: UserRow; viewer: Viewer } {
  const me = requireUser(ctx)
  const c = visibleOr404(ctx.db.mediationCases.find((x) => x.id === id), (x) => viewerOf(ctx.db, x, me) !== null)
  return { c, me, viewer: viewerOf(ctx.db, c, me)! }
}

// ---------------------------------------------------------------------------------------------
// slots

export function presentSlot(db: Db, s: MediationSlotRow, withCase: boolean): Slot {
  const m = mediatorOf(db, s.mediatorId)
  return {
    id: s.id,
    committeeId: s.committeeId,
    committeeName: committeeOf(db, s.committeeId)?.name ?? '',
    mediatorId: s.mediatorId,
    mediatorName: userById(db, s.mediatorId)?.name ?? '',
    dialects: m?.dialects ?? [],
    expertise: m?.expertise ?? [],
    mode: s.mode,
    roomName: s.roomId ? (db.mediationRooms.find((r) => r.id === s.roomId)?.name ?? null) : null,
    start: s.start,
    end: s.end,
    caseId: withCase ? s.caseId : null,
  }
}

/** A slot can be booked if nobody holds it and it starts far enough ahead to prepare and remind. */
const bookable = (s: MediationSlotRow, nowIso: string) => !s.caseId && s.start > addMs(nowIso, 2 * 3600_000)

interface SlotFilter {
  committeeId?: string
  committeeIds?: string[]
  mode?: string
  dialect?: string
  expertise?: string
  mediatorId?: string
  after?: string
}

export function freeSlots(db: Db, nowIso: string, f: SlotFilter, limit = 30): MediationSlotRow[] {
  return db.mediationSlots
    .filter((s) => bookable(s, nowIso))
    .filter((s) => !f.committeeId || s.committeeId === f.committeeId)
    .filter((s) => !f.committeeIds || f.committeeIds.includes(s.committeeId))
    .filter((s) => !f.mode || s.mode === f.mode)
    .filter((s) => !f.mediatorId || s.mediatorId === f.mediatorId)
    .filter((s) => !f.after || s.start > f.after)
    .filter((s) => {
      const m = mediatorOf(db, s.mediatorId)
      return (!f.dialect || !!m?.dialects.includes(f.dialect as never)) && (!f.expertise || !!m?.expertise.includes(f.expertise as never))
    })
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, limit)
}

/** The committees "near" a street: its own first, then the district committee. */
function nearCommittees(db: Db, streetName: string): string[] {
  return db.mediationCommittees.filter((c) => c.streetName === streetName || c.streetName === '宝安区').map((c) => c.id)
}

/** The same kind of slot a lost race wanted: same committee and mode, the next free ones. */
function alternativesTo(db: Db, nowIso: string, s: MediationSlotRow, c: MediationCaseRow): Slot[] {
  const sameMediator = c.mediatorId ? { mediatorId: c.mediatorId } : {}
  return freeSlots(db, nowIso, { committeeId: s.committeeId, mode: s.mode, ...sameMediator, after: toIso(new Date(Date.parse(s.start) - 1)) }, 3).map((x) => presentSlot(db, x, false))
}

function takeSlot(ctx: WriteCtx, c: MediationCaseRow, slotId: string | undefined): MediationSlotRow {
  if (!slotId) return fail('BAD_REQUEST', '请选择一个时段', { field: 'body.slotId' })
  const s = ctx.db.mediationSlots.find((x) => x.id === slotId) ?? fail('NOT_FOUND', '这个时段不存在，请刷新后重新选择')
  if (s.mode !== c.mode) fail('INVALID_STATE', `这是${mediationModeLabels[s.mode]}的时段，您申请的是${mediationModeLabels[c.mode]}`)
  if (c.mediatorId && s.mediatorId !== c.mediatorId) fail('INVALID_STATE', '案件已分给调解员，请选择该调解员的时段')
  if (s.caseId === c.id) fail('INVALID_STATE', '您已约了这个时段')
  // check and write happen in one step (the mock is single-threaded): of two taps on one slot, one wins
  if (s.caseId || !bookable(s, ctx.nowIso)) fail('INVALID_STATE', SLOT_TAKEN_MESSAGE, { reason: 'slot_taken', alternatives: alternativesTo(ctx.db, ctx.nowIso, s, c) })
  return s
}

function releaseSlot(db: Db, c: MediationCaseRow) {
  const s = db.mediationSlots.find((x) => x.id === c.slotId)
  if (s && s.caseId === c.id) s.caseId = null
  c.slotId = null
}

function slotOf(db: Db, c: MediationCaseRow) {
  return c.slotId ? db.mediationSlots.find((s) => s.id === c.slotId) : undefined
}

const beforeCutoff = (db: Db, c: MediationCaseRow, nowIso: string) => {
  const s = slotOf(db, c)
  return !s || addMs(s.start, -CHANGE_CUTOFF_HOURS * 3600_000) > nowIso
}

// ---------------------------------------------------------------------------------------------
// the case file (一案一档)

/** What the statutory list needs at this point of the case. */
function requiredDocs(c: MediationCaseRow): CaseDocKind[] {
  if (c.status === 'refused' || c.status === 'cancelled') return ['application']
  if (c.status === 'failed') return ['application', 'notice', 'record', 'visit']
  if (c.status === 'declined') return ['application', 'notice']
  return [...caseDocKinds]
}

function addDoc(c: MediationCaseRow, kind: CaseDocKind, at: string) {
  const existing = c.docs.find((d) => d.kind === kind)
  if (existing) existing.at = at
  else c.docs.push({ kind, at })
}

/** 2026年11月25日 10:00 (Beijing), as a 文书 writes a time */
function docTime(iso: string): string {
  const p = cstParts(new Date(iso))
  return `${p.year}年${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}
const signerLabels = { applicant: '申请人', other_party: '对方当事人', mediator: '调解员' } as const

function docLines(db: Db, c: MediationCaseRow, kind: CaseDocKind): string[] {
  const applicant = userById(db, c.applicantId)
  const parties = [`申请人：${applicant?.name ?? ''} ${maskPhone(applicant?.phone ?? '')}`, `对方当事人：${c.otherPartyName} ${maskPhone(c.otherPartyPhone)}`]
  const head = [`${caseDocLabels[kind]}（${c.caseNumber ?? c.id}）`, `${disputeTypeLabels[c.disputeType]} · ${committeeOf(db, c.committeeId)?.name ?? ''}`, ...parties]
  const body: Record<CaseDocKind, string[]> = {
    application: [`事实与理由：${c.facts}`, `调解请求：${c.claims}`],
    notice: [`受理时间：${c.acceptedAt ? docTime(c.acceptedAt) : ''}；调解期限至：${c.dueAt ? docTime(c.dueAt) : ''}`, '当事人依照《中华人民共和国人民调解法》享有权利、承担义务；调解不收取任何费用。'],
    // a video session's attendance (who, from when to when) and what was said about recording
    record: [`调解记录：${c.record ?? ''}`, ...(c.mode === 'video' ? videoRecordLines(db, c) : [])],
    agreement: [`协议内容：${c.agreement?.terms ?? ''}`, ...c.signatures.map((s) => `${signerLabels[s.role]} ${userById(db, s.userId)?.name ?? ""} 已签名（${docTime(s.at)}）`)],
    performance: [`履行情况：${c.performance?.text ?? ''}`],
    visit: [`回访情况：${c.visit?.text ?? ''}`],
  }
  return [...head, ...body[kind]]
}

export function caseDocument(db: Db, c: MediationCaseRow, kind: CaseDocKind) {
  return { data: simplePdf(docLines(db, c, kind)), mime: 'application/pdf', name: `${caseDocLabels[kind]}-${c.caseNumber ?? c.id}.pdf` }
}

// ---------------------------------------------------------------------------------------------
// presenting

const A = (key: CaseAction, label: string, opinion: AvailableAction['opinion'], opinionLabel: string | null, style: AvailableAction['style'] = 'default'): AvailableAction => ({ key, label, opinion, opinionLabel, style })

function signedBy(c: MediationCaseRow, role: MediationCaseRow['signatures'][number]['role']) {
  return c.signatures.some((s) => s.role === role)
}

function actionsFor(ctx: Ctx, c: MediationCaseRow, me: UserRow, viewer: Viewer): AvailableAction[] {
  const out: AvailableAction[] = []
  const db = ctx.db
  if (viewer === 'applicant') {
    if (BOOKABLE.includes(c.status) && beforeCutoff(db, c, ctx.nowIso)) {
      if (c.offeredSlotId) out.push(A('accept_offer', '接受提供的时段', 'none', null, 'primary'))
      out.push(A('book', c.slotId ? '改约时段' : '预约时段', 'none', null, c.slotId ? 'default' : 'primary'))
      if (c.slotId) out.push(A('cancel_slot', '取消预约', 'none', null))
    }
    if (BOOKABLE.includes(c.status)) out.push(A('withdraw', '撤回申请', 'optional', '撤回原因（可不填）', 'danger'))
    if (c.status === 'agreed' && !signedBy(c, 'applicant')) out.push(A('sign', '签署协议书', 'none', null, 'primary'))
    if (['performing', 'visited', 'failed'].includes(c.status) && !c.rating) out.push(A('rate', '评价本次调解', 'optional', '说说您的感受（可不填）'))
    return out
  }
  if (viewer === 'other_party') {
    if (c.status === 'agreed' && !signedBy(c, 'other_party')) out.push(A('sign', '签署协议书', 'none', null, 'primary'))
    return out
  }
  const dispatcher = hasRole(me, 'dispatcher')
  const holder = c.mediatorId === me.id || isHead(db, c, me)
  if (dispatcher && c.status === 'applied') {
    out.push(A('accept', '受理并分拨', 'none', null, 'primary'))
    out.push(A('refuse', '不予受理', 'required', '不予受理的理由', 'danger'))
  }
  if ((dispatcher || holder) && ['applied', 'accepted'].includes(c.status) && !c.slotId) out.push(A('offer', '提供时段', 'none', null))
  if (holder) {
    if (c.status === 'scheduled') out.push(A('start', '开始调解', 'none', null, 'primary'))
    if (['in_session', 'agreed', 'failed'].includes(c.status)) out.push(A('record', '调解记录', 'none', null))
    if (c.status === 'in_session') {
      out.push(A('agree', '达成协议', 'none', null, 'primary'))
      out.push(A('fail', '未达成协议', 'required', '未达成的原因', 'danger'))
    }
    if (c.status === 'agreed' && !signedBy(c, 'mediator')) out.push(A('sign', '调解员签名', 'none', null, 'primary'))
    if (c.status === 'performing' && !c.performance) out.push(A('perform', '登记履行情况', 'none', null, 'primary'))
    if ((c.status === 'performing' && c.performance) || c.status === 'failed') out.push(A('visit', '登记回访', 'none', null, 'primary'))
    if (c.status === 'declined') out.push(A('home_visit', '上门调解', 'required', '上门情况（对方当面同意调解）'))
  }
  if ((dispatcher || isHead(db, c, me)) && ['accepted', 'scheduled', 'in_session'].includes(c.status) && !c.extensions.length) {
    out.push(A('extend', '延期', 'required', '延期理由'))
  }
  return out
}

function nextStepsFor(c: MediationCaseRow) {
  if (c.status === 'declined') {
    return [
      { title: '上门调解', text: '调解员可上门与对方当面沟通，对方同意后继续调解。' },
      { title: '司法确认', text: '双方今后达成调解协议的，可在 30 日内共同向宝安区人民法院申请司法确认，使协议具有强制执行力。' },
      { title: '诉讼指引', text: '也可以直接向宝安区人民法院起诉，诉讼服务热线 12368。' },
    ]
  }
  if (c.status === 'failed') {
    return [
      { title: '诉讼指引', text: '调解未达成协议的，可以依法向宝安区人民法院起诉，诉讼服务热线 12368。' },
      { title: '其他途径', text: '劳动争议可申请劳动仲裁；涉及行政管理的可申请行政调解。' },
    ]
  }
  if (c.status === 'refused' && c.refusal) return [{ title: '去向', text: referralLabels[c.refusal.referral] }]
  return []
}

function reminderFor(db: Db, c: MediationCaseRow, nowIso: string): CaseDetail['reminder'] {
  const s = slotOf(db, c)
  // once the time has come there is nothing left to remind of
  if (!s || s.start <= nowIso || !['scheduled', 'accepted', 'applied'].includes(c.status)) return null
  const p = cstParts(new Date(s.start))
  const when = `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
  const where = s.mode === 'video' ? '视频调解' : `${committeeOf(db, s.committeeId)?.name ?? ''}${s.roomId ? ` ${db.mediationRooms.find((r) => r.id === s.roomId)?.name ?? ''}` : ''}`
  const soon = s.start <= addMs(nowIso, DAY)
  const text = c.remind === 'subscribed' ? `已订阅提醒：调解前一天通过微信通知您（${when} ${where}）` : `${soon ? '明天或今天就要调解了' : '调解前一天会在这里提醒您'}：${when} ${where}`
  return { kind: c.remind, at: addMs(s.start, -DAY), text }
}

function limitFlags(c: MediationCaseRow, nowIso: string) {
  const open = OPEN.includes(c.status)
  return {
    nearDue: open && !!c.dueAt && addMs(c.dueAt, -NEAR_LIMIT_DAYS * DAY) <= nowIso && c.dueAt > nowIso,
    overdue: open && !!c.dueAt && c.dueAt <= nowIso,
  }
}

export function presentCase(ctx: Ctx, c: MediationCaseRow, me: UserRow, viewer: Viewer): CaseDetail {
  const db = ctx.db
  const applicant = userById(db, c.applicantId)
  const slot = slotOf(db, c)
  const offered = c.offeredSlotId ? db.mediationSlots.find((s) => s.id === c.offeredSlotId) : undefined
  const required = requiredDocs(c)
  const got = new Set(c.docs.map((d) => d.kind))
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    status: c.status,
    viewer,
    disputeType: c.disputeType,
    title: titleOf(c),
    applicant: { name: applicant?.name ?? '', phone: maskPhone(applicant?.phone ?? '') },
    assistedBy: c.assistedBy,
    otherParty: { name: c.otherPartyName, phone: maskPhone(c.otherPartyPhone) },
    inviteStatus: c.inviteStatus,
    inviteCode: viewer === 'applicant' ? c.inviteCode : null,
    inviteNote: c.inviteNote,
    facts: viewer === 'other_party' ? null : c.facts,
    claims: c.claims,
    attachmentIds: viewer === 'other_party' ? [] : c.attachmentIds,
    mode: c.mode,
    streetName: c.streetName,
    dialect: c.dialect,
    committeeId: c.committeeId,
    committeeName: committeeOf(db, c.committeeId)?.name ?? null,
    mediatorName: c.mediatorId ? (userById(db, c.mediatorId)?.name ?? null) : null,
    slot: slot ? presentSlot(db, slot, false) : null,
    offeredSlot: offered && !offered.caseId ? presentSlot(db, offered, false) : null,
    // the cut-off matters only until the appointment begins; after that there is nothing to change
    changeUntil: slot && slot.start > ctx.nowIso ? addMs(slot.start, -CHANGE_CUTOFF_HOURS * 3600_000) : null,
    reminder: viewer === 'staff' ? null : reminderFor(db, c, ctx.nowIso),
    dueAt: c.dueAt,
    ...limitFlags(c, ctx.nowIso),
    extensions: c.extensions,
    refusal: c.refusal ? { ...c.refusal, referralLabel: referralLabels[c.refusal.referral] } : null,
    nextSteps: nextStepsFor(c),
    record: viewer === 'staff' ? c.record : null,
    agreement: c.agreement,
    signatures: c.signatures.map((s) => ({ role: s.role, name: userById(db, s.userId)?.name ?? '', at: s.at })),
    performance: c.performance,
    performDueAt: c.agreement ? addMs(c.agreement.at, CASE_LIMIT_DAYS * DAY) : null,
    visit: c.visit,
    visitDueAt: c.agreement || c.status === 'failed' ? addMs(c.agreement?.at ?? c.finishedAt ?? c.submittedAt, VISIT_AFTER_DAYS * DAY) : null,
    rating: c.rating,
    caseFile: {
      items: caseDocKinds.filter((k) => got.has(k)).map((k) => ({ kind: k, label: caseDocLabels[k], at: c.docs.find((d) => d.kind === k)!.at })),
      missing: required.filter((k) => !got.has(k)).map((k) => caseDocLabels[k]),
    },
    videoAttendance: viewer === 'staff' && c.mode === 'video' ? videoRecordLines(db, c) : [],
    video: videoEntryFor(db, c, ctx.nowIso),
    submittedAt: c.submittedAt,
    version: c.version,
    availableActions: actionsFor(ctx, c, me, viewer),
    timeline: c.timeline,
  }
}

const titleOf = (c: MediationCaseRow) => `${disputeTypeLabels[c.disputeType]}：与${c.otherPartyName}`

function summarize(db: Db, c: MediationCaseRow, nowIso: string): CaseSummary {
  const slot = slotOf(db, c)
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    title: titleOf(c),
    disputeType: c.disputeType,
    status: c.status,
    streetName: c.streetName,
    mode: c.mode,
    committeeName: committeeOf(db, c.committeeId)?.name ?? null,
    mediatorName: c.mediatorId ? (userById(db, c.mediatorId)?.name ?? null) : null,
    slotStart: slot?.start ?? null,
    submittedAt: c.submittedAt,
    dueAt: c.dueAt,
    ...limitFlags(c, nowIso),
  }
}

// ---------------------------------------------------------------------------------------------
// work items: the dispatcher's 待分拨, the mediator's 待办, the parties' 我的事项

function caseItems(db: Db, c: MediationCaseRow) {
  return db.workItems.filter((w) => w.module === 'mediation' && w.objectId === c.id)
}

function holderStep(c: MediationCaseRow): string | null {
  switch (c.status) {
    case 'applied':
      return '待分拨'
    case 'accepted':
      return c.slotId ? '待排期' : '待约时段'
    case 'scheduled':
      return '待调解'
    case 'in_session':
      return '调解中'
    case 'agreed':
      return signedBy(c, 'mediator') ? null : '协议书签名'
    case 'performing':
      return c.performance ? '待回访' : '跟踪履行'
    case 'failed':
      return c.visit ? null : '待回访'
    case 'declined':
      return '对方不同意调解'
    default:
      return null
  }
}

function syncItems(ctx: Pick<Ctx, 'db' | 'nowIso'>, c: MediationCaseRow) {
  const db = ctx.db
  const step = holderStep(c)
  const holders = !step ? [] : c.status === 'applied' ? db.users.filter((u) => u.roles.includes('dispatcher')).map((u) => u.id) : c.mediatorId ? [c.mediatorId] : []
  const base = { module: 'mediation' as const, objectType: 'mediation_case', objectId: c.id, title: titleOf(c), initiatorId: c.applicantId }
  for (const w of caseItems(db, c)) {
    if (w.status !== 'open' || w.audience !== 'assignee') continue
    if (!step || w.step !== step || !holders.includes(w.assigneeId)) closeWorkItem(ctx, w)
  }
  for (const h of holders) {
    if (!caseItems(db, c).some((w) => w.status === 'open' && w.audience === 'assignee' && w.assigneeId === h && w.step === step)) {
      openWorkItem(ctx, { ...base, summary: `${c.streetName} · ${disputeTypeLabels[c.disputeType]}`, step: step!, audience: 'assignee', assigneeId: h, deadline: c.dueAt, link: staffCaseLink(c.id) })
    }
  }
  // the parties follow the case from 我的事项
  const parties = [c.applicantId, c.otherPartyUserId].filter((x): x is string => !!x)
  for (const p of parties) {
    let w = caseItems(db, c).find((x) => x.audience === 'initiator' && x.assigneeId === p)
    if (!w) w = openWorkItem(ctx, { ...base, summary: '', step: '', audience: 'initiator', assigneeId: p, link: residentCaseLink(c.id) })
    w.step = caseStatusLabels[c.status]
    w.summary = c.status === 'agreed' && !c.signatures.some((s) => s.userId === p) ? '请签署协议书' : caseStatusLabels[c.status]
    w.updatedAt = ctx.nowIso
    w.version++
    if (CLOSED.includes(c.status) && w.status === 'open') closeWorkItem(ctx, w)
  }
}

// ---------------------------------------------------------------------------------------------
// 督办: near the 30-day limit the committee head is told, once

export function escalateNearDue(ctx: Ctx) {
  for (const c of ctx.db.mediationCases) {
    if (!OPEN.includes(c.status) || !c.dueAt || c.escalatedAt) continue
    if (addMs(c.dueAt, -NEAR_LIMIT_DAYS * DAY) > ctx.nowIso) continue
    const head = committeeOf(ctx.db, c.committeeId)?.headId
    c.escalatedAt = ctx.nowIso
    for (const w of caseItems(ctx.db, c)) if (w.status === 'open' && w.audience === 'assignee') urgeWorkItem(ctx, w)
    if (head) {
      openWorkItem(ctx, {
        module: 'mediation',
        objectType: 'mediation_case',
        objectId: c.id,
        title: titleOf(c),
        initiatorId: c.applicantId,
        summary: `${userById(ctx.db, c.mediatorId ?? '')?.name ?? ''}承办，${c.dueAt <= ctx.nowIso ? '已超过' : '临近'} 30 日调解期限`,
        step: '督办',
        audience: 'cc',
        assigneeId: head,
        tags: ['urge'],
        deadline: c.dueAt,
        link: staffCaseLink(c.id),
      })
    }
    c.version++
    c.timeline.push({ at: ctx.nowIso, actorName: SYSTEM_ACTOR.name, action: '督办', note: `${c.dueAt <= ctx.nowIso ? '已超过' : '临近'}调解期限，已提醒调委会主任` })
    audit(ctx, 'mediation.escalate', 'mediation_case', c.id, '临近 30 日调解期限，提醒调委会主任督办', SYSTEM_ACTOR)
  }
}

// ---------------------------------------------------------------------------------------------
// writes (exported: the seed replays cases through them)

function touch(ctx: Ctx, c: MediationCaseRow, action: string, note: string | null, auditAction: string, summary: string) {
  const me = requireUser(ctx)
  c.version++
  c.timeline.push({ at: ctx.nowIso, actorName: me.name, action, note })
  syncItems(ctx, c)
  audit(ctx, `mediation.${auditAction}`, 'mediation_case', c.id, summary)
}

export function applyCase(ctx: Ctx, body: ApplyInput): MediationCaseRow {
  const me = requireUser(ctx)
  const attachments = body.attachmentIds ?? []
  for (const fid of attachments) {
    const f = ctx.db.files.find((x) => x.id === fid)
    if (!f || f.uploadedBy !== me.id) fail('BAD_REQUEST', '有一个附件没有上传成功，请删除后重新添加', { field: 'body.attachmentIds' })
  }
  if (body.otherPartyPhone === me.phone) fail('BAD_REQUEST', '对方电话不能是您自己的号码', { field: 'body.otherPartyPhone' })
  const n = nextId(ctx.db, 'med')
  const c: MediationCaseRow = {
    id: n,
    caseNumber: null,
    status: 'applied',
    disputeType: body.disputeType,
    applicantId: me.id,
    assistedBy: body.assistedBy ?? null,
    otherPartyName: body.otherPartyName,
    otherPartyPhone: body.otherPartyPhone,
    otherPartyUserId: null,
    inviteCode: inviteCodeFor(ctx.db),
    inviteStatus: 'pending',
    inviteNote: null,
    facts: body.facts,
    claims: body.claims,
    attachmentIds: attachments,
    mode: body.mode,
    streetName: body.streetName,
    dialect: body.dialect,
    committeeId: null,
    mediatorId: null,
    slotId: null,
    offeredSlotId: null,
    remind: 'in_app',
    acceptedAt: null,
    dueAt: null,
    extensions: [],
    escalatedAt: null,
    refusal: null,
    record: null,
    agreement: null,
    signatures: [],
    performance: null,
    visit: null,
    rating: null,
    docs: [{ kind: 'application', at: ctx.nowIso }],
    finishedAt: null,
    submittedAt: ctx.nowIso,
    version: 1,
    timeline: [{ at: ctx.nowIso, actorName: me.name, action: '申请调解', note: body.assistedBy ? `由${body.assistedBy.relation}${body.assistedBy.name}协助填写` : null }],
  }
  ctx.db.mediationCases.push(c)
  syncItems(ctx, c)
  audit(ctx, 'mediation.apply', 'mediation_case', c.id, `申请调解（${disputeTypeLabels[c.disputeType]}，${mediationModeLabels[c.mode]}，${dialectLabels[c.dialect]}）`)
  return c
}

function inviteCodeFor(db: Db): string {
  // deterministic for the seed and tests, unguessable enough for a demo: a counter run through a mix
  const n = (db.counters['med-invite'] = (db.counters['med-invite'] ?? 0) + 1)
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  let x = (n * 2654435761) % 2 ** 32
  let out = ''
  for (let i = 0; i < 8; i++) {
    out += alphabet[x % alphabet.length]
    x = Math.floor(x / alphabet.length) + (n + i) * 7919
  }
  return out
}

function nextCaseNumber(ctx: Ctx): string {
  const year = cstParts(ctx.now).year
  const key = `med-number-${year}`
  const n = (ctx.db.counters[key] = (ctx.db.counters[key] ?? 0) + 1)
  return `宝安调〔${year}〕${n}号`
}

function book(ctx: Ctx, c: MediationCaseRow, slotId: string | undefined) {
  const s = takeSlot(ctx, c, slotId)
  releaseSlot(ctx.db, c)
  s.caseId = c.id
  c.slotId = s.id
  c.offeredSlotId = null
  if (!c.committeeId) c.committeeId = s.committeeId
  if (c.status === 'accepted') c.status = 'scheduled'
  return s
}

const need = (value: string | undefined, field: string, message: string): string => value ?? fail('BAD_REQUEST', message, { field: `body.${field}` })

export function actOnCase(ctx: Ctx, id: string, body: ActBody): MediationCaseRow {
  const { c, me, viewer } = caseFor(ctx, id)
  checkVersion(c.version, body.version)
  const offered = actionsFor(ctx, c, me, viewer).find((a) => a.key === body.action)
  if (!offered) {
    if (body.action === 'book' || body.action === 'cancel_slot' || body.action === 'accept_offer') {
      if (viewer === 'applicant' && BOOKABLE.includes(c.status)) fail('INVALID_STATE', `调解前 ${CHANGE_CUTOFF_HOURS} 小时内不能再改约或取消，如有急事请致电调委会`)
    }
    if (viewer !== 'staff' && !['sign', 'rate', 'book', 'withdraw', 'cancel_slot', 'accept_offer'].includes(body.action)) fail('FORBIDDEN')
    return fail('INVALID_STATE')
  }
  const db = ctx.db
  const when = (s: MediationSlotRow) => {
    const p = cstParts(new Date(s.start))
    return `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
  }
  switch (body.action) {
    case 'book': {
      const had = !!c.slotId
      const s = book(ctx, c, body.slotId)
      if (body.remind) c.remind = body.remind
      touch(ctx, c, had ? '改约' : '预约时段', `${when(s)} ${userById(db, s.mediatorId)?.name ?? ''}`, had ? 'reschedule' : 'book', `${had ? '改约到' : '预约'} ${s.start}`)
      break
    }
    case 'accept_offer': {
      const s = book(ctx, c, c.offeredSlotId ?? undefined)
      if (c.inviteStatus === 'proposed') c.inviteStatus = 'accepted'
      if (body.remind) c.remind = body.remind
      touch(ctx, c, '接受提供的时段', when(s), 'book', `接受时段 ${s.start}`)
      break
    }
    case 'cancel_slot': {
      releaseSlot(db, c)
      if (c.status === 'scheduled') c.status = 'accepted'
      touch(ctx, c, '取消预约', '时段已释放，可重新预约', 'cancel_slot', '取消预约，时段释放')
      break
    }
    case 'withdraw': {
      releaseSlot(db, c)
      c.status = 'cancelled'
      c.finishedAt = ctx.nowIso
      touch(ctx, c, '撤回申请', body.reason ?? null, 'withdraw', '申请人撤回调解申请')
      break
    }
    case 'accept': {
      const slot = slotOf(db, c)
      const mediatorId = body.mediatorId ?? slot?.mediatorId ?? fail('BAD_REQUEST', '请选择承办的调解员', { field: 'body.mediatorId' })
      const m = mediatorOf(db, mediatorId) ?? fail('BAD_REQUEST', '请选择承办的调解员', { field: 'body.mediatorId' })
      if (body.committeeId && body.committeeId !== m.committeeId) fail('BAD_REQUEST', '这位调解员不属于所选的调委会', { field: 'body.mediatorId' })
      if (slot && slot.mediatorId !== mediatorId) fail('INVALID_STATE', `申请人已约了${userById(db, slot.mediatorId)?.name ?? ''}的时段，请分给该调解员，或先请申请人改约`)
      c.committeeId = m.committeeId
      c.mediatorId = mediatorId
      c.status = slot ? 'scheduled' : 'accepted'
      c.caseNumber = nextCaseNumber(ctx)
      c.acceptedAt = ctx.nowIso
      c.dueAt = addMs(ctx.nowIso, CASE_LIMIT_DAYS * DAY)
      addDoc(c, 'notice', ctx.nowIso)
      touch(ctx, c, '受理', `分拨至${committeeOf(db, c.committeeId)?.name ?? ''} ${userById(db, mediatorId)?.name ?? ''}`, 'accept', `受理（${c.caseNumber}），分拨给 ${userById(db, mediatorId)?.name ?? ''}`)
      break
    }
    case 'refuse': {
      const reason = need(body.reason, 'reason', '请说明不予受理的理由')
      const referral = body.referral ?? fail('BAD_REQUEST', '请选择去向（行政调解、诉调对接等）', { field: 'body.referral' })
      releaseSlot(db, c)
      c.status = 'refused'
      c.refusal = { reason, referral }
      c.finishedAt = ctx.nowIso
      touch(ctx, c, '不予受理', `${reason}；${referralLabels[referral]}`, 'refuse', `不予受理：${reason}`)
      break
    }
    case 'offer': {
      const s = db.mediationSlots.find((x) => x.id === body.slotId) ?? fail('BAD_REQUEST', '请选择要提供的时段', { field: 'body.slotId' })
      if (s.mode !== c.mode) fail('INVALID_STATE', `申请人要的是${mediationModeLabels[c.mode]}，请提供同一方式的时段`)
      if (s.caseId || !bookable(s, ctx.nowIso)) fail('INVALID_STATE', SLOT_TAKEN_MESSAGE, { reason: 'slot_taken', alternatives: alternativesTo(db, ctx.nowIso, s, c) })
      if (c.mediatorId && s.mediatorId !== c.mediatorId) fail('INVALID_STATE', '请提供承办调解员的时段')
      c.offeredSlotId = s.id
      touch(ctx, c, '提供时段', when(s), 'offer', `提供时段 ${s.start}`)
      break
    }
    case 'start': {
      if (c.inviteStatus !== 'accepted') fail('INVALID_STATE', '对方当事人还没有同意调解，不能开始；可以先联系对方或上门调解')
      c.status = 'in_session'
      touch(ctx, c, '开始调解', null, 'start', '开始调解')
      break
    }
    case 'record': {
      c.record = need(body.record, 'record', '请填写调解记录')
      addDoc(c, 'record', ctx.nowIso)
      touch(ctx, c, '调解记录', null, 'record', '保存调解记录')
      break
    }
    case 'agree': {
      const terms = need(body.terms, 'terms', '请填写协议内容')
      if (body.record) c.record = body.record
      if (!c.record) fail('BAD_REQUEST', '协议书由调解记录生成，请先填写调解记录', { field: 'body.record' })
      addDoc(c, 'record', ctx.nowIso)
      c.status = 'agreed'
      c.agreement = { terms, at: ctx.nowIso }
      addDoc(c, 'agreement', ctx.nowIso)
      touch(ctx, c, '达成协议', '协议书已生成，待双方与调解员签名', 'agree', '达成调解协议，生成协议书')
      break
    }
    case 'fail': {
      const reason = need(body.reason, 'reason', '请说明未达成的原因')
      if (body.record) c.record = body.record
      if (!c.record) fail('BAD_REQUEST', '请先填写调解记录', { field: 'body.record' })
      addDoc(c, 'record', ctx.nowIso)
      c.status = 'failed'
      c.finishedAt = ctx.nowIso
      touch(ctx, c, '未达成协议', reason, 'fail', `调解未达成协议：${reason}`)
      break
    }
    case 'sign': {
      const png = body.signature ?? fail('BAD_REQUEST', '请先手写签名', { field: 'body.signature' })
      checkSignature(png)
      const role = viewer === 'staff' ? 'mediator' : viewer
      c.signatures.push({ role, userId: me.id, at: ctx.nowIso, png })
      const all = signedBy(c, 'applicant') && signedBy(c, 'other_party') && signedBy(c, 'mediator')
      if (all) c.status = 'performing'
      addDoc(c, 'agreement', c.agreement!.at)
      touch(ctx, c, '签署协议书', all ? '各方已签名，协议生效，开始履行' : null, 'sign', `${role === 'mediator' ? '调解员' : role === 'applicant' ? '申请人' : '对方当事人'}签署协议书`)
      break
    }
    case 'perform': {
      const note = need(body.note, 'note', '请填写履行情况')
      c.performance = { text: note, at: ctx.nowIso, fulfilled: body.fulfilled ?? true }
      addDoc(c, 'performance', ctx.nowIso)
      touch(ctx, c, '登记履行情况', note, 'perform', `登记履行情况（${c.performance.fulfilled ? '已履行' : '未完全履行'}）`)
      break
    }
    case 'visit': {
      const note = need(body.note, 'note', '请填写回访情况')
      c.visit = { text: note, at: ctx.nowIso }
      addDoc(c, 'visit', ctx.nowIso)
      c.status = 'visited'
      c.finishedAt = c.finishedAt ?? ctx.nowIso
      touch(ctx, c, '回访', note, 'visit', '回访并结案')
      break
    }
    case 'extend': {
      const reason = need(body.reason, 'reason', '请说明延期理由')
      const days = body.days ?? 15
      c.extensions.push({ days, reason, at: ctx.nowIso })
      c.dueAt = addMs(c.dueAt!, days * DAY)
      c.escalatedAt = null
      touch(ctx, c, '延期', `延期 ${days} 天：${reason}`, 'extend', `调解期限延长 ${days} 天`)
      break
    }
    case 'home_visit': {
      const reason = need(body.reason, 'reason', '请填写上门情况')
      // back to where the case stood: an application the dispatcher never took on is not 受理 by a visit
      // (the model test found a committee head's visit giving a case 已受理 with no number, mediator or clock)
      c.status = c.acceptedAt ? 'accepted' : 'applied'
      c.inviteStatus = 'accepted'
      c.inviteNote = `上门调解：${reason}`
      touch(ctx, c, '上门调解', reason, 'home_visit', '上门调解，对方同意继续')
      break
    }
    case 'rate': {
      c.rating = { stars: body.stars ?? fail('BAD_REQUEST', '请选择评分', { field: 'body.stars' }), comment: body.reason ?? null }
      touch(ctx, c, '评价', `${c.rating.stars} 星`, 'rate', `评价 ${c.rating.stars} 星`)
      break
    }
  }
  const news = partyNews[body.action]
  if (news) tellParties(ctx, c, news, `${c.id}|${body.action}|${c.version}`, me.id)
  return c
}

/** What the parties are told about, through lib/notify (their words there are neutral: no dispute details). */
const partyNews: Partial<Record<ActBody['action'], NotifyKind>> = {
  book: 'appointment',
  accept_offer: 'appointment',
  offer: 'appointment',
  accept: 'outcome',
  refuse: 'outcome',
  agree: 'outcome',
  fail: 'outcome',
  visit: 'outcome',
}

/** The day before: both parties are reminded of the session, once per booked slot (the page promises it). */
export const REMIND_BEFORE_HOURS = 24
onTick((ctx) => {
  const until = addMs(ctx.nowIso, REMIND_BEFORE_HOURS * 3600_000)
  for (const c of ctx.db.mediationCases ?? []) {
    if (c.status !== 'scheduled' || !c.slotId) continue
    const s = ctx.db.mediationSlots.find((x) => x.id === c.slotId)
    if (!s || s.start <= ctx.nowIso || s.start > until) continue
    const to = [c.applicantId, c.otherPartyUserId].filter((x): x is string => !!x)
    emit(ctx, { kind: 'appointment', module: 'mediation', key: `${c.id}|remind|${s.id}`, recipientIds: to, subject: '调解提醒', step: '', link: `/features/mediation/pages/case/index?id=${c.id}` })
  }
})

function tellParties(ctx: Ctx, c: MediationCaseRow, kind: NotifyKind, key: string, actorId: string) {
  // seeded history is not news
  if (ctx.requestId === 'seed') return
  const to = [c.applicantId, c.otherPartyUserId].filter((x): x is string => !!x && x !== actorId)
  if (!to.length) return
  emit(ctx, { kind, module: 'mediation', key, recipientIds: to, subject: '调解进展', step: '', link: `/features/mediation/pages/case/index?id=${c.id}` })
}

export function respondInvitation(ctx: Ctx, code: string, body: RespondBody): MediationCaseRow {
  const me = requireUser(ctx)
  const c = invitationCase(ctx, code, me)
  if (c.applicantId === me.id) fail('INVALID_STATE', '这是您自己发出的邀请，请把它分享给对方')
  if (!BOOKABLE.includes(c.status)) fail('INVALID_STATE', '这件调解已经结束或已在进行，无需再答复')
  if (c.inviteStatus !== 'pending' && c.inviteStatus !== 'proposed') fail('INVALID_STATE', '您已经答复过这个邀请')
  const name = me.name
  // a proposal is checked before anything is written: a refused answer must not bind the invitation to
  // whoever sent it (the model test caught a 400 doing so)
  const proposed =
    body.answer === 'propose'
      ? (() => {
          const s = ctx.db.mediationSlots.find((x) => x.id === body.slotId) ?? fail('BAD_REQUEST', '请选择您方便的时段', { field: 'body.slotId' })
          if (s.caseId || !bookable(s, ctx.nowIso) || s.mode !== c.mode) fail('INVALID_STATE', SLOT_TAKEN_MESSAGE, { reason: 'slot_taken', alternatives: alternativesTo(ctx.db, ctx.nowIso, s, c) })
          return s
        })()
      : null
  c.otherPartyUserId = me.id
  if (body.answer === 'accept') {
    c.inviteStatus = 'accepted'
    c.inviteNote = null
    touch(ctx, c, '对方同意调解', null, 'invite_accept', `${name}同意参加调解`)
  } else if (proposed) {
    const s = proposed
    c.inviteStatus = 'proposed'
    c.offeredSlotId = s.id
    c.inviteNote = body.reason ?? null
    touch(ctx, c, '对方提议改期', body.reason ?? null, 'invite_propose', `${name}提议改到 ${s.start}`)
  } else {
    c.inviteStatus = 'declined'
    c.inviteNote = body.reason ?? null
    releaseSlot(ctx.db, c)
    c.status = 'declined'
    touch(ctx, c, '对方不同意调解', body.reason ?? null, 'invite_decline', `${name}不同意调解`)
  }
  return c
}

/** An invitation is for whoever holds its code, until someone answers it: then only for them. */
function invitationCase(ctx: Ctx, code: string, me: UserRow): MediationCaseRow {
  return visibleOr404(ctx.db.mediationCases.find((c) => c.inviteCode === code), (c) => c.otherPartyUserId === null || c.otherPartyUserId === me.id || c.applicantId === me.id)
}

// ---------------------------------------------------------------------------------------------
// calendars

function addSlotFor(ctx: Ctx, body: RouteArgs<typeof mediationRoutes.addSlot>['body']): MediationSlotRow {
  const me = requireUser(ctx)
  const m = mediatorOf(ctx.db, me.id) ?? fail('FORBIDDEN', '您还没有登记为调委会的调解员')
  const start = toIso(new Date(body.start))
  const end = addMs(start, body.minutes * 60_000)
  if (start <= ctx.nowIso) fail('BAD_REQUEST', '只能登记将来的时段', { field: 'body.start' })
  if (body.mode === 'onsite' && !body.roomId) fail('BAD_REQUEST', '到场调解请选择调解室', { field: 'body.roomId' })
  const room = body.roomId ? (ctx.db.mediationRooms.find((r) => r.id === body.roomId && r.committeeId === m.committeeId) ?? fail('BAD_REQUEST', '请选择本调委会的调解室', { field: 'body.roomId' })) : null
  const overlaps = (s: MediationSlotRow) => s.start < end && start < s.end
  const mine = ctx.db.mediationSlots.find((s) => s.mediatorId === me.id && overlaps(s))
  if (mine) fail('INVALID_STATE', `与您 ${mine.start.slice(5, 16).replace('T', ' ')} 的时段冲突`)
  const roomTaken = room ? ctx.db.mediationSlots.find((s) => s.roomId === room.id && overlaps(s)) : undefined
  if (roomTaken) fail('INVALID_STATE', `${room!.name}在这段时间已被${userById(ctx.db, roomTaken.mediatorId)?.name ?? ''}占用`)
  const s: MediationSlotRow = { id: nextId(ctx.db, 'mslot'), mediatorId: me.id, committeeId: m.committeeId, roomId: room?.id ?? null, mode: body.mode, start, end, caseId: null }
  ctx.db.mediationSlots.push(s)
  audit(ctx, 'mediation.slot_add', 'mediation_slot', s.id, `登记时段 ${start}（${mediationModeLabels[s.mode]}）`)
  return s
}

// ---------------------------------------------------------------------------------------------

const rate = (num: number, den: number) => (den ? Math.round((num / den) * 1000) / 1000 : null)

export function registerMediation(r: Registry) {
  r.on(mediationRoutes.committees, (ctx) => ({
    items: ctx.db.mediationCommittees.map((c) => ({
      id: c.id,
      name: c.name,
      streetName: c.streetName,
      address: c.address,
      headName: userById(ctx.db, c.headId)?.name ?? '',
      mediatorCount: ctx.db.mediators.filter((m) => m.committeeId === c.id).length,
    })),
  }))

  r.on(mediationRoutes.slots, (ctx, { query }) => {
    const committeeIds = query.committeeId ? undefined : query.streetName ? nearCommittees(ctx.db, query.streetName) : undefined
    const rows = freeSlots(ctx.db, ctx.nowIso, { committeeId: query.committeeId, committeeIds, mode: query.mode, dialect: query.dialect, expertise: query.expertise, after: query.from ? `${query.from}T00:00:00+08:00` : undefined }, query.limit ?? 30)
    return { items: rows.map((s) => presentSlot(ctx.db, s, false)) }
  })

  r.on(mediationRoutes.apply, (ctx, { body }) => {
    const c = applyCase(ctx, body)
    return presentCase(ctx, c, requireUser(ctx), 'applicant')
  })

  r.on(mediationRoutes.mine, (ctx, { query }) => {
    escalateNearDue(ctx)
    const me = requireUser(ctx)
    const rows = ctx.db.mediationCases.filter((c) => c.applicantId === me.id || c.otherPartyUserId === me.id).sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : -1))
    return paginate(rows.map((c) => summarize(ctx.db, c, ctx.nowIso)), query.cursor, query.limit ?? 20)
  })

  r.on(mediationRoutes.get, (ctx, { params }) => {
    escalateNearDue(ctx)
    const { c, me, viewer } = caseFor(ctx, params.id)
    return presentCase(ctx, c, me, viewer)
  })

  r.on(mediationRoutes.act, (ctx, { params, body }) => {
    escalateNearDue(ctx)
    const c = actOnCase(ctx, params.id, body)
    const { me, viewer } = caseFor(ctx, c.id)
    return presentCase(ctx, c, me, viewer)
  })

  r.on(mediationRoutes.document, (ctx, { params }) => {
    const { c } = caseFor(ctx, params.id)
    const doc = c.docs.find((d) => d.kind === params.kind) ?? fail('NOT_FOUND', '这份文书还没有生成')
    return caseDocument(ctx.db, c, doc.kind) as never
  })

  r.on(mediationRoutes.invitation, (ctx, { params }) => {
    const me = requireUser(ctx)
    const c = invitationCase(ctx, params.code, me)
    const slot = slotOf(ctx.db, c)
    const committeeId = c.committeeId ?? slot?.committeeId ?? null
    const alternatives = committeeId ? freeSlots(ctx.db, ctx.nowIso, { committeeId, mode: c.mode, ...(c.mediatorId ? { mediatorId: c.mediatorId } : {}) }, 6) : freeSlots(ctx.db, ctx.nowIso, { committeeIds: nearCommittees(ctx.db, c.streetName), mode: c.mode }, 6)
    return {
      code: c.inviteCode,
      caseId: c.id,
      disputeType: c.disputeType,
      applicantName: userById(ctx.db, c.applicantId)?.name ?? '',
      claims: c.claims,
      committeeName: committeeOf(ctx.db, committeeId)?.name ?? null,
      mode: c.mode,
      slot: slot ? presentSlot(ctx.db, slot, false) : null,
      status: c.inviteStatus,
      alternatives: alternatives.map((s) => presentSlot(ctx.db, s, false)),
    }
  })

  r.on(mediationRoutes.respond, (ctx, { params, body }) => {
    const c = respondInvitation(ctx, params.code, body)
    const me = requireUser(ctx)
    return presentCase(ctx, c, me, viewerOf(ctx.db, c, me) ?? 'other_party')
  })

  r.on(mediationRoutes.queue, (ctx, { query }) => {
    escalateNearDue(ctx)
    const me = requireUser(ctx)
    const visible = ctx.db.mediationCases.filter((c) => viewerOf(ctx.db, c, me) === 'staff')
    const byTab = visible.filter((c) => {
      if (query.tab === 'new') return c.status === 'applied'
      if (query.tab === 'mine') return c.mediatorId === me.id && !CLOSED.includes(c.status)
      if (query.tab === 'supervise') return limitFlags(c, ctx.nowIso).nearDue || limitFlags(c, ctx.nowIso).overdue
      return true
    })
    const rows = byTab
      .filter((c) => !query.streetName || c.streetName === query.streetName)
      .filter((c) => !query.disputeType || c.disputeType === query.disputeType)
      .sort((a, b) => (query.tab === 'supervise' ? ((a.dueAt ?? '') < (b.dueAt ?? '') ? -1 : 1) : a.submittedAt < b.submittedAt ? 1 : -1))
    return paginate(rows.map((c) => summarize(ctx.db, c, ctx.nowIso)), query.cursor, query.limit ?? 20)
  })

  r.on(mediationRoutes.suggestions, (ctx, { params }) => {
    const { c } = caseFor(ctx, params.id)
    const near = nearCommittees(ctx.db, c.streetName)
    const load = (id: string) => ctx.db.mediationCases.filter((x) => x.mediatorId === id && !CLOSED.includes(x.status) && x.status !== 'failed').length
    const items = ctx.db.mediators
      .filter((m) => near.includes(m.committeeId))
      .map((m) => {
        const next = freeSlots(ctx.db, ctx.nowIso, { mediatorId: m.userId, mode: c.mode }, 1)[0]
        const reasons: string[] = []
        if (m.dialects.includes(c.dialect)) reasons.push(`会说${dialectLabels[c.dialect]}`)
        if (m.expertise.includes(c.disputeType)) reasons.push(`擅长${disputeTypeLabels[c.disputeType]}`)
        if (next) reasons.push('近期有空')
        const score = (m.dialects.includes(c.dialect) ? 4 : 0) + (m.expertise.includes(c.disputeType) ? 3 : 0) + (next ? 2 : 0) + (committeeOf(ctx.db, m.committeeId)?.streetName === c.streetName ? 2 : 0) - load(m.userId) * 0.5
        return {
          score,
          item: {
            mediatorId: m.userId,
            mediatorName: userById(ctx.db, m.userId)?.name ?? '',
            committeeId: m.committeeId,
            committeeName: committeeOf(ctx.db, m.committeeId)?.name ?? '',
            dialects: m.dialects,
            expertise: m.expertise,
            openCases: load(m.userId),
            nextFree: next ? presentSlot(ctx.db, next, false) : null,
            reasons,
          },
        }
      })
      .sort((a, b) => b.score - a.score || (a.item.mediatorId < b.item.mediatorId ? -1 : 1))
    return { items: items.map((x) => x.item) }
  })

  r.on(mediationRoutes.calendar, (ctx, { query }) => {
    const me = requireUser(ctx)
    const mine = mediatorOf(ctx.db, me.id)
    const mediatorId = query.mediatorId ?? (query.roomId ? undefined : mine?.userId)
    if (!hasRole(me, 'dispatcher') && mediatorId && mediatorOf(ctx.db, mediatorId)?.committeeId !== mine?.committeeId) fail('FORBIDDEN', '只能查看本调委会的日程')
    const from = query.from ? `${query.from}T00:00:00+08:00` : addMs(ctx.nowIso, -DAY)
    const items = ctx.db.mediationSlots
      .filter((s) => s.end >= from)
      .filter((s) => (mediatorId ? s.mediatorId === mediatorId : true))
      .filter((s) => (query.roomId ? s.roomId === query.roomId : true))
      .filter((s) => hasRole(me, 'dispatcher') || s.committeeId === mine?.committeeId)
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .slice(0, 200)
    const rooms = ctx.db.mediationRooms.filter((rm) => hasRole(me, 'dispatcher') || rm.committeeId === mine?.committeeId)
    return { items: items.map((s) => presentSlot(ctx.db, s, true)), rooms: rooms.map((rm) => ({ id: rm.id, name: rm.name, committeeId: rm.committeeId })) }
  })

  r.on(mediationRoutes.addSlot, (ctx, { body }) => presentSlot(ctx.db, addSlotFor(ctx, body), true))

  r.on(mediationRoutes.removeSlot, (ctx, { params }) => {
    const me = requireUser(ctx)
    const s = visibleOr404(ctx.db.mediationSlots.find((x) => x.id === params.id), (x) => x.mediatorId === me.id)
    if (s.caseId) fail('INVALID_STATE', '这个时段已被预约，不能撤下；请先与当事人商量改约')
    ctx.db.mediationSlots.splice(ctx.db.mediationSlots.indexOf(s), 1)
    audit(ctx, 'mediation.slot_remove', 'mediation_slot', s.id, `撤下时段 ${s.start}`)
    return { ok: true as const }
  })

  r.on(mediationRoutes.stats, (ctx) => ({
    items: ctx.db.mediationCommittees.map((cm) => {
      const cases = ctx.db.mediationCases.filter((c) => c.committeeId === cm.id && c.acceptedAt)
      const agreed = cases.filter((c) => !!c.agreement)
      const finished = cases.filter((c) => c.finishedAt || c.agreement)
      const onTime = finished.filter((c) => (c.agreement?.at ?? c.finishedAt!) <= (c.dueAt ?? ''))
      const performed = agreed.filter((c) => c.performance)
      const rated = cases.filter((c) => c.rating)
      return {
        committeeId: cm.id,
        committeeName: cm.name,
        cases: cases.length,
        agreed: agreed.length,
        onTimeRate: rate(onTime.length, finished.length),
        performRate: rate(performed.filter((c) => c.performance!.fulfilled).length, performed.length),
        satisfaction: rated.length ? Math.round((rated.reduce((s, c) => s + c.rating!.stars, 0) / rated.length) * 10) / 10 : null,
      }
    }),
  }))
}
