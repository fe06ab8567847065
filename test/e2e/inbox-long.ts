/**
 * A long inbox in a real browser: a 处长 who was sent 620 工作通知 scrolls through 600 of them. The page
 * must stay light (BlockList draws only the blocks near the screen) and still open the item tapped.
 * Also used by `npm run bench` for its "inbox DOM nodes" figure.
 */
import type { Page } from 'playwright-core'
import { apiSignIn, bff, check, eventually, shown, signInAs, toInbox, type Journey } from './harness'

export const LONG_INBOX_USER = 'u-handler-01'
export const LONG_INBOX_ITEMS = 620
export const NODE_BUDGET = 1000

/** Sends the notices through the real route, as a sender would, 50 readers' worth at a time. */
export async function fillInbox(base: string, count = LONG_INBOX_ITEMS, readerId = LONG_INBOX_USER) {
  const token = await apiSignIn(base, 'u-head-01')
  const batch = 20
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, (_, k) =>
        bff(base, 'POST', '/api/v1/notices', {
          token,
          body: { title: `第 ${i + k + 1} 期工作简报阅知`, body: '请阅知本期工作简报，如有意见请在系统内签署。', readerIds: [readerId] },
        }),
      ),
    )
  }
}

/** Scrolls the inbox until `target` items have been loaded; answers the largest node count seen. */
export async function scrollInbox(page: Page, target: number): Promise<{ maxNodes: number; loaded: number }> {
  let maxNodes = 0
  let loaded = 0
  await page.mouse.move(187, 400)
  for (let round = 0; round < 300 && loaded < target; round++) {
    await page.mouse.wheel(0, 4000)
    await page.waitForTimeout(60)
    const seen = await page.evaluate(() => ({
      nodes: document.querySelectorAll('.taro_page:not([style*="display: none"]) *').length,
      // every loaded item is either drawn or stands inside a measured gap: read the store's count from the titles' numbers
      last: Array.from(document.querySelectorAll('.inbox-item .inbox-title')).map((e) => Number(/第 (\d+) 期/.exec(e.textContent ?? '')?.[1] ?? 0)),
    }))
    maxNodes = Math.max(maxNodes, seen.nodes)
    // 待办 without deadlines come oldest first: the largest issue number drawn tells how deep the list is
    const drawn = seen.last.filter((n) => n > 0)
    if (drawn.length) loaded = Math.max(loaded, ...drawn)
  }
  return { maxNodes, loaded }
}

export const longInboxJourney: Journey = {
  name: 'inbox-long',
  async run({ base, page, shot }) {
    await fillInbox(base)
    await signInAs(page, base, LONG_INBOX_USER)
    await toInbox(page)
    await shown(page, '.inbox-item').first().waitFor()
    const firstTitle = (await shown(page, '.inbox-item .inbox-title').first().innerText()).trim()

    const { maxNodes, loaded } = await scrollInbox(page, 600)
    check(loaded >= 600, `only ${loaded} items loaded after scrolling`)
    check(maxNodes <= NODE_BUDGET, `the inbox held ${maxNodes} DOM nodes while scrolling through ${loaded} items (budget ${NODE_BUDGET})`)
    await shot('deep')

    // tap one that is on screen now, deep in the list: it opens that very notice
    const target = await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('.inbox-item'))) {
        const r = el.getBoundingClientRect()
        const title = el.querySelector('.inbox-title')?.textContent ?? ''
        if (r.height > 0 && r.top > 120 && r.bottom < 560 && /第 \d+ 期/.test(title)) return { x: r.left + r.width / 2, y: r.top + r.height / 2, title: title.trim() }
      }
      return null
    })
    check(target, 'no card on screen to tap after scrolling')
    const title = target.title
    await page.mouse.click(target.x, target.y)
    await page.waitForURL(/features\/notice\/pages\/detail\/index\?id=/)
    await eventually('the tapped notice opens', () => shown(page, '.notice-title, .card-title').first().innerText(), (t) => t.includes(title))

    await shot('opened')

    // and back at the top, the first items are drawn again (not left as empty room)
    await page.goBack()
    await page.waitForURL(/inbox\/pages\/index/)
    await page.mouse.move(187, 400)
    for (let i = 0; i < 60; i++) await page.mouse.wheel(0, -4000)
    await eventually('the first item is drawn again at the top', () => shown(page, '.inbox-item .inbox-title').first().innerText(), (t) => t.trim() === firstTitle)
    return `${loaded} items scrolled, at most ${maxNodes} nodes`
  },
}
