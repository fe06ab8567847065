/**
 * What every end-to-end journey leans on: waiting like a person does, the mock BFF over HTTP, one fresh
 * browser context per journey, signing in through the preview page. Journeys live in journeys.ts (the
 * foundation, 零跑动) and one file per module (documents.ts); journeys.ts runs them all.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { people } from '../../mock/seed/people'

export const ROOT = path.resolve(__dirname, '..', '..')
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
export const NOW = new Date('2026-11-25T10:00:00+08:00')
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
/** every single wait; a journey is a bounded number of them */
export const WAIT_MS = 15_000
/** the weak-network journey's share of failing calls; E2E_WEAK_FAILURE_RATE=0.9 exercises its recovery steps */
export const WEAK_FAILURE_RATE = ((r) => (Number.isFinite(r) ? Math.min(0.95, Math.max(0, r)) : 0.5))(Number(process.env.E2E_WEAK_FAILURE_RATE ?? 0.5))
/**
 * the whole run: a hang detector, well under CI's patience, so a hung browser cannot keep the process
 * alive. Not a speed check: the journeys and the two-app sweep took 5–7 min on 2 cores in December
 * 2026 and grow with every module (the old 300 s stopped a healthy run after its 25th journey of 31).
 */
export const RUN_LIMIT_MS = 900_000

// ---------------------------------------------------------------------------------------------------------
// small helpers

export class Failure extends Error {}

export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Failure(message)
}

export function nameOf(userId: string): string {
  const p = people.find((x) => x.id === userId)
  if (!p) throw new Error(`no seeded person ${userId} in mock/seed/people.ts`)
  return p.name
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `read` until `ok` holds; the last value goes into the failure message. */
export async function eventually<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  const until = Date.now() + timeoutMs
  let last: T | undefined
  let lastErr: unknown
  while (Date.now() < until) {
    try {
      last = await read()
      if (ok(last)) return last
    } catch (err) {
      lastErr = err
    }
    await sleep(150)
  }
  const seen = last !== undefined ? JSON.stringify(last) : lastErr instanceof Error ? lastErr.message.split('\n')[0] : 'nothing'
  throw new Failure(`${what} (last seen: ${seen})`)
}

/** A locator is "there" for a person: attached, visible and in the current page (Taro keeps hidden pages in the DOM). */
export const shown = (page: Page, css: string, hasText?: string | RegExp): Locator => page.locator(`${css}:visible`, hasText ? { hasText } : undefined)

export async function isShown(l: Locator): Promise<boolean> {
  return (await l.count()) > 0 && (await l.first().isVisible())
}

/** A NutUI Button (taro-button-core.nut-button) by its label; its inner text node does not take clicks. */
export const button = (scope: Locator, label: string): Locator => scope.locator('.nut-button', { hasText: label })

/** Playwright's messages carry a call log: keep the first line and the last thing it saw, without colours. */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  const lines = message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean)
  const what = lines.find((l) => /^- waiting for (locator|navigation|getBy)/.test(l))
  const last = lines.filter((l) => l.startsWith('- ') && !/waiting|retrying|scrolling|attempting/.test(l)).pop()
  return [lines[0], what, last].filter(Boolean).join(' … ').slice(0, 500)
}

