import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, int, isoTime, oneOf, optionalText, page, text, version } from './schema'
import { availableActionSchema, timelineEntrySchema } from './common'
import { safeContactInput, safeContactSchema, contactChannels } from './safe-contact'

/**
 * 妇联维权案件: cases taken in from every channel, assessed for danger, referred to partner units and
 * followed up. Personal data leaves the server masked; a field is revealed only to someone whose part
 * needs it, with a stated reason, audited, for a few minutes.
 */

export const caseCategories = ['domestic_violence', 'marriage_family', 'minor_rights', 'counselling', 'hardship', 'other'] as const
export type CaseCategory = (typeof caseCategories)[number]
export const caseCategoryLabels: Record<CaseCategory, string> = {
  domestic_violence: '家庭暴力',
  marriage_family: '婚姻家庭纠纷',
  minor_rights: '未成年人权益',
  counselling: '心理咨询',
  hardship: '困境帮扶',
  other: '其他',
}

export const caseChannels = ['hotline', 'walk_in', 'exec_report', 'resident_app'] as const
export type CaseChannel = (typeof caseChannels)[number]
export const caseChannelLabels: Record<CaseChannel, string> = { hotline: '12338 热线', walk_in: '来访', exec_report: '执委/网格上报', resident_app: '一键求助' }

export const caseStatuses = ['registered', 'accepted', 'handling', 'referred', 'supervising', 'closed', 'approved', 'visited', 'archived', 'declined'] as const
export type CaseStatus = (typeof caseStatuses)[number]
export const caseStatusLabels: Record<CaseStatus, string> = {
  registered: '登记',
  accepted: '受理',
  handling: '办理',
  referred: '联动转办',
  supervising: '督办',
  closed: '办结',
  approved: '核准',
  visited: '回访',
  archived: '归档',
  declined: '不予受理',
}

/** 办理结果: what a closed case came to, chosen at 办结; the statistics and the case library are counted by it */
export const caseOutcomes = ['protection_order', 'warning_letter', 'shelter', 'legal_aid', 'mediated', 'counselling', 'assistance', 'other'] as const
export type CaseOutcome = (typeof caseOutcomes)[number]
export const caseOutcomeLabels: Record<CaseOutcome, string> = {
  protection_order: '人身安全保护令',
  warning_letter: '告诫书',
  shelter: '临时庇护',
  legal_aid: '法律援助/支持起诉',
  mediated: '调解化解',
  counselling: '心理疏导',
  assistance: '救助帮扶',
  other: '其他',
}

export const riskLevels = ['red', 'orange', 'yellow'] as const
export type RiskLevel = (typeof riskLevels)[number]
export const riskLevelLabels: Record<RiskLevel, string> = { red: '红色 · 高危', orange: '橙色 · 中危', yellow: '黄色 · 一般' }

/** 危险性评估: each factor a yes/no after the practice of domestic-violence risk screening, with a weight. */
export const riskFactors = [
  { key: 'threat_to_kill', label: '对方扬言要杀死她或家人', weight: 5, grave: true },
  { key: 'strangulation', label: '曾掐脖子、捂口鼻令其窒息', weight: 5, grave: true },
  { key: 'weapon', label: '使用或威胁使用刀具等凶器', weight: 4, grave: true },
  { key: 'escalation', label: '暴力越来越频繁或越来越重', weight: 3, grave: false },
  { key: 'children_at_risk', label: '孩子也受到威胁或伤害', weight: 3, grave: false },
  { key: 'pregnant', label: '怀孕期间遭受暴力', weight: 3, grave: false },
  { key: 'injuries', label: '曾造成需要就医的伤害', weight: 3, grave: false },
  { key: 'separation', label: '最近提出分手或离婚', weight: 2, grave: false },
  { key: 'stalking', label: '跟踪、监视、控制其行动', weight: 2, grave: false },
  { key: 'suicide_threat', label: '对方以自杀相威胁', weight: 2, grave: false },
  { key: 'substance', label: '对方酗酒或吸毒', weight: 1, grave: false },
] as const
export type RiskFactor = (typeof riskFactors)[number]['key']
export const riskFactorKeys = riskFactors.map((f) => f.key) as unknown as readonly [RiskFactor, ...RiskFactor[]]
/** score ≥ RED_SCORE, or a grave factor with any other, is red; ≥ ORANGE_SCORE orange; the rest yellow */
export const RED_SCORE = 10
export const ORANGE_SCORE = 5
export const RED_ACTION_HOURS = 24

