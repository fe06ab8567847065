/**
 * A small typed fake of the Taro API for jest: storage in memory, navigation and toasts recorded, page
 * lifecycle hooks run on mount. Tests read `fake` to see what a user would have seen.
 */
import { useEffect, useRef } from 'react'

type Handler = () => void | Promise<void>

export const fake = {
  storage: new Map<string, unknown>(),
  toasts: [] as string[],
  modals: [] as { title?: string; content?: string }[],
  modalAnswer: true,
  navigations: [] as { kind: string; url: string }[],
  /** what the page put on the clipboard (Taro.setClipboardData), oldest first */
  clipboard: [] as string[],
  router: { params: {} as Record<string, string>, path: '' },
  systemInfo: { fontSizeSetting: 16, theme: 'light', environment: '' } as Record<string, unknown>,
  /** handlers of the mounted pages, latest closure; a page that unmounts takes its handler away */
  pullDown: [] as Handler[],
  reachBottom: [] as Handler[],
  didHide: [] as Handler[],
  /** how many times a page stopped the pull-down spinner */
  pullDownStops: 0,
  reset() {
    this.storage.clear()
    this.toasts = []
    this.modals = []
    this.modalAnswer = true
    this.navigations = []
    this.clipboard = []
    this.router = { params: {}, path: '' }
    this.pullDown = []
    this.reachBottom = []
    this.didHide = []
    this.pullDownStops = 0
  },
}

const runOnMount = (cb: Handler) => {
  // eslint-disable-next-line react-hooks/rules-of-hooks
  useEffect(() => {
    void cb()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}

/** What NutUI asks to pick its H5 code paths. */
export const ENV_TYPE = { WEB: 'WEB', WEAPP: 'WEAPP' } as const
export const getEnv = (): string => ENV_TYPE.WEB
export const nextTick = (cb: () => void) => void setTimeout(cb, 0)

const Taro = {
  getEnv,
  nextTick,
  ENV_TYPE,
  getStorageSync: (key: string) => (fake.storage.has(key) ? fake.storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void fake.storage.set(key, value),
  removeStorageSync: (key: string) => void fake.storage.delete(key),
  showToast: async (o: { title: string }) => void fake.toasts.push(o.title),
  showModal: async (o: { title?: string; content?: string }) => {
    fake.modals.push({ title: o.title, content: o.content })
    return { confirm: fake.modalAnswer, cancel: !fake.modalAnswer }
  },
  navigateTo: async (o: { url: string }) => void fake.navigations.push({ kind: 'navigateTo', url: o.url }),
  reLaunch: async (o: { url: string }) => void fake.navigations.push({ kind: 'reLaunch', url: o.url }),
  redirectTo: async (o: { url: string }) => void fake.navigations.push({ kind: 'redirectTo', url: o.url }),
  navigateBack: async () => void fake.navigations.push({ kind: 'navigateBack', url: '' }),
  setClipboardData: async (o: { data: string }) => void fake.clipboard.push(o.data),
  stopPullDownRefresh: () => void fake.pullDownStops++,
  getSystemInfoSync: () => fake.systemInfo,
  onThemeChange: () => undefined,
  login: async () => ({ code: 'mock:u-clerk-01' }),
  request: () => {
    throw new Error('Taro.request is not used in jest: the api client goes through the in-process mock')
  },
  getUri: undefined,
}

export default Taro
export const useDidShow = runOnMount
export const useLoad = runOnMount
export const useLaunch = runOnMount
/** Registers one handler per mounted page (not one per render), always calling the latest callback. */
const registerWhileMounted = (list: 'pullDown' | 'reachBottom', cb: Handler) => {
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const latest = useRef(cb)
  latest.current = cb
  // eslint-disable-next-line react-hooks/rules-of-hooks
  useEffect(() => {
    const handler: Handler = () => latest.current()
    fake[list].push(handler)
    return () => {
      fake[list] = fake[list].filter((h) => h !== handler)
    }
  }, [])
}

export const usePullDownRefresh = (cb: Handler) => registerWhileMounted('pullDown', cb)
export const useReachBottom = (cb: Handler) => registerWhileMounted('reachBottom', cb)
export const useRouter = () => fake.router
/** Leaving the page: recorded so a test can play "the app went to the background". */
export const useDidHide = (cb: Handler) => void fake.didHide.push(cb)
/** Share menus do nothing in jest; the page's share content is a plain function of its state. */
export const useShareAppMessage = (_cb: () => unknown) => undefined
