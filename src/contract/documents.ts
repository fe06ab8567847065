import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, isoTime, oneOf, optionalText, page, text, version } from './schema'
import { availableActionSchema, timelineEntrySchema, urgencies, signatureInput } from './common'

/**
 * 公文流转, after 《党政机关公文处理工作条例》 and GB/T 9704.
 *
 * 发文 (outgoing): 拟稿 → 核稿 → 会签 (parallel; all must sign) → 签发 → 编号用印 → 分发 → 办结.
 * 收文 (incoming): 签收 → 登记 → 初审 (may 退文 to the sender) → 拟办 → 批办 → 承办 (主办 + 协办) → 办结.
 * The server holds the flow; pages render `availableActions` and the `approveNeeds` of the approve action.
 */

export const documentKinds = ['outgoing', 'incoming'] as const
export type DocumentKind = (typeof documentKinds)[number]
export const documentKindLabels: Record<DocumentKind, string> = { outgoing: '发文', incoming: '收文' }

export const docTypes = ['通知', '请示', '报告', '函', '纪要', '意见', '批复'] as const
export type DocType = (typeof docTypes)[number]

/** 密级. A person's clearance (none / confidential / secret) lets them read up to its level. */
export const secrecyLevels = ['none', 'confidential', 'secret'] as const
export type Secrecy = (typeof secrecyLevels)[number]
export const secrecyLabels: Record<Secrecy, string> = { none: '非密', confidential: '秘密', secret: '机密' }

export const outgoingStages = ['draft', 'review', 'countersign', 'sign', 'number', 'distribute'] as const
export const incomingStages = ['receive', 'register', 'check', 'propose', 'instruct', 'handle'] as const
export const documentStages = [...outgoingStages, ...incomingStages, 'done'] as const
export type DocumentStage = (typeof documentStages)[number]
export const stageLabels: Record<DocumentStage, string> = {
  draft: '拟稿',
  review: '核稿',
  countersign: '会签',
  sign: '签发',
  number: '编号用印',
  distribute: '分发',
  receive: '签收',
  register: '登记',
  check: '初审',
  propose: '拟办',
  instruct: '批办',
  handle: '承办',
  done: '办结',
}

/** returned: back with the drafter after 退回; sent_back: 退文, the incoming document went back to its sender. */
export const documentStatuses = ['draft', 'in_progress', 'returned', 'done', 'sent_back'] as const
export type DocumentStatus = (typeof documentStatuses)[number]
export const documentStatusLabels: Record<DocumentStatus, string> = {
  draft: '草稿',
  in_progress: '流转中',
  returned: '退回修改',
  done: '已办结',
  sent_back: '已退文',
}

export const circulationReaderStatuses = ['unread', 'read', 'opinion'] as const
export const circulationReaderLabels = { unread: '未读', read: '已读', opinion: '已签意见' } as const

/** What the approve action also asks for at this step: a handwritten signature (签发, 批办), whom to 批办, who 主办. */
export const approveNeeds = ['signature', 'leader', 'departments'] as const
export type ApproveNeed = (typeof approveNeeds)[number]

export const documentActions = ['submit', 'approve', 'return', 'send_back', 'withdraw', 'add_signer', 'transfer', 'urge', 'comment', 'circulate_opinion'] as const
export type DocumentAction = (typeof documentActions)[number]

const idList = (label: string, max: number, min = 0) =>
  v.pipe(
    v.array(id(label), `「${label}」格式不对`),
    v.minLength(min, `请选择「${label}」`),
    v.maxLength(max, `「${label}」最多选 ${max} 个`),
    v.title(label),
  )

/** 正文 length and 附件 count a draft may have: the form shows the same limits. */
export const MAX_BODY_CHARS = 20000
export const MAX_ATTACHMENTS = 10

export const draftInput = v.object({
  docType: oneOf('文种', docTypes),
  title: text('标题', 100, 4),
  secrecy: oneOf('密级', secrecyLevels),
  urgency: oneOf('紧急程度', urgencies),
  /** required for 加急/特急; the BFF proposes one from the working-day calendar when left out */
  deadline: v.optional(isoTime('办理时限')),
  mainToDeptIds: idList('主送', 20, 1),
  ccDeptIds: idList('抄送', 20),
  countersignDeptIds: idList('会签单位', 10),
  signerId: id('签发人'),
  body: text('正文', MAX_BODY_CHARS, 10),
  attachmentIds: idList('附件', MAX_ATTACHMENTS),
})
export type DraftInput = v.InferInput<typeof draftInput>

const person = v.object({ id: v.string(), name: v.string(), deptName: v.string(), position: v.string() })

