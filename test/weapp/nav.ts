/**
 * The page stack as WeChat keeps it (https://developers.weixin.qq.com/miniprogram/dev/api/route/wx.navigateTo.html):
 * at most 10 pages; navigateTo and redirectTo refuse tabBar pages, switchTab accepts only them and closes
 * every other page; tab pages stay alive (hidden) when another tab is shown; reLaunch closes everything;
 * navigateBack cannot leave the first page. Pure bookkeeping: it says which lifecycle events happen, the
 * runner runs them.
 */

export interface Frame {
  id: number
  route: string
  query: Record<string, string>
}

export type NavEvent = { type: 'load' | 'show' | 'hide' | 'unload'; frame: Frame }

export type NavKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack'

export class NavError extends Error {
  constructor(readonly errMsg: string) {
    super(errMsg)
  }
}

export const STACK_LIMIT = 10

export function splitUrl(url: string, from?: string): { route: string; query: Record<string, string> } {
  const [pathPart, qs = ''] = url.split('?')
  let route: string
  if (pathPart.startsWith('/')) route = pathPart.slice(1)
  else {
    const base = (from ?? '').split('/').slice(0, -1)
    for (const part of pathPart.split('/')) {
      if (part === '..') base.pop()
      else if (part !== '.' && part) base.push(part)
    }
    route = base.join('/')
  }
  const query: Record<string, string> = {}
  // WeChat hands the query to onLoad as written: no decoding
  for (const pair of qs.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    query[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : pair.slice(eq + 1)
  }
  return { route: route.replace(/\.html$/, ''), query }
}

export class NavStack {
  readonly stack: Frame[] = []
  /** tab pages that are alive (loaded, maybe hidden) */
  private readonly tabs = new Map<string, Frame>()
  private seq = 0

  constructor(
    private readonly pages: readonly string[],
    private readonly tabBar: readonly string[],
  ) {}

  get top(): Frame | undefined {
    return this.stack[this.stack.length - 1]
  }

  isTab(route: string) {
    return this.tabBar.includes(route)
  }

  private frame(route: string, query: Record<string, string>): Frame {
    return { id: ++this.seq, route, query }
  }

  private resolve(kind: NavKind, url: string) {
    const target = splitUrl(url, this.top?.route)
    if (!this.pages.includes(target.route)) throw new NavError(`${kind}:fail page "${target.route}" is not found`)
    return target
  }

  navigateTo(url: string): NavEvent[] {
    const t = this.resolve('navigateTo', url)
    if (this.isTab(t.route)) throw new NavError('navigateTo:fail can not navigateTo a tabbar page')
    if (this.stack.length >= STACK_LIMIT) throw new NavError('navigateTo:fail webview count limit exceed')
    const f = this.frame(t.route, t.query)
    const events: NavEvent[] = this.top ? [{ type: 'hide', frame: this.top }] : []
    this.stack.push(f)
    return [...events, { type: 'load', frame: f }, { type: 'show', frame: f }]
  }

  redirectTo(url: string): NavEvent[] {
    const t = this.resolve('redirectTo', url)
    if (this.isTab(t.route)) throw new NavError('redirectTo:fail can not redirectTo a tabbar page')
    const events: NavEvent[] = []
    const old = this.stack.pop()
    if (old) {
      events.push({ type: 'unload', frame: old })
      if (this.tabs.get(old.route) === old) this.tabs.delete(old.route)
    }
    const f = this.frame(t.route, t.query)
    this.stack.push(f)
    return [...events, { type: 'load', frame: f }, { type: 'show', frame: f }]
  }

  switchTab(url: string): NavEvent[] {
    const t = this.resolve('switchTab', url)
    if (!this.isTab(t.route)) throw new NavError('switchTab:fail can not switch to no-tabBar page')
    const events: NavEvent[] = []
    const alive = this.tabs.get(t.route)
    if (alive && this.top === alive) return events
    while (this.stack.length) {
      const f = this.stack.pop()!
      const isTop = events.length === 0
      if (this.tabs.get(f.route) === f) {
        if (isTop) events.push({ type: 'hide', frame: f })
      } else events.push({ type: 'unload', frame: f })
    }
    if (alive) {
      this.stack.push(alive)
      events.push({ type: 'show', frame: alive })
    } else {
      const f = this.frame(t.route, {})
      this.tabs.set(t.route, f)
      this.stack.push(f)
      events.push({ type: 'load', frame: f }, { type: 'show', frame: f })
    }
    return events
  }

  reLaunch(url: string): NavEvent[] {
    const t = this.resolve('reLaunch', url)
    const events: NavEvent[] = []
    while (this.stack.length) events.push({ type: 'unload', frame: this.stack.pop()! })
    for (const f of this.tabs.values()) if (!events.some((e) => e.frame === f)) events.push({ type: 'unload', frame: f })
    this.tabs.clear()
    const f = this.frame(t.route, t.query)
    if (this.isTab(t.route)) this.tabs.set(t.route, f)
    this.stack.push(f)
    return [...events, { type: 'load', frame: f }, { type: 'show', frame: f }]
  }

  navigateBack(delta = 1): NavEvent[] {
    if (this.stack.length <= 1) throw new NavError('navigateBack:fail cannot navigate back at first page.')
    const n = Math.min(Math.max(1, delta), this.stack.length - 1)
    const events: NavEvent[] = []
    for (let i = 0; i < n; i++) {
      const f = this.stack.pop()!
      if (this.tabs.get(f.route) === f) this.tabs.delete(f.route)
      events.push({ type: 'unload', frame: f })
    }
    return [...events, { type: 'show', frame: this.top! }]
  }

  go(kind: NavKind, url: string, delta?: number): NavEvent[] {
    switch (kind) {
      case 'navigateTo':
        return this.navigateTo(url)
      case 'redirectTo':
        return this.redirectTo(url)
      case 'switchTab':
        return this.switchTab(url)
      case 'reLaunch':
        return this.reLaunch(url)
      case 'navigateBack':
        return this.navigateBack(delta)
    }
  }
}
