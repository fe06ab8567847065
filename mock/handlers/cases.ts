import type { AvailableAction } from '../../src/contract/common'
import {
  caseCategoryLabels,
  caseChannelLabels,
  caseFieldLabels,
  caseOutcomeLabels,
  caseOutcomes,
  caseStatusLabels,
  RED_ACTION_HOURS,
  riskLevelLabels,
  scoreRisk,
  type CaseAction,
  type CaseDetail,
  type CaseField,
  type CaseStatus,
  type CaseSummary,
  type LibraryDraft,
  type LibraryEntry,
  type CaseView,
  type PartnerKind,
  type Referral,
  type RiskFactor,
} from '../../src/contract/cases'
import { casesRoutes } from '../../src/contract/cases'
import { helpRoutes, helpSituationLabels, type HelpItem } from '../../src/contract/help'
import { contactChannelLabels, safeContactWords, type ContactChannel, type SafeContact } from '../../src/contract/safe-contact'
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../src/core/mask'
import { cstParts, toIso } from '../../src/core/time'
import { isWorkday } from '../../src/core/workdays'
import type { RouteArgs } from '../../src/contract/route'
import type { CaseLibraryRow, CaseReferralRow, CaseRow, Db, UserRow, WorkItemRow } from '../db'
import { anonymise, type Known } from '../lib/anonymise'
import { audit, checkVersion, nextId, requireUser, SYSTEM_ACTOR, userById, visibleOr404, type Ctx, type Registry } from '../context'
import { fail } from '../lib/errors'
import { paginate } from '../lib/paging'
import { closeWorkItem, openWorkItem, urgeWorkItem } from '../lib/workitems'
import { emit } from '../lib/notify'

export const caseLink = (id: string) => `/features/cases/pages/detail/index?id=${id}`
/** a revealed value is shown this long, then the page hides it again */
export const REVEAL_MINUTES = 3

const ACTIVE = new Set<CaseStatus>(['registered', 'accepted', 'handling', 'referred', 'supervising'])
const WORKING = new Set<CaseStatus>(['accepted', 'handling', 'referred', 'supervising'])
const HOUR = 3600_000

// ---------------------------------------------------------------------------------------------
// who is who

/** 区妇联's head: the one who takes red cases at once, 督办, 核准 and grants need-to-know. */
export function federationHead(db: Db): UserRow | undefined {
  return db.users.filter((u) => u.deptId === 'dept-wf' && u.roles.includes('federation_staff')).sort((a, b) => a.rank - b.rank)[0]
}
const isHead = (db: Db, me: UserRow) => federationHead(db)?.id === me.id

function orgOfStreet(db: Db, streetName: string): string {
  const wf = db.departments.find((d) => d.streetName === streetName && d.id.endsWith('-wf'))
  return wf?.id ?? 'dept-wf'
}

/** The 妇联 that handles a case: its staff take it on and follow it. */
function inOrg(me: UserRow, c: CaseRow): boolean {
  return me.roles.includes('federation_staff') && me.deptId === c.orgDeptId
}

export function partnerKindOf(deptId: string | null): PartnerKind | null {
  if (!deptId) return null
  if (deptId === 'dept-police') return 'police'
  if (deptId === 'dept-court') return 'court'
  if (deptId === 'dept-procuratorate') return 'procuratorate'
  if (deptId === 'dept-civil') return 'civil'
  if (deptId === 'dept-hospital') return 'hospital'
  if (deptId.startsWith('dept-school-')) return 'school'
  if (/^street-[a-z]+-sfs$/.test(deptId)) return 'justice'
  return null
}

const liaisonsOf = (db: Db, unitId: string) => db.users.filter((u) => u.deptId === unitId && u.roles.includes('partner_liaison'))

/** The street's own 派出所 liaison where there is one, else the 分局's. */
export function policeLiaisonFor(db: Db, streetName: string): UserRow | undefined {
  const police = liaisonsOf(db, 'dept-police')
  return police.find((u) => u.position?.startsWith(streetName.replace('街道', ''))) ?? police[0]
}

/** The liaisons a referral lands on: for 公安, the street's own when it has one. */
function receiversOf(db: Db, c: CaseRow, r: CaseReferralRow): UserRow[] {
  if (r.unitId === 'dept-police') {
    const own = policeLiaisonFor(db, c.streetName)
    return own ? [own] : []
  }
  return liaisonsOf(db, r.unitId)
}

/** What the fields a partner's task needs, by the kind of unit. */
const PARTNER_FIELDS: Record<PartnerKind, readonly CaseField[]> = {
  police: ['subject.name', 'subject.phone', 'subject.address', 'subject.whereabouts', 'other.name'],
  court: ['subject.name', 'subject.idNumber', 'other.name'],
  procuratorate: ['subject.name', 'subject.idNumber', 'other.name', 'child.name'],
  civil: ['subject.name', 'subject.phone', 'subject.address'],
  justice: ['subject.name', 'subject.phone', 'other.name'],
  school: ['child.name'],
  hospital: ['subject.name', 'subject.phone'],
}
const HELPER_FIELDS: readonly CaseField[] = ['subject.name', 'subject.phone', 'child.name']
const ALL_FIELDS: readonly CaseField[] = ['subject.name', 'subject.phone', 'subject.idNumber', 'subject.address', 'subject.whereabouts', 'other.name', 'child.name']

interface Access {
  view: CaseView
  fields: readonly CaseField[]
  revealable: boolean
  /** a partner's referrals on this case */
  unitId: string | null
}

/**
 * Need-to-know, decided once per call: federation staff of the handling 妇联 and, for what reaches her
 * desk, the district head (minors' cases: only the
 * owner, the head, those granted, or while it still waits to be taken on), partner units with a live
 * referral (a returned one ends it), helpers given a part, the 执委 who reported it. Anyone else: null → 404.
 */
export function caseAccess(db: Db, c: CaseRow, me: UserRow): Access | null {
  if (me.kind !== 'staff') return null
  // the district head is not all-seeing: red cases, minors' cases (she grants need-to-know), escalations,
  // 督办 and what waits for her 核准 reach her desk
  const head = isHead(db, me)
  const headSees = head && (c.risk === 'red' || c.minor || c.ownerId === me.id || c.status === 'supervising' || c.referrals.some((r) => !!r.escalatedAt) || ['closed', 'approved', 'visited', 'archived'].includes(c.status))
  if (inOrg(me, c) || headSees) {
    const needToKnow = !c.minor || c.ownerId === me.id || head || c.accessGrants.includes(me.id) || c.status === 'registered'
    if (needToKnow) return { view: 'federation', fields: ALL_FIELDS, revealable: true, unitId: null }
  }
  const kind = partnerKindOf(me.deptId)
  if (kind && me.roles.includes('partner_liaison')) {
    // a live referral to my unit that lands on me (公安: the street's own liaison, not the whole 分局)
    const live = c.referrals.some((r) => r.unitId === me.deptId && r.state !== 'returned' && receiversOf(db, c, r).some((u) => u.id === me.id))
    if (live || c.alertedIds.includes(me.id)) return { view: 'partner', fields: PARTNER_FIELDS[kind], revealable: true, unitId: me.deptId }
  }
  if (c.helpers.some((h) => h.userId === me.id) && ACTIVE.has(c.status)) return { view: 'helper', fields: HELPER_FIELDS, revealable: true, unitId: null }
  if (c.reporterId === me.id) return { view: 'reporter', fields: ['subject.name'], revealable: false, unitId: null }
  return null
}

function findVisible(ctx: Ctx, id: string): { c: CaseRow; access: Access; me: UserRow } {
  const me = requireUser(ctx)
  const c = ctx.db.cases.find((x) => x.id === id)
  const access = c ? caseAccess(ctx.db, c, me) : null
  visibleOr404(c, () => access !== null)
  return { c: c!, access: access!, me }
}

// ---------------------------------------------------------------------------------------------
// masking: every personal value leaves through here

