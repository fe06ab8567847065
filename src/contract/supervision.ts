import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, int, isoTime, oneOf, optionalText, page, text, version } from './schema'
import { availableActionSchema, timelineEntrySchema, urgencies } from './common'

/**
 * 督查督办, after 《政府督查工作条例》 and the 2023 rules against 指尖上的形式主义.
 *
 * 立项 → 审核 (督查室负责人) → 交办 (主办 + 协办, 牵头领导) → 签收 / 退回 (1 个工作日内) → 分解 →
 * 办理 with staged 反馈 → 申请办结 → 复核 (通过 → 办结; 退回 → 办理) → 归档. 延期申请 on the way.
 * The server holds the flow, the lights and the ladder; pages render `availableActions`, `light`
 * and `lightReason` and never work them out themselves.
 */

export const supervisionSources = ['leader_instruction', 'meeting', 'superior', 'npc_cppcc', 'other'] as const
export type SupervisionSource = (typeof supervisionSources)[number]
export const supervisionSourceLabels: Record<SupervisionSource, string> = {
  leader_instruction: '领导批示',
  meeting: '会议决定',
  superior: '上级交办',
  npc_cppcc: '人大建议/政协提案',
  other: '其他',
}

export const supervisionLevels = ['district', 'department'] as const
export type SupervisionLevel = (typeof supervisionLevels)[number]
export const supervisionLevelLabels: Record<SupervisionLevel, string> = { district: '区级', department: '部门级' }

/** 反馈频次: how often the 主办 reports; 节点 only at the milestones (sub-task deadlines) and the end. */
export const feedbackRhythms = ['weekly', 'biweekly', 'monthly', 'milestone'] as const
export type FeedbackRhythm = (typeof feedbackRhythms)[number]
export const feedbackRhythmLabels: Record<FeedbackRhythm, string> = { weekly: '每周', biweekly: '每半月', monthly: '每月', milestone: '节点' }

export const supervisionStatuses = ['review', 'returned', 'to_assign', 'signing', 'in_progress', 'checking', 'done', 'archived'] as const
export type SupervisionStatus = (typeof supervisionStatuses)[number]
export const supervisionStatusLabels: Record<SupervisionStatus, string> = {
  review: '待审核',
  returned: '退回修改',
  to_assign: '待交办',
  signing: '待签收',
  in_progress: '办理中',
  checking: '待复核',
  done: '已办结',
  archived: '已归档',
}

export const lights = ['green', 'yellow', 'red'] as const
export type Light = (typeof lights)[number]
export const lightLabels: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' }

/** The escalation ladder: 提醒 the 联络员 → 催办 the head → 督办单 (blue / yellow / red) to the 牵头领导. */
export const ladderSteps = ['remind', 'urge', 'notice_blue', 'notice_yellow', 'notice_red'] as const
export type LadderStep = (typeof ladderSteps)[number]
export const ladderStepLabels: Record<LadderStep, string> = {
  remind: '提醒',
  urge: '催办',
  notice_blue: '蓝色督办单',
  notice_yellow: '黄色督办单',
  notice_red: '红色督办单',
}

export const supervisionActions = [
  'submit',
  'approve',
  'reject',
  'assign',
  'sign',
  'decline',
  'add_subtask',
  'finish_subtask',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'request_finish',
  'pass',
  'refuse',
  'archive',
  'escalate',
] as const
export type SupervisionAction = (typeof supervisionActions)[number]

export const evidenceKinds = ['document', 'subtask', 'request'] as const
export type EvidenceKind = (typeof evidenceKinds)[number]
export const evidenceKindLabels: Record<EvidenceKind, string> = { document: '公文办理结果', subtask: '子任务完成', request: '零跑动办结' }

export const MAX_SUBTASKS = 20
export const MAX_ASSIST_DEPTS = 6

const idList = (label: string, max: number, min = 0) =>
  v.pipe(v.array(id(label), `「${label}」格式不对`), v.minLength(min, `请选择「${label}」`), v.maxLength(max, `「${label}」最多选 ${max} 个`), v.title(label))