/** The scoring rule, shared so the intake page shows the colour before it is sent; the server decides. */
export function scoreRisk(answers: readonly RiskFactor[]): { score: number; level: RiskLevel; reasons: string[] } {
  const picked = riskFactors.filter((f) => answers.includes(f.key))
  const score = picked.reduce((s, f) => s + f.weight, 0)
  const grave = picked.filter((f) => f.grave)
  const reasons: string[] = picked.map((f) => f.label)
  let level: RiskLevel = 'yellow'
  if (score >= RED_SCORE) {
    level = 'red'
    reasons.push(`合计 ${score} 分，达到红色（≥ ${RED_SCORE} 分）`)
  } else if (grave.length && picked.length >= 2) {
    level = 'red'
    reasons.push(`「${grave[0].label}」并有其他危险因素，直接列为红色`)
  } else if (score >= ORANGE_SCORE) {
    level = 'orange'
    reasons.push(`合计 ${score} 分，达到橙色（≥ ${ORANGE_SCORE} 分）`)
  } else {
    reasons.push(picked.length ? `合计 ${score} 分，黄色` : '未发现所列危险因素，黄色')
  }
  return { score, level, reasons }
}

export const partnerKinds = ['police', 'court', 'procuratorate', 'civil', 'justice', 'school', 'hospital'] as const
export type PartnerKind = (typeof partnerKinds)[number]
export const partnerKindLabels: Record<PartnerKind, string> = { police: '公安', court: '法院', procuratorate: '检察院', civil: '民政', justice: '司法所', school: '学校', hospital: '医院' }

export const referralStates = ['sent', 'accepted', 'returned', 'done'] as const
export type ReferralState = (typeof referralStates)[number]
export const referralStateLabels: Record<ReferralState, string> = { sent: '待签收', accepted: '已签收', returned: '已退回', done: '已反馈' }

/** The personal fields a case holds; each leaves masked, and only someone whose part needs it may reveal it. */
export const caseFields = ['subject.name', 'subject.phone', 'subject.idNumber', 'subject.address', 'subject.whereabouts', 'other.name', 'child.name'] as const
export type CaseField = (typeof caseFields)[number]
export const caseFieldLabels: Record<CaseField, string> = {
  'subject.name': '求助人姓名',
  'subject.phone': '求助人电话',
  'subject.idNumber': '求助人身份证号',
  'subject.address': '求助人住址',
  'subject.whereabouts': '求助人当前去向',
  'other.name': '对方姓名',
  'child.name': '未成年人姓名',
}

/** One personal field as the caller may see it: masked, and whether they may ask to reveal it. */
export const maskedFieldSchema = v.object({ field: v.picklist(caseFields), label: v.string(), masked: v.string(), revealable: v.boolean() })
export type MaskedField = v.InferOutput<typeof maskedFieldSchema>

export const referralSchema = v.object({
  id: v.string(),
  unitId: v.string(),
  unitName: v.string(),
  kind: v.picklist(partnerKinds),
  task: v.string(),
  state: v.picklist(referralStates),
  sentAt: v.string(),
  acceptBy: v.string(),
  /** the deadline to accept passed while it waited */
  overdue: v.boolean(),
  escalated: v.boolean(),
  answeredAt: v.nullable(v.string()),
  answeredBy: v.nullable(v.string()),
  returnReason: v.nullable(v.string()),
  report: v.nullable(v.string()),
  /** what the caller may do with this referral now */
  actions: v.array(availableActionSchema),
})
export type Referral = v.InferOutput<typeof referralSchema>

export const caseSummarySchema = v.object({
  id: v.string(),
  number: v.string(),
  category: v.picklist(caseCategories),
  channel: v.picklist(caseChannels),
  streetName: v.string(),
  status: v.picklist(caseStatuses),
  risk: v.nullable(v.picklist(riskLevels)),
  minor: v.boolean(),
  /** red and not yet acted on: the deadline of the 24-hour clock */
  redDueAt: v.nullable(v.string()),
  subjectName: v.string(),
  ownerName: v.nullable(v.string()),
  openReferrals: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
})
export type CaseSummary = v.InferOutput<typeof caseSummarySchema>

export const caseViews = ['federation', 'partner', 'helper', 'reporter'] as const
export type CaseView = (typeof caseViews)[number]

