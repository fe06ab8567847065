import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { clock } from '../../../core/clock'

/** hours and minutes left until `due`, or how long past it */
export function timeLeft(due: string, nowMs: number): { text: string; over: boolean } {
  const ms = Date.parse(due) - nowMs
  const abs = Math.abs(ms)
  const h = Math.floor(abs / 3600_000)
  const m = Math.floor((abs % 3600_000) / 60_000)
  const span = h ? `${h} 小时 ${m} 分` : `${m} 分钟`
  return ms > 0 ? { text: `剩 ${span}`, over: false } : { text: `已超时 ${span}`, over: true }
}

/** The red case's 24 hours, visible until someone acts; it ticks each half minute. */
export function RedClock({ due, escalated }: { due: string; escalated: boolean }) {
  const [now, setNow] = useState(() => clock.nowMs())
  useEffect(() => {
    const t = setInterval(() => setNow(clock.nowMs()), 30_000)
    return () => clearInterval(t)
  }, [])
  const left = timeLeft(due, now)
  return (
    <View className={`cs-clock ${left.over ? 'is-over' : ''}`} role="timer" aria-label="红色预警处置时限">
      <Text className="cs-clock-title">红色高危 · 24 小时内须处置</Text>
      <Text className="cs-clock-left">{left.text}</Text>
      <Text className="cs-clock-due">时限 {due.slice(5, 10)} {due.slice(11, 16)}{escalated ? ' · 已超时上报负责人' : ''}</Text>
    </View>
  )
}
