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
  /** numbers the page asked the phone to call (Taro.makePhoneCall) */
  phoneCalls: [] as string[],
  /** what Taro.showActionSheet offered, and which item the person taps (null: they cancel) */
  actionSheets: [] as string[][],
  actionSheetAnswer: 0 as number | null,
  router: { params: {} as Record<string, string>, path: '' },
  systemInfo: { fontSizeSetting: 16, theme: 'light', environment: '' } as Record<string, unknown>,
  /** handlers of the mounted pages, latest closure; a page that unmounts takes its handler away */
  pullDown: [] as Handler[],
  reachBottom: [] as Handler[],
  didHide: [] as Handler[],
  /** how many times a page stopped the pull-down spinner */
  pullDownStops: 0,
  pageScroll: [] as ((e: { scrollTop: number }) => void)[],
  /** the page's scroll offset, which SelectorQuery rectangles are relative to */
  scrollTop: 0,
  /**
   * jsdom has no layout: SelectorQuery answers from this model instead. A `.card` is 200 px tall, an
   * element with an explicit px height is that tall, and anything else is as tall as what it holds;
   * elements stack from the page's top.
   */
  cardPx: 200,
  /** the tab bar's badges by tab index, as setTabBarBadge / removeTabBarBadge left them */
  tabBadges: new Map<number, string>(),
  /** what requestSubscribeMessage answers per template id (unlisted: reject); the ids asked for, per call */
  subscribeAnswer: {} as Record<string, string>,
  subscribeCalls: [] as string[][],
  reset() {
    this.tabBadges = new Map()
    this.subscribeAnswer = {}
    this.subscribeCalls = []
    this.storage.clear()
    this.toasts = []
    this.modals = []
    this.modalAnswer = true
    this.navigations = []
    this.clipboard = []
    this.phoneCalls = []
    this.actionSheets = []
    this.actionSheetAnswer = 0
    this.router = { params: {}, path: '' }
    this.pullDown = []
    this.reachBottom = []
    this.didHide = []
    this.pullDownStops = 0
    this.pageScroll = []
    this.scrollTop = 0
  },
  /** Scrolls the page: answers every usePageScroll handler, as the platform would. */
  scrollTo(top: number) {
    this.scrollTop = top
    for (const h of [...this.pageScroll]) h({ scrollTop: top })
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

function modelHeight(el: Element): number {
  const px = /^(\d+(?:\.\d+)?)px$/.exec((el as HTMLElement).style?.height ?? '')
  if (px) return Number(px[1])
  if (el.classList.contains('card')) return fake.cardPx
  return Array.from(el.children).reduce((sum, c) => sum + modelHeight(c), 0)
}

function modelTop(el: Element): number {
  let top = 0
  for (let node: Element | null = el; node && node.parentElement; node = node.parentElement) {
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) top += modelHeight(sib)
  }
  return top - fake.scrollTop
}

/** Taro.createSelectorQuery over the layout model above: select(…).boundingClientRect() and exec. */
function createSelectorQuery() {
  const wanted: string[] = []
  const q = {
    select(selector: string) {
      return {
        boundingClientRect() {
          wanted.push(selector)
          return q
        },
      }
    },
    exec(cb: (res: ({ top: number; height: number } | null)[]) => void) {
      const res = wanted.map((sel) => {
        const el = document.querySelector(sel)
        return el ? { top: modelTop(el), height: modelHeight(el) } : null
      })
      setTimeout(() => cb(res), 0)
    },
  }
  return q
}

const Taro = {
  createSelectorQuery,
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
  switchTab: async (o: { url: string }) => void fake.navigations.push({ kind: 'switchTab', url: o.url }),
  setTabBarBadge: async (o: { index: number; text: string }) => void fake.tabBadges.set(o.index, o.text),
  removeTabBarBadge: async (o: { index: number }) => void fake.tabBadges.delete(o.index),
  requestSubscribeMessage: async (o: { tmplIds: string[] }) => {
    if (o.tmplIds.length > 3) throw new Error('requestSubscribeMessage takes at most 3 template ids')
    fake.subscribeCalls.push(o.tmplIds)
    return Object.fromEntries([['errMsg', 'requestSubscribeMessage:ok'], ...o.tmplIds.map((id) => [id, fake.subscribeAnswer[id] ?? 'reject'])])
  },
  makePhoneCall: async (o: { phoneNumber: string }) => void fake.phoneCalls.push(o.phoneNumber),
  showActionSheet: async (o: { itemList: string[] }) => {
    fake.actionSheets.push(o.itemList)
    if (fake.actionSheetAnswer === null) throw new Error('showActionSheet:fail cancel')
    return { tapIndex: fake.actionSheetAnswer }
  },
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
export const usePageScroll = (cb: (e: { scrollTop: number }) => void) => {
  const latest = useRef(cb)
  latest.current = cb
  useEffect(() => {
    const handler = (e: { scrollTop: number }) => latest.current(e)
    fake.pageScroll.push(handler)
    return () => {
      fake.pageScroll = fake.pageScroll.filter((h) => h !== handler)
    }
  }, [])
}
export const useReachBottom = (cb: Handler) => registerWhileMounted('reachBottom', cb)
export const useRouter = () => fake.router
/** Leaving the page: recorded so a test can play "the app went to the background". */
export const useDidHide = (cb: Handler) => void fake.didHide.push(cb)
/** Share menus do nothing in jest; the page's share content is a plain function of its state. */
export const useShareAppMessage = (_cb: () => unknown) => undefined
