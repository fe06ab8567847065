/**
 * One journey, two drivers. A weapp journey is written once against WeappDriver; it runs
 *   - on the weapp runner (Node, wcc, fake wx, in-process mock BFF): here, in CI, in `npm test`;
 *   - on miniprogram-automator, which drives WeChat DevTools' simulator (macOS/Windows, with the
 *     automation port on and `WECHAT_DEVTOOLS_CLI` pointing at its `cli`), against `npm run mock`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createMockBff } from '../../mock/app'
import type { Backend } from './fake-wx'
import { WeappRunner } from './runner'

export type Build = 'staff' | 'resident' | 'staff-inprocess'
export type Shell = 'wecom' | 'wechat'

export interface Launch {
  build: Build
  platform: Shell
  /** who wx.login / wx.qy.login say the user is (the mock reads `mock:<id>` codes) */
  user?: string
}

export interface WeappDriver {
  readonly kind: 'runner' | 'automator'
  start(l: Launch): Promise<void>
  /** waits until the text is visible on the current page */
  waitForText(text: string | RegExp): Promise<void>
  hasText(text: string | RegExp): Promise<boolean>
  /** taps the innermost visible element showing the text (the nth one) */
  tap(text: string | RegExp, nth?: number): Promise<void>
  /** taps a tab of the native tab bar */
  tapTab(label: string): Promise<void>
  /** types into the field with that placeholder, or the first field after that label */
  type(label: string | RegExp, value: string): Promise<void>
  /** picks `value` in the native picker that shows the text (what WeChat's picker sends on 确定) */
  pick(label: string | RegExp, value: string): Promise<void>
  /** opens a page as a fresh start */
  open(url: string): Promise<void>
  pullDownRefresh(): Promise<void>
  /** waits for a finished request whose path starts with `pathStart`; resolves to its status */
  waitForRequest(method: string, pathStart: string): Promise<number>
  /** requests made so far */
  requests(): Promise<{ method: string; url: string; status?: number }[]>
  /** the page stack, bottom first */
  stack(): Promise<string[]>
  /** what the person picks in the next file chooser (chooseMessageFile / chooseImage / chooseMedia) */
  offerFiles(files: { name: string; mime?: string }[]): Promise<void>
  /** documents handed to wx.openDocument so far: what the phone's viewer was asked to show */
  openedDocuments(): Promise<{ fileType?: string; bytes: number; head: string }[]>
  stop(): Promise<void>
}

/** Calls the BFF as a person, to set up what a journey needs. */
export interface Api {
  as(userId: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }>
}

export const ROOT = path.resolve(__dirname, '..', '..')
export const NOW = new Date('2026-11-25T10:00:00+08:00')
export const distOf = (b: Build) => path.join(ROOT, 'dist', `weapp-${b}`)

