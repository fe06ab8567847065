/**
 * 调解预约 through the mock BFF as its callers use it: every transition, every refusal (a refusal
 * changes nothing), the booking race, the invitation, masking, the 30-day clock and the case file.
 */
import { routes } from '../../src/contract/routes'
import { SLOT_TAKEN_MESSAGE, type ApplyBody, type CaseDetail } from '../../src/contract/mediation'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { toIso } from '../../src/core/time'
import { verifyAudit } from '../../mock/lib/audit'
import { messagesOf } from '../../mock/lib/notify'
import { signaturePng } from '../../mock/lib/png'
import type { UserRow } from '../../mock/db'
import { errorOf, expectRefusal, setClock, testBff } from '../support/bff'

const m = routes.mediation
const RES = 'r-resident-01'
const OTHER = 'r-resident-02'
const DISPATCHER = 'u-dispatch-01'
const XIXIANG = 'street-xixiang-tjw'
const MEDIATOR = 'u-mediator-01'

const application: ApplyBody = {
  disputeType: 'neighbour',
  otherPartyName: '王海生',
  otherPartyPhone: '13827461093',
  facts: '楼上住户每天深夜拖动家具，多次上门沟通没有改善。',
  claims: '晚上十点以后降低噪音。',
  mode: 'video',
  streetName: '西乡街道',
  dialect: 'cantonese',
}

type T = ReturnType<typeof testBff>
const snapshot = (t: T) => () => ({ cases: t.db.mediationCases, slots: t.db.mediationSlots, items: t.db.workItems, audit: t.db.audit.length })

function freeSlot(t: T, mediatorId: string, mode: 'onsite' | 'video', nth = 0) {
  // two days ahead: bookable, and still before the 24-hour cut-off
  const from = toIso(new Date(t.now.getTime() + 48 * 3600_000))
  return t.db.mediationSlots.filter((s) => s.mediatorId === mediatorId && s.mode === mode && !s.caseId && s.start > from)[nth]
}

/** A fresh mock whose seeded 督办 has already fired, so a refusal's snapshot sees only the refusal. */
async function fresh() {
  const t = testBff()
  await t.ok(DISPATCHER, m.queue, { query: { tab: 'new' } })
  return t
}

async function applied(t: T, body: Partial<ApplyBody> = {}, who = RES) {
  return t.ok(who, m.apply, { body: { ...application, ...body } })
}

/** applied → booked → other party accepted → accepted by the dispatcher: ready for the session */
async function scheduled(t: T) {
  const c = await applied(t)
  const slot = freeSlot(t, MEDIATOR, 'video')
  const b = await t.ok(RES, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version, slotId: slot.id } })
  await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } })
  const a = await t.ok(DISPATCHER, m.act, { params: { id: c.id }, body: { action: 'accept', version: b.version + 1 } })
  return { c: a, slot }
}

const act = (t: T, who: string, d: CaseDetail, action: string, extra: Record<string, unknown> = {}) =>
  t.ok(who, m.act, { params: { id: d.id }, body: { action: action as never, version: d.version, ...extra } })

describe('调解预约: applying', () => {
  it('a resident applies: the case waits for 分拨, the dispatcher has it in 待办, she follows it in 我的事项, the other party gets a code', async () => {
    const t = await fresh()
    const c = await applied(t, { assistedBy: { name: '陈小明', relation: '儿子' } })
    expect(c.status).toBe('applied')
    expect(c.viewer).toBe('applicant')
    expect(c.inviteCode).toMatch(/^[A-Z0-9]{8}$/)
    expect(c.assistedBy).toEqual({ name: '陈小明', relation: '儿子' })
    expect(c.timeline[0].note).toBe('由儿子陈小明协助填写')
    expect(c.caseFile.items.map((i) => i.label)).toEqual(['申请书'])
    expect(c.caseFile.missing).toEqual(['受理/告知书', '调解记录', '人民调解协议书', '履行情况', '回访记录'])
    const todo = await t.ok(DISPATCHER, routes.inbox.list, { query: { tab: 'todo', module: 'mediation' } })
    expect(todo.items.some((w) => w.objectId === c.id && w.step === '待分拨')).toBe(true)
    const mine = await t.ok(RES, routes.inbox.list, { query: { tab: 'initiated' } })
    expect(mine.items.find((w) => w.objectId === c.id)?.link).toBe(`/features/mediation/pages/case/index?id=${c.id}`)
    const queue = await t.ok(DISPATCHER, m.queue, { query: { tab: 'new', streetName: '西乡街道' } })
    expect(queue.items.map((i) => i.id)).toContain(c.id)
  })

  it('refuses bad applications in Chinese and keeps nothing', async () => {
    const t = await fresh()
    await expectRefusal(t, RES, m.apply, { body: { ...application, otherPartyPhone: '12345' } }, 400, '「对方电话」请填写 11 位手机号', snapshot(t))
    await expectRefusal(t, RES, m.apply, { body: { ...application, otherPartyPhone: '13612570438' } }, 400, '对方电话不能是您自己的号码', snapshot(t))
    await expectRefusal(t, RES, m.apply, { body: { ...application, facts: '吵' } }, 400, '「事情经过」至少 10 个字', snapshot(t))
    await expectRefusal(t, RES, m.apply, { body: { ...application, attachmentIds: ['file-seed-1'] } }, 400, '有一个附件没有上传成功，请删除后重新添加', snapshot(t))
    await expectRefusal(t, MEDIATOR, m.apply, { body: application }, 403, undefined, snapshot(t))
  })
})

