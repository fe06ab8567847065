import type { RateLimit } from '../../src/contract/route'
import { HttpError } from './errors'

/**
 * Fixed windows per (route, subject), in memory: enough for one mock process, and the shape a real BFF
 * keeps in a shared store. Over the limit: 429 with Retry-After in whole seconds until the window ends.
 */
export function createRateLimiter() {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    /** a fresh tenant (the mock's reset) starts with every window empty */
    clear() {
      windows.clear()
    },
    take(routeName: string, subject: string, limit: RateLimit, now: Date) {
      const key = `${routeName}|${subject}`
      const t = now.getTime()
      const span = limit.windowSeconds * 1000
      let w = windows.get(key)
      if (!w || t - w.start >= span || t < w.start) {
        w = { start: t, count: 0 }
        windows.set(key, w)
      }
      if (w.count >= limit.max) {
        const retryAfter = Math.max(1, Math.ceil((w.start + span - t) / 1000))
        throw new HttpError('RATE_LIMITED', `操作太频繁，请 ${retryAfter} 秒后再试`, { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) })
      }
      w.count++
    },
  }
}
