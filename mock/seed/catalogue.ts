import type { CatalogueItem, FieldDef, ResourceType } from '../../src/contract/requests'

/** How the back office resolves a chain step to one person. */
export type ChainStepConfig =
  | { kind: 'dept_head'; label: string }
  | { kind: 'resource_owner'; label: string }
  | { kind: 'office'; label: string; deptId: string; role: 'handler' | 'office_manager' | 'clerk' | 'dept_head' }

export interface CatalogueRow extends Omit<CatalogueItem, 'chain'> {
  chain: ChainStepConfig[]
  /** seal and car requests can't be booked for longer than this */
  maxSlotHours: number | null
  /** false: offered only as a part of a 一件事 bundle (工作证, 通讯录 …), not on its own in the catalogue */
  standalone?: boolean
}

export interface ResourceRow {
  id: string
  type: ResourceType
  name: string
  location: string
  capacity: number | null
  ownerId: string
}

/** A form field as the back office defines it (the 一件事 forms use the same). */
export const f = (key: string, label: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  label,
  type,
  required: true,
  placeholder: null,
  max: type === 'text' ? 50 : type === 'textarea' ? 500 : null,
  min: null,
  options: null,
  prefill: null,
  ...extra,
})

export const applicantFields: FieldDef[] = [
  f('applicantName', '申请人', 'text', { prefill: 'name', max: 20 }),
  f('deptName', '所在单位', 'text', { prefill: 'deptName', max: 40 }),
  f('phone', '联系电话', 'text', { prefill: 'phone', max: 20 }),
]

const hr = { kind: 'office', label: '人事部门审核', deptId: 'dept-hr', role: 'handler' } as const
const affairs = { kind: 'office', label: '机关事务管理局审核', deptId: 'dept-affairs', role: 'office_manager' } as const

/**
 * The catalogue as data. A new item is a new entry here (or in a real BFF's back office): the form,
 * the chain, the calendar and the promise all follow from it.
 */