describe('调解预约: booking a real slot', () => {
  it('books a free slot, shows the reminder, reschedules (the old slot freed at once) and cancels', async () => {
    const t = await fresh()
    const c = await applied(t)
    const first = freeSlot(t, MEDIATOR, 'video')
    const b = await act(t, RES, c, 'book', { slotId: first.id, remind: 'subscribed' })
    expect(b.slot?.id).toBe(first.id)
    expect(b.committeeName).toBe('西乡街道人民调解委员会')
    expect(b.reminder?.kind).toBe('subscribed')
    expect(b.reminder?.text).toMatch(/^已订阅提醒/)
    expect(t.db.mediationSlots.find((s) => s.id === first.id)?.caseId).toBe(c.id)
    const second = freeSlot(t, MEDIATOR, 'video')
    const r = await act(t, RES, b, 'book', { slotId: second.id })
    expect(r.slot?.id).toBe(second.id)
    expect(t.db.mediationSlots.find((s) => s.id === first.id)?.caseId).toBeNull()
    const x = await act(t, RES, r, 'cancel_slot')
    expect(x.slot).toBeNull()
    expect(t.db.mediationSlots.find((s) => s.id === second.id)?.caseId).toBeNull()
    expect(x.availableActions.map((a) => a.key)).toContain('book')
  })

  it('two residents tapping the same slot: exactly one gets it, the other is offered the next free ones', async () => {
    const t = await fresh()
    const a = await applied(t)
    const b = await applied(t, { otherPartyPhone: '13827461094' }, 'r-resident-08')
    const slot = freeSlot(t, MEDIATOR, 'video')
    const [ra, rb] = await Promise.all([
      t.as(RES, m.act, { params: { id: a.id }, body: { action: 'book', version: a.version, slotId: slot.id } }),
      t.as('r-resident-08', m.act, { params: { id: b.id }, body: { action: 'book', version: b.version, slotId: slot.id } }),
    ])
    expect([ra.status, rb.status].sort()).toEqual([200, 409])
    const loser = ra.status === 409 ? ra : rb
    const err = errorOf(loser)
    expect(err.message).toBe(SLOT_TAKEN_MESSAGE)
    const alternatives = err.details?.alternatives as { id: string; start: string; mode: string; committeeId: string }[]
    expect(alternatives.length).toBe(3)
    for (const s of alternatives) {
      expect(s.start > slot.start || s.id !== slot.id).toBe(true)
      expect(s.mode).toBe('video')
      expect(s.committeeId).toBe(XIXIANG)
      expect(t.db.mediationSlots.find((x) => x.id === s.id)?.caseId).toBeNull()
    }
    const loserCase = t.db.mediationCases.find((c) => c.id === (loser === ra ? a.id : b.id))!
    expect(loserCase.slotId).toBeNull()
    expect(loserCase.version).toBe(1)
  })

  it('50 simultaneous bookings of one slot → exactly one', async () => {
    const t = await fresh()
    const template = t.db.users.find((u) => u.id === RES)!
    const people: UserRow[] = Array.from({ length: 50 }, (_, i) => ({ ...template, id: `r-race-${i}`, externalId: `openid-race-${i}`, phone: `1390000${String(i).padStart(4, '0')}` }))
    t.db.users.push(...people)
    const cases = []
    for (const p of people) cases.push(await applied(t, {}, p.id))
    const slot = freeSlot(t, MEDIATOR, 'video')
    const answers = await Promise.all(cases.map((c, i) => t.as(people[i].id, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version, slotId: slot.id } })))
    expect(answers.filter((r) => r.status === 200).length).toBe(1)
    expect(answers.filter((r) => r.status === 409).length).toBe(49)
    expect(t.db.mediationCases.filter((c) => c.slotId === slot.id).length).toBe(1)
  })

  it('refuses what may not be booked, changing nothing', async () => {
    const t = await fresh()
    const c = await applied(t)
    const onsite = freeSlot(t, MEDIATOR, 'onsite')
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version, slotId: onsite.id } }, 409, '这是到场调解的时段，您申请的是视频调解', snapshot(t))
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version } }, 400, '请选择一个时段', snapshot(t))
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version + 5, slotId: freeSlot(t, MEDIATOR, 'video').id } }, 409, '该事项已被他人处理，请刷新后重试', snapshot(t))
    const taken = t.db.mediationSlots.find((s) => s.caseId && s.mode === 'video' && s.start > t.db.mediationSlots[0].start)!
    const err = await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version, slotId: taken.id } }, 409, SLOT_TAKEN_MESSAGE, snapshot(t))
    expect(Array.isArray(err.details?.alternatives)).toBe(true)
    await expectRefusal(t, OTHER, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version, slotId: freeSlot(t, MEDIATOR, 'video').id } }, 404, undefined, snapshot(t))
  })

  it('after the cut-off (24 h before) the slot can no longer be changed or cancelled', async () => {
    const t = await fresh()
    const c = await applied(t)
    const slot = freeSlot(t, MEDIATOR, 'video')
    const b = await act(t, RES, c, 'book', { slotId: slot.id })
    setClock(t, new Date(Date.parse(slot.start) - 20 * 3600_000).toISOString())
    const late = await t.ok(RES, m.get, { params: { id: c.id } })
    expect(late.availableActions.map((a) => a.key)).not.toContain('cancel_slot')
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'cancel_slot', version: late.version } }, 409, '调解前 24 小时内不能再改约或取消，如有急事请致电调委会', snapshot(t))
    expect(b.changeUntil).toBe(toIso(new Date(Date.parse(slot.start) - 24 * 3600_000)))
  })

  it('free slots filter by committee, mode, dialect and expertise, and "near me" means the street and the district', async () => {
    const t = await fresh()
    const byDialect = await t.ok(RES, m.slots, { query: { streetName: '福永街道', dialect: 'hakka', limit: 50 } })
    expect(byDialect.items.length).toBeGreaterThan(0)
    for (const s of byDialect.items) {
      expect(s.dialects).toContain('hakka')
      expect(['street-fuyong-tjw', 'dept-justice-tjw']).toContain(s.committeeId)
    }
    const video = await t.ok(RES, m.slots, { query: { committeeId: XIXIANG, mode: 'video', expertise: 'labour' } })
    for (const s of video.items) {
      expect(s.mode).toBe('video')
      expect(s.expertise).toContain('labour')
      expect(s.roomName).toBeNull()
    }
    const onsite = await t.ok(RES, m.slots, { query: { committeeId: XIXIANG, mode: 'onsite' } })
    expect(onsite.items.every((s) => !!s.roomName)).toBe(true)
  })
})

