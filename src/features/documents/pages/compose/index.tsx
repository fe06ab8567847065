import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidHide, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useRef, useState } from 'react'
import * as v from 'valibot'
import { urgencies, urgencyLabels, type Urgency } from '../../../../contract/common'
import { docTypes, draftInput, MAX_ATTACHMENTS, MAX_BODY_CHARS, secrecyLabels, secrecyLevels, type DocType, type DocumentDetail, type DraftInput, type Secrecy } from '../../../../contract/documents'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { formatSize, type AttachmentFile } from '../../../../components/attachment-list'
import { clock } from '../../../../core/clock'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError, toast, type ApiError } from '../../../../core/errors'
import { pickFiles, uploadPicked } from '../../../../core/upload'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { cstAt, cstDate, toIso } from '../../../../core/time'
import { useSignedIn } from '../../../../core/use-signed-in'
import { DeptPicker } from '../../components/dept-picker'
import { useDocumentsStore } from '../../store'
import './index.scss'

interface Form {
  docType: DocType | ''
  title: string
  secrecy: Secrecy
  urgency: Urgency
  /** YYYY-MM-DD, due at 18:00 that day; only for 加急/特急, empty lets the BFF propose one */
  deadlineDay: string
  mainToDeptIds: string[]
  ccDeptIds: string[]
  countersignDeptIds: string[]
  signerId: string
  body: string
  /** uploaded already; the draft keeps them by id */
  attachments: AttachmentFile[]
}

interface SavedDraft {
  form: Form
  /** the server version the local edits started from; a draft of an older version is not restored */
  version: number | null
}

type FieldKey = keyof Omit<DraftInput, 'attachmentIds'>
type Errors = Partial<Record<FieldKey, string>>
type DeptField = 'mainToDeptIds' | 'ccDeptIds' | 'countersignDeptIds'

const empty: Form = {
  docType: '',
  title: '',
  secrecy: 'none',
  urgency: 'normal',
  deadlineDay: '',
  mainToDeptIds: [],
  ccDeptIds: [],
  countersignDeptIds: [],
  signerId: '',
  body: '',
  attachments: [],
}

const deptFields: { key: DeptField; label: string; required: boolean; hint?: string }[] = [
  { key: 'mainToDeptIds', label: '主送', required: true },
  { key: 'ccDeptIds', label: '抄送', required: false },
  { key: 'countersignDeptIds', label: '会签单位', required: false, hint: '会签单位负责人并行会签，全部同意后再送签发' },
]

const DETAIL = '/features/documents/pages/detail/index'

function toInput(f: Form): DraftInput {
  return {
    docType: f.docType as DocType,
    title: f.title,
    secrecy: f.secrecy,
    urgency: f.urgency,
    // due at the end of the working day, as the office's own proposal is
    deadline: f.urgency !== 'normal' && f.deadlineDay ? toIso(cstAt(f.deadlineDay, 18)) : undefined,
    mainToDeptIds: f.mainToDeptIds,
    ccDeptIds: f.ccDeptIds,
    countersignDeptIds: f.countersignDeptIds,
    signerId: f.signerId,
    body: f.body,
    attachmentIds: f.attachments.map((a) => a.id),
  }
}

/** The contract's own schema checks the form, so the page says what the server would say. */
function check(f: Form): Errors {
  const errors: Errors = {}
  const r = v.safeParse(draftInput, toInput(f))
  if (!r.success) {
    for (const issue of r.issues) {
      const key = String(issue.path?.[0]?.key ?? '') as FieldKey
      if (key && !errors[key]) errors[key] = issue.message
    }
  }
  // nothing chosen yet reads as "choose one", not the schema's "取值不对 / 格式不对"
  if (!f.docType) errors.docType = '请选择「文种」'
  if (!f.signerId) errors.signerId = '请选择「签发人」'
  if (f.urgency !== 'normal' && f.deadlineDay && f.deadlineDay < cstDate(clock.now())) errors.deadline = '「办理时限」不能早于今天'
  return errors
}

function fromDetail(d: DocumentDetail): Form {
  return {
    docType: d.docType,
    title: d.title,
    secrecy: d.secrecy,
    urgency: d.urgency,
    deadlineDay: d.urgency !== 'normal' && d.deadline ? cstDate(new Date(d.deadline)) : '',
    mainToDeptIds: d.draft?.mainToDeptIds ?? [],
    ccDeptIds: d.draft?.ccDeptIds ?? [],
    countersignDeptIds: d.draft?.countersignDeptIds ?? [],
    signerId: d.draft?.signerId ?? '',
    body: d.body,
    attachments: d.attachments,
  }
}

