import type { SupervisionAction } from '../../src/contract/supervision'
import { addDays, cstAt, cstDate, toIso } from '../../src/core/time'
import { isWorkday, workdayBefore } from '../../src/core/workdays'
import type { Ctx } from '../context'
import type { Db } from '../db'
import { defaultSupRules, type SupItemRow, type SupervisionTables } from '../supervision-db'
import { circulate } from '../handlers/documents'
import { act, createItem, feedback, runLadder } from '../handlers/supervision'

/** The 督查联络员 roster: who answers for a unit (head) and who signs and reports for it (联络员). */
export function supervisionTables(): SupervisionTables {
  return {
    items: [],
    units: [
      { deptId: 'dept-data', headId: 'u-head-02', liaisonId: 'u-staff-06' },
      { deptId: 'dept-civil', headId: 'u-head-03', liaisonId: 'u-handler-02' },
      { deptId: 'dept-finance', headId: 'u-staff-14', liaisonId: 'u-sup-02' },
      { deptId: 'dept-edu', headId: 'u-sup-01', liaisonId: 'u-staff-12' },
      { deptId: 'dept-affairs', headId: 'u-staff-13', liaisonId: 'u-office-01' },
      { deptId: 'dept-hr', headId: 'u-sup-06', liaisonId: 'u-hr-01' },
      { deptId: 'dept-justice', headId: 'u-staff-09', liaisonId: 'u-sup-09' },
      { deptId: 'street-xixiang', headId: 'u-sup-03', liaisonId: 'u-handler-03' },
      { deptId: 'street-shajing', headId: 'u-sup-04', liaisonId: 'u-sup-05' },
      { deptId: 'street-xinan', headId: 'u-sup-07', liaisonId: 'u-sup-08' },
    ],
    rules: defaultSupRules(),
  }
}

/**
 * A month of 督查 across the district, in every state and light. Like the 公文 seed, nothing is
 * written as rows: each item is replayed through the functions the routes call, at past times on
 * working days, so lights, inbox items and the audit trail are what real use would have left.
 */
