import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, int, isoTime, oneOf, optionalText, page, version } from './schema'
import { availableActionSchema, timelineEntrySchema } from './common'

/**
 * 零跑动: internal requests from a service catalogue held as data. Adding an item is adding data to
 * the mock's catalogue (a real BFF: to its back office), never writing a page: the form is generated
 * from `fields`, the approval chain from `chain`, the calendar from `resourceType`.
 */

export const fieldTypes = ['text', 'textarea', 'number', 'date', 'select'] as const
export const prefillSources = ['name', 'deptName', 'position', 'phone'] as const
export const resourceTypes = ['room', 'car', 'seal'] as const
export type ResourceType = (typeof resourceTypes)[number]
export const resourceTypeLabels: Record<ResourceType, string> = { room: '会议室', car: '车辆', seal: '印章' }

export const fieldSchema = v.object({
  key: v.string(),
  label: v.string(),
  type: v.picklist(fieldTypes),
  required: v.boolean(),
  placeholder: v.nullable(v.string()),
  /** text: max characters; number: the largest value */
  max: v.nullable(v.number()),
  /** number: the smallest value */
  min: v.nullable(v.number()),
  options: v.nullable(v.array(v.string())),
  /** what the directory already knows (三不提交): filled in and not asked again */
  prefill: v.nullable(v.picklist(prefillSources)),
})
export type FieldDef = v.InferOutput<typeof fieldSchema>

export const chainStepKinds = ['dept_head', 'resource_owner', 'office'] as const

export const catalogueItemSchema = v.object({
  id: v.string(),
  name: v.string(),
  category: v.string(),
  summary: v.string(),
  guide: v.object({
    /** who may apply */
    eligibility: v.string(),
    materials: v.array(v.string()),
    steps: v.array(v.string()),
    /** 承诺时限 */
    promise: v.object({ amount: v.number(), unit: v.picklist(['hour', 'day']), text: v.string() }),
    approvers: v.string(),
  }),
  fields: v.array(fieldSchema),
  resourceType: v.nullable(v.picklist(resourceTypes)),
  /** the approval chain, in the users' words (部门负责人审批 → 印章管理员审批 …) */
  chain: v.array(v.object({ kind: v.picklist(chainStepKinds), label: v.string() })),
  issuesCertificate: v.boolean(),
  /** the seal is used after approval and registered (用印登记) before the request is done */
  confirmAfterUse: v.boolean(),
})
export type CatalogueItem = v.InferOutput<typeof catalogueItemSchema>

export const resourceSchema = v.object({
  id: v.string(),
  type: v.picklist(resourceTypes),
  name: v.string(),
  location: v.string(),
  capacity: v.nullable(v.number()),
  ownerName: v.string(),
  /** taken intervals on the asked day, [start, end), ISO +08:00 */
  busy: v.array(v.object({ start: v.string(), end: v.string(), title: v.string() })),
})
export type Resource = v.InferOutput<typeof resourceSchema>

export const requestStatuses = ['pending', 'returned', 'approved', 'in_use', 'done', 'rejected', 'withdrawn'] as const
export type RequestStatus = (typeof requestStatuses)[number]
export const requestStatusLabels: Record<RequestStatus, string> = {
  pending: '审批中',
  returned: '退回修改',
  approved: '已批准',
  in_use: '待用印登记',
  done: '已办结',
  rejected: '未批准',
  withdrawn: '已撤回',
}

export const fieldValues = v.record(
  v.pipe(v.string(), v.maxLength(40, '「字段」格式不对'), v.regex(/^[a-z][a-zA-Z0-9]*$/, '「字段」格式不对')),
  v.union(
    [v.pipe(v.string('填写的内容格式不对'), v.maxLength(1000, '填写的内容不能超过 1000 个字')), v.pipe(v.number('填写的内容格式不对'), v.minValue(-1e9), v.maxValue(1e9))],
    '填写的内容格式不对',
  ),
  '「表单」格式不对',
)

export const slotInput = v.object({
  resourceId: id('资源'),
  start: isoTime('开始时间'),
  end: isoTime('结束时间'),
})

