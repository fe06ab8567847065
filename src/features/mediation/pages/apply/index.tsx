import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidHide, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useMemo, useRef, useState } from 'react'
import * as v from 'valibot'
import { applyBody, dialectLabels, dialects, disputeTypeLabels, disputeTypes, mediationModeLabels, mediationModes, streetNames, type ApplyBody } from '../../../../contract/mediation'
import { FieldError } from '../../../../components/field-error'
import { PageShell } from '../../../../components/page-shell'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { pickFiles, uploadPicked } from '../../../../core/upload'
import { showError as report, toast } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useMediationStore } from '../../store'
import '../../components/mediation.scss'

interface Form {
  disputeType: string
  otherPartyName: string
  otherPartyPhone: string
  facts: string
  claims: string
  mode: string
  streetName: string
  dialect: string
  assisted: boolean
  assistName: string
  assistRelation: string
  files: { id: string; name: string }[]
}

const MAX_FILES = 9

const empty = (street: string | null, mode: string | undefined): Form => ({
  disputeType: '',
  otherPartyName: '',
  otherPartyPhone: '',
  facts: '',
  claims: '',
  mode: mode === 'video' ? 'video' : 'onsite',
  streetName: street && (streetNames as readonly string[]).includes(street) ? street : '',
  dialect: 'mandarin',
  assisted: false,
  assistName: '',
  assistRelation: '',
  files: [],
})

function Options<T extends string>({ label, values, labels, value, onChange }: { label: string; values: readonly T[]; labels: Record<string, string> | null; value: string; onChange(v: T): void }) {
  return (
    <View className="form-field">
      <Text className="form-label">{label}</Text>
      <View className="med-options" role="radiogroup" aria-label={label}>
        {values.map((o) => (
          <View key={o} role="radio" aria-checked={o === value} className={`form-option ${o === value ? 'is-on' : ''}`} onClick={() => onChange(o)}>
            {labels ? labels[o] : o}
          </View>
        ))}
      </View>
    </View>
  )
}

