import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, int, isoTime, oneOf, optionalText, page, queryInt, text, version } from './schema'
import { availableActionSchema, timelineEntrySchema } from './common'
import { signatureInput } from './common'

/**
 * 调解预约 (宝安智慧调解): residents apply and book a real slot from mediators' calendars; the other
 * party confirms through an invitation; dispatchers 分拨, mediators hold the session, record it and
 * close the case with a 协议书, 履行 and 回访. The mock BFF owns slots, conflicts, the flow, the 30-day
 * clock and the case file; pages render `availableActions`.
 */

export const disputeTypes = ['neighbour', 'family', 'labour', 'property', 'consumer', 'traffic', 'other'] as const
export type DisputeType = (typeof disputeTypes)[number]
export const disputeTypeLabels: Record<DisputeType, string> = {
  neighbour: '邻里纠纷',
  family: '婚姻家庭',
  labour: '劳动争议',
  property: '物业纠纷',
  consumer: '消费纠纷',
  traffic: '交通事故',
  other: '其他纠纷',
}

export const mediationModes = ['onsite', 'video'] as const
export type MediationMode = (typeof mediationModes)[number]
export const mediationModeLabels: Record<MediationMode, string> = { onsite: '到场调解', video: '视频调解' }

export const dialects = ['mandarin', 'cantonese', 'hakka', 'teochew'] as const
export type Dialect = (typeof dialects)[number]
export const dialectLabels: Record<Dialect, string> = { mandarin: '普通话', cantonese: '粤语', hakka: '客家话', teochew: '潮汕话' }

export const streetNames = ['新安街道', '西乡街道', '航城街道', '福永街道', '福海街道', '沙井街道', '新桥街道', '松岗街道', '燕罗街道', '石岩街道'] as const

export const caseStatuses = ['applied', 'accepted', 'scheduled', 'in_session', 'agreed', 'failed', 'performing', 'visited', 'refused', 'declined', 'cancelled'] as const
export type CaseStatus = (typeof caseStatuses)[number]
export const caseStatusLabels: Record<CaseStatus, string> = {
  applied: '已申请',
  accepted: '已受理',
  scheduled: '已排期',
  in_session: '调解中',
  agreed: '达成协议',
  failed: '未达成协议',
  performing: '履行中',
  visited: '已回访',
  refused: '不予受理',
  declined: '对方不同意调解',
  cancelled: '已撤回',
}
/** the resident's progress bar: 申请 → 受理 → 已排期 → 调解中 → 达成协议 / 未达成 → 履行 → 回访 */
export const caseProgress = ['申请', '受理', '已排期', '调解中', '达成协议', '履行', '回访'] as const

/** 三调联动: where a refused application is sent instead */
export const referrals = ['administrative', 'judicial', 'litigation', 'other_committee'] as const
export type Referral = (typeof referrals)[number]
export const referralLabels: Record<Referral, string> = {
  administrative: '行政调解（区司法局行政调解科）',
  judicial: '诉调对接（宝安区人民法院诉调对接中心）',
  litigation: '诉讼指引（可向宝安区人民法院起诉）',
  other_committee: '转其他调解组织',
}

/** 人民调解法: mediation is finished within about a month of 受理; flagged this many days before. */
export const CASE_LIMIT_DAYS = 30
export const NEAR_LIMIT_DAYS = 5
export const MAX_EXTENSION_DAYS = 30
/** reschedule or cancel a booked slot until this many hours before it starts */
export const CHANGE_CUTOFF_HOURS = 24
/** 回访 is due this many days after the agreement */
export const VISIT_AFTER_DAYS = 15

export const caseDocKinds = ['application', 'notice', 'record', 'agreement', 'performance', 'visit'] as const
export type CaseDocKind = (typeof caseDocKinds)[number]
export const caseDocLabels: Record<CaseDocKind, string> = {
  application: '申请书',
  notice: '受理/告知书',
  record: '调解记录',
  agreement: '人民调解协议书',
  performance: '履行情况',
  visit: '回访记录',
}

