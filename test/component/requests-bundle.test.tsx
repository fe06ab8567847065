import { screen, waitFor, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import BundleApplyPage from '../../src/features/requests/pages/bundle-apply/index'
import BundlePage from '../../src/features/requests/pages/bundle/index'
import { formatTime } from '../../src/core/format'
import { FIXED_NOW, filedRequests, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { alerts, buttonNamed, errorBeside, fieldCard, openPageAs, pinDateToMockClock, settle, tap, typeIn } from './dom'

const ME = 'u-handler-01'
const TOMORROW = '2026-11-26'
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

const at = (hm: string) => `${TOMORROW}T${hm}:00+08:00`
const meetingValues = { title: '数据共享工作推进会', attendees: 10, attendeeNames: '吴振宇、刘思远', from: '区政府大院', to: '西乡街道办事处', passengers: 3 }

/** Inside one slot card: pick tomorrow, then the resource by name. */
async function pickIn(cardLabel: string, group: string, name: string) {
  const card = fieldCard(cardLabel)
  tap(within(within(card).getByRole('radiogroup', { name: '日期' })).getByText(TOMORROW.slice(5)))
  await waitFor(() => expect(within(card).queryAllByText(name).length).toBe(1))
  await settle()
  tap(within(within(card).getByRole('radiogroup', { name: group })).getByText(name).closest('[role="radio"]') as HTMLElement)
  await settle()
}

describe('一件事 form: 会议保障一件事', () => {
  it('shows the guide with every part, who handles it and what waits for what; asks each fact once', async () => {
    const t = testRootStore()
    await openPageAs(t, ME, BundleApplyPage, { params: { bundle: 'meeting' }, readyWhen: '.rq-guide' })
    const guide = document.querySelector('.rq-guide') as HTMLElement
    expect(within(guide).getByText('会议保障一件事')).toBeTruthy()
    expect(within(guide).getByText('最长 1 个工作日内全部办结')).toBeTruthy()
    expect(within(guide).getByText('一次申报，包含 3 个事项：')).toBeTruthy()
    expect(Array.from(guide.querySelectorAll('.bd-part')).map((p) => p.textContent)).toEqual([
      '会议室预约会议室管理员 · 2 个工作小时内确认',
      '公务用车本部门负责人 → 车辆管理员 · 4 个工作小时内派车',
      '会议通知无需审批 · 1 个工作小时内办结 · 在「会议室预约」办结后',
    ])
    const labels = Array.from(document.querySelectorAll('.form-field > .form-label')).map((l) => l.textContent)
    expect(labels).toEqual(['申请人', '所在单位', '联系电话', '会议名称', '参会人数', '参会人员', '会务需求（可不填）', '用车出发地', '用车目的地', '乘车人数', '选择会议室和时段', '选择车辆和用车时段'])
  })

  it('sent empty, says what is missing beside each field and each slot, and sends nothing', async () => {
    const t = testRootStore()
    await openPageAs(t, ME, BundleApplyPage, { params: { bundle: 'meeting' }, readyWhen: '.rq-guide' })
    tap(buttonNamed('一次申报'))
    await settle()
    expect(errorBeside('会议名称')).toBe('请填写「会议名称」')
    expect(errorBeside('参会人员')).toBe('请填写「参会人员」')
    expect(errorBeside('选择会议室和时段')).toBe('请选择会议室和时段')
    expect(t.db.bundles).toEqual([])
  })

  it('a room someone took meanwhile: the next free slots are offered, nothing typed is lost, one tap and it goes through once', async () => {
    const t = testRootStore()
    await openPageAs(t, ME, BundleApplyPage, { params: { bundle: 'meeting' }, readyWhen: '.rq-guide' })
    for (const [label, value] of [['会议名称', meetingValues.title], ['参会人数', '10'], ['参会人员', meetingValues.attendeeNames], ['用车出发地', meetingValues.from], ['用车目的地', meetingValues.to], ['乘车人数', '3']]) await typeIn(label, value)
    await pickIn('选择会议室和时段', '会议室', '区政府 1 号楼 301 会议室')
    await pickIn('选择车辆和用车时段', '车辆', '粤B·D2K18（七座商务车）')
    // someone books the same room at the same time while the form is open
    await t.ok('u-handler-02', routes.requests.submit, { body: { itemId: 'room', values: { title: '社会事务科周例会', attendees: 8 }, slot: { resourceId: 'room-1-301', start: at('09:00'), end: at('10:00') } } })

    tap(buttonNamed('一次申报'))
    await waitFor(() => expect(alerts()).toHaveLength(1))
    expect(errorBeside('选择会议室和时段')).toBe('区政府 1 号楼 301 会议室在您选的时段已被预约，请改选会议室和时段，下面是最近的空闲时段；其他填写的内容都还在')
    const offers = within(screen.getByRole('list', { name: '可改约的空闲时段' })).getAllByRole('button')
    expect(offers.map((o) => o.textContent)).toEqual([
      '改约 区政府 1 号楼 301 会议室 11-26 10:00–11:00',
      '改约 区政府 1 号楼 301 会议室 11-26 10:30–11:30',
      '改约 区政府 1 号楼 301 会议室 11-26 11:00–12:00',
      '改约 区政府 1 号楼 502 小会议室 11-26 09:00–10:00',
      '改约 区政府 2 号楼 101 视频会议室 11-26 09:00–10:00',
    ])
    expect(t.db.bundles).toEqual([])
    expect(filedRequests(t)).toHaveLength(1)
    expect((screen.getByLabelText('参会人员').querySelector('textarea') as HTMLTextAreaElement).value).toBe(meetingValues.attendeeNames)

    tap(offers[0])
    await settle()
    expect(screen.queryByRole('list', { name: '可改约的空闲时段' })).toBeNull()
    expect(errorBeside('选择会议室和时段')).toBeNull()
    tap(buttonNamed('一次申报'))
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    const b = t.db.bundles![0]
    expect(t.db.bundles).toHaveLength(1)
    expect(b.values).toMatchObject({ title: '数据共享工作推进会', attendees: 10, passengers: 3 })
    expect(b.parts.find((p) => p.key === 'room')!.slot).toEqual({ resourceId: 'room-1-301', start: at('10:00'), end: at('11:00') })
    expect(b.parts.find((p) => p.key === 'car')!.slot).toEqual({ resourceId: 'car-b1', start: at('09:00'), end: at('10:00') })
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/features/requests/pages/bundle/index?id=${b.id}` }])
  })
})

// ---------------------------------------------------------------------------------------------

async function meeting(t: T = testRootStore()) {
  const b = await t.ok(ME, routes.requests.bundleSubmit, {
    body: { bundleId: 'meeting', values: meetingValues, slots: { room: { resourceId: 'room-1-502', start: at('14:00'), end: at('15:00') }, car: { resourceId: 'car-b2', start: at('13:00'), end: at('14:00') } } },
  })
  return { t, b }
}
const approve = async (t: T, id: string) => {
  const row = t.db.requests.find((r) => r.id === id)!
  await t.ok(row.steps[row.stepIndex].holderId!, routes.requests.act, { params: { id }, body: { action: 'approve', version: row.version } })
}
const parts = () =>
  Array.from(document.querySelectorAll('.bd-part')).map((el) => ({
    name: el.querySelector('.bd-part-name')?.textContent,
    state: Array.from(el.querySelectorAll('.status-tag')).map((s) => s.textContent).join(' '),
    owner: el.querySelector('.bd-owner')?.textContent ?? null,
  }))

describe('一件事 page', () => {
  it('every part with its state, owner and countdown, and the bundle’s own promise', async () => {
    const { t, b } = await meeting()
    await openPageAs(t, ME, BundlePage, { params: { id: b.id }, readyWhen: '.bd-parts' })
    expect(parts()).toEqual([
      { name: '会议室预约', state: '审批中', owner: '经办：袁静 · 会议室管理员确认' },
      { name: '公务用车', state: '审批中', owner: '经办：吴振宇 · 部门负责人审批' },
      { name: '会议通知', state: '等待前序事项', owner: null },
    ])
    const head = document.querySelector('.rq-head') as HTMLElement
    // the longest path: 公务用车's 4 office hours (10:00–12:00, 14:00–16:00) outlast the room's 2
    expect(within(head).getByRole('timer').textContent).toBe(`整件事承诺 ${formatTime(`2026-11-25T16:00:00+08:00`)} 前全部办结 · 剩余 4 小时 0 分（工作时间）`)
    expect(within(head).getByText(/已办结 0\/3 项/)).toBeTruthy()
    expect(Array.from(document.querySelectorAll('.bd-part [role="timer"]')).map((x) => x.textContent)).toEqual([
      expect.stringMatching(/^承诺 .* 前办结 · 剩余 2 小时 0 分（工作时间）$/),
      expect.stringMatching(/^承诺 .* 前办结 · 剩余 4 小时 0 分（工作时间）$/),
      expect.stringMatching(/^预计 .* 前办结/),
    ])
    expect(within(document.querySelectorAll('.bd-part')[2] as HTMLElement).getByText('等「会议室预约」办结后自动开始')).toBeTruthy()
    // a part opens its own request
    tap(document.querySelectorAll('.bd-part')[0] as HTMLElement)
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: `/features/requests/pages/detail/index?id=${b.parts[0].requestId}` })
  })

  it('once every owner has acted: done, with the room, the car and the notice listed together, and a rating', async () => {
    const { t, b } = await meeting()
    await approve(t, b.parts[0].requestId!)
    await approve(t, b.parts[1].requestId!)
    await approve(t, b.parts[1].requestId!)
    await openPageAs(t, ME, BundlePage, { params: { id: b.id }, readyWhen: '.bd-parts' })
    expect(document.querySelector('.rq-head .status-tag')?.textContent).toBe('已办结')
    expect(parts().map((p) => p.state)).toEqual(['已办结', '已办结', '已办结'])
    expect(Array.from(document.querySelectorAll('.bd-issued .rq-field')).map((x) => x.textContent)).toEqual([
      '已预约区政府 1 号楼 502 小会议室 11月26日 14:00–15:00',
      '已预约粤B·F6M32（五座新能源轿车） 11月26日 13:00–14:00',
      '已通知会议通知：数据共享工作推进会 已发给 2 人，已阅 0 人',
    ])
    tap(screen.getByRole('radio', { name: '4 星' }))
    tap(buttonNamed('提交评价'))
    await waitFor(() => expect(t.db.bundles![0].rating).toEqual({ stars: 4, comment: null }))
  })

  it('撤回整件事 asks first, then withdraws every open part', async () => {
    const { t, b } = await meeting()
    await approve(t, b.parts[0].requestId!)
    await openPageAs(t, ME, BundlePage, { params: { id: b.id }, readyWhen: '.bd-parts' })
    fake.modalAnswer = false
    tap(buttonNamed('撤回整件事'))
    await settle()
    expect(fake.modals).toEqual([{ title: '撤回整件事？', content: '未办结的 1 个事项会一并撤回，已办结的不受影响。' }])
    expect(t.db.bundles![0].status).toBe('in_progress')
    fake.modalAnswer = true
    tap(buttonNamed('撤回整件事'))
    await waitFor(() => expect(document.querySelector('.rq-head .status-tag')?.textContent).toBe('已撤回'))
    expect(parts().map((p) => p.state)).toEqual(['已办结', '已撤回', '已办结'])
    expect(fake.navigations).toEqual([])
    expect(filedRequests(t).map((r) => r.status)).toEqual(['done', 'withdrawn', 'done'])
  })

  it('a refused part says what it means and offers to re-apply for it', async () => {
    const { t, b } = await meeting()
    const car = b.parts[1].requestId!
    const row = t.db.requests.find((r) => r.id === car)!
    await t.ok('u-head-02', routes.requests.act, { params: { id: car }, body: { action: 'reject', version: row.version, opinion: '当天车辆已全部派出，请改乘公共交通' } })
    await openPageAs(t, ME, BundlePage, { params: { id: b.id }, readyWhen: '.bd-parts' })
    expect(document.querySelector('.rq-head .status-tag')?.textContent).toBe('待补正')
    expect(document.querySelector('.bd-note--refused')?.textContent).toBe('未批准：当天车辆已全部派出，请改乘公共交通。其他事项照常办理；请修改后重新申请此项，整件事才能办结')
    tap(buttonNamed('修改后重新申请「公务用车」'))
    await settle()
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: `/features/requests/pages/bundle-apply/index?id=${b.id}&part=car` })
  })
})
