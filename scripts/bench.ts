/**
 * `npm run bench`: the speed and size figures of issue #8 against config/budgets.json, printed as one
 * table with ratios; exits non-zero when a budget is broken. Not part of npm test (it takes minutes
 * and its timings are noisy on a shared machine); check:weapp keeps guarding the weapp sizes there.
 *   --build       rebuild everything first (otherwise builds only what is missing)
 *   --skip=a,b    leave out sections: floor, h5, lighthouse, inbox, dom
 *   BENCH_LIGHTHOUSE_RUNS=n   Lighthouse runs per app (default 5; each bar is judged on its median)
 */
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { createMockBff } from '../mock/app'
import { openWorkItem } from '../mock/lib/workitems'
import { startServer } from '../mock/server'
import { toIso } from '../src/core/time'
import { toInbox } from '../test/e2e/harness'
import { fillInbox, LONG_INBOX_USER, scrollInbox } from '../test/e2e/inbox-long'
import { mainPackageBytes } from './lib/package-sizes.mjs'

const root = path.resolve(__dirname, '..')
const budgets = JSON.parse(fs.readFileSync(path.join(root, 'config', 'budgets.json'), 'utf8'))
const args = process.argv.slice(2)
const rebuild = args.includes('--build')
const skip = new Set((args.find((a) => a.startsWith('--skip=')) ?? '--skip=').slice(7).split(',').filter(Boolean))
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const NOW = new Date('2026-11-25T10:00:00+08:00')

interface Row {
  figure: string
  value: string
  bar: string
  ok: boolean | null
  note?: string
}
const rows: Row[] = []
const add = (figure: string, value: string, bar: string, ok: boolean | null, note?: string) => {
  rows.push({ figure, value, bar, ok, note })
  console.log(`${ok === null ? '·' : ok ? '✓' : '✗'} ${figure}: ${value}${bar ? ` (bar ${bar})` : ''}${note ? ` — ${note}` : ''}`)
}
const fmtB = (n: number) => `${n.toLocaleString('en')} B`

function build(script: string, out: string) {
  if (!rebuild && fs.existsSync(path.join(root, out))) return
  console.log(`building ${script} …`)
  execSync(`npm run -s ${script}`, { cwd: root, stdio: 'inherit' })
}

/** A one-page Taro app (one View) built with our build settings: the floor no app can go below. */
function bareFloor(): number {
  const dir = path.join(root, '.bench-bare')
  fs.rmSync(dir, { recursive: true, force: true })
  const w = (p: string, s: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true })
    fs.writeFileSync(path.join(dir, p), s)
  }
  w('package.json', JSON.stringify({ name: 'bare', private: true, browserslist: ['last 3 versions', 'Android >= 4.1', 'ios >= 8'] }))
  w('babel.config.js', `module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] }\n`)
  w('project.config.json', JSON.stringify({ miniprogramRoot: './', projectname: 'bare', appid: 'touristappid', setting: {} }))
  w('config/index.js', `module.exports = function (merge) { return { projectName: 'bare', date: '2026-11-25', designWidth: 750, deviceRatio: { 750: 1 }, sourceRoot: 'src', outputRoot: 'dist', baseLevel: ${budgets.floorBaseLevel ?? 8}, plugins: [], defineConstants: {}, copy: { patterns: [], options: {} }, framework: 'react', compiler: 'webpack5', cache: { enable: false }, mini: { optimizeMainPackage: { enable: true } } } }\n`)
  w('src/app.config.ts', `export default defineAppConfig({ pages: ['pages/index/index'] })\n`)
  w('src/app.ts', `import type { PropsWithChildren } from 'react'\nexport default function App({ children }: PropsWithChildren) { return children }\n`)
  w('src/pages/index/index.tsx', `import { View } from '@tarojs/components'\nexport default function Index() { return <View>你好</View> }\n`)
  w('src/pages/index/index.config.ts', `export default definePageConfig({})\n`)
  execSync(`${path.join(root, 'node_modules', '.bin', 'taro')} build --type weapp`, { cwd: dir, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } })
  const bytes = mainPackageBytes(path.join(dir, 'dist'))
  fs.rmSync(dir, { recursive: true, force: true })
  return bytes
}

async function h5FirstLoad(base: string, app: 'staff' | 'resident') {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 667 } })
    const js: { url: string; encoded: number; raw: number }[] = []
    page.on('requestfinished', async (req) => {
      if (req.resourceType() !== 'script') return
      const res = await req.response()
      const sizes = await req.sizes()
      js.push({ url: req.url(), encoded: sizes.responseBodySize, raw: (await res?.body())?.length ?? 0 })
    })
    await page.goto(`${base}/${app}/`, { waitUntil: 'networkidle' })
    await page.waitForTimeout(300)
    // the React wrappers of @tarojs/components: one module defines them all; count the chunks that carry it
    const copies = js.filter((f) => f.raw && fs.readFileSync(path.join(root, 'dist', `h5-${app}`, new URL(f.url).pathname.replace(`/${app}/`, '')), 'utf8').includes('taro-view-core')).length
    return { gzip: js.reduce((s, f) => s + f.encoded, 0), raw: js.reduce((s, f) => s + f.raw, 0), files: js.length, copies }
  } finally {
    await browser.close()
  }
}

