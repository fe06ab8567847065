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

const ISO_FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:([+-])(\d{2}):(\d{2})|Z)$/

/**
 * The contract's one timestamp form, parsed strictly: 2026-11-25T09:30:00+08:00 — seconds and an
 * offset with minutes always there (Z is the offset +00:00 spelt short, as RFC 3339 allows), no
 * fractions, no week dates, no offset without minutes, and every field in range (no
 * 2 月 30 日, no 24:00). null for anything else, so no half-understood time is ever stored.
 */
export function parseIso(text: string): Date | null {
  const m = ISO_FORM.exec(text)
  if (!m) return null
  const [y, mo, d, h, mi, s, sign, oh, om] = [m[1], m[2], m[3], m[4], m[5], m[6], m[7] ?? '+', m[8] ?? '00', m[9] ?? '00']
  const n = (x: string) => Number(x)
  if (n(mo) < 1 || n(mo) > 12 || n(d) < 1 || n(h) > 23 || n(mi) > 59 || n(s) > 59 || n(oh) > 14 || n(om) > 59) return null
  const local = Date.UTC(n(y), n(mo) - 1, n(d), n(h), n(mi), n(s))
  // Date.UTC rolls 2 月 30 日 over into March; a day that does not exist is refused instead.
  if (new Date(local).getUTCDate() !== n(d)) return null
  const offset = (sign === '-' ? -1 : 1) * (n(oh) * 60 + n(om)) * 60_000
  return new Date(local - offset)
}