export const catalogue: CatalogueRow[] = [
  {
    id: 'seal',
    name: '用印申请',
    category: '综合事务',
    summary: '加盖单位公章、合同专用章，先审批、后用印、再登记',
    guide: {
      eligibility: '本单位在编在岗工作人员',
      materials: ['需用印的文件（电子版或纸质原件）', '涉及合同的，附合同审核意见'],
      steps: ['填写用印事由、文件名称、份数', '选择用印时段', '部门负责人审批', '印章管理员确认', '到文电科用印', '印章管理员登记用印'],
      promise: { amount: 1, unit: 'day', text: '1 个工作日内审批完毕' },
      approvers: '本部门负责人 → 印章管理员',
    },
    fields: [
      ...applicantFields,
      f('reason', '用印事由', 'textarea', { placeholder: '如：报送区财政局的经费请示', max: 200 }),
      f('docName', '文件名称', 'text', { max: 60 }),
      f('copies', '份数', 'number', { min: 1, max: 50 }),
      f('sealKind', '印章类型', 'select', { options: ['单位公章', '党组印章', '合同专用章'] }),
    ],
    resourceType: 'seal',
    chain: [
      { kind: 'dept_head', label: '部门负责人审批' },
      { kind: 'resource_owner', label: '印章管理员确认' },
    ],
    issuesCertificate: false,
    confirmAfterUse: true,
    maxSlotHours: 4,
  },
  {
    id: 'car',
    name: '公务用车',
    category: '后勤保障',
    summary: '因公外出用车，按时段派车，不跑腿、不打电话',
    guide: {
      eligibility: '因公外出的工作人员',
      materials: ['无需另交材料'],
      steps: ['填写出发地、目的地、人数', '选择车辆与时段', '部门负责人审批', '车辆管理员派车'],
      promise: { amount: 4, unit: 'hour', text: '4 个工作小时内派车' },
      approvers: '本部门负责人 → 车辆管理员',
    },
    fields: [
      ...applicantFields,
      f('reason', '用车事由', 'textarea', { max: 200 }),
      f('from', '出发地', 'text', { max: 40, placeholder: '如：区政府大院' }),
      f('to', '目的地', 'text', { max: 40, placeholder: '如：西乡街道办事处' }),
      f('passengers', '乘车人数', 'number', { min: 1, max: 7 }),
    ],
    resourceType: 'car',
    chain: [
      { kind: 'dept_head', label: '部门负责人审批' },
      { kind: 'resource_owner', label: '车辆管理员派车' },
    ],
    issuesCertificate: false,
    confirmAfterUse: false,
    maxSlotHours: 10,
  },
  {
    id: 'room',
    name: '会议室预约',
    category: '后勤保障',
    summary: '看空闲时段，选好即订，冲突自动提示',
    guide: {
      eligibility: '本单位工作人员',
      materials: ['无需另交材料'],
      steps: ['选择会议室和时段', '填写会议名称和人数', '会议室管理员确认'],
      promise: { amount: 2, unit: 'hour', text: '2 个工作小时内确认' },
      approvers: '会议室管理员',
    },
    fields: [
      ...applicantFields,
      f('title', '会议名称', 'text', { max: 60, placeholder: '如：2026 年第四季度安全生产工作会' }),
      f('attendees', '参会人数', 'number', { min: 2, max: 200 }),
      f('needs', '会务需求', 'textarea', { required: false, max: 200, placeholder: '如：投影、话筒、茶水（可不填）' }),
    ],
    resourceType: 'room',
    chain: [{ kind: 'resource_owner', label: '会议室管理员确认' }],
    issuesCertificate: false,
    confirmAfterUse: false,
    maxSlotHours: 10,
  },
  {
    id: 'leave',
    name: '请休假',
    category: '人事',
    summary: '年休假、事假、病假等，一次提交，线上审批',
    guide: {
      eligibility: '本单位在编在岗工作人员',
      materials: ['病假 3 天以上须附医院证明（到岗后补交）'],
      steps: ['选择假别、起止日期', '部门负责人审批', '人事部门备案'],
      promise: { amount: 1, unit: 'day', text: '1 个工作日内审批完毕' },
      approvers: '本部门负责人 → 人事部门',
    },
    fields: [
      ...applicantFields,
      f('kind', '假别', 'select', { options: ['年休假', '事假', '病假', '婚假', '产假', '陪产假', '探亲假'] }),
      f('start', '开始日期', 'date'),
      f('end', '结束日期', 'date'),
      f('reason', '事由', 'textarea', { max: 200 }),
    ],
    resourceType: null,
    chain: [{ kind: 'dept_head', label: '部门负责人审批' }, hr],
    issuesCertificate: false,
    confirmAfterUse: false,
    maxSlotHours: null,
  },
  {
    id: 'employment-cert',
    name: '在职证明开具',
    category: '人事',
    summary: '办贷款、签证、子女入学等需要的在职证明，线上开具、扫码核验',
    guide: {
      eligibility: '本单位在编在岗工作人员',
      materials: ['无需另交材料：身份信息从人事系统读取'],
      steps: ['填写用途', '人事部门审核', '生成带核验码的电子证明'],
      promise: { amount: 1, unit: 'day', text: '1 个工作日内开具' },
      approvers: '人事部门',
    },
    fields: [...applicantFields, f('purpose', '用途', 'select', { options: ['办理贷款', '办理签证', '子女入学', '租房', '其他'] }), f('note', '补充说明', 'text', { required: false, max: 60 })],
    resourceType: null,
    chain: [hr],
    issuesCertificate: true,
    confirmAfterUse: false,
    maxSlotHours: null,
  },
  {
    id: 'income-cert',
    name: '收入证明开具',
    category: '人事',
    summary: '按工资系统数据开具收入证明，扫码核验真伪',
    guide: {
      eligibility: '本单位在编在岗工作人员',
      materials: ['无需另交材料：收入数据从工资系统读取'],
      steps: ['填写用途', '部门负责人确认', '人事部门审核', '生成带核验码的电子证明'],
      promise: { amount: 2, unit: 'day', text: '2 个工作日内开具' },
      approvers: '本部门负责人 → 人事部门',
    },
    fields: [...applicantFields, f('purpose', '用途', 'select', { options: ['办理贷款', '办理签证', '租房', '其他'] }), f('note', '补充说明', 'text', { required: false, max: 60 })],
    resourceType: null,
    chain: [{ kind: 'dept_head', label: '部门负责人确认' }, hr],
    issuesCertificate: true,
    confirmAfterUse: false,
    maxSlotHours: null,
  },
  {
    id: 'supplies',
    name: '办公用品领用',
    category: '后勤保障',
    summary: '硒鼓、纸张、文具等，审批后到机关事务管理局领取',
    guide: {
      eligibility: '本单位工作人员',
      materials: ['无需另交材料'],
      steps: ['选择物品和数量', '部门负责人审批', '机关事务管理局备货'],
      promise: { amount: 1, unit: 'day', text: '1 个工作日内备好' },
      approvers: '本部门负责人 → 机关事务管理局',
    },
    fields: [
      ...applicantFields,
      f('item', '物品', 'select', { options: ['A4 复印纸（箱）', '硒鼓', '签字笔（盒）', '文件盒', '档案袋（包）', '订书机'] }),
      f('quantity', '数量', 'number', { min: 1, max: 20 }),
      f('purpose', '用途', 'text', { max: 60 }),
    ],
    resourceType: null,
    chain: [{ kind: 'dept_head', label: '部门负责人审批' }, affairs],
    issuesCertificate: false,
    confirmAfterUse: false,
    maxSlotHours: null,
  },
  {
    id: 'trip',
    name: '外出/出差报备',
    category: '人事',
    summary: '因公外出、出差前报备，领导心中有数',
    guide: {
      eligibility: '本单位工作人员',
      materials: ['出差的，附会议通知或邀请函（到岗后补交）'],
      steps: ['填写目的地、起止日期、事由', '部门负责人知悉'],
      promise: { amount: 4, unit: 'hour', text: '4 个工作小时内确认' },
      approvers: '本部门负责人',
    },
    fields: [
      ...applicantFields,
      f('destination', '目的地', 'text', { max: 40 }),
      f('start', '开始日期', 'date'),
      f('end', '结束日期', 'date'),
      f('transport', '交通方式', 'select', { options: ['公务车', '高铁', '飞机', '自行前往'] }),
      f('reason', '事由', 'textarea', { max: 200 }),
    ],
    resourceType: null,
    chain: [{ kind: 'dept_head', label: '部门负责人知悉' }],
    issuesCertificate: false,
    confirmAfterUse: false,
    maxSlotHours: null,
  },
]

