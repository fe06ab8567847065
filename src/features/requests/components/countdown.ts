import { clock } from '../../../core/clock'
import { workingMinutesBetween } from '../../../core/workdays'

/** 承诺时限 as office time left: a request due Monday morning has little left on Friday evening. */
export function promiseLeft(dueAt: string, now: Date = clock.now()): { text: string; tone: 'danger' | 'warn' | 'ok' } {
  const due = new Date(dueAt)
  if (due.getTime() <= now.getTime()) {
    const over = workingMinutesBetween(due, now)
    return { text: over >= 60 ? `已超出承诺时限 ${Math.floor(over / 60)} 小时` : '已超出承诺时限', tone: 'danger' }
  }
  const left = workingMinutesBetween(now, due)
  const h = Math.floor(left / 60)
  const m = left % 60
  const text = h >= 7 ? `剩余约 ${Math.round(h / 7)} 个工作日` : h > 0 ? `剩余 ${h} 小时 ${m} 分（工作时间）` : `剩余 ${m} 分钟（工作时间）`
  return { text, tone: left <= 60 ? 'warn' : 'ok' }
}