export const documentSummarySchema = v.object({
  id: v.string(),
  kind: v.picklist(documentKinds),
  docType: v.picklist(docTypes),
  title: v.string(),
  /** 发文字号 once numbered; the sender's 文号 for incoming */
  docNumber: v.nullable(v.string()),
  secrecy: v.picklist(secrecyLevels),
  urgency: v.picklist(urgencies),
  status: v.picklist(documentStatuses),
  stage: v.picklist(documentStages),
  /** where it is, in the users' words: 会签中（2/3）, 已办结 … */
  stageText: v.string(),
  /** the drafting office (outgoing) or the sending unit (incoming) */
  fromName: v.string(),
  updatedAt: v.string(),
  deadline: v.nullable(v.string()),
  overdue: v.boolean(),
})
export type DocumentSummary = v.InferOutput<typeof documentSummarySchema>

export const holderStates = ['open', 'done', 'cancelled'] as const

const documentLinkSchema = v.object({ key: v.string(), label: v.string(), url: v.string() })
export type DocumentLink = v.InferOutput<typeof documentLinkSchema>

export const documentDetailSchema = v.object({
  ...documentSummarySchema.entries,
  /** 收文编号, assigned at 登记 */
  receiveNumber: v.nullable(v.string()),
  officeName: v.string(),
  drafter: v.nullable(person),
  /** 来文单位 */
  fromUnit: v.nullable(v.string()),
  mainTo: v.array(v.string()),
  cc: v.array(v.string()),
  /** 签发人: the leader chosen to sign (outgoing) */
  signer: v.nullable(person),
  body: v.string(),
  attachments: v.array(v.object({ id: v.string(), name: v.string(), size: v.number(), mime: v.string() })),
  /** the flow at a glance: every step with its holders */
  steps: v.array(
    v.object({
      stage: v.picklist(documentStages),
      label: v.string(),
      state: v.picklist(['done', 'current', 'waiting', 'skipped']),
      holders: v.array(v.object({ name: v.string(), deptName: v.string(), role: v.picklist(['main', 'assist', 'countersign', 'single']), state: v.picklist(holderStates) })),
    }),
  ),
  /** ordered by the signer's rank, then time */
  opinions: v.array(
    v.object({
      stageLabel: v.string(),
      name: v.string(),
      position: v.string(),
      deptName: v.string(),
      text: v.string(),
      /** PNG data URL of the handwritten signature (签发, 批办) */
      signature: v.nullable(v.string()),
      at: v.string(),
    }),
  ),
  circulations: v.array(
    v.object({
      id: v.string(),
      senderName: v.string(),
      purpose: v.string(),
      at: v.string(),
      /** the sender sees every reader; a reader sees only their own line */
      readers: v.array(
        v.object({
          userId: v.string(),
          name: v.string(),
          deptName: v.string(),
          status: v.picklist(circulationReaderStatuses),
          readAt: v.nullable(v.string()),
          opinion: v.nullable(v.string()),
          urgedAt: v.nullable(v.string()),
        }),
      ),
      /** the caller sent it and someone has not read it, and the last 催阅 was over an hour ago */
      canRemind: v.boolean(),
    }),
  ),
  /** where a 退回 may send it, earliest first */
  returnTargets: v.array(v.object({ stage: v.picklist(documentStages), label: v.string() })),
  approveNeeds: v.array(v.picklist(approveNeeds)),
  /** may this person start a 传阅 */
  canCirculate: v.boolean(),
  /** what other modules offer on this document for this person (e.g. 转督办), as the page to open */
  links: v.array(documentLinkSchema),
  /** draft fields for editing (drafter, while draft or returned) */
  draft: v.nullable(
    v.object({
      mainToDeptIds: v.array(v.string()),
      ccDeptIds: v.array(v.string()),
      countersignDeptIds: v.array(v.string()),
      signerId: v.string(),
    }),
  ),
  version: v.number(),
  availableActions: v.array(availableActionSchema),
  timeline: v.array(timelineEntrySchema),
})
export type DocumentDetail = v.InferOutput<typeof documentDetailSchema>

export const documentBoxes = ['todo', 'done', 'drafted', 'circulated'] as const
export type DocumentBox = (typeof documentBoxes)[number]
export const documentBoxLabels: Record<DocumentBox, string> = { todo: '待办', done: '已办', drafted: '我起草的', circulated: '传阅给我的' }

const docId = v.object({ id: id('公文编号') })
const day = (label: string) => v.optional(v.pipe(v.string(`「${label}」格式不对`), v.maxLength(10, `「${label}」格式不对`), v.isoDate(`「${label}」格式不对`), v.title(label)))

