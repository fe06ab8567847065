// The weapp runner's own rules (test/weapp): setData paths as WeChat applies them, the page stack as
// WeChat keeps it, the fake wx that reports what it does not know, and pages that fail loudly, by name.
import path from 'node:path'
import { applySetData, parseDataPath } from '../weapp/setdata'
import { NavError, NavStack, splitUrl } from '../weapp/nav'
import { createFakeWx, UnknownWxApi, type WxHost } from '../weapp/fake-wx'
import { WeappRunner } from '../weapp/runner'

const FIXTURE = path.join(__dirname, '..', 'weapp', 'fixtures', 'mini')

describe('setData paths', () => {
  it('reads dots, brackets and Taro’s dotted brackets alike', () => {
    expect(parseDataPath('a.b.c')).toEqual(['a', 'b', 'c'])
    expect(parseDataPath('list[2].name')).toEqual(['list', 2, 'name'])
    expect(parseDataPath('root.cn.[0].cn.[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v'])
    expect(parseDataPath('m[0][1]')).toEqual(['m', 0, 1])
  })

  it('refuses an index that is not a number', () => {
    expect(() => parseDataPath('list[x]')).toThrow(/invalid index/)
    expect(() => parseDataPath('')).toThrow(/empty/)
  })

  it('changes only the addressed item and leaves its siblings', () => {
    const data = { root: { cn: [{ v: 'a', sid: '1' }, { v: 'b', sid: '2' }] } }
    applySetData(data, { 'root.cn.[1].v': 'B' })
    expect(data.root.cn).toEqual([{ v: 'a', sid: '1' }, { v: 'B', sid: '2' }])
  })

  it('creates missing parents: an array before an index, an object before a name', () => {
    const data: Record<string, unknown> = {}
    applySetData(data, { 'list[1].name': '乙', 'obj.deep.x': 1 })
    expect(Array.isArray(data.list)).toBe(true)
    expect((data.list as unknown[]).length).toBe(2)
    expect((data.list as { name: string }[])[1]).toEqual({ name: '乙' })
    expect(data.obj).toEqual({ deep: { x: 1 } })
  })

  it('replaces a whole value rather than merging into it (how Taro removes children)', () => {
    const data = { root: { cn: [{ sid: '1' }, { sid: '2' }, { sid: '3' }] }, o: { keep: 1, drop: 2 } }
    applySetData(data, { 'root.cn': [{ sid: '1' }], o: { keep: 1 } })
    expect(data.root.cn).toEqual([{ sid: '1' }])
    expect(data.o).toEqual({ keep: 1 })
  })

  it('sets null but skips undefined, leaving the old value', () => {
    const data: Record<string, unknown> = { a: 1, b: 2 }
    const r = applySetData(data, { a: null, b: undefined })
    expect(data).toEqual({ a: null, b: 2 })
    expect(r.skipped).toEqual(['b'])
  })

  it('passes values through the bridge as JSON: functions vanish, dates become strings, copies not references', () => {
    const data: Record<string, unknown> = {}
    const item = { when: new Date('2026-11-25T02:00:00Z'), fn: () => 1, n: 1 }
    applySetData(data, { item })
    item.n = 2
    expect(data.item).toEqual({ when: '2026-11-25T02:00:00.000Z', n: 1 })
  })

  it('applies keys in order, so a later key sees an earlier one', () => {
    const data: Record<string, unknown> = {}
    applySetData(data, { list: [], 'list[0]': 'x' })
    expect(data.list).toEqual(['x'])
  })
})

