import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import { caseOutcomeLabels, caseOutcomes, type CaseOutcome } from '../../../../contract/cases'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { showError, toApiError, type ApiError } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { useCasesStore } from '../../store'
import '../../components/cases.scss'

interface Form {
  title: string
  story: string
  lesson: string
  outcome: CaseOutcome | null
}
type Errors = Partial<Record<keyof Form, string>>

function check(f: Form): Errors {
  const e: Errors = {}
  if (f.title.trim().length < 4) e.title = '请写一个标题（至少 4 个字）'
  if (f.story.trim().length < 20) e.story = '请保留案情与办理经过（至少 20 个字）'
  if (f.lesson.trim().length < 5) e.lesson = '请写明办案启示（至少 5 个字）'
  if (!f.outcome) e.outcome = '请选择办理结果类别'
  return e
}

/** 提交入库: the server's anonymised draft, mended by the owner and sent for review. */
function LibrarySubmitPage() {
  const root = useStores()
  const store = useCasesStore(root)
  const signedIn = useSignedIn()
  const caseId = useRouter().params.caseId ?? ''
  const [form, setForm] = useState<Form | null>(null)
  const [period, setPeriod] = useState('')
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [sending, setSending] = useState(false)
  const key = useRef(newIdempotencyKey())

  const load = () =>
    store.libraryDraft(caseId).then(
      (d) => {
        setForm({ title: d.title, story: d.story, lesson: '', outcome: d.outcome })
        setPeriod(d.period)
      },
      (err) => setLoadError(toApiError(err)),
    )
  useEffect(() => {
    if (signedIn && caseId) void load()
  }, [signedIn, caseId])

  if (loadError && !form) return <PageShell><ErrorState error={loadError} onRetry={() => void load()} /></PageShell>
  if (!form) return <PageShell><Text className="cs-loading muted">正在匿名化…</Text></PageShell>

  const update = (patch: Partial<Form>) => {
    const next = { ...form, ...patch }
    setForm(next)
    if (Object.keys(errors).length) setErrors(check(next))
  }
  const fieldError = (k: keyof Form) =>
    errors[k] ? (
      <View className="form-error" role="alert">
        {errors[k]}
      </View>
    ) : null

  async function send() {
    if (sending || !form) return
    const found = check(form)
    setErrors(found)
    if (Object.keys(found).length) return
    setSending(true)
    try {
      const e = await store.submitToLibrary(caseId, { title: form.title.trim(), story: form.story.trim(), lesson: form.lesson.trim(), outcome: form.outcome! }, key.current)
      void Taro.showToast({ title: '已提交审核', icon: 'success' })
      void Taro.redirectTo({ url: `/features/cases/pages/library-entry/index?id=${e.id}` })
    } catch (err) {
      const e = toApiError(err)
      if (!e.transient) key.current = newIdempotencyKey()
      const field = e.field as keyof Form | undefined
      if (field && ['title', 'story', 'lesson', 'outcome'].includes(field)) setErrors({ [field]: e.message })
      else showError(e)
    } finally {
      setSending(false)
    }
  }

  return (
    <PageShell>
      <View className="card">
        <Text className="muted">系统已把姓名、地点、日期、电话和证件号概括或删去（{period}）。请通读一遍，删去仍可能认出当事人的细节，再写下办案启示。提交后由区妇联审核，通过后对妇联工作人员发布。</Text>
      </View>
      <View className="card cs-form">
        <View className="form-field">
          <Text className="form-label">标题</Text>
          <Input className="form-input" value={form.title} maxlength={40} aria-label="标题" onInput={(e) => update({ title: e.detail.value })} />
          {fieldError('title')}
        </View>
        <View className="form-field">
          <Text className="form-label">办理结果</Text>
          <View className="cs-chips" role="radiogroup" aria-label="办理结果">
            {caseOutcomes.map((o) => (
              <View key={o} role="radio" aria-checked={form.outcome === o} className={`form-option ${form.outcome === o ? 'is-on' : ''}`} onClick={() => update({ outcome: o })}>
                {caseOutcomeLabels[o]}
              </View>
            ))}
          </View>
          {fieldError('outcome')}
        </View>
        <View className="form-field">
          <Text className="form-label">办案启示</Text>
          <Textarea className="form-textarea" value={form.lesson} maxlength={500} placeholder="这件案子做对了什么、下次要注意什么" aria-label="办案启示" onInput={(e) => update({ lesson: e.detail.value })} />
          {fieldError('lesson')}
        </View>
        <View className="form-field">
          <Text className="form-label">案情与办理经过（已匿名化）</Text>
          <Textarea className="form-textarea cs-story" value={form.story} maxlength={2000} autoHeight aria-label="案情与办理经过" onInput={(e) => update({ story: e.detail.value })} />
          {fieldError('story')}
        </View>
      </View>
      <View className="form-actions">
        <Button block type="primary" loading={sending} disabled={sending} onClick={() => void send()}>
          提交审核
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(LibrarySubmitPage)
