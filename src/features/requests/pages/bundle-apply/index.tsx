import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useRef, useState } from 'react'
import { requestRoutes, type Bundle, type FieldDef, type SlotSuggestion } from '../../../../contract/requests'
import { EmptyState } from '../../../../components/empty-state'
import { PageShell } from '../../../../components/page-shell'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { checkField, FieldCard } from '../../components/field-input'
import { SlotPicker } from '../../components/slot-picker'
import { useRequestsStore, type Slot } from '../../store'
import './index.scss'

type Values = Record<string, string>
interface Draft {
  values: Values
  slots: Record<string, Slot | null>
}
/** What this page asks: the bundle's whole form, or (re-applying a refused part) that part's own fields. */
interface Form {
  title: string
  fields: FieldDef[]
  slots: Bundle['slots']
}

const hm = (iso: string) => iso.slice(11, 16)

/**
 * 一次申报: one form for the whole 一件事, each fact asked once. A slot someone took meanwhile comes back
 * with the next free ones to pick from; every other answer stays as it was typed.
 */
function BundleApplyPage() {
  const root = useStores()
  const store = useRequestsStore(root)
  const signedIn = useSignedIn()
  const params = useRouter().params
  const reapplyId = params.id ?? null
  const partKey = params.part ?? null
  const [def, setDef] = useState<Bundle | null>(null)
  const [form, setForm] = useState<Form | null>(null)
  const [values, setValues] = useState<Values>({})
  const [prefilled, setPrefilled] = useState<Values>({})
  const [slots, setSlots] = useState<Record<string, Slot | null>>({})
  const [pickerGen, setPickerGen] = useState(0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [suggestions, setSuggestions] = useState<{ key: string; items: SlotSuggestion[] } | null>(null)
  const [sending, setSending] = useState(false)
  const [missing, setMissing] = useState(false)
  const [restored, setRestored] = useState(false)
  const key = useRef(newIdempotencyKey())
  const bundleId = params.bundle ?? store.bundle?.bundleId ?? ''
  const draft = useMemo(() => (reapplyId ? null : new FormDraft<Draft>(root.storage, `bundle:${bundleId}:${root.session.user?.id ?? ''}`)), [root, bundleId, reapplyId, root.session.user?.id])

  useEffect(() => {
    if (!signedIn) return
    void (async () => {
      try {
        if (!store.bundles.length) await store.loadCatalogue()
        if (reapplyId) {
          await store.loadBundle(reapplyId)
          const b = store.bundle
          const d = b ? store.bundleDef(b.bundleId) : null
          const p = b?.parts.find((x) => x.key === partKey)
          if (!b || !d || !p?.requestId) return setMissing(true)
          const cfg = d.parts.find((x) => x.key === p.key)!
          const old = await root.api.call(requestRoutes.get, { params: { id: p.requestId } })
          const pre = await root.api.call(requestRoutes.prefill, { params: { id: cfg.itemId } })
          setPrefilled(pre.values)
          setValues(Object.fromEntries(Object.entries(old.values).map(([k, v]) => [k, String(v)])))
          const slotDef = d.slots.find((s) => s.key === cfg.slot)
          setSlots(old.slot && slotDef ? { [slotDef.key]: { resourceId: old.slot.resourceId, start: old.slot.start, end: old.slot.end } } : {})
          setDef(d)
          // the facts this part holds, as the bundle's form asks them; what the bundle implied stays as it was
          setForm({ title: `修改后重新申请「${p.name}」`, fields: d.fields.filter((f) => f.key in old.values), slots: slotDef ? [slotDef] : [] })
          return
        }
        const d = store.bundleDef(bundleId)
        if (!d) return setMissing(true)
        const pre = await root.api.call(requestRoutes.prefill, { params: { id: d.parts[0].itemId } })
        setPrefilled(pre.values)
        const saved = draft?.restore()
        if (saved && (Object.values(saved.slots).some(Boolean) || Object.values(saved.values).some((v) => v.trim()))) {
          setValues(saved.values)
          setSlots(saved.slots)
          setRestored(true)
        }
        setDef(d)
        setForm({ title: d.name, fields: d.fields, slots: d.slots })
      } catch (err) {
        showError(err)
      }
    })()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  useDidHide(() => draft?.saveNow({ values, slots }))

  const change = (patch: Values) => {
    const next = { ...values, ...patch }
    setValues(next)
    draft?.save({ values: next, slots })
    for (const k of Object.keys(patch)) {
      const f = form?.fields.find((x) => x.key === k)
      if (errors[k]) setErrors((e) => ({ ...e, [k]: (f && checkField(f, next[k])) || '' }))
    }
  }
  const pickSlot = (k: string, s: Slot | null) => {
    if (JSON.stringify(s) === JSON.stringify(slots[k] ?? null)) return
    const next = { ...slots, [k]: s }
    setSlots(next)
    draft?.save({ values, slots: next })
  }
  const takeSuggestion = (k: string, s: SlotSuggestion) => {
    pickSlot(k, { resourceId: s.resourceId, start: s.start, end: s.end })
    setSuggestions(null)
    setErrors((e) => ({ ...e, [k]: '' }))
    // the picker starts again from the slot taken
    setPickerGen((g) => g + 1)
  }

  async function submit() {
    if (!def || !form || sending) return
    const found: Record<string, string> = {}
    for (const f of form.fields) {
      if (f.prefill && f.prefill !== 'phone') continue
      const problem = checkField(f, values[f.key] ?? (f.prefill ? prefilled[f.key] : undefined))
      if (problem) found[f.key] = problem
    }
    for (const s of form.slots) if (!slots[s.key]) found[s.key] = `请选择${s.label}`
    setErrors(found)
    if (Object.values(found).some(Boolean)) return
    const body = Object.fromEntries(
      form.fields
        .filter((f) => !f.prefill || f.prefill === 'phone')
        .map((f) => [f.key, (values[f.key] ?? '').trim()] as const)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, form.fields.find((f) => f.key === k)?.type === 'number' ? Number(v) : v]),
    ) as Record<string, string | number>
    const chosen = Object.fromEntries(form.slots.map((s) => [s.key, slots[s.key]!]))
    setSending(true)
    try {
      let id: string
      if (reapplyId) {
        const slot = form.slots[0] ? chosen[form.slots[0].key] : undefined
        await store.actBundle('reapply', { partKey: partKey!, values: body, ...(slot ? { slot } : {}) }, key.current)
        id = reapplyId
      } else {
        const result = await root.api.call(requestRoutes.bundleSubmit, { body: { bundleId: def.id, values: body, ...(form.slots.length ? { slots: chosen } : {}) }, idempotencyKey: key.current })
        id = result.id
      }
      draft?.clear()
      key.current = newIdempotencyKey()
      root.inbox.invalidate()
      void Taro.showToast({ title: reapplyId ? '已重新申请' : '已一次申报', icon: 'success' })
      void Taro.redirectTo({ url: `/features/requests/pages/bundle/index?id=${id}` })
    } catch (err) {
      const e = toApiError(err)
      if (!e.transient) key.current = newIdempotencyKey()
      const field = e.field?.replace(/^values\./, '').replace(/^slots\./, '') ?? null
      const offered = (e.details?.suggestions as SlotSuggestion[] | undefined) ?? null
      const slotField = field === 'slot' ? (form.slots[0]?.key ?? null) : field
      if (slotField && form.slots.some((s) => s.key === slotField)) {
        setErrors({ [slotField]: e.message })
        setSuggestions(offered?.length ? { key: slotField, items: offered } : null)
      } else if (field && form.fields.some((f) => f.key === field)) setErrors({ [field]: e.message })
      else showError(e)
    } finally {
      setSending(false)
    }
  }

  if (missing) return <PageShell><EmptyState title="没有找到这件事" hint="请回到服务目录重新选择" /></PageShell>
  if (!def || !form) return <PageShell><Text className="rq-loading muted">加载中…</Text></PageShell>

  const fieldError = (k: string) => (errors[k] ? <View className="form-error" role="alert">{errors[k]}</View> : null)
  return (
    <PageShell>
      {restored ? <Text className="form-restored">已恢复上次未提交的草稿</Text> : null}
      <View className="card rq-guide">
        <View className="row rq-guide-head">
          <Text className="rq-guide-title">{form.title}</Text>
          {reapplyId ? null : <Text className="rq-promise">{def.guide.promise.text}</Text>}
        </View>
        {reapplyId ? (
          <Text className="muted">其他事项照常办理，不需要重新填写</Text>
        ) : (
          <View className="rq-guide-body">
            <Text className="muted">谁可以申请：{def.guide.eligibility}</Text>
            <Text className="muted">材料：{def.guide.materials.join('；')}</Text>
            <Text className="muted">流程：{def.guide.steps.join(' → ')}</Text>
            <Text className="form-label">一次申报，包含 {def.parts.length} 个事项：</Text>
            <View className="bd-parts">
              {def.parts.map((p) => (
                <View key={p.key} className="bd-part">
                  <Text>{p.name}</Text>
                  <Text className="muted">
                    {p.approvers} · {p.promiseText}
                    {p.after.length ? ` · 在「${p.after.join('」「')}」办结后` : ''}
                  </Text>
                </View>
              ))}
            </View>
          </View>
        )}
      </View>
      {form.fields.map((f) => (
        <FieldCard key={f.key} f={f} value={values[f.key]} prefilled={prefilled[f.key]} error={fieldError(f.key)} onChange={(v) => change({ [f.key]: v })} />
      ))}
      {form.slots.map((s) => (
        <View key={s.key} className="card form-field">
          <Text className="form-label">选择{s.label}</Text>
          <SlotPicker key={`${s.key}-${pickerGen}`} type={s.type} value={slots[s.key] ?? null} error={errors[s.key]} onChange={(v) => pickSlot(s.key, v)} />
          {suggestions?.key === s.key ? (
            <View className="bd-suggest" role="list" aria-label="可改约的空闲时段">
              {suggestions.items.map((x) => (
                <View key={`${x.resourceId}-${x.start}`} role="button" className="bd-suggest-item" onClick={() => takeSuggestion(s.key, x)}>
                  改约 {x.resourceName} <Text className="nowrap">{x.start.slice(5, 10)} {hm(x.start)}–{hm(x.end)}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ))}
      <View className="form-actions">
        <Button block type="primary" loading={sending} disabled={sending} onClick={() => void submit()}>
          {reapplyId ? '重新申请此项' : '一次申报'}
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(BundleApplyPage)