describe('page stack', () => {
  const pages = ['tab/a', 'tab/b', 'p/one', 'p/two']
  const stack = () => {
    const s = new NavStack(pages, ['tab/a', 'tab/b'])
    s.reLaunch('/tab/a')
    return s
  }
  const kinds = (events: { type: string; frame: { route: string } }[]) => events.map((e) => `${e.type}:${e.frame.route}`)

  it('navigateTo pushes and hides the page below; it refuses tab pages and unknown pages', () => {
    const s = stack()
    expect(kinds(s.navigateTo('/p/one?id=1'))).toEqual(['hide:tab/a', 'load:p/one', 'show:p/one'])
    expect(s.top?.query).toEqual({ id: '1' })
    expect(() => s.navigateTo('/tab/b')).toThrow('navigateTo:fail can not navigateTo a tabbar page')
    expect(() => s.navigateTo('/p/nope')).toThrow(/is not found/)
  })

  it('holds at most 10 pages', () => {
    const s = stack()
    for (let i = 0; i < 9; i++) s.navigateTo('/p/one')
    expect(s.stack).toHaveLength(10)
    expect(() => s.navigateTo('/p/two')).toThrow('navigateTo:fail webview count limit exceed')
    expect(s.stack).toHaveLength(10)
  })

  it('redirectTo replaces the top page and refuses tab pages', () => {
    const s = stack()
    s.navigateTo('/p/one')
    expect(kinds(s.redirectTo('/p/two'))).toEqual(['unload:p/one', 'load:p/two', 'show:p/two'])
    expect(s.stack.map((f) => f.route)).toEqual(['tab/a', 'p/two'])
    expect(() => s.redirectTo('/tab/b')).toThrow('redirectTo:fail can not redirectTo a tabbar page')
  })

  it('switchTab closes every other page and keeps tab pages alive', () => {
    const s = stack()
    const first = s.top
    s.navigateTo('/p/one')
    s.navigateTo('/p/two')
    expect(kinds(s.switchTab('/tab/b'))).toEqual(['unload:p/two', 'unload:p/one', 'load:tab/b', 'show:tab/b'])
    // back to the first tab: the same page, shown again, not loaded again
    expect(kinds(s.switchTab('/tab/a'))).toEqual(['hide:tab/b', 'show:tab/a'])
    expect(s.top).toBe(first)
    expect(() => s.switchTab('/p/one')).toThrow('switchTab:fail can not switch to no-tabBar page')
  })

  it('reLaunch closes everything, hidden tabs included', () => {
    const s = stack()
    s.switchTab('/tab/b')
    s.navigateTo('/p/one')
    expect(kinds(s.reLaunch('/p/two'))).toEqual(['unload:p/one', 'unload:tab/b', 'unload:tab/a', 'load:p/two', 'show:p/two'])
    expect(s.stack.map((f) => f.route)).toEqual(['p/two'])
  })

  it('navigateBack pops as far as the first page and no further', () => {
    const s = stack()
    expect(() => s.navigateBack()).toThrow('navigateBack:fail cannot navigate back at first page.')
    s.navigateTo('/p/one')
    s.navigateTo('/p/two')
    expect(kinds(s.navigateBack(5))).toEqual(['unload:p/two', 'unload:p/one', 'show:tab/a'])
    expect(s.stack.map((f) => f.route)).toEqual(['tab/a'])
  })

  it('resolves relative urls against the current page and keeps the query as written', () => {
    expect(splitUrl('../two?x=%E4%B8%80&y', 'p/one/index')).toEqual({ route: 'p/two', query: { x: '%E4%B8%80', y: '' } })
    expect(splitUrl('/p/one')).toEqual({ route: 'p/one', query: {} })
    expect(new NavError('x').errMsg).toBe('x')
  })
})

describe('fake wx', () => {
  const host = (over: Partial<WxHost> = {}): WxHost => ({
    backend: async () => ({ status: 200, headers: {}, body: { ok: true } }),
    platform: 'wechat',
    loginCode: () => 'code',
    currentRoute: () => 'pages/x/index',
    navigate: async () => {},
    takeChosenFiles: () => [{ name: 'a.pdf', mime: 'application/pdf', data: new Uint8Array([1, 2]) }],
    takeModalAnswer: () => ({ confirm: true }),
    problem: () => {},
    stopPullDownRefresh: () => {},
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    ...over,
  })

  it('reports a WeChat API it does not fake, naming the page, instead of swallowing it', () => {
    const problems: string[] = []
    const { wx, calls } = createFakeWx(host({ problem: (m) => problems.push(m) }))
    const w = wx as Record<string, (...a: unknown[]) => unknown>
    expect(() => w.startSoterAuthentication({})).toThrow(UnknownWxApi)
    expect(problems[0]).toMatch(/page pages\/x\/index called wx\.startSoterAuthentication/)
    expect(calls.at(-1)?.api).toBe('startSoterAuthentication')
  })

  it('lists every WeChat API, as Taro enumerates them at start-up, but nothing else', () => {
    const { wx } = createFakeWx(host())
    const keys = Object.keys(wx)
    expect(keys).toEqual(expect.arrayContaining(['request', 'login', 'showToast', 'startSoterAuthentication']))
    expect((wx as Record<string, unknown>).webpackJsonp).toBeUndefined()
    expect((wx as Record<string, unknown>).qy).toBeUndefined()
    expect((createFakeWx(host({ platform: 'wecom' })).wx as Record<string, unknown>).qy).toBeDefined()
  })

  it('answers with a promise when no callback is given, as WeChat does (Taro passes chooseMessageFile straight through)', async () => {
    const { wx } = createFakeWx(host())
    const w = wx as unknown as { chooseMessageFile(o: object): Promise<{ tempFiles: { name: string }[]; errMsg: string }> | undefined; openDocument(o: object): Promise<unknown> | undefined }
    const picked = await w.chooseMessageFile({ count: 1 })
    expect(picked?.errMsg).toBe('chooseMessageFile:ok')
    expect(picked?.tempFiles.map((f) => f.name)).toEqual(['a.pdf'])
    await expect(w.openDocument({ filePath: 'wxfile://nothing-here' })).rejects.toEqual({ errMsg: expect.stringMatching(/^openDocument:fail/) })
    expect(w.chooseMessageFile({ success: () => {} })).toBeUndefined()
  })

  it('answers async APIs with success and complete after the current turn', async () => {
    const { wx } = createFakeWx(host())
    const w = wx as unknown as { login(o: object): void }
    const order: string[] = []
    const done = new Promise<void>((resolve) => w.login({ success: (r: { code: string; errMsg: string }) => order.push(`success ${r.code} ${r.errMsg}`), complete: () => (order.push('complete'), resolve()) }))
    order.push('after call')
    await done
    expect(order).toEqual(['after call', 'success code login:ok', 'complete'])
  })

  it('keeps storage as JSON and gives an empty string for a missing key', () => {
    const { wx } = createFakeWx(host())
    const w = wx as unknown as { setStorageSync(k: string, v: unknown): void; getStorageSync(k: string): unknown }
    const v = { a: [1, 2] }
    w.setStorageSync('k', v)
    v.a.push(3)
    expect(w.getStorageSync('k')).toEqual({ a: [1, 2] })
    expect(w.getStorageSync('missing')).toBe('')
  })

  it('hands an upload’s response over as a string, as WeChat does, and fails for a file never chosen', async () => {
    const { wx } = createFakeWx(host())
    const w = wx as unknown as { chooseMessageFile(o: object): void; uploadFile(o: object): void }
    const picked = await new Promise<{ tempFiles: { path: string }[] }>((resolve) => w.chooseMessageFile({ count: 1, success: resolve }))
    const up = await new Promise<{ data: unknown }>((resolve) => w.uploadFile({ url: 'http://127.0.0.1:9527/api/v1/files', filePath: picked.tempFiles[0].path, name: 'file', success: resolve }))
    expect(up.data).toBe('{"ok":true}')
    const bad = await new Promise<{ errMsg: string }>((resolve) => w.uploadFile({ url: '/x', filePath: 'wxfile://nope', name: 'file', fail: resolve }))
    expect(bad.errMsg).toMatch(/^uploadFile:fail file not found/)
  })
})

