import Taro, { useLaunch } from '@tarojs/taro'
import { createElement, type PropsWithChildren } from 'react'
import { appStore } from './core/app-store'
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

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    readSystem()
    if (process.env.TARO_ENV === 'h5') startLabellingInnerFields()
    Taro.onThemeChange?.((r: { theme: string }) => appStore.ui.setSystem({ theme: r.theme }))
  })
  return createElement(StoreProvider, { store: appStore }, children)
}

export default App