function rawValue(c: CaseRow, f: CaseField): string | null {
  switch (f) {
    case 'subject.name':
      return c.anonymous ? null : c.subject.name
    case 'subject.phone':
      return c.subject.phone
    case 'subject.idNumber':
      return c.subject.idNumber
    case 'subject.address':
      return c.subject.address
    case 'subject.whereabouts':
      return c.subject.whereabouts
    case 'other.name':
      return c.otherName
    case 'child.name':
      return c.childName
  }
}

function masked(f: CaseField, value: string): string {
  if (f === 'subject.phone') return maskPhone(value)
  if (f === 'subject.idNumber') return maskIdNumber(value)
  if (f === 'subject.address') return maskAddress(value)
  if (f === 'subject.whereabouts') return '已登记（查看须说明事由）'
  return maskName(value)
}

const subjectLabel = (c: CaseRow) => (c.anonymous ? '匿名求助人' : maskName(c.subject.name))

/** Free text typed by staff may carry a number; it is masked before it is kept, so no answer ever holds it. */
export function scrub(text: string): string {
  return text.replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m)).replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) => maskIdNumber(m))
}

// ---------------------------------------------------------------------------------------------
// inbox items follow the case: the wanted set is computed from its state, and the inbox made to match

interface WantedItem {
  userId: string
  step: string
  summary: string
  deadline: string | null
  urgency: 'normal' | 'urgent' | 'very_urgent'
}

function wantedItems(db: Db, c: CaseRow): WantedItem[] {
  const out: WantedItem[] = []
  const head = federationHead(db)
  const urgency = c.risk === 'red' ? 'very_urgent' : c.risk === 'orange' ? 'urgent' : 'normal'
  const add = (userId: string | null | undefined, step: string, summary: string, deadline: string | null = null, u: WantedItem['urgency'] = urgency) => {
    if (userId && !out.some((w) => w.userId === userId && w.step === step)) out.push({ userId, step, summary, deadline, urgency: u })
  }
  if (c.status === 'registered') {
    const staff = db.users.filter((u) => u.roles.includes('federation_staff') && u.deptId === c.orgDeptId)
    for (const u of staff.length ? staff : head ? [head] : []) add(u.id, '待受理', `${caseChannelLabels[c.channel]}登记，请受理`)
  }
  if (WORKING.has(c.status)) add(c.ownerId, '办理', `${caseStatusLabels[c.status]}中`)
  if (c.risk === 'red' && !c.redActedAt && ACTIVE.has(c.status)) {
    add(head?.id, '红色预警', `红色高危，须在 ${RED_ACTION_HOURS} 小时内处置`, c.redDueAt, 'very_urgent')
    for (const id of c.alertedIds) add(id, '红色预警', `红色高危，请协助核实处置`, c.redDueAt, 'very_urgent')
  }
  if (ACTIVE.has(c.status)) {
    for (const r of c.referrals) {
      const unit = db.departments.find((d) => d.id === r.unitId)?.name ?? ''
      for (const u of receiversOf(db, c, r)) {
        if (r.state === 'sent') add(u.id, '待签收', `${unit}：${r.task}`, r.acceptBy)
        if (r.state === 'accepted') add(u.id, '待反馈', `${unit}：${r.task}`)
      }
    }
    for (const h of c.helpers) add(h.userId, '协助', h.task)
  }
  if (c.status === 'closed') add(head?.id, '待核准', '已办结，请核准')
  if (c.status === 'approved') add(c.ownerId, '待回访', '已核准，请回访')
  if (c.status === 'visited') add(c.ownerId, '待归档', '已回访，请归档')
  return out
}

function syncItems(ctx: Pick<Ctx, 'db' | 'nowIso'>, c: CaseRow) {
  const wanted = wantedItems(ctx.db, c)
  const open = ctx.db.workItems.filter((w) => w.module === 'cases' && w.objectId === c.id && w.status === 'open')
  for (const w of open) if (!wanted.some((x) => x.userId === w.assigneeId && x.step === w.step)) closeWorkItem(ctx, w)
  const title = `${caseCategoryLabels[c.category]} · ${c.streetName} · ${c.number}`
  for (const x of wanted) {
    const have = open.find((w) => w.assigneeId === x.userId && w.step === x.step)
    if (have) {
      if (have.summary !== x.summary || have.deadline !== x.deadline || have.urgency !== x.urgency) {
        have.summary = x.summary
        have.deadline = x.deadline
        have.urgency = x.urgency
        have.updatedAt = ctx.nowIso
        have.version++
      }
      continue
    }
    openWorkItem(ctx, {
      module: 'cases',
      objectType: 'case',
      objectId: c.id,
      title,
      summary: x.summary,
      step: x.step,
      audience: 'assignee',
      assigneeId: x.userId,
      initiatorId: c.ownerId ?? c.reporterId ?? x.userId,
      urgency: x.urgency,
      deadline: x.deadline,
      link: caseLink(c.id),
    })
  }
}

const openItemsOf = (db: Db, c: CaseRow, step: string): WorkItemRow[] => db.workItems.filter((w) => w.module === 'cases' && w.objectId === c.id && w.status === 'open' && w.step === step)

// ---------------------------------------------------------------------------------------------
// clocks that run without anyone asking: the red 24 hours and each referral's deadline to accept

/** Runs before every case call, so time passing is enough; the audit names the system as the actor. */
export function escalateCases(ctx: Ctx) {
  const head = federationHead(ctx.db)
  for (const c of ctx.db.cases) {
    if (!ACTIVE.has(c.status)) continue
    let changed = false
    if (c.risk === 'red' && c.redDueAt && !c.redActedAt && !c.redEscalatedAt && c.redDueAt <= ctx.nowIso) {
      c.redEscalatedAt = ctx.nowIso
      for (const w of openItemsOf(ctx.db, c, '红色预警')) urgeWorkItem(ctx, w)
      c.timeline.push({ at: ctx.nowIso, actorName: SYSTEM_ACTOR.name, action: '红色预警超时', note: `${RED_ACTION_HOURS} 小时内无人处置，已催办${head?.name ?? '妇联负责人'}` })
      audit(ctx, 'case.red_escalate', 'case', c.id, `红色预警 ${RED_ACTION_HOURS} 小时未处置，升级催办`, SYSTEM_ACTOR)
      changed = true
    }
    for (const r of c.referrals) {
      if (r.state !== 'sent' || r.escalatedAt || r.acceptBy > ctx.nowIso) continue
      r.escalatedAt = ctx.nowIso
      const unit = ctx.db.departments.find((d) => d.id === r.unitId)?.name ?? ''
      for (const w of openItemsOf(ctx.db, c, '待签收')) if (receiversOf(ctx.db, c, r).some((u) => u.id === w.assigneeId)) urgeWorkItem(ctx, w)
      const owner = c.ownerId ?? head?.id
      if (owner) {
        openWorkItem(ctx, { module: 'cases', objectType: 'case', objectId: c.id, title: `${caseCategoryLabels[c.category]} · ${c.streetName} · ${c.number}`, summary: `${unit}超过签收时限未签收`, step: '联动超时', audience: 'cc', assigneeId: owner, initiatorId: owner, urgency: 'urgent', tags: ['urge'], link: caseLink(c.id) })
      }
      c.timeline.push({ at: ctx.nowIso, actorName: SYSTEM_ACTOR.name, action: '联动超时', note: `${unit}超过签收时限未签收，已催办` })
      audit(ctx, 'case.referral_escalate', 'case', c.id, `${unit}超过签收时限未签收，升级催办`, SYSTEM_ACTOR)
      changed = true
    }
    if (changed) {
      c.version++
      c.updatedAt = ctx.nowIso
    }
  }
}

// ---------------------------------------------------------------------------------------------
// what this person may do now

const A = (key: string, label: string, opinion: AvailableAction['opinion'], opinionLabel: string | null, style: AvailableAction['style'] = 'default'): AvailableAction => ({ key, label, opinion, opinionLabel, style })

