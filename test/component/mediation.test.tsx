import { screen, waitFor, within } from '@testing-library/react'
import { SLOT_TAKEN_MESSAGE, mediationRoutes as m, type ApplyBody, type CaseDetail } from '../../src/contract/mediation'
import { toIso } from '../../src/core/time'
import { signaturePng } from '../../mock/lib/png'
import ApplyPage from '../../src/features/mediation/pages/apply/index'
import BookPage from '../../src/features/mediation/pages/book/index'
import CasePage from '../../src/features/mediation/pages/case/index'
import InvitePage from '../../src/features/mediation/pages/invite/index'
import HandlePage from '../../src/features/mediation/pages/handle/index'
import CalendarPage from '../../src/features/mediation/pages/calendar/index'
import StatsPage from '../../src/features/mediation/pages/stats/index'
import { FIXED_NOW, setClock, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { alerts, buttonNamed, choose, innerInput, opinionBox, opinionText, openPageAs, pinDateToMockClock, settle, tap, typeIn, typeInto } from './dom'
import { drawOnPad, fakeH5CanvasEachTest } from './signature'

const RES = 'r-resident-01'
const OTHER = 'r-resident-02'
const THIRD = 'r-resident-08'
const DISPATCHER = 'u-dispatch-01'
const MEDIATOR = 'u-mediator-01'
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
// whole journeys through the in-process BFF: on a shared 2-core machine some take more than jest's 5 s
jest.setTimeout(30_000)
// jsdom plays the H5 build: the signature pad draws on a DOM canvas
fakeH5CanvasEachTest()
beforeEach(() => fake.reset())

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

function freeSlot(t: T, mediatorId: string, mode: 'onsite' | 'video', nth = 0) {
  const from = toIso(new Date(FIXED_NOW.getTime() + 48 * 3600_000))
  return t.db.mediationSlots.filter((s) => s.mediatorId === mediatorId && s.mode === mode && !s.caseId && s.start > from)[nth]
}
const act = (t: T, who: string, d: CaseDetail, action: string, extra: Record<string, unknown> = {}) => t.ok(who, m.act, { params: { id: d.id }, body: { action: action as never, version: d.version, ...extra } })

/** applied, booked with 吴桂兰, the other party agreed, 受理 by the dispatcher */
async function scheduled(t: T) {
  const c = await t.ok(RES, m.apply, { body: application })
  const b = await act(t, RES, c, 'book', { slotId: freeSlot(t, MEDIATOR, 'video').id })
  await t.ok(OTHER, m.respond, { params: { code: c.inviteCode! }, body: { answer: 'accept' } })
  return act(t, DISPATCHER, { ...b, version: b.version + 1 }, 'accept')
}
const caseRow = (t: T, id: string) => t.db.mediationCases.find((c) => c.id === id)!

describe('申请调解', () => {
  it('says what is missing in place, keeps a draft through a closed page, and one double tap makes one application', async () => {
    const t = testRootStore()
    await openPageAs(t, RES, ApplyPage, { readyWhen: '.med-section' })
    const before = t.db.mediationCases.length
    tap(buttonNamed('提交申请，去预约时间'))
    await settle()
    expect(alerts()).toEqual(expect.arrayContaining(['请选择纠纷类型', expect.stringContaining('对方姓名或单位'), expect.stringContaining('对方电话')]))
    expect(t.db.mediationCases.length).toBe(before)

    choose('遇到了什么纠纷', '邻里纠纷')
    await typeIn('对方姓名或单位', '王海生')
    await typeIn('对方电话', '1382746')
    await typeInto(screen.getByLabelText('事情经过'), application.facts)
    // the page closes before she finishes: what she wrote is still there when she comes back
    await new Promise((r) => setTimeout(r, 350))
    await openPageAs(t, RES, ApplyPage, { readyWhen: '.med-section' })
    expect(screen.getByText('已恢复您上次没填完的内容')).toBeTruthy()
    expect(within(screen.getByRole('radiogroup', { name: '遇到了什么纠纷' })).getByText('邻里纠纷').getAttribute('aria-checked')).toBe('true')
    expect((await innerInput('对方姓名或单位')).value).toBe('王海生')

    tap(buttonNamed('提交申请，去预约时间'))
    await settle()
    expect(alerts()).toContain('「对方电话」请填写 11 位手机号')
    await typeIn('对方电话', '13827461093')
    await typeInto(screen.getByLabelText('您的诉求'), application.claims)
    choose('调解方式', '视频调解')
    choose('希望用什么话沟通', '粤语')
    // 家属协助: her son fills it in, named as such
    tap(screen.getByLabelText('家属协助填写'))
    await settle()
    await typeIn('协助人姓名', '陈小明')
    await typeIn('与申请人关系', '儿子')

    tap(buttonNamed('提交申请，去预约时间'))
    tap(buttonNamed('提交申请，去预约时间'))
    await waitFor(() => expect(fake.navigations.at(-1)?.kind).toBe('redirectTo'))
    expect(t.db.mediationCases.length).toBe(before + 1)
    const c = t.db.mediationCases.at(-1)!
    expect(c).toMatchObject({ status: 'applied', mode: 'video', dialect: 'cantonese', streetName: '西乡街道', assistedBy: { name: '陈小明', relation: '儿子' }, otherPartyPhone: '13827461093' })
    expect(fake.navigations.at(-1)!.url).toBe(`/features/mediation/pages/book/index?id=${c.id}`)
    expect(t.storage.get(`draft:mediation-apply:${RES}`)).toBeNull()
  })

  it('the home page’s 视频调解 entry opens the application with 视频调解 chosen', async () => {
    const t = testRootStore()
    await openPageAs(t, RES, ApplyPage, { params: { mode: 'video' }, readyWhen: '.med-section' })
    const chosen = within(screen.getByRole('radiogroup', { name: '调解方式' })).getByText('视频调解')
    expect(chosen.getAttribute('aria-checked')).toBe('true')
  })
})

describe('预约时间: the slot picker', () => {
  it('lists real free slots of the street’s committees; a slot someone took meanwhile says so and offers the next free ones', async () => {
    const t = testRootStore()
    const c = await t.ok(RES, m.apply, { body: application })
    await openPageAs(t, RES, BookPage, { params: { id: c.id }, readyWhen: '.med-slot' })
    const shown = () => Array.from(document.querySelectorAll('.med-slot')).map((e) => e.getAttribute('aria-label'))
    // what the page lists is what the BFF has free for 西乡 and the district, by video, with a 粤语 speaker
    const free = await t.ok(RES, m.slots, { query: { streetName: '西乡街道', mode: 'video', dialect: 'cantonese', limit: 40 } })
    expect(shown()).toEqual(free.items.map((x) => `${labelWhen(x.start)} ${x.mediatorName}`))
    expect(free.items.every((x) => x.mode === 'video' && x.dialects.includes('cantonese'))).toBe(true)
    const first = document.querySelector('.med-slot')!
    const label = first.getAttribute('aria-label')!
    tap(first)
    await settle()
    expect(document.querySelector('.med-slot.is-on')).toBe(first)

    // another resident books the very slot a moment before she taps 预约
    const rival = await t.ok(THIRD, m.apply, { body: { ...application, otherPartyPhone: '13902817364' } })
    const firstShown = t.db.mediationSlots.find((x) => x.id === free.items[0].id)!
    await act(t, THIRD, rival, 'book', { slotId: firstShown.id })

    tap(buttonNamed(`预约 ${labelWhen(firstShown.start)}`))
    await waitFor(() => expect(screen.getByText(SLOT_TAKEN_MESSAGE)).toBeTruthy())
    expect(caseRow(t, c.id).slotId).toBeNull()
    const alternatives = shown()
    expect(alternatives.length).toBeGreaterThan(0)
    expect(alternatives).not.toContain(label)

    tap(document.querySelector('.med-slot')!)
    tap(screen.getAllByText(/^预约 /).at(-1)!.closest('taro-button-core')!)
    await waitFor(() => expect(fake.navigations.at(-1)?.url).toBe(`/features/mediation/pages/case/index?id=${c.id}`))
    const booked = t.db.mediationSlots.find((s) => s.id === caseRow(t, c.id).slotId)!
    expect(booked.caseId).toBe(c.id)
    expect(firstShown.caseId).toBe(rival.id)
  })
})

describe('预约时间: narrowing to mediators versed in her kind of dispute', () => {
  it('shows only slots of mediators whose expertise is her dispute type, and all of them again when switched off', async () => {
    const t = testRootStore()
    const c = await t.ok(RES, m.apply, { body: application })
    await openPageAs(t, RES, BookPage, { params: { id: c.id }, readyWhen: '.med-slot' })
    const shown = () => Array.from(document.querySelectorAll('.med-slot')).map((e) => e.getAttribute('aria-label'))
    const all = shown()
    const toggle = screen.getByRole('switch', { name: /只看擅长/ })
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    tap(toggle)
    const versed = await t.ok(RES, m.slots, { query: { streetName: '西乡街道', mode: 'video', dialect: 'cantonese', expertise: application.disputeType, limit: 40 } })
    await waitFor(() => expect(shown()).toEqual(versed.items.map((x) => `${labelWhen(x.start)} ${x.mediatorName}`)))
    expect(versed.items.every((x) => t.db.mediators.find((md) => md.userId === x.mediatorId)?.expertise.includes(application.disputeType))).toBe(true)
    expect(versed.items.length).toBeLessThan(all.length)
    tap(toggle)
    await waitFor(() => expect(shown()).toEqual(all))
  })
})

/** the slot's words as the list shows them, e.g. 11月27日 周五 09:00 */
function labelWhen(iso: string): string {
  const week = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${week[d.getUTCDay()]} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

describe('调解邀请: the other party', () => {
  it('sees who invites them and what is asked, not her facts; accepting binds the case to them', async () => {
    const t = testRootStore()
    const c = await t.ok(RES, m.apply, { body: application })
    await act(t, RES, c, 'book', { slotId: freeSlot(t, MEDIATOR, 'video').id })
    await openPageAs(t, OTHER, InvitePage, { params: { code: c.inviteCode! }, readyWhen: '.med-status' })
    expect(screen.getByText('陈淑芬邀请您参加人民调解')).toBeTruthy()
    expect(document.body.textContent).toContain(application.claims)
    expect(document.body.textContent).not.toContain('拖动家具')
    tap(buttonNamed('同意参加调解'))
    await waitFor(() => expect(fake.navigations.at(-1)?.url).toBe(`/features/mediation/pages/case/index?id=${c.id}`))
    expect(caseRow(t, c.id)).toMatchObject({ inviteStatus: 'accepted', otherPartyUserId: OTHER })

    await openPageAs(t, OTHER, CasePage, { params: { id: c.id }, readyWhen: '.med-status' })
    expect(document.body.textContent).not.toContain('拖动家具')
    expect(screen.queryByLabelText('邀请对方')).toBeNull()
  })

  it('a wrong code says so in Chinese; declining shows what happens next', async () => {
    const t = testRootStore()
    const c = await t.ok(RES, m.apply, { body: application })
    await openPageAs(t, OTHER, InvitePage, { readyWhen: '.med-section' })
    await typeIn('邀请码', 'ZZZZ9999')
    tap(buttonNamed('查看邀请'))
    await waitFor(() => expect(alerts()).toContain('没有找到这个邀请，请核对邀请码'))
    await typeIn('邀请码', c.inviteCode!)
    tap(buttonNamed('查看邀请'))
    await waitFor(() => expect(screen.getByText('陈淑芬邀请您参加人民调解')).toBeTruthy())
    tap(buttonNamed('不同意调解'))
    await waitFor(() => expect(caseRow(t, c.id).status).toBe('declined'))
    await openPageAs(t, RES, CasePage, { params: { id: c.id }, readyWhen: '.med-status' })
    const next = screen.getByLabelText('接下来怎么办').textContent!
    expect(next).toMatch(/上门调解[\s\S]*司法确认[\s\S]*诉讼指引/)
  })
})

describe('我的调解: the case page', () => {
  it('once the appointment has begun: no reminder and no 改约 cut-off, nothing that has stopped being true', async () => {
    const t = testRootStore()
    const a = await scheduled(t)
    const start = t.db.mediationSlots.find((s) => s.id === caseRow(t, a.id).slotId)!.start
    setClock(t, toIso(new Date(Date.parse(start) + 10 * 60_000)))
    await openPageAs(t, RES, CasePage, { params: { id: a.id }, readyWhen: '.med-status' })
    const when = screen.getByLabelText('调解时间').textContent!
    expect(when).toContain('视频调解')
    expect(when).not.toMatch(/提醒|就要调解了|改约|不到 24 小时/)
    expect(document.body.textContent).toContain('视频调解室已开放，现在就可以进入')
  })

  it('shows the time, the reminder, the cut-off and the video entry saying when it opens; cancelling frees the slot at once', async () => {
    const t = testRootStore()
    const a = await scheduled(t)
    await openPageAs(t, RES, CasePage, { params: { id: a.id }, readyWhen: '.med-status' })
    expect(document.querySelector('.med-status')!.textContent).toBe('已排期')
    const when = screen.getByLabelText('调解时间').textContent!
    expect(when).toContain('调解前一天会在这里提醒您')
    expect(when).toMatch(/前可以改约或取消/)
    expect(screen.getByText('进入视频调解')).toBeTruthy()
    expect(document.body.textContent).toMatch(/视频调解室在预约时间前 15 分钟（\d\d:\d\d）开放/)
    // the progress bar has reached 已排期
    expect(Array.from(document.querySelectorAll('.med-step.is-done')).map((e) => e.textContent)).toEqual(['申请', '受理', '已排期'])

    const slotId = caseRow(t, a.id).slotId!
    tap(buttonNamed('取消预约'))
    await waitFor(() => expect(caseRow(t, a.id).slotId).toBeNull())
    expect(t.db.mediationSlots.find((s) => s.id === slotId)!.caseId).toBeNull()
    await waitFor(() => expect(document.querySelector('.med-status')!.textContent).toBe('已受理'))
    expect(buttonNamed('预约时段')).toBeTruthy()
  })
})

describe('分拨, the session record and the 协议书', () => {
  it('不予受理 needs a 去向 (三调联动) and a reason; the applicant then reads where to go', async () => {
    const t = testRootStore()
    const c = await t.ok(RES, m.apply, { body: application })
    await openPageAs(t, DISPATCHER, HandlePage, { params: { id: c.id }, readyWhen: '.med-status' })
    expect(screen.getByLabelText('分拨建议').textContent).toContain('吴桂兰')
    tap(buttonNamed('不予受理'))
    await settle()
    tap(buttonNamed('确定不予受理'))
    await settle()
    expect(alerts()).toContain('请填写不予受理的理由')
    await typeInto(opinionBox(), '已进入诉讼程序')
    // no 去向 chosen yet: she is told, and the reason she wrote stays in the sheet
    tap(buttonNamed('确定不予受理'))
    await waitFor(() => expect(fake.modals.map((x) => x.content)).toContain('请先在「不予受理时的去向」里选一个（行政调解、诉调对接等）'))
    expect(caseRow(t, c.id).status).toBe('applied')
    expect(opinionText()).toBe('已进入诉讼程序')
    choose('去向', '诉调对接（宝安区人民法院诉调对接中心）')
    tap(buttonNamed('确定不予受理'))
    await waitFor(() => expect(caseRow(t, c.id).status).toBe('refused'))
    expect(caseRow(t, c.id).refusal).toEqual({ reason: '已进入诉讼程序', referral: 'judicial' })
    await openPageAs(t, RES, CasePage, { params: { id: c.id }, readyWhen: '.med-status' })
    expect(screen.getByLabelText('接下来怎么办').textContent).toContain('诉调对接（宝安区人民法院诉调对接中心）')
  })

  it('the mediator records the session, the 协议书 comes from the record, 一案一档 says what is still missing; the parties sign by hand', async () => {
    const t = testRootStore()
    const a = await scheduled(t)
    await openPageAs(t, MEDIATOR, HandlePage, { params: { id: a.id }, readyWhen: '.med-status' })
    expect(screen.getByLabelText('一案一档').textContent).toMatch(/尚缺：调解记录、人民调解协议书、履行情况、回访记录/)
    tap(buttonNamed('开始调解'))
    await waitFor(() => expect(caseRow(t, a.id).status).toBe('in_session'))
    await typeInto(screen.getByLabelText('调解记录'), '双方陈述：楼上承认夜间搬动家具。经调解，同意加装脚垫、晚十点后不再搬动。')
    tap(buttonNamed('调解记录'))
    await waitFor(() => expect(caseRow(t, a.id).record).toContain('加装脚垫'))
    await typeInto(screen.getByLabelText('调解记录'), '一、王海生于 3 日内给家具加装脚垫；二、每晚十点后不再搬动家具。')
    tap(buttonNamed('达成协议'))
    await waitFor(() => expect(caseRow(t, a.id).status).toBe('agreed'))
    expect(caseRow(t, a.id).agreement!.terms).toContain('加装脚垫')
    const file = screen.getByLabelText('一案一档')
    await waitFor(() => expect(file.textContent).toContain('人民调解协议书.pdf'))
    expect(file.textContent).toContain('尚缺：履行情况、回访记录')

    // the applicant signs on her phone
    await openPageAs(t, RES, CasePage, { params: { id: a.id }, readyWhen: '.med-status' })
    expect(screen.getByLabelText('调解协议书').textContent).toContain('加装脚垫')
    tap(buttonNamed('签署协议书'))
    await settle()
    tap(buttonNamed('确认签署'))
    await settle()
    expect(screen.getByText('请先签名')).toBeTruthy()
    expect(caseRow(t, a.id).signatures).toEqual([])
    await drawOnPad()
    tap(buttonNamed('确认签署'))
    await waitFor(() => expect(caseRow(t, a.id).signatures.map((s) => s.role)).toEqual(['applicant']))
    expect(caseRow(t, a.id).signatures[0].png).toMatch(/^data:image\/png;base64,/)
    await waitFor(() => expect(screen.getByLabelText('调解协议书').textContent).toContain('已签名：陈淑芬'))
  })

  it('after all three signed: 履行 and 回访 are recorded and the case file is complete; the applicant rates it', async () => {
    const t = testRootStore()
    let d = await scheduled(t)
    d = await act(t, MEDIATOR, d, 'start')
    d = await act(t, MEDIATOR, d, 'agree', { record: '双方同意。', terms: '一、加装脚垫。' })
    d = await act(t, RES, d, 'sign', { signature: signaturePng(1) })
    d = await act(t, OTHER, d, 'sign', { signature: signaturePng(2) })
    d = await act(t, MEDIATOR, d, 'sign', { signature: signaturePng(3) })
    expect(d.status).toBe('performing')
    await openPageAs(t, MEDIATOR, HandlePage, { params: { id: d.id }, readyWhen: '.med-status' })
    await typeInto(screen.getByLabelText('调解记录'), '已加装脚垫，楼下确认。')
    tap(buttonNamed('登记履行情况'))
    await waitFor(() => expect(caseRow(t, d.id).performance?.text).toBe('已加装脚垫，楼下确认。'))
    await typeInto(screen.getByLabelText('调解记录'), '电话回访，双方满意。')
    tap(buttonNamed('登记回访'))
    await waitFor(() => expect(caseRow(t, d.id).status).toBe('visited'))
    await waitFor(() => expect(screen.getByLabelText('一案一档').textContent).toContain('案卷齐全'))

    await openPageAs(t, RES, CasePage, { params: { id: d.id }, readyWhen: '.med-status' })
    expect(screen.getByLabelText('履行与回访').textContent).toContain('电话回访，双方满意。')
    choose('评分', '4 星')
    tap(buttonNamed('评价本次调解'))
    await settle()
    tap(buttonNamed('确定评价本次调解'))
    await waitFor(() => expect(caseRow(t, d.id).rating).toEqual({ stars: 4, comment: null }))
  })
})

describe('staff: calendars and 在线考核', () => {
  it('a mediator adds availability; a clash with her own time is refused in words; a free slot can be taken down', async () => {
    const t = testRootStore()
    await openPageAs(t, MEDIATOR, CalendarPage, { readyWhen: '.med-slot' })
    const before = t.db.mediationSlots.filter((s) => s.mediatorId === MEDIATOR).length
    choose('方式', '视频调解')
    tap(buttonNamed('登记这个时段'))
    await settle()
    expect(alerts()).toContain('请选择开始时间')
    choose('开始时间', '19:00')
    tap(buttonNamed('登记这个时段'))
    await waitFor(() => expect(t.db.mediationSlots.filter((s) => s.mediatorId === MEDIATOR).length).toBe(before + 1))
    await waitFor(() => expect(fake.toasts).toContain('已登记，居民现在可以预约'))
    await settle()
    // the same time again clashes with what she just added
    tap(buttonNamed('登记这个时段'))
    await waitFor(() => expect(alerts().some((a) => /^与您 .* 的时段冲突$/.test(a ?? ''))).toBe(true), { onTimeout: (e) => new Error(`${e.message}\nalerts: ${alerts().join(' | ')}`) })
    expect(t.db.mediationSlots.filter((s) => s.mediatorId === MEDIATOR).length).toBe(before + 1)
    const mine = () => t.db.mediationSlots.filter((s) => s.mediatorId === MEDIATOR).map((s) => ({ ...s }))
    const had = mine()
    tap(screen.getAllByRole('button', { name: /^撤下 / })[0])
    await waitFor(() => expect(mine().length).toBe(before))
    // exactly one slot went, and nobody had booked it
    const gone = had.filter((s) => !mine().some((x) => x.id === s.id))
    expect(gone.map((s) => s.caseId)).toEqual([null])
  })

  it('在线考核 draws one bar per committee for each figure, and names no mediator', async () => {
    const t = testRootStore()
    await openPageAs(t, DISPATCHER, StatsPage, { readyWhen: '.med-bar' })
    const cases = screen.getByRole('list', { name: '受理件数' })
    expect(within(cases).getAllByRole('listitem').length).toBeGreaterThan(1)
    expect(screen.getByRole('list', { name: '协议履行率' })).toBeTruthy()
    expect(screen.getByRole('list', { name: '满意度（5 分制）' })).toBeTruthy()
    for (const u of t.db.users.filter((x) => x.roles.includes('mediator'))) expect(document.body.textContent).not.toContain(u.name)
  })
})
