import type { RequestAction } from '../../src/contract/requests'
import { cstAt, cstDate, toIso } from '../../src/core/time'
import { addWorkdays, workdayBefore } from '../../src/core/workdays'
import type { Ctx } from '../context'
import type { Db, RequestRow } from '../db'
import { actOnRequest, escalateOverdue, resubmitRequest, submitRequest } from '../handlers/requests'

/** hh:mm on the n-th working day before today (0: today, or the last working day before it) */
type When = [workdaysAgo: number, hour: number, minute: number]

interface Step {
  at: When
  action: RequestAction | 'resubmit'
  opinion?: string
  stars?: number
  /** resubmit: the fields the applicant changed */
  values?: Record<string, string | number>
}

interface Plan {
  who: string
  item: string
  at: When
  /** the form, given the day it is filled in (leave and trips start on a later working day) */
  values: (day: string) => Record<string, string | number>
  slot?: [resourceId: string, workdaysAgo: number, from: [number, number], to: [number, number]]
  steps: Step[]
}

const ok = (at: When, opinion?: string): Step => ({ at, action: 'approve', ...(opinion ? { opinion } : {}) })
const rate = (at: When, stars: number, opinion?: string): Step => ({ at, action: 'rate', stars, ...(opinion ? { opinion } : {}) })

/**
 * A month of 零跑动 in the offices: leave, certificates, cars, rooms, seals, supplies and trips, most
 * finished within their promise, some late, a few still open, one returned for correction, one refused
 * and one withdrawn. Each is filed and handled by the people the catalogue names, through the
 * functions the routes call, in the order they happened, so the inbox, the audit, the numbering, the
 * certificates and 办理时效 are what real use would leave. Deterministic for a given `now`; nothing is
 * stamped after it.
 */
