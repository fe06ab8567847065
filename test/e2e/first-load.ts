/**
 * The first page holds still while it loads (issue #8): on Lighthouse's phone (412 × 823) the root font
 * size used to be set twice (Taro's script measured the page's content, not the screen) and the H5 title
 * bar appeared above a page already drawn, so everything moved down twice (CLS 0.106). Both apps' sign-in
 * page, opened cold on a 412 px and a 375 px phone, must not shift at all.
 */
import { check, type Journey } from './harness'

const PHONES = [
  { width: 412, height: 823 },
  { width: 375, height: 667 },
]

// a string, not a function: the test runner's compiler would wrap a function in helpers the page lacks
const WATCH_SHIFTS = `
  window.__shifts = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shifts.push({ value: e.value, what: e.sources.map((s) => (s.node && (s.node.className || s.node.nodeName)) || '?').join(', ') })
  }).observe({ type: 'layout-shift', buffered: true })
`

export const firstLoadJourney: Journey = {
  name: 'first-load-steady',
  async run({ base, page }) {
    const said: string[] = []
    for (const app of ['staff', 'resident'] as const) {
      for (const phone of PHONES) {
        const ctx = await page.context().browser()!.newContext({ viewport: phone, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'zh-CN' })
        try {
          const p = await ctx.newPage()
          await p.addInitScript(WATCH_SHIFTS)
          await p.goto(`${base}/${app}/`)
          await p.locator('.signin-banner:visible').waitFor()
          await p.locator('.signin-name:visible').first().waitFor()
          // the sign-in page draws its further groups after yielding; let them land
          await p.waitForTimeout(800)
          const { shifts, rootPx } = await p.evaluate(() => ({
            shifts: (window as unknown as { __shifts: { value: number; what: string }[] }).__shifts,
            rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
          }))
          const total = shifts.reduce((s, e) => s + e.value, 0)
          check(total < 0.001, `${app} at ${phone.width} px moved while loading (layout shift ${total.toFixed(4)}: ${shifts.map((s) => s.what).join(' / ')})`)
          const expected = Math.min(40, Math.max(20, (40 * phone.width) / 750))
          check(Math.abs(rootPx - expected) < 0.01, `${app} at ${phone.width} px has a ${rootPx} px root font size, not ${expected.toFixed(2)}`)
          said.push(`${app} ${phone.width} px: shift ${total.toFixed(3)}, root ${rootPx.toFixed(2)} px`)
        } finally {
          await ctx.close()
        }
      }
    }
    return said.join('; ')
  },
}
