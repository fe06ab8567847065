import { act, render, screen, waitFor, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import { StoreProvider } from '../../src/core/store-context'
import { toIso } from '../../src/core/time'
import { errorCatalog } from '../../src/contract/errors'
import InboxPage from '../../src/features/inbox/pages/index/index'
import { isOverdue } from '../../mock/lib/workitems'
import type { MockOptions } from '../../mock/app'
import { testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, openPageAs, settle, tap } from './dom'

const ME = 'u-handler-01'

type T = ReturnType<typeof testRootStore>

/** What the mock holds for ME, by the inbox's own rules: assignee items, open or done. */
function expected(t: T) {
  const nowIso = toIso(t.now)
  const mine = t.db.workItems.filter((w) => w.audience === 'assignee' && w.assigneeId === ME)
  const open = mine.filter((w) => w.status === 'open')
  return {
    open,
    done: mine.filter((w) => w.status === 'done'),
    overdue: open.filter((w) => isOverdue(w, nowIso)),
    urged: open.filter((w) => w.tags.includes('urge')),
    cc: t.db.workItems.filter((w) => w.audience === 'cc' && w.assigneeId === ME),
  }
}

async function openInbox(options: MockOptions = {}, beforeRender?: (t: T) => void) {
  const t = testRootStore(options)
  await openPageAs(t, ME, InboxPage, { beforeRender: () => beforeRender?.(t) })
  return t
}

const tabs = () => screen.getAllByRole('tab')
const tabNamed = (label: string) => {
  const found = tabs().find((el) => el.querySelector('taro-text-core')?.textContent === label)
  if (!found) throw new Error(`no tab 「${label}」`)
  return found
}
const badgeOf = (label: string) => tabNamed(label).querySelector('.inbox-count')?.textContent ?? null
const cards = () => screen.queryAllByRole('link')
const titles = () => cards().map((c) => c.querySelector('.inbox-title')?.textContent)
const cardOf = (title: string) => {
  const found = cards().find((c) => c.querySelector('.inbox-title')?.textContent === title)
  if (!found) throw new Error(`no item 「${title}」 in the list: ${titles().join(' / ')}`)
  return found
}
const tagsOf = (title: string) => Array.from(cardOf(title).querySelectorAll('.status-tag')).map((el) => el.textContent)

beforeEach(() => fake.reset())

describe('统一待办 page, signed in as a handler', () => {
  it('wears 加急 in amber and 特急 in red, as the document list does (not every urgency in red)', async () => {
    const t = await openInbox()
    const open = expected(t).open
    const urgent = open.filter((w) => w.urgency === 'urgent')
    expect(urgent.length).toBeGreaterThan(0)
    await waitFor(() => expect(titles()).toContain(urgent[0].title))
    const tone = (title: string, word: string) => Array.from(cardOf(title).querySelectorAll('.status-tag')).find((el) => el.textContent === word)?.className
    for (const w of urgent.filter((x) => titles().includes(x.title))) expect(tone(w.title, '加急')).toContain('status-tag--warn')
    for (const w of open.filter((x) => x.urgency === 'very_urgent' && titles().includes(x.title))) expect(tone(w.title, '特急')).toContain('status-tag--danger')
  })

  it('shows the four tabs and a 待办 badge with the number of open items', async () => {
    const t = await openInbox()
    const want = expected(t)
    expect(want.open.length).toBeGreaterThan(0)
    expect(tabs().map((el) => el.querySelector('taro-text-core')?.textContent)).toEqual(['待办', '已办', '我发起的', '抄送我的'])
    expect(tabNamed('待办').getAttribute('aria-selected')).toBe('true')
    expect(badgeOf('待办')).toBe(String(want.open.length))
    expect(cards()).toHaveLength(want.open.length)
  })

  it('lists each item with its title and tags, the overdue one first, and says how many are overdue', async () => {
    const t = await openInbox()
    const want = expected(t)
    expect(want.overdue.length).toBeGreaterThan(0)
    expect(want.urged.length).toBeGreaterThan(0)

    expect(new Set(titles())).toEqual(new Set(want.open.map((w) => w.title)))
    const firstOverdue = want.overdue[0]
    expect(titles()[0]).toBe(firstOverdue.title)
    expect(tagsOf(firstOverdue.title)).toContain('逾期')

    const urgedOnly = want.urged.find((w) => !want.overdue.includes(w)) ?? want.urged[0]
    expect(tagsOf(urgedOnly.title)).toContain('催办')
    if (!want.overdue.includes(urgedOnly)) expect(tagsOf(urgedOnly.title)).not.toContain('逾期')

    const alert = document.querySelector('.inbox-alert')
    expect(alert).not.toBeNull()
    expect(within(alert as HTMLElement).getByText(`${want.overdue.length} 件已逾期`)).toBeTruthy()
  })

  it('已办 lists the done items', async () => {
    const t = await openInbox()
    const want = expected(t)
    expect(want.done.length).toBeGreaterThan(0)
    tap(tabNamed('已办'))
    await settle()
    expect(tabNamed('已办').getAttribute('aria-selected')).toBe('true')
    expect(titles().sort()).toEqual(want.done.map((w) => w.title).sort())
    expect(document.querySelector('.inbox-alert')).toBeNull()
  })

  it('tapping an item opens its page', async () => {
    const t = await openInbox()
    const item = expected(t).open[0]
    tap(cardOf(item.title))
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: item.link }])
  })

  it('an empty tab (抄送我的) says so', async () => {
    const t = await openInbox()
    expect(expected(t).cc).toHaveLength(0)
    tap(tabNamed('抄送我的'))
    await settle()
    expect(screen.getByText('没有抄送给您的事项')).toBeTruthy()
    expect(cards()).toHaveLength(0)
  })

  it('when the BFF fails, shows an error with 重新加载, which brings the list back', async () => {
    // The mock fails a read only when random() < failureRate / 2 (the other half of its failures hit
    // mutations after they ran), so failureRate = 1 alone fails about half the reads; random() = 0 fails all.
    const t = await openInbox({ random: () => 0 }, (t) => (t.bff.settings.failureRate = 1))
    const error = screen.getByRole('alert')
    expect(error.textContent).toContain('没有加载出来')
    expect(error.textContent).toContain(errorCatalog.UNAVAILABLE.message)
    expect(cards()).toHaveLength(0)

    t.bff.settings.failureRate = 0
    tap(buttonNamed('重新加载'))
    await settle()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(cards()).toHaveLength(expected(t).open.length)
  })

  it('a failed pull-to-refresh keeps the old list and says so, with a tap to retry', async () => {
    const t = await openInbox({ random: () => 0 })
    const shown = cards().length
    expect(shown).toBeGreaterThan(0)
    t.bff.settings.failureRate = 1
    await act(async () => {
      await fake.pullDown[0]()
    })
    await settle()
    expect(cards()).toHaveLength(shown)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('刷新没有成功')
    t.bff.settings.failureRate = 0
    tap(alert)
    await settle()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('pull-to-refresh reloads: an item done elsewhere leaves the list', async () => {
    const t = await openInbox()
    const before = expected(t).open
    expect(cards()).toHaveLength(before.length)
    const gone = before.find((w) => w.module === 'notice')
    if (!gone) throw new Error('the seed should give this handler an open notice to read')

    await t.ok(ME, routes.notices.read, { params: { id: gone.objectId }, body: { version: gone.version } })
    expect(cards()).toHaveLength(before.length) // nothing changes until the person pulls

    expect(fake.pullDown).toHaveLength(1)
    await act(async () => {
      await fake.pullDown[0]()
    })
    await settle()
    expect(cards()).toHaveLength(before.length - 1)
    expect(titles()).not.toContain(gone.title)
    expect(badgeOf('待办')).toBe(before.length - 1 ? String(before.length - 1) : null)
    expect(fake.pullDownStops).toBe(1)
  })
})