export const caseDetailSchema = v.object({
  ...caseSummarySchema.entries,
  /** what part of the case the caller plays, which decides what they are shown */
  view: v.picklist(caseViews),
  summary: v.string(),
  riskScore: v.nullable(v.number()),
  riskReasons: v.array(v.string()),
  riskAnswers: v.array(v.picklist(riskFactorKeys)),
  assessedAt: v.nullable(v.string()),
  redActedAt: v.nullable(v.string()),
  redEscalated: v.boolean(),
  /** red: what to do now, in the words of the 反家庭暴力法 */
  redGuidance: v.array(v.string()),
  fields: v.array(maskedFieldSchema),
  safeContact: v.nullable(safeContactSchema),
  ownerId: v.nullable(v.string()),
  helpers: v.array(v.object({ userId: v.string(), name: v.string(), roleLabel: v.string(), task: v.string() })),
  referrals: v.array(referralSchema),
  result: v.nullable(v.string()),
  outcome: v.nullable(v.picklist(caseOutcomes)),
  /** the 执委's photo from the scene, for the federation and the reporter */
  photo: v.nullable(v.object({ id: v.string(), name: v.string(), size: v.number(), mime: v.string() })),
  followUp: v.nullable(v.object({ satisfaction: v.number(), note: v.nullable(v.string()), nextAt: v.nullable(v.string()) })),
  version: v.number(),
  availableActions: v.array(availableActionSchema),
  timeline: v.array(timelineEntrySchema),
})
export type CaseDetail = v.InferOutput<typeof caseDetailSchema>

export const caseActions = ['accept', 'decline', 'start', 'safety_action', 'assign_helper', 'note', 'supervise', 'close', 'approve', 'reopen', 'follow_up', 'archive', 'grant_access'] as const
export type CaseAction = (typeof caseActions)[number]

const streetNames = ['新安街道', '西乡街道', '航城街道', '福永街道', '福海街道', '沙井街道', '新桥街道', '松岗街道', '燕罗街道', '石岩街道'] as const
export const caseStreets = streetNames

export const partyInput = v.object({
  name: text('姓名', 20),
  phone: v.optional(v.pipe(v.string('「电话」格式不对'), v.maxLength(20, '「电话」格式不对'), v.regex(/^1[3-9]\d{9}$/, '「电话」请填写 11 位手机号'), v.title('电话'))),
  idNumber: v.optional(v.pipe(v.string('「身份证号」格式不对'), v.maxLength(18, '「身份证号」格式不对'), v.regex(/^\d{17}[\dX]$/, '「身份证号」请填写 18 位'), v.title('身份证号'))),
  address: optionalText('住址', 100),
  whereabouts: optionalText('当前去向', 60),
})

const caseId = v.object({ id: id('案件编号') })

/** 维权案例库: a finished case, anonymised by the server, reviewed before staff can learn from it */
export const libraryStates = ['pending', 'published', 'refused'] as const
export type LibraryState = (typeof libraryStates)[number]
export const libraryStateLabels: Record<LibraryState, string> = { pending: '待审核', published: '已发布', refused: '未通过' }

export const libraryDraftSchema = v.object({
  title: v.string(),
  story: v.string(),
  outcome: v.nullable(v.picklist(caseOutcomes)),
  /** the year only: the day, the street and the people are gone */
  period: v.string(),
})
export type LibraryDraft = v.InferOutput<typeof libraryDraftSchema>

export const libraryEntrySchema = v.object({
  id: v.string(),
  category: v.picklist(caseCategories),
  outcome: v.picklist(caseOutcomes),
  risk: v.nullable(v.picklist(riskLevels)),
  minor: v.boolean(),
  partnerKinds: v.array(v.picklist(partnerKinds)),
  period: v.string(),
  title: v.string(),
  story: v.string(),
  lesson: v.string(),
  state: v.picklist(libraryStates),
  /** only the submitter and the reviewers see who sent it and from which case; a published entry names neither */
  caseId: v.nullable(v.string()),
  submittedBy: v.nullable(v.string()),
  submittedAt: v.string(),
  reviewedBy: v.nullable(v.string()),
  reviewNote: v.nullable(v.string()),
  version: v.number(),
  availableActions: v.array(availableActionSchema),
})
export type LibraryEntry = v.InferOutput<typeof libraryEntrySchema>
const libraryId = v.object({ entryId: id('案例编号') })
const libraryText = {
  title: text('标题', 40, 4),
  story: text('案情与办理经过', 2000, 20),
  lesson: text('办案启示', 500, 5),
}

