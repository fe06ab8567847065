/**
 * Runs a built mini-program (dist/weapp-*) in Node the way WeChat's logic layer does: its JS in a `vm`
 * context with a fake `wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages`; pages loaded when
 * first opened; lifecycles (onLaunch, onLoad, onShow, onReady, onHide, onUnload, onPullDownRefresh) in
 * WeChat's order; `setData` applied with WeChat's path rules; every update drawn through WeChat's own
 * WXML compiler. A test reads the visible text and taps, types and pulls to refresh as a user would; the
 * event reaches the bound handler with the element's id and dataset, bubbling like WeChat's.
 *
 * It fails loudly, naming the page: an exception in a lifecycle, a timer or a promise; an error React
 * reports; a template that does not render; a `wx` API the fake lacks.
 *
 * It cannot: lay out or paint (no CSS cascade beyond inline `display:none`/`hidden`; canvas draws nothing
 * and exports a blank PNG), run native components (live-pusher, video, map, camera), or instantiate
 * custom components' own logic (Taro's `comp` is drawn from its properties; its handlers are the page's).
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { applySetData } from './setdata'
import { NavError, NavStack, type Frame, type NavEvent, type NavKind } from './nav'
import { createFakeWx, mimeOf, type Backend, type BackendRequest, type FakeFile, type FakeWx } from './fake-wx'
import { compileTemplates, datasetOf, findByText, matches, outline, textOf, walk, type Templates, type WNode } from './render'

export class WeappError extends Error {}

export interface LaunchOptions {
  /** the build's folder, e.g. dist/weapp-staff */
  dir: string
  /** wecom: wx.qy exists and getSystemInfo says wxwork; wechat: plain WeChat */
  platform?: 'wecom' | 'wechat'
  backend?: Backend
  /** code wx.login / wx.qy.login return; default 'mock:<loginAs>' or a random-looking code */
  loginCode?: string
  loginAs?: string
  /** storage to start with (e.g. a saved session) */
  storage?: Record<string, unknown>
  /** how long waits wait before failing */
  timeoutMs?: number
  /** first page; default the first in app.json */
  entry?: string
}

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
  entryPagePath?: string
}

type Inst = Record<string, unknown> & { data: Record<string, unknown>; route: string }

export interface RequestRecord {
  method: string
  url: string
  status?: number
  page: string | undefined
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function pagesOf(app: AppJson): string[] {
  const subs = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
}

export class WeappRunner {
  readonly app: AppJson
  readonly pages: string[]
  readonly fake: FakeWx
  readonly requests: RequestRecord[] = []
  readonly problems: string[] = []
  /** every page opened, with its query: lets a later check open each page as the app did */
  readonly visited: { route: string; query: Record<string, string> }[] = []
  private readonly ctx: vm.Context
  private readonly nav: NavStack
  private readonly templates: Templates
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Record<string, unknown>>()
  private readonly componentConfigs = new Map<string, Record<string, unknown>>()
  private readonly instances = new Map<number, Inst>()
  private readonly timers = new Set<NodeJS.Timeout>()
  /** when each pending timer fires: idle() waits for those due within a moment (Preact runs effects ~35 ms after a render) */
  private readonly timerDue = new Map<NodeJS.Timeout, number>()
  private readonly intervals = new Set<NodeJS.Timeout>()
  private defining: string | undefined
  private appInstance: Record<string, unknown> | undefined
  private chosen: FakeFile[][] = []
  private modalAnswers: { confirm: boolean; content?: string }[] = []
  private pendingRequests = 0
  private pulling = false
  private closed = false
  private readonly onRejection = (reason: unknown) => this.problem(`unhandled promise rejection: ${describe(reason)}`)
  readonly timeoutMs: number

