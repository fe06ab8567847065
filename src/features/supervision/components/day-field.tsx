import { Picker, Text } from '@tarojs/components'
import { clock } from '../../../core/clock'
import { cstDate } from '../../../core/time'

/**
 * A day chosen from the system date picker (no typing, no format to get wrong). It opens on the value,
 * else on today in Beijing; `start` / `end` bound what can be picked — e.g. a sub-task never after
 * the item's deadline, a 延期 never before the deadline in force.
 */
export function DayField({ label, value, start, end, placeholder, onChange }: { label: string; value: string; start?: string; end?: string; placeholder?: string; onChange(day: string): void }) {
  const today = cstDate(clock.now())
  const first = start ?? today
  const open = value || (first > today ? first : today)
  return (
    <Picker mode="date" value={end && open > end ? end : open} start={first} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <Text className="sv-input sv-day" aria-label={label}>
        {value ? `${label}：${value}` : (placeholder ?? `${label}：点此选择日期`)}
      </Text>
    </Picker>
  )
}