export const requestDetailSchema = v.object({
  id: v.string(),
  itemId: v.string(),
  itemName: v.string(),
  applicantId: v.string(),
  applicantName: v.string(),
  applicantDeptName: v.string(),
  status: v.picklist(requestStatuses),
  fields: v.array(v.object({ key: v.string(), label: v.string(), value: v.string() })),
  /** raw values, for editing after a return */
  values: v.record(v.string(), v.union([v.string(), v.number()])),
  slot: v.nullable(v.object({ resourceId: v.string(), resourceName: v.string(), start: v.string(), end: v.string() })),
  chain: v.array(
    v.object({
      label: v.string(),
      holderName: v.nullable(v.string()),
      state: v.picklist(['waiting', 'current', 'approved', 'skipped']),
    }),
  ),
  submittedAt: v.string(),
  /** 承诺时限: when the whole request must be finished */
  dueAt: v.string(),
  finishedAt: v.nullable(v.string()),
  overdue: v.boolean(),
  certificate: v.nullable(v.object({ code: v.string(), title: v.string(), body: v.string(), issuedAt: v.string(), issuer: v.string() })),
  rating: v.nullable(v.object({ stars: v.number(), comment: v.nullable(v.string()) })),
  version: v.number(),
  availableActions: v.array(availableActionSchema),
  timeline: v.array(timelineEntrySchema),
})
export type RequestDetail = v.InferOutput<typeof requestDetailSchema>

export const requestActions = ['approve', 'reject', 'return', 'withdraw', 'transfer', 'urge', 'confirm_use', 'rate'] as const
export type RequestAction = (typeof requestActions)[number]

/**
 * 一件事: several items applied for once. A bundle is data as well: its form asks each fact once and
 * every part is an ordinary request of its item, started at once or after the parts it depends on.
 */
export const bundleSchema = v.object({
  id: v.string(),
  name: v.string(),
  category: v.string(),
  summary: v.string(),
  guide: v.object({
    eligibility: v.string(),
    materials: v.array(v.string()),
    steps: v.array(v.string()),
    promise: v.object({ text: v.string() }),
    approvers: v.string(),
  }),
  /** each fact once; a part takes the ones its own item asks for */
  fields: v.array(fieldSchema),
  /** the resources the bundle books, one slot each (会议室和时段, 用车时段) */
  slots: v.array(v.object({ key: v.string(), type: v.picklist(resourceTypes), label: v.string() })),
  parts: v.array(
    v.object({
      key: v.string(),
      itemId: v.string(),
      name: v.string(),
      /** names of the parts that must be done first */
      after: v.array(v.string()),
      approvers: v.string(),
      promiseText: v.string(),
      /** the key of the slot (in `slots`) this part books, if any */
      slot: v.nullable(v.string()),
    }),
  ),
})
export type Bundle = v.InferOutput<typeof bundleSchema>

export const bundleStatuses = ['in_progress', 'waiting_fix', 'done', 'withdrawn'] as const
export type BundleStatus = (typeof bundleStatuses)[number]
export const bundleStatusLabels: Record<BundleStatus, string> = { in_progress: '办理中', waiting_fix: '待补正', done: '已办结', withdrawn: '已撤回' }
/** a part is its request's status, or 'waiting' while the parts before it are not done (no request yet) */
export const bundlePartStatuses = [...requestStatuses, 'waiting'] as const
export type BundlePartStatus = (typeof bundlePartStatuses)[number]
export const bundlePartStatusLabels: Record<BundlePartStatus, string> = { ...requestStatusLabels, waiting: '等待前序事项' }