  private constructor(readonly options: LaunchOptions) {
    const dir = options.dir
    if (!fs.existsSync(path.join(dir, 'app.json'))) throw new WeappError(`${dir} has no app.json: build it first`)
    this.app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as AppJson
    this.pages = pagesOf(this.app)
    this.nav = new NavStack(this.pages, (this.app.tabBar?.list ?? []).map((t) => t.pagePath))
    this.templates = compileTemplates(dir)
    this.timeoutMs = options.timeoutMs ?? 8000
    const backend = options.backend ?? (async (r: BackendRequest) => ({ status: 599, headers: {}, body: { message: `no backend for ${r.url}` } }))
    this.fake = createFakeWx({
      platform: options.platform ?? 'wechat',
      backend: async (req) => {
        const rec: RequestRecord = { method: req.method, url: req.url, page: this.route }
        this.requests.push(rec)
        this.pendingRequests++
        try {
          const res = await backend(req)
          rec.status = res.status
          return res
        } finally {
          this.pendingRequests--
        }
      },
      loginCode: () => options.loginCode ?? (options.loginAs ? `mock:${options.loginAs}` : `code-${Math.random().toString(36).slice(2, 10)}`),
      currentRoute: () => this.route,
      navigate: (kind, o) => this.navigate(kind, o.url ?? '', o.delta),
      takeChosenFiles: () => this.chosen.shift() ?? null,
      takeModalAnswer: () => this.modalAnswers.shift() ?? { confirm: true },
      problem: (m) => this.problem(m),
      stopPullDownRefresh: () => void (this.pulling = false),
      setTimeout: (fn, ms) => this.timer(fn, ms),
    })
    for (const [k, v] of Object.entries(options.storage ?? {})) this.fake.storage.set(k, JSON.stringify(v))
    this.ctx = vm.createContext(this.globals())
    process.on('unhandledRejection', this.onRejection)
  }

  static async launch(options: LaunchOptions): Promise<WeappRunner> {
    const r = new WeappRunner(options)
    try {
      r.load('app')
      const app = r.appInstance
      if (!app) throw new WeappError('app.js did not call App()')
      const entry = options.entry ?? r.app.entryPagePath ?? r.app.pages[0]
      const launch = { path: entry, query: {}, scene: 1001, referrerInfo: {} }
      r.lifecycle(app, 'app', 'onLaunch', launch)
      r.lifecycle(app, 'app', 'onShow', launch)
      await r.navigate('reLaunch', `/${entry}`)
      await r.idle()
      r.check()
    } catch (err) {
      r.close()
      throw err
    }
    return r
  }

  // ── the logic layer ──

  private globals() {
    const self = this
    const report = (level: 'error' | 'warn') => (...args: unknown[]) => {
      if (level === 'error' && args.some((a) => a instanceof Error || (a && typeof a === 'object' && 'stack' in a))) self.problem(`console.error: ${args.map(describe).join(' ')}`)
      if (process.env.WEAPP_DEBUG) console[level](`[${self.route ?? 'app'}]`, ...args)
    }
    const appConsole = { log: () => {}, info: () => {}, debug: () => {}, warn: report('warn'), error: report('error'), time: () => {}, timeEnd: () => {}, group: () => {}, groupEnd: () => {} }
    return {
      wx: this.fake.wx,
      console: appConsole,
      App(config: Record<string, unknown>) {
        self.appInstance = config
      },
      Page(config: Record<string, unknown>) {
        if (!self.defining) throw new WeappError('Page() called outside a page file')
        self.pageConfigs.set(self.defining, config)
      },
      Component(config: Record<string, unknown>) {
        self.componentConfigs.set(self.defining ?? '?', config)
      },
      Behavior: (b: unknown) => b,
      getApp: () => self.appInstance,
      getCurrentPages: () => self.nav.stack.map((f) => self.instances.get(f.id)),
      requirePlugin: (name: string) => {
        throw new WeappError(`requirePlugin("${name}"): plugins are not available in the weapp runner`)
      },
      setTimeout: (fn: () => void, ms?: number, ...a: unknown[]) => this.timer(() => fn(...(a as [])), ms),
      clearTimeout: (t: NodeJS.Timeout) => {
        clearTimeout(t)
        this.timers.delete(t)
        this.timerDue.delete(t)
      },
      setInterval: (fn: () => void, ms?: number) => {
        const t = setInterval(() => this.guard('interval', fn), ms)
        this.intervals.add(t)
        return t
      },
      clearInterval: (t: NodeJS.Timeout) => {
        clearInterval(t)
        this.intervals.delete(t)
      },
      __wxConfig: { ...this.app, envVersion: 'develop', platform: 'ios' },
    }
  }

