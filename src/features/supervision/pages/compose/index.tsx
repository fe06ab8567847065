import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { RouteResult } from '../../../../contract/route'
import { urgencies, urgencyLabels, type Urgency } from '../../../../contract/common'
import {
  feedbackRhythmLabels,
  feedbackRhythms,
  supervisionLevelLabels,
  supervisionLevels,
  supervisionRoutes,
  supervisionSourceLabels,
  supervisionSources,
  type FeedbackRhythm,
  type SupervisionLevel,
  type SupervisionSource,
} from '../../../../contract/supervision'
import type { AttachmentFile } from '../../../../components/attachment-list'
import { FieldError } from '../../../../components/field-error'
import { PageShell } from '../../../../components/page-shell'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError, toast } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { AttachmentsField } from '../../components/attachments-field'
import { DayField } from '../../components/day-field'
import '../../components/supervision.scss'

interface Form {
  title: string
  source: SupervisionSource
  basis: string
  /** 立项依据's files: the instruction's scan, the meeting minutes, the superior's notice */
  attachments: AttachmentFile[]
  day: string
  level: SupervisionLevel
  urgency: Urgency
  leaderId: string
  mainDeptId: string
  assistDeptIds: string[]
  rhythm: FeedbackRhythm
  documentId: string
}
const blank: Form = { title: '', source: 'leader_instruction', basis: '', attachments: [], day: '', level: 'district', urgency: 'normal', leaderId: '', mainDeptId: '', assistDeptIds: [], rhythm: 'weekly', documentId: '' }

function Chips<T extends string>({ values, labels, value, onPick, label }: { values: readonly T[]; labels: (v: T) => string; value: T | T[]; onPick(v: T): void; label: string }) {
  return (
    <View className="sv-chips" role="radiogroup" aria-label={label}>
      {values.map((x) => {
        const on = Array.isArray(value) ? value.includes(x) : value === x
        return (
          <View key={x} role="radio" aria-checked={on} className={`sv-chip ${on ? 'is-on' : ''}`} onClick={() => onPick(x)}>
            {labels(x)}
          </View>
        )
      })}
    </View>
  )
}