describe('runner on a hand-written mini-program', () => {
  let r: WeappRunner | undefined
  afterEach(() => r?.close())

  it('draws the page through wcc and dispatches a tap with id and dataset, bubbling through bound parents', async () => {
    r = await WeappRunner.launch({ dir: FIXTURE })
    expect(r.text()).toContain('甲')
    await r.tap('乙')
    expect(r.pageInstance.data.taps).toEqual(['乙@row-1<label-1', 'list<label-1'])
    await r.tap('不冒泡')
    expect((r.pageInstance.data.taps as string[]).at(-1)).toBe('stop')
  })

  it('types into a field found by its placeholder, and pulls to refresh', async () => {
    r = await WeappRunner.launch({ dir: FIXTURE })
    expect(r.text()).not.toContain('已刷新')
    await r.type('写点什么', '你好')
    await r.waitForText('你写了你好')
    expect(await r.pullDownRefresh()).toEqual({ stopped: true })
    await r.waitForText('已刷新')
  })

  it('navigates with the query as onLoad sees it, goes back, and switches tabs', async () => {
    r = await WeappRunner.launch({ dir: FIXTURE })
    await r.tap('看详情')
    await r.waitForText('详情 7')
    expect(r.stack).toEqual(['pages/ok/index', 'pages/detail/index'])
    await r.tap('返回')
    expect(r.stack).toEqual(['pages/ok/index'])
    await r.waitForText('显示次数2')
    await r.tapTab('我的')
    await r.waitForText('第二个标签')
    await expect(r.tapTab('没有')).rejects.toThrow(/no tab "没有"/)
  })

  it('fails when a bound handler does not exist', async () => {
    r = await WeappRunner.launch({ dir: FIXTURE, entry: 'pages/detail/index' })
    await expect(r.tap('坏按钮')).rejects.toThrow(/pages\/detail\/index: handler "missingHandler" is not a method/)
  })

  it('fails loudly, naming the page, when a page throws on load', async () => {
    await expect(WeappRunner.launch({ dir: FIXTURE, entry: 'pages/throws/index' })).rejects.toThrow(/pages\/throws\/index: onLoad threw on pages\/throws\/index: boom on load/)
  })

  it('fails loudly, naming the page, when a page uses a DOM API mini-programs lack', async () => {
    await expect(WeappRunner.launch({ dir: FIXTURE, entry: 'pages/dom/index' })).rejects.toThrow(/pages\/dom\/index: onLoad threw .*document is not defined/)
  })

  it('fails loudly, naming the page and the call, for a wx API the runner does not know', async () => {
    await expect(WeappRunner.launch({ dir: FIXTURE, entry: 'pages/unknown/index' })).rejects.toThrow(/page pages\/unknown\/index called wx\.startSoterAuthentication/)
  })
})