const plans: Plan[] = [
  {
    who: 'u-staff-03',
    item: 'leave',
    at: [21, 9, 15],
    values: (d) => ({ kind: '年休假', start: addWorkdays(d, 2), end: addWorkdays(d, 3), reason: '今年的年休假还剩两天，回老家看看父母' }),
    steps: [ok([21, 10, 5], '同意，走之前把值班表交接好。'), ok([21, 14, 40]), rate([20, 9, 30], 5, '上午交的下午就批了，不用再拿纸质假条找人签字。')],
  },
  {
    who: 'u-dispatch-01',
    item: 'room',
    at: [21, 10, 0],
    values: () => ({ title: '人民调解案件质量评查会', attendees: 10, needs: '投影' }),
    slot: ['room-1-502', 20, [14, 30], [16, 0]],
    steps: [ok([21, 10, 40]), rate([19, 9, 40], 4, '会议室干净，投影最好提前调试一下。')],
  },
  {
    who: 'u-staff-06',
    item: 'car',
    at: [20, 9, 40],
    values: () => ({ reason: '到西乡街道调研政务服务一体机使用情况', from: '区政府大院', to: '西乡街道办事处', passengers: 3 }),
    slot: ['car-b2', 20, [14, 0], [17, 0]],
    steps: [ok([20, 10, 10]), ok([20, 11, 0])],
  },
  {
    who: 'u-sup-02',
    item: 'employment-cert',
    at: [20, 15, 10],
    values: () => ({ purpose: '办理贷款', note: '银行要求12月前提交' }),
    steps: [ok([19, 9, 50]), rate([19, 10, 20], 5, '线上就能开，不用专门跑一趟人力资源局。')],
  },
  {
    who: 'u-staff-05',
    item: 'seal',
    at: [19, 9, 20],
    values: () => ({ reason: '报送市政府办公厅的季度政务公开工作报告', docName: '关于2026年第三季度政务公开工作情况的报告', copies: 3, sealKind: '单位公章' }),
    slot: ['seal-gov', 19, [14, 30], [15, 30]],
    steps: [ok([19, 10, 0], '同意用印。'), ok([19, 11, 20]), { at: [19, 15, 20], action: 'confirm_use', opinion: '已用印 3 份' }],
  },
  {
    who: 'u-handler-02',
    item: 'supplies',
    at: [18, 9, 30],
    values: () => ({ item: 'A4 复印纸（箱）', quantity: 5, purpose: '低保年审材料打印' }),
    steps: [ok([18, 11, 0]), ok([17, 10, 30])],
  },
  {
    who: 'u-super-02',
    item: 'trip',
    at: [18, 14, 20],
    values: (d) => ({ destination: '沙井街道', start: addWorkdays(d, 1), end: addWorkdays(d, 1), transport: '公务车', reason: '实地督查沙井河水环境整治进度' }),
    steps: [ok([18, 15, 0], '知悉，注意安全，回来报一下情况。')],
  },
  {
    // returned: 用途 is 其他 and the 补充说明 says nothing; corrected the same afternoon
    who: 'u-clerk-02',
    item: 'income-cert',
    at: [17, 9, 10],
    values: () => ({ purpose: '其他' }),
    steps: [
      ok([17, 10, 0]),
      { at: [17, 14, 30], action: 'return', opinion: '用途选了「其他」，请在补充说明里写明具体用途，证明上要写。' },
      { at: [17, 15, 10], action: 'resubmit', values: { purpose: '其他', note: '办理子女积分入学' } },
      ok([16, 9, 40]),
      rate([16, 10, 0], 4, '退回时写清楚了要补什么，改完第二天一早就开好了。'),
    ],
  },
  {
    who: 'u-staff-02',
    item: 'room',
    at: [16, 9, 30],
    values: () => ({ title: '全区政务值班工作培训会', attendees: 28, needs: '话筒两只、投影' }),
    slot: ['room-1-301', 15, [9, 30], [11, 30]],
    steps: [ok([16, 10, 15]), rate([15, 14, 0], 5, '会前袁静还帮忙摆好了桌牌。')],
  },
  {
    who: 'u-sup-09',
    item: 'car',
    at: [16, 10, 30],
    values: () => ({ reason: '到福永街道送达行政复议文书', from: '区政府大院', to: '福永街道办事处', passengers: 2 }),
    slot: ['car-b1', 16, [14, 0], [17, 30]],
    steps: [ok([16, 11, 0]), ok([16, 11, 40])],
  },
  {
    who: 'u-partner-civil-01',
    item: 'leave',
    at: [15, 14, 10],
    values: (d) => ({ kind: '事假', start: addWorkdays(d, 1), end: addWorkdays(d, 1), reason: '孩子学校开家长会' }),
    steps: [ok([15, 16, 0]), ok([14, 9, 30])],
  },
  {
    who: 'u-staff-03',
    item: 'supplies',
    at: [14, 9, 0],
    values: () => ({ item: '硒鼓', quantity: 2, purpose: '秘书科打印机硒鼓用完了' }),
    steps: [ok([14, 9, 40]), ok([14, 14, 10]), rate([13, 9, 20], 3, '第一次拿的硒鼓型号不对，换了一次。')],
  },
  {
    who: 'u-dispatch-01',
    item: 'trip',
    at: [14, 10, 20],
    values: (d) => ({ destination: '广州', start: addWorkdays(d, 1), end: addWorkdays(d, 2), transport: '高铁', reason: '参加市里业务培训（全省人民调解员骨干培训班）' }),
    steps: [ok([14, 11, 5])],
  },
  {
    who: 'u-staff-06',
    item: 'employment-cert',
    at: [13, 9, 30],
    values: () => ({ purpose: '办理签证', note: '春节赴日本探亲' }),
    steps: [ok([13, 15, 20]), rate([12, 9, 10], 4, '证明上有核验码，使馆那边说可以。')],
  },
  {
    who: 'u-sup-02',
    item: 'seal',
    at: [13, 14, 30],
    values: () => ({ reason: '与运维服务商签订年度运维合同', docName: '预算管理一体化系统运维服务合同', copies: 4, sealKind: '合同专用章' }),
    slot: ['seal-contract', 12, [10, 0], [11, 0]],
    steps: [ok([13, 16, 0], '合同已经法律顾问审核，同意。'), ok([12, 9, 20]), { at: [12, 10, 50], action: 'confirm_use', opinion: '合同一式四份已盖章' }],
  },
  {
    // late: 派车 came after the four working hours had run out
    who: 'u-handler-02',
    item: 'car',
    at: [12, 9, 10],
    values: () => ({ reason: '走访慰问新桥街道困难群众', from: '区政府大院', to: '新桥街道办事处', passengers: 4 }),
    slot: ['car-b1', 11, [9, 0], [12, 0]],
    steps: [ok([12, 10, 0]), { at: [12, 14, 20], action: 'urge', opinion: '明早九点要出发，麻烦尽快派车。' }, ok([12, 16, 30], '今天车都派出去了，明早七座车在大院门口等。')],
  },
  {
    who: 'u-clerk-02',
    item: 'room',
    at: [11, 9, 40],
    values: () => ({ title: '政务数据共享目录梳理协调会', attendees: 8 }),
    slot: ['room-1-502', 11, [14, 30], [16, 0]],
    steps: [ok([11, 10, 20])],
  },
  {
    who: 'u-super-02',
    item: 'leave',
    at: [11, 10, 10],
    values: (d) => ({ kind: '病假', start: d, end: d, reason: '感冒发烧，上午去医院看病' }),
    steps: [ok([11, 10, 40], '好好休息。'), ok([11, 15, 0])],
  },
  {
    who: 'u-staff-05',
    item: 'employment-cert',
    at: [10, 9, 20],
    values: () => ({ purpose: '子女入学' }),
    steps: [ok([10, 11, 0]), rate([10, 14, 30], 5, '开得很快，学校扫码就能核验。')],
  },
  {
    who: 'u-sup-09',
    item: 'leave',
    at: [10, 14, 30],
    values: (d) => ({ kind: '年休假', start: addWorkdays(d, 3), end: addWorkdays(d, 5), reason: '年底调休，陪家人出去走走' }),
    steps: [ok([10, 15, 10]), ok([9, 11, 30])],
  },
  {
    // late: 机关事务管理局 prepared it two days on
    who: 'u-partner-civil-01',
    item: 'supplies',
    at: [9, 9, 30],
    values: () => ({ item: '文件盒', quantity: 10, purpose: '救助档案整理归档' }),
    steps: [ok([9, 10, 30]), ok([7, 11, 0], '文件盒刚到货，已备好，请到 1 号楼仓库领取。')],
  },
  {
    who: 'u-clerk-02',
    item: 'room',
    at: [9, 11, 0],
    values: () => ({ title: '电子证照应用推进会', attendees: 20 }),
    slot: ['room-1-301', 7, [14, 30], [16, 0]],
    steps: [{ at: [9, 11, 40], action: 'withdraw' }],
  },
  {
    who: 'u-staff-02',
    item: 'car',
    at: [8, 9, 15],
    values: () => ({ reason: '陪同区领导检查冬季安全生产（福海街道）', from: '区政府大院', to: '福海街道办事处', passengers: 4 }),
    slot: ['car-b2', 8, [14, 30], [17, 0]],
    steps: [ok([8, 9, 40]), ok([8, 10, 30]), rate([7, 9, 15], 5, '车辆准时，司机师傅很熟悉路线。')],
  },
  {
    who: 'u-dispatch-01',
    item: 'income-cert',
    at: [7, 10, 0],
    values: () => ({ purpose: '办理贷款', note: '公积金贷款用' }),
    steps: [ok([7, 11, 0]), ok([6, 15, 30]), rate([5, 9, 30], 4, '两天内开好了，比以前跑窗口快多了。')],
  },
  {
    who: 'u-staff-06',
    item: 'room',
    at: [6, 9, 30],
    values: () => ({ title: '政务服务“好差评”工作视频调度会', attendees: 45, needs: '视频会议终端、话筒' }),
    slot: ['room-2-101', 5, [14, 30], [17, 0]],
    steps: [ok([6, 11, 0])],
  },
  {
    // refused by the head: the visit goes with the district's own in December
    who: 'u-handler-02',
    item: 'car',
    at: [6, 14, 20],
    values: () => ({ reason: '走访石岩街道低保户', from: '区政府大院', to: '石岩街道办事处', passengers: 2 }),
    slot: ['car-b1', 5, [9, 30], [11, 30]],
    steps: [{ at: [6, 15, 0], action: 'reject', opinion: '这次走访和12月初的集中慰问一起安排，不单独派车。' }],
  },
  {
    who: 'u-clerk-02',
    item: 'supplies',
    at: [5, 9, 10],
    values: () => ({ item: '签字笔（盒）', quantity: 3, purpose: '收文登记用' }),
    steps: [ok([5, 9, 50]), ok([5, 14, 30]), rate([4, 9, 5], 5, '下午就备好了，省得跑一趟仓库。')],
  },
  {
    who: 'u-sup-02',
    item: 'leave',
    at: [4, 9, 30],
    values: (d) => ({ kind: '年休假', start: addWorkdays(d, 5), end: addWorkdays(d, 6), reason: '年底调休' }),
    steps: [ok([4, 10, 0]), ok([4, 14, 20])],
  },
  {
    // open and late: waiting for 机关事务管理局, chased once by the applicant
    who: 'u-staff-05',
    item: 'supplies',
    at: [4, 14, 0],
    values: () => ({ item: '档案袋（包）', quantity: 5, purpose: '文电科收文归档' }),
    steps: [ok([4, 15, 0]), { at: [2, 10, 0], action: 'urge', opinion: '档案袋这周归档要用，麻烦尽快备一下。' }],
  },
  {
    who: 'u-staff-03',
    item: 'seal',
    at: [3, 10, 0],
    values: () => ({ reason: '报送区委督查室的重点工作落实情况报告', docName: '关于区政府重点工作第三季度落实情况的报告', copies: 2, sealKind: '单位公章' }),
    slot: ['seal-gov', 3, [15, 0], [16, 0]],
    steps: [ok([3, 10, 30]), ok([3, 11, 10]), { at: [3, 15, 40], action: 'confirm_use', opinion: '已用印 2 份' }],
  },
  {
    who: 'u-super-02',
    item: 'employment-cert',
    at: [3, 14, 30],
    values: () => ({ purpose: '租房' }),
    steps: [ok([2, 10, 0])],
  },
  {
    // returned: still with the applicant
    who: 'u-handler-02',
    item: 'leave',
    at: [2, 15, 30],
    values: (d) => ({ kind: '事假', start: addWorkdays(d, 2), end: addWorkdays(d, 2), reason: '家里老人住院，需要陪护' }),
    steps: [{ at: [1, 9, 40], action: 'return', opinion: '你今年还有 5 天年休假没休，假别改成年休假吧，不扣绩效。' }],
  },
  // still open: waiting for 人事部门, for the head, for the head to note a trip
  { who: 'u-dispatch-01', item: 'employment-cert', at: [1, 16, 30], values: () => ({ purpose: '办理签证', note: '元旦赴新加坡旅游' }), steps: [] },
  {
    who: 'u-super-02',
    item: 'trip',
    at: [0, 9, 5],
    values: (d) => ({ destination: '深圳市政府', start: addWorkdays(d, 1), end: addWorkdays(d, 1), transport: '自行前往', reason: '参加市督查室年度督查工作座谈会' }),
    steps: [],
  },
  { who: 'u-staff-06', item: 'leave', at: [0, 9, 20], values: (d) => ({ kind: '年休假', start: addWorkdays(d, 3), end: addWorkdays(d, 4), reason: '年底调休' }), steps: [] },
]