describe('调解预约: the other party', () => {
  it('opens the invitation and sees only what they need; accepting binds the case to them', async () => {
    const t = await fresh()
    const c = await applied(t)
    const inv = await t.ok(OTHER, m.invitation, { params: { code: c.inviteCode! } })
    expect(inv.applicantName).toBe('陈淑芬')
    expect(inv.claims).toBe(application.claims)
    expect(JSON.stringify(inv)).not.toContain(application.facts)
    const r = await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } })
    expect(r.viewer).toBe('other_party')
    expect(r.facts).toBeNull()
    expect(r.inviteCode).toBeNull()
    expect(r.inviteStatus).toBe('accepted')
    // once answered, the code opens for nobody else
    expect((await t.as('r-resident-03', m.invitation, { params: { code: c.inviteCode! } })).status).toBe(404)
    expect((await t.ok(RES, m.get, { params: { id: c.id } })).inviteStatus).toBe('accepted')
  })

  it('proposes another slot, which the applicant accepts', async () => {
    const t = await fresh()
    const c = await applied(t)
    const inv = await t.ok(OTHER, m.invitation, { params: { code: c.inviteCode! } })
    const pick = inv.alternatives[1]
    await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'propose', slotId: pick.id, reason: '那天要上班' } })
    const seen = await t.ok(RES, m.get, { params: { id: c.id } })
    expect(seen.inviteStatus).toBe('proposed')
    expect(seen.offeredSlot?.id).toBe(pick.id)
    const done = await act(t, RES, seen, 'accept_offer')
    expect(done.slot?.id).toBe(pick.id)
    expect(done.inviteStatus).toBe('accepted')
  })

  it('declines: the slot is freed and the case says what happens next; the mediator may still visit', async () => {
    const t = await fresh()
    const c = await applied(t)
    const slot = freeSlot(t, MEDIATOR, 'video')
    const b = await act(t, RES, c, 'book', { slotId: slot.id })
    const acc = await act(t, DISPATCHER, b, 'accept')
    const d = await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'decline', reason: '不想调解' } })
    expect(d.status).toBe('declined')
    expect(t.db.mediationSlots.find((s) => s.id === slot.id)?.caseId).toBeNull()
    const seen = await t.ok(RES, m.get, { params: { id: c.id } })
    expect(seen.nextSteps.map((s) => s.title)).toEqual(['上门调解', '司法确认', '诉讼指引'])
    const staff = await t.ok(MEDIATOR, m.get, { params: { id: c.id } })
    expect(staff.availableActions.map((a) => a.key)).toEqual(['home_visit'])
    const back = await act(t, MEDIATOR, staff, 'home_visit', { reason: '上门沟通后对方同意调解' })
    expect(back.status).toBe('accepted')
    expect(acc.caseNumber).toMatch(/^宝安调〔2026〕\d+号$/)
  })

  it('a refused proposal (no slot, or a taken one) leaves the invitation open for its real addressee', async () => {
    const t = await fresh()
    const c = await applied(t)
    const taken = t.db.mediationSlots.find((s) => s.caseId && s.mode === 'video')!
    await expectRefusal(t, 'r-resident-03', m.respond, { params: { code: c.inviteCode! }, body: { answer: 'propose' } }, 400, '请选择您方便的时段', snapshot(t))
    await expectRefusal(t, 'r-resident-03', m.respond, { params: { code: c.inviteCode! }, body: { answer: 'propose', slotId: taken.id } }, 409, SLOT_TAKEN_MESSAGE, snapshot(t))
    expect(t.db.mediationCases.find((x) => x.id === c.id)!.otherPartyUserId).toBeNull()
    const ok = await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } })
    expect(ok.inviteStatus).toBe('accepted')
  })

  it('declined before 受理: the committee head’s home visit returns it to 分拨, not to 已受理 without a number or clock', async () => {
    const t = await fresh()
    const c = await applied(t)
    await act(t, RES, c, 'book', { slotId: freeSlot(t, MEDIATOR, 'video').id })
    await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'decline' } })
    const head = t.db.mediationCommittees.find((x) => x.id === XIXIANG)!.headId
    const seen = await t.ok(head, m.get, { params: { id: c.id } })
    const back = await act(t, head, seen, 'home_visit', { reason: '上门沟通后对方同意调解' })
    expect(back).toMatchObject({ status: 'applied', caseNumber: null, dueAt: null, inviteStatus: 'accepted' })
    const todo = await t.ok(DISPATCHER, routes.inbox.list, { query: { tab: 'todo', module: 'mediation' } })
    expect(todo.items.some((w) => w.objectId === c.id && w.step === '待分拨')).toBe(true)
    const again = await t.ok(DISPATCHER, m.get, { params: { id: c.id } })
    expect(again.availableActions.map((a) => a.key)).toContain('accept')
  })

  it('refuses: answering one’s own invitation, answering twice, a code nobody issued', async () => {
    const t = await fresh()
    const c = await applied(t)
    await expectRefusal(t, RES, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } }, 409, '这是您自己发出的邀请，请把它分享给对方', snapshot(t))
    await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } })
    await expectRefusal(t, OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'decline' } }, 409, '您已经答复过这个邀请', snapshot(t))
    await expectRefusal(t, OTHER, m.respond, { params: { code: 'ZZZZ9999' }, body: { answer: 'accept' } }, 404, undefined, snapshot(t))
    await expectRefusal(t, DISPATCHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } }, 403, undefined, snapshot(t))
  })
})