/** 立项: from scratch or 转督办 from a 批办 document (prefilled by the server). The form survives a closed page. */
function SupervisionComposePage() {
  const root = useStores()
  const signedIn = useSignedIn()
  const fromDoc = useRouter().params.documentId ?? ''
  const draft = useMemo(() => new FormDraft<Form>(root.storage, 'supervision-compose'), [root.storage])
  const [form, setForm] = useState<Form>(() => (fromDoc ? blank : ({ ...blank, ...draft.restore() })))
  const [options, setOptions] = useState<RouteResult<typeof supervisionRoutes.options> | null>(null)
  const [sources, setSources] = useState<RouteResult<typeof supervisionRoutes.documentSources>['items']>([])
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [key] = useState(newIdempotencyKey)
  const sent = useRef(false)
  // a page closed within the draft's debounce keeps its last edit too (but not once the item is created)
  useEffect(() => () => void (sent.current || draft.saveNow(form)), [draft, form])

  const set = (patch: Partial<Form>) => {
    const next = { ...form, ...patch }
    setForm(next)
    draft.save(next)
  }
  // uploads finish one by one, after other edits: apply them to the form as it is then
  const setAttachments = (update: (prev: AttachmentFile[]) => AttachmentFile[]) =>
    setForm((prev) => {
      const next = { ...prev, attachments: update(prev.attachments) }
      draft.save(next)
      return next
    })

  async function prefill(documentId: string) {
    try {
      const p = await root.api.call(supervisionRoutes.prefill, { params: { documentId } })
      set({ title: p.title, source: p.source, basis: p.basis, leaderId: p.leaderId, mainDeptId: p.mainDeptId ?? '', assistDeptIds: p.assistDeptIds, urgency: p.urgency, day: p.deadline?.slice(0, 10) ?? form.day, documentId: p.documentId })
    } catch (err) {
      showError(err)
    }
  }

  useDidShow(() => {
    if (!signedIn) return
    void Promise.all([root.api.call(supervisionRoutes.options), root.api.call(supervisionRoutes.documentSources)])
      .then(([o, s]) => {
        setOptions(o)
        setSources(s.items.filter((x) => !x.linkedItemId))
      })
      .catch(showError)
    if (fromDoc && form.documentId !== fromDoc) void prefill(fromDoc)
  })

  async function submit() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.day)) return setProblem('请选择「办结时限」')
    setProblem(null)
    setBusy(true)
    try {
      const d = await root.api.call(supervisionRoutes.create, {
        body: {
          title: form.title,
          source: form.source,
          basis: form.basis,
          attachmentIds: form.attachments.map((a) => a.id),
          deadline: `${form.day}T18:00:00+08:00`,
          level: form.level,
          urgency: form.urgency,
          leaderId: form.leaderId,
          mainDeptId: form.mainDeptId,
          assistDeptIds: form.assistDeptIds,
          rhythm: form.rhythm,
          documentId: form.documentId || undefined,
        },
        idempotencyKey: key,
      })
      sent.current = true
      draft.clear()
      toast('已立项，送督查室负责人审核')
      void Taro.redirectTo({ url: `/features/supervision/pages/detail/index?id=${d.id}` })
    } catch (err) {
      const e = toApiError(err)
      setProblem(e.message)
    } finally {
      setBusy(false)
    }
  }

  const depts = options?.departments ?? []
  return (
    <PageShell>
      {sources.length && !form.documentId ? (
        <View className="card sv-form">
          <Text className="card-title">转督办：领导已批办的公文</Text>
          {sources.map((s) => (
            <View key={s.id} className="sv-evidence" role="button" onClick={() => void prefill(s.id)}>
              <Text className="sv-item-title">{s.title}</Text>
              <Text className="muted">{s.leaderName}批示：{s.instruction}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="card sv-form">
        {form.documentId ? <Text className="muted">已按公文批办意见预填，可修改</Text> : null}
        <Input className="sv-input" aria-label="督办事项" placeholder="督办事项" value={form.title} maxlength={100} onInput={(e) => set({ title: e.detail.value })} />
        <Chips label="来源" values={supervisionSources} labels={(x) => supervisionSourceLabels[x]} value={form.source} onPick={(source) => set({ source })} />
        <Textarea className="sv-input" aria-label="立项依据" placeholder="立项依据（批示原文、会议决定、交办文件）" maxlength={2000} value={form.basis} onInput={(e) => set({ basis: e.detail.value })} />
        <AttachmentsField label="依据附件" files={form.attachments} onChange={setAttachments} />
        <DayField label="办结时限" value={form.day} onChange={(day) => set({ day })} />
        <Chips label="督办级别" values={supervisionLevels} labels={(x) => supervisionLevelLabels[x]} value={form.level} onPick={(level) => set({ level })} />
        <Chips label="紧急程度" values={urgencies} labels={(x) => urgencyLabels[x]} value={form.urgency} onPick={(urgency) => set({ urgency })} />
        <Text className="muted">牵头领导</Text>
        <Chips label="牵头领导" values={(options?.leaders ?? []).map((l) => l.id)} labels={(x) => options?.leaders.find((l) => l.id === x)?.name ?? ''} value={form.leaderId} onPick={(leaderId) => set({ leaderId })} />
        <Text className="muted">主办单位</Text>
        <Chips label="主办单位" values={depts.map((x) => x.id)} labels={(x) => depts.find((y) => y.id === x)?.name ?? ''} value={form.mainDeptId} onPick={(mainDeptId) => set({ mainDeptId, assistDeptIds: form.assistDeptIds.filter((x) => x !== mainDeptId) })} />
        <Text className="muted">协办单位（可多选）</Text>
        <Chips
          label="协办单位"
          values={depts.map((x) => x.id).filter((x) => x !== form.mainDeptId)}
          labels={(x) => depts.find((y) => y.id === x)?.name ?? ''}
          value={form.assistDeptIds}
          onPick={(x) => set({ assistDeptIds: form.assistDeptIds.includes(x) ? form.assistDeptIds.filter((y) => y !== x) : [...form.assistDeptIds, x] })}
        />
        <Chips label="反馈频次" values={feedbackRhythms} labels={(x) => feedbackRhythmLabels[x]} value={form.rhythm} onPick={(rhythm) => set({ rhythm })} />
        <FieldError message={problem} />
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          立项并送审
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(SupervisionComposePage)