export function seedRequests(db: Db, now: Date) {
  const today = cstDate(now)
  const wd = ([n, hour, minute]: When) => cstAt(workdayBefore(today, n), hour, minute)
  const ctx = (userId: string | null, when: Date): Ctx => ({ db, now: when, nowIso: toIso(when), user: userId ? db.users.find((u) => u.id === userId)! : null, sessionToken: null, requestId: 'seed', preview: false })

  // every submission and every step in the order it happened, so each call sees the district as it was
  const rows: (RequestRow | undefined)[] = []
  const events = plans.flatMap((p, i) => [{ i, when: wd(p.at), step: null as Step | null }, ...p.steps.map((s) => ({ i, when: wd(s.at), step: s }))])
  events.sort((a, b) => a.when.getTime() - b.when.getTime() || a.i - b.i)
  for (const { i, when, step } of events) {
    // a step later than now has not happened yet (only today's 09:xx is ever close)
    if (when > now) continue
    const p = plans[i]
    if (!step) {
      const slot = p.slot && { resourceId: p.slot[0], start: toIso(wd([p.slot[1], ...p.slot[2]])), end: toIso(wd([p.slot[1], ...p.slot[3]])) }
      const detail = submitRequest(ctx(p.who, when), { body: { itemId: p.item, values: p.values(cstDate(when)), ...(slot ? { slot } : {}) } })
      rows[i] = db.requests.find((r) => r.id === detail.id)
      continue
    }
    const row = rows[i]
    if (!row) continue
    const by =
      step.action === 'approve' || step.action === 'return' || step.action === 'reject'
        ? row.steps[row.stepIndex].holderId!
        : step.action === 'confirm_use'
          ? db.resources.find((x) => x.id === row.slot?.resourceId)!.ownerId
          : p.who
    // the person opens the request first (the detail route escalates what ran out), then acts on what they see
    escalateOverdue(ctx(by, when))
    if (step.action === 'resubmit') {
      resubmitRequest(ctx(by, when), { params: { id: row.id }, body: { version: row.version, values: { ...row.values, ...step.values } } })
      continue
    }
    actOnRequest(ctx(by, when), { params: { id: row.id }, body: { action: step.action, version: row.version, ...(step.opinion ? { opinion: step.opinion } : {}), ...(step.stars ? { stars: step.stars } : {}) } })
  }
  // a promise that ran out since the last call is escalated now, as the first call after the seed would
  escalateOverdue(ctx(null, now))
}