describe('调解预约: 分拨 and the session', () => {
  it('the dispatcher sees suggestions by dialect, expertise and calendar, and accepts to a mediator', async () => {
    const t = await fresh()
    const c = await applied(t)
    const s = await t.ok(DISPATCHER, m.suggestions, { params: { id: c.id } })
    expect(s.items[0].committeeId).toBe(XIXIANG)
    expect(s.items[0].reasons).toContain('会说粤语')
    const a = await act(t, DISPATCHER, c, 'accept', { mediatorId: s.items[0].mediatorId })
    expect(a.status).toBe('accepted')
    expect(a.dueAt).toBe('2026-12-25T10:00:00+08:00')
    expect(a.caseFile.items.map((i) => i.label)).toEqual(['申请书', '受理/告知书'])
    const todo = await t.ok(s.items[0].mediatorId, routes.inbox.list, { query: { tab: 'todo', module: 'mediation' } })
    expect(todo.items.some((w) => w.objectId === c.id)).toBe(true)
    const dispatcherTodo = await t.ok(DISPATCHER, routes.inbox.list, { query: { tab: 'todo', module: 'mediation' } })
    expect(dispatcherTodo.items.some((w) => w.objectId === c.id)).toBe(false)
  })

  it('refuse needs a reason and a referral (三调联动); a refused case frees its slot', async () => {
    const t = await fresh()
    const c = await applied(t)
    const b = await act(t, RES, c, 'book', { slotId: freeSlot(t, MEDIATOR, 'video').id })
    await expectRefusal(t, DISPATCHER, m.act, { params: { id: c.id }, body: { action: 'refuse', version: b.version, referral: 'judicial' } }, 400, '请说明不予受理的理由', snapshot(t))
    await expectRefusal(t, DISPATCHER, m.act, { params: { id: c.id }, body: { action: 'refuse', version: b.version, reason: '已起诉' } }, 400, '请选择去向（行政调解、诉调对接等）', snapshot(t))
    const r = await act(t, DISPATCHER, b, 'refuse', { reason: '纠纷已进入诉讼程序', referral: 'judicial' })
    expect(r.status).toBe('refused')
    expect(r.refusal?.referralLabel).toBe('诉调对接（宝安区人民法院诉调对接中心）')
    expect(t.db.mediationSlots.filter((s) => s.caseId === c.id)).toEqual([])
    const seen = await t.ok(RES, m.get, { params: { id: c.id } })
    expect(seen.nextSteps[0].text).toContain('诉调对接')
  })

  it('accept refuses a mediator other than the one whose slot is booked; a resident or mediator may not accept', async () => {
    const t = await fresh()
    const c = await applied(t)
    const b = await act(t, RES, c, 'book', { slotId: freeSlot(t, MEDIATOR, 'video').id })
    await expectRefusal(t, DISPATCHER, m.act, { params: { id: c.id }, body: { action: 'accept', version: b.version, mediatorId: 'u-staff-24' } }, 409, '申请人已约了吴桂兰的时段，请分给该调解员，或先请申请人改约', snapshot(t))
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'accept', version: b.version } }, 403, undefined, snapshot(t))
    await expectRefusal(t, MEDIATOR, m.act, { params: { id: c.id }, body: { action: 'accept', version: b.version } }, 409, undefined, snapshot(t))
  })

  it('the whole way: start → record → agree (协议书 from the record) → three signatures → 履行 → 回访 → rating', async () => {
    const t = await fresh()
    const { c } = await scheduled(t)
    expect(c.status).toBe('scheduled')
    const mine = await t.ok(MEDIATOR, m.get, { params: { id: c.id } })
    const s = await act(t, MEDIATOR, mine, 'start')
    expect(s.status).toBe('in_session')
    await expectRefusal(t, MEDIATOR, m.act, { params: { id: c.id }, body: { action: 'agree', version: s.version, terms: '条款' } }, 400, '协议书由调解记录生成，请先填写调解记录', snapshot(t))
    const rec = await act(t, MEDIATOR, s, 'record', { record: '双方到场，各自陈述。' })
    expect(rec.record).toBe('双方到场，各自陈述。')
    await expectRefusal(t, MEDIATOR, m.act, { params: { id: c.id }, body: { action: 'agree', version: rec.version } }, 400, '请填写协议内容', snapshot(t))
    const ag = await act(t, MEDIATOR, rec, 'agree', { terms: '一、被申请人晚上十点后不再拖动家具。' })
    expect(ag.status).toBe('agreed')
    expect(ag.caseFile.items.map((i) => i.label)).toEqual(['申请书', '受理/告知书', '调解记录', '人民调解协议书'])
    const pdf = await t.bff.handle({ method: 'GET', url: `/api/v1/mediation/cases/${c.id}/documents/agreement`, headers: { authorization: `Bearer ${await t.signIn(RES)}` } })
    expect(pdf.status).toBe(200)
    expect(new TextDecoder().decode(pdf.binary!.data.slice(0, 8))).toBe('%PDF-1.4')
    // the applicant does not see the mediator's record, the other party not the facts
    expect((await t.ok(RES, m.get, { params: { id: c.id } })).record).toBeNull()
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'sign', version: ag.version } }, 400, '请先手写签名', snapshot(t))
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'sign', version: ag.version, signature: 'data:image/png;base64,AAAA' } }, 400, '「手写签名」格式不对，请清除后重新签', snapshot(t))
    const s1 = await act(t, RES, ag, 'sign', { signature: signaturePng(1) })
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'sign', version: s1.version, signature: signaturePng(1) } }, 409, undefined, snapshot(t))
    const s2 = await act(t, OTHER, s1, 'sign', { signature: signaturePng(2) })
    expect(s2.status).toBe('agreed')
    const s3 = await act(t, MEDIATOR, s2, 'sign', { signature: signaturePng(3) })
    expect(s3.status).toBe('performing')
    expect(s3.signatures.map((x) => x.role)).toEqual(['applicant', 'other_party', 'mediator'])
    expect(s3.performDueAt).toBe('2026-12-25T10:00:00+08:00')
    expect(s3.visitDueAt).toBe('2026-12-10T10:00:00+08:00')
    await expectRefusal(t, MEDIATOR, m.act, { params: { id: c.id }, body: { action: 'visit', version: s3.version, note: '回访' } }, 409, undefined, snapshot(t))
    const p = await act(t, MEDIATOR, s3, 'perform', { note: '已按协议履行。', fulfilled: true })
    const v = await act(t, MEDIATOR, p, 'visit', { note: '电话回访，双方满意。' })
    expect(v.status).toBe('visited')
    expect(v.caseFile.missing).toEqual([])
    const rated = await act(t, RES, v, 'rate', { stars: 5, reason: '很耐心' })
    expect(rated.rating).toEqual({ stars: 5, comment: '很耐心' })
    await expectRefusal(t, RES, m.act, { params: { id: c.id }, body: { action: 'rate', version: rated.version, stars: 1 } }, 409, undefined, snapshot(t))
    const mineItems = await t.ok(RES, routes.inbox.list, { query: { tab: 'initiated' } })
    expect(mineItems.items.find((w) => w.objectId === c.id)?.status).toBe('done')
  })

  it('a session cannot start before the other party agrees; fail needs a reason and leaves the 诉讼 guidance', async () => {
    const t = await fresh()
    const c = await applied(t)
    const b = await act(t, RES, c, 'book', { slotId: freeSlot(t, MEDIATOR, 'video').id })
    const a = await act(t, DISPATCHER, b, 'accept')
    await expectRefusal(t, MEDIATOR, m.act, { params: { id: c.id }, body: { action: 'start', version: a.version } }, 409, '对方当事人还没有同意调解，不能开始；可以先联系对方或上门调解', snapshot(t))
    await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } })
    const s = await act(t, MEDIATOR, await t.ok(MEDIATOR, m.get, { params: { id: c.id } }), 'start')
    await expectRefusal(t, MEDIATOR, m.act, { params: { id: c.id }, body: { action: 'fail', version: s.version, record: '记录' } }, 400, '请说明未达成的原因', snapshot(t))
    const f = await act(t, MEDIATOR, s, 'fail', { record: '双方分歧大。', reason: '赔偿数额差距过大' })
    expect(f.status).toBe('failed')
    expect(f.caseFile.missing).toEqual(['回访记录'])
    expect(f.nextSteps[0].title).toBe('诉讼指引')
  })

  it('withdraw frees the slot and closes the case for everyone', async () => {
    const t = await fresh()
    const c = await applied(t)
    const slot = freeSlot(t, MEDIATOR, 'video')
    const b = await act(t, RES, c, 'book', { slotId: slot.id })
    const w = await act(t, RES, b, 'withdraw', { reason: '已和好' })
    expect(w.status).toBe('cancelled')
    expect(t.db.mediationSlots.find((s) => s.id === slot.id)?.caseId).toBeNull()
    expect(w.availableActions).toEqual([])
    const todo = await t.ok(DISPATCHER, routes.inbox.list, { query: { tab: 'todo', module: 'mediation' } })
    expect(todo.items.some((x) => x.objectId === c.id)).toBe(false)
  })

  it('the video entry leads to the pre-check and says when the room opens', async () => {
    const t = await fresh()
    const { c } = await scheduled(t)
    const seen = await t.ok(RES, m.get, { params: { id: c.id } })
    expect(seen.video).toEqual({ available: true, text: expect.stringMatching(/预约时间前 15 分钟（\d\d:\d\d）开放；现在可以先检查/) })
  })
})

