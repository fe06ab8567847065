import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import { mediationModeLabels, mediationRoutes, type MediationMode, type Slot } from '../../../../contract/mediation'
import type { RouteResult } from '../../../../contract/route'
import { EmptyState } from '../../../../components/empty-state'
import { FieldError } from '../../../../components/field-error'
import { PageShell } from '../../../../components/page-shell'
import { clock } from '../../../../core/clock'
import { showError, toApiError, toast } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { addDays, cstAt, cstDate, toIso } from '../../../../core/time'
import { useSignedIn } from '../../../../core/use-signed-in'
import { slotWhen } from '../../components/format'
import '../../components/mediation.scss'

type Calendar = RouteResult<typeof mediationRoutes.calendar>
const times = ['09:00', '10:30', '14:30', '16:00', '19:00']
const lengths = [60, 90, 120]

function Choice<T extends string | number>({ label, values, value, text, onChange }: { label: string; values: readonly T[]; value: T | null; text(v: T): string; onChange(v: T): void }) {
  return (
    <View className="form-field">
      <Text className="form-label">{label}</Text>
      <View className="med-options" role="radiogroup" aria-label={label}>
        {values.map((x) => (
          <View key={String(x)} role="radio" aria-checked={x === value} className={`form-option ${x === value ? 'is-on' : ''}`} onClick={() => onChange(x)}>
            {text(x)}
          </View>
        ))}
      </View>
    </View>
  )
}

/** Slots grouped by day: free ones can be taken down, booked ones open their case. */
function Days({ slots, mine, onRemove }: { slots: readonly Slot[]; mine: string | null; onRemove(s: Slot): void }) {
  if (!slots.length) return <EmptyState title="这段时间还没有日程" />
  const days = [...new Set(slots.map((s) => cstDate(new Date(s.start))))]
  return (
    <View className="med-slots" role="list" aria-label="日程">
      {days.map((day) => (
        <View key={day} className="med-kv">
          <Text className="med-day">{slotWhen(slots.find((s) => cstDate(new Date(s.start)) === day)!.start).split(' ').slice(0, 2).join(' ')}</Text>
          {slots
            .filter((s) => cstDate(new Date(s.start)) === day)
            .map((s) => (
              <View key={s.id} className={`card med-slot ${s.caseId ? 'is-on' : ''}`} role="listitem" aria-label={`${slotWhen(s.start)} ${s.caseId ? '已约' : '空闲'}`}>
                <View className="row">
                  <Text className="med-slot-when">{slotWhen(s.start).split(' ')[2]}–{slotWhen(s.end).split(' ')[2]}</Text>
                  <Text className={s.caseId ? 'med-warn' : 'muted'}>{s.caseId ? '已约' : '空闲'}</Text>
                </View>
                <Text className="muted">
                  {s.mediatorName} · {s.roomName ?? mediationModeLabels[s.mode]}
                </Text>
                {s.caseId ? (
                  <View className="med-link" role="link" onClick={() => void Taro.navigateTo({ url: `/features/mediation/pages/handle/index?id=${s.caseId}` })}>
                    查看案件
                  </View>
                ) : s.mediatorId === mine ? (
                  <View className="med-link" role="button" aria-label={`撤下 ${slotWhen(s.start)}`} onClick={() => onRemove(s)}>
                    撤下这个时段
                  </View>
                ) : null}
              </View>
            ))}
        </View>
      ))}
    </View>
  )
}

/**
 * 日程: a mediator keeps the times residents may book; each room has its own calendar. The BFF refuses a
 * slot that overlaps the mediator's own time or the room's, and says with whom.
 */
function CalendarPage() {
  const root = useStores()
  const signedIn = useSignedIn()
  const me = root.session.user
  const isMediator = !!me?.roles.includes('mediator')
  const [view, setView] = useState<string>('mine')
  const [cal, setCal] = useState<Calendar | null>(null)
  const today = cstDate(clock.now())
  const [day, setDay] = useState(addDays(today, 1))
  const [time, setTime] = useState<string | null>(null)
  const [minutes, setMinutes] = useState(90)
  const [mode, setMode] = useState<MediationMode>('onsite')
  const [roomId, setRoomId] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const key = useRef(newIdempotencyKey())

  async function load(v = view) {
    try {
      const query = v === 'mine' ? {} : { roomId: v }
      setCal(await root.api.call(mediationRoutes.calendar, { query }))
    } catch (err) {
      showError(err)
    }
  }
  useDidShow(() => {
    if (signedIn) void load()
  })

  async function add() {
    if (!time || sending) return setProblem(time ? null : '请选择开始时间')
    if (mode === 'onsite' && !roomId) return setProblem('到场调解请选择调解室')
    setProblem(null)
    setSending(true)
    const [h, m] = time.split(':').map(Number)
    try {
      await root.api.call(mediationRoutes.addSlot, { body: { start: toIso(cstAt(day, h, m)), minutes, mode, ...(mode === 'onsite' && roomId ? { roomId } : {}) }, idempotencyKey: key.current })
      key.current = newIdempotencyKey()
      toast('已登记，居民现在可以预约')
      await load()
    } catch (err) {
      setProblem(toApiError(err).message)
    } finally {
      setSending(false)
    }
  }

  async function remove(s: Slot) {
    try {
      await root.api.call(mediationRoutes.removeSlot, { params: { id: s.id }, idempotencyKey: newIdempotencyKey() })
      toast('已撤下')
      await load()
    } catch (err) {
      showError(err)
    }
  }

  const rooms = cal?.rooms ?? []
  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i + 1))
  return (
    <PageShell>
      <View className="med-options med-section" role="tablist" aria-label="看谁的日程">
        {[{ key: 'mine', label: isMediator ? '我的日程' : '全部日程' }, ...rooms.map((r) => ({ key: r.id, label: r.name }))].map((t) => (
          <View key={t.key} role="tab" aria-selected={view === t.key} className={`form-option ${view === t.key ? 'is-on' : ''}`} onClick={() => { setView(t.key); void load(t.key) }}>
            {t.label}
          </View>
        ))}
      </View>
      {isMediator ? (
        <View className="med-section card" aria-label="登记可预约时段">
          <Text className="form-label">登记可预约时段</Text>
          <Choice<string> label="日期" values={days} value={day} text={(d) => slotWhen(toIso(cstAt(d, 9))).split(' ').slice(0, 2).join(' ')} onChange={setDay} />
          <Choice<string> label="开始时间" values={times} value={time} text={(x) => x} onChange={(x) => setTime(x)} />
          <Choice<number> label="时长" values={lengths} value={minutes} text={(x) => `${x} 分钟`} onChange={setMinutes} />
          <Choice<MediationMode> label="方式" values={['onsite', 'video'] as const} value={mode} text={(x) => mediationModeLabels[x]} onChange={setMode} />
          {mode === 'onsite' ? <Choice<string> label="调解室" values={rooms.map((r) => r.id)} value={roomId} text={(x) => rooms.find((r) => r.id === x)?.name ?? x} onChange={(x) => setRoomId(x)} /> : null}
          {problem ? <FieldError message={problem} /> : null}
          <Button type="primary" block loading={sending} onClick={() => void add()}>
            登记这个时段
          </Button>
        </View>
      ) : null}
      <View className="med-section">{cal ? <Days slots={cal.items} mine={me?.id ?? null} onRemove={(s) => void remove(s)} /> : <Text className="muted">加载中…</Text>}</View>
    </PageShell>
  )
}

export default observer(CalendarPage)