export const MAX_PHRASES = 20
export const MAX_PHRASE_CHARS = 100

export const documentRoutes = {
  list: route({
    method: 'GET',
    path: '/documents',
    summary: '公文列表：待办、已办、我起草的、传阅给我的；按标题或文号搜索，按类型、紧急程度、日期筛选',
    access: 'staff',
    query: v.object({
      box: oneOf('列表', documentBoxes),
      q: v.optional(v.pipe(v.string('「搜索」格式不对'), v.trim(), v.maxLength(50, '「搜索」不能超过 50 个字'), v.title('搜索'))),
      kind: v.optional(oneOf('类型', documentKinds)),
      docType: v.optional(oneOf('文种', docTypes)),
      urgency: v.optional(oneOf('紧急程度', urgencies)),
      from: day('开始日期'),
      to: day('结束日期'),
      ...cursorQuery,
    }),
    response: page(documentSummarySchema),
    errors: [],
  }),
  options: route({
    method: 'GET',
    path: '/documents/options',
    summary: '拟稿可选项：签发领导、主送/抄送/会签单位',
    access: 'staff',
    response: v.object({
      leaders: v.array(person),
      departments: v.array(v.object({ id: v.string(), name: v.string() })),
    }),
    errors: [],
  }),
  create: route({
    method: 'POST',
    path: '/documents',
    summary: '拟稿：保存发文草稿（送审用 submit 操作）',
    access: ['clerk', 'handler', 'dept_head'],
    body: draftInput,
    response: documentDetailSchema,
    errors: ['FORBIDDEN'],
  }),
  update: route({
    method: 'PUT',
    path: '/documents/:id',
    summary: '修改草稿或被退回的稿件（仅拟稿人）',
    access: 'staff',
    params: docId,
    body: v.object({ ...draftInput.entries, version }),
    response: documentDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  get: route({
    method: 'GET',
    path: '/documents/:id',
    summary: '公文详情：要素、正文、附件、流程、意见（按职级和时间）、传阅情况、可执行操作；查看密级公文留痕',
    access: 'staff',
    params: docId,
    response: documentDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  act: route({
    method: 'POST',
    path: '/documents/:id/actions',
    summary: '办理：送审、同意（签发/批办须手写签名）、退回到选定环节、退文、撤回、加签、转办、催办、评论、签署阅文意见',
    access: 'staff',
    params: docId,
    body: v.object({
      action: oneOf('操作', documentActions),
      version,
      opinion: optionalText('意见', 500),
      signature: v.optional(signatureInput),
      /** 退回 to this step */
      toStage: v.optional(oneOf('退回环节', documentStages)),
      /** 加签、转办 to this person; 拟办 proposes this leader to 批办 */
      toUserId: v.optional(id('人员')),
      /** 批办: 主办 and 协办 departments */
      mainDeptId: v.optional(id('主办单位')),
      assistDeptIds: v.optional(idList('协办单位', 5)),
    }),
    response: documentDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  circulate: route({
    method: 'POST',
    path: '/documents/:id/circulations',
    summary: '传阅：发给若干人阅知，须写明传阅目的',
    access: 'staff',
    params: docId,
    body: v.object({ version, readerIds: idList('传阅人', 50, 1), purpose: text('传阅目的', 200, 2) }),
    response: documentDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  read: route({
    method: 'POST',
    path: '/documents/:id/read',
    summary: '传阅人打开公文即为已读（已读回执）；再次调用不重复记录',
    access: 'staff',
    params: docId,
    response: documentDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  remind: route({
    method: 'POST',
    path: '/documents/:id/circulations/:circulationId/remind',
    summary: '催阅：提醒尚未阅读的传阅人（每小时至多一次）',
    access: 'staff',
    params: v.object({ id: id('公文编号'), circulationId: id('传阅编号') }),
    body: v.object({ version }),
    response: documentDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  phrases: route({
    method: 'GET',
    path: '/documents/phrases',
    summary: '我的常用意见',
    access: 'staff',
    response: v.object({ phrases: v.array(v.string()) }),
    errors: [],
  }),
  savePhrases: route({
    method: 'PUT',
    path: '/documents/phrases',
    summary: '保存我的常用意见（至多 20 条，每条至多 100 字）',
    access: 'staff',
    body: v.object({
      phrases: v.pipe(v.array(text('常用意见', MAX_PHRASE_CHARS), '「常用意见」格式不对'), v.maxLength(MAX_PHRASES, `「常用意见」最多 ${MAX_PHRASES} 条`), v.title('常用意见')),
    }),
    response: v.object({ phrases: v.array(v.string()) }),
    errors: [],
  }),
}
