import type { ApplyBody, CaseAction, Dialect, DisputeType } from '../../src/contract/mediation'
import { addDays, cstAt, cstDate, toIso } from '../../src/core/time'
import { isWorkday } from '../../src/core/workdays'
import type { Ctx } from '../context'
import type { Db, MediationCaseRow, MediationSlotRow, MediatorRow } from '../db'
import { actOnCase, applyCase, respondInvitation } from '../handlers/mediation'
import { signaturePng } from '../lib/png'

/** Who speaks what and knows which disputes best; the rest of the district's mediators get a default. */
const profiles: Record<string, [Dialect[], DisputeType[]]> = {
  'u-mediator-01': [['mandarin', 'cantonese'], ['neighbour', 'family', 'property']],
  'u-staff-24': [['mandarin', 'teochew'], ['labour', 'consumer']],
  'u-mediator-02': [['mandarin', 'hakka', 'cantonese'], ['labour', 'traffic', 'neighbour']],
  'u-staff-30': [['mandarin', 'cantonese'], ['family', 'consumer']],
  'u-mediator-03': [['mandarin', 'cantonese', 'hakka'], ['traffic', 'labour', 'other']],
  'u-staff-10': [['mandarin'], ['family', 'property']],
  'u-staff-22': [['mandarin', 'cantonese'], ['property', 'neighbour']],
  'u-staff-27': [['mandarin', 'hakka'], ['neighbour', 'consumer']],
  'u-staff-33': [['mandarin', 'cantonese'], ['labour', 'traffic']],
  'u-staff-36': [['mandarin', 'cantonese'], ['neighbour', 'property', 'family']],
  'u-staff-37': [['mandarin', 'hakka'], ['family', 'labour']],
  'u-staff-41': [['mandarin', 'cantonese'], ['traffic', 'consumer']],
  'u-staff-45': [['mandarin', 'hakka'], ['neighbour', 'labour']],
  'u-staff-48': [['mandarin', 'hakka', 'cantonese'], ['property', 'family']],
  'u-staff-51': [['mandarin', 'cantonese'], ['labour', 'neighbour', 'traffic']],
}

/** Real-looking addresses of the committees (街道办事处 or 司法所 buildings). */
const addresses: Record<string, string> = {
  新安街道: '宝安区新安街道新安二路 41 号新安司法所一楼',
  西乡街道: '宝安区西乡街道宝源路 1012 号西乡司法所',
  航城街道: '宝安区航城街道航城大道 211 号航城街道办事处二楼',
  福永街道: '宝安区福永街道福永大道 165 号福永司法所',
  福海街道: '宝安区福海街道福园一路 18 号福海街道办事处',
  沙井街道: '宝安区沙井街道沙井路 102 号沙井司法所',
  新桥街道: '宝安区新桥街道新桥东路 28 号新桥街道办事处',
  松岗街道: '宝安区松岗街道松明大道 148 号松岗司法所',
  燕罗街道: '宝安区燕罗街道燕川社区燕山大道 2 号',
  石岩街道: '宝安区石岩街道石岩城市广场旁 石岩司法所',
  宝安区: '宝安区新安街道创业一路 1 号 区公共法律服务中心',
}

/** Each mediator's day: three hours on site (a room each), one hour by video. */
const DAY_PLAN: { hour: number; minute: number; mode: 'onsite' | 'video' }[] = [
  { hour: 9, minute: 0, mode: 'onsite' },
  { hour: 10, minute: 30, mode: 'onsite' },
  { hour: 14, minute: 30, mode: 'video' },
  { hour: 16, minute: 0, mode: 'onsite' },
]

/**
 * 调解: the committees of the ten streets and the district, their mediators' calendars for a month
 * around today, rooms, and cases in every state. The cases are replayed through the same functions
 * the routes call, at past times, so slots, inbox items, the case file and the audit agree.
 */
