import { clock } from './clock'
import { addDays, cstDate, cstParts } from './time'

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * 11-25 09:30, or 2025-11-25 09:30 outside the current year. A time sits inside sentences ("提交于 11-25
 * 09:30") and must never be split at a line end: the space is a no-break space (U+00A0) and each hyphen is
 * followed by a word joiner.
 */
export const TIME_SPACE = '\u00a0'
/** after a date's hyphen a word joiner (U+2060, no width): Chrome otherwise breaks "11-" / "25" */
const DASH = '-\u2060'
export function formatTime(at: Date | string, now: Date = clock.now()): string {
  const d = typeof at === 'string' ? new Date(at) : at
  const p = cstParts(d)
  const hm = `${pad(p.hour)}:${pad(p.minute)}`
  const md = `${pad(p.month)}${DASH}${pad(p.day)}`
  return p.year === cstParts(now).year ? `${md}${TIME_SPACE}${hm}` : `${p.year}${DASH}${md}${TIME_SPACE}${hm}`
}

/** How a deadline reads in a list: 已逾期 2 天 / 今天 18:00 截止 / 还剩 3 天. */
export function describeDeadline(deadline: string, now: Date = clock.now()): { text: string; tone: 'danger' | 'warn' | 'normal' } {
  const due = new Date(deadline)
  const diffMs = due.getTime() - now.getTime()
  const p = cstParts(due)
  const hm = `${pad(p.hour)}:${pad(p.minute)}`
  if (diffMs < 0) {
    const days = Math.floor(-diffMs / 86400_000)
    return { text: days >= 1 ? `已逾期 ${days} 天` : '已逾期', tone: 'danger' }
  }
  const today = cstDate(now)
  const dueDay = cstDate(due)
  if (dueDay === today) return { text: `今天 ${hm} 截止`, tone: 'warn' }
  if (dueDay === addDays(today, 1)) return { text: `明天 ${hm} 截止`, tone: 'warn' }
  return { text: `${pad(p.month)}-${pad(p.day)} 截止`, tone: 'normal' }
}
