import { screen, waitFor, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import ListPage from '../../src/features/supervision/pages/index/index'
import DetailPage from '../../src/features/supervision/pages/detail/index'
import ComposePage from '../../src/features/supervision/pages/compose/index'
import WorkbenchPage from '../../src/features/supervision/pages/workbench/index'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { act } from '@testing-library/react'
import { buttonNamed, openPageAs, pinDateToMockClock, settle, tap, typeIn, typeInto, opinionBox } from './dom'

pinDateToMockClock(FIXED_NOW)
// the first page of the file also loads NutUI and Stencil's components into jsdom
jest.setTimeout(20_000)
beforeEach(() => fake.reset())

const SUPER = 'u-super-01'
/** A list row, found by the item's title (getByRole is too slow on a list this long). */
/** the list row whose title reads `title` (a row's accessible name is all its text: title, light, reason…) */
const rowOf = (selector: string, title: string) => Array.from(document.querySelectorAll<HTMLElement>(selector)).find((x) => x.querySelector('.sv-item-title')?.textContent === title) ?? null
const row = (title: string) => rowOf('.sv-item', title)
const byTitle = (t: ReturnType<typeof testRootStore>, title: string) => t.db.supervision.items.find((s) => s.title === title)!

/** The system date picker: what a person picks arrives as the picker's change event. */
async function pickDay(label: string, day: string) {
  const picker = screen.getByLabelText(label).closest('taro-picker-core') as (HTMLElement & { value?: string; start?: string; end?: string }) | null
  if (!picker) throw new Error(`no date picker for 「${label}」`)
  await act(async () => {
    picker.dispatchEvent(new CustomEvent('change', { detail: { value: day } }))
  })
  await settle()
  return picker
}

/** The browser's file chooser hands over whatever the test put in `choose.next`. */
const choose = { next: [] as File[] }
const previousEnv = process.env.TARO_ENV
const realClick = HTMLInputElement.prototype.click
function withFileChooser() {
  process.env.TARO_ENV = 'h5'
  HTMLInputElement.prototype.click = function (this: HTMLInputElement) {
    if (this.type !== 'file') return realClick.call(this)
    Object.defineProperty(this, 'files', { value: choose.next, configurable: true })
    this.onchange?.(new Event('change'))
  }
}
afterEach(() => {
  HTMLInputElement.prototype.click = realClick
  process.env.TARO_ENV = previousEnv
})

describe('督查督办 list', () => {
  it('a supervisor starts on 我督办的 and sees each item with its light and reason; filters by light', async () => {
    const t = testRootStore()
    await openPageAs(t, SUPER, ListPage, { readyWhen: '.sv-item' })
    expect(document.querySelector('.sv-tab.is-on')?.textContent).toBe('我督办的')
    const red = row('机关食堂食品安全问题整改')!
    expect(red.querySelector('.sv-light-word')?.textContent).toBe('红灯')
    expect(red.querySelector('.sv-light-reason')?.textContent).toBe('第 2 次反馈已逾期 1 个工作日')
    tap(document.querySelectorAll('.sv-chip')[1])
    await waitFor(() => expect(row('机关食堂食品安全问题整改')).toBeNull())
    expect(row('完成2026年度事业单位公开招聘工作')).toBeTruthy()
    expect(Array.from(document.querySelectorAll('.sv-item .sv-light-word')).map((x) => x.textContent)).toEqual(expect.arrayContaining(['黄灯']))
  })

  it('the 督查室 filters by unit: only the items that unit takes part in', async () => {
    const t = testRootStore()
    await openPageAs(t, SUPER, ListPage, { readyWhen: () => screen.getByLabelText('按单位筛选') })
    const picker = screen.getByLabelText('按单位筛选').closest('taro-picker-core') as HTMLElement & { range?: string[] }
    expect(picker.range?.[0]).toBe('全部单位')
    const index = picker.range!.indexOf('区民政局')
    await act(async () => {
      picker.dispatchEvent(new CustomEvent('change', { detail: { value: index } }))
    })
    await waitFor(() => expect(screen.getByLabelText('按单位筛选').textContent).toBe('单位：区民政局 ▾'))
    const civil = t.db.supervision.items.filter((s) => s.depts.some((d) => d.deptId === 'dept-civil' && d.state !== 'declined')).map((s) => s.title)
    await waitFor(() => expect(Array.from(document.querySelectorAll('.sv-item .sv-item-title')).map((x) => x.textContent).sort()).toEqual([...civil].sort()))
    expect(civil.length).toBeGreaterThan(0)
  })

  it('a department head sees only what their unit handles, and no 立项', async () => {
    const t = testRootStore()
    await openPageAs(t, 'u-head-02', ListPage, { readyWhen: '.sv-item' })
    expect(document.querySelector('.sv-tab.is-on')?.textContent).toBe('我承办的')
    expect(row('推进政务服务“一网通办”事项全覆盖')).toBeTruthy()
    expect(row('城镇燃气安全专项整治百日行动')).toBeNull()
    expect(screen.queryByText('＋立项')).toBeNull()
  })
})

describe('督查督办 detail', () => {
  it('renders the server’s actions in the ActionBar; 签收 moves the item on', async () => {
    const t = testRootStore()
    const s = byTitle(t, '西乡大道沿线占道经营集中整治')
    await openPageAs(t, 'u-handler-03', DetailPage, { params: { id: s.id }, readyWhen: '.sv-head' })
    expect(screen.getByText('西乡街道办事处逾期未签收（应在 1 个工作日内签收）')).toBeTruthy()
    const bar = screen.getByRole('toolbar')
    expect(Array.from(bar.querySelectorAll('taro-button-core')).map((b) => b.textContent?.trim())).toEqual(['签收', '退回'])
    tap(buttonNamed('签收'))
    await waitFor(() => expect(t.db.supervision.items.find((x) => x.id === s.id)!.status).toBe('in_progress'))
    await settle()
    expect(screen.getAllByText('办理中').length).toBeGreaterThan(0)
  })

  it('退回 asks for the reason first', async () => {
    const t = testRootStore()
    const s = byTitle(t, '西乡大道沿线占道经营集中整治')
    await openPageAs(t, 'u-handler-03', DetailPage, { params: { id: s.id }, readyWhen: '.sv-head' })
    tap(buttonNamed('退回'))
    await typeInto(opinionBox(), '不属于本单位职责。')
    tap(buttonNamed('确定退回'))
    await waitFor(() => expect(t.db.supervision.items.find((x) => x.id === s.id)!.status).toBe('to_assign'))
  })

  it('after the 主办 退回, the supervisor sees why and 交办s to another unit chosen on the page', async () => {
    const t = testRootStore()
    const s = byTitle(t, '西乡大道沿线占道经营集中整治')
    await t.ok('u-handler-03', routes.supervision.act, { params: { id: s.id }, body: { action: 'decline', version: s.version, opinion: '不属于本单位职责，应由区城管和综合执法局牵头。' } })
    await openPageAs(t, SUPER, DetailPage, { params: { id: s.id }, readyWhen: '.sv-head' })
    expect(screen.getByText(/已退回：不属于本单位职责，应由区城管和综合执法局牵头。/)).toBeTruthy()
    tap(buttonNamed('交办'))
    tap(buttonNamed('确定交办'))
    const units = await waitFor(() => screen.getByRole('radiogroup', { name: '新的主办单位' }))
    expect(within(units).queryByText('西乡街道办事处')).toBeNull()
    const form = screen.getByRole('form', { name: '交办' })
    tap(within(form).getByText('确定'))
    await settle()
    expect(within(form).getByRole('alert').textContent).toBe('请选择新的主办单位')
    tap(within(units).getByText('区政务服务数据管理局'))
    tap(within(form).getByText('确定'))
    await waitFor(() => expect(t.db.supervision.items.find((x) => x.id === s.id)!.status).toBe('signing'))
    expect(t.db.supervision.items.find((x) => x.id === s.id)!.depts.map((d) => [d.deptId, d.role, d.state])).toEqual(expect.arrayContaining([['dept-data', 'main', 'pending']]))
  })

  it('the feedback form attaches a known result with one tap, and keeps a half-written report', async () => {
    const t = testRootStore()
    const s = byTitle(t, '关于做好2026年冬春困难群众基本生活保障工作的通知')
    await t.ok('u-head-03', routes.supervision.act, { params: { id: s.id }, body: { action: 'finish_subtask', version: s.version, subtaskId: `${s.id}-t1`, opinion: '比对完成，新增救助67人。' } })
    await openPageAs(t, 'u-handler-02', DetailPage, { params: { id: s.id }, readyWhen: '.sv-feedback' })
    await typeIn('工作进展', '走访慰问已开始。')
    await settle()
    // the page closes and opens again: what was typed is still there
    await openPageAs(t, 'u-handler-02', DetailPage, { params: { id: s.id }, readyWhen: '.sv-feedback' })
    expect((await waitFor(() => screen.getByLabelText('工作进展').querySelector('textarea')!)).value).toBe('走访慰问已开始。')
    await typeIn('下一步计划', '完成全部走访。')
    await typeIn('完成进度', '60')
    const offer = screen.getByRole('checkbox', { name: /低保、特困人员数据比对/ })
    tap(offer)
    tap(buttonNamed('提交反馈'))
    await waitFor(() => expect(t.db.supervision.items.find((x) => x.id === s.id)!.feedbacks.length).toBe(2))
    const last = t.db.supervision.items.find((x) => x.id === s.id)!.feedbacks.at(-1)!
    expect(last).toMatchObject({ progress: '走访慰问已开始。', percent: 60 })
    expect(last.evidence.map((e) => e.text)).toEqual(['比对完成，新增救助67人。'])
  })

  it('a bad percent is said beside the form and nothing is sent', async () => {
    const t = testRootStore()
    const s = byTitle(t, '关于做好2026年冬春困难群众基本生活保障工作的通知')
    await openPageAs(t, 'u-handler-02', DetailPage, { params: { id: s.id }, readyWhen: '.sv-feedback' })
    await typeIn('工作进展', '走访慰问已开始。')
    await typeIn('下一步计划', '完成全部走访。')
    await typeIn('完成进度', '150')
    tap(buttonNamed('提交反馈'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('「完成进度」请填 0–100 的整数')
    expect(t.db.supervision.items.find((x) => x.id === s.id)!.feedbacks.length).toBe(1)
  })
})

describe('督查督办 立项', () => {
  it('转督办: a 批办 document prefills the form; the item is created and links back', async () => {
    const t = testRootStore()
    await openPageAs(t, SUPER, ComposePage, { readyWhen: () => screen.getByText('转督办：领导已批办的公文') })
    tap(screen.getByRole('button', { name: /^关于报送2026年度政府信息公开工作年度报告的通知/ }))
    await waitFor(() => expect(screen.getByText('已按公文批办意见预填，可修改')).toBeTruthy())
    expect(within(screen.getByRole('radiogroup', { name: '主办单位' })).getByRole('radio', { checked: true }).textContent).toBe('区政务服务数据管理局')
    await pickDay('办结时限', '2026-12-31')
    expect(screen.getByLabelText('办结时限').textContent).toBe('办结时限：2026-12-31')
    tap(buttonNamed('立项并送审'))
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    const created = t.db.supervision.items.at(-1)!
    expect(created).toMatchObject({ status: 'review', source: 'leader_instruction', deadline: '2026-12-31T18:00:00+08:00' })
    expect(created.depts.map((d) => d.deptId)).toEqual(['dept-data'])
    expect(t.db.documents.find((d) => d.id === created.documentId)?.title).toBe('关于报送2026年度政府信息公开工作年度报告的通知')
  })
})

describe('督查督办 立项 form', () => {
  it('the deadline is picked, not typed: no date yet is said and nothing is sent', async () => {
    const t = testRootStore()
    await openPageAs(t, SUPER, ComposePage, { readyWhen: () => screen.getByText('转督办：领导已批办的公文') })
    const picker = screen.getByLabelText('办结时限').closest('taro-picker-core') as HTMLElement & { value?: string; start?: string }
    // it opens on today in Beijing and offers nothing before it
    expect(picker.value).toBe('2026-11-25')
    expect(picker.start).toBe('2026-11-25')
    const before = t.db.supervision.items.length
    tap(buttonNamed('立项并送审'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请选择「办结时限」')
    expect(t.db.supervision.items.length).toBe(before)
  })

  it('依据 attachments are uploaded, kept with the draft, and go with the item', async () => {
    withFileChooser()
    const t = testRootStore()
    await openPageAs(t, SUPER, ComposePage, { readyWhen: () => screen.getByText('转督办：领导已批办的公文') })
    tap(screen.getByRole('button', { name: /^关于报送2026年度政府信息公开工作年度报告的通知/ }))
    await waitFor(() => expect(screen.getByText('已按公文批办意见预填，可修改')).toBeTruthy())
    choose.next = [new File(['%PDF-1.4 批示'], '领导批示扫描件.pdf', { type: 'application/pdf' }), new File(['%PDF-1.4 纪要'], '会议纪要.pdf', { type: 'application/pdf' })]
    tap(screen.getByRole('button', { name: '添加依据附件' }))
    await waitFor(() => expect(screen.getByText('会议纪要.pdf')).toBeTruthy())
    tap(screen.getByRole('button', { name: '移除会议纪要.pdf' }))
    await settle()
    expect(screen.queryByText('会议纪要.pdf')).toBeNull()
    // the page closes and opens again (not from the document): the uploaded file is still on the form
    await openPageAs(t, SUPER, ComposePage, { readyWhen: () => screen.getByText('领导批示扫描件.pdf') })
    await pickDay('办结时限', '2026-12-31')
    tap(buttonNamed('立项并送审'))
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    const created = t.db.supervision.items.at(-1)!
    expect(created.attachmentIds.map((id) => t.db.files.find((f) => f.id === id)?.name)).toEqual(['领导批示扫描件.pdf'])
    // and the item shows it to the 督查室 head who reviews it
    await openPageAs(t, 'u-staff-07', DetailPage, { params: { id: created.id }, readyWhen: '.sv-head' })
    expect(screen.getByRole('listitem', { name: '领导批示扫描件.pdf' })).toBeTruthy()
  })

  it('a refused file type is said and the form keeps what was entered', async () => {
    withFileChooser()
    const t = testRootStore()
    await openPageAs(t, SUPER, ComposePage, { readyWhen: () => screen.getByText('转督办：领导已批办的公文') })
    await typeIn('督办事项', '推进老旧小区加装电梯')
    const before = t.db.files.length
    choose.next = [new File(['#!/bin/sh'], '脚本.sh', { type: 'application/x-sh' })]
    tap(screen.getByRole('button', { name: '添加依据附件' }))
    await waitFor(() => expect(fake.modals.at(-1)?.content ?? fake.toasts.at(-1)).toBe('不支持该文件类型，请上传 PDF、图片或 Office 文档'))
    expect(t.db.files.length).toBe(before)
    expect(screen.getByLabelText('督办事项').querySelector('input')!.value).toBe('推进老旧小区加装电梯')
  })
})

describe('督查督办 feedback and 分解', () => {
  it('a feedback carries its attachments, kept in the draft across a closed page', async () => {
    withFileChooser()
    const t = testRootStore()
    const s = byTitle(t, '关于做好2026年冬春困难群众基本生活保障工作的通知')
    await openPageAs(t, 'u-handler-02', DetailPage, { params: { id: s.id }, readyWhen: '.sv-feedback' })
    choose.next = [new File(['%PDF-1.4 台账'], '走访台账.pdf', { type: 'application/pdf' })]
    tap(screen.getByRole('button', { name: '添加反馈附件' }))
    await waitFor(() => expect(screen.getByText('走访台账.pdf')).toBeTruthy())
    await openPageAs(t, 'u-handler-02', DetailPage, { params: { id: s.id }, readyWhen: () => screen.getByText('走访台账.pdf') })
    await typeIn('工作进展', '走访慰问已开始。')
    await typeIn('下一步计划', '完成全部走访。')
    await typeIn('完成进度', '60')
    tap(buttonNamed('提交反馈'))
    await waitFor(() => expect(t.db.supervision.items.find((x) => x.id === s.id)!.feedbacks.length).toBe(2))
    const last = t.db.supervision.items.find((x) => x.id === s.id)!.feedbacks.at(-1)!
    expect(last.attachmentIds.map((id) => t.db.files.find((f) => f.id === id)?.name)).toEqual(['走访台账.pdf'])
    await waitFor(() => expect(screen.getByRole('listitem', { name: '走访台账.pdf' })).toBeTruthy())
  })

  it('分解: the sub-task deadline is picked no later than the item’s; the tree says who waits for whom', async () => {
    const t = testRootStore()
    const s = byTitle(t, '关于做好2026年冬春困难群众基本生活保障工作的通知')
    await openPageAs(t, 'u-head-03', DetailPage, { params: { id: s.id }, readyWhen: '.sv-head' })
    tap(buttonNamed('分解任务'))
    await waitFor(() => expect(screen.getByLabelText('子任务时限')).toBeTruthy())
    const deadline = s.deadline.slice(0, 10)
    const count = s.subtasks.length
    const first = s.subtasks[0].title
    const picker = screen.getByLabelText('子任务时限').closest('taro-picker-core') as HTMLElement & { end?: string }
    expect(picker.end).toBe(deadline)
    await typeIn('子任务', '完成入户走访')
    tap(screen.getAllByText(/./, { selector: '.sv-form .sv-chip' })[0])
    const form = screen.getByRole('form', { name: '分解任务' })
    tap(within(form).getByText('确定'))
    await settle()
    expect(within(form).getByRole('alert').textContent).toBe('请选择「子任务时限」')
    await pickDay('子任务时限', deadline)
    tap(screen.getByText(first, { selector: '.sv-form .sv-chip' }))
    tap(within(form).getByText('确定'))
    await waitFor(() => expect(t.db.supervision.items.find((x) => x.id === s.id)!.subtasks.length).toBe(count + 1))
    const tree = screen.getByRole('tree', { name: '任务分解' })
    const waiting = within(tree).getByRole('group', { name: `等「${first}」完成的子任务` })
    expect(within(waiting).getByRole('treeitem', { name: '完成入户走访' }).textContent).toContain(`等「${first}」完成后才能完成`)
  })
})

describe('移动督查工作台', () => {
  it('shows the seeded counts by light, the items near their deadline and bars per unit and source', async () => {
    const t = testRootStore()
    const wb = await t.ok(SUPER, routes.supervision.workbench)
    await openPageAs(t, SUPER, WorkbenchPage, { readyWhen: '.sv-count' })
    expect(screen.getByRole('link', { name: `红灯${wb.counts.red}` })).toBeTruthy()
    expect(screen.getByRole('link', { name: `黄灯${wb.counts.yellow}` })).toBeTruthy()
    expect(screen.getByRole('link', { name: `绿灯${wb.counts.green}` })).toBeTruthy()
    expect(document.querySelectorAll('.sv-near').length).toBe(wb.nearDeadline.length)
    expect(screen.getByText(/^区教育局：1 件，办结 1，按期 0，逾期 1，平均逾期 2 个工作日$/)).toBeTruthy()
    expect(screen.getAllByText(/灰：在办（含待复核）/)).toHaveLength(2)
    expect(screen.getByText(/^会议决定：/)).toBeTruthy()
  })

  it('a light\'s count opens the list of exactly those items: 红灯 N → those N red items, nothing else filtered', async () => {
    const t = testRootStore()
    const wb = await t.ok(SUPER, routes.supervision.workbench)
    await openPageAs(t, SUPER, WorkbenchPage, { readyWhen: '.sv-count' })
    tap(screen.getByRole('link', { name: `红灯${wb.counts.red}` }))
    expect(fake.navigations.at(-1)).toMatchObject({ url: '/features/supervision/pages/index/index?light=red' })
    // the list opens with that light chosen
    await openPageAs(t, SUPER, ListPage, { params: { light: 'red' }, readyWhen: '.sv-item' })
    await waitFor(() => expect(document.querySelectorAll('.sv-item').length).toBe(wb.counts.red))
    expect(Array.from(document.querySelectorAll('.sv-item')).every((x) => x.querySelector('.sv-light--red'))).toBe(true)
    expect(document.querySelector('.sv-chip.is-on')?.textContent).toBe('红灯')
  })

  it('催办 in one tap from an item near its deadline: the next ladder step goes out and the row stays', async () => {
    const t = testRootStore()
    const wb = await t.ok(SUPER, routes.supervision.workbench)
    const near = wb.nearDeadline.find((x) => x.status === 'in_progress')!
    const before = t.db.supervision.items.find((x) => x.id === near.id)!.escalations.length
    await openPageAs(t, SUPER, WorkbenchPage, { readyWhen: '.sv-count' })
    const rowEl = rowOf('.sv-near', near.title)!
    tap(Array.from(rowEl.querySelectorAll('taro-button-core')).find((b) => b.textContent?.trim() === '催办')!)
    await waitFor(() => expect(t.db.supervision.items.find((x) => x.id === near.id)!.escalations.length).toBe(before + 1))
    const sent = t.db.supervision.items.find((x) => x.id === near.id)!.escalations.at(-1)!
    await waitFor(() => expect(fake.toasts.at(-1)).toBe(`已发出${['提醒', '催办', '蓝色督办单', '黄色督办单', '红色督办单'][['remind', 'urge', 'notice_blue', 'notice_yellow', 'notice_red'].indexOf(sent.step)]}`))
    expect(fake.navigations).toEqual([])
  })
})