export const bundleDetailSchema = v.object({
  id: v.string(),
  bundleId: v.string(),
  name: v.string(),
  applicantId: v.string(),
  applicantName: v.string(),
  status: v.picklist(bundleStatuses),
  fields: v.array(v.object({ key: v.string(), label: v.string(), value: v.string() })),
  /** raw values, for the applicant re-applying a refused part */
  values: v.record(v.string(), v.union([v.string(), v.number()])),
  parts: v.array(
    v.object({
      key: v.string(),
      itemId: v.string(),
      name: v.string(),
      /** the current request of this part; null while it waits for the parts before it */
      requestId: v.nullable(v.string()),
      status: v.picklist(bundlePartStatuses),
      /** who holds it now (or held it last) */
      ownerName: v.nullable(v.string()),
      stepLabel: v.nullable(v.string()),
      /** this part's promise; planned from the parts before it while it waits */
      dueAt: v.string(),
      overdue: v.boolean(),
      after: v.array(v.string()),
      /** what a refusal (or a wait) means for the rest, in the applicant's words */
      note: v.nullable(v.string()),
      slot: v.nullable(v.object({ resourceName: v.string(), start: v.string(), end: v.string() })),
      /** earlier, refused requests of this part */
      earlier: v.array(v.string()),
    }),
  ),
  /** what the parts issued, listed together: certificates, booked rooms and cars, notices */
  issued: v.array(v.object({ partName: v.string(), kind: v.picklist(['certificate', 'resource', 'notice']), title: v.string(), detail: v.string() })),
  submittedAt: v.string(),
  /** the bundle's own promise: the longest path through its parts on the working-day calendar */
  dueAt: v.string(),
  finishedAt: v.nullable(v.string()),
  overdue: v.boolean(),
  rating: v.nullable(v.object({ stars: v.number(), comment: v.nullable(v.string()) })),
  version: v.number(),
  availableActions: v.array(availableActionSchema),
  timeline: v.array(timelineEntrySchema),
})
export type BundleDetail = v.InferOutput<typeof bundleDetailSchema>

export const bundleActions = ['withdraw', 'reapply', 'rate'] as const
export type BundleAction = (typeof bundleActions)[number]

/** a slot the server offers when the one asked for is taken (details.suggestions of the refusal) */
export interface SlotSuggestion {
  resourceId: string
  resourceName: string
  start: string
  end: string
}

const statsRow = { count: v.number(), finished: v.number(), medianHours: v.nullable(v.number()), onTimeRate: v.nullable(v.number()), averageStars: v.nullable(v.number()) }

const requestId = v.object({ id: id('申请编号') })

