import { screen, waitFor, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import ApplyPage, { dateHint } from '../../src/features/requests/pages/apply/index'
import { catalogue } from '../../mock/seed/catalogue'
import { FIXED_NOW, filedRequests, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { alerts, buttonNamed, choose, errorBeside, innerInput, openPageAs, pinDateToMockClock, recordCalls, settle, tap, typeIn } from './dom'

const ME = 'u-handler-01'
const TOMORROW = '2026-11-26'
type T = ReturnType<typeof testRootStore>

// The slot picker's "today" and the drafts' age come from the device clock: pinned to the mock's clock.
// Only Date is faked; timers stay real, so Stencil, the drafts' debounce and waitFor work as in a browser.
pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

const submits = (calls: string[]) => calls.filter((c) => /^POST .*\/requests(\/[^/]+\/resubmit)?$/.test(c))

async function openApply(params: Record<string, string>, t: T = testRootStore()) {
  const view = await openPageAs(t, ME, ApplyPage, { params, readyWhen: '.rq-guide' })
  return { t, view }
}

const chosen = (group: string) => within(screen.getByRole('radiogroup', { name: group })).queryAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true').map((r) => r.textContent)

describe('申请 form, 办公用品领用', () => {
  const supplies = catalogue.find((c) => c.id === 'supplies')!

  it('opens with the guide: who may apply, who approves, the steps and the promise', async () => {
    await openApply({ item: 'supplies' })
    const guide = document.querySelector('.rq-guide') as HTMLElement
    expect(within(guide).getByText('办公用品领用')).toBeTruthy()
    expect(within(guide).getByText(supplies.guide.promise.text)).toBeTruthy()
    expect(within(guide).getByText(`谁可以申请：${supplies.guide.eligibility}`)).toBeTruthy()
    expect(within(guide).getByText(`审批：${supplies.guide.approvers}`)).toBeTruthy()
    expect(within(guide).getByText(`流程：${supplies.guide.steps.join(' → ')}`)).toBeTruthy()
    expect(within(guide).getByText(`材料：${supplies.guide.materials.join('；')}`)).toBeTruthy()
    tap(within(guide).getByText('收起指南'))
    expect(within(guide).queryByText(/谁可以申请/)).toBeNull()
    expect(within(guide).getByText('办事指南')).toBeTruthy()
  })

  it('shows who I am from the directory, read-only, and lets me change only the contact phone', async () => {
    const { t } = await openApply({ item: 'supplies' })
    const me = t.db.users.find((u) => u.id === ME)!
    const identity = Array.from(document.querySelectorAll<HTMLElement>('.rq-prefilled'))
    expect(identity.map((el) => el.querySelector('.form-label')?.textContent)).toEqual(['申请人', '所在单位'])
    expect(identity[0].textContent).toContain(me.name)
    expect(identity[1].textContent).toContain('区政务服务数据管理局')
    for (const el of identity) {
      expect(within(el).getByText('由通讯录带入，无需填写')).toBeTruthy()
      expect(el.querySelector('taro-input-core, input, textarea')).toBeNull()
    }
    expect(screen.queryByLabelText('申请人')).toBeNull()
    expect(screen.queryByLabelText('所在单位')).toBeNull()
    expect((await innerInput('联系电话')).value).toBe(me.phone)
  })

  it('sent empty, says beside each required field what is missing and sends nothing', async () => {
    const { t } = await openApply({ item: 'supplies' })
    const calls = recordCalls(t)
    tap(buttonNamed('提交申请'))
    await settle()
    expect(errorBeside('物品')).toBe('请填写「物品」')
    expect(errorBeside('数量')).toBe('请填写「数量」')
    expect(errorBeside('用途')).toBe('请填写「用途」')
    expect(errorBeside('联系电话')).toBeNull()
    expect(alerts()).toHaveLength(3)
    expect(submits(calls)).toEqual([])
    expect(filedRequests(t)).toHaveLength(0)
    expect(fake.navigations).toEqual([])

    // the message goes as soon as the field is right
    choose('物品', '硒鼓')
    await settle()
    expect(errorBeside('物品')).toBeNull()
  })

  it('a quantity out of range gets the min/max message beside it, and nothing is sent', async () => {
    const { t } = await openApply({ item: 'supplies' })
    const calls = recordCalls(t)
    choose('物品', '硒鼓')
    await typeIn('用途', '打印年度报告')
    await typeIn('数量', '21')
    tap(buttonNamed('提交申请'))
    await settle()
    expect(errorBeside('数量')).toBe('「数量」不能多于 20')
    expect(alerts()).toEqual(['「数量」不能多于 20'])

    await typeIn('数量', '0')
    await settle()
    expect(errorBeside('数量')).toBe('「数量」不能少于 1')
    tap(buttonNamed('提交申请'))
    await settle()
    expect(errorBeside('数量')).toBe('「数量」不能少于 1')
    expect(submits(calls)).toEqual([])
    expect(filedRequests(t)).toHaveLength(0)

    await typeIn('数量', '3')
    await settle()
    expect(errorBeside('数量')).toBeNull()
  })

  it('a valid request lands exactly once however often 提交申请 is tapped, and opens its page', async () => {
    const { t } = await openApply({ item: 'supplies' })
    const me = t.db.users.find((u) => u.id === ME)!
    const calls = recordCalls(t)
    choose('物品', 'A4 复印纸（箱）')
    await typeIn('数量', '3')
    await typeIn('用途', '  科室日常打印  ')
    await settle()
    expect(chosen('物品')).toEqual(['A4 复印纸（箱）'])

    const send = buttonNamed('提交申请')
    tap(send)
    tap(send)
    tap(send)
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    await settle()

    expect(submits(calls)).toHaveLength(1)
    expect(filedRequests(t)).toHaveLength(1)
    const created = filedRequests(t)[0]
    expect(created).toMatchObject({ itemId: 'supplies', applicantId: ME, status: 'pending', slot: null })
    expect(created.values).toEqual({ applicantName: me.name, deptName: '区政务服务数据管理局', phone: me.phone, item: 'A4 复印纸（箱）', quantity: 3, purpose: '科室日常打印' })
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/features/requests/pages/detail/index?id=${created.id}` }])
    expect(fake.toasts).toEqual(['已提交'])
    expect(fake.modals).toEqual([])
  })

  it('keeps what was typed as a draft and brings it back on the next visit', async () => {
    const t = testRootStore()
    const first = await openApply({ item: 'supplies' }, t)
    choose('物品', '签字笔（盒）')
    await typeIn('用途', '会议记录用')
    await new Promise((r) => setTimeout(r, 400)) // the draft is saved 300 ms after the last keystroke
    first.view.unmount()
    expect(filedRequests(t)).toHaveLength(0)

    await openApply({ item: 'supplies' }, t)
    expect(screen.getByText('已恢复上次未提交的草稿')).toBeTruthy()
    expect(chosen('物品')).toEqual(['签字笔（盒）'])
    await waitFor(async () => expect((await innerInput('用途')).value).toBe('会议记录用'))
  })

  it('a draft is cleared once the request has landed, so the next form starts empty', async () => {
    const t = testRootStore()
    const first = await openApply({ item: 'supplies' }, t)
    choose('物品', '文件盒')
    await typeIn('数量', '2')
    await typeIn('用途', '档案整理')
    await new Promise((r) => setTimeout(r, 400))
    tap(buttonNamed('提交申请'))
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    first.view.unmount()

    await openApply({ item: 'supplies' }, t)
    expect(screen.queryByText('已恢复上次未提交的草稿')).toBeNull()
    expect(chosen('物品')).toEqual([])
    expect((await innerInput('用途')).value).toBe('')
  })

  it('edit mode: a returned request comes back with its values and is resubmitted', async () => {
    const t = testRootStore()
    const sent = await t.ok(ME, routes.requests.submit, { body: { itemId: 'supplies', values: { item: '硒鼓', quantity: 2, purpose: '打印年度报告' } } })
    await t.ok('u-head-02', routes.requests.act, { params: { id: sent.id }, body: { action: 'return', version: sent.version, opinion: '硒鼓库存紧张，请核减数量' } })
    expect(filedRequests(t)[0].status).toBe('returned')

    await openApply({ id: sent.id }, t)
    expect(buttonNamed('修改后重新提交')).toBeTruthy()
    expect(screen.queryByText('提交申请')).toBeNull()
    expect(screen.getByText('办事指南')).toBeTruthy() // the guide starts folded when editing
    expect(chosen('物品')).toEqual(['硒鼓'])
    expect((await innerInput('数量')).value).toBe('2')
    expect((await innerInput('用途')).value).toBe('打印年度报告')

    const calls = recordCalls(t)
    await typeIn('数量', '1')
    tap(buttonNamed('修改后重新提交'))
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    expect(submits(calls)).toEqual([`POST /api/v1/requests/${sent.id}/resubmit`])
    expect(filedRequests(t)).toHaveLength(1)
    const row = filedRequests(t)[0]
    expect(row.status).toBe('pending')
    expect(row.values).toMatchObject({ item: '硒鼓', quantity: 1, purpose: '打印年度报告' })
    expect(row.timeline.map((e) => e.action)).toContain('修改后重新提交')
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/features/requests/pages/detail/index?id=${sent.id}` }])
    expect(fake.toasts).toEqual(['已重新提交'])
  })

  it('an unknown item says so instead of a form', async () => {
    const t = testRootStore()
    await openPageAs(t, ME, ApplyPage, { params: { item: 'no-such-item' } })
    await waitFor(() => expect(screen.getByText('没有找到这个事项')).toBeTruthy())
    expect(document.querySelector('.form-field')).toBeNull()
  })
})