function actionsFor(db: Db, c: CaseRow, me: UserRow, access: Access): AvailableAction[] {
  const out: AvailableAction[] = []
  const owner = c.ownerId === me.id
  const head = isHead(db, me)
  if (access.view === 'federation') {
    if (c.status === 'registered') {
      out.push(A('accept', '受理', 'optional', '受理意见（可不填）', 'primary'))
      out.push(A('decline', '不予受理', 'required', '不予受理的理由', 'danger'))
    }
    if (c.risk === 'red' && !c.redActedAt && ACTIVE.has(c.status)) out.push(A('safety_action', '已采取措施', 'required', '采取了什么措施（报警、告诫书、保护令申请、庇护安置…）', 'danger'))
    if (owner && c.status === 'accepted') out.push(A('start', '开始办理', 'none', null, 'primary'))
    if (ACTIVE.has(c.status) && c.status !== 'registered') {
      if (owner) {
        out.push(A('refer', '联动转办', 'none', null, 'primary'))
        out.push(A('assess', '危险性评估', 'none', null))
        out.push(A('note', '记录进展', 'required', '进展情况'))
        out.push(A('assign_helper', '指派协助', 'required', '请其协助做什么'))
        out.push(A('close', '办结', 'required', '办理结果'))
      }
      if (head && c.status !== 'supervising' && !owner) out.push(A('supervise', '督办', 'required', '督办意见', 'danger'))
    }
    if (head && c.status === 'closed') {
      out.push(A('approve', '核准', 'optional', '核准意见（可不填）', 'primary'))
      out.push(A('reopen', '退回重办', 'required', '退回理由', 'danger'))
    }
    if (owner && c.status === 'approved') out.push(A('follow_up', '回访', 'optional', '回访情况', 'primary'))
    if ((owner || head) && c.status === 'visited') out.push(A('archive', '归档', 'none', null, 'primary'))
    // a finished case may teach others: its owner (or the head) sends an anonymised copy for review
    if ((owner || head) && FINISHED.has(c.status) && !libraryOf(db).some((e) => e.caseId === c.id)) out.push(A('library', '提交案例库', 'none', null))
    if (head && c.minor && ACTIVE.has(c.status)) out.push(A('grant_access', '批准知悉', 'required', '批准事由'))
  }
  if (access.view === 'helper' && ACTIVE.has(c.status)) out.push(A('note', '记录协助情况', 'required', '协助情况', 'primary'))
  return out
}

function referralActions(c: CaseRow, r: CaseReferralRow, access: Access): AvailableAction[] {
  if (access.view !== 'partner' || access.unitId !== r.unitId || !ACTIVE.has(c.status)) return []
  if (r.state === 'sent') return [A('accept', '签收', 'optional', '签收说明（可不填）', 'primary'), A('return', '退回', 'required', '退回理由')]
  if (r.state === 'accepted') return [A('report', '反馈办理情况', 'required', '办理情况', 'primary')]
  return []
}

// ---------------------------------------------------------------------------------------------
// answers

const RED_GUIDANCE = [
  '正在发生危险：立即拨打 110，并告诉求助人可随时拨打',
  '家庭暴力情节较轻的，可请公安机关出具告诫书（《反家庭暴力法》第十六条）',
  '协助向法院申请人身安全保护令，法院应在 72 小时内、情况紧急的 24 小时内作出（第二十八条）',
  '无处可去的，联系民政部门临时庇护（第十八条）',
]

function presentSummary(db: Db, c: CaseRow): CaseSummary {
  return {
    id: c.id,
    number: c.number,
    category: c.category,
    channel: c.channel,
    streetName: c.streetName,
    status: c.status,
    risk: c.risk,
    minor: c.minor,
    redDueAt: c.risk === 'red' && !c.redActedAt && ACTIVE.has(c.status) ? c.redDueAt : null,
    subjectName: subjectLabel(c),
    ownerName: c.ownerId ? (userById(db, c.ownerId)?.name ?? null) : null,
    openReferrals: c.referrals.filter((r) => r.state === 'sent' || r.state === 'accepted').length,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }
}

function presentReferral(ctx: Ctx, c: CaseRow, r: CaseReferralRow, access: Access): Referral {
  const unit = ctx.db.departments.find((d) => d.id === r.unitId)
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: unit?.name ?? '',
    kind: partnerKindOf(r.unitId) ?? 'police',
    task: r.task,
    state: r.state,
    sentAt: r.sentAt,
    acceptBy: r.acceptBy,
    overdue: r.state === 'sent' ? r.acceptBy <= ctx.nowIso : !!r.answeredAt && r.answeredAt >= r.acceptBy && r.state !== 'returned',
    escalated: !!r.escalatedAt,
    answeredAt: r.answeredAt,
    answeredBy: r.answeredById ? (userById(ctx.db, r.answeredById)?.name ?? null) : null,
    returnReason: r.returnReason,
    report: r.report,
    actions: referralActions(c, r, access),
  }
}

function present(ctx: Ctx, c: CaseRow, access: Access, me: UserRow): CaseDetail {
  const fields = access.fields
    .map((f) => ({ f, value: rawValue(c, f) }))
    .filter((x): x is { f: CaseField; value: string } => x.value !== null)
    .map(({ f, value }) => ({ field: f, label: caseFieldLabels[f], masked: masked(f, value), revealable: access.revealable }))
  // a partner sees its own referrals only; the first unit (the federation) sees every unit's progress
  const referrals = access.view === 'partner' ? c.referrals.filter((r) => r.unitId === access.unitId) : access.view === 'federation' ? c.referrals : []
  const canContact = access.view !== 'reporter' && access.fields.includes('subject.phone')
  return {
    ...presentSummary(ctx.db, c),
    view: access.view,
    summary: c.summary,
    riskScore: access.view === 'reporter' ? null : c.riskScore,
    riskReasons: access.view === 'reporter' ? [] : c.riskReasons,
    riskAnswers: access.view === 'federation' ? c.riskAnswers : [],
    assessedAt: c.assessedAt,
    redActedAt: c.redActedAt,
    redEscalated: !!c.redEscalatedAt,
    redGuidance: c.risk === 'red' && access.view !== 'reporter' ? RED_GUIDANCE : [],
    fields,
    safeContact: canContact ? { ...c.safeContact, note: c.safeContact.note ?? null, words: safeContactWords(c.safeContact) } : null,
    ownerId: c.ownerId,
    helpers: access.view === 'federation' ? c.helpers.map((h) => { const u = userById(ctx.db, h.userId); return { userId: h.userId, name: u?.name ?? '', roleLabel: u?.position ?? '', task: h.task } }) : [],
    referrals: referrals.map((r) => presentReferral(ctx, c, r, access)),
    result: access.view === 'federation' || access.view === 'reporter' ? c.result : null,
    outcome: access.view === 'federation' ? (c.outcome ?? null) : null,
    photo: (access.view === 'federation' || access.view === 'reporter') && c.photoId ? photoOf(ctx.db, c.photoId) : null,
    followUp: access.view === 'federation' ? c.followUp : null,
    version: c.version,
    availableActions: actionsFor(ctx.db, c, me, access),
    // partners and helpers read the flow without who-said-what inside the federation
    timeline: access.view === 'federation' ? c.timeline : c.timeline.filter((t) => /受理|联动|签收|退回|反馈|办结|红色/.test(t.action)),
  }
}

function photoOf(db: Db, fileId: string) {
  const f = db.files.find((x) => x.id === fileId)
  return f ? { id: f.id, name: f.name, size: f.size, mime: f.mime } : null
}

/** A case's photo may be read by whoever may read the case as the federation, and by the 执委 who took it. */
export function caseFileVisible(db: Db, fileId: string, me: UserRow): boolean {
  return db.cases.some((c) => c.photoId === fileId && ['federation', 'reporter'].includes(caseAccess(db, c, me)?.view ?? ''))
}

/** What the resident reads: never the category, never a name, never a unit. */
function presentHelp(c: CaseRow): HelpItem {
  const stage = c.status === 'registered' ? '已收到' : ACTIVE.has(c.status) ? '正在办理' : c.status === 'declined' ? '已答复' : '已办理完毕'
  return { id: c.id, submittedAt: c.createdAt, stage, updates: c.residentUpdates }
}