export function seedMediation(db: Db, now: Date) {
  const committees = db.departments.filter((d) => d.kind === 'committee')
  for (const d of committees) {
    const streetName = d.streetName ?? '宝安区'
    const members = db.users.filter((u) => u.deptId === d.id && u.roles.includes('mediator'))
    if (!members.length) continue
    // the 专职 mediator listed first chairs the committee
    const head = members.find((u) => u.position?.startsWith('专职')) ?? members[0]
    db.mediationCommittees.push({ id: d.id, name: d.name, streetName, address: addresses[streetName] ?? streetName, headId: head.id })
    const rooms = streetName === '宝安区' ? ['区调解室', '诉调对接调解室'] : ['第一调解室', '第二调解室']
    rooms.forEach((name, i) => db.mediationRooms.push({ id: `${d.id}-room-${i + 1}`, committeeId: d.id, name }))
    members.forEach((u) => {
      const [dialects, expertise] = profiles[u.id] ?? [['mandarin'], ['neighbour', 'family']]
      db.mediators.push({ userId: u.id, committeeId: d.id, dialects, expertise } satisfies MediatorRow)
    })
  }

  const slots = calendarFor(db, now)
  db.mediationSlots.push(...slots.map((x) => ({ ...x })))
  db.counters.mslot = slots.length

  replayCases(db, now)
}

// drawing a PNG takes ~15 ms: each signer's is drawn once per process, not once per seed
const signatures = new Map<string, string>()
const signature = (userId: string) => {
  if (!signatures.has(userId)) signatures.set(userId, signaturePng(100 + signatures.size))
  return signatures.get(userId)!
}

// a month of calendars is a few thousand rows: built once per day and mediator list, copied per seed
const calendars = new Map<string, MediationSlotRow[]>()

function calendarFor(db: Db, now: Date): MediationSlotRow[] {
  const key = `${cstDate(now)}|${db.mediators.map((m) => m.userId).join(',')}`
  const cached = calendars.get(key)
  if (cached) return cached
  const out: MediationSlotRow[] = []
  const today = cstDate(now)
  for (let offset = -21; offset <= 31; offset++) {
    const day = addDays(today, offset)
    if (!isWorkday(day)) continue
    for (const m of db.mediators) {
      const index = db.mediators.filter((x) => x.committeeId === m.committeeId).indexOf(m)
      DAY_PLAN.forEach((p) => {
        const start = cstAt(day, p.hour, p.minute)
        // the two mediators of a committee use different rooms: a room is never in two slots at once
        const roomId = p.mode === 'onsite' ? `${m.committeeId}-room-${(index % 2) + 1}` : null
        if (index >= 2 && p.mode === 'onsite') return
        out.push({
          id: `mslot-${String(out.length + 1).padStart(4, '0')}`,
          mediatorId: m.userId,
          committeeId: m.committeeId,
          roomId,
          mode: p.mode,
          start: toIso(start),
          end: toIso(new Date(start.getTime() + 60 * 60_000)),
          caseId: null,
        })
      })
    }
  }
  calendars.set(key, out)
  return out
}

