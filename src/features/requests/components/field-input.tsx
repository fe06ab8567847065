import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { FieldDef } from '../../../contract/requests'
import { clock } from '../../../core/clock'
import { cstDate } from '../../../core/time'

/** The same rules the server applies, said beside the field before anything is sent. */
export function checkField(f: FieldDef, raw: string | undefined): string | null {
  const v = (raw ?? '').trim()
  if (!v) return f.required ? `请填写「${f.label}」` : null
  if (f.type === 'number') {
    const n = Number(v)
    if (!Number.isInteger(n)) return `「${f.label}」应填写整数`
    if (f.min !== null && n < f.min) return `「${f.label}」不能少于 ${f.min}`
    if (f.max !== null && n > f.max) return `「${f.label}」不能多于 ${f.max}`
  } else if (f.type === 'select') {
    if (!f.options?.includes(v)) return `请从列表中选择「${f.label}」`
  } else if (f.max !== null && v.length > f.max) return `「${f.label}」不能超过 ${f.max} 个字，现在 ${v.length} 个字，请删减`
  return null
}

/** Said beside a date, without stopping the form: a past start date is allowed (补请病假) but never silent. */
export function dateHint(f: FieldDef, value: string, today: string): string | null {
  if (f.type !== 'date' || !value || value >= today) return null
  return `${f.label}早于今天（${today.slice(5)}），如是补办请在事由中说明`
}

/**
 * A text box keeps all that was typed or pasted (no silent cut at the limit); the counter shows the limit,
 * and checkField says by how much it is over.
 */
const PASTE_ROOM = 4

export function FieldInput({ f, value, onChange }: { f: FieldDef; value: string; onChange(v: string): void }) {
  if (f.type === 'textarea') {
    const max = f.max ?? 500
    const over = value.length > max
    return (
      <>
        <Textarea className="form-textarea" value={value} maxlength={max * PASTE_ROOM} placeholder={f.placeholder ?? ''} aria-label={f.label} onInput={(e) => onChange(e.detail.value)} />
        <Text className={`muted form-count ${over ? 'is-over' : ''}`} aria-label={`已输入 ${value.length} 字，最多 ${max} 字`}>
          {value.length}/{max}
        </Text>
      </>
    )
  }
  if (f.type === 'select') {
    return (
      <View className="row" role="radiogroup" aria-label={f.label}>
        {(f.options ?? []).map((o) => (
          <View key={o} role="radio" aria-checked={o === value} className={`form-option ${o === value ? 'is-on' : ''}`} onClick={() => onChange(o)}>
            {o}
          </View>
        ))}
      </View>
    )
  }
  if (f.type === 'date') {
    return (
      // the picker opens on today in Beijing, not on the device's date
      <Picker mode="date" value={value || cstDate(clock.now())} onChange={(e) => onChange(String(e.detail.value))}>
        <Text className="form-input" aria-label={f.label}>
          {value || '点此选择日期'}
        </Text>
      </Picker>
    )
  }
  return (
    <Input
      className="form-input"
      type={f.type === 'number' ? 'number' : 'text'}
      value={value}
      maxlength={f.type === 'number' ? 6 : (f.max ?? 100)}
      placeholder={f.placeholder ?? ''}
      aria-label={f.label}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}


/**
 * One field of a 零跑动 form as a card: what the directory already knows is shown, not asked (the phone
 * can be changed); anything else is asked, with its error and, for a date, the hint about a past day.
 */
export function FieldCard({ f, value, prefilled, error, onChange }: { f: FieldDef; value: string | undefined; prefilled: string | undefined; error: ReactNode; onChange(v: string): void }) {
  if (f.prefill && f.prefill !== 'phone')
    return (
      <View className="card form-field rq-prefilled">
        <Text className="form-label">{f.label}</Text>
        <Text>{prefilled ?? ''}</Text>
        <Text className="muted">由通讯录带入，无需填写</Text>
      </View>
    )
  const hint = dateHint(f, value ?? '', cstDate(clock.now()))
  return (
    <View className="card form-field">
      <Text className="form-label">
        {f.label}
        {f.required ? '' : '（可不填）'}
      </Text>
      <FieldInput f={f} value={value ?? (f.prefill ? (prefilled ?? '') : '')} onChange={onChange} />
      {error}
      {hint ? <Text className="rq-date-hint">{hint}</Text> : null}
    </View>
  )
}