// ---------------------------------------------------------------------------------------------
// transitions (exported for the replayed seed)

function touch(ctx: Pick<Ctx, 'db' | 'nowIso'>, c: CaseRow) {
  c.version++
  c.updatedAt = ctx.nowIso
  syncItems(ctx, c)
}

function tellResident(ctx: Pick<Ctx, 'nowIso'> & Partial<Pick<Ctx, 'db' | 'requestId'>>, c: CaseRow, text: string) {
  if (!c.residentId) return
  c.residentUpdates.push({ at: ctx.nowIso, text })
  // a WeChat message only if she chose WeChat as safe, and not when she asked for evenings only (office-hour
  // sending would reach her at the wrong time); its words are the neutral 您有一条新消息, never the case
  const safe = c.safeContact.channels.includes('wechat') && c.safeContact.window !== 'evening'
  if (ctx.db && ctx.requestId && ctx.requestId !== 'seed' && safe) {
    emit({ db: ctx.db, nowIso: ctx.nowIso }, { kind: 'message', module: 'cases', key: `${c.id}|resident|${c.residentUpdates.length}`, recipientIds: [c.residentId], subject: '新消息', step: '', link: '/features/help/pages/mine/index' })
  }
}

function applyRisk(ctx: Ctx, c: CaseRow, answers: RiskFactor[], by: UserRow) {
  const r = scoreRisk(answers)
  const wasRed = c.risk === 'red'
  c.riskAnswers = [...new Set(answers)]
  c.riskScore = r.score
  c.risk = r.level
  c.riskReasons = r.reasons
  c.assessedAt = ctx.nowIso
  if (r.level === 'red' && !wasRed) {
    // the 24 hours start at the first red assessment; the street's 公安 liaison is told at once
    c.redDueAt = toIso(new Date(ctx.now.getTime() + RED_ACTION_HOURS * HOUR))
    c.redActedAt = null
    c.redEscalatedAt = null
    const police = policeLiaisonFor(ctx.db, c.streetName)
    if (police && !c.alertedIds.includes(police.id)) c.alertedIds.push(police.id)
  }
  if (r.level !== 'red') {
    c.redDueAt = null
  }
  c.timeline.push({ at: ctx.nowIso, actorName: by.name, action: `危险性评估：${riskLevelLabels[r.level]}`, note: r.reasons.join('；') })
}

function newCase(ctx: Ctx, input: {
  channel: CaseRow['channel']
  category: CaseRow['category']
  streetName: string
  summary: string
  subject: CaseRow['subject']
  otherName: string | null
  childName: string | null
  minor: boolean
  anonymous: boolean
  safeContact: SafeContact
  residentId: string | null
  reporterId: string | null
  photoId: string | null
}): CaseRow {
  const seq = (ctx.db.counters['case-number'] ?? 0) + 1
  ctx.db.counters['case-number'] = seq
  return {
    id: nextId(ctx.db, 'case'),
    number: `宝妇维〔${ctx.nowIso.slice(0, 4)}〕${seq}号`,
    ...input,
    orgDeptId: orgOfStreet(ctx.db, input.streetName),
    status: 'registered',
    riskAnswers: [],
    riskScore: null,
    risk: null,
    riskReasons: [],
    assessedAt: null,
    redDueAt: null,
    redActedAt: null,
    redEscalatedAt: null,
    alertedIds: [],
    ownerId: null,
    helpers: [],
    accessGrants: [],
    referrals: [],
    result: null,
    outcome: null,
    followUp: null,
    residentUpdates: [],
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
    version: 1,
    timeline: [],
  }
}

export function createCase(ctx: Ctx, { body }: RouteArgs<typeof casesRoutes.create>): CaseDetail {
  escalateCases(ctx)
  const me = requireUser(ctx)
  const exec = !me.roles.includes('federation_staff')
  if (exec && body.channel !== 'exec_report') fail('FORBIDDEN', '执委、网格员请选择「执委/网格上报」')
  if (body.photoId && !ctx.db.files.some((f) => f.id === body.photoId && f.uploadedBy === me.id)) fail('BAD_REQUEST', '照片没有上传成功，请重新选择', { field: 'body.photoId' })
  const c = newCase(ctx, {
    channel: body.channel,
    category: body.category,
    streetName: body.streetName,
    summary: scrub(body.summary),
    subject: { name: body.subject.name, phone: body.subject.phone ?? null, idNumber: body.subject.idNumber ?? null, address: body.subject.address ?? null, whereabouts: body.subject.whereabouts ?? null },
    otherName: body.otherName ?? null,
    childName: body.childName ?? null,
    minor: body.minor || body.category === 'minor_rights',
    anonymous: false,
    safeContact: body.safeContact,
    residentId: null,
    reporterId: exec ? me.id : null,
    photoId: body.photoId ?? null,
  })
  c.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `登记（${caseChannelLabels[c.channel]}）`, note: null })
  // 首接负责: staff who take a call or a visitor own the case from the start
  if (!exec) {
    c.ownerId = me.id
    c.status = 'accepted'
    c.timeline.push({ at: ctx.nowIso, actorName: me.name, action: '受理', note: null })
  }
  if (body.riskAnswers.length || !exec) applyRisk(ctx, c, body.riskAnswers, me)
  ctx.db.cases.push(c)
  syncItems(ctx, c)
  audit(ctx, 'case.create', 'case', c.id, `登记${caseCategoryLabels[c.category]}案件 ${c.number}（${caseChannelLabels[c.channel]}，${c.streetName}）${c.risk ? `，${riskLevelLabels[c.risk]}` : ''}`)
  return present(ctx, c, caseAccess(ctx.db, c, me)!, me)
}

export function submitHelp(ctx: Ctx, { body }: RouteArgs<typeof helpRoutes.submit>): HelpItem {
  escalateCases(ctx)
  const me = requireUser(ctx)
  const situations = [...new Set(body.situations)]
  const category = situations.includes('child') ? 'minor_rights' : situations.includes('hurt') || situations.includes('threatened') ? 'domestic_violence' : situations.includes('marriage') ? 'marriage_family' : situations.includes('talk') ? 'counselling' : 'hardship'
  const what = situations.map((s) => helpSituationLabels[s]).join('；')
  const c = newCase(ctx, {
    channel: 'resident_app',
    category,
    streetName: body.streetName,
    summary: scrub(`${body.inDangerNow ? '【求助时称现在有危险】' : ''}${what}${body.words ? `。她说：${body.words}` : ''}`),
    subject: { name: me.name, phone: me.phone, idNumber: null, address: null, whereabouts: null },
    otherName: null,
    childName: null,
    minor: category === 'minor_rights',
    anonymous: body.anonymous,
    safeContact: body.safeContact,
    residentId: me.id,
    reporterId: null,
    photoId: null,
  })
  c.timeline.push({ at: ctx.nowIso, actorName: body.anonymous ? '匿名求助人' : maskName(me.name), action: '登记（一键求助）', note: safeContactWords(body.safeContact).join('，') })
  // in danger now: assessed red at once, so the 24-hour clock and the 公安 alert start without waiting
  if (body.inDangerNow) applyRisk(ctx, c, ['threat_to_kill', 'escalation'], { ...SYSTEM_ACTOR } as UserRow)
  tellResident(ctx, c, '已收到，工作人员会按您选择的方式和时间联系您')
  ctx.db.cases.push(c)
  syncItems(ctx, c)
  audit(ctx, 'case.create', 'case', c.id, `一键求助登记 ${c.number}（${c.streetName}）`)
  return presentHelp(c)
}

