import Taro, { useLaunch } from '@tarojs/taro'
import { autorun } from 'mobx'
import { createElement, type PropsWithChildren } from 'react'
import { appStore } from './core/app-store'
import { guardFieldWatchers } from './core/h5-fields'
import { startLabellingInnerFields } from './core/h5-labels'
import { StoreProvider } from './core/store-context'
import './app.scss'

function readSystem() {
  try {
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number; theme?: string }
    const prefersDark = typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches
    appStore.ui.setSystem({ fontSizeSetting: info.fontSizeSetting, theme: info.theme ?? (prefersDark ? 'dark' : 'light') })
  } catch {
    // keep defaults
  }
}

/**
 * H5 draws the tab bar and NutUI's sheets outside every page root, where 长辈模式's class does not reach:
 * the document carries it too (the mini-program's native tab bar follows WeChat's own font setting).
 */
function followElderModeOutsidePages() {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  autorun(() => document.documentElement.classList.toggle('elder', appStore.ui.elderMode))
}

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