describe('统一待办 page, not signed in', () => {
  it('on H5 sends the browser to the sign-in page', async () => {
    const t = testRootStore()
    expect(t.root.session.platform).toBe('h5')
    render(
      <StoreProvider store={t.root}>
        <InboxPage />
      </StoreProvider>,
    )
    await settle()
    expect(fake.navigations).toContainEqual({ kind: 'reLaunch', url: '/features/session/pages/sign-in/index' })
    await waitFor(() => expect(cards()).toHaveLength(0))
  })
})

describe('a long inbox stays light', () => {
  it('scrolling through 620 items keeps ≤ 1,000 nodes, and a card deep in the list opens its item', async () => {
    const { openWorkItem } = await import('../../mock/lib/workitems')
    const t = await openInbox({}, (t) => {
      for (let i = 1; i <= 620; i++) {
        openWorkItem(
          { db: t.db, nowIso: toIso(t.now) },
          { module: 'notice', objectType: 'notice', objectId: `n-bulk-${i}`, title: `第 ${i} 期工作简报阅知`, summary: '请阅知', step: '阅知', audience: 'assignee', assigneeId: ME, initiatorId: 'u-head-01', link: `/features/notice/pages/detail/index?id=n-bulk-${i}` },
        )
      }
    })
    const total = expected(t).open.length
    let maxNodes = 0
    for (let top = 0; top < 200 * 700 && !screen.queryByText('没有更多了'); top += 2000) {
      await act(async () => fake.scrollTo(top))
      await settle(2)
      maxNodes = Math.max(maxNodes, document.body.querySelectorAll('*').length)
      if (process.env.DEBUG_LIST) console.log(top, t.root.inbox.tabs.todo.items.length, cards().length, maxNodes)
    }
    expect(screen.queryByText('没有更多了')).not.toBeNull()
    expect(t.root.inbox.tabs.todo.items).toHaveLength(total)
    expect(maxNodes).toBeLessThanOrEqual(1000)
    // far fewer cards are drawn than loaded; the rest stand as measured gaps
    expect(cards().length).toBeLessThan(60)
    expect(document.querySelectorAll('.block-list-gap').length).toBeGreaterThan(0)
    const deep = cards().find((c) => /第 6\d\d 期/.test(c.textContent ?? ''))!
    expect(deep).toBeDefined()
    const title = deep.querySelector('.inbox-title')!.textContent!
    tap(deep)
    const n = /第 (\d+) 期/.exec(title)![1]
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: `/features/notice/pages/detail/index?id=n-bulk-${n}` })
    // back to the top: the first card is drawn again
    await act(async () => fake.scrollTo(0))
    await settle(2)
    expect(titles()[0]).toBe(t.root.inbox.tabs.todo.items[0].title)
  }, 60_000)
})
