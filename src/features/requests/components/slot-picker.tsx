import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { requestRoutes, resourceTypeLabels, type Resource, type ResourceType } from '../../../contract/requests'
import { clock } from '../../../core/clock'
import { userMessage } from '../../../core/errors'
import { useStores } from '../../../core/store-context'
import { addDays, cstAt, cstDate, toIso } from '../../../core/time'
import type { Slot } from '../store'

const DURATIONS = [30, 60, 90, 120, 180, 240]
const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六']
const hm = (iso: string) => iso.slice(11, 16)

interface Props {
  type: ResourceType
  value: Slot | null
  onChange(slot: Slot | null): void
  error?: string
}

/** Free and taken time of each room, car or seal on a day; the person picks a resource, a start and a length. */
export function SlotPicker({ type, value, onChange, error }: Props) {
  const { api } = useStores()
  const today = cstDate(clock.now())
  const [day, setDay] = useState(value ? value.start.slice(0, 10) : today)
  const [resources, setResources] = useState<Resource[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [start, setStart] = useState(value ? hm(value.start) : '09:00')
  const [minutes, setMinutes] = useState(value ? Math.round((Date.parse(value.end) - Date.parse(value.start)) / 60000) : 60)
  const [resourceId, setResourceId] = useState(value?.resourceId ?? '')

  useEffect(() => {
    let cancelled = false
    api
      .call(requestRoutes.resources, { query: { type, date: day } })
      .then((r) => !cancelled && (setResources(r.resources), setLoadError(null)))
      .catch((err) => !cancelled && setLoadError(userMessage(err)))
    return () => {
      cancelled = true
    }
    // a refusal (someone took the slot meanwhile) reloads the calendar, so the person sees why
  }, [api, type, day, error])

  useEffect(() => {
    if (!resourceId) return
    const [h, m] = start.split(':').map(Number)
    const from = cstAt(day, h, m)
    onChange({ resourceId, start: toIso(from), end: toIso(new Date(from.getTime() + minutes * 60000)) })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resourceId, day, start, minutes])

  const chosen = value ? { s: Date.parse(value.start), e: Date.parse(value.end) } : null
  const clashes = (r: Resource) => !!chosen && r.id === value?.resourceId && r.busy.some((b) => Date.parse(b.start) < chosen.e && chosen.s < Date.parse(b.end))

  return (
    <View className="slot">
      <View className="slot-days" role="radiogroup" aria-label="日期">
        {Array.from({ length: 7 }, (_, i) => addDays(today, i)).map((d) => (
          <View key={d} role="radio" aria-checked={d === day} className={`slot-day ${d === day ? 'is-on' : ''}`} onClick={() => setDay(d)}>
            <Text className="slot-day-week">{d === today ? '今天' : `周${WEEKDAY[new Date(cstAt(d, 12)).getUTCDay()]}`}</Text>
            <Text>{d.slice(5)}</Text>
          </View>
        ))}
      </View>
      {loadError ? <Text className="form-error">{loadError}</Text> : null}
      <View className="slot-resources" role="radiogroup" aria-label={resourceTypeLabels[type]}>
        {resources.map((r) => (
          <View key={r.id} role="radio" aria-checked={r.id === resourceId} className={`slot-resource ${r.id === resourceId ? 'is-on' : ''}`} onClick={() => setResourceId(r.id)}>
            <View className="row">
              <Text className="slot-resource-name">{r.name}</Text>
              {r.capacity ? <Text className="muted">{type === 'room' ? `${r.capacity} 人` : `${r.capacity} 座`}</Text> : null}
            </View>
            <View className="row slot-busy">
              {r.busy.length ? (
                r.busy.map((b) => (
                  <Text key={b.start} className="slot-busy-chip nowrap">
                    {hm(b.start)}–{hm(b.end)} 已占用
                  </Text>
                ))
              ) : (
                <Text className="slot-free">全天空闲</Text>
              )}
            </View>
            {clashes(r) ? <Text className="form-error">所选时段与已有预约冲突，请换个时间</Text> : null}
          </View>
        ))}
      </View>
      <View className="row slot-time">
        <Text className="form-label">开始</Text>
        <Picker mode="time" value={start} start="07:00" end="21:30" onChange={(e) => setStart(String(e.detail.value))}>
          <Text className="slot-start" aria-label="开始时间">
            {start}
          </Text>
        </Picker>
        <Text className="form-label">时长</Text>
        {DURATIONS.map((d) => (
          <Text key={d} className={`slot-len ${d === minutes ? 'is-on' : ''}`} onClick={() => setMinutes(d)}>
            {d < 60 ? `${d} 分钟` : `${d / 60} 小时`}
          </Text>
        ))}
      </View>
      {value ? (
        <Text className="slot-summary">
          已选：{resources.find((r) => r.id === value.resourceId)?.name ?? ''} <Text className="nowrap">{day} {hm(value.start)}–{hm(value.end)}</Text>
        </Text>
      ) : null}
      {error ? (
        <View className="form-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  )
}
