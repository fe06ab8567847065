import type { Bundle, ResourceType } from '../../src/contract/requests'
import { applicantFields, f } from './catalogue'

/**
 * How the back office defines a 一件事 bundle: one form (each fact once), the resources it books and its
 * parts. A part is an item of the catalogue; it takes from the form the fields its item asks for (same
 * key), and `fixed` fills in what the bundle already implies ({title} is the form's 会议名称). A part
 * with `after` starts only when those parts are done; a part that books a resource starts at once.
 */
export interface BundlePartConfig {
  key: string
  itemId: string
  after: string[]
  slot?: string
  fixed?: Record<string, string | number>
}

export interface BundleRow extends Omit<Bundle, 'parts' | 'slots'> {
  slots: { key: string; type: ResourceType; label: string }[]
  parts: BundlePartConfig[]
}


export const bundleCatalogue: BundleRow[] = [
  {
    id: 'onboarding',
    name: '新进人员入职一件事',
    category: '一件事',
    summary: '工作证、门禁卡、电脑与账号、通讯录与政务微信、工位、办公用品，一次申报',
    guide: {
      eligibility: '新调入、新录用的本单位工作人员（到岗前后均可申报）',
      materials: ['无需另交材料：身份信息从人事系统读取'],
      steps: ['填写一张表：到岗日期、职务、办公地点、电脑和办公用品需求', '各事项同时交给各自的经办部门', '通讯录登记后自动开通政务微信', '全部办结后在本页查看'],
      promise: { text: '最长 3 个工作日内全部办结' },
      approvers: '人事部门、机关事务管理局、信息中心、办公室、本部门负责人',
    },
    fields: [
      ...applicantFields,
      f('startDate', '到岗日期', 'date'),
      f('position', '职务', 'text', { max: 30, placeholder: '如：政务服务科科员' }),
      f('office', '办公地点', 'text', { max: 40, placeholder: '如：1 号楼 502 室' }),
      f('computer', '电脑需求', 'select', { options: ['台式机', '笔记本', '不需要'] }),
      f('item', '首批办公用品', 'select', { options: ['签字笔（盒）', '文件盒', 'A4 复印纸（箱）', '订书机'] }),
      f('quantity', '数量', 'number', { min: 1, max: 5 }),
    ],
    slots: [],
    parts: [
      { key: 'badge', itemId: 'badge', after: [] },
      { key: 'access-card', itemId: 'access-card', after: [] },
      { key: 'it-account', itemId: 'it-account', after: [] },
      { key: 'directory', itemId: 'directory-entry', after: [] },
      { key: 'wecom', itemId: 'wecom-account', after: ['directory'] },
      { key: 'desk', itemId: 'desk', after: [] },
      { key: 'supplies', itemId: 'supplies', after: [], fixed: { purpose: '新进人员办公' } },
    ],
  },
  {
    id: 'departure',
    name: '调离/退休一件事',
    category: '一件事',
    summary: '资产归还、账号停用、通讯录注销、证件收回，一次申报',
    guide: {
      eligibility: '即将调离或退休的本单位工作人员',
      materials: ['名下电脑、家具等固定资产（验收时交回）', '工作证和门禁卡'],
      steps: ['填写一张表：离岗日期、去向、工作交接人', '资产归还验收后停用账号，再注销通讯录', '证件收回同时办理', '全部办结后在本页查看'],
      promise: { text: '最长 4 个工作日内全部办结' },
      approvers: '机关事务管理局、信息中心、办公室、人事部门',
    },
    fields: [...applicantFields, f('leaveDate', '离岗日期', 'date'), f('destination', '去向', 'select', { options: ['调离', '退休'] }), f('handover', '工作交接人', 'text', { max: 20 })],
    slots: [],
    parts: [
      { key: 'assets', itemId: 'asset-return', after: [] },
      { key: 'accounts', itemId: 'account-close', after: ['assets'] },
      { key: 'directory', itemId: 'directory-leave', after: ['accounts'] },
      { key: 'badge', itemId: 'badge-return', after: [] },
    ],
  },
  {
    id: 'meeting',
    name: '会议保障一件事',
    category: '一件事',
    summary: '会议室、用车、会议通知，一次申报，会议室确认后自动通知参会人员',
    guide: {
      eligibility: '本单位工作人员',
      materials: ['无需另交材料'],
      steps: ['填写一张表：会议名称、人数、参会人员、会议室和用车时段', '会议室管理员确认会议室，车辆管理员派车', '会议室确认后，工作通知自动发给参会人员', '全部办结后在本页查看'],
      promise: { text: '最长 1 个工作日内全部办结' },
      approvers: '会议室管理员、本部门负责人、车辆管理员',
    },
    fields: [
      ...applicantFields,
      f('title', '会议名称', 'text', { max: 60, placeholder: '如：2026 年第四季度安全生产工作会' }),
      f('attendees', '参会人数', 'number', { min: 2, max: 200 }),
      f('attendeeNames', '参会人员', 'textarea', { max: 300, placeholder: '填写姓名，用顿号分隔，如：吴振宇、刘思远' }),
      f('needs', '会务需求', 'textarea', { required: false, max: 200, placeholder: '如：投影、话筒、茶水（可不填）' }),
      f('from', '用车出发地', 'text', { max: 40, placeholder: '如：区政府大院' }),
      f('to', '用车目的地', 'text', { max: 40, placeholder: '如：西乡街道办事处' }),
      f('passengers', '乘车人数', 'number', { min: 1, max: 7 }),
    ],
    slots: [
      { key: 'room', type: 'room', label: '会议室和时段' },
      { key: 'car', type: 'car', label: '车辆和用车时段' },
    ],
    parts: [
      { key: 'room', itemId: 'room', after: [], slot: 'room' },
      { key: 'car', itemId: 'car', after: [], slot: 'car', fixed: { reason: '会议用车：{title}' } },
      { key: 'notice', itemId: 'meeting-notice', after: ['room'] },
    ],
  },
  {
    id: 'outing',
    name: '外出办公一件事',
    category: '一件事',
    summary: '出差报备、用车、借款说明，一次申报',
    guide: {
      eligibility: '因公外出、出差的本单位工作人员',
      materials: ['出差的，附会议通知或邀请函（到岗后补交）'],
      steps: ['填写一张表：目的地、起止日期、事由、用车和借款金额', '部门负责人知悉，车辆管理员派车，财务部门审核借款', '全部办结后在本页查看'],
      promise: { text: '最长 1 个工作日内全部办结' },
      approvers: '本部门负责人、车辆管理员、财务部门',
    },
    fields: [
      ...applicantFields,
      f('destination', '目的地', 'text', { max: 40 }),
      f('start', '开始日期', 'date'),
      f('end', '结束日期', 'date'),
      f('reason', '事由', 'textarea', { max: 200 }),
      f('from', '用车出发地', 'text', { max: 40, placeholder: '如：区政府大院' }),
      f('passengers', '乘车人数', 'number', { min: 1, max: 7 }),
      f('amount', '借款金额（元）', 'number', { min: 100, max: 50000 }),
    ],
    slots: [{ key: 'car', type: 'car', label: '车辆和用车时段' }],
    parts: [
      { key: 'trip', itemId: 'trip', after: [], fixed: { transport: '公务车' } },
      { key: 'car', itemId: 'car', after: [], slot: 'car', fixed: { to: '{destination}' } },
      { key: 'advance', itemId: 'advance-note', after: [] },
    ],
  },
]