  private timer(fn: () => void, ms?: number) {
    const t = setTimeout(() => {
      this.timers.delete(t)
      this.timerDue.delete(t)
      this.guard('timer', fn)
    }, ms ?? 0)
    this.timers.add(t)
    this.timerDue.set(t, Date.now() + (ms ?? 0))
    return t
  }

  private guard(what: string, fn: () => unknown) {
    if (this.closed) return
    try {
      fn()
    } catch (err) {
      this.problem(`${what} threw: ${describe(err)}`)
    }
  }

  private load(modulePath: string) {
    this.require(path.join(this.options.dir, modulePath))
  }

  private require(abs: string): unknown {
    const file = abs.endsWith('.js') ? abs : `${abs}.js`
    const hit = this.modules.get(file)
    if (hit) return hit.exports
    if (!fs.existsSync(file)) throw new WeappError(`require: ${path.relative(this.options.dir, file)} does not exist`)
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const fn = vm.compileFunction(fs.readFileSync(file, 'utf8'), ['require', 'module', 'exports'], { parsingContext: this.ctx, filename: file })
    fn.call(module.exports, (p: string) => this.require(path.resolve(path.dirname(file), p)), module, module.exports)
    return module.exports
  }

  private problem(message: string) {
    this.problems.push(`${this.route ?? '(no page)'}: ${message}`)
  }

  /** Throws the first problem, naming the page. */
  check() {
    if (this.problems.length) throw new WeappError(`weapp ${path.basename(this.options.dir)} — ${this.problems.join('\n  ')}`)
  }

  private lifecycle(inst: Record<string, unknown>, route: string, name: string, ...args: unknown[]) {
    const fn = inst[name]
    if (typeof fn !== 'function') return
    try {
      ;(fn as (...a: unknown[]) => unknown).apply(inst, args)
    } catch (err) {
      this.problem(`${name} threw on ${route}: ${describe(err)}`)
    }
  }

  private createPage(frame: Frame): Inst {
    if (!this.pageConfigs.has(frame.route)) {
      this.defining = frame.route
      try {
        this.load(frame.route)
      } catch (err) {
        throw new WeappError(`page ${frame.route} failed to load: ${describe(err)}`)
      } finally {
        this.defining = undefined
      }
      if (!this.pageConfigs.has(frame.route)) throw new WeappError(`page ${frame.route} did not call Page()`)
    }
    const config = this.pageConfigs.get(frame.route)!
    const inst = {} as Inst
    for (const [k, v] of Object.entries(config)) if (k !== 'data') inst[k] = v
    inst.data = JSON.parse(JSON.stringify(config.data ?? {}))
    inst.route = frame.route
    inst.__route__ = frame.route
    inst.options = { ...frame.query }
    inst.__wxWebviewId__ = frame.id
    inst.is = frame.route
    inst.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      const { skipped } = applySetData(inst.data, patch ?? {})
      if (skipped.length && process.env.WEAPP_DEBUG) console.warn(`[${frame.route}] setData skipped undefined ${skipped.join(', ')}`)
      this.drawSoon(frame)
      if (cb) this.timer(cb, 0)
    }
    inst.selectComponent = () => null
    inst.selectAllComponents = () => []
    inst.createSelectorQuery = () => (this.fake.wx as { createSelectorQuery(): unknown }).createSelectorQuery()
    inst.createIntersectionObserver = () => (this.fake.wx as { createIntersectionObserver(): unknown }).createIntersectionObserver()
    inst.getOpenerEventChannel = () => ({ emit() {}, on() {}, once() {}, off() {} })
    inst.getPageId = () => `pageId:${frame.id}`
    this.instances.set(frame.id, inst)
    return inst
  }