export function actOnCase(ctx: Ctx, { params, body }: RouteArgs<typeof casesRoutes.act>): CaseDetail {
  escalateCases(ctx)
  const { c, access, me } = findVisible(ctx, params.id)
  const offered = actionsFor(ctx.db, c, me, access).find((a) => a.key === body.action)
  if (!offered) {
    if (c.version !== body.version && ACTIVE.has(c.status)) fail('VERSION_CONFLICT')
    if (body.action === 'close' && c.ownerId !== me.id) fail('FORBIDDEN', '只有首接负责人可以办结')
    fail(ACTIVE.has(c.status) || c.status === 'closed' || c.status === 'approved' || c.status === 'visited' ? 'FORBIDDEN' : 'INVALID_STATE', ACTIVE.has(c.status) ? '您现在不能进行这个操作' : undefined)
  }
  checkVersion(c.version, body.version)
  const opinion = body.opinion ? scrub(body.opinion.trim()) : null
  if (offered!.opinion === 'required' && !opinion) fail('BAD_REQUEST', `请填写${offered!.opinionLabel}`, { field: 'body.opinion' })
  const note = (action: string, text: string | null = opinion) => c.timeline.push({ at: ctx.nowIso, actorName: me.name, action, note: text })
  const action = body.action as CaseAction
  switch (action) {
    case 'accept':
      c.ownerId = me.id
      c.status = 'accepted'
      note('受理')
      tellResident(ctx, c, '工作人员已在跟进，会按您选择的方式联系您')
      break
    case 'decline':
      c.status = 'declined'
      note('不予受理')
      tellResident(ctx, c, '已答复，如有需要可随时再次求助，或拨打 12338')
      break
    case 'start':
      c.status = 'handling'
      note('开始办理')
      break
    case 'safety_action':
      c.redActedAt = ctx.nowIso
      note('已采取保护措施')
      break
    case 'assign_helper': {
      const to = userById(ctx.db, body.toUserId ?? '') ?? fail('BAD_REQUEST', '请选择协助人', { field: 'body.toUserId' })
      const helperRoles = ['counsellor', 'youth_social_worker', 'youth_league', 'federation_exec'] as const
      if (!to.roles.some((r) => (helperRoles as readonly string[]).includes(r))) fail('BAD_REQUEST', '只能指派心理咨询师、青少年事务社工、团干或妇联执委协助', { field: 'body.toUserId' })
      if (c.helpers.some((h) => h.userId === to.id)) fail('BAD_REQUEST', `${to.name}已在协助这个案件`, { field: 'body.toUserId' })
      c.helpers.push({ userId: to.id, task: opinion! })
      note(`指派${to.name}协助`)
      break
    }
    case 'note':
      note(access.view === 'helper' ? '协助情况' : '记录进展')
      break
    case 'supervise':
      c.status = 'supervising'
      note('督办')
      break
    case 'close': {
      const waiting = c.referrals.filter((r) => r.state === 'sent' || r.state === 'accepted')
      if (waiting.length) {
        const names = waiting.map((r) => ctx.db.departments.find((d) => d.id === r.unitId)?.shortName ?? '').join('、')
        fail('INVALID_STATE', `还有联动单位未反馈（${names}），请等其反馈或催办后再办结`)
      }
      if (!body.outcome) fail('BAD_REQUEST', '请选择办理结果类别', { field: 'body.outcome' })
      c.status = 'closed'
      c.result = opinion
      c.outcome = body.outcome!
      note('办结')
      tellResident(ctx, c, '您的事情已办理完毕，如还需要帮助可随时再找我们')
      break
    }
    case 'approve':
      c.status = 'approved'
      note('核准')
      break
    case 'reopen':
      c.status = 'handling'
      c.result = null
      c.outcome = null
      note('退回重办')
      break
    case 'follow_up':
      if (!body.satisfaction) fail('BAD_REQUEST', '请选择满意度（1–5）', { field: 'body.satisfaction' })
      if (body.nextAt && body.nextAt <= ctx.nowIso) fail('BAD_REQUEST', '下次回访时间要晚于现在', { field: 'body.nextAt' })
      c.status = 'visited'
      c.followUp = { satisfaction: body.satisfaction!, note: opinion, nextAt: body.nextAt ? toIso(new Date(body.nextAt)) : null }
      note(`回访，满意度 ${body.satisfaction}`)
      tellResident(ctx, c, '感谢您的反馈')
      break
    case 'archive':
      c.status = 'archived'
      note('归档', null)
      break
    case 'grant_access': {
      const to = userById(ctx.db, body.toUserId ?? '') ?? fail('BAD_REQUEST', '请选择批准谁知悉', { field: 'body.toUserId' })
      if (!to.roles.includes('federation_staff') || !inOrg(to, c)) fail('BAD_REQUEST', '只能批准本案所属妇联的工作人员知悉', { field: 'body.toUserId' })
      if (!c.accessGrants.includes(to.id)) c.accessGrants.push(to.id)
      note(`批准${to.name}知悉`)
      break
    }
  }
  touch(ctx, c)
  audit(ctx, `case.${action}`, 'case', c.id, `${offered!.label}${opinion && action !== 'safety_action' ? `：${opinion}` : ''}`.slice(0, 200))
  return present(ctx, c, caseAccess(ctx.db, c, me) ?? access, me)
}

export function assessCase(ctx: Ctx, { params, body }: RouteArgs<typeof casesRoutes.assess>): CaseDetail {
  escalateCases(ctx)
  const { c, access, me } = findVisible(ctx, params.id)
  if (access.view !== 'federation') fail('FORBIDDEN', '只有妇联工作人员可以评估')
  if (!ACTIVE.has(c.status)) fail('INVALID_STATE', '案件已办结，不能再评估')
  if (c.ownerId && c.ownerId !== me.id && !isHead(ctx.db, me)) fail('FORBIDDEN', '请由首接负责人评估')
  checkVersion(c.version, body.version)
  applyRisk(ctx, c, body.answers, me)
  touch(ctx, c)
  audit(ctx, 'case.assess', 'case', c.id, `危险性评估：${riskLevelLabels[c.risk!]}（${c.riskScore} 分）`)
  return present(ctx, c, access, me)
}

export function referCase(ctx: Ctx, { params, body }: RouteArgs<typeof casesRoutes.refer>): CaseDetail {
  escalateCases(ctx)
  const { c, access, me } = findVisible(ctx, params.id)
  if (access.view !== 'federation' || c.ownerId !== me.id) fail('FORBIDDEN', '只有首接负责人可以联动转办')
  if (!WORKING.has(c.status)) fail('INVALID_STATE', c.status === 'registered' ? '请先受理再联动转办' : '案件已办结，不能再转办')
  checkVersion(c.version, body.version)
  const seen = new Set<string>()
  body.items.forEach((item, i) => {
    const unit = ctx.db.departments.find((d) => d.id === item.unitId)
    const field = { field: `body.items.${i}.unitId` }
    if (!unit || !partnerKindOf(unit.id) || !liaisonsOf(ctx.db, unit.id).length) fail('BAD_REQUEST', '所选单位不是可联动的单位，请重新选择', field)
    if (seen.has(unit!.id)) fail('BAD_REQUEST', `${unit!.name}选了两次`, field)
    seen.add(unit!.id)
    if (c.referrals.some((r) => r.unitId === unit!.id && (r.state === 'sent' || r.state === 'accepted'))) fail('INVALID_STATE', `已转给${unit!.name}，请等其答复`, field)
  })
  const names: string[] = []
  for (const item of body.items) {
    const unit = ctx.db.departments.find((d) => d.id === item.unitId)!
    c.referrals.push({
      id: `${c.id}-r${c.referrals.length + 1}`,
      unitId: unit.id,
      task: scrub(item.task),
      state: 'sent',
      sentById: me.id,
      sentAt: ctx.nowIso,
      acceptBy: toIso(new Date(ctx.now.getTime() + item.acceptHours * HOUR)),
      escalatedAt: null,
      answeredAt: null,
      answeredById: null,
      returnReason: null,
      report: null,
    })
    names.push(unit.name)
  }
  // 首接负责: the owner stays the owner; the case only shows that others now help
  if (c.status !== 'supervising') c.status = 'referred'
  c.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `联动转办：${names.join('、')}`, note: body.items.map((x) => x.task).join('；') })
  tellResident(ctx, c, '正在协调有关单位一起帮助您')
  touch(ctx, c)
  audit(ctx, 'case.refer', 'case', c.id, `联动转办给 ${names.join('、')}`)
  return present(ctx, c, access, me)
}