export async function fontPx(l: Locator): Promise<number> {
  return l.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

// ---------------------------------------------------------------------------------------------------------
// the mock BFF over HTTP, for set-up and for checking what the UI claims

export interface Env {
  base: string
  browser: Browser
}

export async function bff<T>(base: string, method: 'GET' | 'POST', url: string, opts: { token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {}
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (method === 'POST') {
    headers['content-type'] = 'application/json'
    headers['idempotency-key'] = `e2e-${randomUUID()}`
  }
  const res = await fetch(`${base}${url}`, { method, headers, body: method === 'POST' ? JSON.stringify(opts.body ?? {}) : undefined })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 200)}`)
  return JSON.parse(text) as T
}

export async function mockSettings(base: string, settings: { failureRate: number; latencyMs: number }) {
  const got = await bff<{ failureRate: number; latencyMs: number }>(base, 'POST', '/__mock/settings', { body: settings })
  check(got.failureRate === settings.failureRate && got.latencyMs === settings.latencyMs, `mock settings not applied: ${JSON.stringify(got)}`)
}

export async function resetMock(base: string) {
  await mockSettings(base, { failureRate: 0, latencyMs: 0 })
  await bff(base, 'POST', '/__mock/reset')
}

export async function apiSignIn(base: string, userId: string): Promise<string> {
  const s = await bff<{ token: string }>(base, 'POST', '/api/v1/auth/preview', { body: { userId } })
  return s.token
}

export interface Counts {
  todo: number
  done: number
}

// ---------------------------------------------------------------------------------------------------------
// a journey: one fresh context, one page, screenshots named after it

export interface Journey {
  name: string
  run(j: JourneyCtx): Promise<string | void>
}

export interface JourneyCtx {
  base: string
  page: Page
  shot(step: string): Promise<void>
}

/** After the page slide and the popup's transition have finished, so the picture shows one settled page. */
export async function shotOf(page: Page, journey: string, step: string) {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 3000 })
    .catch(() => undefined)
  await page.screenshot({ path: path.join(SHOTS, `${journey}-${step}.png`), timeout: WAIT_MS, animations: 'disabled', caret: 'hide' })
}

export async function runJourney(env: Env, journey: Journey): Promise<{ ok: boolean; line: string }> {
  const started = Date.now()
  let context: BrowserContext | null = null
  let page: Page | null = null
  const pageErrors: string[] = []
  try {
    await resetMock(env.base)
    context = await env.browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    // The device clock starts at the mock's time and then runs, as a phone's does; the app itself reads
    // the server's clock (X-Server-Time), so deadlines and the watermark agree with the mock. A frozen
    // Date would stop Taro's throttled page-scroll events (and with them reach-bottom paging).
    await context.clock.install({ time: NOW })
    await context.clock.resume()
    context.setDefaultTimeout(WAIT_MS)
    context.setDefaultNavigationTimeout(WAIT_MS)
    page = await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(err.message))
    // a TypeError that a component catches and logs is still a bug (issue #7: watchValue after sending a 工作通知)
    page.on('console', (m) => {
      if (m.type() === 'error' && /\b(TypeError|ReferenceError)\b/.test(m.text())) pageErrors.push(`console on ${page?.url().split("#")[1] ?? ""}: ${m.text().slice(0, 200)}`)
    })
    const p = page
    const note = await journey.run({ base: env.base, page: p, shot: (step) => shotOf(p, journey.name, step) })
    check(!pageErrors.length, `uncaught error in the page: ${pageErrors.join(' | ')}`)
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    return { ok: true, line: `✓ ${journey.name} (${secs} s)${note ? ` — ${note}` : ''}` }
  } catch (err) {
    if (page) await shotOf(page, journey.name, 'failure').catch(() => undefined)
    const msg = err instanceof Error ? oneLine(err.message) : String(err)
    const extra = pageErrors.length ? ` [page errors: ${pageErrors.join(' | ')}]` : ''
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    return { ok: false, line: `✗ ${journey.name} (${secs} s): ${msg}${extra} — see test-results/screenshots/${journey.name}-failure.png` }
  } finally {
    await context?.close().catch(() => undefined)
  }
}

// ---------------------------------------------------------------------------------------------------------
// page steps shared by the journeys

export async function signInPage(page: Page) {
  const banner = shown(page, '.signin-banner')
  await banner.waitFor()
  check(/预览登录/.test(await banner.innerText()), 'the sign-in page has no preview banner')
}

export async function todoCountShown(page: Page): Promise<number> {
  const tab = shown(page, '.inbox-tab', '待办').first()
  const badge = tab.locator('.inbox-count')
  return (await badge.count()) ? Number((await badge.innerText()).trim()) : 0
}

/** Taro.showModal in H5: .taro__modal (itself without a box) holds a mask and the dialog with its buttons. */
export const modal = (page: Page) => page.locator('.taro__modal .taro-modal__content:visible')

export async function signInAs(page: Page, base: string, userId: string) {
  await page.goto(`${base}/staff/`)
  await signInPage(page)
  await shown(page, '.signin-name').getByText(nameOf(userId), { exact: true }).click()
  // staff land on their 工作台 (WeCom's convention); the inbox is the next tab
  await firstPageDrawn(page)
}

/** A resident signs in by the preview list and lands on 首页 with its entries drawn. */
export async function signInResident(page: Page, base: string, userId: string) {
  await page.goto(`${base}/resident/`)
  await signInPage(page)
  await shown(page, '.signin-name').getByText(nameOf(userId), { exact: true }).click()
  await firstPageDrawn(page)
}

/**
 * After signing in: the 工作台 (staff) or 首页 (resident) has drawn. The URL changes before the page
 * draws, and a step taken in between (going to 我的, reading a list) races the sign-in's own navigation.
 */
export async function firstPageDrawn(page: Page) {
  await page.waitForURL(/(workbench|home)\/pages\/index/)
  await shown(page, '.wb-part, .home-entry').first().waitFor()
}

/**
 * 长辈模式 as a person turns it on or off: the switch on 我的 of the app the page is in, then back to the
 * page they were on. It waits until the whole app has taken the mode, so the next step sees it.
 */
export async function elder(page: Page, on: boolean) {
  const back = page.url()
  await page.goto(back.replace(/#.*$/, '#/features/me/pages/index/index'))
  // the switch and its inner checkbox both carry the name (inner fields are labelled for screen readers): tap the box
  const toggle = shown(page, '[aria-label="长辈模式"]').locator('input[type=checkbox]')
  await toggle.waitFor()
  if ((await toggle.isChecked()) !== on) await toggle.click()
  await shown(page, on ? '.app-root.elder' : '.app-root:not(.elder)').first().waitFor()
  if (back.includes('/me/pages/')) return
  await page.goto(back)
}

/** A 工作台 entry (something to start, or a list) by its words. */
export const workbenchLink = (page: Page, label: string): Locator => shown(page, '.wb-link', label).first()

/** The 统一待办 tab, from wherever the tab bar shows. */
export async function toInbox(page: Page) {
  await page.locator('.weui-tabbar__item', { hasText: '统一待办' }).click()
  await page.waitForURL(/inbox\/pages\/index/)
}

export async function newStaffPage(page: Page): Promise<Page> {
  const ctx = await page.context().browser()!.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  await ctx.clock.install({ time: NOW })
  await ctx.clock.resume()
  ctx.setDefaultTimeout(WAIT_MS)
  return ctx.newPage()
}

/** Draws a signature with the finger: real touch events through the DevTools protocol. */
export async function drawSignature(page: Page) {
  const canvas = shown(page, '.signature-pad-canvas')
  await canvas.waitFor()
  await page.waitForTimeout(400)
  const box = (await canvas.boundingBox())!
  const cdp = await page.context().newCDPSession(page)
  const at = (i: number) => ({ x: box.x + 20 + i * ((box.width - 40) / 30), y: box.y + box.height / 2 + Math.sin(i / 3) * (box.height / 4) })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] })
  for (let i = 1; i <= 30; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(i)] })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
  await eventually('the pad sees ink', () => shown(page, '.signature-pad-box').getAttribute('data-inked'), (v) => v === 'yes')
}

/** Presses an ActionBar button (found among `buttons`) and confirms its sheet, with text when it asks for some. */
export async function barAction(page: Page, label: string, text?: string, buttons = '.action-bar .nut-button') {
  await shown(page, buttons).filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first().click()
  if (text === undefined) return
  const sheet = shown(page, '.opinion-sheet')
  await sheet.waitFor()
  if (text) await sheet.locator('textarea').fill(text)
  await button(sheet, `确定${label}`).click()
  await sheet.waitFor({ state: 'hidden' })
}
