import type { Role } from '../../src/contract/common'
import { routes } from '../../src/contract/routes'
import type { Access } from '../../src/contract/route'
import type { WorkbenchLink, WorkbenchPartKey } from '../../src/contract/workbench'
import type { UserRow } from '../db'

/**
 * What each module puts on the 工作台: who has a part in it (by role; anyone with a work item of the
 * module has one too), who sees it first, what they can start and which lists they reach. The counts
 * come from the work items, so a module plugs in with one entry here and nothing else to write.
 */
export interface WorkbenchPartDef {
  key: WorkbenchPartKey
  label: string
  /** roles that have a part in the module even with nothing open */
  roles: readonly Role[] | 'staff'
  /** roles for whom this is their main work: their 工作台 starts with it */
  leadRoles: readonly Role[]
  startables(allowed: (a: Access) => boolean): WorkbenchLink[]
  shortcuts(allowed: (a: Access) => boolean): WorkbenchLink[]
  /** an 审计 part has no work items: counts are zero, its page is the audit trail */
  itemless?: boolean
}

const CASE_ROLES: Role[] = ['federation_staff', 'federation_exec', 'partner_liaison', 'counsellor', 'youth_social_worker', 'youth_league', 'wcw_member']
const when = (ok: boolean, l: WorkbenchLink): WorkbenchLink[] => (ok ? [l] : [])

export const workbenchParts: WorkbenchPartDef[] = [
  {
    key: 'supervision',
    label: '督查督办',
    roles: ['supervisor', 'leader', 'dept_head'],
    leadRoles: ['supervisor'],
    startables: (a) => when(a(routes.supervision.create.access), { key: 'supervision-compose', label: '立项督办', hint: '把领导批示、会议议定事项立为督办单', link: '/features/supervision/pages/compose/index' }),
    shortcuts: (a) => [
      { key: 'supervision-list', label: '督办事项', hint: '我督办的、我承办的、我牵头的', link: '/features/supervision/pages/index/index' },
      ...when(a(routes.supervision.workbench.access), { key: 'supervision-workbench', label: '督查工作台', hint: '红黄绿灯、逾期与临期', link: '/features/supervision/pages/workbench/index' }),
    ],
  },
  {
    key: 'cases',
    label: '妇联案件',
    roles: CASE_ROLES,
    leadRoles: ['federation_staff', 'federation_exec', 'partner_liaison', 'counsellor', 'youth_social_worker'],
    startables: (a) => when(a(routes.cases.create.access), { key: 'cases-intake', label: '登记案件', hint: '来访、来电、转介的维权求助', link: '/features/cases/pages/intake/index' }),
    shortcuts: (a) => [
      { key: 'cases-list', label: '案件列表', hint: '登记、评估、联动转办、跟踪反馈', link: '/features/cases/pages/index/index' },
      ...when(a(routes.cases.stats.access), { key: 'cases-stats', label: '维权统计', hint: '按类别、街道、来源、风险', link: '/features/cases/pages/stats/index' }),
      ...when(a(routes.cases.library.access), { key: 'cases-library', label: '维权案例库', hint: '匿名化的已办案例，按类别、结果检索', link: '/features/cases/pages/library/index' }),
    ],
  },
  {
    key: 'mediation',
    label: '调解',
    roles: ['mediator', 'dispatcher'],
    leadRoles: ['mediator', 'dispatcher'],
    startables: () => [],
    shortcuts: () => [{ key: 'mediation-workbench', label: '调解工作台', hint: '待分派、待受理、我的排期', link: '/features/mediation/pages/workbench/index' }],
  },
  {
    key: 'documents',
    label: '公文流转',
    roles: ['clerk', 'dept_head', 'leader', 'handler', 'office_manager'],
    leadRoles: ['clerk', 'leader'],
    startables: (a) => when(a(routes.documents.create.access), { key: 'documents-compose', label: '拟稿发文', hint: '通知、请示、报告、函', link: '/features/documents/pages/compose/index' }),
    shortcuts: () => [{ key: 'documents-list', label: '公文列表', hint: '待办、已办、我起草的、传阅给我的', link: '/features/documents/pages/index/index' }],
  },
  {
    key: 'notice',
    label: '工作通知',
    roles: ['clerk', 'dept_head', 'leader', 'office_manager', 'supervisor', 'handler'],
    leadRoles: [],
    startables: (a) => when(a(routes.notices.create.access), { key: 'notice-compose', label: '发工作通知', hint: '发给同事阅知，可设办理时限', link: '/features/notice/pages/compose/index' }),
    shortcuts: () => [],
  },
  {
    key: 'requests',
    label: '零跑动',
    roles: 'staff',
    leadRoles: ['office_manager'],
    startables: () => [{ key: 'requests', label: '零跑动办事', hint: '用印、用车、会议室、请假、证明', link: '/features/requests/pages/index/index' }],
    shortcuts: (a) => when(a(routes.requests.stats.access), { key: 'requests-stats', label: '办理时效', hint: '件数、用时、按时率', link: '/features/requests/pages/stats/index' }),
  },
  {
    key: 'audit',
    label: '审计日志',
    roles: ['auditor'],
    leadRoles: ['auditor'],
    itemless: true,
    startables: () => [],
    shortcuts: () => [{ key: 'audit-trail', label: '审计日志', hint: '按对象、操作人、日期查询，校验链条', link: '/features/audit/pages/index/index' }],
  },
]

export const hasPartByRole = (def: WorkbenchPartDef, u: UserRow) => u.kind === 'staff' && (def.roles === 'staff' || u.roles.some((r) => (def.roles as readonly Role[]).includes(r)))
