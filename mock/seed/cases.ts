import type { CaseAction, CaseOutcome, RiskFactor } from '../../src/contract/cases'
import type { SafeContact } from '../../src/contract/safe-contact'
import type { HelpSituation } from '../../src/contract/help'
import { toIso } from '../../src/core/time'
import type { Ctx } from '../context'
import type { CaseRow, Db } from '../db'
import { actOnCase, answerReferral, assessCase, createCase, escalateCases, libraryDraftOf, referCase, reviewLibrary, submitHelp, submitToLibrary } from '../handlers/cases'
import { idCheckDigit } from './people'

const id18 = (first17: string) => first17 + idCheckDigit(first17)

const sms: SafeContact = { channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true, note: undefined }
const phoneAny: SafeContact = { channels: ['phone', 'sms'], window: 'any', doNotCallHome: false, note: undefined }
const evening: SafeContact = { channels: ['phone'], window: 'evening', doNotCallHome: true, note: '接通后先问是否方便说话' }

/**
 * 妇联维权 cases across the ten streets, in every state, from every channel, in every colour, with
 * referrals accepted, returned, re-sent and overdue. People are invented. Like the documents, each case
 * is replayed through the functions the routes call, at past times, so its timeline, inbox items,
 * clocks and audit trail are what real use would have left.
 */