describe('调解预约: calendars, 督办, 考核', () => {
  it('a mediator adds availability; conflicts with their own time or the room are refused; a booked slot cannot be removed', async () => {
    const t = await fresh()
    const s = await t.ok(MEDIATOR, m.addSlot, { body: { start: '2026-11-28T10:00:00+08:00', minutes: 60, mode: 'onsite', roomId: `${XIXIANG}-room-1` } })
    expect(s.roomName).toBe('第一调解室')
    await expectRefusal(t, MEDIATOR, m.addSlot, { body: { start: '2026-11-28T10:30:00+08:00', minutes: 60, mode: 'video' } }, 409, '与您 11-28 10:00 的时段冲突', snapshot(t))
    await expectRefusal(t, 'u-staff-24', m.addSlot, { body: { start: '2026-11-28T10:30:00+08:00', minutes: 60, mode: 'onsite', roomId: `${XIXIANG}-room-1` } }, 409, '第一调解室在这段时间已被吴桂兰占用', snapshot(t))
    await expectRefusal(t, MEDIATOR, m.addSlot, { body: { start: '2026-11-28T14:00:00+08:00', minutes: 60, mode: 'onsite' } }, 400, '到场调解请选择调解室', snapshot(t))
    await expectRefusal(t, MEDIATOR, m.addSlot, { body: { start: '2026-11-20T14:00:00+08:00', minutes: 60, mode: 'video' } }, 400, '只能登记将来的时段', snapshot(t))
    const booked = t.db.mediationSlots.find((x) => x.mediatorId === MEDIATOR && x.caseId)!
    await expectRefusal(t, MEDIATOR, m.removeSlot, { params: { id: booked.id } }, 409, '这个时段已被预约，不能撤下；请先与当事人商量改约', snapshot(t))
    await t.ok(MEDIATOR, m.removeSlot, { params: { id: s.id } })
    expect(t.db.mediationSlots.some((x) => x.id === s.id)).toBe(false)
  })

  it('near the 30-day limit the case is flagged and the committee head gets one 督办; an extension moves the clock', async () => {
    const t = await fresh()
    const { c } = await scheduled(t)
    setClock(t, '2026-12-21T10:00:00+08:00')
    const seen = await t.ok(MEDIATOR, m.get, { params: { id: c.id } })
    expect(seen.nearDue).toBe(true)
    const again = await t.ok(MEDIATOR, m.get, { params: { id: c.id } })
    expect(again.version).toBe(seen.version)
    const head = t.db.mediationCommittees.find((x) => x.id === XIXIANG)!.headId
    const cc = t.db.workItems.filter((w) => w.objectId === c.id && w.step === '督办' && w.assigneeId === head)
    expect(cc.length).toBe(1)
    const sup = await t.ok(DISPATCHER, m.queue, { query: { tab: 'supervise' } })
    expect(sup.items.map((i) => i.id)).toContain(c.id)
    await expectRefusal(t, DISPATCHER, m.act, { params: { id: c.id }, body: { action: 'extend', version: seen.version, days: 10 } }, 400, '请说明延期理由', snapshot(t))
    const ext = await act(t, DISPATCHER, seen, 'extend', { days: 10, reason: '当事人住院' })
    expect(ext.dueAt).toBe('2027-01-04T10:00:00+08:00')
    expect(ext.nearDue).toBe(false)
    await expectRefusal(t, DISPATCHER, m.act, { params: { id: c.id }, body: { action: 'extend', version: ext.version, days: 10, reason: '再延' } }, 409, undefined, snapshot(t))
  })

  it('考核 is per committee: cases, agreed, on time, 履行 rate, satisfaction', async () => {
    const t = await fresh()
    const s = await t.ok(DISPATCHER, m.stats)
    const xixiang = s.items.find((i) => i.committeeId === XIXIANG)!
    expect(xixiang.cases).toBeGreaterThanOrEqual(2)
    const xinan = s.items.find((i) => i.committeeId === 'street-xinan-tjw')!
    expect(xinan.satisfaction).toBe(5)
    expect(xinan.performRate).toBe(1)
    expect((await t.as(RES, m.stats)).status).toBe(403)
  })
})

