/**
 * Draws the tab bar's icons (81×81 PNG, as WeChat asks for tabBar.list[].iconPath) and the H5 favicon from the
 * SVG below with the Chromium the end-to-end tests use: `npx tsx scripts/tab-icons.ts` → src/assets/tab/*.png,
 * src/assets/favicon.png.
 * The PNGs are committed (a build must not need a browser); rerun after changing a shape or a colour, then
 * `pngquant --force --ext .png --strip src/assets/tab/*.png` (Debian's pngquant) makes them palette PNGs of
 * about 0.5 KB instead of 2 KB: they sit in each main package.
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

const shapes: Record<string, string> = {
  // 工作台: four tiles
  workbench: '<rect x="14" y="14" width="22" height="22" rx="4"/><rect x="45" y="14" width="22" height="22" rx="4"/><rect x="14" y="45" width="22" height="22" rx="4"/><rect x="45" y="45" width="22" height="22" rx="4"/>',
  // 统一待办: a list with ticks
  inbox: '<rect x="15" y="12" width="51" height="58" rx="6"/><path d="M25 31l5 5 9-10M25 52l5 5 9-10"/><path d="M46 32h10M46 53h10"/>',
  // 我的: a person
  me: '<circle cx="40.5" cy="28" r="13"/><path d="M15 69c2-14 12-22 25.5-22S64 55 66 69"/>',
  // 首页: a house
  home: '<path d="M12 38L40.5 14 69 38"/><path d="M20 32v35h15V50h11v17h15V32"/>',
}
const colours = { staff: { off: '#5f6b7a', on: '#1a5fb4' }, resident: { off: '#5f6b7a', on: '#c2410c' } }
const sets: Record<keyof typeof colours, string[]> = { staff: ['workbench', 'inbox', 'me'], resident: ['home', 'me'] }

const MARK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1a5fb4"/><text x="32" y="44" font-size="34" font-weight="bold" text-anchor="middle" fill="#fff" font-family="Noto Sans CJK SC, sans-serif">畅</text></svg>'

const out = path.resolve(__dirname, '../src/assets/tab')
fs.mkdirSync(out, { recursive: true })
async function main() {
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
for (const [app, names] of Object.entries(sets) as [keyof typeof colours, string[]][])
  for (const name of names)
    for (const [state, colour] of Object.entries(colours[app])) {
      const file = state === 'off' ? `${name}.png` : `${name}-on${app === 'resident' && name === 'me' ? '-resident' : ''}.png` // grey is shared
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81" fill="none" stroke="${colour}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round">${shapes[name]}</svg>`
      await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`)
      await page.screenshot({ path: path.join(out, file), omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
    }
// the app's mark for the H5 favicon: a PNG, because an SVG icon costs the page an SVG document and a CJK
// font lookup of its own while it starts (issue #8)
await page.setViewportSize({ width: 64, height: 64 })
await page.setContent(`<body style="margin:0;background:transparent">${MARK_SVG}</body>`)
await page.screenshot({ path: path.join(out, '..', 'favicon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 64, height: 64 } })
await browser.close()
console.log(fs.readdirSync(out).map((f) => `${f} ${fs.statSync(path.join(out, f)).size} B`).join('\n'))
}
void main()