const memberItem = (id: string, name: string, category: string, summary: string, owner: ChainStepConfig | null, promise: CatalogueItem['guide']['promise'], fields: FieldDef[], steps: string[]): CatalogueRow => ({
  id,
  name,
  category,
  summary,
  guide: { eligibility: '本单位工作人员（在「一件事」中一并申请）', materials: ['无需另交材料'], steps, promise, approvers: owner?.label ?? '无需审批' },
  fields: [...applicantFields, ...fields],
  resourceType: null,
  chain: owner ? [owner] : [],
  issuesCertificate: false,
  confirmAfterUse: false,
  maxSlotHours: null,
  standalone: false,
})

const dataBureau = (label: string) => ({ kind: 'office', label, deptId: 'dept-data', role: 'handler' }) as const
const docsOffice = (label: string) => ({ kind: 'office', label, deptId: 'dept-gov-office-docs', role: 'clerk' }) as const
const assets = (label: string) => ({ kind: 'office', label, deptId: 'dept-affairs', role: 'dept_head' }) as const
const day = (n: number) => ({ amount: n, unit: 'day' as const, text: `${n} 个工作日内办结` })
const hours = (n: number) => ({ amount: n, unit: 'hour' as const, text: `${n} 个工作小时内办结` })
const startDay = f('startDate', '到岗日期', 'date')
const leaveDay = f('leaveDate', '离岗日期', 'date')

/**
 * Items offered only inside a 一件事 bundle (mock/seed/bundles.ts): each is still an ordinary 零跑动
 * item with its own chain and promise, so its owner handles it like any other request.
 */
