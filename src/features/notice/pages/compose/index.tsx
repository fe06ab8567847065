import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidHide } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useRef, useState } from 'react'
import * as v from 'valibot'
import { urgencies, urgencyLabels, type Urgency } from '../../../../contract/common'
import { noticeRoutes } from '../../../../contract/notices'
import { PageShell } from '../../../../components/page-shell'
import { PersonPicker, type PickedPerson } from '../../../../components/person-picker'
import { clock } from '../../../../core/clock'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { cstAt, cstDate, toIso } from '../../../../core/time'
import { useSignedIn } from '../../../../core/use-signed-in'

interface Form {
  title: string
  body: string
  urgency: Urgency
  /** YYYY-MM-DD: due at 18:00 that day */
  dueDay: string
  readers: PickedPerson[]
}

const empty: Form = { title: '', body: '', urgency: 'normal', dueDay: '', readers: [] }
type Errors = Partial<Record<'title' | 'body' | 'deadline' | 'readerIds', string>>

function toBody(f: Form) {
  return {
    title: f.title,
    body: f.body,
    urgency: f.urgency,
    deadline: f.dueDay ? toIso(cstAt(f.dueDay, 18)) : undefined,
    readerIds: f.readers.map((r) => r.id),
  }
}

/** The contract's own schema checks the form, so the page says exactly what the server would. */
function check(f: Form): Errors {
  const r = v.safeParse(noticeRoutes.create.body!, toBody(f))
  const errors: Errors = {}
  if (!r.success) {
    for (const issue of r.issues) {
      const key = String(issue.path?.[0]?.key ?? '') as keyof Errors
      if (key && !errors[key]) errors[key] = issue.message
    }
  }
  if (f.dueDay && f.dueDay < cstDate(clock.now())) errors.deadline = '「办理时限」不能早于今天'
  return errors
}

/** 发工作通知: a draft kept as you type, one send however often you tap. */
function ComposePage() {
  const root = useStores()
  const signedIn = useSignedIn()
  const draft = useMemo(() => new FormDraft<Form>(root.storage, `notice-compose:${root.session.user?.id ?? ''}`), [root, root.session.user?.id])
  const [form, setForm] = useState<Form>(empty)
  const [errors, setErrors] = useState<Errors>({})
  const [picking, setPicking] = useState(false)
  const [sending, setSending] = useState(false)
  const [restored, setRestored] = useState(false)
  // one key for this piece of writing: a double tap or a retry after a lost answer sends it once
  const key = useRef(newIdempotencyKey())

  useEffect(() => {
    if (!signedIn) return
    const saved = draft.restore()
    if (saved) {
      setForm({ ...empty, ...saved })
      setRestored(true)
    }
  }, [signedIn, draft])
  useDidHide(() => draft.saveNow(form))

  const update = (patch: Partial<Form>) => {
    const next = { ...form, ...patch }
    setForm(next)
    draft.save(next)
    if (Object.keys(errors).length) setErrors(check(next))
  }

  async function send() {
    if (sending) return
    const found = check(form)
    setErrors(found)
    if (Object.keys(found).length) return
    setSending(true)
    try {
      const n = await root.api.call(noticeRoutes.create, { body: toBody(form), idempotencyKey: key.current })
      draft.clear()
      key.current = newIdempotencyKey()
      root.inbox.invalidate()
      void Taro.showToast({ title: '已发出', icon: 'success' })
      void Taro.redirectTo({ url: `/features/notice/pages/detail/index?id=${n.id}` })
    } catch (err) {
      const e = toApiError(err)
      // a refusal is final for this key: the corrected form is a new submission
      if (!e.transient) key.current = newIdempotencyKey()
      const field = e.field as keyof Errors | null
      if (field) setErrors({ [field]: e.message })
      else showError(e)
    } finally {
      setSending(false)
    }
  }

  const fieldError = (k: keyof Errors) =>
    errors[k] ? (
      <View className="form-error" role="alert">
        {errors[k]}
      </View>
    ) : null

  return (
    <PageShell>
      {restored ? <Text className="form-restored">已恢复上次未发出的草稿</Text> : null}
      <View className="card form-field">
        <Text className="form-label">标题</Text>
        <Input className="form-input" value={form.title} maxlength={60} placeholder="如：关于报送年度工作总结的通知" aria-label="标题" onInput={(e) => update({ title: e.detail.value })} />
        {fieldError('title')}
      </View>
      <View className="card form-field">
        <Text className="form-label">正文</Text>
        <Textarea className="form-textarea" value={form.body} maxlength={2000} placeholder="写明要求、时间和联系人" aria-label="正文" onInput={(e) => update({ body: e.detail.value })} />
        <Text className="muted form-count">{form.body.length}/2000</Text>
        {fieldError('body')}
      </View>
      <View className="card form-field">
        <Text className="form-label">阅知人</Text>
        <View className="row">
          {form.readers.map((r) => (
            <Text key={r.id} className="form-chip" onClick={() => update({ readers: form.readers.filter((x) => x.id !== r.id) })}>
              {r.name} ×
            </Text>
          ))}
          <View className="form-add" role="button" onClick={() => setPicking(true)}>
            ＋ 选择人员
          </View>
        </View>
        {fieldError('readerIds')}
      </View>
      <View className="card form-field">
        <Text className="form-label">紧急程度</Text>
        <View className="row">
          {urgencies.map((u) => (
            <View key={u} role="radio" aria-checked={form.urgency === u} className={`form-option ${form.urgency === u ? 'is-on' : ''}`} onClick={() => update({ urgency: u })}>
              {urgencyLabels[u]}
            </View>
          ))}
        </View>
      </View>
      <View className="card form-field">
        <Text className="form-label">办理时限（可不设）</Text>
        <Picker mode="date" value={form.dueDay || cstDate(clock.now())} start={cstDate(clock.now())} onChange={(e) => update({ dueDay: String(e.detail.value) })}>
          <Text className="form-input">{form.dueDay ? `${form.dueDay} 18:00 前` : '点此选择日期'}</Text>
        </Picker>
        {form.dueDay ? (
          <Text className="form-add" onClick={() => update({ dueDay: '' })}>
            不设时限
          </Text>
        ) : null}
        {fieldError('deadline')}
      </View>
      <View className="form-actions">
        <Button block type="primary" loading={sending} disabled={sending} onClick={() => void send()}>
          发出通知
        </Button>
      </View>
      <PersonPicker
        visible={picking}
        selected={form.readers}
        onClose={() => setPicking(false)}
        onConfirm={(people) => {
          setPicking(false)
          update({ readers: people })
        }}
      />
    </PageShell>
  )
}

export default observer(ComposePage)