export const casesRoutes = {
  list: route({
    method: 'GET',
    path: '/cases',
    summary: '案件列表：只列调用者按其职责可见的案件；姓名脱敏',
    access: 'staff',
    query: v.object({
      box: v.optional(oneOf('范围', ['todo', 'all', 'red'] as const)),
      status: v.optional(oneOf('状态', caseStatuses)),
      risk: v.optional(oneOf('风险', riskLevels)),
      ...cursorQuery,
    }),
    response: page(caseSummarySchema),
    errors: [],
  }),
  partners: route({
    method: 'GET',
    path: '/cases/partners',
    summary: '可联动的单位（公安、法院、民政、司法所、学校、医院）及其联络员',
    access: ['federation_staff'],
    response: v.object({ units: v.array(v.object({ id: v.string(), name: v.string(), kind: v.picklist(partnerKinds), liaisons: v.array(v.string()) })) }),
    errors: ['FORBIDDEN'],
  }),
  create: route({
    method: 'POST',
    path: '/cases',
    summary: '登记案件：热线、来访（妇联工作人员），执委/网格上报（最少字段）；危险性评估同时提交',
    access: ['federation_staff', 'federation_exec'],
    body: v.object({
      channel: oneOf('来源', ['hotline', 'walk_in', 'exec_report'] as const),
      category: oneOf('类别', caseCategories),
      streetName: oneOf('街道', streetNames),
      summary: text('情况简述', 500, 5),
      subject: partyInput,
      otherName: optionalText('对方姓名', 20),
      childName: optionalText('未成年人姓名', 20),
      minor: v.boolean('「涉及未成年人」格式不对'),
      safeContact: safeContactInput,
      riskAnswers: v.pipe(v.array(v.picklist(riskFactorKeys, '「危险因素」的取值不对')), v.maxLength(riskFactorKeys.length, '「危险因素」的取值不对')),
      photoId: v.optional(id('照片')),
    }),
    response: caseDetailSchema,
    errors: ['FORBIDDEN'],
  }),
  get: route({
    method: 'GET',
    path: '/cases/:id',
    summary: '一屏全办：风险与 24 小时时钟、当事人（脱敏）、联动单位进展、办理过程、可执行操作；每次查看留痕',
    access: 'staff',
    params: caseId,
    response: caseDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  act: route({
    method: 'POST',
    path: '/cases/:id/actions',
    summary: '受理、不予受理、开始办理、已采取保护措施、指派协助人、记录进展、督办、办结、核准、退回重办、回访、归档、批准知悉',
    access: 'staff',
    params: caseId,
    body: v.object({
      action: oneOf('操作', caseActions),
      version,
      opinion: optionalText('意见', 500),
      toUserId: v.optional(id('人员')),
      satisfaction: v.optional(int('满意度', 1, 5)),
      nextAt: v.optional(isoTime('下次回访时间')),
      outcome: v.optional(oneOf('办理结果类别', caseOutcomes)),
    }),
    response: caseDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  assess: route({
    method: 'POST',
    path: '/cases/:id/risk',
    summary: '危险性评估：勾选危险因素，服务端计分定级；红色即通知妇联负责人和街道公安联络员，24 小时内须处置',
    access: ['federation_staff'],
    params: caseId,
    body: v.object({ version, answers: v.pipe(v.array(v.picklist(riskFactorKeys, '「危险因素」的取值不对')), v.maxLength(riskFactorKeys.length, '「危险因素」的取值不对')) }),
    response: caseDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  refer: route({
    method: 'POST',
    path: '/cases/:id/referrals',
    summary: '联动转办：一次发给一个或多个联动单位，每个写明请其做什么和签收时限；首接单位仍负责到底',
    access: ['federation_staff'],
    params: caseId,
    body: v.object({
      version,
      items: v.pipe(
        v.array(v.object({ unitId: id('联动单位'), task: text('请对方做什么', 200, 2), acceptHours: int('签收时限（小时）', 1, 72) }), '「联动单位」格式不对'),
        v.minLength(1, '请至少选择一个联动单位'),
        v.maxLength(6, '一次最多转给 6 个单位'),
      ),
    }),
    response: caseDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  answerReferral: route({
    method: 'POST',
    path: '/cases/:id/referrals/:referralId',
    summary: '联动单位答复：签收、退回（须说明理由）、反馈办理情况',
    access: ['partner_liaison'],
    params: v.object({ id: id('案件编号'), referralId: id('转办编号') }),
    body: v.object({ action: oneOf('操作', ['accept', 'return', 'report'] as const), version, note: optionalText('说明', 500) }),
    response: caseDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  reveal: route({
    method: 'POST',
    path: '/cases/:id/reveal',
    summary: '查看完整信息：须说明事由，记入审计，几分钟后自动隐藏；只限其职责需要的字段',
    access: 'staff',
    params: caseId,
    body: v.object({ field: oneOf('字段', caseFields), reason: text('查看事由', 100, 4) }),
    response: v.object({ field: v.picklist(caseFields), value: v.string(), hideAt: v.string() }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
  contact: route({
    method: 'POST',
    path: '/cases/:id/contacts',
    summary: '记录一次联系：不符合求助人选择的安全联系方式或时间即拒绝',
    access: 'staff',
    params: caseId,
    body: v.object({ channel: oneOf('联系方式', contactChannels), note: text('联系情况', 300) }),
    response: caseDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  stats: route({
    method: 'GET',
    path: '/cases/stats',
    summary: '统计：按类别、街道、来源、风险、状态、办理结果，以及各联动单位的签收时长（不到个人）',
    access: ['federation_staff', 'wcw_member', 'leader'],
    response: v.object({
      total: v.number(),
      byCategory: v.array(v.object({ key: v.string(), label: v.string(), count: v.number() })),
      byStreet: v.array(v.object({ key: v.string(), label: v.string(), count: v.number() })),
      byChannel: v.array(v.object({ key: v.string(), label: v.string(), count: v.number() })),
      byRisk: v.array(v.object({ key: v.string(), label: v.string(), count: v.number() })),
      byStatus: v.array(v.object({ key: v.string(), label: v.string(), count: v.number() })),
      /** closed cases by what they came to */
      byOutcome: v.array(v.object({ key: v.string(), label: v.string(), count: v.number() })),
      partners: v.array(v.object({ unitName: v.string(), referrals: v.number(), accepted: v.number(), returned: v.number(), overdue: v.number(), medianHoursToAccept: v.nullable(v.number()) })),
    }),
    errors: ['FORBIDDEN'],
  }),
  libraryDraft: route({
    method: 'GET',
    path: '/cases/:id/library-draft',
    summary: '案例库草稿：服务端把已核准的案件匿名化（姓名、地点、日期概括），供首接负责人修改后提交审核',
    access: ['federation_staff'],
    params: caseId,
    response: libraryDraftSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  librarySubmit: route({
    method: 'POST',
    path: '/cases/:id/library',
    summary: '提交入库：提交的文字服务端再匿名化一次，区妇联审核通过后才对工作人员发布',
    access: ['federation_staff'],
    params: caseId,
    body: v.object({ ...libraryText, outcome: oneOf('办理结果类别', caseOutcomes) }),
    response: libraryEntrySchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  library: route({
    method: 'GET',
    path: '/cases/library',
    summary: '维权案例库：已发布的案例按类别、办理结果、关键词检索；review 列出待我审核和我提交的',
    access: ['federation_staff'],
    query: v.object({
      box: v.optional(oneOf('范围', ['published', 'review'] as const)),
      category: v.optional(oneOf('类别', caseCategories)),
      outcome: v.optional(oneOf('办理结果类别', caseOutcomes)),
      q: v.optional(optionalText('关键词', 20)),
      ...cursorQuery,
    }),
    response: page(libraryEntrySchema),
    errors: ['FORBIDDEN'],
  }),
  libraryGet: route({
    method: 'GET',
    path: '/cases/library/:entryId',
    summary: '一个案例：已发布的对妇联工作人员可见；待审核、未通过的只对提交人和审核人可见',
    access: ['federation_staff'],
    params: libraryId,
    response: libraryEntrySchema,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
  libraryReview: route({
    method: 'POST',
    path: '/cases/library/:entryId/review',
    summary: '审核入库：区妇联审核人（不是提交人）通过即发布，不通过须说明理由；提交人可按理由修改后重新提交',
    access: ['federation_staff'],
    params: libraryId,
    body: v.object({ action: oneOf('操作', ['approve', 'refuse', 'resubmit'] as const), version, note: optionalText('审核意见', 300), ...v.partial(v.object(libraryText)).entries }),
    response: libraryEntrySchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
}