export function answerReferral(ctx: Ctx, { params, body }: RouteArgs<typeof casesRoutes.answerReferral>): CaseDetail {
  escalateCases(ctx)
  const { c, access, me } = findVisible(ctx, params.id)
  const r = c.referrals.find((x) => x.id === params.referralId && x.unitId === access.unitId) ?? fail('NOT_FOUND')
  const offered = referralActions(c, r, access).find((a) => a.key === body.action)
  if (!offered) fail(c.version !== body.version && ACTIVE.has(c.status) ? 'VERSION_CONFLICT' : 'INVALID_STATE', r.state === 'returned' ? '该转办已退回' : r.state === 'done' ? '该转办已反馈' : undefined)
  checkVersion(c.version, body.version)
  const text = body.note ? scrub(body.note.trim()) : null
  if (offered!.opinion === 'required' && !text) fail('BAD_REQUEST', `请填写${offered!.opinionLabel}`, { field: 'body.note' })
  const unit = ctx.db.departments.find((d) => d.id === r.unitId)?.name ?? ''
  r.answeredAt = ctx.nowIso
  r.answeredById = me.id
  if (body.action === 'accept') {
    r.state = 'accepted'
    // someone has taken it on: the red clock stops
    if (c.risk === 'red' && !c.redActedAt) c.redActedAt = ctx.nowIso
    c.timeline.push({ at: ctx.nowIso, actorName: `${unit} ${me.name}`, action: '签收', note: text })
  } else if (body.action === 'return') {
    r.state = 'returned'
    r.returnReason = text
    c.timeline.push({ at: ctx.nowIso, actorName: `${unit} ${me.name}`, action: '退回', note: text })
  } else {
    r.state = 'done'
    r.report = text
    c.timeline.push({ at: ctx.nowIso, actorName: `${unit} ${me.name}`, action: '反馈办理情况', note: text })
  }
  touch(ctx, c)
  audit(ctx, `case.referral_${body.action}`, 'case', c.id, `${unit}${offered!.label}${text ? `：${text}` : ''}`.slice(0, 200))
  return present(ctx, c, caseAccess(ctx.db, c, me) ?? access, me)
}

// ---------------------------------------------------------------------------------------------
// 维权案例库: finished cases, anonymised here, reviewed before staff may learn from them

const FINISHED = new Set<CaseStatus>(['approved', 'visited', 'archived'])
const libraryOf = (db: Db): CaseLibraryRow[] => (db.caseLibrary ??= [])
export const libraryLink = (id: string) => `/features/cases/pages/library-entry/index?id=${id}`

/** 区妇联 staff review what others send; nobody reviews her own entry. */
function isLibraryReviewer(me: UserRow, row: Pick<CaseLibraryRow, 'submittedById'>): boolean {
  return me.roles.includes('federation_staff') && me.deptId === 'dept-wf' && row.submittedById !== me.id
}

const UNIT_WORDS: Record<PartnerKind, string> = { police: '公安机关', court: '法院', procuratorate: '检察院', civil: '民政部门', justice: '司法所', school: '学校', hospital: '医院' }

/** Everything the directory and the case know by name, and what each becomes in the library. */
function knownOf(db: Db, c: CaseRow): Known {
  const replace: [string, string][] = []
  const add = (from: string | null | undefined, to: string) => {
    if (from && from.trim().length >= 2) replace.push([from.trim(), to])
  }
  add(c.subject.name, '求助人')
  add(c.otherName, '对方')
  add(c.childName, '孩子')
  add(c.subject.address, '某处')
  add(c.subject.whereabouts, '某处')
  add(c.subject.phone, '（电话已删去）')
  add(c.subject.idNumber, '（证件号已删去）')
  for (const u of db.users) add(u.name, u.kind === 'resident' ? '当事人' : '工作人员')
  for (const d of db.departments) {
    const kind = partnerKindOf(d.id)
    const to = kind ? UNIT_WORDS[kind] : d.id.endsWith('-wf') ? '妇联' : d.kind === 'community' ? '某社区' : d.kind === 'street_office' ? '某街道' : '有关单位'
    add(d.name, to)
    add(d.shortName, to)
  }
  return { replace }
}

function actorWord(db: Db, actorName: string): string {
  if (actorName === SYSTEM_ACTOR.name) return '系统'
  const unit = db.departments.find((d) => actorName.startsWith(d.name))
  if (unit) {
    const kind = partnerKindOf(unit.id)
    return kind ? UNIT_WORDS[kind] : '有关单位'
  }
  if (actorName === '匿名求助人' || db.users.some((u) => u.kind === 'resident' && (u.name === actorName || maskName(u.name) === actorName))) return '求助人'
  return '妇联'
}

const DAY = 24 * HOUR
function libraryDraft(db: Db, c: CaseRow): LibraryDraft {
  const known = knownOf(db, c)
  const a = (s: string) => anonymise(s, known)
  const day = (at: string) => Math.max(1, Math.floor((Date.parse(at) - Date.parse(c.createdAt)) / DAY) + 1)
  const lines = c.timeline
    .filter((t) => !/联系$/.test(t.action))
    .map((t) => `第 ${day(t.at)} 天 · ${actorWord(db, t.actorName)}：${a(t.action)}${t.note ? `（${a(t.note)}）` : ''}`)
  const kinds = [...new Set(c.referrals.map((r) => partnerKindOf(r.unitId)).filter((k): k is PartnerKind => !!k))]
  const story = [
    `【基本情况】${caseCategoryLabels[c.category]}，来源：${caseChannelLabels[c.channel]}${c.risk ? `，危险性评估${riskLevelLabels[c.risk]}` : ''}${c.minor ? '，涉及未成年人' : ''}。`,
    a(c.summary),
    `【办理经过】${kinds.length ? `联动${kinds.map((k) => UNIT_WORDS[k]).join('、')}。` : ''}`,
    ...lines,
    `【办理结果】${c.result ? a(c.result) : '—'}${c.followUp ? `。回访满意度 ${c.followUp.satisfaction} 分` : ''}`,
  ].join('\n')
  const outcome = c.outcome ?? null
  return {
    title: `${caseCategoryLabels[c.category]}${outcome ? `：${caseOutcomeLabels[outcome]}` : '案例'}`.slice(0, 40),
    story: story.slice(0, 2000),
    outcome,
    period: `${cstParts(new Date(c.createdAt)).year} 年`,
  }
}

function libraryActions(me: UserRow, row: CaseLibraryRow): AvailableAction[] {
  if (row.state === 'pending' && isLibraryReviewer(me, row)) return [A('approve', '通过并发布', 'optional', '审核意见（可不填）', 'primary'), A('refuse', '不通过', 'required', '不通过的理由', 'danger')]
  if (row.state === 'refused' && row.submittedById === me.id) return [A('resubmit', '修改后重新提交', 'none', null, 'primary')]
  return []
}

function libraryVisible(me: UserRow, row: CaseLibraryRow): boolean {
  if (!me.roles.includes('federation_staff')) return false
  return row.state === 'published' || row.submittedById === me.id || isLibraryReviewer(me, row)
}

function presentLibrary(db: Db, me: UserRow, row: CaseLibraryRow): LibraryEntry {
  const insider = row.submittedById === me.id || isLibraryReviewer(me, row)
  return {
    id: row.id,
    category: row.category,
    outcome: row.outcome,
    risk: row.risk,
    minor: row.minor,
    partnerKinds: row.partnerKinds,
    period: row.period,
    title: row.title,
    story: row.story,
    lesson: row.lesson,
    state: row.state,
    caseId: insider && row.state !== 'published' ? row.caseId : null,
    submittedBy: insider && row.state !== 'published' ? (userById(db, row.submittedById)?.name ?? null) : null,
    submittedAt: row.submittedAt,
    reviewedBy: insider && row.reviewedById ? (userById(db, row.reviewedById)?.name ?? null) : null,
    reviewNote: insider ? row.reviewNote : null,
    version: row.version,
    availableActions: libraryActions(me, row),
  }
}