function apiOver(backend: Backend): Api {
  const tokens = new Map<string, string>()
  let seq = 0
  return {
    async as(userId, method, url, body) {
      if (!tokens.has(userId)) {
        const s = await backend({ method: 'POST', url: '/api/v1/auth/preview', headers: { 'idempotency-key': `weapp-signin-${userId}-${++seq}`, 'content-type': 'application/json' }, body: { userId } })
        if (s.status !== 200) throw new Error(`preview sign-in as ${userId} failed: ${JSON.stringify(s.body)}`)
        tokens.set(userId, (s.body as { token: string }).token)
      }
      const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(userId)}` }
      if (method !== 'GET') headers['idempotency-key'] = `weapp-${++seq}-${userId}`
      if (body !== undefined) headers['content-type'] = 'application/json'
      const r = await backend({ method, url, headers, body })
      return { status: r.status, body: r.body }
    },
  }
}

/** The weapp runner with a fresh in-process mock BFF per journey, on the e2e clock. */
export class RunnerDriver implements WeappDriver {
  readonly kind = 'runner'
  runner!: WeappRunner
  readonly bff = createMockBff({ preview: true, now: () => NOW })
  readonly backend: Backend = (req) => this.bff.handle(req as never) as never
  readonly api = apiOver(this.backend)

  async start(l: Launch) {
    this.runner = await WeappRunner.launch({ dir: distOf(l.build), platform: l.platform, loginAs: l.user, backend: this.backend })
  }
  async waitForText(text: string | RegExp) {
    await this.runner.waitForText(text)
  }
  async hasText(text: string | RegExp) {
    this.runner.check()
    return (typeof text === 'string' ? this.runner.text().includes(text) : text.test(this.runner.text()))
  }
  async tap(text: string | RegExp, nth = 0) {
    await this.runner.tap(text, nth)
  }
  async tapTab(label: string) {
    await this.runner.tapTab(label)
  }
  async type(label: string | RegExp, value: string) {
    await this.runner.type(label, value)
  }
  async pick(label: string | RegExp, value: string) {
    await this.runner.pick(label, value)
  }
  async open(url: string) {
    await this.runner.open(url)
  }
  async pullDownRefresh() {
    const { stopped } = await this.runner.pullDownRefresh()
    if (!stopped) throw new Error(`${this.runner.route}: pull to refresh never stopped (wx.stopPullDownRefresh was not called)`)
  }
  async waitForRequest(method: string, pathStart: string) {
    const from = this.seen
    const r = await this.runner.waitForRequest((x) => this.runner.requests.indexOf(x) >= from && x.method === method && x.url.startsWith(pathStart), `${method} ${pathStart}`)
    this.seen = this.runner.requests.indexOf(r) + 1
    return r.status!
  }
  private seen = 0
  async requests() {
    return this.runner.requests.map((r) => ({ ...r }))
  }
  async stack() {
    return this.runner.stack
  }
  async offerFiles(files: { name: string; mime?: string }[]) {
    this.runner.offerFiles(files)
  }
  async openedDocuments() {
    return this.runner.fake.opened.map((o) => {
      const data = this.runner.fake.files.get(o.filePath)?.data ?? new Uint8Array()
      return { fileType: o.fileType, bytes: data.byteLength, head: Buffer.from(data.slice(0, 5)).toString('latin1') }
    })
  }
  async stop() {
    this.runner?.close()
  }
}

/**
 * miniprogram-automator over WeChat DevTools. Same journeys; the backend is the mock server the
 * developer runs (`npm run mock`, the address the weapp build calls). Not runnable on Linux.
 */
export class AutomatorDriver implements WeappDriver {
  readonly kind = 'automator'
  // miniprogram-automator's own types are loose; kept as unknown-ish handles
  private mp: any // eslint-disable-line @typescript-eslint/no-explicit-any
  private app: { pages: string[]; tabBar?: { list: { pagePath: string; text: string }[] } } | undefined
  readonly mockUrl = process.env.MOCK_URL ?? 'http://127.0.0.1:9527'
  readonly api: Api = apiOver(async (req) => {
    const res = await fetch(this.mockUrl + req.url, { method: req.method, headers: { 'content-type': 'application/json', ...(req.headers as Record<string, string>) }, body: req.body === undefined ? undefined : JSON.stringify(req.body) })
    return { status: res.status, headers: {}, body: await res.json().catch(() => null) }
  })

  static skipReason(): string | null {
    if (!process.env.WECHAT_DEVTOOLS_CLI) return 'WECHAT_DEVTOOLS_CLI is not set: miniprogram-automator needs WeChat DevTools (macOS/Windows) with its service port on; set it to the DevTools cli path to run these journeys in the real simulator'
    return null
  }

  async start(l: Launch) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const automator = require('miniprogram-automator')
    this.mp = await automator.launch({ cliPath: process.env.WECHAT_DEVTOOLS_CLI, projectPath: distOf(l.build) })
    const code = l.user ? `mock:${l.user}` : 'devtools'
    await this.mp.mockWxMethod('login', { code, errMsg: 'login:ok' })
    if (l.platform === 'wecom') await this.mp.mockWxMethod('qy.login', { code, errMsg: 'qy.login:ok' })
    // every request is noted in the app, so a journey can wait for one
    await this.mp.mockWxMethod(
      'request',
      function (this: { origin: (o: unknown) => unknown }, o: { url: string; method?: string; complete?: (r: unknown) => void }) {
        const g = getApp() as { __requests?: { method: string; url: string; status?: number }[] }
        const rec: { method: string; url: string; status?: number } = { method: (o.method || 'GET').toUpperCase(), url: o.url.replace(/^[a-z]+:\/\/[^/]+/, ''), status: undefined }
        ;(g.__requests = g.__requests || []).push(rec)
        const done = o.complete
        return this.origin(Object.assign({}, o, { complete: (r: { statusCode?: number }) => ((rec.status = r.statusCode || 0), done && done(r)) }))
      },
    )
    // every document handed to the phone's viewer is noted (its size and first bytes), then really opened
    await this.mp.mockWxMethod('openDocument', function (this: { origin: (o: unknown) => unknown }, o: { filePath: string; fileType?: string }) {
      const g = getApp() as { __opened?: unknown[] }
      const data = wx.getFileSystemManager().readFileSync(o.filePath, 'latin1')
      ;(g.__opened = g.__opened || []).push({ fileType: o.fileType, bytes: data.length, head: data.slice(0, 5) })
      return this.origin(o)
    })
    this.app = JSON.parse(fs.readFileSync(path.join(distOf(l.build), 'app.json'), 'utf8'))
    await this.mp.reLaunch(`/${this.app!.pages[0]}`)
  }
  private async page() {
    return this.mp.currentPage()
  }
  private async textNodes(text: string | RegExp) {
    const page = await this.page()
    const els = await page.$$('text, view, button')
    const hits = []
    for (const el of els) {
      const t: string = await el.text()
      if (typeof text === 'string' ? t.includes(text) : text.test(t)) hits.push({ el, len: t.length })
    }
    return hits.sort((a, b) => a.len - b.len).map((h) => h.el)
  }
  async waitForText(text: string | RegExp) {
    const until = Date.now() + 15000
    while (!(await this.hasText(text))) {
      if (Date.now() > until) throw new Error(`automator: no "${String(text)}" on ${(await this.page()).path}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  async hasText(text: string | RegExp) {
    return (await this.textNodes(text)).length > 0
  }
  async tap(text: string | RegExp, nth = 0) {
    await this.waitForText(text)
    const el = (await this.textNodes(text))[nth]
    await el.tap()
    await this.mp.waitFor?.(300)
  }
  async tapTab(label: string) {
    const tab = (this.app?.tabBar?.list ?? []).find((t) => t.text === label)
    if (!tab) throw new Error(`automator: no tab "${label}"`)
    await this.mp.switchTab(`/${tab.pagePath}`)
  }
  async type(label: string | RegExp, value: string) {
    const page = await this.page()
    for (const el of await page.$$('input, textarea')) {
      const ph: string = (await el.attribute('placeholder')) ?? ''
      if (typeof label === 'string' ? ph.includes(label) : label.test(ph)) {
        await el.input(value)
        return
      }
    }
    throw new Error(`automator: no field "${String(label)}"`)
  }
  async pick(label: string | RegExp, value: string) {
    const page = await this.page()
    for (const el of await page.$$('picker')) {
      const t: string = await el.text()
      if (typeof label === 'string' ? t.includes(label) : label.test(t)) {
        await el.trigger('change', { value })
        await this.mp.waitFor?.(300)
        return
      }
    }
    throw new Error(`automator: no picker "${String(label)}"`)
  }
  async open(url: string) {
    await this.mp.reLaunch(url.startsWith('/') ? url : `/${url}`)
  }
  async pullDownRefresh() {
    await this.mp.callWxMethod('startPullDownRefresh')
  }
  async waitForRequest(method: string, pathStart: string) {
    const until = Date.now() + 15000
    for (;;) {
      const reqs = await this.requests()
      const r = reqs.find((x) => x.method === method && x.url.startsWith(pathStart) && x.status !== undefined)
      if (r) return r.status!
      if (Date.now() > until) throw new Error(`automator: no ${method} ${pathStart}`)
      await new Promise((res) => setTimeout(res, 200))
    }
  }
  async requests() {
    return (await this.mp.evaluate(() => (getApp() as { __requests?: unknown[] }).__requests || [])) as { method: string; url: string; status?: number }[]
  }
  async stack() {
    return ((await this.mp.pageStack()) as { path: string }[]).map((p) => p.path)
  }
  async offerFiles(files: { name: string; mime?: string }[]) {
    // the simulator has no chat to pick from: answer chooseMessageFile with a file written into the user's folder
    const written: { path: string; name: string; size: number; type: string; time: number }[] = await this.mp.evaluate((names: string[]) => {
      const fsm = wx.getFileSystemManager()
      return names.map((name, i) => {
        const p = `${wx.env.USER_DATA_PATH}/offered-${i}-${name}`
        fsm.writeFileSync(p, `%PDF-1.4 test ${name}`, 'utf8')
        return { path: p, name, size: 20 + name.length, type: 'file', time: 0 }
      })
    }, files.map((f) => f.name))
    await this.mp.mockWxMethod('chooseMessageFile', { tempFiles: written, errMsg: 'chooseMessageFile:ok' })
  }
  async openedDocuments() {
    return (await this.mp.evaluate(() => (getApp() as { __opened?: unknown[] }).__opened || [])) as { fileType?: string; bytes: number; head: string }[]
  }
  async stop() {
    await this.mp?.close()
  }
}

declare function getApp(): unknown
declare const wx: { getFileSystemManager(): { writeFileSync(p: string, d: string, e: string): void; readFileSync(p: string, e: string): string }; env: { USER_DATA_PATH: string } }
