import { screen, waitFor, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import { toIso } from '../../src/core/time'
import AuditPage from '../../src/features/audit/pages/index/index'
import MessagesPage from '../../src/features/messages/pages/index/index'
import WorkbenchPage from '../../src/features/workbench/pages/index/index'
import { isOverdue } from '../../mock/lib/workitems'
import { notifyTables } from '../../mock/lib/notify'
import { testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, openPageAs, settle, tap, typeIn } from './dom'

type T = ReturnType<typeof testRootStore>

beforeEach(() => fake.reset())

const partTitles = () => Array.from(document.querySelectorAll('.wb-part-title')).map((el) => el.textContent)
const part = (label: string) => screen.getByRole('region', { name: label })
const countIn = (label: string, kind: string) => Number(within(part(label)).getByLabelText(new RegExp(`^${kind} \\d+ 件$`)).querySelector('.wb-count-n')!.textContent)

/** What the inbox holds for one person in one module: their 待办 and how many are past due. */
async function todoOf(t: T, userId: string, module: 'cases') {
  const nowIso = toIso(t.now)
  const items = (await t.ok(userId, routes.inbox.list, { query: { tab: 'todo', module, limit: 100 } })).items
  return { todo: items.length, overdue: items.filter((w) => isOverdue(w, nowIso)).length }
}

async function openWorkbench(userId: string) {
  const t = testRootStore()
  await openPageAs(t, userId, WorkbenchPage, { readyWhen: '.wb-part' })
  return t
}

describe('工作台 per role', () => {
  it('a supervisor sees 督查督办 first, with its counts and what can be started there', async () => {
    const t = await openWorkbench('u-super-01')
    expect(partTitles()[0]).toBe('督查督办')
    expect(partTitles()).not.toContain('调解')
    expect(partTitles()).not.toContain('妇联案件')
    const api = await t.ok('u-super-01', routes.workbench.get)
    const sv = api.parts.find((p) => p.key === 'supervision')!
    expect(countIn('督查督办', '待办')).toBe(sv.counts.todo)
    expect(within(part('督查督办')).getByRole('button', { name: '立项督办' })).toBeTruthy()
    tap(within(part('督查督办')).getByRole('link', { name: '督查工作台' }))
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/features/supervision/pages/workbench/index' })
  })

  it('a federation officer sees 妇联案件 first; its 待办 and 逾期 are the server’s; the inbox tab wears the whole 待办 count', async () => {
    const t = await openWorkbench('u-fed-02')
    expect(partTitles()[0]).toBe('妇联案件')
    expect(partTitles()).not.toContain('督查督办')
    const want = await todoOf(t, 'u-fed-02', 'cases')
    expect(want.todo).toBeGreaterThan(0)
    expect(countIn('妇联案件', '待办')).toBe(want.todo)
    expect(countIn('妇联案件', '逾期')).toBe(want.overdue)
    const all = (await t.ok('u-fed-02', routes.inbox.counts)).todo
    expect(all).toBeGreaterThan(0)
    await waitFor(() => expect(fake.tabBadges.get(1)).toBe(String(all)))
    expect(screen.getByRole('link', { name: `统一待办 ${all} 件` })).toBeTruthy()
  })

  it('a mediator sees 调解 first and no module they have no part in', async () => {
    await openWorkbench('u-mediator-01')
    expect(partTitles()[0]).toBe('调解')
    expect(partTitles()).not.toContain('妇联案件')
    expect(partTitles()).not.toContain('督查督办')
    tap(within(part('调解')).getByRole('link', { name: '调解工作台' }))
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/features/mediation/pages/workbench/index' })
  })

  it('审计/纪检 land on the audit trail: the chain’s state and head hash on the 工作台, no 待办 figures', async () => {
    const t = await openWorkbench('u-auditor-01')
    expect(partTitles()[0]).toBe('审计日志')
    const verdict = await t.ok('u-auditor-01', routes.audit.verify)
    const status = within(part('审计日志')).getByRole('status')
    expect(status.textContent).toContain(`审计链完整 · 共 ${verdict.count} 条`)
    expect(status.textContent).toContain(verdict.headHash)
    expect(within(part('审计日志')).queryByLabelText(/^待办/)).toBeNull()
  })
})

describe('消息 list', () => {
  it('shows what a handler was told, unread first in weight; tapping one lands on the item and marks it read', async () => {
    const t = testRootStore()
    const n = await t.ok('u-clerk-01', routes.notices.create, { body: { title: '关于开展消防安全检查的通知', body: '请自查。', readerIds: ['u-handler-01'], urgency: 'very_urgent' } })
    await openPageAs(t, 'u-handler-01', MessagesPage, { readyWhen: '.msg-item' })
    expect(screen.getByText('1 条未读')).toBeTruthy()
    const card = screen.getByRole('link', { name: '未读，待办提醒：关于开展消防安全检查的通知' })
    expect(within(card).getByText('特急')).toBeTruthy()
    tap(card)
    await settle()
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: `/features/notice/pages/detail/index?id=${n.id}` })
    expect(screen.getByText('没有未读消息')).toBeTruthy()
    expect(notifyTables(t.db).messages.find((m) => m.userId === 'u-handler-01')!.read).toBe(true)
  })

  it('staff see their 免打扰 window; a resident is asked for at most 3 subscriptions at the tap that says why', async () => {
    const t = testRootStore()
    await openPageAs(t, 'u-handler-01', MessagesPage, { readyWhen: '.msg-quiet' })
    // Taro's H5 Picker hides its child from the accessibility tree until it opens; the labels are there
    expect(document.querySelector('[aria-label="开始提醒 09:00"]')?.textContent).toBe('从 09:00')
    expect(document.querySelector('[aria-label="停止提醒 18:00"]')?.textContent).toBe('到 18:00')
    expect(screen.getByText('还没有消息')).toBeTruthy()

    await openPageAs(t, 'r-resident-01', MessagesPage, { readyWhen: () => buttonNamed('有新进展时，微信提醒我') })
    expect(document.querySelector('.msg-quiet')).toBeNull()
    fake.subscribeAnswer = { 'tmpl-progress-update': 'accept', 'tmpl-new-message': 'accept' }
    tap(buttonNamed('有新进展时，微信提醒我'))
    await settle()
    expect(fake.subscribeCalls).toHaveLength(1)
    expect(fake.subscribeCalls[0].length).toBeLessThanOrEqual(3)
    expect(notifyTables(t.db).subscriptions['r-resident-01']).toEqual({ progress: 1, message: 1 })
    expect(fake.toasts.at(-1)).toBe('好的，有进展时提醒您')
  })
})

describe('审计日志 page', () => {
  it('searches by object and shows each entry’s before/after summary, with the chain verified', async () => {
    const t = testRootStore()
    const n = await t.ok('u-clerk-01', routes.notices.create, { body: { title: '关于开展消防安全检查的通知', body: '请自查。', readerIds: ['u-handler-01'] } })
    await openPageAs(t, 'u-auditor-01', AuditPage, { readyWhen: '.audit-entry' })
    expect(screen.getByRole('status').textContent).toMatch(/审计链完整：共 \d+ 条，逐条校验通过/)
    await typeIn('对象编号', n.id)
    tap(buttonNamed('查询'))
    // a cheap message while waiting: pretty-printing thirty cards on every retry takes seconds
    await waitFor(() => {
      const n = document.querySelectorAll('.audit-entry').length
      if (n !== 1) throw new Error(`${n} entries shown`)
    })
    const entry = screen.getByRole('listitem')
    expect(entry.textContent).toContain('notice.create')
    expect(entry.textContent).toContain(n.id)
    await typeIn('对象编号', 'nothing-like-this')
    tap(buttonNamed('查询'))
    await waitFor(() => expect(screen.getByText('没有符合条件的记录')).toBeTruthy())
  })
})
