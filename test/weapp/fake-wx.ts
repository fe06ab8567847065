/**
 * A fake `wx` (and `wx.qy` for WeCom) that records every call and answers as WeChat does: async APIs take
 * success/fail/complete (Taro promisifies them on top), sync APIs return, storage keeps JSON, files live in
 * a small in-memory file system, `request`/`uploadFile`/`downloadFile` go to the backend the runner gives.
 *
 * A real WeChat API that this fake does not implement is not swallowed: it is enumerable (Taro wraps
 * `Object.keys(wx)` at start-up, as on a phone), and calling it records an UnknownWxApi problem naming the
 * page and throws. Names that are not WeChat APIs read as undefined (webpack's `wx.webpackJsonp` must).
 */
import apiNames from './wx-api-names.json'
import { bridgeClone } from './setdata'

export interface BackendRequest {
  method: string
  /** path and query, e.g. /api/v1/inbox?tab=todo */
  url: string
  headers: Record<string, string | undefined>
  body?: unknown
  file?: { name: string; mime: string; data: Uint8Array }
}
export interface BackendResponse {
  status: number
  headers: Record<string, string>
  body: unknown
  binary?: { data: Uint8Array; mime: string; name: string }
}
export type Backend = (req: BackendRequest) => Promise<BackendResponse>

export interface WxCall {
  api: string
  args: unknown[]
  page: string | undefined
}

export interface FakeFile {
  name: string
  mime: string
  data: Uint8Array
}

export interface WxHost {
  backend: Backend
  platform: 'wecom' | 'wechat'
  /** the code wx.login / wx.qy.login hand out */
  loginCode: () => string
  currentRoute: () => string | undefined
  navigate: (kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', opts: { url?: string; delta?: number }) => Promise<void>
  /** files the next chooseMessageFile / chooseImage / chooseMedia picks */
  takeChosenFiles: () => FakeFile[] | null
  /** answer of the next showModal; default: the user confirms */
  takeModalAnswer: () => { confirm: boolean; content?: string }
  problem: (message: string) => void
  stopPullDownRefresh: () => void
  /** timers the app starts go through the runner, which catches errors thrown in them */
  setTimeout: (fn: () => void, ms?: number) => unknown
}

export const WX_API_NAMES: readonly string[] = (apiNames as { names: string[] }).names

export class UnknownWxApi extends Error {}

type Opts = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void; [k: string]: unknown }

const MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', txt: 'text/plain', xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ofd: 'application/ofd' }
export const mimeOf = (name: string) => MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream'

/** A 1×1 transparent PNG: what a canvas export yields here (no pixels are drawn). */
const BLANK_PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'))