  private drawQueued = new Set<number>()
  private drawSoon(frame: Frame) {
    if (this.drawQueued.has(frame.id)) return
    this.drawQueued.add(frame.id)
    setImmediate(() => {
      this.drawQueued.delete(frame.id)
      if (!this.instances.has(frame.id) || this.closed) return
      try {
        this.renderFrame(frame)
      } catch (err) {
        this.problem(`template of ${frame.route} failed to render: ${describe(err)}`)
      }
    })
  }

  private async run(events: NavEvent[]) {
    for (const e of events) {
      const { frame } = e
      if (e.type === 'load') {
        const inst = this.createPage(frame)
        this.lifecycle(inst, frame.route, 'onLoad', { ...frame.query })
      } else {
        const inst = this.instances.get(frame.id)
        if (!inst) continue
        if (e.type === 'show') {
          this.lifecycle(inst, frame.route, 'onShow')
          if (!inst.__ready) {
            inst.__ready = true
            this.timer(() => this.lifecycle(inst, frame.route, 'onReady'), 0)
          }
        } else if (e.type === 'hide') this.lifecycle(inst, frame.route, 'onHide')
        else {
          this.lifecycle(inst, frame.route, 'onUnload')
          this.instances.delete(frame.id)
        }
      }
    }
  }

  private async navigate(kind: NavKind, url: string, delta?: number) {
    let events: NavEvent[]
    try {
      events = this.nav.go(kind, url, delta)
    } catch (err) {
      if (err instanceof NavError) throw new Error(err.errMsg.replace(/^\w+:fail /, ''))
      throw err
    }
    const top = this.nav.top
    if (top) this.visited.push({ route: top.route, query: { ...top.query } })
    await this.run(events)
  }

  // ── what a test sees ──

  get route(): string | undefined {
    return this.nav.top?.route
  }

  get stack(): string[] {
    return this.nav.stack.map((f) => f.route)
  }

  get pageInstance(): Inst {
    const f = this.nav.top
    const inst = f && this.instances.get(f.id)
    if (!inst) throw new WeappError('no page is open')
    return inst
  }

  get query(): Record<string, string> {
    return { ...(this.nav.top?.query ?? {}) }
  }

  private renderFrame(frame: Frame): WNode {
    const inst = this.instances.get(frame.id)
    if (!inst) throw new WeappError(`page ${frame.route} is not open`)
    return this.templates.render(frame.route, inst.data)
  }

  /** The current page, drawn now. */
  tree(): WNode {
    const f = this.nav.top
    if (!f) throw new WeappError('no page is open')
    try {
      return this.renderFrame(f)
    } catch (err) {
      throw new WeappError(`template of ${f.route} failed to render: ${describe(err)}`)
    }
  }

  text(): string {
    return textOf(this.tree())
  }

  private timerDueSoon() {
    const soon = Date.now() + 150
    for (const due of this.timerDue.values()) if (due <= soon) return true
    return false
  }

  /** Waits until the app has nothing in flight: no request, no timer due within a moment. */
  async idle(quietMs = 30) {
    const until = Date.now() + this.timeoutMs
    let quietSince = Date.now()
    while (Date.now() < until) {
      await sleep(5)
      this.check()
      if (this.pendingRequests > 0 || this.drawQueued.size > 0 || this.timerDueSoon()) quietSince = Date.now()
      else if (Date.now() - quietSince >= quietMs) return
    }
  }

  async waitFor<T>(what: string, probe: (tree: WNode) => T | undefined | null | false, timeoutMs = this.timeoutMs): Promise<T> {
    const until = Date.now() + timeoutMs
    for (;;) {
      this.check()
      if (this.nav.top) {
        const got = probe(this.tree())
        if (got) return got
      }
      if (Date.now() > until) {
        const tree = this.nav.top ? this.tree() : undefined
        throw new WeappError(`waited ${timeoutMs} ms on ${this.route ?? '(no page)'} for ${what}; the page shows: ${tree ? JSON.stringify(textOf(tree).slice(0, 400)) : '(nothing)'}\n${tree ? outline(tree) : ''}`)
      }
      await sleep(10)
    }
  }

