import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useRef, useState } from 'react'
import { requestRoutes, resourceTypeLabels, type CatalogueItem } from '../../../../contract/requests'
import { EmptyState } from '../../../../components/empty-state'
import { PageShell } from '../../../../components/page-shell'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { checkField, dateHint, FieldCard } from '../../components/field-input'
import { SlotPicker } from '../../components/slot-picker'
import { useRequestsStore, type Slot } from '../../store'
import './index.scss'

type Values = Record<string, string>
interface Draft {
  values: Values
  slot: Slot | null
}

export { dateHint }

/** 一次提交: the form comes from the item's field list; what the directory knows is already filled in. */
function ApplyPage() {
  const root = useStores()
  const store = useRequestsStore(root)
  const signedIn = useSignedIn()
  const params = useRouter().params
  const editId = params.id ?? null
  const [item, setItem] = useState<CatalogueItem | null>(null)
  const [values, setValues] = useState<Values>({})
  const [prefilled, setPrefilled] = useState<Values>({})
  const [slot, setSlot] = useState<Slot | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const [restored, setRestored] = useState(false)
  const [missing, setMissing] = useState(false)
  const [showGuide, setShowGuide] = useState(!editId)
  const version = useRef<number | null>(null)
  const key = useRef(newIdempotencyKey())
  const itemId = params.item ?? store.detail?.itemId ?? ''
  const draft = useMemo(() => (editId ? null : new FormDraft<Draft>(root.storage, `request:${itemId}:${root.session.user?.id ?? ''}`)), [root, itemId, editId, root.session.user?.id])

  useEffect(() => {
    if (!signedIn) return
    void (async () => {
      try {
        if (!store.catalogue.length) await store.loadCatalogue()
        let id = params.item ?? ''
        if (editId) {
          await store.load(editId)
          const d = store.detail
          if (!d) return setMissing(true)
          id = d.itemId
          version.current = d.version
          setValues(Object.fromEntries(Object.entries(d.values).map(([k, v]) => [k, String(v)])))
          setSlot(d.slot ? { resourceId: d.slot.resourceId, start: d.slot.start, end: d.slot.end } : null)
        }
        const found = store.item(id)
        if (!found) return setMissing(true)
        const pre = await root.api.call(requestRoutes.prefill, { params: { id } })
        setPrefilled(pre.values)
        const saved = draft?.restore()
        if (saved && (saved.slot || Object.values(saved.values).some((v) => v.trim()))) {
          setValues(saved.values)
          setSlot(saved.slot)
          setRestored(true)
        }
        // the form (and its slot picker) appears only now, so it starts from the restored draft
        setItem(found)
      } catch (err) {
        showError(err)
      }
    })()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  useDidHide(() => draft?.saveNow({ values, slot }))

  const change = (patch: Values, nextSlot: Slot | null = slot) => {
    const next = { ...values, ...patch }
    setValues(next)
    draft?.save({ values: next, slot: nextSlot })
    for (const k of Object.keys(patch)) {
      if (errors[k]) {
        const f = item?.fields.find((x) => x.key === k)
        setErrors((e) => ({ ...e, [k]: (f && checkField(f, next[k])) || '' }))
      }
    }
  }

  async function submit() {
    if (!item || sending) return
    const found: Record<string, string> = {}
    for (const f of item.fields) {
      if (f.prefill && f.prefill !== 'phone') continue
      const problem = checkField(f, values[f.key] ?? (f.prefill ? prefilled[f.key] : undefined))
      if (problem) found[f.key] = problem
    }
    if (item.resourceType && !slot) found.slot = '请选择资源和时段'
    setErrors(found)
    if (Object.values(found).some(Boolean)) return
    const body = Object.fromEntries(
      item.fields
        .filter((f) => !f.prefill || f.prefill === 'phone')
        .map((f) => [f.key, (values[f.key] ?? '').trim()])
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, item.fields.find((f) => f.key === k)?.type === 'number' ? Number(v) : v]),
    ) as Record<string, string | number>
    setSending(true)
    try {
      const result = editId
        ? await root.api.call(requestRoutes.resubmit, { params: { id: editId }, body: { version: version.current ?? 0, values: body, slot: slot ?? undefined }, idempotencyKey: key.current })
        : await root.api.call(requestRoutes.submit, { body: { itemId: item.id, values: body, slot: slot ?? undefined }, idempotencyKey: key.current })
      draft?.clear()
      key.current = newIdempotencyKey()
      root.inbox.invalidate()
      void Taro.showToast({ title: editId ? '已重新提交' : '已提交', icon: 'success' })
      void Taro.redirectTo({ url: `/features/requests/pages/detail/index?id=${result.id}` })
    } catch (err) {
      const e = toApiError(err)
      // a refusal is final for this key: the corrected form is a new submission
      if (!e.transient) key.current = newIdempotencyKey()
      const field = e.field?.replace(/^values\./, '') ?? null
      if (field && (field === 'slot' || item.fields.some((f) => f.key === field))) setErrors({ [field]: e.message })
      else showError(e)
    } finally {
      setSending(false)
    }
  }

  if (missing) return <PageShell><EmptyState title="没有找到这个事项" hint="请回到服务目录重新选择" /></PageShell>
  if (!item) return <PageShell><Text className="rq-loading muted">加载中…</Text></PageShell>

  const fieldError = (k: string) => (errors[k] ? <View className="form-error" role="alert">{errors[k]}</View> : null)
  return (
    <PageShell>
      {restored ? <Text className="form-restored">已恢复上次未提交的草稿</Text> : null}
      <View className="card rq-guide">
        <View className="row rq-guide-head" onClick={() => setShowGuide(!showGuide)}>
          <Text className="rq-guide-title">{item.name}</Text>
          <Text className="rq-promise">{item.guide.promise.text}</Text>
          <Text className="form-add">{showGuide ? '收起指南' : '办事指南'}</Text>
        </View>
        {showGuide ? (
          <View className="rq-guide-body">
            <Text className="muted">谁可以申请：{item.guide.eligibility}</Text>
            <Text className="muted">审批：{item.guide.approvers}</Text>
            <Text className="muted">材料：{item.guide.materials.join('；')}</Text>
            <Text className="muted">流程：{item.guide.steps.join(' → ')}</Text>
          </View>
        ) : null}
      </View>
      {item.fields.map((f) => (
        <FieldCard key={f.key} f={f} value={values[f.key]} prefilled={prefilled[f.key]} error={fieldError(f.key)} onChange={(v) => change({ [f.key]: v })} />
      ))}
      {item.resourceType ? (
        <View className="card form-field">
          <Text className="form-label">选择{resourceTypeLabels[item.resourceType]}和时段</Text>
          <SlotPicker
            type={item.resourceType}
            value={slot}
            error={errors.slot}
            onChange={(s) => {
              if (JSON.stringify(s) === JSON.stringify(slot)) return
              setSlot(s)
              draft?.save({ values, slot: s })
            }}
          />
        </View>
      ) : null}
      <View className="form-actions">
        <Button block type="primary" loading={sending} disabled={sending} onClick={() => void submit()}>
          {editId ? '修改后重新提交' : '提交申请'}
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(ApplyPage)