function replayCases(db: Db, now: Date) {
  const today = cstDate(now)
  const at = (daysAgo: number, hour: number, minute = 0) => cstAt(addDays(today, -daysAgo), hour, minute)
  const ctx = (userId: string, when: Date): Ctx => ({ db, now: when, nowIso: toIso(when), user: db.users.find((u) => u.id === userId)!, sessionToken: null, requestId: 'seed', preview: false })
  const act = (userId: string, when: Date, c: MediationCaseRow, action: CaseAction, extra: Record<string, unknown> = {}) => {
    actOnCase(ctx(userId, when), c.id, { action, version: c.version, ...(action === 'sign' ? { signature: signature(userId) } : {}), ...extra } as never)
  }
  const apply = (userId: string, when: Date, body: ApplyBody) => applyCase(ctx(userId, when), body as never)
  /** the first free slot of a mediator after a time, in a mode */
  const slotAfter = (mediatorId: string, after: Date, mode: 'onsite' | 'video') => {
    const from = toIso(after)
    return db.mediationSlots.find((s) => s.mediatorId === mediatorId && s.mode === mode && !s.caseId && s.start > from)!.id
  }
  const answer = (userId: string, when: Date, c: MediationCaseRow, a: 'accept' | 'decline', reason?: string) => respondInvitation(ctx(userId, when), c.inviteCode, { answer: a, ...(reason ? { reason } : {}) })
  const dispatcher = 'u-dispatch-01'

  const base = (over: Partial<ApplyBody>): ApplyBody => ({
    disputeType: 'neighbour',
    otherPartyName: '王海生',
    otherPartyPhone: '13827461093',
    facts: '楼上住户每天深夜拖动家具、走路声音很大，多次上门沟通没有改善，家里老人睡不好觉。',
    claims: '希望对方晚上十点以后注意降低噪音，铺设地垫。',
    mode: 'onsite',
    streetName: '西乡街道',
    dialect: 'mandarin',
    ...over,
  })

  // 1. 已申请, nothing booked yet: waiting in 在线分拨
  apply('r-resident-08', at(0, 8, 40), base({ disputeType: 'property', otherPartyName: '某物业服务有限公司', otherPartyPhone: '13760553281', facts: '小区地下车库漏水两个月，车辆被泡，物业一直说在维修但没有结果。', claims: '物业尽快维修并赔偿洗车费用 600 元。', streetName: '西乡街道', dialect: 'cantonese' }))

  // 2. 已申请 and a video slot booked by the applicant herself
  const c2 = apply('r-resident-02', at(1, 20, 15), base({ disputeType: 'family', otherPartyName: '李志华', otherPartyPhone: '13902638471', facts: '我和弟弟对父亲留下的老房子怎么分一直谈不拢，父亲年纪大了，希望调解员帮我们坐下来谈。', claims: '按父亲意愿分配老房子的使用权。', mode: 'video', streetName: '新安街道', dialect: 'cantonese', assistedBy: { name: '李晓敏', relation: '女儿' } }))
  act('r-resident-02', at(1, 20, 20), c2, 'book', { slotId: slotAfter('u-staff-22', now, 'video'), remind: 'subscribed' })

  // 3. 已受理, waiting for a time
  const c3 = apply('r-resident-03', at(3, 11), base({ disputeType: 'labour', otherPartyName: '深圳市凤凰电子厂', otherPartyPhone: '13510672849', facts: '我在工厂做了三年，十月份被辞退，工厂说是我自己离职，没有给经济补偿，十月工资也少发了一半。', claims: '补发十月工资 2,350 元，支付经济补偿。', streetName: '福永街道', dialect: 'hakka' }))
  act(dispatcher, at(2, 9, 30), c3, 'accept', { mediatorId: 'u-mediator-02' })

  // 4. 已排期, the other party has agreed: on site next week
  const c4 = apply('r-resident-04', at(4, 15), base({ disputeType: 'consumer', otherPartyName: '沙井某装修公司', otherPartyPhone: '13682947105', facts: '装修合同约定 60 天完工，现在已经拖了一个多月，瓷砖还有空鼓。', claims: '返工空鼓瓷砖，按合同赔偿延期违约金。', streetName: '沙井街道' }))
  act(dispatcher, at(3, 10), c4, 'accept', { mediatorId: 'u-staff-36' })
  act('r-resident-04', at(3, 16), c4, 'book', { slotId: slotAfter('u-staff-36', at(-5, 0), 'onsite') })
  answer('r-resident-06', at(2, 19), c4, 'accept')

  // 5. 已排期 and near the 30-day limit: 督办 has gone to the committee head
  const c5 = apply('r-resident-01', at(28, 10), base({ otherPartyName: '何建明', otherPartyPhone: '13544720936' }))
  act(dispatcher, at(27, 9), c5, 'accept', { mediatorId: 'u-mediator-01' })
  act('r-resident-01', at(27, 12), c5, 'book', { slotId: slotAfter('u-mediator-01', at(-2, 0), 'onsite') })
  answer('r-resident-05', at(26, 20), c5, 'accept')

  // 6. 调解中 today
  const c6 = apply('r-resident-05', at(6, 9), base({ disputeType: 'traffic', otherPartyName: '周立新', otherPartyPhone: '13723859016', facts: '我骑电动车在航城大道被一辆小车刮倒，交警认定对方全责，对方保险只赔了一部分医药费。', claims: '赔偿剩余医药费、误工费共 8,600 元。', streetName: '航城街道' }))
  act(dispatcher, at(5, 10), c6, 'accept', { mediatorId: 'u-staff-27' })
  act('u-staff-27', at(5, 11), c6, 'offer', { slotId: slotAfter('u-staff-27', at(2, 0), 'onsite') })
  answer('r-resident-07', at(5, 18), c6, 'accept')
  act('r-resident-05', at(4, 9), c6, 'accept_offer')
  act('u-staff-27', at(0, 9, 5), c6, 'start')

  // 7. 达成协议, the applicant has signed, the other party has not yet
  const c7 = apply('r-resident-06', at(12, 14), base({ disputeType: 'neighbour', otherPartyName: '邓秀兰', otherPartyPhone: '13928306614', facts: '邻居在公共走廊堆放杂物和鞋柜，消防通道被堵，说了几次都不搬。', claims: '清理走廊杂物，保持通道畅通。', streetName: '松岗街道', dialect: 'hakka' }))
  act(dispatcher, at(11, 9), c7, 'accept', { mediatorId: 'u-staff-45' })
  act('r-resident-06', at(11, 10), c7, 'book', { slotId: slotAfter('u-staff-45', at(8, 0), 'onsite') })
  answer('r-resident-03', at(10, 20), c7, 'accept')
  act('u-staff-45', at(1, 9), c7, 'start')
  act('u-staff-45', at(1, 10, 20), c7, 'agree', {
    record: '双方到场。申请人陈述走廊堆物影响通行；被申请人表示鞋柜无处放置。经调解员释法说理（消防法第二十八条），双方同意鞋柜移至门内。',
    terms: '一、被申请人于 7 日内清理走廊杂物，鞋柜移至户内；二、双方今后共同维护公共走廊畅通；三、双方互不追究。',
  })
  act('r-resident-06', at(1, 10, 40), c7, 'sign')

  // 8. 未达成协议
  const c8 = apply('r-resident-07', at(20, 9), base({ disputeType: 'labour', otherPartyName: '石岩某五金厂', otherPartyPhone: '13826790413', facts: '工厂拖欠我两个月工资共 9,800 元，老板说要等货款回来。', claims: '一次性支付拖欠工资 9,800 元。', streetName: '石岩街道' }))
  act(dispatcher, at(19, 10), c8, 'accept', { mediatorId: 'u-staff-51' })
  act('r-resident-07', at(19, 11), c8, 'book', { slotId: slotAfter('u-staff-51', at(16, 0), 'onsite') })
  answer('r-resident-04', at(18, 9), c8, 'accept')
  act('u-staff-51', at(15, 9), c8, 'start')
  act('u-staff-51', at(15, 10, 30), c8, 'fail', { record: '双方对欠薪数额无争议，但厂方表示一个月内无力支付，申请人不同意分期。', reason: '厂方无力一次性支付，申请人不接受分期' })

  // 9. 履行中: everyone signed five days ago
  const c9 = apply('r-resident-01', at(18, 16), base({ disputeType: 'property', otherPartyName: '固戍某物业管理处', otherPartyPhone: '13570284613', facts: '物业收取的电梯维修费没有公示明细，我家不同意交，物业就把门禁卡停用了。', claims: '恢复门禁卡，公示维修费用明细。', dialect: 'cantonese' }))
  act(dispatcher, at(17, 9), c9, 'accept', { mediatorId: 'u-mediator-01' })
  act('r-resident-01', at(17, 10), c9, 'book', { slotId: slotAfter('u-mediator-01', at(12, 0), 'onsite') })
  answer('r-resident-08', at(16, 20), c9, 'accept')
  act('u-mediator-01', at(11, 9), c9, 'start')
  act('u-mediator-01', at(11, 10, 15), c9, 'agree', { record: '物业同意公示明细，申请人同意在公示后按份额缴纳。', terms: '一、物业于 3 日内恢复申请人门禁卡；二、物业于 10 日内在小区公示栏公示电梯维修费用明细；三、申请人于公示后 7 日内缴纳分摊费用。' })
  act('u-mediator-01', at(11, 10, 20), c9, 'sign')
  act('r-resident-01', at(11, 10, 25), c9, 'sign')
  act('r-resident-08', at(11, 10, 30), c9, 'sign')

  // 10. 已回访, rated
  const c10 = apply('r-resident-02', at(20, 10), base({ disputeType: 'consumer', otherPartyName: '新安某家电商行', otherPartyPhone: '13612940736', facts: '买的空调装好第二天就不制冷，商家只肯维修不肯换新。', claims: '更换新机。', streetName: '新安街道', dialect: 'cantonese' }))
  act(dispatcher, at(19, 9), c10, 'accept', { mediatorId: 'u-staff-22' })
  act('r-resident-02', at(19, 10), c10, 'book', { slotId: slotAfter('u-staff-22', at(17, 0), 'onsite') })
  answer('r-resident-04', at(19, 12), c10, 'accept')
  act('u-staff-22', at(17, 9), c10, 'start')
  act('u-staff-22', at(17, 10), c10, 'agree', { record: '商家承认安装不当，同意换机。', terms: '商家于 3 日内为申请人更换同型号新机并重新安装。' })
  act('u-staff-22', at(17, 10, 5), c10, 'sign')
  act('r-resident-02', at(17, 10, 6), c10, 'sign')
  act('r-resident-04', at(17, 10, 7), c10, 'sign')
  act('u-staff-22', at(14, 15), c10, 'perform', { note: '商家已于 3 日内更换新机，申请人确认正常使用。', fulfilled: true })
  act('u-staff-22', at(6, 10), c10, 'visit', { note: '电话回访，申请人表示满意，空调使用正常。' })
  act('r-resident-02', at(6, 11), c10, 'rate', { stars: 5, reason: '调解员很耐心，几天就解决了。' })

  // 11. 不予受理: 已经起诉 — referred to 诉调对接
  const c11 = apply('r-resident-03', at(8, 10), base({ disputeType: 'other', otherPartyName: '张某', otherPartyPhone: '13809275136', facts: '张某借我 5 万元一直不还，我已经向法院起诉了，想看看还能不能调解。', claims: '归还借款 5 万元。', streetName: '福永街道' }))
  act(dispatcher, at(7, 9), c11, 'refuse', { reason: '纠纷已进入诉讼程序，人民调解委员会不再受理', referral: 'judicial' })

  // 12. 对方不同意调解
  const c12 = apply('r-resident-05', at(9, 15), base({ disputeType: 'family', otherPartyName: '刘伟', otherPartyPhone: '13715620498', facts: '离婚后前夫一直不按时给孩子抚养费，已经欠了半年。', claims: '按离婚协议每月支付抚养费 1,500 元并补齐欠款。', streetName: '航城街道' }))
  act(dispatcher, at(8, 9), c12, 'accept', { mediatorId: 'u-staff-27' })
  answer('r-resident-06', at(7, 20), c12, 'decline', '我要走法律程序')

  // 13. 已撤回
  const c13 = apply('r-resident-08', at(14, 10), base({ disputeType: 'neighbour', otherPartyName: '赵阿姨', otherPartyPhone: '13538492017', facts: '邻居家的狗经常在楼道里大小便。', claims: '管好宠物，清理楼道。' }))
  act('r-resident-08', at(13, 9), c13, 'withdraw', { reason: '已经和邻居自己谈好了' })
}
