import { cstParts } from '../../../core/time'

const week = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** 11月27日 周五 09:00 — how people say an appointment */
export function slotWhen(startIso: string): string {
  const p = cstParts(new Date(startIso))
  return `${p.month}月${p.day}日 ${week[p.weekday]} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}
