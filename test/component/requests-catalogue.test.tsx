import { render, screen, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import { errorCatalog } from '../../src/contract/errors'
import { StoreProvider } from '../../src/core/store-context'
import CataloguePage from '../../src/features/requests/pages/index/index'
import { catalogue } from '../../mock/seed/catalogue'
import type { MockOptions } from '../../mock/app'
import { FIXED_NOW, filedRequests, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, pinDateToMockClock, settle, startsWith, tap } from './dom'

const ME = 'u-handler-01'
type T = ReturnType<typeof testRootStore>

// The pages read the device clock (countdowns, "today"); it is pinned to the mock's clock. Only Date is
// faked: timers stay real, so Stencil, the drafts' debounce and waitFor behave as in a browser.
pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

async function openCatalogue(options: MockOptions = {}, beforeRender?: (t: T) => void | Promise<void>) {
  const t = testRootStore(options)
  await t.root.session.previewSignIn(ME)
  await beforeRender?.(t)
  render(
    <StoreProvider store={t.root}>
      <CataloguePage />
    </StoreProvider>,
  )
  await settle()
  return t
}

const sectionTitles = () => Array.from(document.querySelectorAll('.section-title')).map((el) => el.textContent)
/** The catalogue entries a person can tap, by the section they sit under. */
function entriesUnder(title: string): HTMLElement[] {
  const heading = Array.from(document.querySelectorAll('.section-title')).find((el) => el.textContent === title)
  if (!heading) throw new Error(`no section 「${title}」: ${sectionTitles().join(' / ')}`)
  const card = heading.nextElementSibling as HTMLElement | null
  return card ? Array.from(card.querySelectorAll<HTMLElement>('.rq-item')) : []
}
const mineRows = () => entriesUnder('我的申请')

describe('零跑动 catalogue page', () => {
  it('shows the four 一件事 first, then all 8 items grouped by category, each with its promise', async () => {
    await openCatalogue()
    const categories = [...new Set(catalogue.map((c) => c.category))]
    expect(catalogue).toHaveLength(8)
    expect(sectionTitles()).toEqual(['一件事 · 一次申报', ...categories, '我的申请'])
    expect(entriesUnder('一件事 · 一次申报').map((el) => el.querySelector('.rq-item-name')?.textContent)).toEqual(['新进人员入职一件事', '调离/退休一件事', '会议保障一件事', '外出办公一件事'])
    tap(screen.getByRole('link', { name: startsWith('会议保障一件事') }))
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/features/requests/pages/bundle-apply/index?bundle=meeting' })
    for (const cat of categories) {
      const shown = entriesUnder(cat)
      const want = catalogue.filter((c) => c.category === cat)
      expect(shown.map((el) => el.querySelector('.rq-item-name')?.textContent)).toEqual(want.map((c) => c.name))
      for (const c of want) {
        const entry = screen.getByRole('link', { name: startsWith(c.name) })
        expect(within(entry).getByText(c.guide.promise.text)).toBeTruthy()
        expect(within(entry).getByText(c.summary)).toBeTruthy()
      }
    }
    expect(screen.getAllByRole('link')).toHaveLength(12)
  })

  it('tapping an item opens its application form', async () => {
    await openCatalogue()
    tap(screen.getByRole('link', { name: startsWith('会议室预约') }))
    tap(screen.getByRole('link', { name: startsWith('在职证明开具') }))
    expect(fake.navigations).toEqual([
      { kind: 'navigateTo', url: '/features/requests/pages/apply/index?item=room' },
      { kind: 'navigateTo', url: '/features/requests/pages/apply/index?item=employment-cert' },
    ])
  })

  it('with no requests yet, 我的申请 says so', async () => {
    await openCatalogue()
    expect(mineRows()).toHaveLength(0)
    expect(screen.getByText('还没有申请')).toBeTruthy()
  })

  it('我的申请 lists my requests, newest first, with their status in words', async () => {
    const t = await openCatalogue({}, async (t) => {
      await t.ok(ME, routes.requests.submit, { body: { itemId: 'supplies', values: { item: '硒鼓', quantity: 2, purpose: '打印年度报告' } } })
      const leave = await t.ok(ME, routes.requests.submit, {
        body: { itemId: 'leave', values: { kind: '年休假', start: '2026-12-01', end: '2026-12-02', reason: '探亲' } },
      })
      await t.ok('u-head-02', routes.requests.act, { params: { id: leave.id }, body: { action: 'return', version: leave.version, opinion: '请写明工作交接安排' } })
      // someone else's request is not mine
      await t.ok('u-handler-02', routes.requests.submit, { body: { itemId: 'supplies', values: { item: '文件盒', quantity: 1, purpose: '归档' } } })
    })
    expect(filedRequests(t)).toHaveLength(3)
    expect(screen.queryByText('还没有申请')).toBeNull()
    const rows = mineRows()
    expect(rows.map((r) => r.querySelector('.rq-item-name')?.textContent)).toEqual(['请休假', '办公用品领用'])
    expect(within(rows[0]).getByText('退回修改')).toBeTruthy()
    expect(within(rows[1]).getByText('审批中')).toBeTruthy()
    expect(rows[1].textContent).toContain('提交于 11-\u206025\u00a010:00')

    tap(rows[1])
    const mine = t.db.requests.find((r) => r.applicantId === ME && r.itemId === 'supplies')!
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/features/requests/pages/detail/index?id=${mine.id}` }])
  })

  it('when the BFF fails, shows an error with 重新加载, which brings the catalogue back', async () => {
    // random() = 0 makes every call fail while failureRate > 0 (see the inbox page test)
    const t = await openCatalogue({ random: () => 0 }, (t) => void (t.bff.settings.failureRate = 1))
    const error = screen.getByRole('alert')
    expect(error.textContent).toContain('没有加载出来')
    expect(error.textContent).toContain(errorCatalog.UNAVAILABLE.message)
    expect(screen.queryAllByRole('link')).toHaveLength(0)
    expect(screen.queryByText('零跑动 · 机关内部办事')).toBeNull()

    t.bff.settings.failureRate = 0
    tap(buttonNamed('重新加载'))
    await settle()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getAllByRole('link')).toHaveLength(12)
    expect(screen.getByText('还没有申请')).toBeTruthy()
  })
})
