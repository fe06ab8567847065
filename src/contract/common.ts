import * as v from 'valibot'

export const roles = [
  'clerk',
  'dept_head',
  'leader',
  'supervisor',
  'handler',
  'office_manager',
  'federation_staff',
  'federation_exec',
  'wcw_member',
  'counsellor',
  'youth_league',
  'youth_social_worker',
  'partner_liaison',
  'mediator',
  'dispatcher',
  'auditor',
  'resident',
] as const
export type Role = (typeof roles)[number]

export const roleLabels: Record<Role, string> = {
  clerk: '文书',
  dept_head: '处室负责人',
  leader: '区领导',
  supervisor: '督查员',
  handler: '承办人',
  office_manager: '机关事务管理员',
  federation_staff: '妇联工作人员',
  federation_exec: '妇联执委',
  wcw_member: '妇儿工委成员',
  counsellor: '心理咨询师',
  youth_league: '团干',
  youth_social_worker: '青少年事务社工',
  partner_liaison: '联动单位联络员',
  mediator: '调解员',
  dispatcher: '调解分拨员',
  auditor: '审计/纪检',
  resident: '群众',
}

export const staffRoles = roles.filter((r) => r !== 'resident') as Exclude<Role, 'resident'>[]

export const userSchema = v.object({
  id: v.string(),
  kind: v.picklist(['staff', 'resident']),
  name: v.string(),
  /** masked unless the caller has a stated need (see directory contact) */
  phone: v.string(),
  roles: v.array(v.picklist(roles)),
  deptId: v.nullable(v.string()),
  deptName: v.nullable(v.string()),
  position: v.nullable(v.string()),
  streetName: v.nullable(v.string()),
})
export type User = v.InferOutput<typeof userSchema>

/** The modules of PRODUCT.md, plus 'notice' (工作通知阅办), which the foundation itself carries. */
export const modules = ['notice', 'documents', 'supervision', 'cases', 'mediation', 'requests'] as const
export type ModuleName = (typeof modules)[number]
export const moduleLabels: Record<ModuleName, string> = {
  notice: '工作通知',
  documents: '公文流转',
  supervision: '督查督办',
  cases: '妇联案件',
  mediation: '调解预约',
  requests: '零跑动',
}

export const workTags = ['todo', 'circulate', 'urge', 'overdue', 'returned'] as const
export type WorkTag = (typeof workTags)[number]
export const workTagLabels: Record<WorkTag, string> = {
  todo: '待办',
  circulate: '传阅',
  urge: '催办',
  overdue: '逾期',
  returned: '退回',
}

export const urgencies = ['normal', 'urgent', 'very_urgent'] as const
export type Urgency = (typeof urgencies)[number]
export const urgencyLabels: Record<Urgency, string> = { normal: '平件', urgent: '加急', very_urgent: '特急' }

/** The generic record behind the unified inbox. Modules create and close these. */
export const workItemSchema = v.object({
  id: v.string(),
  module: v.picklist(modules),
  objectType: v.string(),
  objectId: v.string(),
  title: v.string(),
  summary: v.string(),
  /** the step this item stands for, in the users' words (核稿, 会签, 阅知 …) */
  step: v.string(),
  tags: v.array(v.picklist(workTags)),
  urgency: v.picklist(urgencies),
  status: v.picklist(['open', 'done']),
  /** assignee: must act (待办/已办); cc: for information (抄送我的); initiator: follows what they started (我发起的) */
  audience: v.picklist(['assignee', 'cc', 'initiator']),
  version: v.number(),
  assigneeId: v.string(),
  assigneeName: v.string(),
  initiatorId: v.string(),
  initiatorName: v.string(),
  deadline: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  doneAt: v.nullable(v.string()),
  /** where tapping lands: a page path with its query, inside the module's subpackage */
  link: v.string(),
})
export type WorkItem = v.InferOutput<typeof workItemSchema>

export const timelineEntrySchema = v.object({
  at: v.string(),
  actorName: v.string(),
  action: v.string(),
  note: v.nullable(v.string()),
})
export type TimelineEntry = v.InferOutput<typeof timelineEntrySchema>

/** An action the server says this user may take now; pages render buttons from these only. */
export const availableActionSchema = v.object({
  key: v.string(),
  label: v.string(),
  /** 'required' asks the ActionBar to collect an opinion or reason before sending */
  opinion: v.picklist(['none', 'optional', 'required']),
  opinionLabel: v.nullable(v.string()),
  style: v.picklist(['primary', 'default', 'danger']),
})
export type AvailableAction = v.InferOutput<typeof availableActionSchema>

/** Shared by every module that signs (签发, 批办, 调解协议…). */
/** A handwritten signature as a PNG data URL, drawn on a canvas; the server keeps it as an image file. */
export const MAX_SIGNATURE_CHARS = 200_000
export const signatureInput = v.pipe(
  v.string('「手写签名」格式不对'),
  v.maxLength(MAX_SIGNATURE_CHARS, '「手写签名」太大，请清除后重新签'),
  v.regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, '「手写签名」格式不对，请清除后重新签'),
  v.title('手写签名'),
)
