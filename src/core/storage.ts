import Taro from '@tarojs/taro'

/** Local storage that survives a killed app; every value is JSON and every failure is a miss, not a crash. */
export interface KeyValueStore {
  get<T>(key: string): T | null
  set(key: string, value: unknown): void
  remove(key: string): void
}

export const taroStorage: KeyValueStore = {
  get<T>(key: string): T | null {
    try {
      const raw = Taro.getStorageSync(key) as unknown
      if (raw === '' || raw === undefined || raw === null) return null
      return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T
    } catch {
      return null
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, JSON.stringify(value))
    } catch {
      // storage full or unavailable: the app keeps working, it only forgets
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // ignore
    }
  },
}

export function memoryStorage(): KeyValueStore {
  const m = new Map<string, string>()
  return {
    get: <T,>(k: string) => (m.has(k) ? (JSON.parse(m.get(k)!) as T) : null),
    set: (k, v) => void m.set(k, JSON.stringify(v)),
    remove: (k) => void m.delete(k),
  }
}