const hasContent = (f: Form) => !!(f.title.trim() || f.body.trim() || f.docType || f.mainToDeptIds.length || f.ccDeptIds.length || f.countersignDeptIds.length || f.signerId)

/** 拟稿: an outgoing document written on the phone, kept locally as it is typed, saved or sent for 核稿. */
function ComposePage() {
  const root = useStores()
  const store = useDocumentsStore(root)
  const signedIn = useSignedIn()
  const editId = useRouter().params.id ?? null
  const userId = root.session.user?.id ?? ''
  const [form, setForm] = useState<Form>(empty)
  const [errors, setErrors] = useState<Errors>({})
  const [ready, setReady] = useState(false)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [notEditable, setNotEditable] = useState<'missing' | 'locked' | null>(null)
  const [restored, setRestored] = useState(false)
  const [picking, setPicking] = useState<DeptField | null>(null)
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)
  // a returned draft goes back as 修改后重新送审: the server names the action
  const [submitLabel, setSubmitLabel] = useState('送审')
  /** the document on the server once saved (or when editing): later saves update it instead of creating another */
  const [saved, setSaved] = useState<{ id: string; version: number } | null>(null)
  const [uploading, setUploading] = useState(0)
  // one key per logical save: a double tap or a retry after a lost answer creates one draft
  const key = useRef(newIdempotencyKey())
  // state updates land after the render; a second tap in the same tick must still see the first
  const busyRef = useRef(false)

  const docId = saved?.id ?? editId
  const draft = useMemo(() => new FormDraft<SavedDraft>(root.storage, `document-compose:${userId}:${docId ?? 'new'}`), [root, userId, docId])

  async function load() {
    setLoadError(null)
    try {
      await store.loadOptions()
      let base = empty
      let version: number | null = null
      if (editId) {
        await store.load(editId)
        const d = store.detail
        if (store.detailError?.code === 'NOT_FOUND') return setNotEditable('missing')
        if (store.detailError) throw store.detailError
        if (!d || d.id !== editId || !d.draft) return setNotEditable('locked')
        base = fromDetail(d)
        version = d.version
        setSubmitLabel(d.availableActions.find((a) => a.key === 'submit')?.label ?? '送审')
        setSaved({ id: d.id, version: d.version })
      }
      const local = draft.restore()
      if (local && local.version === version && hasContent(local.form)) {
        setForm({ ...empty, ...local.form })
        setRestored(true)
      } else {
        setForm(base)
      }
      setReady(true)
    } catch (err) {
      setLoadError(toApiError(err))
    }
  }

  useEffect(() => {
    if (signedIn) void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  useDidHide(() => {
    if (ready && hasContent(form)) draft.saveNow({ form, version: saved?.version ?? null })
  })

  const update = (patch: Partial<Form>) => {
    const next = { ...form, ...patch }
    setForm(next)
    draft.save({ form: next, version: saved?.version ?? null })
    if (Object.keys(errors).length) setErrors(check(next))
  }

  /** Uploads what the person picks, one file at a time; each lands in the form (and its local draft) as it arrives. */
  async function addAttachments() {
    const room = MAX_ATTACHMENTS - form.attachments.length
    if (room <= 0) return toast(`附件最多 ${MAX_ATTACHMENTS} 个`)
    const files = await pickFiles(room)
    for (const f of files) {
      setUploading((n) => n + 1)
      try {
        const meta = await uploadPicked(root, f)
        setForm((prev) => {
          const next = { ...prev, attachments: [...prev.attachments, { id: meta.id, name: meta.name, size: meta.size, mime: meta.mime }] }
          draft.save({ form: next, version: saved?.version ?? null })
          return next
        })
      } catch (err) {
        showError(err)
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  /** Saves to the server; returns the saved document, or null when the form or the server refused. */
  async function persist(verb: string): Promise<DocumentDetail | null> {
    const found = check(form)
    setErrors(found)
    if (Object.keys(found).length) {
      void Taro.showToast({ title: `请按提示修改后再${verb}`, icon: 'none' })
      return null
    }
    try {
      const d = await store.saveDraft(toInput(form), saved, key.current)
      key.current = newIdempotencyKey()
      draft.clear()
      setSaved({ id: d.id, version: d.version })
      return d
    } catch (err) {
      const e = toApiError(err)
      // a refusal is final for this key: the corrected form is a new submission
      if (!e.transient) key.current = newIdempotencyKey()
      const field = e.field?.split('.')[0] as FieldKey | undefined
      if (field && field in empty) setErrors({ [field]: e.message })
      else if (field === 'deadline') setErrors({ deadline: e.message })
      else showError(e)
      return null
    }
  }

  async function saveOnly() {
    if (busyRef.current) return
    if (uploading) return toast('附件还在上传，请稍候')
    busyRef.current = true
    setBusy('save')
    try {
      if (await persist('保存')) void Taro.showToast({ title: '草稿已保存', icon: 'success' })
    } finally {
      busyRef.current = false
      setBusy(null)
    }
  }

  async function submit() {
    if (busyRef.current) return
    if (uploading) return toast('附件还在上传，请稍候')
    busyRef.current = true
    setBusy('submit')
    try {
      const d = await persist('送审')
      if (!d) return
      try {
        await store.act('submit', '')
      } catch (err) {
        // the draft is safe on the server; 送审 can be tried again from here or from the document
        const e = toApiError(err)
        if (store.detail?.id === d.id) setSaved({ id: d.id, version: store.detail.version })
        showError(e)
        return
      }
      void Taro.showToast({ title: '已送核稿', icon: 'success' })
      void Taro.redirectTo({ url: `${DETAIL}?id=${d.id}` })
    } finally {
      busyRef.current = false
      setBusy(null)
    }
  }

  if (loadError) {
    return (
      <PageShell>
        <ErrorState error={loadError} onRetry={() => void load()} />
      </PageShell>
    )
  }
  if (notEditable) {
    return (
      <PageShell>
        {notEditable === 'missing' ? (
          <EmptyState title="没有找到这份公文" hint="可能已被删除，或您没有查看权限" />
        ) : (
          <EmptyState title="这份公文现在不能修改" hint="只有拟稿人可以修改草稿或被退回的稿件；已送审的稿件请先撤回" />
        )}
      </PageShell>
    )
  }
  const options = store.options
  if (!ready || !options) {
    return (
      <PageShell>
        <Text className="doc-compose-loading muted">加载中…</Text>
      </PageShell>
    )
  }

  const deptName = (id: string) => options.departments.find((d) => d.id === id)?.name ?? id
  const fieldError = (k: FieldKey) =>
    errors[k] ? (
      <View className="form-error" role="alert">
        {errors[k]}
      </View>
    ) : null
  const pickerField = picking ? deptFields.find((f) => f.key === picking) : null

  return (
    <PageShell className="doc-compose">
      {restored ? <Text className="form-restored">已恢复上次未保存的内容</Text> : null}
      <View className="card form-field">
        <Text className="form-label">文种</Text>
        <View className="row doc-compose-options" role="radiogroup" aria-label="文种">
          {docTypes.map((t) => (
            <View key={t} role="radio" aria-checked={form.docType === t} className={`form-option ${form.docType === t ? 'is-on' : ''}`} onClick={() => update({ docType: t })}>
              {t}
            </View>
          ))}
        </View>
        {fieldError('docType')}
      </View>
      <View className="card form-field">
        <Text className="form-label">标题</Text>
        <Input className="form-input" value={form.title} maxlength={100} placeholder="如：关于做好今冬明春安全生产工作的通知" aria-label="标题" onInput={(e) => update({ title: e.detail.value })} />
        {fieldError('title')}
      </View>
      <View className="card form-field">
        <Text className="form-label">密级</Text>
        <View className="row doc-compose-options" role="radiogroup" aria-label="密级">
          {secrecyLevels.map((s) => (
            <View key={s} role="radio" aria-checked={form.secrecy === s} className={`form-option ${form.secrecy === s ? 'is-on' : ''}`} onClick={() => update({ secrecy: s })}>
              {secrecyLabels[s]}
            </View>
          ))}
        </View>
        {fieldError('secrecy')}
      </View>
      <View className="card form-field">
        <Text className="form-label">紧急程度</Text>
        <View className="row doc-compose-options" role="radiogroup" aria-label="紧急程度">
          {urgencies.map((u) => (
            <View key={u} role="radio" aria-checked={form.urgency === u} className={`form-option ${form.urgency === u ? 'is-on' : ''}`} onClick={() => update({ urgency: u })}>
              {urgencyLabels[u]}
            </View>
          ))}
        </View>
        {fieldError('urgency')}
      </View>
      {form.urgency !== 'normal' ? (
        <View className="card form-field">
          <Text className="form-label">办理时限（可不填）</Text>
          <Picker mode="date" value={form.deadlineDay || cstDate(clock.now())} start={cstDate(clock.now())} onChange={(e) => update({ deadlineDay: String(e.detail.value) })}>
            <Text className="form-input" aria-label="办理时限">
              {form.deadlineDay ? `${form.deadlineDay} 18:00 前` : '点此选择日期'}
            </Text>
          </Picker>
          <Text className="muted">不填则按特急 1 个工作日、加急 3 个工作日自动计算</Text>
          {form.deadlineDay ? (
            <Text className="form-add doc-compose-clear" onClick={() => update({ deadlineDay: '' })}>
              不填，自动计算
            </Text>
          ) : null}
          {fieldError('deadline')}
        </View>
      ) : null}
      {deptFields.map((f) => (
        <View key={f.key} className="card form-field">
          <Text className="form-label">
            {f.label}
            {f.required ? '' : '（可不填）'}
          </Text>
          <View className="row doc-compose-chips">
            {form[f.key].map((id) => (
              <View key={id} className="form-chip" role="button" aria-label={`移除${deptName(id)}`} onClick={() => update({ [f.key]: form[f.key].filter((x) => x !== id) })}>
                {deptName(id)} ×
              </View>
            ))}
            <View className="form-add" role="button" aria-label={`选择${f.label}`} onClick={() => setPicking(f.key)}>
              ＋ 选择{f.label}
            </View>
          </View>
          {f.hint ? <Text className="muted">{f.hint}</Text> : null}
          {fieldError(f.key)}
        </View>
      ))}
      <View className="card form-field">
        <Text className="form-label">签发人</Text>
        <View className="doc-compose-signers" role="radiogroup" aria-label="签发人">
          {options.leaders.map((p) => (
            <View key={p.id} role="radio" aria-checked={form.signerId === p.id} aria-label={p.name} className={`doc-compose-signer ${form.signerId === p.id ? 'is-on' : ''}`} onClick={() => update({ signerId: p.id })}>
              <Text className="doc-compose-signer-name">{p.name}</Text>
              <Text className="muted">{p.position}</Text>
            </View>
          ))}
        </View>
        {fieldError('signerId')}
      </View>
      <View className="card form-field">
        <Text className="form-label">正文</Text>
        <Textarea className="form-textarea doc-compose-body" value={form.body} maxlength={MAX_BODY_CHARS} placeholder="正文不少于 10 个字" aria-label="正文" onInput={(e) => update({ body: e.detail.value })} />
        <Text className="muted form-count">
          {form.body.length}/{MAX_BODY_CHARS}
        </Text>
        {fieldError('body')}
      </View>
      <View className="card form-field">
        <Text className="form-label">附件（可不填）</Text>
        {form.attachments.map((a) => (
          <View key={a.id} className="row doc-compose-attachment">
            <Text className="doc-compose-attachment-name">{a.name}</Text>
            <Text className="muted">{formatSize(a.size)}</Text>
            <View className="form-add" role="button" aria-label={`移除${a.name}`} onClick={() => update({ attachments: form.attachments.filter((x) => x.id !== a.id) })}>
              移除
            </View>
          </View>
        ))}
        <View className="form-add" role="button" aria-label="添加附件" onClick={() => void addAttachments()}>
          {uploading ? `正在上传 ${uploading} 个附件…` : '＋ 添加附件'}
        </View>
        <Text className="muted">PDF、图片、Word、Excel 或 OFD，每个不超过 10 MB，最多 {MAX_ATTACHMENTS} 个</Text>
      </View>
      <View className="form-actions row doc-compose-actions">
        <Button className="doc-compose-button" fill="outline" type="primary" loading={busy === 'save'} disabled={!!busy} onClick={() => void saveOnly()}>
          保存草稿
        </Button>
        <Button className="doc-compose-button" type="primary" loading={busy === 'submit'} disabled={!!busy} onClick={() => void submit()}>
          {submitLabel}
        </Button>
      </View>
      <DeptPicker
        visible={!!pickerField}
        title={pickerField ? `选择${pickerField.label}` : ''}
        multiple
        selected={picking ? form[picking] : []}
        options={options.departments}
        onClose={() => setPicking(null)}
        onConfirm={(ids) => {
          const field = picking
          setPicking(null)
          if (field) update({ [field]: ids })
        }}
      />
    </PageShell>
  )
}

export default observer(ComposePage)
