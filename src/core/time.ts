/**
 * China Standard Time helpers. Offices keep Beijing time whatever the device or server clock zone is,
 * so date arithmetic shifts by +8 h and reads UTC fields instead of trusting the local zone.
 */
const CST_OFFSET_MS = 8 * 3600_000

export interface CstParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday */
  weekday: number
}

export function cstParts(date: Date): CstParts {
  const d = new Date(date.getTime() + CST_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** 2026-11-25 */
export function cstDate(date: Date): string {
  const p = cstParts(date)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** 2026-11-25T09:30:00+08:00 — the one timestamp format of the contract. */
export function toIso(date: Date): string {
  const p = cstParts(date)
  return `${cstDate(date)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`
}

/** The instant at hh:mm Beijing time on a YYYY-MM-DD day. */
export function cstAt(day: string, hour = 0, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d, hour, minute) - CST_OFFSET_MS)
}

export function addDays(day: string, n: number): string {
  return cstDate(new Date(cstAt(day, 12).getTime() + n * 86400_000))
}