export const inviteStatuses = ['pending', 'accepted', 'proposed', 'declined'] as const
export type InviteStatus = (typeof inviteStatuses)[number]
export const inviteStatusLabels: Record<InviteStatus, string> = { pending: '待对方确认', accepted: '对方已同意', proposed: '对方提议改期', declined: '对方不同意调解' }

export const slotSchema = v.object({
  id: v.string(),
  committeeId: v.string(),
  committeeName: v.string(),
  mediatorId: v.string(),
  mediatorName: v.string(),
  dialects: v.array(v.picklist(dialects)),
  expertise: v.array(v.picklist(disputeTypes)),
  mode: v.picklist(mediationModes),
  roomName: v.nullable(v.string()),
  start: v.string(),
  end: v.string(),
  /** staff calendars only: the case holding it */
  caseId: v.nullable(v.string()),
})
export type Slot = v.InferOutput<typeof slotSchema>

export const committeeSchema = v.object({
  id: v.string(),
  name: v.string(),
  streetName: v.string(),
  address: v.string(),
  headName: v.string(),
  mediatorCount: v.number(),
})
export type Committee = v.InferOutput<typeof committeeSchema>

const partySchema = v.object({
  name: v.string(),
  /** always masked */
  phone: v.string(),
})

export const caseDetailSchema = v.object({
  id: v.string(),
  /** 宝安调〔2026〕12号 style number, given at 受理 */
  caseNumber: v.nullable(v.string()),
  status: v.picklist(caseStatuses),
  /** how the caller stands to the case: applicant, other party, or staff */
  viewer: v.picklist(['applicant', 'other_party', 'staff']),
  disputeType: v.picklist(disputeTypes),
  title: v.string(),
  applicant: partySchema,
  /** 家属协助: a family member filled it in on the applicant's behalf */
  assistedBy: v.nullable(v.object({ name: v.string(), relation: v.string() })),
  otherParty: partySchema,
  inviteStatus: v.picklist(inviteStatuses),
  /** applicant only: the code the other party opens */
  inviteCode: v.nullable(v.string()),
  /** what the other party said when declining or proposing */
  inviteNote: v.nullable(v.string()),
  /** the other party sees the claims, not the applicant's facts and photos */
  facts: v.nullable(v.string()),
  claims: v.string(),
  attachmentIds: v.array(v.string()),
  mode: v.picklist(mediationModes),
  streetName: v.string(),
  dialect: v.picklist(dialects),
  committeeId: v.nullable(v.string()),
  committeeName: v.nullable(v.string()),
  mediatorName: v.nullable(v.string()),
  slot: v.nullable(slotSchema),
  /** a slot the dispatcher offered, waiting for the applicant */
  offeredSlot: v.nullable(slotSchema),
  /** reschedule or cancel until then */
  changeUntil: v.nullable(v.string()),
  reminder: v.nullable(v.object({ kind: v.picklist(['subscribed', 'in_app']), at: v.string(), text: v.string() })),
  /** the 30-day clock from 受理 (with extensions) */
  dueAt: v.nullable(v.string()),
  nearDue: v.boolean(),
  overdue: v.boolean(),
  extensions: v.array(v.object({ days: v.number(), reason: v.string(), at: v.string() })),
  refusal: v.nullable(v.object({ reason: v.string(), referral: v.picklist(referrals), referralLabel: v.string() })),
  /** what happens next when the other party declines, or the mediation fails */
  nextSteps: v.array(v.object({ title: v.string(), text: v.string() })),
  record: v.nullable(v.string()),
  agreement: v.nullable(v.object({ terms: v.string(), at: v.string() })),
  signatures: v.array(v.object({ role: v.picklist(['applicant', 'other_party', 'mediator']), name: v.string(), at: v.string() })),
  performance: v.nullable(v.object({ text: v.string(), at: v.string(), fulfilled: v.boolean() })),
  performDueAt: v.nullable(v.string()),
  visit: v.nullable(v.object({ text: v.string(), at: v.string() })),
  visitDueAt: v.nullable(v.string()),
  rating: v.nullable(v.object({ stars: v.number(), comment: v.nullable(v.string()) })),
  /** 一案一档: the documents so far and what the statutory list still misses */
  caseFile: v.object({
    items: v.array(v.object({ kind: v.picklist(caseDocKinds), label: v.string(), at: v.string() })),
    missing: v.array(v.string()),
  }),
  /** the video session is the next issue: here only the entry and what it says */
  video: v.nullable(v.object({ available: v.boolean(), text: v.string() })),
  /** staff: the video session's attendance and recording answers, as the 调解记录 carries them */
  videoAttendance: v.array(v.string()),
  submittedAt: v.string(),
  version: v.number(),
  availableActions: v.array(availableActionSchema),
  timeline: v.array(timelineEntrySchema),
})
export type CaseDetail = v.InferOutput<typeof caseDetailSchema>