/** 申请调解 on one page she can scroll: the contract's own schema checks it before it is sent. */
function ApplyPage() {
  const root = useStores()
  const store = useMediationStore(root)
  const me = root.session.user
  const draft = useMemo(() => new FormDraft<Form>(root.storage, `mediation-apply:${me?.id ?? ''}`), [root, me?.id])
  const saved = useMemo(() => draft.restore(), [draft])
  const mode = useRouter().params.mode
  const [form, setForm] = useState<Form>(saved ? { ...saved, files: saved.files ?? [] } : empty(me?.streetName ?? null, mode))
  const [uploading, setUploading] = useState(0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const key = useRef(newIdempotencyKey())
  useDidHide(() => draft.saveNow(form))

  const set = (patch: Partial<Form>) => {
    const next = { ...form, ...patch }
    setForm(next)
    draft.save(next)
  }

  async function addFiles() {
    const room = MAX_FILES - form.files.length
    if (room <= 0) return toast(`照片或材料最多 ${MAX_FILES} 个`)
    for (const f of await pickFiles(room)) {
      setUploading((n) => n + 1)
      try {
        const meta = await uploadPicked(root, f)
        setForm((prev) => {
          const next = { ...prev, files: [...prev.files, { id: meta.id, name: meta.name }] }
          draft.save(next)
          return next
        })
      } catch (err) {
        report(err)
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  function body(): ApplyBody {
    return {
      disputeType: form.disputeType as ApplyBody['disputeType'],
      otherPartyName: form.otherPartyName,
      otherPartyPhone: form.otherPartyPhone,
      facts: form.facts,
      claims: form.claims,
      mode: form.mode as ApplyBody['mode'],
      streetName: form.streetName as ApplyBody['streetName'],
      dialect: form.dialect as ApplyBody['dialect'],
      ...(form.files.length ? { attachmentIds: form.files.map((f) => f.id) } : {}),
      ...(form.assisted ? { assistedBy: { name: form.assistName, relation: form.assistRelation } } : {}),
    }
  }

  async function submit() {
    if (sending) return
    if (uploading) return toast('照片还在上传，请稍等')
    const checked = v.safeParse(applyBody, body())
    if (!checked.success) {
      const found: Record<string, string> = {}
      for (const issue of checked.issues) {
        const path = v.getDotPath(issue) ?? ''
        const field = path.startsWith('assistedBy') ? 'assist' : path
        found[field] ??= field === 'disputeType' ? '请选择纠纷类型' : field === 'streetName' ? '请选择所在街道' : issue.message
      }
      setErrors(found)
      return
    }
    setErrors({})
    setSending(true)
    try {
      const c = await store.apply(body(), key.current)
      draft.clear()
      key.current = newIdempotencyKey()
      void Taro.redirectTo({ url: `/features/mediation/pages/book/index?id=${c.id}` })
    } catch (err) {
      const e = toApiError(err)
      const field = e.details?.field?.replace(/^body\./, '')
      if (field) setErrors({ [field]: e.message })
      else showError(e)
    } finally {
      setSending(false)
    }
  }

  const err = (k: string) => (errors[k] ? <FieldError message={errors[k]} /> : null)

  return (
    <PageShell>
      {saved ? <Text className="form-restored">已恢复您上次没填完的内容</Text> : null}
      <View className="med-section card">
        <Options label="遇到了什么纠纷" values={disputeTypes} labels={disputeTypeLabels} value={form.disputeType} onChange={(x) => set({ disputeType: x })} />
        {err('disputeType')}
      </View>
      <View className="med-section card">
        <View className="form-field">
          <Text className="form-label">对方姓名或单位</Text>
          <Input className="form-input" aria-label="对方姓名或单位" value={form.otherPartyName} maxlength={40} placeholder="如：王海生、某物业公司" onInput={(e) => set({ otherPartyName: e.detail.value })} />
          {err('otherPartyName')}
        </View>
        <View className="form-field">
          <Text className="form-label">对方电话</Text>
          <Input className="form-input" aria-label="对方电话" type="number" value={form.otherPartyPhone} maxlength={11} placeholder="用于邀请对方参加调解，不会公开" onInput={(e) => set({ otherPartyPhone: e.detail.value })} />
          {err('otherPartyPhone')}
        </View>
      </View>
      <View className="med-section card">
        <View className="form-field">
          <Text className="form-label">事情经过</Text>
          <Textarea className="form-textarea" aria-label="事情经过" value={form.facts} maxlength={2000} placeholder="用自己的话说说发生了什么（至少 10 个字）" onInput={(e) => set({ facts: e.detail.value })} />
          {err('facts')}
        </View>
        <View className="form-field">
          <Text className="form-label">您的诉求</Text>
          <Textarea className="form-textarea" aria-label="您的诉求" value={form.claims} maxlength={500} placeholder="希望对方怎么做" onInput={(e) => set({ claims: e.detail.value })} />
          {err('claims')}
        </View>
        <View className="form-field" aria-label="照片或材料">
          <Text className="form-label">照片或材料（可不传，最多 {MAX_FILES} 个）</Text>
          {form.files.map((f) => (
            <View key={f.id} className="row">
              <Text>{f.name}</Text>
              <View className="med-link" role="button" aria-label={`删除 ${f.name}`} onClick={() => set({ files: form.files.filter((x) => x.id !== f.id) })}>
                删除
              </View>
            </View>
          ))}
          {uploading ? <Text className="muted">正在上传…</Text> : null}
          <Button block fill="outline" onClick={() => void addFiles()}>
            添加照片或材料
          </Button>
          {err('attachmentIds')}
        </View>
      </View>
      <View className="med-section card">
        <Options label="调解方式" values={mediationModes} labels={mediationModeLabels} value={form.mode} onChange={(x) => set({ mode: x })} />
        <Options label="所在街道" values={streetNames} labels={null} value={form.streetName} onChange={(x) => set({ streetName: x })} />
        {err('streetName')}
        <Options label="希望用什么话沟通" values={dialects} labels={dialectLabels} value={form.dialect} onChange={(x) => set({ dialect: x })} />
      </View>
      <View className="med-section card">
        <View className="row">
          <Text className="form-label">家属协助填写</Text>
          <View role="switch" aria-label="家属协助填写" aria-checked={form.assisted} className={`form-option ${form.assisted ? 'is-on' : ''}`} onClick={() => set({ assisted: !form.assisted })}>
            {form.assisted ? '已打开' : '打开'}
          </View>
        </View>
        {form.assisted ? (
          <>
            <Input className="form-input" aria-label="协助人姓名" value={form.assistName} maxlength={20} placeholder="协助人姓名" onInput={(e) => set({ assistName: e.detail.value })} />
            <Input className="form-input" aria-label="与申请人关系" value={form.assistRelation} maxlength={10} placeholder="与申请人关系，如：女儿" onInput={(e) => set({ assistRelation: e.detail.value })} />
            {err('assist')}
          </>
        ) : (
          <Text className="muted">替家里老人申请时打开，调解员会知道是您代填的</Text>
        )}
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={sending} onClick={() => void submit()}>
          提交申请，去预约时间
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(ApplyPage)
