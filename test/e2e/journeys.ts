/**
 * End-to-end journeys over the H5 builds, in Debian's Chromium driven by playwright-core.
 *
 *   npm run build:h5:staff && npm run build:h5:resident
 *   npx tsx test/e2e/journeys.ts
 *
 * Starts the mock BFF (which also serves dist/h5-staff at /staff/ and dist/h5-resident at /resident/) on a
 * free port with the clock frozen at 2026-11-25 10:00 (Beijing), runs each journey in a fresh browser context
 * after reseeding the mock, saves screenshots under test-results/screenshots/<journey>-<step>.png and prints
 * one line per journey and a closing `N passed, M failed`. Exit code 1 when anything failed, when Chromium
 * is missing (CI installs it: a missing browser is a failure, not a skip) or when a build is missing.
 *
 * The foundation's journeys are here; each module brings its own file (requests.ts, documents.ts), and
 * harness.ts holds what they all lean on.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium) · E2E_ONLY=staff,resident,weak-network (a subset) ·
 *   E2E_WEAK_FAILURE_RATE (0.5; e.g. 0.9 to make the weak-network journey's retries and recoveries happen)
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { chromium, type Browser, type Locator } from 'playwright-core'
import { startServer } from '../../mock/server'
import { documentJourneys } from './documents'
import { firstLoadJourney } from './first-load'
import { longInboxJourney } from './inbox-long'
import { requestJourneys } from './requests'
import { caseJourneys } from './cases'
import { supervisionJourneys } from './supervision'
import { videoJourneys } from './video'
import { mediationJourneys } from './mediation'
import { workbenchJourneys } from './workbench'
import { finishJourneys } from './finish'
import { darkJourney } from './dark'
import {
  apiSignIn, bff, button, check, CHROMIUM, eventually, fontPx, isShown, mockSettings, modal, nameOf, NOW, ROOT, RUN_LIMIT_MS, runJourney, shown,
  SHOTS, signInPage, sleep, todoCountShown, toInbox, WEAK_FAILURE_RATE, workbenchLink, type Counts, type Env, type Journey,
} from './harness'

// ---------------------------------------------------------------------------------------------------------
// a. staff: sign in → inbox → read a notice with an opinion → inbox count drops → 长辈模式 → sign out

const staffJourney: Journey = {
  name: 'staff',
  async run({ base, page, shot }) {
    const userId = 'u-handler-01'
    const name = nameOf(userId)
    const opinion = '已阅，数据局按要求落实，明天18时前报送。'
    const token = await apiSignIn(base, userId)
    const before = await bff<Counts>(base, 'GET', '/api/v1/inbox/counts', { token })

    await page.goto(`${base}/staff/`)
    await signInPage(page)
    await page.waitForURL(/sign-in/)
    await shot('sign-in')
    await shown(page, '.signin-name').getByText(name, { exact: true }).click()

    // 工作台 first (the landing page), then 统一待办
    await page.waitForURL(/workbench\/pages\/index/)
    await shown(page, '.wb-part').first().waitFor()
    await toInbox(page)
    const items = shown(page, '.inbox-item')
    await items.first().waitFor()
    const tags = (await shown(page, '.inbox-item .status-tag').allInnerTexts()).map((t) => t.trim())
    check(tags.some((t) => ['逾期', '催办', '传阅'].includes(t)), `no 逾期/催办/传阅 tag on the inbox items (tags: ${tags.join(',')})`)
    const todo = await eventually('the 待办 tab count matches the server', () => todoCountShown(page), (n) => n === before.todo)
    check(todo > 0, `${name} should have something to do`)
    check((await shown(page, '.inbox-alert').innerText()).includes('已逾期'), 'the overdue alert is missing')
    await shot('inbox')

    // the first item: a 工作通知 to read
    const first = items.first()
    const title = (await first.locator('.inbox-title').innerText()).trim()
    await first.click()
    await page.waitForURL(/features\/notice\/pages\/detail\/index\?id=/)
    await shown(page, '.notice-title', title).waitFor()
    const mark = shown(page, '.watermark-cell').first()
    await mark.waitFor({ state: 'attached' })
    check((await mark.innerText()).includes(name), `the watermark does not carry ${name}`)
    check((await page.locator('.watermark-cell').count()) >= 12, 'the watermark should cover the page')
    await shot('notice-detail')

    await button(shown(page, '.action-bar'), '已阅').click()
    const sheet = shown(page, '.opinion-sheet')
    await sheet.waitFor()
    await sheet.locator('textarea').fill(opinion)
    check((await sheet.locator('textarea').inputValue()) === opinion, 'the opinion box did not take the text')
    await shot('opinion-sheet')
    await button(sheet, '确定已阅').click()

    await page.locator('.action-bar').waitFor({ state: 'detached' })
    await sheet.waitFor({ state: 'hidden' })
    const readers = shown(page, '.notice-readers')
    await eventually('the reader list shows 已签意见 and the opinion', () => readers.innerText(), (t) => t.includes('已签意见') && t.includes(opinion))
    await shot('notice-read')

    // back to the inbox: one fewer to do
    await page.goBack()
    await page.waitForURL(/inbox\/pages\/index/)
    await eventually('the 待办 count dropped by one', () => todoCountShown(page), (n) => n === todo - 1)
    await eventually('the read notice left the 待办 list', () => shown(page, '.inbox-title').allInnerTexts(), (ts) => !ts.some((t) => t.trim() === title))
    await shot('inbox-after-read')

    // 我的 → 长辈模式
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await page.waitForURL(/features\/me\/pages\/index/)
    const me = shown(page, '.me-name')
    await me.waitFor()
    check((await me.innerText()).trim() === name, `我的 shows ${await me.innerText()} instead of ${name}`)
    check((await shown(page, '.me-card .status-tag').allInnerTexts()).some((t) => t.includes('承办人')), 'the role 承办人 is not shown')
    const nameBefore = await fontPx(me)
    const bodyBefore = await fontPx(shown(page, '.me-setting-name'))
    const signOut = button(shown(page, '.me-actions'), '退出登录')
    const buttonBefore = await fontPx(signOut)
    await shot('me')
    const toggle = shown(page, '[aria-label="长辈模式"]').locator('input[type=checkbox]')
    check(!(await toggle.isChecked()), '长辈模式 should start off')
    await toggle.click()
    const nameAfter = await eventually('the name grew in 长辈模式', () => fontPx(me), (px) => px > nameBefore)
    const bodyAfter = await fontPx(shown(page, '.me-setting-name'))
    check(bodyAfter > bodyBefore, `body text did not grow (${bodyBefore}px → ${bodyAfter}px)`)
    // NutUI's buttons too ("按钮更大"): their sizes come from --nutui-* variables that 长辈模式 sets
    const buttonAfter = await fontPx(signOut)
    check(buttonAfter > buttonBefore, `the 退出登录 button's text did not grow (${buttonBefore}px → ${buttonAfter}px)`)
    check(await toggle.isChecked(), 'the switch is not on')
    await shot('me-elder')
    // every page follows: the inbox is large too
    await page.locator('.weui-tabbar__item', { hasText: '统一待办' }).click()
    await page.waitForURL(/inbox\/pages\/index/)
    await shown(page, '.app-root.elder .inbox-item').first().waitFor()
    await shot('inbox-elder')
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await page.waitForURL(/features\/me\/pages\/index/)

    await page.reload()
    await shown(page, '.me-name').waitFor()
    await shown(page, '.app-root.elder').first().waitFor()
    check(await shown(page, '[aria-label="长辈模式"]').locator('input[type=checkbox]').isChecked(), '长辈模式 was forgotten on reload')
    const nameReloaded = await fontPx(shown(page, '.me-name'))
    check(nameReloaded === nameAfter, `after reload the name is ${nameReloaded}px, was ${nameAfter}px`)
    await shot('me-elder-reloaded')

    // 退出登录
    await button(shown(page, '.me-actions'), '退出登录').click()
    await modal(page).waitFor()
    check((await modal(page).innerText()).includes('确定退出'), 'the sign-out modal does not ask')
    await shot('sign-out-confirm')
    await modal(page).locator('.taro-model__confirm', { hasText: '退出' }).click()
    await page.waitForURL(/sign-in/)
    await signInPage(page)
    await shot('signed-out')
    // the session is really gone: the old page asks for a sign-in again
    await page.goto(`${base}/staff/#/features/me/pages/index/index`)
    await page.waitForURL(/sign-in/)
    return `待办 ${todo} → ${todo - 1}; 长辈模式: name ${nameBefore} → ${nameAfter} px, button ${buttonBefore} → ${buttonAfter} px`
  },
}

// ---------------------------------------------------------------------------------------------------------
// b. resident: sign in → home

const residentJourney: Journey = {
  name: 'resident',
  async run({ base, page, shot }) {
    const userId = 'r-resident-01'
    const name = nameOf(userId)
    const token = await apiSignIn(base, userId)
    const mine = await bff<{ items: { title: string }[] }>(base, 'GET', '/api/v1/inbox?tab=initiated&limit=20', { token })

    await page.goto(`${base}/resident/`)
    await signInPage(page)
    await shot('sign-in')
    check(!(await isShown(shown(page, '.signin-name', '梁嘉豪'))), 'staff are offered on the resident sign-in page')
    await shown(page, '.signin-name').getByText(name, { exact: true }).click()

    const hello = shown(page, '.home-hello')
    await hello.waitFor()
    await page.waitForURL(/features\/home\/pages\/index/)
    const helloText = (await hello.innerText()).trim()
    check(helloText.includes('您好') && helloText.includes(name), `the greeting is "${helloText}"`)
    const entries = (await shown(page, '.home-entry-title').allInnerTexts()).map((t) => t.trim())
    for (const e of ['申请调解', '视频调解', '妇联求助']) check(entries.includes(e), `the entry ${e} is missing (${entries.join(',')})`)
    await shown(page, '.section-title', '我的事项').waitFor()
    if (mine.items.length) {
      await eventually('我的事项 lists what the server has', () => shown(page, '.home-item').count(), (n) => n === mine.items.length)
    } else {
      await shown(page, '.state-box', '您还没有办理中的事项').waitFor()
    }
    await shot('home')
    return `${mine.items.length} item(s) in 我的事项`
  },
}

// ---------------------------------------------------------------------------------------------------------
// d. compose: a head of section writes a notice, the page reloads mid-way (the draft survives),
//    picks a reader from the directory, taps 发出 twice → exactly one notice, and lands on it

const composeJourney: Journey = {
  name: 'compose',
  async run({ base, page, shot }) {
    const sender = 'u-head-01'
    const reader = 'u-handler-02'
    const title = '关于报送年度工作总结的通知'
    await page.goto(`${base}/staff/`)
    await signInPage(page)
    await shown(page, '.signin-name').getByText(nameOf(sender), { exact: true }).click()
    await workbenchLink(page, '发工作通知').click()
    await page.waitForURL(/features\/notice\/pages\/compose/)
    await shown(page, 'taro-input-core input').first().fill(title)
    await sleep(600) // the draft is saved a moment after typing stops
    await page.reload()
    await shown(page, '.form-restored', '已恢复上次未发出的草稿').waitFor()
    const restored = await shown(page, 'taro-input-core input').first().inputValue()
    check(restored === title, `the draft came back as "${restored}"`)
    await shown(page, 'taro-textarea-core textarea').first().fill('请各科室于本周五前报送年度工作总结，联系人：秘书科。')
    await shown(page, '.form-add', '选择人员').click()
    await shown(page, '.picker-search input').fill(nameOf(reader))
    await shown(page, '.picker-item', nameOf(reader)).first().click()
    await shot('picker')
    await button(shown(page, '.picker'), '确定').click()
    await shown(page, '.form-chip', nameOf(reader)).waitFor()
    await shot('filled')
    const send = button(page.locator('.form-actions'), '发出通知')
    await send.dblclick()
    await page.waitForURL(/features\/notice\/pages\/detail/)
    await shown(page, '.notice-title', title).waitFor()
    await shown(page, '.notice-reader-name', nameOf(reader)).waitFor()
    await shot('sent')
    const token = await apiSignIn(base, sender)
    const initiated = await bff<{ items: { title: string }[] }>(base, 'GET', '/api/v1/inbox?tab=initiated&limit=100', { token })
    const copies = initiated.items.filter((i) => i.title === title).length
    check(copies === 1, `${copies} notices titled 「${title}」 exist after a double tap`)
    return 'draft survived a reload; one notice after a double tap'
  },
}

// ---------------------------------------------------------------------------------------------------------
// e. no server: the build with the mock BFF inside (MOCK_INPROCESS=1) works from static files alone,
//    as a phone preview would; the test server answers every /api/ call with 500 and counts them

const inProcessJourney: Journey = {
  name: 'in-process',
  async run({ page, shot }) {
    const dir = path.join(ROOT, 'dist', 'h5-staff-inprocess')
    check(fs.existsSync(path.join(dir, 'index.html')), 'dist/h5-staff-inprocess is missing (npm run build:h5:staff:inprocess)')
    let apiCalls = 0
    const server = http.createServer((req, res) => {
      const url = req.url ?? '/'
      if (url.startsWith('/api/')) {
        apiCalls++
        res.writeHead(500)
        res.end()
        return
      }
      const rel = url.split('?')[0].replace(/^\/staff/, '') || '/'
      const file = path.join(dir, rel === '/' ? 'index.html' : rel)
      const target = file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dir, 'index.html')
      const type = target.endsWith('.js') ? 'application/javascript' : target.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8'
      res.writeHead(200, { 'content-type': type })
      fs.createReadStream(target).pipe(res)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    try {
      const port = (server.address() as { port: number }).port
      await page.goto(`http://127.0.0.1:${port}/staff/`)
      await signInPage(page)
      await shown(page, '.signin-name').getByText(nameOf('u-handler-01'), { exact: true }).click()
      await shown(page, '.wb-part').first().waitFor()
      await toInbox(page)
      await shown(page, '.inbox-item').first().waitFor()
      const items = await shown(page, '.inbox-item').count()
      await shot('inbox')
      check(items > 0, 'the in-process inbox is empty')
      check(apiCalls === 0, `${apiCalls} request(s) reached a server`)
      return `${items} item(s), 0 requests to a server`
    } finally {
      await new Promise((r) => server.close(r))
    }
  },
}

// ---------------------------------------------------------------------------------------------------------
// c. weak network: half the calls fail (half of those after the change was made); one tap → one record

const weakNetworkJourney: Journey = {
  name: 'weak-network',
  async run({ base, page, shot }) {
    const userId = 'u-super-01'
    const name = nameOf(userId)
    const noticeId = 'notice-001'
    const opinion = '已阅，督查室跟踪落实情况。'
    // the seed has this person still to read notice-001
    const seedToken = await apiSignIn(base, userId)
    const seeded = await bff<{ readers: { userId: string; status: string }[] }>(base, 'GET', `/api/v1/notices/${noticeId}`, { token: seedToken })
    check(seeded.readers.find((r) => r.userId === userId)?.status === 'unread', `${name} should not have read ${noticeId} yet`)

    const keys: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/api/v1/notices/${noticeId}/read`)) keys.push(r.headers()['idempotency-key'] ?? '(none)')
    })
    let calls = 0
    let dropped = 0
    page.on('response', (r) => {
      if (!r.url().includes('/api/v1/')) return
      calls++
      if (r.status() === 503) dropped++
    })
    await mockSettings(base, { failureRate: WEAK_FAILURE_RATE, latencyMs: 50 })

    let recoveries = 0
    let confirms = 0
    /** What a person does when the weak network wins a round: close the message, press 重新加载, try again. */
    async function recover(retry: () => Promise<void>) {
      recoveries++
      if (await isShown(modal(page))) await modal(page).locator('.taro-model__confirm').click()
      const reload = button(shown(page, '.state-box'), '重新加载')
      if (await isShown(reload)) await reload.first().click()
      else await retry()
    }
    /** Waits for `target`; after each window without it, recovers and tries again (a person would). */
    async function until(target: Locator, retry: () => Promise<void>, rounds = 6) {
      for (let i = 0; ; i++) {
        try {
          await target.first().waitFor({ timeout: 6000 })
          return
        } catch (err) {
          if (i >= rounds) throw err
          await recover(retry)
        }
      }
    }

    await page.goto(`${base}/staff/`)
    await signInPage(page)
    const person = shown(page, '.signin-name').getByText(name, { exact: true })
    await until(person, async () => undefined)
    await person.click()
    // signed in, she lands on the 工作台 and goes to 统一待办
    const inboxTab = page.locator('.weui-tabbar__item', { hasText: '统一待办' })
    await until(inboxTab, async () => {
      if (await isShown(person)) await person.click()
    })
    await inboxTab.click()
    const item = shown(page, '.inbox-item', '强降雨')
    await until(item, async () => {
      if (await isShown(inboxTab)) await inboxTab.click()
    })
    await item.first().click()
    await page.waitForURL(new RegExp(`id=${noticeId}`))

    const readButton = button(shown(page, '.action-bar'), '已阅')
    await until(readButton, async () => undefined)
    const sheet = shown(page, '.opinion-sheet')
    const done = shown(page, '.notice-readers', '已签意见')
    const confirm = async () => {
      if (!(await isShown(sheet))) {
        if (!(await isShown(readButton))) return
        await readButton.click()
        await sheet.waitFor()
      }
      const box = sheet.locator('textarea')
      if ((await box.inputValue()) !== opinion) await box.fill(opinion)
      confirms++
      await button(sheet, '确定已阅').click()
    }
    await readButton.click()
    await sheet.waitFor()
    await confirm()
    await until(done, confirm, 8)
    await page.locator('.action-bar').waitFor({ state: 'detached' })
    await shot('notice-read')

    // the weather clears; ask the server what really happened
    await mockSettings(base, { failureRate: 0, latencyMs: 0 })
    const token = await apiSignIn(base, userId)
    const n = await bff<{ readers: { userId: string; status: string; opinion: string | null }[]; timeline: { actorName: string; action: string; note: string | null }[] }>(
      base,
      'GET',
      `/api/v1/notices/${noticeId}`,
      { token },
    )
    const mineRead = n.readers.find((r) => r.userId === userId)
    check(mineRead?.status === 'opinion' && mineRead.opinion === opinion, `the server has ${JSON.stringify(mineRead)} for ${name}`)
    const signed = n.timeline.filter((t) => t.actorName === name && (t.action === '签署意见' || t.action === '已阅'))
    check(signed.length === 1 && signed[0].action === '签署意见', `expected exactly one 签署意见 by ${name}, found ${JSON.stringify(signed)}`)

    const auditor = await apiSignIn(base, 'u-auditor-01')
    const entries: { actorId: string; action: string }[] = []
    let cursor: string | null = null
    do {
      const q: string = `/api/v1/audit?objectId=${noticeId}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const pageOf: { items: { actorId: string; action: string }[]; nextCursor: string | null } = await bff(base, 'GET', q, { token: auditor })
      entries.push(...pageOf.items)
      cursor = pageOf.nextCursor
    } while (cursor)
    const reads = entries.filter((e) => e.action === 'notice.read' && e.actorId === userId)
    check(reads.length === 1, `expected exactly one notice.read audit entry by ${name}, found ${reads.length}`)

    // every retry of one tap carried that tap's key: never more keys than taps
    const distinct = new Set(keys)
    check(keys.length >= 1 && !distinct.has('(none)'), `the read was sent without an Idempotency-Key (${keys.join(',')})`)
    check(distinct.size <= confirms, `${distinct.size} Idempotency-Keys for ${confirms} tap(s): a retry used a new key`)
    return `${dropped} of ${calls} API calls failed with 503; ${confirms} tap(s) on 确定已阅, ${keys.length} POST(s) with ${distinct.size} key(s), ${recoveries} recovery step(s); 1 timeline entry, 1 audit entry`
  },
}

// ---------------------------------------------------------------------------------------------------------

function hasCjkFont(): boolean | null {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0
  } catch {
    return null
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`e2e skipped: Chromium not found at ${CHROMIUM}; install with apt-get install -y chromium`)
    return 1
  }
  const missing = (['staff', 'resident'] as const).filter((t) => !fs.existsSync(path.join(ROOT, 'dist', `h5-${t}`, 'index.html')))
  if (missing.length) {
    console.log(`e2e cannot run: ${missing.map((t) => `dist/h5-${t} is missing (run npm run build:h5:${t})`).join('; ')}`)
    return 1
  }
  if (hasCjkFont() === false) console.log('note: no Chinese font installed, screenshots will show boxes (apt-get install -y fonts-noto-cjk)')
  fs.mkdirSync(SHOTS, { recursive: true })

  const all = [staffJourney, residentJourney, composeJourney, inProcessJourney, ...requestJourneys, weakNetworkJourney, ...documentJourneys, ...caseJourneys, ...supervisionJourneys, ...mediationJourneys, ...videoJourneys, ...workbenchJourneys, longInboxJourney, firstLoadJourney, ...finishJourneys, darkJourney]
  const only = (process.env.E2E_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const journeys = only.length ? all.filter((j) => only.includes(j.name)) : all
  if (!journeys.length) {
    console.log(`E2E_ONLY=${process.env.E2E_ONLY} names no journey (${all.map((j) => j.name).join(', ')})`)
    return 1
  }

  let server: http.Server | null = null
  let browser: Browser | null = null
  const cleanup = async () => {
    await browser?.close().catch(() => undefined)
    browser = null
    if (server) {
      const s = server
      server = null
      s.closeAllConnections()
      await new Promise<void>((r) => s.close(() => r()))
    }
  }
  const watchdog = setTimeout(() => {
    console.log(`✗ the run took longer than ${RUN_LIMIT_MS / 1000} s; stopping`)
    console.log(`0 passed, ${journeys.length} failed`)
    void cleanup().finally(() => process.exit(1))
  }, RUN_LIMIT_MS)
  watchdog.unref()

  let passed = 0
  let failed = 0
  try {
    const started = await startServer({ port: 0, quiet: true, now: () => NOW })
    server = started.server
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // fake camera and microphone, and host candidates on 127.0.0.1 for the video journeys (VIDEO-FACTS.md);
      // no fake UI: a context without the camera permission is refused, as a person who tapped 拒绝
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection'],
      timeout: 30_000,
    })
    const env: Env = { base: started.url, browser }
    for (const j of journeys) {
      const r = await runJourney(env, j)
      console.log(r.line)
      if (r.ok) passed++
      else failed++
    }
  } catch (err) {
    failed += journeys.length - passed - failed || 1
    console.log(`✗ e2e set-up: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
  } finally {
    await cleanup()
    clearTimeout(watchdog)
  }
  console.log(`${passed} passed, ${failed} failed`)
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.log(`✗ e2e crashed: ${err instanceof Error ? err.stack : String(err)}`)
    console.log('0 passed, 1 failed')
    process.exit(1)
  },
)