export const caseSummarySchema = v.object({
  id: v.string(),
  caseNumber: v.nullable(v.string()),
  title: v.string(),
  disputeType: v.picklist(disputeTypes),
  status: v.picklist(caseStatuses),
  streetName: v.string(),
  mode: v.picklist(mediationModes),
  committeeName: v.nullable(v.string()),
  mediatorName: v.nullable(v.string()),
  slotStart: v.nullable(v.string()),
  submittedAt: v.string(),
  dueAt: v.nullable(v.string()),
  nearDue: v.boolean(),
  overdue: v.boolean(),
})
export type CaseSummary = v.InferOutput<typeof caseSummarySchema>

export const caseActions = [
  'book',
  'accept_offer',
  'cancel_slot',
  'withdraw',
  'accept',
  'refuse',
  'offer',
  'start',
  'record',
  'agree',
  'fail',
  'sign',
  'perform',
  'visit',
  'extend',
  'home_visit',
  'rate',
] as const
export type CaseAction = (typeof caseActions)[number]

const caseId = v.object({ id: id('案件编号') })
const inviteCode = v.object({ code: v.pipe(v.string('「邀请码」格式不对'), v.maxLength(12, '「邀请码」格式不对'), v.regex(/^[A-Z0-9]+$/, '「邀请码」格式不对'), v.title('邀请码')) })
const dayQuery = v.optional(v.pipe(v.string('「日期」格式不对'), v.maxLength(10, '「日期」格式不对'), v.isoDate('「日期」格式不对'), v.title('日期')))
const phoneInput = v.pipe(v.string('「对方电话」应填写号码'), v.trim(), v.maxLength(11, '「对方电话」请填写 11 位手机号'), v.regex(/^1[3-9]\d{9}$/, '「对方电话」请填写 11 位手机号'), v.title('对方电话'))

export const MAX_FACTS = 2000

export const applyBody = v.object({
  disputeType: oneOf('纠纷类型', disputeTypes),
  otherPartyName: text('对方姓名或单位', 40),
  otherPartyPhone: phoneInput,
  facts: text('事情经过', MAX_FACTS, 10),
  claims: text('您的诉求', 500),
  attachmentIds: v.optional(v.pipe(v.array(id('附件')), v.maxLength(9, '「照片或材料」最多 9 个'))),
  mode: oneOf('调解方式', mediationModes),
  streetName: oneOf('所在街道', streetNames),
  dialect: oneOf('语言', dialects),
  assistedBy: v.optional(v.object({ name: text('协助人姓名', 20), relation: text('与申请人关系', 10) })),
})
export type ApplyBody = v.InferInput<typeof applyBody>