  async waitForText(want: string | RegExp, timeoutMs?: number) {
    return this.waitFor(`text ${String(want)}`, (t) => findByText(t, want)[0], timeoutMs)
  }

  async waitForRoute(route: string, timeoutMs = this.timeoutMs) {
    const until = Date.now() + timeoutMs
    while (this.route !== route) {
      this.check()
      if (Date.now() > until) throw new WeappError(`waited for page ${route}; the stack is ${this.stack.join(' → ')}`)
      await sleep(10)
    }
  }

  async waitForRequest(match: (r: RequestRecord) => boolean, what = 'a request', timeoutMs = this.timeoutMs) {
    const until = Date.now() + timeoutMs
    for (;;) {
      this.check()
      const r = this.requests.find((x) => match(x) && x.status !== undefined)
      if (r) return r
      if (Date.now() > until) throw new WeappError(`waited for ${what} on ${this.route}; requests: ${this.requests.map((x) => `${x.method} ${x.url} ${x.status ?? '…'}`).join(', ')}`)
      await sleep(10)
    }
  }

  // ── what a test does ──

  private event(type: string, target: WNode, current: WNode, detail: Record<string, unknown>) {
    const info = (n: WNode) => ({ id: String(n.attr.id ?? ''), offsetLeft: 0, offsetTop: 0, dataset: datasetOf(n) })
    return { type, timeStamp: Date.now(), target: info(target), currentTarget: info(current), detail, touches: [], changedTouches: [], mark: {}, mut: false, _userTap: true }
  }

  private callHandler(name: unknown, evt: unknown) {
    const inst = this.pageInstance
    const fn = typeof name === 'string' ? inst[name] : undefined
    if (typeof fn !== 'function') {
      this.problem(`handler "${String(name)}" is not a method of ${this.route}`)
      return
    }
    try {
      ;(fn as (e: unknown) => unknown).call(inst, evt)
    } catch (err) {
      this.problem(`handler ${String(name)} threw: ${describe(err)}`)
    }
  }

  /** Fires `type` on `node` and lets it bubble through bound ancestors (bind… goes on, catch… stops). */
  dispatch(node: WNode, type: string, detail: Record<string, unknown> = {}, bubbles = true) {
    for (let n: WNode | undefined = node; n; n = n.parent) {
      const bind = n.attr[`bind${type}`] ?? n.attr[`bind:${type}`]
      const cat = n.attr[`catch${type}`] ?? n.attr[`catch:${type}`]
      const h = cat ?? bind
      if (h) this.callHandler(h, this.event(type, node, n, detail))
      if (cat || !bubbles) break
    }
  }

  find(want: string | RegExp, nth = 0): WNode {
    const hits = findByText(this.tree(), want)
    const n = hits[nth]
    if (!n) throw new WeappError(`${this.route}: no visible "${String(want)}"${hits.length ? ` (only ${hits.length})` : ''}; the page shows: ${JSON.stringify(this.text().slice(0, 400))}`)
    return n
  }

  /** The native tab bar's labels when the current page is a tab page (WeChat draws it outside the page). */
  tabBar(): { text: string; pagePath: string }[] {
    const list = (this.app.tabBar?.list ?? []) as { text?: string; pagePath: string }[]
    return this.route && this.nav.isTab(this.route) ? list.map((t) => ({ text: t.text ?? '', pagePath: t.pagePath })) : []
  }

  /** Taps a tab of the native tab bar by its label. */
  async tapTab(label: string) {
    const tab = this.tabBar().find((t) => t.text === label)
    if (!tab) throw new WeappError(`${this.route}: no tab "${label}" in the tab bar (${this.tabBar().map((t) => t.text).join(', ') || 'not a tab page'})`)
    await this.navigate('switchTab', `/${tab.pagePath}`)
    await this.idle()
  }