describe('申请 form, 会议室预约 with the slot picker', () => {
  const roomNames = ['区政府 1 号楼 301 会议室', '区政府 1 号楼 502 小会议室', '区政府 2 号楼 101 视频会议室']

  /** Someone else books room 301 tomorrow 09:00–10:00 before I open the form. */
  async function withBooking() {
    const t = testRootStore()
    await t.ok('u-handler-02', routes.requests.submit, {
      body: {
        itemId: 'room',
        values: { title: '社会事务科周例会', attendees: 8 },
        slot: { resourceId: 'room-1-301', start: `${TOMORROW}T09:00:00+08:00`, end: `${TOMORROW}T10:00:00+08:00` },
      },
    })
    return t
  }

  const resourceCard = (name: string) => {
    const el = within(screen.getByRole('radiogroup', { name: '会议室' }))
      .getAllByRole('radio')
      .find((r) => r.querySelector('.slot-resource-name')?.textContent === name)
    if (!el) throw new Error(`no room 「${name}」`)
    return el
  }
  const chipsOf = (name: string) => Array.from(resourceCard(name).querySelectorAll('.slot-busy-chip')).map((c) => c.textContent)

  async function pickDay(day: string) {
    choose('日期', day.slice(5))
    await waitFor(() => expect(within(screen.getByRole('radiogroup', { name: '会议室' })).queryAllByRole('radio')).toHaveLength(3))
    await settle()
  }

  it('lists the rooms of a day with their taken times', async () => {
    const t = await withBooking()
    await openApply({ item: 'room' }, t)
    expect(chosen('日期')).toEqual(['今天11-25'])
    expect(within(screen.getByRole('radiogroup', { name: '会议室' })).getAllByRole('radio').map((r) => r.querySelector('.slot-resource-name')?.textContent)).toEqual(roomNames)
    expect(chipsOf('区政府 1 号楼 301 会议室')).toEqual([]) // today is free

    await pickDay(TOMORROW)
    await waitFor(() => expect(chipsOf('区政府 1 号楼 301 会议室')).toEqual(['09:00–10:00 已占用']))
    expect(chipsOf('区政府 1 号楼 502 小会议室')).toEqual([])
    expect(within(resourceCard('区政府 1 号楼 502 小会议室')).getByText('全天空闲')).toBeTruthy()
    expect(within(resourceCard('区政府 1 号楼 301 会议室')).getByText('30 人')).toBeTruthy()
  })

  it('sent without a slot, asks for one', async () => {
    const { t } = await openApply({ item: 'room' })
    await typeIn('会议名称', '数据共享工作推进会')
    await typeIn('参会人数', '10')
    tap(buttonNamed('提交申请'))
    await settle()
    expect(alerts()).toEqual(['请选择资源和时段'])
    expect(filedRequests(t)).toHaveLength(0)
  })

  it('the same room at the same time is refused by the server, said at the slot, and nothing is created', async () => {
    const t = await withBooking()
    await openApply({ item: 'room' }, t)
    const calls = recordCalls(t)
    await pickDay(TOMORROW)
    await typeIn('会议名称', '数据共享工作推进会')
    await typeIn('参会人数', '10')
    tap(resourceCard('区政府 1 号楼 301 会议室'))
    await settle()
    expect(resourceCard('区政府 1 号楼 301 会议室').getAttribute('aria-checked')).toBe('true')
    expect(document.querySelector('.slot-summary')?.textContent).toBe(`已选：区政府 1 号楼 301 会议室 ${TOMORROW} 09:00–10:00`)
    // the calendar already warns before sending
    expect(within(resourceCard('区政府 1 号楼 301 会议室')).getByText('所选时段与已有预约冲突，请换个时间')).toBeTruthy()

    tap(buttonNamed('提交申请'))
    await waitFor(() => expect(alerts()).toHaveLength(1))
    const slotAlert = within(document.querySelector('.slot') as HTMLElement).getByRole('alert')
    expect(slotAlert.textContent).toBe('区政府 1 号楼 301 会议室在 09:00–10:00 已被李**预约，请换个时段或资源')
    expect(submits(calls)).toHaveLength(1)
    expect(filedRequests(t)).toHaveLength(1)
    expect(fake.navigations).toEqual([])
    expect(fake.modals).toEqual([])
  })

  it('the picked slot is sent with the request, and the detail page opens', async () => {
    const t = await withBooking()
    await openApply({ item: 'room' }, t)
    await pickDay(TOMORROW)
    await typeIn('会议名称', '数据共享工作推进会')
    await typeIn('参会人数', '10')
    tap(resourceCard('区政府 1 号楼 502 小会议室'))
    await settle()
    expect(within(resourceCard('区政府 1 号楼 502 小会议室')).queryByText('所选时段与已有预约冲突，请换个时间')).toBeNull()
    tap(buttonNamed('提交申请'))
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    expect(filedRequests(t)).toHaveLength(2)
    const mine = filedRequests(t)[1]
    expect(mine.applicantId).toBe(ME)
    expect(mine.slot).toEqual({ resourceId: 'room-1-502', start: `${TOMORROW}T09:00:00+08:00`, end: `${TOMORROW}T10:00:00+08:00` })
    expect(mine.values).toMatchObject({ title: '数据共享工作推进会', attendees: 10 })
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/features/requests/pages/detail/index?id=${mine.id}` }])
  })

  it('after a clash, choosing another room sends the corrected request', async () => {
    const t = await withBooking()
    await openApply({ item: 'room' }, t)
    await pickDay(TOMORROW)
    await typeIn('会议名称', '数据共享工作推进会')
    await typeIn('参会人数', '10')
    tap(resourceCard('区政府 1 号楼 301 会议室'))
    await settle()
    tap(buttonNamed('提交申请'))
    await waitFor(() => expect(alerts()).toHaveLength(1))
    await settle()

    tap(resourceCard('区政府 1 号楼 502 小会议室'))
    await settle()
    tap(buttonNamed('提交申请'))
    await settle(10)
    expect(fake.modals).toEqual([])
    expect(filedRequests(t)).toHaveLength(2)
    expect(filedRequests(t)[1].slot?.resourceId).toBe('room-1-502')
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/features/requests/pages/detail/index?id=${filedRequests(t)[1].id}` }])
  })

  it('a room form opened and left untouched leaves no draft behind', async () => {
    const t = testRootStore()
    const first = await openApply({ item: 'room' }, t)
    await new Promise((r) => setTimeout(r, 400))
    first.view.unmount()
    await openApply({ item: 'room' }, t)
    expect(screen.queryByText('已恢复上次未提交的草稿')).toBeNull()
  })

  it('a room draft comes back with its room and day chosen, and stays saved', async () => {
    const t = testRootStore()
    const first = await openApply({ item: 'room' }, t)
    await typeIn('会议名称', '草稿里的会议')
    await pickDay(TOMORROW)
    tap(resourceCard('区政府 1 号楼 502 小会议室'))
    await settle()
    await new Promise((r) => setTimeout(r, 400))
    first.view.unmount()

    const second = await openApply({ item: 'room' }, t)
    expect(screen.getByText('已恢复上次未提交的草稿')).toBeTruthy()
    expect((await innerInput('会议名称')).value).toBe('草稿里的会议')
    await waitFor(() => expect(resourceCard('区政府 1 号楼 502 小会议室').getAttribute('aria-checked')).toBe('true'))
    expect(chosen('日期')).toEqual(['周四11-26'])
    expect(document.querySelector('.slot-summary')?.textContent).toBe(`已选：区政府 1 号楼 502 小会议室 ${TOMORROW} 09:00–10:00`)

    // left again without typing: the draft must still be there
    await new Promise((r) => setTimeout(r, 400))
    second.view.unmount()
    await openApply({ item: 'room' }, t)
    expect((await innerInput('会议名称')).value).toBe('草稿里的会议')
  })
})

