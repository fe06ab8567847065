import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidHide } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useRef, useState } from 'react'
import { caseCategories, caseCategoryLabels, caseStreets, type CaseCategory, type RiskFactor } from '../../../../contract/cases'
import type { SafeContact } from '../../../../contract/safe-contact'
import { PageShell } from '../../../../components/page-shell'
import { SafeContactPicker } from '../../../../components/safe-contact-picker'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError, toast } from '../../../../core/errors'
import { pickPhoto, uploadPicked } from '../../../../core/upload'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { RiskChecklist } from '../../components/risk-checklist'
import { useCasesStore, type IntakeBody } from '../../store'
import '../../components/cases.scss'

interface Form {
  channel: 'hotline' | 'walk_in' | 'exec_report'
  category: CaseCategory
  streetName: string
  summary: string
  name: string
  phone: string
  idNumber: string
  address: string
  whereabouts: string
  otherName: string
  minor: boolean
  childName: string
  safeContact: SafeContact
  riskAnswers: RiskFactor[]
  /** the 执委's photo from the scene, once uploaded */
  photo: { id: string; name: string } | null
}
/** kept on the phone as a draft: never the numbers, the address or where she is now */
type DraftForm = Omit<Form, 'phone' | 'idNumber' | 'address' | 'whereabouts'>
type Errors = Partial<Record<'summary' | 'name' | 'phone' | 'idNumber' | 'streetName' | 'childName', string>>

const emptyForm = (exec: boolean, street: string | null): Form => ({
  channel: exec ? 'exec_report' : 'hotline',
  category: 'domestic_violence',
  streetName: street && (caseStreets as readonly string[]).includes(street) ? street : '',
  summary: '',
  name: '',
  phone: '',
  idNumber: '',
  address: '',
  whereabouts: '',
  otherName: '',
  minor: false,
  childName: '',
  safeContact: { channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true },
  riskAnswers: [],
  photo: null,
})

function check(f: Form): Errors {
  const e: Errors = {}
  if (!f.streetName) e.streetName = '请选择所在街道'
  if (f.summary.trim().length < 5) e.summary = '请简要写明情况（至少 5 个字）'
  if (!f.name.trim()) e.name = '请填写求助人姓名（可只写姓氏）'
  if (f.phone && !/^1[3-9]\d{9}$/.test(f.phone)) e.phone = '请填写 11 位手机号'
  if (f.idNumber && !/^\d{17}[\dX]$/.test(f.idNumber)) e.idNumber = '请填写 18 位身份证号'
  if (f.minor && !f.childName.trim()) e.childName = '请填写未成年人姓名（可只写姓氏）'
  return e
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined)
function toBody(f: Form, exec: boolean): IntakeBody {
  return {
    channel: f.channel,
    category: f.category,
    streetName: f.streetName as IntakeBody['streetName'],
    summary: f.summary.trim(),
    subject: exec ? { name: f.name.trim() } : { name: f.name.trim(), phone: opt(f.phone), idNumber: opt(f.idNumber), address: opt(f.address), whereabouts: opt(f.whereabouts) },
    otherName: opt(f.otherName),
    childName: f.minor ? opt(f.childName) : undefined,
    minor: f.minor,
    safeContact: f.safeContact,
    riskAnswers: f.riskAnswers,
    ...(f.photo ? { photoId: f.photo.id } : {}),
  }
}