export const requestRoutes = {
  catalogue: route({
    method: 'GET',
    path: '/requests/catalogue',
    summary: '零跑动服务目录：每项的办事指南、表单、审批链、承诺时限',
    access: 'staff',
    response: v.object({ items: v.array(catalogueItemSchema) }),
    errors: ['FORBIDDEN'],
  }),
  prefill: route({
    method: 'GET',
    path: '/requests/catalogue/:id/prefill',
    summary: '三不提交：通讯录已知的信息（姓名、单位、职务、电话）直接带入表单',
    access: 'staff',
    params: v.object({ id: id('事项') }),
    response: v.object({ values: v.record(v.string(), v.string()) }),
    errors: ['NOT_FOUND'],
  }),
  resources: route({
    method: 'GET',
    path: '/requests/resources',
    summary: '会议室、车辆、印章某一天的占用情况',
    access: 'staff',
    query: v.object({
      type: oneOf('资源类型', resourceTypes),
      date: v.pipe(v.string('「日期」格式不对'), v.maxLength(10, '「日期」格式不对'), v.isoDate('「日期」格式不对'), v.title('日期')),
    }),
    response: v.object({ resources: v.array(resourceSchema) }),
    errors: [],
  }),
  submit: route({
    method: 'POST',
    path: '/requests',
    summary: '提交申请：表单按事项校验，占用资源时段冲突即拒绝；同一请求编号只生效一次',
    access: 'staff',
    body: v.object({ itemId: id('事项'), values: fieldValues, slot: v.optional(slotInput) }),
    response: requestDetailSchema,
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  }),
  get: route({
    method: 'GET',
    path: '/requests/:id',
    summary: '申请详情：表单、审批进度、承诺时限倒计时、可执行操作',
    access: 'staff',
    params: requestId,
    response: requestDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  act: route({
    method: 'POST',
    path: '/requests/:id/actions',
    summary: '审批与办理：同意、不同意（须说明理由）、退回修改（须说明理由）、撤回、转办、催办、用印登记、评价',
    access: 'staff',
    params: requestId,
    body: v.object({
      action: oneOf('操作', requestActions),
      version,
      opinion: optionalText('意见', 500),
      toUserId: v.optional(id('转办给')),
      stars: v.optional(int('评分', 1, 5)),
    }),
    response: requestDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  resubmit: route({
    method: 'POST',
    path: '/requests/:id/resubmit',
    summary: '退回后修改再提交：审批从退回它的那一步重新开始',
    access: 'staff',
    params: requestId,
    body: v.object({ version, values: fieldValues, slot: v.optional(slotInput) }),
    response: requestDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  mine: route({
    method: 'GET',
    path: '/requests/mine',
    summary: '我提交的申请（“一件事”的各事项在它自己的页面上）',
    access: 'staff',
    query: v.object({ ...cursorQuery }),
    response: page(
      v.object({ id: v.string(), itemName: v.string(), status: v.picklist(requestStatuses), submittedAt: v.string(), dueAt: v.string(), overdue: v.boolean() }),
    ),
    errors: [],
  }),
  verifyCertificate: route({
    method: 'GET',
    path: '/certificates/:code',
    summary: '证明真伪核验：持有核验码的任何人可查（姓名脱敏）',
    access: 'public',
    params: v.object({ code: v.pipe(v.string('「核验码」格式不对'), v.maxLength(20, '「核验码」格式不对'), v.regex(/^[A-Z0-9]+$/, '「核验码」格式不对'), v.title('核验码')) }),
    response: v.object({ valid: v.boolean(), title: v.string(), holderName: v.string(), issuer: v.string(), issuedAt: v.string() }),
    errors: ['NOT_FOUND'],
  }),
  stats: route({
    method: 'GET',
    path: '/requests/stats',
    summary: '办理时效统计：各事项、各“一件事”的件数、办理时长中位数、按时办结率（不排名到人）',
    access: ['office_manager', 'dept_head', 'leader'],
    response: v.object({
      items: v.array(v.object({ itemId: v.string(), itemName: v.string(), ...statsRow })),
      bundles: v.array(v.object({ bundleId: v.string(), name: v.string(), ...statsRow })),
    }),
    errors: ['FORBIDDEN'],
  }),
  bundles: route({
    method: 'GET',
    path: '/requests/bundles',
    summary: '“一件事”目录：每件事的办事指南、一张表单、包含的事项和先后关系；以及我申报过的',
    access: 'staff',
    response: v.object({
      bundles: v.array(bundleSchema),
      mine: v.array(v.object({ id: v.string(), name: v.string(), status: v.picklist(bundleStatuses), submittedAt: v.string(), dueAt: v.string(), overdue: v.boolean() })),
    }),
    errors: [],
  }),
  bundleSubmit: route({
    method: 'POST',
    path: '/requests/bundles',
    summary: '一次申报：各事项同时（或按先后）进入各自的审批；全部校验通过才生效，同一请求编号只生效一次',
    access: 'staff',
    body: v.object({ bundleId: id('一件事'), values: fieldValues, slots: v.optional(v.record(v.pipe(v.string(), v.maxLength(20, '「时段」格式不对')), slotInput, '「时段」格式不对')) }),
    response: bundleDetailSchema,
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  }),
  bundleGet: route({
    method: 'GET',
    path: '/requests/bundles/:id',
    summary: '“一件事”进度：每个事项的状态、经办人、倒计时，整件事的承诺时限',
    access: 'staff',
    params: v.object({ id: id('一件事编号') }),
    response: bundleDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  bundleAct: route({
    method: 'POST',
    path: '/requests/bundles/:id/actions',
    summary: '整件撤回（撤回所有未办结的事项）、未批准事项修改后重新申请、办结后评价',
    access: 'staff',
    params: v.object({ id: id('一件事编号') }),
    body: v.object({
      action: oneOf('操作', bundleActions),
      version,
      partKey: v.optional(v.pipe(v.string('「事项」格式不对'), v.maxLength(40, '「事项」格式不对'), v.title('事项'))),
      values: v.optional(fieldValues),
      slot: v.optional(slotInput),
      opinion: optionalText('意见', 500),
      stars: v.optional(int('评分', 1, 5)),
    }),
    response: bundleDetailSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
}