  async tap(want: string | RegExp | WNode, nth = 0) {
    if (typeof want === 'string' || want instanceof RegExp) {
      const tab = this.tabBar().find((t) => matches(t.text, want))
      if (tab && findByText(this.tree(), want).length === 0) {
        await this.navigate('switchTab', `/${tab.pagePath}`)
        await this.idle()
        return
      }
    }
    const node = typeof want === 'object' && !(want instanceof RegExp) ? want : await this.waitForText(want).then(() => this.find(want, nth))
    this.dispatch(node, 'touchstart', {})
    this.dispatch(node, 'touchend', {})
    this.dispatch(node, 'tap', { x: 10, y: 10 })
    await this.idle()
  }

  /** The inputs and textareas a user can type into, in page order. */
  fields(): WNode[] {
    return [...walk(this.tree())].filter((n) => n.tag === 'input' || n.tag === 'textarea')
  }

  /** Types into the field whose placeholder matches, or the first field after the label text. */
  async type(label: string | RegExp, value: string) {
    const field = await this.waitFor(`a field "${String(label)}"`, (tree) => {
      const all = [...walk(tree)]
      const fields = all.filter((n) => n.tag === 'input' || n.tag === 'textarea')
      const byPlaceholder = fields.find((f) => (typeof label === 'string' ? String(f.attr.placeholder ?? '').includes(label) : label.test(String(f.attr.placeholder ?? ''))))
      if (byPlaceholder) return byPlaceholder
      // a label is the text next to the field: an exact match beats a sentence that mentions it
      const labels = findByText(tree, label).filter((n) => n.tag !== 'input' && n.tag !== 'textarea')
      const labelNode = labels.find((n) => (typeof label === 'string' ? textOf(n).trim() === label : false)) ?? labels[0]
      if (!labelNode) return undefined
      const at = all.indexOf(labelNode)
      return all.slice(at).find((n) => n.tag === 'input' || n.tag === 'textarea')
    })
    this.dispatch(field, 'focus', { value: String(field.attr.value ?? ''), height: 0 }, false)
    this.dispatch(field, 'input', { value, cursor: value.length, keyCode: 0 }, false)
    await this.idle(10)
    this.dispatch(field, 'blur', { value, cursor: value.length }, false)
    await this.idle()
  }

  /** The native picker showing `label`: WeChat sends its `change` with the chosen value when 确定 is tapped. */
  async pick(label: string | RegExp, value: string) {
    const picker = await this.waitFor(`a picker "${String(label)}"`, (tree) => [...walk(tree)].find((n) => n.tag === 'picker' && matches(textOf(n), label)))
    this.dispatch(picker, 'change', { value }, false)
    await this.idle()
  }

  async pullDownRefresh() {
    const inst = this.pageInstance
    this.pulling = true
    this.lifecycle(inst, inst.route, 'onPullDownRefresh')
    await this.idle()
    return { stopped: !this.pulling }
  }

  /** Opens a page as a fresh start (reLaunch), e.g. from a notification. */
  async open(url: string) {
    await this.navigate('reLaunch', url.startsWith('/') ? url : `/${url}`)
    await this.idle()
  }

  async back() {
    await this.navigate('navigateBack', '', 1)
    await this.idle()
  }

  /** The next file chooser picks these (by name; content made up unless given). */
  offerFiles(files: { name: string; mime?: string; data?: Uint8Array }[]) {
    this.chosen.push(files.map((f) => ({ name: f.name, mime: f.mime ?? mimeOf(f.name), data: f.data ?? Uint8Array.from(Buffer.from(`%PDF-1.4 test ${f.name}`)) })))
  }

  answerNextModal(confirm: boolean, content?: string) {
    this.modalAnswers.push({ confirm, content })
  }

  close() {
    if (this.closed) return
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    this.timerDue.clear()
    for (const t of this.intervals) clearInterval(t)
    process.off('unhandledRejection', this.onRejection)
  }
}

export function describe(x: unknown): string {
  if (x instanceof Error || (x && typeof x === 'object' && 'stack' in x && 'message' in x)) {
    const e = x as Error
    return `${e.message}${e.stack ? `\n    ${e.stack.split('\n').slice(1, 4).join('\n    ')}` : ''}`
  }
  if (typeof x === 'object') {
    try {
      return JSON.stringify(x)
    } catch {
      return String(x)
    }
  }
  return String(x)
}
