import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex } from '@noble/hashes/utils'
import type { DocumentAction } from '../../src/contract/documents'
import { addDays, cstAt, cstDate, toIso } from '../../src/core/time'
import type { Ctx } from '../context'
import type { Db, DocumentRow } from '../db'
import { act, circulate, createDraft, markRead, newIncoming } from '../handlers/documents'
import { toBase64 } from '../lib/base64'
import { officeClerk } from '../lib/org'
import { simplePdf } from '../lib/pdf'
import { signaturePng } from '../lib/png'

/**
 * 公文 in every state across the district's offices. They are not written as rows: each one is
 * replayed through the same functions the routes call, at past times, so the flow, the numbering,
 * the inbox items and the audit trail are exactly what real use would have left.
 */
export function seedDocuments(db: Db, now: Date) {
  const today = cstDate(now)
  const at = (daysAgo: number, hour: number, minute = 0) => cstAt(addDays(today, -daysAgo), hour, minute)
  const ctx = (userId: string, when: Date): Ctx => ({
    db,
    now: when,
    nowIso: toIso(when),
    user: db.users.find((u) => u.id === userId)!,
    sessionToken: null,
    requestId: 'seed',
    preview: false,
  })
  let sig = 0
  const step = (userId: string, when: Date, d: DocumentRow, action: DocumentAction, extra: Omit<Parameters<typeof act>[2], 'action' | 'version'> = {}) => {
    const needsSignature = action === 'approve' && d.tasks.some((t) => t.state === 'open' && t.userId === userId && (t.stage === 'sign' || t.stage === 'instruct'))
    act(ctx(userId, when), d.id, { action, version: d.version, ...(needsSignature ? { signature: signaturePng(sig++) } : {}), ...extra })
  }
  const attach = (userId: string, when: Date, name: string, lines: string[]) => {
    const data = simplePdf(lines)
    const id = `file-seed-${db.files.length + 1}`
    db.files.push({ id, name, size: data.length, mime: 'application/pdf', sha256: bytesToHex(sha256(data)), uploadedBy: userId, createdAt: toIso(when), data: toBase64(data) })
    return id
  }
  const draft = (userId: string, when: Date, input: Parameters<typeof createDraft>[1]) => createDraft(ctx(userId, when), input)
  const flowTo = (d: DocumentRow, when: Date, until: 'review' | 'countersign' | 'sign' | 'number' | 'distribute' | 'done') => {
    const order = ['review', 'countersign', 'sign', 'number', 'distribute', 'done']
    step(d.drafterId!, when, d, 'submit')
    let minute = 0
    while (d.status === 'in_progress' && order.indexOf(d.stage) < order.indexOf(until)) {
      const t = d.tasks.find((x) => x.state === 'open')!
      minute += 40
      const opinion = t.stage === 'review' ? '文字已核，同意送会签。' : t.stage === 'countersign' ? '同意。' : t.stage === 'sign' ? '同意印发。' : undefined
      step(t.userId, new Date(when.getTime() + minute * 60_000), d, 'approve', opinion ? { opinion } : {})
    }
  }

  // 1. 通知, all the way: numbered, distributed to 区政数局 and 区民政局 (who receive it), copied to 区教育局
  const notice = draft('u-clerk-01', at(9, 9), {
    docType: '通知',
    title: '关于做好2026年冬季安全生产工作的通知',
    secrecy: 'none',
    urgency: 'normal',
    mainToDeptIds: ['dept-data', 'dept-civil'],
    ccDeptIds: ['dept-edu'],
    countersignDeptIds: ['dept-data', 'dept-civil'],
    signerId: 'u-leader-01',
    body: '各有关单位：\n\n入冬以来，我区安全生产形势总体平稳，但火灾、燃气、道路交通等领域风险上升。为切实做好今冬明春安全生产工作，现将有关事项通知如下：\n\n一、压实安全生产责任。各单位主要负责人是本单位安全生产第一责任人，要亲自部署、亲自检查。\n\n二、开展隐患排查整治。12月底前完成对辖区人员密集场所、燃气使用场所、“三小”场所的全覆盖排查，建立问题清单，逐项整改销号。\n\n三、加强应急值守。严格执行24小时值班和领导带班制度，遇有突发情况按规定及时报告。\n\n请各单位于2026年12月20日前将排查整治情况报区政府办公室。',
    attachmentIds: [attach('u-clerk-01', at(9, 8), '附件1：冬季安全生产隐患排查表.pdf', ['附件1', '冬季安全生产隐患排查表', '一、人员密集场所：消防通道是否畅通，应急照明、疏散指示标志是否完好，消防设施是否定期检测。', '二、燃气使用场所：餐饮单位是否安装可燃气体报警装置，燃气管道、软管、阀门有无老化泄漏。', '三、“三小”场所：是否存在住人、违规用电、电动自行车违规停放充电。', '排查单位（盖章）：            填报人：            联系电话：', '请于2026年12月20日前报区政府办公室。'])],
  })
  flowTo(notice, at(8, 9), 'done')

  // 2. 请示 of 区政数局, urgent and past its deadline, waiting for 区财政局 to countersign
  const ask = draft('u-clerk-02', at(6, 9), {
    docType: '请示',
    title: '关于申请2027年度政务信息化项目资金的请示',
    secrecy: 'none',
    urgency: 'urgent',
    deadline: toIso(at(1, 18)),
    mainToDeptIds: ['dept-gov-office'],
    ccDeptIds: [],
    countersignDeptIds: ['dept-finance', 'dept-civil'],
    signerId: 'u-staff-01',
    body: '区政府：\n\n根据《宝安区数字政府建设三年行动方案》，我局拟于2027年实施“一网协同”平台扩容、政务数据共享交换平台升级等5个项目，预算合计1,860万元。经区财政局初审，上述项目符合年度预算安排方向。\n\n妥否，请批示。',
    attachmentIds: [attach('u-clerk-02', at(6, 8), '附件：2027年度政务信息化项目清单.pdf', ['附件', '2027年度政务信息化项目清单', '1. “一网协同”平台扩容  620万元', '2. 政务数据共享交换平台升级  480万元', '3. 基层治理移动应用迭代  310万元', '4. 政务外网安全加固  270万元', '5. 电子证照库扩容  180万元', '合计：1,860万元'])],
  })
  flowTo(ask, at(5, 9), 'countersign')
  step('u-staff-14', at(4, 10), ask, 'approve', { opinion: '同意，资金在2027年预算中统筹安排。' })

  // 3. 函 waiting for 核稿 by 钟秀琴
  const letter = draft('u-clerk-01', at(1, 9), {
    docType: '函',
    title: '关于商请协助开展政务数据共享专项检查的函',
    secrecy: 'none',
    urgency: 'normal',
    mainToDeptIds: ['dept-data'],
    ccDeptIds: [],
    countersignDeptIds: [],
    signerId: 'u-leader-02',
    body: '区政务服务数据管理局：\n\n为落实市政府关于政务数据共享的工作部署，我办拟于12月上旬对各部门数据共享目录执行情况开展专项检查，商请贵局派员协助，并提供共享交换平台近一年的调用统计。\n\n请于12月1日前将联系人报我办文电科。\n\n特此函商。',
    attachmentIds: [],
  })
  step('u-clerk-01', at(1, 10), letter, 'submit')

  // 4. 报告 waiting for 罗家明 to sign
  const report = draft('u-clerk-01', at(4, 9), {
    docType: '报告',
    title: '关于2026年第三季度政务公开工作情况的报告',
    secrecy: 'none',
    urgency: 'normal',
    mainToDeptIds: ['dept-gov-office'],
    ccDeptIds: [],
    countersignDeptIds: ['dept-data'],
    signerId: 'u-leader-01',
    body: '市政府办公厅：\n\n2026年第三季度，我区共主动公开政府信息4,328条，办理依申请公开127件，按期答复率100%。现将有关情况报告如下：\n\n一、主动公开情况……\n二、依申请公开情况……\n三、存在问题及下一步工作……\n\n特此报告。',
    attachmentIds: [],
  })
  flowTo(report, at(3, 9), 'sign')

  // 5. 秘密 纪要 signed, waiting for 编号用印 by 黄雅婷
  const minutes = draft('u-staff-02', at(3, 14), {
    docType: '纪要',
    title: '区政府第45次常务会议纪要',
    secrecy: 'confidential',
    urgency: 'normal',
    mainToDeptIds: ['dept-data', 'dept-finance'],
    ccDeptIds: [],
    countersignDeptIds: [],
    signerId: 'u-leader-02',
    body: '2026年11月18日，区长主持召开区政府第45次常务会议，研究了以下事项：\n\n一、审议通过《宝安区2027年政府投资项目计划（草案）》。\n二、研究2027年民生实事项目。\n三、听取全区安全生产工作情况汇报。\n\n出席：区政府领导班子成员。列席：区政府办公室、区财政局、区政务服务数据管理局主要负责同志。',
    attachmentIds: [],
  })
  flowTo(minutes, at(2, 9), 'number')

  // 6. a draft not yet sent
  draft('u-clerk-01', at(0, 8), {
    docType: '通知',
    title: '关于开展2027年元旦春节期间走访慰问活动的通知',
    secrecy: 'none',
    urgency: 'normal',
    mainToDeptIds: ['dept-civil'],
    ccDeptIds: ['dept-wf'],
    countersignDeptIds: ['dept-civil'],
    signerId: 'u-staff-01',
    body: '各有关单位：\n\n为做好2027年元旦春节期间走访慰问工作，把党和政府的温暖送到困难群众身边，现就有关事项通知如下：……',
    attachmentIds: [],
  })

  // 7. returned to the drafter by 钟秀琴
  const duty = draft('u-clerk-01', at(2, 9), {
    docType: '通知',
    title: '关于调整区政府办公室值班安排的通知',
    secrecy: 'none',
    urgency: 'urgent',
    mainToDeptIds: ['dept-gov-office'],
    ccDeptIds: [],
    countersignDeptIds: [],
    signerId: 'u-leader-02',
    body: '各科室：\n\n因元旦假期临近，经研究，对12月下旬至1月上旬的值班安排作如下调整：……',
    attachmentIds: [],
  })
  step('u-clerk-01', at(2, 10), duty, 'submit')
  step('u-staff-04', at(1, 15), duty, 'return', { toStage: 'draft', opinion: '值班表缺少1月1日至3日的带班领导，请补充后再送。' })

  // incoming documents of 区政府办公室, registered by its 文书
  const registrar = officeClerk(db, 'dept-gov-office')!.id
  const incoming = (when: Date, x: Omit<Parameters<typeof newIncoming>[1], 'officeId' | 'registrarId' | 'sourceDocId' | 'attachmentIds'> & { attachments?: [string, string[]][] }) => {
    const { attachments = [], ...rest } = x
    const d = newIncoming(
      { db, nowIso: toIso(when) },
      { ...rest, officeId: 'dept-gov-office', registrarId: registrar, sourceDocId: null, attachmentIds: attachments.map(([name, lines]) => attach(registrar, when, name, lines)) },
    )
    d.timeline.push({ at: toIso(when), actorName: '公文交换系统', action: '来文送达', note: x.fromUnit })
    return d
  }
  const through = (d: DocumentRow, when: Date, until: 'register' | 'check' | 'propose' | 'instruct' | 'handle' | 'done', picks: { leader?: string; main?: string; assists?: string[] } = {}) => {
    const order = ['receive', 'register', 'check', 'propose', 'instruct', 'handle', 'done']
    let minute = 0
    while (d.status === 'in_progress' && order.indexOf(d.stage) < order.indexOf(until)) {
      minute += 45
      const w = new Date(when.getTime() + minute * 60_000)
      const open = d.tasks.filter((x) => x.state === 'open')
      const t = open.find((x) => x.role !== 'main') ?? open[0]
      if (t.stage === 'propose') step(t.userId, w, d, 'approve', { opinion: `拟请${db.users.find((u) => u.id === picks.leader)?.name}同志阅示，由${db.departments.find((x) => x.id === picks.main)?.shortName}牵头办理。`, toUserId: picks.leader })
      else if (t.stage === 'instruct') step(t.userId, w, d, 'approve', { opinion: '同意拟办意见，请抓紧落实，按时报送。', mainDeptId: picks.main, assistDeptIds: picks.assists ?? [] })
      else if (t.stage === 'handle') step(t.userId, w, d, 'approve', { opinion: t.role === 'assist' ? '已按要求提供相关数据。' : '已按要求办理完毕，并于规定时间内报送。' })
      else step(t.userId, w, d, 'approve', t.stage === 'check' ? { opinion: '来文要素齐全，请拟办。' } : {})
    }
  }

  // 12. finished: handled by 区政数局
  const yearly = incoming(at(12, 9), {
    title: '关于报送2026年度政府信息公开工作年度报告的通知',
    docType: '通知',
    docNumber: '深府办函〔2026〕131号',
    fromUnit: '深圳市人民政府办公厅',
    secrecy: 'none',
    urgency: 'normal',
    deadline: null,
    body: '各区人民政府：\n\n请于2027年1月31日前，按照国务院办公厅规定的格式，报送本区2026年度政府信息公开工作年度报告。',
  })
  through(yearly, at(12, 9), 'done', { leader: 'u-leader-01', main: 'dept-data' })

  // 10. being handled: 区民政局 主办, 区政数局 协办 (协办 has replied)
  const relief = incoming(at(6, 9), {
    title: '关于做好2026年冬春困难群众基本生活保障工作的通知',
    docType: '通知',
    docNumber: '粤民发〔2026〕118号',
    fromUnit: '广东省民政厅',
    secrecy: 'none',
    urgency: 'urgent',
    deadline: toIso(at(-2, 18)),
    body: '各地级以上市民政局：\n\n为切实保障困难群众冬春期间基本生活，请做好以下工作：一、全面排查……二、及时救助……三、加强资金监管……',
  })
  through(relief, at(6, 9), 'handle', { leader: 'u-staff-01', main: 'dept-civil', assists: ['dept-data'] })
  step('u-head-02', at(2, 11), relief, 'approve', { opinion: '已提供低保、特困人员数据比对结果。' })

  // 13. 退文 at 初审
  const staffing = incoming(at(5, 9), {
    title: '关于申请增加社区工作者编制的请示',
    docType: '请示',
    docNumber: '宝新安〔2026〕57号',
    fromUnit: '新安街道办事处',
    secrecy: 'none',
    urgency: 'normal',
    deadline: null,
    body: '区政府：\n\n我街道现有社区工作者412名，按服务人口测算缺口约60名，特申请增加社区工作者编制60名。\n\n妥否，请批示。',
  })
  through(staffing, at(5, 9), 'check')
  step('u-staff-04', at(4, 16), staffing, 'send_back', { opinion: '编制事项请按程序报区委编办，不属于区政府办公室办理范围。' })

  // 9. 拟办 done, waiting for 罗家明 to 批办
  const plan = incoming(at(3, 9), {
    title: '关于报送2027年度政务服务事项目录调整意见的通知',
    docType: '通知',
    docNumber: '深政数函〔2026〕92号',
    fromUnit: '深圳市政务服务数据管理局',
    secrecy: 'none',
    urgency: 'normal',
    deadline: toIso(at(-7, 18)),
    body: '各区政务服务数据管理局、区政府办公室：\n\n为做好2027年度政务服务事项目录动态调整，请各区梳理本区事项目录调整意见，于12月15日前报送。',
  })
  through(plan, at(3, 9), 'instruct', { leader: 'u-leader-01', main: 'dept-data' })

  // 11. 秘密 incoming waiting for 拟办 by 叶国栋
  const secretDoc = incoming(at(1, 9), {
    title: '关于加强2026年度重点项目保密管理工作的通知',
    docType: '通知',
    docNumber: '深保发〔2026〕21号',
    fromUnit: '深圳市国家保密局',
    secrecy: 'confidential',
    urgency: 'normal',
    deadline: null,
    body: '各区保密委员会：\n\n为加强重点项目涉密信息管理，请按以下要求做好保密工作：一、明确涉密人员范围……二、规范涉密载体管理……',
  })
  through(secretDoc, at(1, 9), 'propose')

  // 8. just arrived: waiting for 签收
  incoming(at(0, 8, 30), {
    title: '深圳市人民政府办公厅关于印发《深圳市数字政府建设2027年工作要点》的通知',
    docType: '通知',
    docNumber: '深府办函〔2026〕158号',
    fromUnit: '深圳市人民政府办公厅',
    secrecy: 'none',
    urgency: 'urgent',
    deadline: toIso(at(-3, 18)),
    body: '各区人民政府，市政府直属各单位：\n\n《深圳市数字政府建设2027年工作要点》已经市政府同意，现印发给你们，请认真组织实施。实施中遇到的问题，请径向市政务服务数据管理局反映。',
    attachments: [['深圳市数字政府建设2027年工作要点.pdf', ['深圳市数字政府建设2027年工作要点', '一、深化“一网协同”，推进机关内部“一件事”集成应用。', '二、完善公共数据共享开放，健全数据目录和供需对接机制。', '三、拓展移动办公，推动政务应用向“粤政易”整合。', '四、筑牢数字政府安全防线。']]],
  })

  // 15. 区政数局's own 函, signed and distributed: 区民政局, which has no 文书 here, signs for it through its head
  const sharing = draft('u-clerk-02', at(7, 9), {
    docType: '函',
    title: '关于提供2027年度政务数据共享需求清单的函',
    secrecy: 'none',
    urgency: 'normal',
    mainToDeptIds: ['dept-civil'],
    ccDeptIds: [],
    countersignDeptIds: [],
    signerId: 'u-leader-01',
    body: '区民政局：\n\n为编制2027年度全区政务数据共享目录，请贵局梳理本单位需要共享使用的其他部门数据（数据项、用途、频率），于12月5日前反馈我局。\n\n联系人：刘思远。\n\n特此函告。',
    attachmentIds: [attach('u-clerk-02', at(7, 8), '附件：政务数据共享需求清单模板.pdf', ['附件', '政务数据共享需求清单（模板）', '序号 | 数据项名称 | 数据提供部门 | 使用用途 | 更新频率 | 共享方式', '1 |  |  |  |  |', '2 |  |  |  |  |', '填报单位：            填报人：            联系电话：'])],
  })
  flowTo(sharing, at(6, 14), 'done')

  // 14. 传阅 of the finished 通知: one has signed an opinion, one has read, one has not opened it
  circulate(ctx('u-leader-02', at(2, 9)), notice.id, { version: notice.version, readerIds: ['u-head-01', 'u-staff-04', 'u-head-02'], purpose: '请各位阅知，结合分管工作抓好落实。' })
  markRead(ctx('u-staff-04', at(2, 10)), notice.id)
  act(ctx('u-staff-04', at(2, 10, 5)), notice.id, { action: 'circulate_opinion', version: notice.version, opinion: '已阅，文电科将跟踪各单位报送情况。' })
  markRead(ctx('u-head-02', at(1, 16)), notice.id)

}