function reviewersOf(db: Db, row: Pick<CaseLibraryRow, 'submittedById'>): UserRow[] {
  const head = federationHead(db)
  const others = db.users.filter((u) => isLibraryReviewer(u, row))
  return head && isLibraryReviewer(head, row) ? [head] : others.slice(0, 1)
}

function syncLibraryItems(ctx: Pick<Ctx, 'db' | 'nowIso'>, row: CaseLibraryRow) {
  const open = ctx.db.workItems.filter((w) => w.module === 'cases' && w.objectType === 'case_library' && w.objectId === row.id && w.status === 'open')
  const wanted = row.state === 'pending' ? reviewersOf(ctx.db, row).map((u) => u.id) : []
  for (const w of open) if (!wanted.includes(w.assigneeId)) closeWorkItem(ctx, w, row.state === 'published' ? '您已通过并发布' : row.state === 'refused' ? '您已退回' : undefined)
  for (const id of wanted) {
    if (open.some((w) => w.assigneeId === id)) continue
    openWorkItem(ctx, { module: 'cases', objectType: 'case_library', objectId: row.id, title: `案例入库 · ${row.title}`, summary: '匿名化案例待审核，通过后对工作人员发布', step: '待审核入库', audience: 'assignee', assigneeId: id, initiatorId: row.submittedById, urgency: 'normal', deadline: null, link: libraryLink(row.id) })
  }
}

/** The text the person sent is anonymised again: what reaches the library is only ever the server's. */
function cleanEntryText(db: Db, c: CaseRow, body: { title: string; story: string; lesson: string }) {
  const known = knownOf(db, c)
  const out = { title: anonymise(scrub(body.title), known), story: anonymise(scrub(body.story), known), lesson: anonymise(scrub(body.lesson), known) }
  return out
}

function finishedCaseFor(ctx: Ctx, id: string) {
  const { c, access, me } = findVisible(ctx, id)
  if (access.view !== 'federation' || (c.ownerId !== me.id && !isHead(ctx.db, me))) fail('FORBIDDEN', '只有首接负责人或区妇联负责人可以把案件提交入库')
  if (!FINISHED.has(c.status)) fail('INVALID_STATE', '案件核准之后才能提交入库')
  return { c, me }
}

export function libraryDraftOf(ctx: Ctx, { params }: RouteArgs<typeof casesRoutes.libraryDraft>): LibraryDraft {
  escalateCases(ctx)
  const { c } = finishedCaseFor(ctx, params.id)
  return libraryDraft(ctx.db, c)
}

export function submitToLibrary(ctx: Ctx, { params, body }: RouteArgs<typeof casesRoutes.librarySubmit>): LibraryEntry {
  escalateCases(ctx)
  const { c, me } = finishedCaseFor(ctx, params.id)
  const have = libraryOf(ctx.db).find((e) => e.caseId === c.id)
  if (have) fail('INVALID_STATE', have.state === 'published' ? '这个案件已在案例库中' : have.state === 'pending' ? '这个案件已提交入库，正在审核' : '这个案件的案例未通过审核，请在案例库“待审核”里按意见修改后重新提交')
  const text = cleanEntryText(ctx.db, c, body)
  const row: CaseLibraryRow = {
    id: nextId(ctx.db, 'lib'),
    caseId: c.id,
    category: c.category,
    outcome: body.outcome,
    risk: c.risk,
    minor: c.minor,
    partnerKinds: [...new Set(c.referrals.map((r) => partnerKindOf(r.unitId)).filter((k): k is PartnerKind => !!k))],
    period: libraryDraft(ctx.db, c).period,
    ...text,
    state: 'pending',
    submittedById: me.id,
    submittedAt: ctx.nowIso,
    reviewedById: null,
    reviewedAt: null,
    reviewNote: null,
    version: 1,
  }
  libraryOf(ctx.db).push(row)
  syncLibraryItems(ctx, row)
  audit(ctx, 'case.library_submit', 'case_library', row.id, `提交案例入库「${row.title}」（来自 ${c.number}）`)
  return presentLibrary(ctx.db, me, row)
}

export function reviewLibrary(ctx: Ctx, { params, body }: RouteArgs<typeof casesRoutes.libraryReview>): LibraryEntry {
  const me = requireUser(ctx)
  const row = visibleOr404(libraryOf(ctx.db).find((e) => e.id === params.entryId), (e) => libraryVisible(me, e))
  const offered = libraryActions(me, row).find((a) => a.key === body.action)
  if (!offered) {
    if (row.version !== body.version) fail('VERSION_CONFLICT')
    if (body.action === 'resubmit') fail(row.submittedById === me.id ? 'INVALID_STATE' : 'FORBIDDEN', row.submittedById !== me.id ? '只有提交人可以修改后重新提交' : row.state === 'published' ? '该案例已发布' : '该案例正在审核')
    if (row.submittedById === me.id) fail('FORBIDDEN', '不能审核自己提交的案例')
    fail(isLibraryReviewer(me, row) ? 'INVALID_STATE' : 'FORBIDDEN', row.state === 'published' ? '该案例已发布' : row.state === 'refused' ? '该案例已退回提交人修改' : undefined)
  }
  checkVersion(row.version, body.version)
  const note = body.note ? scrub(body.note.trim()) : null
  if (offered!.opinion === 'required' && !note) fail('BAD_REQUEST', `请填写${offered!.opinionLabel}`, { field: 'body.note' })
  if (body.action === 'resubmit') {
    const c = ctx.db.cases.find((x) => x.id === row.caseId)!
    Object.assign(row, cleanEntryText(ctx.db, c, { title: body.title ?? row.title, story: body.story ?? row.story, lesson: body.lesson ?? row.lesson }))
    row.state = 'pending'
    row.submittedAt = ctx.nowIso
  } else {
    row.state = body.action === 'approve' ? 'published' : 'refused'
    row.reviewedById = me.id
    row.reviewedAt = ctx.nowIso
    row.reviewNote = note
  }
  row.version++
  syncLibraryItems(ctx, row)
  audit(ctx, `case.library_${body.action}`, 'case_library', row.id, `${offered!.label}「${row.title}」${note ? `：${note}` : ''}`.slice(0, 200))
  return presentLibrary(ctx.db, me, row)
}

/** Is now a time she chose? */
export function contactAllowed(s: SafeContact, channel: ContactChannel, now: Date): string | null {
  const words = safeContactWords(s).join('，')
  if (!s.channels.includes(channel)) return `求助人选择了「${words}」，不能用${contactChannelLabels[channel]}联系`
  const hour = cstParts(now).hour
  if (s.window === 'weekday_daytime' && !(isWorkday(now) && hour >= 9 && hour < 18)) return `求助人选择了「${words}」，现在不是她选的时间`
  if (s.window === 'evening' && !(hour >= 19 && hour < 21)) return `求助人选择了「${words}」，现在不是她选的时间`
  return null
}

// ---------------------------------------------------------------------------------------------

