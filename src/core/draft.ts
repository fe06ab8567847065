import type { KeyValueStore } from './storage'
import { clock } from './clock'

interface Stored<T> {
  savedAt: number
  value: T
}

const MAX_AGE_MS = 30 * 24 * 3600_000

/**
 * Keeps a half-written form in local storage as the user types, so a lost network, a call that
 * interrupts, or a killed app loses nothing. Clear it once the submission has landed.
 */
export class FormDraft<T extends object> {
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly storage: KeyValueStore,
    readonly key: string,
    private readonly delayMs = 300,
  ) {}

  restore(): T | null {
    const stored = this.storage.get<Stored<T>>(this.storageKey)
    if (!stored || clock.nowMs() - stored.savedAt > MAX_AGE_MS) return null
    return stored.value
  }

  /** Debounced; call on every keystroke. */
  save(value: T) {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.saveNow(value), this.delayMs)
  }

  saveNow(value: T) {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.storage.set(this.storageKey, { savedAt: clock.nowMs(), value } satisfies Stored<T>)
  }

  clear() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.storage.remove(this.storageKey)
  }

  private get storageKey() {
    return `draft:${this.key}`
  }
}