export const itemInput = v.object({
  title: text('督办事项', 100, 4),
  source: oneOf('来源', supervisionSources),
  basis: text('立项依据', 2000, 4),
  attachmentIds: idList('附件', 10),
  deadline: isoTime('办结时限'),
  level: oneOf('督办级别', supervisionLevels),
  urgency: oneOf('紧急程度', urgencies),
  leaderId: id('牵头领导'),
  mainDeptId: id('主办单位'),
  assistDeptIds: idList('协办单位', MAX_ASSIST_DEPTS),
  rhythm: oneOf('反馈频次', feedbackRhythms),
  /** 转督办: the 公文 whose 批办 this item follows */
  documentId: v.optional(id('来源公文')),
})
export type ItemInput = v.InferInput<typeof itemInput>

const person = v.object({ id: v.string(), name: v.string(), deptName: v.string(), position: v.string() })
const dept = v.object({ id: v.string(), name: v.string() })

export const supervisionSummarySchema = v.object({
  id: v.string(),
  /** 督办编号, e.g. 宝督〔2026〕12号 */
  code: v.string(),
  title: v.string(),
  source: v.picklist(supervisionSources),
  level: v.picklist(supervisionLevels),
  urgency: v.picklist(urgencies),
  status: v.picklist(supervisionStatuses),
  statusText: v.string(),
  mainDeptName: v.nullable(v.string()),
  leaderName: v.string(),
  /** the deadline in force: the approved 延期 when there is one */
  deadline: v.string(),
  /** null while not yet running (待审核, 待交办) and once finished */
  light: v.nullable(v.picklist(lights)),
  lightReason: v.nullable(v.string()),
  progress: v.number(),
  updatedAt: v.string(),
})
export type SupervisionSummary = v.InferOutput<typeof supervisionSummarySchema>

const evidenceSchema = v.object({ kind: v.picklist(evidenceKinds), refId: v.string(), label: v.string(), text: v.string() })
export type Evidence = v.InferOutput<typeof evidenceSchema>

export const supervisionDetailSchema = v.object({
  ...supervisionSummarySchema.entries,
  basis: v.string(),
  attachments: v.array(v.object({ id: v.string(), name: v.string(), size: v.number(), mime: v.string() })),
  originalDeadline: v.string(),
  rhythm: v.picklist(feedbackRhythms),
  creator: person,
  leader: person,
  document: v.nullable(v.object({ id: v.string(), title: v.string(), docNumber: v.nullable(v.string()) })),
  /** every department with its share: 签收, 退回 and why */
  departments: v.array(
    v.object({
      deptId: v.string(),
      name: v.string(),
      role: v.picklist(['main', 'assist']),
      state: v.picklist(['pending', 'signed', 'declined']),
      headName: v.string(),
      liaisonName: v.string(),
      signedAt: v.nullable(v.string()),
      declineReason: v.nullable(v.string()),
    }),
  ),
  /** 分解: who owns which part, and which part waits for which */
  subtasks: v.array(
    v.object({
      id: v.string(),
      title: v.string(),
      ownerName: v.string(),
      deptName: v.string(),
      deadline: v.string(),
      state: v.picklist(['open', 'done']),
      doneAt: v.nullable(v.string()),
      result: v.nullable(v.string()),
      /** the sub-task this one cannot finish before */
      blockedBy: v.nullable(v.string()),
      blockedByTitle: v.nullable(v.string()),
    }),
  ),
  feedbacks: v.array(
    v.object({
      id: v.string(),
      /** 第 N 次反馈 of the 主办; 协办 reports are numbered apart */
      round: v.number(),
      at: v.string(),
      byName: v.string(),
      deptName: v.string(),
      role: v.picklist(['main', 'assist']),
      progress: v.string(),
      difficulty: v.nullable(v.string()),
      nextStep: v.string(),
      percent: v.number(),
      late: v.boolean(),
      evidence: v.array(evidenceSchema),
      attachments: v.array(v.object({ id: v.string(), name: v.string(), size: v.number(), mime: v.string() })),
    }),
  ),
  /** when the next 主办 feedback is due (null when none is scheduled) */
  nextFeedbackDue: v.nullable(v.string()),
  extensions: v.array(
    v.object({
      id: v.string(),
      byName: v.string(),
      at: v.string(),
      from: v.string(),
      to: v.string(),
      reason: v.string(),
      state: v.picklist(['pending_supervisor', 'pending_leader', 'approved', 'refused']),
      stateText: v.string(),
      decisions: v.array(v.object({ name: v.string(), at: v.string(), approved: v.boolean(), note: v.nullable(v.string()) })),
    }),
  ),
  escalations: v.array(v.object({ step: v.picklist(ladderSteps), label: v.string(), at: v.string(), byName: v.string(), toNames: v.array(v.string()), note: v.nullable(v.string()), automatic: v.boolean() })),
  /** what the caller's feedback form may attach with one tap (最多报一次) */
  evidenceOffers: v.array(evidenceSchema),
  /** 分解: who may own a sub-task */
  subtaskOwners: v.array(person),
  /** the ladder's next step for 督办 by hand, when the caller may escalate */
  nextLadderStep: v.nullable(v.picklist(ladderSteps)),
  canFeedback: v.boolean(),
  version: v.number(),
  availableActions: v.array(availableActionSchema),
  timeline: v.array(timelineEntrySchema),
})
export type SupervisionDetail = v.InferOutput<typeof supervisionDetailSchema>