const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5)

async function lighthouseOf(url: string) {
  const { default: lighthouse } = await import('lighthouse')
  const chromeLauncher = await import('chrome-launcher')
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] })
  try {
    const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] })
    const lhr = r!.lhr
    const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0))
    return {
      perf: Math.round((lhr.categories.performance.score ?? 0) * 100),
      a11y: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      lcp: Math.round(lhr.audits['largest-contentful-paint'].numericValue ?? 0),
      a11yFailing: failing.map((a) => a.id),
    }
  } finally {
    await chrome.kill()
  }
}

/** list (first page of 待办) + counts, in-process: the mock's own cost, without HTTP. */
async function inboxLatency(items: number) {
  const bff = createMockBff({ preview: true, now: () => NOW })
  const nowIso = toIso(NOW)
  for (let i = 0; i < items; i++) {
    openWorkItem(
      { db: bff.db, nowIso },
      { module: 'notice', objectType: 'notice', objectId: `n-b-${i}`, title: `第 ${i} 期`, summary: '', step: '阅知', audience: (['assignee', 'cc', 'initiator'] as const)[i % 3], assigneeId: LONG_INBOX_USER, initiatorId: 'u-head-01', link: '/x', deadline: i % 7 ? toIso(new Date(NOW.getTime() + ((i % 50) - 10) * 3600_000)) : null },
    )
  }
  const signIn = await bff.handle({ method: 'POST', url: '/api/v1/auth/preview', headers: { 'idempotency-key': `bench-sign-in-${items}`, 'content-type': 'application/json' }, body: { userId: LONG_INBOX_USER } })
  if (signIn.status !== 200) throw new Error(`bench sign-in failed: ${JSON.stringify(signIn.body)}`)
  const token = (signIn.body as { token: string }).token
  const headers = { authorization: `Bearer ${token}` }
  const once = async () => {
    const t0 = performance.now()
    const list = await bff.handle({ method: 'GET', url: '/api/v1/inbox?tab=todo&limit=20', headers })
    const counts = await bff.handle({ method: 'GET', url: '/api/v1/inbox/counts', headers })
    const ms = performance.now() - t0
    if (list.status !== 200 || counts.status !== 200) throw new Error(`bench inbox call failed: ${list.status} ${counts.status}`)
    return ms
  }
  const cold = await once()
  const times: number[] = []
  for (let i = 0; i < 200; i++) times.push(await once())
  times.sort((a, b) => a - b)
  return { p50: times[100], cold }
}

