import { coveredYears, holidays, makeupWorkdays } from './holidays-cn'
import { addDays, cstAt, cstDate, cstParts } from './time'

/**
 * The working-day calendar behind deadlines, countdowns and quiet hours: China's public holidays and
 * make-up workdays (see holidays-cn.ts), office hours 09:00–12:00 and 14:00–18:00 Beijing time.
 */
const holidaySet = new Set(holidays)
const makeupSet = new Set(makeupWorkdays)

export const OFFICE_PERIODS: readonly [number, number][] = [
  [9 * 60, 12 * 60],
  [14 * 60, 18 * 60],
]
export const WORK_MINUTES_PER_DAY = OFFICE_PERIODS.reduce((s, [a, b]) => s + b - a, 0)

/** Whether the published schedule covers this year; outside it only weekends count as rest days. */
export function calendarCovers(year: number): boolean {
  return coveredYears.includes(year)
}

export function isWorkday(day: string | Date): boolean {
  const d = typeof day === 'string' ? day : cstDate(day)
  if (holidaySet.has(d)) return false
  if (makeupSet.has(d)) return true
  const weekday = cstParts(cstAt(d, 12)).weekday
  return weekday !== 0 && weekday !== 6
}

/** The n-th working day after `day` (n ≥ 1), or `day` itself for n = 0 when it is a workday. */
export function addWorkdays(day: string, n: number): string {
  let d = day
  let left = n
  if (left === 0) {
    while (!isWorkday(d)) d = addDays(d, 1)
    return d
  }
  while (left > 0) {
    d = addDays(d, 1)
    if (isWorkday(d)) left--
  }
  return d
}

/** The n-th working day before `day` (n ≥ 1), or for n = 0 `day` itself when it is a workday, else the last one before it. */
export function workdayBefore(day: string, n: number): string {
  let d = day
  let left = n
  while (left > 0 || !isWorkday(d)) {
    d = addDays(d, -1)
    if (isWorkday(d)) left--
  }
  return d
}

/** Working days strictly after `from` up to and including `to` (negative when `to` is earlier). */
export function workdaysBetween(from: string, to: string): number {
  if (to < from) return -workdaysBetween(to, from)
  let count = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(d)) count++
  return count
}

export function isOfficeHours(at: Date): boolean {
  if (!isWorkday(at)) return false
  const p = cstParts(at)
  const m = p.hour * 60 + p.minute
  return OFFICE_PERIODS.some(([a, b]) => m >= a && m < b)
}

/** Working minutes from `from` to `to` (0 when `to` is not later). */
export function workingMinutesBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0
  let total = 0
  for (let day = cstDate(from); day <= cstDate(to); day = addDays(day, 1)) {
    if (!isWorkday(day)) continue
    for (const [a, b] of OFFICE_PERIODS) {
      const start = Math.max(cstAt(day, 0, a).getTime(), from.getTime())
      const end = Math.min(cstAt(day, 0, b).getTime(), to.getTime())
      if (end > start) total += (end - start) / 60_000
    }
  }
  return Math.floor(total)
}

/**
 * The instant `minutes` of office time after `from`: a request filed on Friday at 17:00 with a
 * four-hour promise is due on Monday at 12:00 (or later if Monday is a holiday).
 */
export function addWorkingMinutes(from: Date, minutes: number): Date {
  let left = minutes
  let day = cstDate(from)
  for (let guard = 0; guard < 3660; guard++, day = addDays(day, 1)) {
    if (!isWorkday(day)) continue
    for (const [a, b] of OFFICE_PERIODS) {
      const start = Math.max(cstAt(day, 0, a).getTime(), from.getTime())
      const end = cstAt(day, 0, b).getTime()
      if (end <= start) continue
      const available = (end - start) / 60_000
      if (left <= available) return new Date(start + left * 60_000)
      left -= available
    }
  }
  throw new Error('working-time arithmetic ran past ten years')
}

/** Due at the end of office hours on the n-th working day after `from`. */
export function dueAfterWorkdays(from: Date, n: number): Date {
  return cstAt(addWorkdays(cstDate(from), n), 18, 0)
}