export function seedSupervision(db: Db, now: Date) {
  const today = cstDate(now)
  /** hh:mm on the n-th working day before today (0: today, or the last working day) */
  const wd = (n: number, hour = 10, minute = 0) => cstAt(workdayBefore(today, n), hour, minute)
  const ahead = (n: number) => {
    let d = today
    for (let left = n; left > 0; ) {
      d = addDays(d, 1)
      if (isWorkday(d)) left--
    }
    return toIso(cstAt(d, 18))
  }
  const ctx = (userId: string, when: Date): Ctx => ({ db, now: when, nowIso: toIso(when), user: db.users.find((u) => u.id === userId)!, sessionToken: null, requestId: 'seed', preview: false })
  const unit = (deptId: string) => db.supervision.units.find((u) => u.deptId === deptId)!
  const step = (who: string, when: Date, s: SupItemRow, action: SupervisionAction, extra: Omit<Parameters<typeof act>[2], 'action' | 'version'> = {}) => act(ctx(who, when), s.id, { action, version: s.version, ...extra })
  const report = (who: string, when: Date, s: SupItemRow, percent: number, progress: string, nextStep: string, difficulty?: string, evidence: { kind: 'document' | 'subtask' | 'request'; refId: string }[] = []) =>
    feedback(ctx(who, when), s.id, { version: s.version, progress, nextStep, difficulty, percent, evidence, attachmentIds: [] })
  const open = (who: string, when: Date, x: Parameters<typeof createItem>[1]) => createItem(ctx(who, when), x)
  /** 立项 → 审核 → 交办 → every unit signs, the next working day morning */
  const started = (who: string, start: number, x: Parameters<typeof createItem>[1]) => {
    const s = open(who, wd(start, 9), x)
    step('u-staff-07', wd(start, 11), s, 'approve', { opinion: '同意立项。' })
    step(who, wd(start, 15), s, 'assign', { opinion: '请按时限办理，按频次反馈。' })
    for (const d of [...s.depts]) step(unit(d.deptId).liaisonId, wd(start - 1, 9, 30), s, 'sign')
    return s
  }
  const base = { attachmentIds: [], assistDeptIds: [] as string[], urgency: 'normal' as const, level: 'district' as const, rhythm: 'weekly' as const }

  // 转督办: 区政府领导 passes the 批办 documents to the 督查室 to follow
  for (const d of db.documents.filter((x) => x.kind === 'incoming' && x.opinions.some((o) => o.stage === 'instruct'))) {
    const leader = d.opinions.find((o) => o.stage === 'instruct')!.userId
    circulate(ctx(leader, wd(1, 9)), d.id, { version: d.version, readerIds: ['u-super-01', 'u-staff-07'], purpose: '请督查室跟踪督办。' })
  }

  // 1. 归档: 老旧小区加装电梯, 新安街道, finished on time
  const lift = started('u-super-01', 22, {
    ...base,
    title: '推进老旧小区既有住宅加装电梯民生实事',
    source: 'meeting',
    basis: '区政府第43次常务会议决定：2026年完成既有住宅加装电梯30台，新安街道年底前完成翻身、上川片区12台加装电梯的报建和开工。',
    deadline: toIso(wd(4, 18)),
    leaderId: 'u-leader-01',
    mainDeptId: 'street-xinan',
    rhythm: 'weekly',
  })
  report('u-sup-08', wd(16, 16), lift, 40, '已完成12台电梯的业主意见征询，9台完成报建。', '督促施工单位进场。')
  report('u-sup-08', wd(11, 16), lift, 75, '12台全部报建，8台开工。', '协调管线迁改。', '个别楼栋低层业主有异议，正在调解。')
  report('u-sup-08', wd(6, 16), lift, 100, '12台全部开工，其中5台完成安装。', '跟踪验收。')
  step('u-sup-07', wd(5, 10), lift, 'request_finish', { opinion: '12台加装电梯已全部开工，年度报建开工任务完成。' })
  step('u-super-01', wd(4, 10), lift, 'pass', { opinion: '经现场核查，任务完成。' })
  step('u-super-01', wd(3, 10), lift, 'archive')

  // 2. 已办结, late: 校园周边交通安全整治 (上级交办), 区教育局 with 区司法局
  const school = started('u-super-02', 20, {
    ...base,
    title: '开展校园周边交通安全和秩序专项整治',
    source: 'superior',
    basis: '市督查室交办：对全区中小学校园周边交通秩序、违规摆卖开展专项整治，建立“护学岗”长效机制。',
    deadline: toIso(wd(6, 18)),
    leaderId: 'u-staff-01',
    mainDeptId: 'dept-edu',
    assistDeptIds: ['dept-justice'],
    level: 'department',
  })
  report('u-staff-12', wd(14, 15), school, 50, '完成86所学校周边交通隐患排查。', '会同交警设置护学岗。')
  report('u-sup-09', wd(13, 15), school, 30, '完成校园周边普法宣传12场。', '配合开展法治进校园。')
  report('u-staff-12', wd(8, 15), school, 85, '护学岗覆盖72所学校。', '完成剩余学校护学岗设置。')
  step('u-sup-01', wd(4, 11), school, 'request_finish', { opinion: '86所学校全部设置护学岗，长效机制已建立。' })
  step('u-super-02', wd(3, 11), school, 'pass', { opinion: '同意办结，逾期 2 个工作日，已说明原因。' })

  // 3. 待复核: 人大建议 长者饭堂, 区民政局 with 西乡街道
  const canteen = started('u-super-01', 15, {
    ...base,
    title: '关于增设西乡街道社区长者饭堂的建议（第0215号）',
    source: 'npc_cppcc',
    basis: '区人大代表建议：西乡街道老年人口多，社区长者饭堂覆盖不足，建议2026年底前新增4个社区长者饭堂。',
    deadline: ahead(6),
    leaderId: 'u-staff-01',
    mainDeptId: 'dept-civil',
    assistDeptIds: ['street-xixiang'],
    rhythm: 'biweekly',
  })
  report('u-handler-02', wd(6, 16), canteen, 70, '固戍、臣田、河西3个社区长者饭堂已试运营。', '完成鹤洲社区选址。')
  report('u-handler-03', wd(5, 16), canteen, 60, '街道已落实鹤洲社区场地。', '配合装修。')
  step('u-head-03', wd(1, 10), canteen, 'request_finish', { opinion: '4个长者饭堂均已开业，已答复代表，代表表示满意。' })

  // 4. 办理中, linked to 公文 批办, green, with sub-tasks in a tree (one waits for another)
  const relief = db.documents.find((d) => d.kind === 'incoming' && d.stage === 'handle' && d.opinions.some((o) => o.stage === 'instruct'))
  const care = started('u-super-01', 4, {
    ...base,
    title: relief?.title.slice(0, 100) ?? '做好冬春困难群众基本生活保障',
    source: 'leader_instruction',
    basis: `郑婉清批示：同意拟办意见，请抓紧落实，按时报送。\n来文：广东省民政厅 粤民发〔2026〕118号`,
    deadline: ahead(12),
    leaderId: 'u-staff-01',
    mainDeptId: 'dept-civil',
    assistDeptIds: ['dept-data'],
    urgency: 'urgent',
    documentId: relief?.id,
  })
  step('u-head-03', wd(2, 10), care, 'add_subtask', { subtaskTitle: '低保、特困人员数据比对', ownerId: 'u-handler-02', deadline: ahead(3) })
  step('u-head-03', wd(2, 10, 10), care, 'add_subtask', { subtaskTitle: '困难群众走访慰问', ownerId: 'u-partner-civil-01', deadline: ahead(9), blockedBy: `${care.id}-t1` })
  step('u-head-03', wd(2, 10, 20), care, 'add_subtask', { subtaskTitle: '提供民政对象共享数据', ownerId: 'u-staff-06', deadline: ahead(2) })
  step('u-staff-06', wd(1, 15), care, 'finish_subtask', { subtaskId: `${care.id}-t3`, opinion: '已推送低保、特困人员最新名单1,284人。' })
  report('u-handler-02', wd(1, 16), care, 30, '已完成全区低保、特困对象数据比对，新增纳入救助67人。', '开展走访慰问。', undefined, [{ kind: 'subtask', refId: `${care.id}-t3` }])

  // 5. 办理中, yellow: deadline near, 沙井街道 燃气安全
  const gas = started('u-super-02', 18, {
    ...base,
    title: '城镇燃气安全专项整治百日行动',
    source: 'meeting',
    basis: '区安委会第5次全体会议决定：开展城镇燃气安全专项整治百日行动，沙井街道完成辖区1,200家餐饮场所燃气安全检查和“瓶改管”。',
    deadline: ahead(2),
    leaderId: 'u-leader-01',
    mainDeptId: 'street-shajing',
    urgency: 'urgent',
  })
  for (const [n, p] of [[12, 30], [7, 60], [2, 85]] as const) report('u-sup-05', wd(n, 15), gas, p, `已检查餐饮场所${p * 12}家，整改隐患${p * 3}处。`, '继续推进“瓶改管”。')

  // 6. 办理中, red: the second weekly feedback is missing, 区机关事务局 食堂
  const canteen2 = started('u-super-01', 12, {
    ...base,
    title: '机关食堂食品安全问题整改',
    source: 'leader_instruction',
    basis: '罗家明批示：机关食堂食品安全检查发现的6个问题，请区机关事务局限期整改，每周报进展。',
    deadline: ahead(8),
    leaderId: 'u-leader-01',
    mainDeptId: 'dept-affairs',
    level: 'department',
  })
  report('u-office-01', wd(7, 16), canteen2, 40, '已整改冷库温控、留样记录等3个问题。', '更换油烟净化设备。', '设备采购需走政府采购程序，周期较长。')

  // 7. 办理中, caught up: the 2nd feedback came late, so yellow, not green
  const data = started('u-super-02', 16, {
    ...base,
    title: '推进政务服务“一网通办”事项全覆盖',
    source: 'superior',
    basis: '市政务服务数据管理局交办：2026年底前实现区级政务服务事项“一网通办”全覆盖，可网办率达到98%以上。',
    deadline: ahead(15),
    leaderId: 'u-staff-01',
    mainDeptId: 'dept-data',
    assistDeptIds: ['dept-finance'],
  })
  report('u-staff-06', wd(11, 15), data, 40, '已梳理区级事项1,356项，可网办1,211项。', '推动剩余事项改造。')
  report('u-staff-06', wd(4, 15), data, 65, '完成62项事项的流程改造。', '完成电子证照对接。', '部分事项依赖市级系统接口。')
  report('u-sup-02', wd(4, 16), data, 50, '改造资金已纳入追加预算。', '配合资金拨付。')

  // 8. 办理中, 延期 asked and passed on to the 牵头领导 (区级)
  const hr = started('u-super-01', 10, {
    ...base,
    title: '完成2026年度事业单位公开招聘工作',
    source: 'leader_instruction',
    basis: '郑婉清批示：请区人力资源局按计划完成2026年度事业单位公开招聘，确保12月底前人员到岗。',
    deadline: ahead(3),
    leaderId: 'u-staff-01',
    mainDeptId: 'dept-hr',
    rhythm: 'biweekly',
  })
  report('u-hr-01', wd(1, 11), hr, 70, '笔试、面试已完成，拟聘人员公示中。', '组织体检和考察。')
  step('u-sup-06', wd(1, 14), hr, 'request_extension', { deadline: ahead(10), opinion: '体检机构排期至下月，需延期 7 个工作日完成体检和考察。' })
  step('u-super-01', wd(1, 16), hr, 'approve_extension', { opinion: '情况属实，同意，报牵头领导。' })

  // 9. 待签收: 区人力资源局 not yet signed, 区财政局 signed
  const budget = open('u-super-02', wd(0, 8, 30), {
    ...base,
    title: '编制2027年度政府投资项目计划',
    source: 'meeting',
    basis: '区政府第45次常务会议决定：区财政局会同区人力资源局等单位，于12月底前完成2027年度政府投资项目计划编制。',
    deadline: ahead(20),
    leaderId: 'u-leader-01',
    mainDeptId: 'dept-finance',
    assistDeptIds: ['dept-hr'],
    rhythm: 'monthly',
  })
  step('u-staff-07', wd(0, 8, 45), budget, 'approve')
  step('u-super-02', wd(0, 9, 0), budget, 'assign')
  step('u-sup-02', wd(0, 9, 20), budget, 'sign')

  // 10. 待签收 and red: 西乡街道 has not signed within its working day
  const road = open('u-super-01', wd(3, 9), { ...base, title: '西乡大道沿线占道经营集中整治', source: 'other', basis: '12345热线本月集中反映西乡大道沿线占道经营问题47件，请西乡街道集中整治并建立长效管理机制。', deadline: ahead(10), leaderId: 'u-leader-02', mainDeptId: 'street-xixiang', level: 'department' })
  step('u-staff-07', wd(3, 10), road, 'approve')
  step('u-super-01', wd(3, 11), road, 'assign')

  // 11. 待交办 again: 区司法局 returned it as not its duty
  const tenancy = open('u-super-02', wd(2, 9), { ...base, title: '规范住房租赁市场秩序专项行动', source: 'superior', basis: '市住房和建设局交办：开展住房租赁市场秩序专项整治，查处违规“二房东”和租金贷。', deadline: ahead(25), leaderId: 'u-leader-01', mainDeptId: 'dept-justice', level: 'district', rhythm: 'monthly' })
  step('u-staff-07', wd(2, 10), tenancy, 'approve')
  step('u-super-02', wd(2, 11), tenancy, 'assign')
  step('u-sup-09', wd(1, 10), tenancy, 'decline', { opinion: '住房租赁监管不属于本单位职责，建议交区住房和建设局。' })

  // 12. 待审核, and 13. 退回修改
  open('u-super-02', wd(0, 9, 10), { ...base, title: '做好2027年元旦春节期间安全生产工作', source: 'leader_instruction', basis: '罗家明批示：节前开展安全生产大检查，请各街道抓好落实。', deadline: ahead(18), leaderId: 'u-leader-01', mainDeptId: 'street-shajing', assistDeptIds: ['street-xixiang', 'street-xinan'] })
  const draft = open('u-super-01', wd(2, 14), { ...base, title: '政务数据共享目录编制', source: 'other', basis: '按照年度工作安排，编制全区政务数据共享目录。', deadline: ahead(30), leaderId: 'u-staff-01', mainDeptId: 'dept-data', level: 'department', rhythm: 'monthly' })
  step('u-staff-07', wd(1, 9, 30), draft, 'reject', { opinion: '立项依据不明确，请补充领导批示或会议决定的出处。' })

  // the 督查室 chased the red ones by hand this morning; the ladder's clock starts from there
  step('u-super-01', wd(0, 9, 30), canteen2, 'escalate', { opinion: '第 2 次反馈已逾期，请今天内补报。' })
  runLadder(ctx('u-super-01', wd(0, 9, 40)))
}
