// first: H5 starts in two tasks (core/yield-to-browser.h5.ts)
import './core/yield-to-browser'
import Taro, { useLaunch } from '@tarojs/taro'
import { autorun } from 'mobx'
import { createElement, type PropsWithChildren } from 'react'
import { appStore } from './core/app-store'
import { guardFieldWatchers } from './core/h5-fields'
import { startLabellingInnerFields } from './core/h5-labels'
import { StoreProvider } from './core/store-context'
import { homePage, SIGN_IN_PAGE } from './core/use-signed-in'
import './app.scss'

function readSystem() {
  try {
    // H5 has no font setting or theme to read from a host app, and taro-h5's getSystemInfoSync measures
    // the window, forcing a layout of the page being built (~50 ms of the first render, measured)
    const info = (process.env.TARO_ENV === 'h5' ? {} : Taro.getSystemInfoSync()) as { fontSizeSetting?: number; theme?: string }
    const prefersDark = typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches
    appStore.ui.setSystem({ fontSizeSetting: info.fontSizeSetting, theme: info.theme ?? (prefersDark ? 'dark' : 'light') })
  } catch {
    // keep defaults
  }
}

/**
 * H5 draws the title bar, the tab bar and NutUI's sheets outside every page root, where 长辈模式's and dark
 * mode's classes do not reach: the document carries them too (a mini-program's native bars follow WeChat).
 */
function followElderModeOutsidePages() {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  autorun(() => document.documentElement.classList.toggle('elder', appStore.ui.elderMode))
  autorun(() => document.documentElement.classList.toggle('dark', appStore.ui.theme === 'dark'))
  if (APP_TARGET === 'resident') document.documentElement.classList.add('resident')
}

/**
 * H5 opened with nobody signed in at the app's front door: start on the sign-in page instead of loading
 * and drawing the home page only for it to send the browser on (one chunk wave and one render less before
 * the first useful paint, issue #8's LCP). Runs before Taro's router reads the hash. A deep link keeps its
 * address; its page sends the browser to sign in as before (useSignedIn).
 */
function startAtSignInWhenSignedOut() {
  if (process.env.TARO_ENV !== 'h5' || typeof location === 'undefined' || appStore.session.signedIn) return
  const route = location.hash.replace(/^#/, '').split('?')[0]
  if (route && route !== '/' && route !== homePage()) return
  history.replaceState(history.state, '', `${location.pathname}${location.search}#${SIGN_IN_PAGE}`)
}
startAtSignInWhenSignedOut()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    readSystem()
    followElderModeOutsidePages()
    if (process.env.TARO_ENV === 'h5') {
      guardFieldWatchers()
      startLabellingInnerFields()
    }
    Taro.onThemeChange?.((r: { theme: string }) => appStore.ui.setSystem({ theme: r.theme }))
  })
  return createElement(StoreProvider, { store: appStore }, children)
}

export default App