describe('调解预约: trust', () => {
  it('no answer of any mediation route carries a full phone or ID number, whoever asks', async () => {
    const t = await fresh()
    const { c } = await scheduled(t)
    const answers: unknown[] = []
    for (const who of [RES, OTHER, DISPATCHER, MEDIATOR]) {
      const me = t.db.users.find((u) => u.id === who)!
      if (me.kind === 'resident') answers.push(await t.ok(who, m.mine), await t.ok(who, m.get, { params: { id: c.id } }))
      else answers.push(await t.ok(who, m.queue, { query: { tab: 'all', limit: 100 } }), await t.ok(who, m.get, { params: { id: c.id } }))
    }
    for (const id of t.db.mediationCases.map((x) => x.id)) {
      const res = await t.as(DISPATCHER, m.get, { params: { id } })
      if (res.status === 200) answers.push(res.body)
    }
    answers.push(await t.ok('r-resident-03', m.invitation, { params: { code: t.db.mediationCases.find((x) => x.inviteStatus === 'pending' && x.status === 'applied')!.inviteCode } }))
    const text = JSON.stringify(answers)
    expect(findUnmaskedPersonalData(text)).toBeNull()
    expect(text).toContain('138****1093')
  })

  it('a resident sees only her own cases and those she was invited to; others are 404', async () => {
    const t = await fresh()
    const mine = await t.ok(RES, m.mine, { query: { limit: 100 } })
    for (const i of mine.items) {
      const row = t.db.mediationCases.find((x) => x.id === i.id)!
      expect([row.applicantId, row.otherPartyUserId]).toContain(RES)
    }
    const foreign = t.db.mediationCases.find((x) => x.applicantId !== RES && x.otherPartyUserId !== RES)!
    expect((await t.as(RES, m.get, { params: { id: foreign.id } })).status).toBe(404)
    // a mediator of another committee sees nothing of this one's cases
    const xixiangCase = t.db.mediationCases.find((x) => x.committeeId === XIXIANG)!
    expect((await t.as('u-mediator-02', m.get, { params: { id: xixiangCase.id } })).status).toBe(404)
  })

  it('the seed is replayed: cases in every state, each state change one audit entry, the chain verifies', async () => {
    const t = await fresh()
    expect(new Set(t.db.mediationCases.map((c) => c.status))).toEqual(new Set(['applied', 'accepted', 'scheduled', 'in_session', 'agreed', 'failed', 'performing', 'visited', 'refused', 'declined', 'cancelled']))
    const changes = t.db.mediationCases.reduce((s, c) => s + c.timeline.length, 0)
    expect(t.db.audit.filter((a) => a.objectType === 'mediation_case').length).toBe(changes)
    expect(verifyAudit(t.db.audit).ok).toBe(true)
    // no slot is held twice, no room is in two places at once
    const held = t.db.mediationSlots.filter((s) => s.caseId)
    expect(new Set(held.map((s) => s.caseId)).size).toBe(held.length)
  })
})