export function registerCases(r: Registry) {
  r.on(casesRoutes.list, (ctx, { query }) => {
    escalateCases(ctx)
    const me = requireUser(ctx)
    const mine = ctx.db.cases.filter((c) => caseAccess(ctx.db, c, me) !== null)
    const todo = new Set(ctx.db.workItems.filter((w) => w.module === 'cases' && w.status === 'open' && w.assigneeId === me.id && w.audience === 'assignee').map((w) => w.objectId))
    const rows = mine
      .filter((c) => (query.box === 'todo' ? todo.has(c.id) : query.box === 'red' ? c.risk === 'red' && ACTIVE.has(c.status) : true))
      .filter((c) => (!query.status || c.status === query.status) && (!query.risk || c.risk === query.risk))
      .sort((a, b) => {
        // red and waiting first, then the most recently changed
        const ra = a.risk === 'red' && !a.redActedAt && ACTIVE.has(a.status) ? 0 : 1
        const rb = b.risk === 'red' && !b.redActedAt && ACTIVE.has(b.status) ? 0 : 1
        return ra - rb || (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)
      })
      .map((c) => presentSummary(ctx.db, c))
    return paginate(rows, query.cursor, query.limit ?? 20)
  })

  r.on(casesRoutes.partners, (ctx) => ({
    units: ctx.db.departments
      .map((d) => ({ d, kind: partnerKindOf(d.id), liaisons: liaisonsOf(ctx.db, d.id) }))
      .filter((x): x is { d: typeof x.d; kind: PartnerKind; liaisons: UserRow[] } => x.kind !== null && x.liaisons.length > 0)
      .map(({ d, kind, liaisons }) => ({ id: d.id, name: d.name, kind, liaisons: liaisons.map((u) => `${u.name}（${u.position ?? ''}）`) })),
  }))

  r.on(casesRoutes.create, createCase)

  r.on(casesRoutes.get, (ctx, { params }) => {
    escalateCases(ctx)
    const { c, access, me } = findVisible(ctx, params.id)
    // every look at a case is on record: who, when, as what
    audit(ctx, 'case.view', 'case', c.id, `查看案件（${{ federation: '妇联', partner: '联动单位', helper: '协助人', reporter: '上报人' }[access.view]}）${c.minor ? '，涉未成年人' : ''}`)
    return present(ctx, c, access, me)
  })

  r.on(casesRoutes.act, actOnCase)
  r.on(casesRoutes.assess, assessCase)
  r.on(casesRoutes.refer, referCase)
  r.on(casesRoutes.answerReferral, answerReferral)

  r.on(casesRoutes.reveal, (ctx, { params, body }) => {
    escalateCases(ctx)
    const { c, access } = findVisible(ctx, params.id)
    if (!access.revealable || !access.fields.includes(body.field)) fail('FORBIDDEN', `您的职责不需要查看「${caseFieldLabels[body.field]}」`)
    const value = rawValue(c, body.field) ?? fail('NOT_FOUND', '没有登记这一项')
    audit(ctx, 'case.reveal', 'case', c.id, `查看「${caseFieldLabels[body.field]}」，事由：${scrub(body.reason)}`.slice(0, 200))
    return { field: body.field, value, hideAt: toIso(new Date(ctx.now.getTime() + REVEAL_MINUTES * 60_000)) }
  })

  r.on(casesRoutes.contact, (ctx, { params, body }) => {
    escalateCases(ctx)
    const { c, access, me } = findVisible(ctx, params.id)
    if (access.view === 'reporter' || !access.fields.includes('subject.phone')) fail('FORBIDDEN', '您的职责不需要联系求助人')
    if (!ACTIVE.has(c.status) && c.status !== 'approved') fail('INVALID_STATE', '案件已办结归档，如需联系请先退回重办')
    const refused = contactAllowed(c.safeContact, body.channel, ctx.now)
    if (refused) fail('INVALID_STATE', refused)
    c.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `${contactChannelLabels[body.channel]}联系`, note: scrub(body.note) })
    touch(ctx, c)
    audit(ctx, 'case.contact', 'case', c.id, `${contactChannelLabels[body.channel]}联系求助人`)
    return present(ctx, c, access, me)
  })

  r.on(casesRoutes.stats, (ctx) => {
    escalateCases(ctx)
    const me = requireUser(ctx)
    // 妇儿工委 and 区领导 see the district; a street's 妇联 its own street
    const rows = ctx.db.cases.filter((c) => !me.roles.includes('federation_staff') || me.deptId === 'dept-wf' || c.orgDeptId === me.deptId)
    const count = <K extends string>(keys: readonly K[], labels: Record<K, string>, of: (c: CaseRow) => K | null) =>
      keys.map((k) => ({ key: k, label: labels[k], count: rows.filter((c) => of(c) === k).length }))
    const streets = [...new Set(ctx.db.departments.filter((d) => d.kind === 'street_office' && d.parentId === null).map((d) => d.streetName!))]
    const units = [...new Set(rows.flatMap((c) => c.referrals.map((r) => r.unitId)))]
    return {
      total: rows.length,
      byCategory: count(Object.keys(caseCategoryLabels) as (keyof typeof caseCategoryLabels)[], caseCategoryLabels, (c) => c.category),
      byStreet: streets.map((s) => ({ key: s, label: s, count: rows.filter((c) => c.streetName === s).length })),
      byChannel: count(Object.keys(caseChannelLabels) as (keyof typeof caseChannelLabels)[], caseChannelLabels, (c) => c.channel),
      byRisk: count(['red', 'orange', 'yellow'] as const, { red: '红色', orange: '橙色', yellow: '黄色' }, (c) => c.risk),
      byStatus: count(Object.keys(caseStatusLabels) as CaseStatus[], caseStatusLabels, (c) => c.status),
      byOutcome: count(caseOutcomes, caseOutcomeLabels, (c) => (['closed', 'approved', 'visited', 'archived'].includes(c.status) ? (c.outcome ?? null) : null)),
      partners: units.map((unitId) => {
        const refs = rows.flatMap((c) => c.referrals.filter((r) => r.unitId === unitId))
        const accepted = refs.filter((r) => r.state === 'accepted' || r.state === 'done')
        const hours = accepted.map((r) => (Date.parse(r.answeredAt!) - Date.parse(r.sentAt)) / HOUR).sort((a, b) => a - b)
        const median = hours.length ? (hours.length % 2 ? hours[(hours.length - 1) / 2] : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2) : null
        return {
          unitName: ctx.db.departments.find((d) => d.id === unitId)?.name ?? '',
          referrals: refs.length,
          accepted: accepted.length,
          returned: refs.filter((r) => r.state === 'returned').length,
          overdue: refs.filter((r) => (r.state === 'sent' && r.acceptBy <= ctx.nowIso) || (!!r.answeredAt && r.answeredAt >= r.acceptBy && r.state !== 'returned')).length,
          medianHoursToAccept: median === null ? null : Math.round(median * 10) / 10,
        }
      }),
    }
  })

  r.on(casesRoutes.libraryDraft, libraryDraftOf)
  r.on(casesRoutes.librarySubmit, submitToLibrary)
  r.on(casesRoutes.library, (ctx, { query }) => {
    const me = requireUser(ctx)
    const q = query.q?.trim()
    const rows = [...libraryOf(ctx.db)]
      .reverse()
      .filter((e) => libraryVisible(me, e))
      .filter((e) => (query.box === 'review' ? e.state !== 'published' : e.state === 'published'))
      .filter((e) => (!query.category || e.category === query.category) && (!query.outcome || e.outcome === query.outcome))
      .filter((e) => !q || `${e.title}\n${e.story}\n${e.lesson}`.includes(q))
      .map((e) => presentLibrary(ctx.db, me, e))
    return paginate(rows, query.cursor, query.limit ?? 20)
  })
  r.on(casesRoutes.libraryGet, (ctx, { params }) => {
    const me = requireUser(ctx)
    return presentLibrary(ctx.db, me, visibleOr404(libraryOf(ctx.db).find((e) => e.id === params.entryId), (e) => libraryVisible(me, e)))
  })
  r.on(casesRoutes.libraryReview, reviewLibrary)

  // the resident's side
  r.on(helpRoutes.submit, submitHelp)
  r.on(helpRoutes.mine, (ctx) => {
    escalateCases(ctx)
    const me = requireUser(ctx)
    return { items: ctx.db.cases.filter((c) => c.residentId === me.id).reverse().map(presentHelp) }
  })
  r.on(helpRoutes.get, (ctx, { params }) => {
    escalateCases(ctx)
    const me = requireUser(ctx)
    return presentHelp(visibleOr404(ctx.db.cases.find((c) => c.id === params.id), (c) => c.residentId === me.id))
  })
}