export const supervisionBoxes = ['supervising', 'handling', 'leading'] as const
export type SupervisionBox = (typeof supervisionBoxes)[number]
export const supervisionBoxLabels: Record<SupervisionBox, string> = { supervising: '我督办的', handling: '我承办的', leading: '我牵头的' }

const itemId = v.object({ id: id('督办事项编号') })
const search = v.optional(v.pipe(v.string('「搜索」格式不对'), v.trim(), v.maxLength(50, '「搜索」不能超过 50 个字'), v.title('搜索')))

const countsSchema = v.object({ green: v.number(), yellow: v.number(), red: v.number() })

export const supervisionRoutes = {
  list: route({
    method: 'GET',
    path: '/supervision/items',
    summary: '督办事项列表：我督办的、我承办的、我牵头的；按标题或编号搜索，按灯色、来源、单位、办结时限筛选',
    access: 'staff',
    query: v.object({
      box: oneOf('列表', supervisionBoxes),
      q: search,
      light: v.optional(oneOf('灯色', lights)),
      source: v.optional(oneOf('来源', supervisionSources)),
      deptId: v.optional(id('单位')),
      /** only items due within this many working days */
      dueWithin: v.optional(v.pipe(v.union([v.number(), v.pipe(v.string(), v.maxLength(3), v.regex(/^\d+$/, '「办结时限」应为数字'))], '「办结时限」应为数字'), v.transform(Number), int('办结时限', 0, 250))),
      ...cursorQuery,
    }),
    response: page(supervisionSummarySchema),
    errors: [],
  }),
  options: route({
    method: 'GET',
    path: '/supervision/options',
    summary: '立项可选项：牵头领导、主办/协办单位',
    access: ['supervisor'],
    response: v.object({ leaders: v.array(person), departments: v.array(dept) }),
    errors: ['FORBIDDEN'],
  }),
  documentSources: route({
    method: 'GET',
    path: '/supervision/document-sources',
    summary: '可转督办的公文：本人看得到、已有领导批办的收文',
    access: ['supervisor'],
    response: v.object({ items: v.array(v.object({ id: v.string(), title: v.string(), docNumber: v.nullable(v.string()), instruction: v.string(), leaderName: v.string(), linkedItemId: v.nullable(v.string()) })) }),
    errors: ['FORBIDDEN'],
  }),
  prefill: route({
    method: 'GET',
    path: '/supervision/prefill/:documentId',
    summary: '转督办：按公文的批办意见预填立项（标题、批示、牵头领导、主办协办单位）',
    access: 'staff',
    params: v.object({ documentId: id('来源公文') }),
    response: v.object({
      title: v.string(),
      source: v.picklist(supervisionSources),
      basis: v.string(),
      leaderId: v.string(),
      mainDeptId: v.nullable(v.string()),
      assistDeptIds: v.array(v.string()),
      deadline: v.nullable(v.string()),
      urgency: v.picklist(urgencies),
      documentId: v.string(),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  create: route({
    method: 'POST',
    path: '/supervision/items',
    summary: '立项：督查室开立督办事项，送督查室负责人审核',
    access: ['supervisor'],
    body: itemInput,
    response: supervisionDetailSchema,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  get: route({
    method: 'GET',
    path: '/supervision/items/:id',
    summary: '督办事项详情：依据、单位、子任务、反馈、延期、督办记录、灯色与理由、可执行操作',
    access: 'staff',
    params: itemId,
    response: supervisionDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  act: route({
    method: 'POST',
    path: '/supervision/items/:id/actions',
    summary: '办理：送审、审核、交办、签收、退回、分解、完成子任务、延期申请与审批、申请办结、复核、归档、督办（提醒 → 催办 → 督办单）',
    access: 'staff',
    params: itemId,
    body: v.object({
      action: oneOf('操作', supervisionActions),
      version,
      opinion: optionalText('意见', 500),
      /** 交办 (again, after a 退回) */
      mainDeptId: v.optional(id('主办单位')),
      assistDeptIds: v.optional(idList('协办单位', MAX_ASSIST_DEPTS)),
      /** 分解 */
      subtaskTitle: optionalText('子任务', 100),
      ownerId: v.optional(id('负责人')),
      blockedBy: v.optional(id('前置子任务')),
      /** 分解: the sub-task's deadline; 延期申请: the deadline asked for */
      deadline: v.optional(isoTime('时限')),
      subtaskId: v.optional(id('子任务')),
      extensionId: v.optional(id('延期申请')),
    }),
    response: supervisionDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  feedback: route({
    method: 'POST',
    path: '/supervision/items/:id/feedback',
    summary: '反馈办理进展：进展、困难、下一步、进度，可一键附上系统已有的办理结果作佐证',
    access: 'staff',
    params: itemId,
    body: v.object({
      version,
      progress: text('工作进展', 1000, 4),
      difficulty: optionalText('存在困难', 500),
      nextStep: text('下一步计划', 500, 2),
      percent: int('完成进度', 0, 100),
      evidence: v.pipe(
        v.array(v.object({ kind: oneOf('佐证类型', evidenceKinds), refId: id('佐证') }), '「佐证」格式不对'),
        v.maxLength(10, '「佐证」最多 10 项'),
        v.title('佐证'),
      ),
      attachmentIds: idList('附件', 10),
    }),
    response: supervisionDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  workbench: route({
    method: 'GET',
    path: '/supervision/workbench',
    summary: '移动督查工作台：按灯色、按单位的件数，临近时限的事项，待我处理的事项',
    access: ['supervisor'],
    response: v.object({
      counts: countsSchema,
      byDept: v.array(v.object({ deptId: v.string(), name: v.string(), ...countsSchema.entries })),
      nearDeadline: v.array(supervisionSummarySchema),
      waitingForMe: v.array(supervisionSummarySchema),
    }),
    errors: ['FORBIDDEN'],
  }),
  stats: route({
    method: 'GET',
    path: '/supervision/stats',
    summary: '督查统计：按单位、按来源的件数、按期、逾期、办结、平均逾期工作日（不对个人排名）',
    access: ['supervisor', 'leader'],
    response: v.object({
      byDept: v.array(v.object({ key: v.string(), name: v.string(), total: v.number(), onTime: v.number(), overdue: v.number(), finished: v.number(), avgDelayDays: v.number() })),
      bySource: v.array(v.object({ key: v.string(), name: v.string(), total: v.number(), onTime: v.number(), overdue: v.number(), finished: v.number(), avgDelayDays: v.number() })),
    }),
    errors: ['FORBIDDEN'],
  }),
}