/** 登记: 热线/来访 by staff with the risk checklist; 执委/网格 report with the fewest fields. */
function IntakePage() {
  const root = useStores()
  const store = useCasesStore(root)
  const signedIn = useSignedIn()
  const user = root.session.user
  const exec = !!user && !user.roles.includes('federation_staff')
  const draft = useMemo(() => new FormDraft<DraftForm>(root.storage, `case-intake:${user?.id ?? ''}`), [root, user?.id])
  const [form, setForm] = useState<Form>(() => emptyForm(exec, user?.streetName ?? null))
  const [errors, setErrors] = useState<Errors>({})
  const [sending, setSending] = useState(false)
  const [restored, setRestored] = useState(false)
  const [uploading, setUploading] = useState(false)
  const key = useRef(newIdempotencyKey())

  useEffect(() => {
    if (!signedIn) return
    const saved = draft.restore()
    if (saved) {
      setForm({ ...emptyForm(exec, user?.streetName ?? null), ...saved })
      setRestored(true)
    }
  }, [signedIn, draft])
  const keep = (f: Form): DraftForm => {
    const { phone: _p, idNumber: _i, address: _a, whereabouts: _w, ...rest } = f
    return rest
  }
  useDidHide(() => draft.saveNow(keep(form)))

  const update = (patch: Partial<Form>) => {
    const next = { ...form, ...patch }
    setForm(next)
    draft.save(keep(next))
    if (Object.keys(errors).length) setErrors(check(next))
  }

  async function addPhoto() {
    if (uploading) return
    const picked = await pickPhoto()
    if (!picked) return
    setUploading(true)
    try {
      const meta = await uploadPicked(root, picked)
      setForm((prev) => {
        const next = { ...prev, photo: { id: meta.id, name: meta.name } }
        draft.save(keep(next))
        return next
      })
    } catch (err) {
      showError(err)
    } finally {
      setUploading(false)
    }
  }

  async function send() {
    if (sending) return
    if (uploading) return toast('照片还在上传，请稍等')
    const found = check(form)
    setErrors(found)
    if (Object.keys(found).length) return
    setSending(true)
    try {
      const c = await store.create(toBody(form, exec), key.current)
      draft.clear()
      key.current = newIdempotencyKey()
      void Taro.showToast({ title: exec ? '已上报' : '已登记', icon: 'success' })
      void Taro.redirectTo({ url: `/features/cases/pages/detail/index?id=${c.id}` })
    } catch (err) {
      const e = toApiError(err)
      if (!e.transient) key.current = newIdempotencyKey()
      const field = e.field?.replace(/^subject\./, '') as keyof Errors | undefined
      if (field && ['summary', 'name', 'phone', 'idNumber', 'streetName', 'childName'].includes(field)) setErrors({ [field]: e.message })
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
  const text = (k: 'name' | 'phone' | 'idNumber' | 'address' | 'whereabouts' | 'otherName' | 'childName', label: string, placeholder: string, max: number) => (
    <View className="form-field">
      <Text className="form-label">{label}</Text>
      <Input className="form-input" value={form[k]} maxlength={max} placeholder={placeholder} aria-label={label} onInput={(e) => update({ [k]: e.detail.value })} />
      {k in errors ? fieldError(k as keyof Errors) : null}
    </View>
  )

  return (
    <PageShell>
      {restored ? <Text className="form-restored">已恢复上次未提交的登记（电话、证件号、住址不在手机上保存，请重新填写）</Text> : null}
      <View className="card cs-form">
        {!exec ? (
          <View className="form-field">
            <Text className="form-label">来源</Text>
            <View className="row" role="radiogroup" aria-label="来源">
              {(['hotline', 'walk_in'] as const).map((c) => (
                <View key={c} role="radio" aria-checked={form.channel === c} className={`form-option ${form.channel === c ? 'is-on' : ''}`} onClick={() => update({ channel: c })}>
                  {c === 'hotline' ? '12338 热线' : '来访'}
                </View>
              ))}
            </View>
          </View>
        ) : (
          <Text className="muted">执委/网格上报：只填必要的信息，街道妇联受理后会跟进。</Text>
        )}
        <View className="form-field">
          <Text className="form-label">类别</Text>
          <View className="row" role="radiogroup" aria-label="类别">
            {caseCategories.map((c) => (
              <View key={c} role="radio" aria-checked={form.category === c} className={`form-option ${form.category === c ? 'is-on' : ''}`} onClick={() => update({ category: c, minor: c === 'minor_rights' ? true : form.minor })}>
                {caseCategoryLabels[c]}
              </View>
            ))}
          </View>
        </View>
        <View className="form-field">
          <Text className="form-label">所在街道</Text>
          <View className="row" role="radiogroup" aria-label="所在街道">
            {caseStreets.map((s) => (
              <View key={s} role="radio" aria-checked={form.streetName === s} className={`form-option ${form.streetName === s ? 'is-on' : ''}`} onClick={() => update({ streetName: s })}>
                {s.replace('街道', '')}
              </View>
            ))}
          </View>
          {fieldError('streetName')}
        </View>
        <View className="form-field">
          <Text className="form-label">情况简述</Text>
          <Textarea className="form-textarea" value={form.summary} maxlength={500} placeholder="发生了什么、现在是否安全" aria-label="情况简述" onInput={(e) => update({ summary: e.detail.value })} />
          {fieldError('summary')}
        </View>
        {text('name', '求助人姓名', '可只写姓氏，如：陈女士', 20)}
        {!exec ? (
          <>
            {text('phone', '求助人电话（选填）', '11 位手机号', 11)}
            {text('idNumber', '身份证号（选填）', '申请保护令、救助时需要', 18)}
            {text('address', '住址（选填）', '', 100)}
            {text('whereabouts', '当前去向（选填）', '如：暂住娘家', 60)}
            {text('otherName', '对方姓名（选填）', '', 20)}
          </>
        ) : null}
        <View role="checkbox" aria-checked={form.minor} className={`form-option ${form.minor ? 'is-on' : ''}`} onClick={() => update({ minor: !form.minor })}>
          {form.minor ? '✓ ' : ''}涉及未成年人
        </View>
        {form.minor ? text('childName', '未成年人姓名', '可只写姓氏', 20) : null}
        <View className="form-field">
          <Text className="form-label">现场照片（选填）</Text>
          {form.photo ? (
            <View className="row">
              <Text aria-label="已添加的照片">✓ {form.photo.name}</Text>
              <Button size="small" fill="none" onClick={() => update({ photo: null })}>
                删除
              </Button>
            </View>
          ) : (
            <Button size="small" fill="outline" type="primary" loading={uploading} disabled={uploading} onClick={() => void addPhoto()}>
              {uploading ? '正在上传…' : '拍照或选照片'}
            </Button>
          )}
          <Text className="muted">拍伤情或现场时，避开人脸和门牌；照片只给承办的妇联看。</Text>
        </View>
        {!exec ? <SafeContactPicker value={form.safeContact} onChange={(safeContact) => update({ safeContact })} /> : null}
      </View>
      <Text className="section-title">危险性评估（勾选符合的情况）</Text>
      <View className="card">
        <RiskChecklist value={form.riskAnswers} onChange={(riskAnswers) => update({ riskAnswers })} />
      </View>
      <View className="form-actions">
        <Button block type="primary" loading={sending} disabled={sending} onClick={() => void send()}>
          {exec ? '上报' : '登记并受理'}
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(IntakePage)