async function main() {
  for (const [script, out] of [
    ['build:weapp:staff', 'dist/weapp-staff/app.json'],
    ['build:weapp:resident', 'dist/weapp-resident/app.json'],
    ['build:weapp:staff:inprocess', 'dist/weapp-staff-inprocess/app.json'],
    ['build:h5:staff', 'dist/h5-staff/index.html'],
    ['build:h5:resident', 'dist/h5-resident/index.html'],
  ]) build(script, out)

  const staff = mainPackageBytes(path.join(root, 'dist', 'weapp-staff'))
  const resident = mainPackageBytes(path.join(root, 'dist', 'weapp-resident'))
  const inprocess = mainPackageBytes(path.join(root, 'dist', 'weapp-staff-inprocess'))
  let floor = 0
  if (!skip.has('floor')) {
    floor = bareFloor()
    add('bare Taro 4.2.1 React app, one page (the floor)', fmtB(floor), '', null)
  }
  const ratio = (n: number) => (floor ? ` = ${(n / floor).toFixed(2)} × floor` : '')
  add('staff weapp main package', fmtB(staff) + ratio(staff), `≤ ${fmtB(budgets.weapp.staff.main)}`, staff <= budgets.weapp.staff.main)
  add('resident weapp main package', fmtB(resident) + ratio(resident), `≤ ${fmtB(budgets.weapp.resident.main)}`, resident <= budgets.weapp.resident.main, budgets.weapp.resident.main > 470000 ? "issue #8's bar is 470,000 B" : undefined)
  add('in-process preview weapp main package', fmtB(inprocess), `≤ ${fmtB(budgets.weapp['staff-inprocess'].main)}`, inprocess <= budgets.weapp['staff-inprocess'].main, `+${fmtB(inprocess - staff)} over the regular build`)

  const server = await startServer({ port: 0, quiet: true, now: () => NOW })
  try {
    if (!skip.has('h5')) {
      for (const app of ['staff', 'resident'] as const) {
        const f = await h5FirstLoad(server.url, app)
        add(`H5 ${app} first page, JS on first load`, `${Math.round(f.raw / 1000)} KB raw / ${Math.round(f.gzip / 1000)} KB compressed, ${f.files} files, component wrappers in ${f.copies} chunk(s)`, `≤ ${budgets.h5.firstLoadGzip / 1000} KB compressed, 1 copy`, f.gzip <= budgets.h5.firstLoadGzip && f.copies <= 1)
      }
    }
    if (!skip.has('lighthouse')) {
      for (const app of ['staff', 'resident'] as const) {
        // Simulated throttling still scales what this machine's CPU did, and the machine's own speed moves
        // between runs (Lighthouse's CPU benchmark read 1,497 to 2,083 within one hour): a single run moves
        // the score by ±5 and LCP by ±0.2 s. As Lighthouse's variability guide advises: five runs, each bar
        // judged on its own median, every run printed beside it. Accessibility does not vary; its worst run counts.
        const runs = []
        for (let i = 0; i < LIGHTHOUSE_RUNS; i++) runs.push(await lighthouseOf(`${server.url}/${app}/`))
        const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
        const perf = median(runs.map((r) => r.perf))
        const lcp = median(runs.map((r) => r.lcp))
        const a11y = Math.min(...runs.map((r) => r.a11y))
        const a11yFailing = [...new Set(runs.flatMap((r) => r.a11yFailing))]
        const spread = runs.length > 1 ? ` (runs: ${runs.map((r) => `${r.perf}/${(r.lcp / 1000).toFixed(2)} s`).join(', ')})` : ''
        add(`Lighthouse mobile, ${app} first page`, `performance ${perf}, LCP ${(lcp / 1000).toFixed(2)} s, accessibility ${a11y}${runs.length > 1 ? `, medians of ${runs.length}` : ''}${spread}`, `perf ≥ ${budgets.lighthouse.performance}, LCP ≤ ${budgets.lighthouse.lcpMs / 1000} s, a11y ${budgets.lighthouse.accessibility}`, perf >= budgets.lighthouse.performance && lcp <= budgets.lighthouse.lcpMs && a11y >= budgets.lighthouse.accessibility, a11yFailing.length ? `accessibility audits failing: ${a11yFailing.join(', ')}` : undefined)
      }
    }
    if (!skip.has('dom')) {
      await fillInbox(server.url)
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
      try {
        const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true })
        await ctx.clock.install({ time: NOW })
        await ctx.clock.resume()
        const page = await ctx.newPage()
        await page.goto(`${server.url}/staff/`)
        await page.locator('.signin-name:visible').first().waitFor()
        const { people } = await import('../mock/seed/people')
        await page.locator('.signin-name:visible').getByText(people.find((p) => p.id === LONG_INBOX_USER)!.name, { exact: true }).click()
        // staff land on the 工作台; the inbox is a tab
        await page.waitForURL(/workbench\/pages\/index/)
        await toInbox(page)
        await page.locator('.inbox-item:visible').first().waitFor()
        const { maxNodes, loaded } = await scrollInbox(page, 600)
        add('H5 inbox DOM nodes while scrolling through 600 items', `${maxNodes} nodes at most (${loaded} items loaded)`, `≤ ${budgets.inbox.domNodes}`, maxNodes <= budgets.inbox.domNodes && loaded >= 600)
      } finally {
        await browser.close()
      }
    }
  } finally {
    server.server.closeAllConnections()
    server.server.close()
  }
  if (!skip.has('inbox')) {
    for (const n of [30, 10_000, 30_000]) {
      const r = await inboxLatency(n)
      add(`mock inbox list + counts, ${n.toLocaleString('en')} items for one person`, `${r.p50.toFixed(2)} ms p50 (first read after a change ${r.cold.toFixed(1)} ms)`, `≤ ${budgets.inbox.mockP50Ms} ms p50`, r.p50 <= budgets.inbox.mockP50Ms)
    }
  }

  console.log(`\n| figure | measured | bar |\n|---|---|---|`)
  for (const r of rows) console.log(`| ${r.figure} | ${r.value}${r.note ? ` (${r.note})` : ''} | ${r.bar || '—'} ${r.ok === null ? '' : r.ok ? '✓' : '✗'} |`)
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}`)
  const broken = rows.filter((r) => r.ok === false)
  console.log(broken.length ? `${broken.length} budget(s) broken` : 'every budget holds')
  process.exit(broken.length ? 1 : 0)
}

main().catch((err) => {
  console.error(err)
  process.exit(2)
})
