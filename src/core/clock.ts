/**
 * The client's one clock. Every "now" the app reads (a session's expiry, today's date in a picker, a
 * countdown, a draft's age, a watermark) comes from here, never from `Date.now()` directly.
 *
 * It follows the BFF: each answer carries `X-Server-Time`, and the clock keeps the offset between that
 * and the device. A phone whose clock is wrong by a day (common on older handsets) still shows the
 * right deadlines, and a test or a frozen mock (`MOCK_NOW`) sets the time for the client too.
 */
let offsetMs = 0
let pinned: (() => Date) | null = null

export const SERVER_TIME_HEADER = 'x-server-time'

export const clock = {
  now(): Date {
    return pinned ? pinned() : new Date(Date.now() + offsetMs)
  },
  nowMs(): number {
    return this.now().getTime()
  },
  /** Called by the api client with each answer's X-Server-Time header. */
  syncWithServer(serverTime: string | undefined) {
    if (!serverTime) return
    const ms = Date.parse(serverTime)
    if (Number.isFinite(ms)) offsetMs = ms - Date.now()
  },
  /** Tests: make the client read this time (a function, so a moving mock clock moves the client too). */
  pin(now: (() => Date) | null) {
    pinned = now
    offsetMs = 0
  },
}