export const memberItems: CatalogueRow[] = [
  memberItem('badge', '工作证办理', '人事', '新进人员的工作证，人事部门制证', { ...hr, label: '人事部门制证' }, day(3), [startDay, f('position', '职务', 'text', { max: 30 })], ['人事部门核对人员信息', '制证并通知领取']),
  memberItem('access-card', '门禁卡办理', '后勤保障', '办公楼门禁卡开通', { ...affairs, label: '机关事务管理局开卡' }, day(1), [startDay, f('office', '办公地点', 'text', { max: 40 })], ['核对办公地点', '开通门禁权限']),
  memberItem('it-account', '电脑与账号开通', '信息化', '办公电脑、内网和 OA 账号', dataBureau('信息中心开通账号'), day(2), [startDay, f('computer', '电脑需求', 'select', { options: ['台式机', '笔记本', '不需要'] })], ['配发电脑', '开通内网和 OA 账号']),
  memberItem('directory-entry', '通讯录登记', '综合事务', '登记进单位通讯录，政务微信据此开通', docsOffice('办公室登记通讯录'), day(1), [startDay, f('position', '职务', 'text', { max: 30 })], ['核对姓名、职务、电话', '登记进通讯录']),
  memberItem('wecom-account', '政务微信开通', '信息化', '按通讯录开通政务微信账号', dataBureau('信息中心开通政务微信'), day(1), [startDay], ['按通讯录信息开通账号', '发送激活短信']),
  memberItem('desk', '工位安排', '后勤保障', '办公室工位和桌椅', assets('资产管理科安排工位'), day(2), [startDay, f('office', '办公地点', 'text', { max: 40 })], ['确认办公室空位', '安排工位和桌椅']),
  memberItem('asset-return', '资产归还', '后勤保障', '调离、退休前归还电脑、家具等固定资产', assets('资产管理科验收'), day(2), [leaveDay, f('handover', '工作交接人', 'text', { max: 20 })], ['清点名下资产', '资产管理科验收']),
  memberItem('account-close', '电脑与账号停用', '信息化', '内网、OA 账号和政务微信停用', dataBureau('信息中心停用账号'), day(1), [leaveDay], ['备份工作资料', '停用账号']),
  memberItem('directory-leave', '通讯录注销', '综合事务', '从单位通讯录中移除', docsOffice('办公室注销通讯录'), hours(4), [leaveDay, f('destination', '去向', 'select', { options: ['调离', '退休'] })], ['核对去向', '移出通讯录']),
  memberItem('badge-return', '工作证与门禁卡收回', '人事', '收回工作证，注销门禁权限', { ...hr, label: '人事部门收回证件' }, day(1), [leaveDay], ['交回工作证和门禁卡', '人事部门注销']),
  // nobody approves a notice: it goes out when the room is confirmed
  memberItem('meeting-notice', '会议通知', '综合事务', '会议室确定后，以工作通知发给参会人员', null, hours(1), [f('title', '会议名称', 'text', { max: 60 }), f('attendeeNames', '参会人员', 'textarea', { max: 300, placeholder: '填写姓名，用顿号分隔，如：吴振宇、刘思远' })], ['会议室确认后自动发出工作通知', '参会人员阅知']),
  memberItem('advance-note', '借款说明', '财务', '出差借款的事由和金额，财务部门审核', { kind: 'office', label: '财务部门审核', deptId: 'dept-finance', role: 'handler' }, day(1), [f('destination', '目的地', 'text', { max: 40 }), f('amount', '借款金额（元）', 'number', { min: 100, max: 50000 }), f('reason', '事由', 'textarea', { max: 200 })], ['填写借款金额和事由', '财务部门审核']),
]

export const resources: ResourceRow[] = [
  { id: 'room-1-301', type: 'room', name: '区政府 1 号楼 301 会议室', location: '区政府大院 1 号楼 3 楼', capacity: 30, ownerId: 'u-office-01' },
  { id: 'room-1-502', type: 'room', name: '区政府 1 号楼 502 小会议室', location: '区政府大院 1 号楼 5 楼', capacity: 12, ownerId: 'u-office-01' },
  { id: 'room-2-101', type: 'room', name: '区政府 2 号楼 101 视频会议室', location: '区政府大院 2 号楼 1 楼', capacity: 60, ownerId: 'u-office-01' },
  { id: 'car-b1', type: 'car', name: '粤B·D2K18（七座商务车）', location: '区政府大院地下车库', capacity: 7, ownerId: 'u-office-01' },
  { id: 'car-b2', type: 'car', name: '粤B·F6M32（五座新能源轿车）', location: '区政府大院地下车库', capacity: 5, ownerId: 'u-office-01' },
  { id: 'seal-gov', type: 'seal', name: '宝安区人民政府办公室印章', location: '区政府办公室文电科', capacity: null, ownerId: 'u-clerk-01' },
  { id: 'seal-contract', type: 'seal', name: '区政府办公室合同专用章', location: '区政府办公室文电科', capacity: null, ownerId: 'u-clerk-01' },
]
