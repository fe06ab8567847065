import { Text, Textarea, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { partnerKindLabels } from '../../../contract/cases'
import { FieldError } from '../../../components/field-error'
import { showError } from '../../../core/errors'
import type { Partner } from '../store'

const HOURS = [2, 4, 12, 24, 48] as const
type Pick = { unitId: string; task: string; acceptHours: number }

interface Props {
  visible: boolean
  units: readonly Partner[]
  /** units with a referral still waiting or accepted: not offered again */
  busyUnitIds: readonly string[]
  onClose(): void
  onSend(items: Pick[]): Promise<void>
}

/** 联动转办: one or more partner units at once, each with what it is asked to do and its deadline to accept. */
export function ReferralSheet({ visible, units, busyUnitIds, onClose, onSend }: Props) {
  const [picked, setPicked] = useState<Pick[]>([])
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const toggle = (unitId: string) =>
    setPicked((p) => (p.some((x) => x.unitId === unitId) ? p.filter((x) => x.unitId !== unitId) : [...p, { unitId, task: '', acceptHours: 24 }]))
  const update = (unitId: string, patch: Partial<Pick>) => setPicked((p) => p.map((x) => (x.unitId === unitId ? { ...x, ...patch } : x)))

  async function send() {
    if (busy) return
    if (!picked.length) return setProblem('请至少选择一个联动单位')
    const empty = picked.find((x) => x.task.trim().length < 2)
    if (empty) return setProblem(`请写明请「${units.find((u) => u.id === empty.unitId)?.name ?? ''}」做什么`)
    setBusy(true)
    try {
      await onSend(picked.map((x) => ({ ...x, task: x.task.trim() })))
      setPicked([])
      setProblem(null)
      onClose()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Popup visible={visible} position="bottom" round closeable onClose={() => !busy && onClose()} title="联动转办">
      <View className="opinion-sheet cs-refer">
        <Text className="muted">首接负责：转办后本案仍由您负责到底，可在案件页看到各单位进展。</Text>
        <View className="row" role="group" aria-label="联动单位">
          {units.map((u) => {
            const on = picked.some((x) => x.unitId === u.id)
            const taken = busyUnitIds.includes(u.id)
            return (
              <View key={u.id} role="checkbox" aria-checked={on} aria-disabled={taken} className={`form-option cs-unit ${on ? 'is-on' : ''} ${taken ? 'is-off' : ''}`} onClick={() => !taken && toggle(u.id)}>
                <Text className="cs-unit-kind">{partnerKindLabels[u.kind]}</Text> {u.name}
                {taken ? '（办理中）' : ''}
              </View>
            )
          })}
        </View>
        {picked.map((x) => {
          const unit = units.find((u) => u.id === x.unitId)
          return (
            <View key={x.unitId} className="cs-refer-item">
              <Text className="form-label">请{unit?.name}做什么</Text>
              <Textarea className="form-textarea cs-refer-task" value={x.task} maxlength={200} aria-label={`请${unit?.name}做什么`} placeholder="如：请核实警情，视情出具告诫书" onInput={(e) => update(x.unitId, { task: e.detail.value })} />
              <Text className="muted">签收时限</Text>
              <View className="row" role="radiogroup" aria-label={`${unit?.name}签收时限`}>
                {HOURS.map((h) => (
                  <View key={h} role="radio" aria-checked={x.acceptHours === h} className={`form-option ${x.acceptHours === h ? 'is-on' : ''}`} onClick={() => update(x.unitId, { acceptHours: h })}>
                    {h} 小时
                  </View>
                ))}
              </View>
            </View>
          )
        })}
        <FieldError message={problem} />
        <Button block type="primary" loading={busy} disabled={busy} onClick={() => void send()}>
          发送转办{picked.length ? `（${picked.length} 个单位）` : ''}
        </Button>
      </View>
    </Popup>
  )
}
