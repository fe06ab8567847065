/**
 * 深色模式 end to end: a phone set to dark opens both apps dark — the pages, and also the H5 title bar,
 * the tab bar and the page behind them, which sit outside every page root. Each page's colours must
 * still read (axe-core's color-contrast finds nothing). Screenshots at 375 px.
 */
import type { Page } from 'playwright-core'
import { auditPage, SWEEP } from './finish'
import { check, eventually, firstPageDrawn, nameOf, shown, signInPage, type Journey } from './harness'

/**
 * The relative luminance (0 black … 1 white) of the computed background of the first element matching
 * `css` that is on screen. One evaluate, no named helpers inside (tsx's esbuild would wrap them in a
 * __name the page does not have); Taro may swap a page's root while it settles, hence `eventually`.
 */
async function backgroundLuminance(page: Page, css: string): Promise<number> {
  const rgb = await eventually(
    `a shown ${css}`,
    () =>
      page.evaluate((sel) => {
        const el = Array.from(document.querySelectorAll(sel)).find((x) => x.getBoundingClientRect().height > 0)
        return el ? getComputedStyle(el).backgroundColor : ''
      }, css),
    (c) => /\d/.test(c),
  )
  const [r, g, b] = rgb.match(/[\d.]+/g)!.map(Number).map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

// the first page and the tab pages of both apps, then every page the layout sweep visits
const VISITS: { app: 'staff' | 'resident'; user: string; pages: string[] }[] = [
  { app: 'staff', user: 'u-clerk-01', pages: ['workbench/pages/index/index', 'requests/pages/index/index'] },
  ...SWEEP.map((s) => ({ app: s.app, user: s.user === 'RESIDENT' ? 'r-resident-01' : s.user, pages: s.pages })),
]

export const darkJourney: Journey = {
  name: 'dark-mode',
  async run({ base, page, shot }) {
    await page.emulateMedia({ colorScheme: 'dark' })
    const problems: string[] = []
    let views = 0
    for (const v of VISITS) {
      await page.goto(`${base}/${v.app}/`)
      await signInPage(page)
      await shown(page, '.signin-name').getByText(nameOf(v.user), { exact: true }).click()
      await firstPageDrawn(page)
      for (const p of v.pages) {
        await page.goto(`${base}/${v.app}/#/features/${p}`)
        await shown(page, '.app-root.dark').first().waitFor()
        // let the page's data land before judging its colours
        await page.waitForLoadState('networkidle')
        const tag = `${v.app}/${p.split('/')[0]}/${p.split('/')[2].split('?')[0]}`
        const bars = [['the page', '.app-root.dark'], ['the title bar', '#taro-navigation-bar'], ['the page behind', 'body']] as [string, string][]
        // the tab pages (工作台, 统一待办, 我的, 首页) show the tab bar; Taro's H5 keeps it in the DOM, hidden, elsewhere
        if (['workbench/', 'inbox/', 'me/', 'home/'].some((x) => p.startsWith(x))) bars.push(['the tab bar', '.weui-tabbar'])
        for (const [what, css] of bars) {
          const l = await backgroundLuminance(page, css)
          if (l > 0.05) problems.push(`${tag}: ${what} is light in dark mode (luminance ${l.toFixed(2)})`)
        }
        const f = await auditPage(page)
        const contrast = [...f.axe, ...f.critical].filter((x) => x.startsWith('color-contrast'))
        if (contrast.length) problems.push(`${tag}: ${contrast.join(', ')}`)
        await shot(`${v.app}-${p.split('/')[0]}-${p.split('/')[2].split('?')[0]}`)
        views++
      }
      await page.evaluate(() => localStorage.clear())
    }
    check(!problems.length, `${problems.length} dark-mode problems: ${problems.join(' | ')}`)
    return `${views} page views in dark mode (the sweep's pages and the 工作台): bars and pages dark, 0 contrast findings`
  },
}