describe('申请 form, 请休假 (issue #7: pasted text cut at 200 silently, a past start date without a word)', () => {
  it('a 事由 pasted past the limit is kept whole, counted, and refused with by how much', async () => {
    const { t } = await openApply({ item: 'leave' })
    const calls = recordCalls(t)
    const long = '因家中老人住院需陪护，'.repeat(25) // 275 characters
    await typeIn('事由', long)
    await settle()
    expect((await innerInput('事由')).value).toBe(long)
    expect(screen.getByLabelText(`已输入 ${long.length} 字，最多 200 字`).textContent).toBe(`${long.length}/200`)
    tap(buttonNamed('提交申请'))
    await settle()
    expect(errorBeside('事由')).toBe(`「事由」不能超过 200 个字，现在 ${long.length} 个字，请删减`)
    expect(submits(calls)).toEqual([])
    expect((await innerInput('事由')).value).toBe(long)
  })

  it('the date picker opens on today in Beijing; a start date in the past is said, not silently taken', async () => {
    await openApply({ item: 'leave' })
    const picker = document.querySelector('taro-picker-core') as (HTMLElement & { value?: string }) | null
    expect(picker?.value).toBe('2026-11-25')
    const start = catalogue.find((c) => c.id === 'leave')!.fields.find((f) => f.key === 'start')!
    expect(dateHint(start, '2026-11-20', '2026-11-25')).toBe('开始日期早于今天（11-25），如是补办请在事由中说明')
    expect(dateHint(start, '2026-11-25', '2026-11-25')).toBeNull()
  })
})
