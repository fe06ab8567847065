import { chromium } from 'playwright-core'
import { startServer } from './mock/server'
import { people } from './mock/seed/people'
const NOW = new Date('2026-11-25T10:00:00+08:00')
async function main() {
  const s = await startServer({ port: 0, quiet: true, now: () => NOW })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  for (const spec of process.argv.slice(2)) {
    const [user, hash, name, click, scroll] = spec.split('|')
    const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    await ctx.clock.setFixedTime(NOW)
    const page = await ctx.newPage()
    page.on('pageerror', (e) => console.log('pageerror', e.message))
    await page.goto(`${s.url}/staff/`)
    await page.locator('.signin-name:visible').getByText(people.find((p) => p.id === user)!.name, { exact: true }).click()
    await page.waitForURL(/inbox\/pages\/index/)
    if (hash) await page.goto(`${s.url}/staff/#${hash}`)
    await page.waitForTimeout(1200)
    if (click) await page.locator(`${click}:visible`).first().click()
    await page.waitForTimeout(600)
    if (scroll) { await page.mouse.move(187, 300); await page.mouse.wheel(0, Number(scroll)) }
    await page.waitForTimeout(500)
    await page.screenshot({ path: `/tmp/${name}.png` })
    await ctx.close()
  }
  await browser.close(); s.server.close(); process.exit(0)
}
main()
