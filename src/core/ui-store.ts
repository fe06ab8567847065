import { makeAutoObservable } from 'mobx'
import type { KeyValueStore } from './storage'

const KEY = 'ui.elderMode'

/** WeChat reports the system font size in px; 17 is the default on iOS, 16 on most Android phones. */
const LARGE_SYSTEM_FONT_PX = 19

/**
 * 长辈模式 and theme. Large text follows the phone's font setting until the person flips the switch;
 * their choice is kept across launches.
 */
export class UiStore {
  /** null: follow the system */
  elderChoice: boolean | null = null
  systemFontPx = 16
  theme: 'light' | 'dark' = 'light'

  constructor(private readonly storage: KeyValueStore) {
    makeAutoObservable<UiStore, 'storage'>(this, { storage: false })
    const saved = storage.get<boolean>(KEY)
    this.elderChoice = typeof saved === 'boolean' ? saved : null
  }

  get systemLarge() {
    return this.systemFontPx >= LARGE_SYSTEM_FONT_PX
  }

  get elderMode() {
    return this.elderChoice ?? this.systemLarge
  }

  /** class names every page root carries */
  get rootClass() {
    // the resident app wears its own colour (orange) on every page, not the staff blue
    const app = typeof APP_TARGET !== 'undefined' && APP_TARGET === 'resident' ? 'resident' : ''
    return `app-root ${app} ${this.elderMode ? 'elder' : ''} ${this.theme === 'dark' ? 'dark' : ''}`.replace(/\s+/g, ' ').trim()
  }

  setElderMode(on: boolean) {
    this.elderChoice = on
    this.storage.set(KEY, on)
  }

  setSystem(info: { fontSizeSetting?: number; theme?: string }) {
    if (typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0) this.systemFontPx = info.fontSizeSetting
    if (info.theme === 'dark' || info.theme === 'light') this.theme = info.theme
  }
}