export const mediationRoutes = {
  committees: route({
    method: 'GET',
    path: '/mediation/committees',
    summary: '各街道人民调解委员会',
    access: 'user',
    response: v.object({ items: v.array(committeeSchema) }),
    errors: [],
  }),
  slots: route({
    method: 'GET',
    path: '/mediation/slots',
    summary: '可预约的调解时段：按调委会（或所在街道附近）、方式、语言、擅长类型筛选，来自调解员与调解室的真实日程',
    access: 'user',
    query: v.object({
      committeeId: v.optional(id('调委会')),
      streetName: v.optional(oneOf('所在街道', streetNames)),
      mode: v.optional(oneOf('调解方式', mediationModes)),
      dialect: v.optional(oneOf('语言', dialects)),
      expertise: v.optional(oneOf('纠纷类型', disputeTypes)),
      from: dayQuery,
      limit: queryInt('条数', 1, 100),
    }),
    response: v.object({ items: v.array(slotSchema) }),
    errors: [],
  }),
  apply: route({
    method: 'POST',
    path: '/mediation/cases',
    summary: '申请调解：纠纷类型、双方、事情经过、诉求、方式、街道、语言；生成给对方的邀请码',
    access: 'resident',
    body: applyBody,
    response: caseDetailSchema,
    errors: ['FORBIDDEN'],
  }),
  mine: route({
    method: 'GET',
    path: '/mediation/cases/mine',
    summary: '我的调解：我申请的，以及邀请我参加的',
    access: 'resident',
    query: v.object({ ...cursorQuery }),
    response: page(caseSummarySchema),
    errors: ['FORBIDDEN'],
  }),
  get: route({
    method: 'GET',
    path: '/mediation/cases/:id',
    summary: '案件详情：进度、时段、提醒、一案一档、可执行操作（对方当事人只看到与其有关的部分）',
    access: 'user',
    params: caseId,
    response: caseDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  act: route({
    method: 'POST',
    path: '/mediation/cases/:id/actions',
    summary:
      '办理：预约/改约/取消时段、接受分拨员提供的时段、撤回；受理分拨、不予受理（须说明理由与去向）、提供时段；开始调解、调解记录、达成协议、未达成、签署协议书、履行、回访、延期、上门调解、评价',
    access: 'user',
    params: caseId,
    body: v.object({
      action: oneOf('操作', caseActions),
      version,
      slotId: v.optional(id('时段')),
      committeeId: v.optional(id('调委会')),
      mediatorId: v.optional(id('调解员')),
      referral: v.optional(oneOf('去向', referrals)),
      reason: optionalText('理由', 500),
      record: optionalText('调解记录', 4000),
      terms: optionalText('协议内容', 4000),
      note: optionalText('履行或回访情况', 1000),
      signature: v.optional(signatureInput),
      fulfilled: v.optional(v.boolean('「是否履行」格式不对')),
      days: v.optional(int('延期天数', 1, MAX_EXTENSION_DAYS)),
      stars: v.optional(int('评分', 1, 5)),
      remind: v.optional(oneOf('提醒方式', ['subscribed', 'in_app'] as const)),
    }),
    response: caseDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  document: route({
    method: 'GET',
    path: '/mediation/cases/:id/documents/:kind',
    summary: '一案一档中的一份文书（PDF）',
    access: 'user',
    // kind is a plain id here: a kind this case does not have (or no case has) is the same 404
    params: v.object({ id: id('案件编号'), kind: id('文书') }),
    response: v.unknown(),
    responseType: 'binary',
    errors: ['NOT_FOUND'],
  }),
  invitation: route({
    method: 'GET',
    path: '/mediation/invitations/:code',
    summary: '对方当事人打开邀请：只看到需要知道的（纠纷类型、申请人诉求、时段、调委会）',
    access: 'resident',
    params: inviteCode,
    response: v.object({
      code: v.string(),
      caseId: v.string(),
      disputeType: v.picklist(disputeTypes),
      applicantName: v.string(),
      claims: v.string(),
      committeeName: v.nullable(v.string()),
      mode: v.picklist(mediationModes),
      slot: v.nullable(slotSchema),
      status: v.picklist(inviteStatuses),
      /** other free slots of the same committee, for 提议改期 */
      alternatives: v.array(slotSchema),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
  respond: route({
    method: 'POST',
    path: '/mediation/invitations/:code',
    summary: '对方当事人答复邀请：同意、提议另一时段、不同意（案件随后给出上门调解、司法确认、诉讼指引）',
    access: 'resident',
    params: inviteCode,
    body: v.object({ answer: oneOf('答复', ['accept', 'propose', 'decline'] as const), slotId: v.optional(id('时段')), reason: optionalText('理由', 300) }),
    response: caseDetailSchema,
    errors: ['NOT_FOUND', 'INVALID_STATE', 'FORBIDDEN'],
  }),
  queue: route({
    method: 'GET',
    path: '/mediation/queue',
    summary: '工作台：待分拨（按街道、类型）、我承办的、督办（临近 30 日期限或已超期）',
    access: ['dispatcher', 'mediator'],
    query: v.object({
      tab: oneOf('列表', ['new', 'mine', 'supervise', 'all'] as const),
      streetName: v.optional(oneOf('所在街道', streetNames)),
      disputeType: v.optional(oneOf('纠纷类型', disputeTypes)),
      ...cursorQuery,
    }),
    response: page(caseSummarySchema),
    errors: ['FORBIDDEN'],
  }),
  suggestions: route({
    method: 'GET',
    path: '/mediation/cases/:id/suggestions',
    summary: '分拨建议：按日程空闲、语言、擅长类型与在办件数排序的调解员',
    access: ['dispatcher'],
    params: caseId,
    response: v.object({
      items: v.array(
        v.object({
          mediatorId: v.string(),
          mediatorName: v.string(),
          committeeId: v.string(),
          committeeName: v.string(),
          dialects: v.array(v.picklist(dialects)),
          expertise: v.array(v.picklist(disputeTypes)),
          openCases: v.number(),
          nextFree: v.nullable(slotSchema),
          reasons: v.array(v.string()),
        }),
      ),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
  calendar: route({
    method: 'GET',
    path: '/mediation/calendar',
    summary: '调解员与调解室的日程（含已约）',
    access: ['dispatcher', 'mediator'],
    query: v.object({ mediatorId: v.optional(id('调解员')), roomId: v.optional(id('调解室')), from: dayQuery }),
    response: v.object({ items: v.array(slotSchema), rooms: v.array(v.object({ id: v.string(), name: v.string(), committeeId: v.string() })) }),
    errors: ['FORBIDDEN'],
  }),
  addSlot: route({
    method: 'POST',
    path: '/mediation/slots',
    summary: '调解员登记可预约时段：与本人或调解室已有日程冲突即拒绝',
    access: ['mediator'],
    body: v.object({ start: isoTime('开始时间'), minutes: int('时长（分钟）', 30, 180), mode: oneOf('调解方式', mediationModes), roomId: v.optional(id('调解室')) }),
    response: slotSchema,
    errors: ['INVALID_STATE', 'FORBIDDEN'],
  }),
  removeSlot: route({
    method: 'POST',
    path: '/mediation/slots/:id/remove',
    summary: '调解员撤下未被预约的时段',
    access: ['mediator'],
    params: v.object({ id: id('时段') }),
    response: v.object({ ok: v.literal(true) }),
    errors: ['NOT_FOUND', 'INVALID_STATE', 'FORBIDDEN'],
  }),
  stats: route({
    method: 'GET',
    path: '/mediation/stats',
    summary: '在线考核：按调委会统计受理、达成协议、按期办结、履行率、满意度（不按人排名）',
    access: ['dispatcher', 'mediator', 'leader'],
    response: v.object({
      items: v.array(
        v.object({
          committeeId: v.string(),
          committeeName: v.string(),
          cases: v.number(),
          agreed: v.number(),
          onTimeRate: v.nullable(v.number()),
          performRate: v.nullable(v.number()),
          satisfaction: v.nullable(v.number()),
        }),
      ),
    }),
    errors: ['FORBIDDEN'],
  }),
}

/** The refusal a lost booking race gets: the next free slots ride along in `details.alternatives`. */
export const SLOT_TAKEN_MESSAGE = '这个时段刚被其他人约走了，请从下面的空闲时段中再选一个'