export function seedCases(db: Db, now: Date) {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000)
  const ctx = (userId: string | null, when: Date): Ctx => ({
    db,
    now: when,
    nowIso: toIso(when),
    user: userId ? db.users.find((u) => u.id === userId)! : null,
    sessionToken: null,
    requestId: 'seed',
    preview: false,
  })
  const byId = (id: string) => db.cases.find((c) => c.id === id)!
  const intake = (userId: string, h: number, body: Parameters<typeof createCase>[1]['body']) => byId(createCase(ctx(userId, hoursAgo(h)), { body }).id)
  const help = (userId: string, h: number, situations: HelpSituation[], streetName: string, safeContact: SafeContact, inDangerNow = false, words?: string) =>
    byId(submitHelp(ctx(userId, hoursAgo(h)), { body: { situations, inDangerNow, words, streetName: streetName as never, anonymous: false, safeContact } }).id)
  const act = (userId: string, h: number, c: CaseRow, action: CaseAction, extra: { opinion?: string; toUserId?: string; satisfaction?: number; nextAt?: string; outcome?: CaseOutcome } = {}) =>
    actOnCase(ctx(userId, hoursAgo(h)), { params: { id: c.id }, body: { action, version: c.version, ...extra } })
  const assess = (userId: string, h: number, c: CaseRow, answers: RiskFactor[]) => assessCase(ctx(userId, hoursAgo(h)), { params: { id: c.id }, body: { version: c.version, answers } })
  const refer = (userId: string, h: number, c: CaseRow, items: { unitId: string; task: string; acceptHours: number }[]) => referCase(ctx(userId, hoursAgo(h)), { params: { id: c.id }, body: { version: c.version, items } })
  const answer = (userId: string, h: number, c: CaseRow, n: number, action: 'accept' | 'return' | 'report', note?: string) =>
    answerReferral(ctx(userId, hoursAgo(h)), { params: { id: c.id, referralId: c.referrals[n].id }, body: { action, version: c.version, note } })
  const base = { otherName: undefined, childName: undefined, minor: false, photoId: undefined }

  // 1. 西乡, 12338: red; 公安 accepted, 民政 returned, re-sent to 民政 and accepted — the ★ flow
  const c1 = intake('u-fed-02', 50, {
    ...base,
    channel: 'hotline',
    category: 'domestic_violence',
    streetName: '西乡街道',
    summary: '来电称丈夫酒后多次殴打，昨晚持菜刀威胁，现带孩子暂住朋友家，不敢回家。',
    subject: { name: '梁雪芬', phone: '13926581047', idNumber: id18('44030619880523264'), address: '宝安区西乡街道盐田社区盐田二路16号5栋402', whereabouts: '暂住流塘社区朋友家' },
    otherName: '罗志强',
    childName: '罗子涵',
    safeContact: sms,
    riskAnswers: ['weapon', 'threat_to_kill', 'escalation', 'children_at_risk', 'substance'],
  })
  refer('u-fed-02', 49, c1, [
    { unitId: 'dept-police', task: '请核实警情，视情出具告诫书', acceptHours: 4 },
    { unitId: 'dept-civil', task: '请安排临时庇护', acceptHours: 12 },
  ])
  answer('u-partner-police-02', 48, c1, 0, 'accept', '已安排西乡派出所民警联系')
  answer('u-partner-civil-01', 46, c1, 1, 'return', '临时庇护请先经街道民政办评估，请补充街道评估意见')
  refer('u-fed-02', 44, c1, [{ unitId: 'dept-civil', task: '街道已评估同意，请安排临时庇护（附评估意见）', acceptHours: 12 }])
  answer('u-partner-civil-01', 40, c1, 2, 'accept', '已安排救助管理站临时庇护')
  answer('u-partner-police-02', 30, c1, 0, 'report', '已出具告诫书，对方签收')

  // 2. 沙井, 执委 report: waiting to be taken on
  intake('u-staff-38', 5, {
    ...base,
    channel: 'exec_report',
    category: 'marriage_family',
    streetName: '沙井街道',
    summary: '社区走访发现一户夫妻长期争吵，女方情绪低落，希望妇联介入调解。',
    subject: { name: '陈美玲' },
    safeContact: phoneAny,
    riskAnswers: [],
  })

  // 3. 石岩, 一键求助 in danger now: red, the 24-hour clock running, nobody has acted yet
  help('r-resident-07', 3, ['hurt', 'threatened'], '石岩街道', sms, true, '他今晚还会回来')

  // 4. 福永, 来访: 婚姻家庭, done and waiting for 核准
  const c4 = intake('u-staff-28', 120, {
    ...base,
    channel: 'walk_in',
    category: 'marriage_family',
    streetName: '福永街道',
    summary: '来访咨询离婚财产分割和孩子抚养问题，情绪稳定。',
    subject: { name: '周婉华', phone: '15813726490' },
    safeContact: phoneAny,
    riskAnswers: [],
  })
  act('u-staff-28', 119, c4, 'start')
  act('u-staff-28', 100, c4, 'note', { opinion: '已约司法所律师提供法律咨询' })
  act('u-staff-28', 26, c4, 'close', { outcome: 'legal_aid', opinion: '已提供法律咨询并告知诉讼途径，当事人表示清楚' })

  // 5. 航城, 12338: orange; the 司法所 has not accepted within its deadline (overdue, escalated)
  const c5 = intake('u-staff-25', 40, {
    ...base,
    channel: 'hotline',
    category: 'domestic_violence',
    streetName: '航城街道',
    summary: '来电称丈夫长期辱骂、控制经济，近期提出离婚后被跟踪。',
    subject: { name: '谢晓红', phone: '18928403716', address: '宝安区航城街道三围社区航城大道102号' },
    otherName: '朱文斌',
    safeContact: evening,
    riskAnswers: ['separation', 'stalking', 'suicide_threat'],
  })
  refer('u-staff-25', 38, c5, [{ unitId: 'street-hangcheng-sfs', task: '请开展婚姻家庭纠纷调解，并提供法律援助咨询', acceptHours: 24 }])

  // 6. 福海, 未成年人: minors' case, referred to 检察院 (accepted)
  const c6 = intake('u-staff-31', 72, {
    ...base,
    channel: 'hotline',
    category: 'minor_rights',
    streetName: '福海街道',
    summary: '学校老师来电反映一名初中女生身上多处淤青，称被继父打。',
    subject: { name: '邓丽萍', phone: '13590361824' },
    otherName: '黄建平',
    childName: '邓佳怡',
    minor: true,
    safeContact: phoneAny,
    riskAnswers: ['children_at_risk', 'injuries'],
  })
  refer('u-staff-31', 70, c6, [{ unitId: 'dept-procuratorate', task: '涉未成年人受侵害，请开展强制报告线索核查', acceptHours: 24 }])
  answer('u-staff-17', 66, c6, 0, 'accept', '已受理，未检部门跟进')

  // 7. 松岗, 心理咨询: handling with a counsellor helping
  const c7 = intake('u-staff-43', 90, {
    ...base,
    channel: 'walk_in',
    category: 'counselling',
    streetName: '松岗街道',
    summary: '产后情绪低落，失眠，希望获得心理疏导。',
    subject: { name: '吴佩琪', phone: '17688402913' },
    safeContact: phoneAny,
    riskAnswers: [],
  })
  act('u-staff-43', 89, c7, 'start')
  act('u-staff-43', 88, c7, 'assign_helper', { toUserId: 'u-counsel-01', opinion: '请安排 3 次心理咨询' })

  // 8. 燕罗, 困境帮扶: visited, waiting to be filed
  const c8 = intake('u-staff-46', 400, {
    ...base,
    channel: 'walk_in',
    category: 'hardship',
    streetName: '燕罗街道',
    summary: '单亲母亲失业，两个孩子上学困难，申请帮扶。',
    subject: { name: '蓝秀梅', phone: '13751629408', address: '宝安区燕罗街道燕川社区燕川北路8号' },
    safeContact: phoneAny,
    riskAnswers: [],
  })
  act('u-staff-46', 399, c8, 'start')
  refer('u-staff-46', 398, c8, [{ unitId: 'dept-civil', task: '请评估临时救助和低保资格', acceptHours: 48 }])
  answer('u-partner-civil-01', 380, c8, 0, 'accept')
  answer('u-partner-civil-01', 300, c8, 0, 'report', '已批准临时救助 3000 元')
  act('u-staff-46', 290, c8, 'close', { outcome: 'assistance', opinion: '已落实临时救助，并推荐就业岗位' })
  act('u-staff-08', 280, c8, 'approve')
  act('u-staff-46', 100, c8, 'follow_up', { satisfaction: 5, opinion: '已上岗，生活稳定' })

  // 9. 新安, 12338: red; acted on at once, then 督办 by the head
  const c9 = intake('u-staff-20', 30, {
    ...base,
    channel: 'hotline',
    category: 'domestic_violence',
    streetName: '新安街道',
    summary: '来电称前夫多次上门纠缠，曾掐脖子，扬言不复婚就同归于尽。',
    subject: { name: '钟慧敏', phone: '13537820619', whereabouts: '已搬至亲戚家' },
    otherName: '杨海涛',
    safeContact: sms,
    riskAnswers: ['strangulation', 'threat_to_kill', 'stalking'],
  })
  act('u-staff-20', 29, c9, 'safety_action', { opinion: '已陪同报警，派出所已受案；协助申请人身安全保护令' })
  act('u-staff-08', 20, c9, 'supervise', { opinion: '保护令申请进度每天报一次' })
  refer('u-staff-20', 19, c9, [{ unitId: 'dept-court', task: '当事人申请人身安全保护令，请依法审查', acceptHours: 24 }])
  answer('u-partner-court-01', 15, c9, 0, 'accept', '已立案审查')

  // 10. 新桥, 婚姻家庭: approved, waiting for 回访
  const c10 = intake('u-staff-39', 300, {
    ...base,
    channel: 'hotline',
    category: 'marriage_family',
    streetName: '新桥街道',
    summary: '婆媳矛盾激化，丈夫不作为，女方要求调解。',
    subject: { name: '麦秀珍', phone: '13828056417' },
    safeContact: phoneAny,
    riskAnswers: [],
  })
  act('u-staff-39', 299, c10, 'start')
  refer('u-staff-39', 298, c10, [{ unitId: 'street-xinqiao-sfs', task: '请组织家庭矛盾调解', acceptHours: 24 }])
  answer('u-staff-40', 290, c10, 0, 'accept')
  answer('u-staff-40', 200, c10, 0, 'report', '调解成功，双方签订调解协议')
  act('u-staff-39', 190, c10, 'close', { outcome: 'mediated', opinion: '调解成功' })
  act('u-staff-08', 150, c10, 'approve', { opinion: '同意' })

  // 11. 新安, 来访: all the way to 归档
  const c11 = intake('u-staff-20', 700, {
    ...base,
    channel: 'walk_in',
    category: 'domestic_violence',
    streetName: '新安街道',
    summary: '丈夫推搡致轻伤，要求出具告诫书。',
    subject: { name: '温雅琳', phone: '15914207358' },
    otherName: '张伟',
    safeContact: phoneAny,
    riskAnswers: ['injuries'],
  })
  act('u-staff-20', 699, c11, 'start')
  refer('u-staff-20', 698, c11, [{ unitId: 'dept-police', task: '请出具告诫书', acceptHours: 8 }])
  answer('u-partner-police-01', 696, c11, 0, 'accept')
  answer('u-partner-police-01', 680, c11, 0, 'report', '已出具告诫书')
  act('u-staff-20', 670, c11, 'close', { outcome: 'warning_letter', opinion: '告诫书已出具，未再发生暴力' })
  act('u-staff-08', 660, c11, 'approve')
  act('u-staff-20', 500, c11, 'follow_up', { satisfaction: 4, opinion: '关系缓和' })
  act('u-staff-20', 499, c11, 'archive')

  // 12. 西乡, 执委 report declined: a neighbour quarrel, sent to 调解 instead
  const c12 = intake('u-fedexec-01', 60, {
    ...base,
    channel: 'exec_report',
    category: 'other',
    streetName: '西乡街道',
    summary: '两户邻居因噪音争吵，其中一方为独居女性。',
    subject: { name: '许丽娟' },
    safeContact: phoneAny,
    riskAnswers: [],
  })
  act('u-fed-02', 55, c12, 'decline', { opinion: '属邻里纠纷，已转社区人民调解委员会' })

  // 13. 沙井, 12338: red and nobody acted within 24 hours — escalated by the system
  intake('u-staff-34', 30, {
    ...base,
    channel: 'hotline',
    category: 'domestic_violence',
    streetName: '沙井街道',
    summary: '来电称怀孕五个月，丈夫多次殴打，情绪越来越暴躁。',
    subject: { name: '罗晓燕', phone: '13699527043', address: '宝安区沙井街道步涌社区步涌工业路22号' },
    otherName: '曾国威',
    safeContact: evening,
    riskAnswers: ['pregnant', 'escalation', 'injuries', 'stalking'],
  })

  // 14. 福永, 一键求助 about a child: a minors' case waiting to be taken on
  help('r-resident-03', 8, ['child'], '福永街道', phoneAny, false, '孩子在学校被同学欺负')

  // 15. 航城, 一键求助: taken on, 医院 reported back
  const c15 = help('r-resident-05', 200, ['talk', 'marriage'], '航城街道', sms)
  act('u-staff-25', 198, c15, 'accept')
  act('u-staff-25', 197, c15, 'start')
  assess('u-staff-25', 196, c15, ['separation'])
  refer('u-staff-25', 195, c15, [{ unitId: 'dept-hospital', task: '请安排心理门诊评估', acceptHours: 24 }])
  answer('u-staff-18', 190, c15, 0, 'accept')
  answer('u-staff-18', 120, c15, 0, 'report', '已完成评估，建议每两周复诊')

  // 维权案例库: the server's anonymised draft, a lesson in the owner's words, reviewed by 区妇联
  const toLibrary = (userId: string, h: number, c: CaseRow, outcome: CaseOutcome, lesson: string) => {
    const draft = libraryDraftOf(ctx(userId, hoursAgo(h)), { params: { id: c.id } })
    return submitToLibrary(ctx(userId, hoursAgo(h)), { params: { id: c.id }, body: { title: draft.title, story: draft.story, lesson, outcome } })
  }
  const review = (userId: string, h: number, entryId: string, action: 'approve' | 'refuse', note?: string) => {
    const row = db.caseLibrary!.find((e) => e.id === entryId)!
    return reviewLibrary(ctx(userId, hoursAgo(h)), { params: { entryId }, body: { action, version: row.version, note } })
  }
  const l11 = toLibrary('u-staff-20', 480, c11, 'warning_letter', '轻微家暴及时请公安出具告诫书，配合回访，往往能制止暴力再次发生；回访时要单独与求助人通话。')
  review('u-staff-08', 470, l11.id, 'approve', '写得清楚，可供街道学习')
  const l8 = toLibrary('u-staff-46', 90, c8, 'assistance', '困境妇女先解决眼前生活，再对接就业，民政临时救助与社区岗位一起用。')
  review('u-staff-08', 80, l8.id, 'approve')
  const l10 = toLibrary('u-staff-39', 140, c10, 'mediated', '家庭矛盾请司法所调解，调解前先分别听取双方。')
  review('u-staff-08', 130, l10.id, 'refuse', '办案启示太短，请补充调解中的具体做法后重新提交')

  // the clocks catch up to today: overdue referrals and red cases without action escalate now
  escalateCases(ctx(null, now))
}