export function createFakeWx(host: WxHost) {
  const calls: WxCall[] = []
  const storage = new Map<string, string>()
  const files = new Map<string, FakeFile>()
  const toasts: string[] = []
  const modals: { title?: string; content?: string; confirm: boolean }[] = []
  const opened: { filePath: string; fileType?: string; name: string }[] = []
  let fileSeq = 0

  // as on a phone: a temp file keeps the extension and nothing of the name the person knows
  const newTempPath = (name: string) => `wxfile://tmp_${(++fileSeq).toString(16).padStart(8, '0')}${/\.\w{1,5}$/.exec(name)?.[0] ?? ''}`
  const addFile = (f: FakeFile) => {
    const p = newTempPath(f.name)
    files.set(p, f)
    return p
  }

  /** success/fail/complete, after the current turn as on a phone */
  /**
   * WeChat's async API convention: callbacks when the options carry success/fail/complete, otherwise a
   * promise (base library ≥ 2.10.2). Taro promisifies only the APIs on its list and hands the others
   * (chooseMessageFile, …) straight through, so the app relies on the promise form too.
   */
  function answer(api: string, o: Opts | undefined, work: () => unknown | Promise<unknown>): Promise<unknown> | undefined {
    const opts = o ?? {}
    const promised = !opts.success && !opts.fail && !opts.complete
    const settled = Promise.resolve()
      .then(work)
      .then(
        (res) => {
          const r = { errMsg: `${api}:ok`, ...(res as object) }
          opts.success?.(r)
          opts.complete?.(r)
          return r
        },
        (err: unknown) => {
          const e = { errMsg: `${api}:fail ${err instanceof Error ? err.message : String((err as { errMsg?: string })?.errMsg ?? err)}` }
          opts.fail?.(e)
          opts.complete?.(e)
          if (promised) throw e
        },
      )
    return promised ? settled : undefined
  }

  function toBackendUrl(url: string) {
    const m = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(url)
    return m ? m[1] || '/' : url
  }
  const lowerHeaders = (h: unknown) => Object.fromEntries(Object.entries((h as Record<string, unknown>) ?? {}).map(([k, v]) => [k.toLowerCase(), v == null ? undefined : String(v)]))

  const systemInfo = () => ({
    brand: 'devtools',
    model: 'iPhone 13',
    pixelRatio: 3,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 700,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'ios',
    fontSizeSetting: 16,
    SDKVersion: '3.5.0',
    theme: 'light',
    environment: host.platform === 'wecom' ? 'wxwork' : undefined,
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  })

  function selectorQuery() {
    const tasks: ((results: unknown[]) => void)[] = []
    const rect = { id: '', dataset: {}, left: 0, right: 375, top: 0, bottom: 44, width: 375, height: 44 }
    const fakeNode = () => {
      const ops: string[] = []
      const ctx = new Proxy({} as Record<string, unknown>, {
        get: (t, k: string) => (k in t ? t[k] : (...a: unknown[]) => void ops.push(`${k}(${a.length})`)),
        set: (t, k: string, v) => ((t[k] = v), true),
      })
      return { width: 300, height: 150, _ops: ops, getContext: () => ctx, createImage: () => ({}), requestAnimationFrame: (f: () => void) => host.setTimeout(f, 16) }
    }
    const q = {
      in: () => q,
      select: (sel: string) => nodesRef(sel, false),
      selectAll: (sel: string) => nodesRef(sel, true),
      selectViewport: () => nodesRef('viewport', false),
      exec(cb?: (r: unknown[]) => void) {
        host.setTimeout(() => {
          const results: unknown[] = []
          for (const t of tasks) t(results)
          cb?.(results)
        }, 0)
        return q
      },
    }
    function nodesRef(sel: string, all: boolean) {
      const one = (fields: Record<string, unknown>) => (all ? [fields] : fields)
      const add = (make: () => Record<string, unknown>, cb?: (r: unknown) => void) => {
        tasks.push((results) => {
          const r = one(make())
          results.push(r)
          cb?.(r)
        })
        return q
      }
      return {
        boundingClientRect: (cb?: (r: unknown) => void) => add(() => ({ ...rect, id: sel.replace(/^#/, '') }), cb),
        scrollOffset: (cb?: (r: unknown) => void) => add(() => ({ scrollLeft: 0, scrollTop: 0, scrollWidth: 375, scrollHeight: 700 }), cb),
        fields: (f: { node?: boolean }, cb?: (r: unknown) => void) => add(() => ({ ...rect, ...(f.node ? { node: fakeNode() } : {}) }), cb),
        node: (cb?: (r: unknown) => void) => add(() => ({ node: fakeNode() }), cb),
        context: (cb?: (r: unknown) => void) => add(() => ({ context: {} }), cb),
      }
    }
    return q
  }

  const fs = {
    readFile(o: Opts & { filePath: string; encoding?: string }) {
      answer('readFile', o, () => ({ data: fs.readFileSync(o.filePath, o.encoding) }))
    },
    readFileSync(p: string, encoding?: string) {
      const f = files.get(p)
      if (!f) throw new Error(`readFileSync:fail no such file or directory ${p}`)
      if (encoding === 'base64') return Buffer.from(f.data).toString('base64')
      if (encoding) return Buffer.from(f.data).toString('utf8')
      return f.data.buffer.slice(f.data.byteOffset, f.data.byteOffset + f.data.byteLength)
    },
    writeFileSync(p: string, data: string | ArrayBuffer, encoding?: string) {
      const bytes = typeof data === 'string' ? Uint8Array.from(Buffer.from(data, (encoding as BufferEncoding) ?? 'utf8')) : new Uint8Array(data)
      files.set(p, { name: p.split('/').pop()!, mime: mimeOf(p), data: bytes })
    },
    writeFile(o: Opts & { filePath: string; data: string | ArrayBuffer; encoding?: string }) {
      answer('writeFile', o, () => void fs.writeFileSync(o.filePath, o.data, o.encoding))
    },
    accessSync(p: string) {
      if (!files.has(p)) throw new Error(`accessSync:fail no such file or directory ${p}`)
    },
    access(o: Opts & { path: string }) {
      answer('access', o, () => fs.accessSync(o.path))
    },
    unlinkSync: (p: string) => void files.delete(p),
    unlink(o: Opts & { filePath: string }) {
      answer('unlink', o, () => void files.delete(o.filePath))
    },
    getFileInfo(o: Opts & { filePath: string }) {
      answer('getFileInfo', o, () => {
        const f = files.get(o.filePath)
        if (!f) throw new Error('no such file')
        return { size: f.data.byteLength }
      })
    },
  }

  function chosen(api: string) {
    const picked = host.takeChosenFiles()
    if (!picked) throw new Error('cancel')
    return picked.map((f) => ({ path: addFile(f), tempFilePath: '', size: f.data.byteLength, name: f.name, type: f.mime.startsWith('image/') ? 'image' : 'file', time: 0, api }))
  }

  const impl: Record<string, unknown> = {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    canIUse: () => true,
    getSystemInfoSync: systemInfo,
    getSystemInfo: (o: Opts) => answer('getSystemInfo', o, systemInfo),
    getWindowInfo: () => ({ pixelRatio: 3, screenWidth: 375, screenHeight: 812, windowWidth: 375, windowHeight: 700, statusBarHeight: 44, safeArea: systemInfo().safeArea, screenTop: 0 }),
    getDeviceInfo: () => ({ brand: 'devtools', model: 'iPhone 13', system: 'iOS 17.0', platform: 'ios', pixelRatio: 3 }),
    getAppBaseInfo: () => ({ SDKVersion: '3.5.0', language: 'zh_CN', version: '8.0.50', theme: 'light', fontSizeSetting: 16, host: { env: host.platform === 'wecom' ? 'WXWork' : 'WeChat' } }),
    getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
    getAppAuthorizeSetting: () => ({}),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 48, right: 365, bottom: 80, left: 278 }),
    getNetworkType: (o: Opts) => answer('getNetworkType', o, () => ({ networkType: 'wifi' })),
    // no camera or microphone here: a scope is refused, as when a person taps 拒绝
    authorize: (o: Opts & { scope?: string }) => answer('authorize', o, () => Promise.reject(new Error('auth deny'))),
    openSetting: (o: Opts) => answer('openSetting', o, () => ({ authSetting: { 'scope.camera': false, 'scope.record': false } })),
    onNetworkStatusChange: () => {},
    offNetworkStatusChange: () => {},
    onAppShow: () => {},
    offAppShow: () => {},
    onAppHide: () => {},
    offAppHide: () => {},
    onError: () => {},
    offError: () => {},
    onUnhandledRejection: () => {},
    onPageNotFound: () => {},
    onThemeChange: () => {},
    offThemeChange: () => {},
    onMemoryWarning: () => {},
    onWindowResize: () => {},
    offWindowResize: () => {},
    nextTick: (fn: () => void) => host.setTimeout(fn, 0),
    getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
    reportAnalytics: () => {},
    getRealtimeLogManager: () => ({ info() {}, warn() {}, error() {}, setFilterMsg() {}, addFilterMsg() {} }),
    getLogManager: () => ({ log() {}, info() {}, warn() {}, debug() {} }),

    // storage: values are kept as JSON, like WeChat's own
    setStorageSync: (k: string, v: unknown) => void storage.set(k, JSON.stringify(v)),
    getStorageSync: (k: string) => (storage.has(k) ? JSON.parse(storage.get(k)!) : ''),
    removeStorageSync: (k: string) => void storage.delete(k),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    setStorage: (o: Opts & { key: string; data: unknown }) => answer('setStorage', o, () => void storage.set(o.key, JSON.stringify(o.data))),
    getStorage: (o: Opts & { key: string }) =>
      answer('getStorage', o, () => {
        if (!storage.has(o.key)) throw new Error('data not found')
        return { data: JSON.parse(storage.get(o.key)!) }
      }),
    removeStorage: (o: Opts & { key: string }) => answer('removeStorage', o, () => void storage.delete(o.key)),

    // network
    request(o: Opts & { url: string; method?: string; data?: unknown; header?: Record<string, string>; dataType?: string; responseType?: string }) {
      let aborted = false
      answer('request', o, async () => {
        const method = (o.method ?? 'GET').toUpperCase()
        let url = toBackendUrl(o.url)
        let body: unknown = undefined
        if (method === 'GET' && o.data && typeof o.data === 'object') {
          const qs = new URLSearchParams(Object.entries(o.data as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString()
          if (qs) url += (url.includes('?') ? '&' : '?') + qs
        } else if (o.data !== undefined) body = typeof o.data === 'string' ? JSON.parse(o.data) : bridgeClone(o.data)
        const res = await host.backend({ method, url, headers: lowerHeaders(o.header), body })
        if (aborted) throw new Error('abort')
        const data = res.binary
          ? o.responseType === 'arraybuffer'
            ? res.binary.data.buffer.slice(res.binary.data.byteOffset, res.binary.data.byteOffset + res.binary.data.byteLength)
            : Buffer.from(res.binary.data).toString('latin1')
          : o.dataType === 'json' || o.dataType === undefined
            ? bridgeClone(res.body)
            : JSON.stringify(res.body)
        return { statusCode: res.status, data, header: res.headers, cookies: [] }
      })
      return { abort: () => void (aborted = true), onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
    },
    uploadFile(o: Opts & { url: string; filePath: string; name: string; formData?: Record<string, unknown>; header?: Record<string, string> }) {
      const progress: ((p: unknown) => void)[] = []
      answer('uploadFile', o, async () => {
        const f = files.get(o.filePath)
        if (!f) throw new Error(`file not found: ${o.filePath}`)
        // WeChat names the multipart file after the temp path; only formData can carry the real name
        const res = await host.backend({ method: 'POST', url: toBackendUrl(o.url), headers: lowerHeaders(o.header), body: bridgeClone(o.formData ?? {}), file: { ...f, name: o.filePath.split('/').pop()! } })
        for (const cb of progress) cb({ progress: 100, totalBytesSent: f.data.byteLength, totalBytesExpectedToSend: f.data.byteLength })
        // WeChat hands an upload's response body over as a string
        return { statusCode: res.status, data: JSON.stringify(res.body), header: res.headers }
      })
      return { abort() {}, onProgressUpdate: (cb: (p: unknown) => void) => void progress.push(cb), offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
    downloadFile(o: Opts & { url: string; header?: Record<string, string> }) {
      answer('downloadFile', o, async () => {
        const res = await host.backend({ method: 'GET', url: toBackendUrl(o.url), headers: lowerHeaders(o.header) })
        if (!res.binary) return { statusCode: res.status, tempFilePath: addFile({ name: 'response.json', mime: 'application/json', data: Uint8Array.from(Buffer.from(JSON.stringify(res.body))) }) }
        return { statusCode: res.status, tempFilePath: addFile(res.binary) }
      })
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
    getFileSystemManager: () => fs,
    saveFile: (o: Opts & { tempFilePath: string }) => answer('saveFile', o, () => ({ savedFilePath: o.tempFilePath })),
    openDocument: (o: Opts & { filePath: string; fileType?: string }) =>
      answer('openDocument', o, () => {
        const f = files.get(o.filePath)
        if (!f) throw new Error(`file not found: ${o.filePath}`)
        opened.push({ filePath: o.filePath, fileType: o.fileType, name: f.name })
      }),
    chooseMessageFile: (o: Opts) => answer('chooseMessageFile', o, () => ({ tempFiles: chosen('chooseMessageFile') })),
    chooseImage: (o: Opts) =>
      answer('chooseImage', o, () => {
        // chooseImage's tempFiles carry a path and a size, no name
        const t = chosen('chooseImage').map((f) => ({ path: f.path, size: f.size }))
        return { tempFilePaths: t.map((f) => f.path), tempFiles: t }
      }),
    chooseMedia: (o: Opts) => answer('chooseMedia', o, () => ({ type: 'image', tempFiles: chosen('chooseMedia').map((f) => ({ tempFilePath: f.path, size: f.size, fileType: 'image' })) })),
    previewImage: (o: Opts) => answer('previewImage', o, () => ({})),
    canvasToTempFilePath: (o: Opts) => answer('canvasToTempFilePath', o, () => ({ tempFilePath: addFile({ name: 'signature.png', mime: 'image/png', data: BLANK_PNG }) })),
    createCanvasContext: () => new Proxy({}, { get: () => () => {} }),
    createSelectorQuery: selectorQuery,
    createIntersectionObserver: () => ({ relativeTo: function () { return this }, relativeToViewport: function () { return this }, observe() {}, disconnect() {} }),
    requestSubscribeMessage: (o: Opts & { tmplIds: string[] }) => answer('requestSubscribeMessage', o, () => Object.fromEntries((o.tmplIds ?? []).map((t) => [t, 'accept']))),
    setClipboardData: (o: Opts & { data: string }) => answer('setClipboardData', o, () => ({})),
    getClipboardData: (o: Opts) => answer('getClipboardData', o, () => ({ data: '' })),
    vibrateShort: (o: Opts) => answer('vibrateShort', o, () => ({})),
    makePhoneCall: (o: Opts) => answer('makePhoneCall', o, () => ({})),
    arrayBufferToBase64: (b: ArrayBuffer) => Buffer.from(b).toString('base64'),
    base64ToArrayBuffer: (s: string) => Uint8Array.from(Buffer.from(s, 'base64')).buffer,

    // sign-in
    login: (o: Opts) => answer('login', o, () => ({ code: host.loginCode() })),
    checkSession: (o: Opts) => answer('checkSession', o, () => ({})),

    // interface
    showToast: (o: Opts & { title: string }) => answer('showToast', o, () => void toasts.push(o.title)),
    hideToast: (o?: Opts) => answer('hideToast', o, () => ({})),
    showLoading: (o: Opts) => answer('showLoading', o, () => ({})),
    hideLoading: (o?: Opts) => answer('hideLoading', o, () => ({})),
    showModal: (o: Opts & { title?: string; content?: string; editable?: boolean }) =>
      answer('showModal', o, () => {
        const a = host.takeModalAnswer()
        modals.push({ title: o.title, content: o.content, confirm: a.confirm })
        return { confirm: a.confirm, cancel: !a.confirm, ...(o.editable ? { content: a.content ?? '' } : {}) }
      }),
    showActionSheet: (o: Opts) => answer('showActionSheet', o, () => ({ tapIndex: 0 })),
    setNavigationBarTitle: (o: Opts) => answer('setNavigationBarTitle', o, () => ({})),
    setNavigationBarColor: (o: Opts) => answer('setNavigationBarColor', o, () => ({})),
    showNavigationBarLoading: () => {},
    hideNavigationBarLoading: () => {},
    hideHomeButton: (o?: Opts) => answer('hideHomeButton', o, () => ({})),
    setBackgroundColor: (o?: Opts) => answer('setBackgroundColor', o, () => ({})),
    setBackgroundTextStyle: (o?: Opts) => answer('setBackgroundTextStyle', o, () => ({})),
    showShareMenu: (o?: Opts) => answer('showShareMenu', o, () => ({})),
    hideShareMenu: (o?: Opts) => answer('hideShareMenu', o, () => ({})),
    pageScrollTo: (o: Opts) => answer('pageScrollTo', o, () => ({})),
    startPullDownRefresh: (o?: Opts) => answer('startPullDownRefresh', o, () => ({})),
    stopPullDownRefresh: (o?: Opts) => answer('stopPullDownRefresh', o, () => void host.stopPullDownRefresh()),
    setTabBarBadge: (o: Opts) => answer('setTabBarBadge', o, () => ({})),
    removeTabBarBadge: (o: Opts) => answer('removeTabBarBadge', o, () => ({})),
    showTabBarRedDot: (o: Opts) => answer('showTabBarRedDot', o, () => ({})),
    hideTabBarRedDot: (o: Opts) => answer('hideTabBarRedDot', o, () => ({})),
    createAnimation: () => new Proxy({ export: () => ({ actions: [] }) } as Record<string, unknown>, { get: (t, k: string, r) => (k in t ? t[k] : () => r) }),
    loadFontFace: (o: Opts) => answer('loadFontFace', o, () => ({})),

    // navigation goes through the runner's stack
    ...Object.fromEntries(
      (['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack'] as const).map((kind) => [
        kind,
        (o: Opts & { url?: string; delta?: number }) => answer(kind, o, () => host.navigate(kind, { url: o?.url, delta: o?.delta }).then(() => ({}))),
      ]),
    ),
  }

  if (host.platform === 'wecom') {
    impl.qy = {
      login: (o: Opts) => answer('qy.login', o, () => ({ code: host.loginCode() })),
      checkSession: (o: Opts) => answer('qy.checkSession', o, () => ({})),
      selectEnterpriseContact: (o: Opts) => answer('qy.selectEnterpriseContact', o, () => ({ result: { userList: [], departmentList: [] } })),
    }
  }

  const known = new Set(WX_API_NAMES)
  const recorded = new Map<string, unknown>()
  const record = (api: string, fn: (...a: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      calls.push({ api, args, page: host.currentRoute() })
      return fn.apply(this, args)
    }
  const unknown = (api: string) =>
    function () {
      const msg = `page ${host.currentRoute() ?? '(none)'} called wx.${api}, which the weapp runner does not fake — add it to test/weapp/fake-wx.ts`
      calls.push({ api, args: [...arguments], page: host.currentRoute() })
      host.problem(msg)
      throw new UnknownWxApi(msg)
    }
  for (const [k, v] of Object.entries(impl)) {
    if (typeof v === 'function') recorded.set(k, record(k, v as (...a: unknown[]) => unknown))
    else if (k === 'qy') recorded.set(k, Object.fromEntries(Object.entries(v as object).map(([qk, qv]) => [qk, record(`qy.${qk}`, qv)])))
    else recorded.set(k, v)
  }

  const target: Record<string, unknown> = {}
  const wx = new Proxy(target, {
    get(t, k) {
      if (typeof k !== 'string') return undefined
      if (k in t) return t[k]
      if (recorded.has(k)) return recorded.get(k)
      if (known.has(k)) return unknown(k)
      return undefined
    },
    set(t, k, v) {
      t[k as string] = v
      return true
    },
    has(t, k) {
      return typeof k === 'string' && (k in t || recorded.has(k) || known.has(k))
    },
    ownKeys(t) {
      return [...new Set([...Object.keys(t), ...recorded.keys(), ...known])]
    },
    getOwnPropertyDescriptor(t, k) {
      if (typeof k !== 'string') return undefined
      if (k in t) return Object.getOwnPropertyDescriptor(t, k)
      if (recorded.has(k) || known.has(k)) return { configurable: true, enumerable: true, writable: true, value: recorded.get(k) ?? unknown(k) }
      return undefined
    },
  })

  return { wx, calls, storage, files, toasts, modals, opened, addFile }
}

export type FakeWx = ReturnType<typeof createFakeWx>