describe('调解 tells the parties through the one notification mechanism', () => {
  it('the applicant hears of 受理 and the outcome, never the dispute; nobody is told of what they did themselves; the seed told nobody', async () => {
    const t = await fresh()
    expect(t.db.users.filter((u) => u.kind === 'resident').flatMap((u) => messagesOf(t.db, u.id))).toEqual([])
    const c = await applied(t)
    const slot = freeSlot(t, MEDIATOR, 'video')
    const b = await t.ok(RES, m.act, { params: { id: c.id }, body: { action: 'book', version: c.version, slotId: slot.id } })
    // she booked it herself: nothing to tell her
    expect(messagesOf(t.db, RES)).toEqual([])
    await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } })
    await t.ok(DISPATCHER, m.act, { params: { id: c.id }, body: { action: 'accept', version: b.version + 1 } })
    // both parties hear of 受理 and when the session is, in neutral words
    expect(messagesOf(t.db, OTHER)).toHaveLength(1)
    const told = messagesOf(t.db, RES)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ title: '您的事项有了新进展', link: `/features/mediation/pages/case/index?id=${c.id}` })
    expect(JSON.stringify(told)).not.toMatch(new RegExp([application.facts.slice(0, 6), application.otherPartyName, '调解'].join('|')))
  })

  it('the day before the session both parties are reminded once, in neutral words, landing on the case', async () => {
    const t = await fresh()
    const { c, slot } = await scheduled(t)
    const reminders = (who: string) => messagesOf(t.db, who).filter((x) => x.title === '您有一个预约提醒' && x.link.endsWith(`id=${c.id}`))
    setClock(t, toIso(new Date(Date.parse(slot.start) - 25 * 3600_000)))
    await t.ok(RES, m.get, { params: { id: c.id } })
    expect(reminders(RES)).toEqual([])
    setClock(t, toIso(new Date(Date.parse(slot.start) - 23 * 3600_000)))
    await t.ok(RES, m.get, { params: { id: c.id } })
    await t.ok(OTHER, m.get, { params: { id: c.id } })
    for (const who of [RES, OTHER]) expect(reminders(who).map((x) => x.link)).toEqual([`/features/mediation/pages/case/index?id=${c.id}`])
    expect(JSON.stringify(reminders(RES))).not.toContain(application.otherPartyName)
  })
})

