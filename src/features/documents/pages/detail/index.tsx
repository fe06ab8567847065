import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import {
  documentActions,
  documentKindLabels,
  documentStatusLabels,
  secrecyLabels,
  type DocumentAction,
  type DocumentDetail,
  type DocumentStage,
  type DocumentStatus,
} from '../../../../contract/documents'
import { AttachmentList } from '../../../../components/attachment-list'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { PersonPicker, type PickedPerson } from '../../../../components/person-picker'
import { SignatureSheet } from '../../../../components/signature-pad'
import { StatusTag, UrgencyTag, type Tone } from '../../../../components/status-tag'
import { Timeline } from '../../../../components/timeline'
import { toast } from '../../../../core/errors'
import { describeDeadline, formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { ChoiceSheet } from '../../components/choice-sheet'
import { CirculateSheet } from '../../components/circulate-sheet'
import { CirculationTracker } from '../../components/circulation-tracker'
import { DeptPicker } from '../../components/dept-picker'
import { PhraseSheet } from '../../components/phrase-sheet'
import { DocumentSigningBar, type ActOutcome } from '../../components/signing-bar'
import { useDocumentsStore, type ActExtra } from '../../store'
import './index.scss'

/** What 编号用印 and 分发 do, in the words of the person confirming them; neither can be undone. */
export function irreversible(stage: 'number' | 'distribute', mainTo: readonly string[], cc: readonly string[]) {
  if (stage === 'number')
    return { title: '编号用印', content: '将取用本机关今年的下一个发文字号并加盖印章。字号取用后不能退回或重复使用，确定编号用印吗？', confirmText: '编号用印', cancelText: '再看看' }
  const to = `主送${mainTo.join('、') || '（无）'}${cc.length ? `，抄送${cc.join('、')}` : ''}`
  return { title: '分发', content: `将把公文分发给${to}，对方会立即收到。分发后不能撤回，确定分发吗？`, confirmText: '分发', cancelText: '再看看' }
}

const statusTone: Record<DocumentStatus, Tone> = { draft: 'neutral', in_progress: 'primary', returned: 'danger', done: 'ok', sent_back: 'danger' }
const stepTone = { done: 'ok', current: 'primary', waiting: 'neutral', skipped: 'neutral' } as const
const stepWords = { done: '已完成', current: '办理中', waiting: '未开始', skipped: '无需办理' } as const
const holderMark = { done: '✓', open: '…', cancelled: '✕' } as const
const holderWords = { done: '已办', open: '办理中', cancelled: '已撤销' } as const
const roleWords = { main: '主办', assist: '协办', countersign: '会签', single: '' } as const

/** What the page asks for after a button, before it sends: one sheet at a time. */
type Prompt =
  | { kind: 'returnTarget' }
  | { kind: 'leader' }
  | { kind: 'mainDept' }
  | { kind: 'assistDepts' }
  | { kind: 'person'; title: string }
  | { kind: 'signature'; label: string }

const isDocumentAction = (key: string): key is DocumentAction => (documentActions as readonly string[]).includes(key)

/**
 * GB/T 9704 lays the body out as paragraphs indented two characters, with the 主送 line ("各有关单位：")
 * flush left; blank lines only separate paragraphs.
 */
function paragraphs(body: string): { text: string; flush: boolean }[] {
  const lines = body.split(/\n+/).map((l) => l.trim()).filter(Boolean)
  return lines.map((text, i) => ({ text, flush: i === 0 && /[：:]$/.test(text) && text.length <= 40 }))
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null
  return (
    <View className="doc-field">
      <Text className="muted doc-field-label">{label}</Text>
      <Text className="doc-field-value">{value}</Text>
    </View>
  )
}

function Head({ d, onEdit }: { d: DocumentDetail; onEdit(): void }) {
  const open = d.status === 'in_progress' || d.status === 'draft' || d.status === 'returned'
  const deadline = d.deadline && open ? describeDeadline(d.deadline) : null
  const outgoing = d.kind === 'outgoing'
  return (
    <View className="card doc-head">
      <View className="row doc-tags">
        <StatusTag tone="neutral">
          {documentKindLabels[d.kind]} · {d.docType}
        </StatusTag>
        {d.secrecy !== 'none' ? <StatusTag tone="danger">{secrecyLabels[d.secrecy]}</StatusTag> : null}
        <UrgencyTag urgency={d.urgency} />
        <StatusTag tone={statusTone[d.status]}>{documentStatusLabels[d.status]}</StatusTag>
        {d.overdue ? <StatusTag tone="danger">逾期</StatusTag> : null}
      </View>
      <Text className="doc-title">{d.title}</Text>
      <Text className="muted doc-stage">当前：{d.stageText}</Text>
      <View className="doc-fields">
        <Field label={outgoing ? '发文字号' : '来文文号'} value={d.docNumber} />
        <Field label="收文编号" value={d.receiveNumber} />
        {outgoing ? <Field label="拟稿单位" value={d.fromName} /> : <Field label="来文单位" value={d.fromUnit ?? d.fromName} />}
        {!outgoing || d.officeName !== d.fromName ? <Field label={outgoing ? '发文机关' : '收文机关'} value={d.officeName} /> : null}
        <Field label="拟稿人" value={d.drafter ? `${d.drafter.name}（${d.drafter.deptName}）` : null} />
        <Field label="签发人" value={d.signer ? `${d.signer.name}（${d.signer.position}）` : null} />
        <Field label="主送" value={d.mainTo.join('、')} />
        <Field label="抄送" value={d.cc.join('、')} />
        <Field label="办理时限" value={d.deadline ? `${formatTime(d.deadline)}${deadline ? `（${deadline.text}）` : ''}` : null} />
      </View>
      {d.draft && (d.status === 'draft' || d.status === 'returned') ? (
        <Button size="small" fill="outline" type="primary" className="doc-edit" onClick={onEdit}>
          修改稿件
        </Button>
      ) : null}
    </View>
  )
}

function Steps({ steps }: { steps: DocumentDetail['steps'] }) {
  return (
    <View className="card doc-steps" role="list" aria-label="流程">
      {steps.map((s, i) => (
        <View key={`${s.stage}-${i}`} className={`doc-step doc-step--${s.state}`} role="listitem" aria-label={s.label}>
          <Text className="doc-step-no">{s.state === 'done' ? '✓' : i + 1}</Text>
          <View className="doc-step-body">
            <View className="row">
              <Text className="doc-step-label">{s.label}</Text>
              <StatusTag tone={stepTone[s.state]}>{stepWords[s.state]}</StatusTag>
              {s.holders.length > 1 ? (
                <Text className="muted">
                  {s.holders.filter((h) => h.state === 'done').length}/{s.holders.filter((h) => h.state !== 'cancelled').length}
                </Text>
              ) : null}
            </View>
            {s.holders.map((h, j) => (
              <View key={j} className={`doc-holder doc-holder--${h.state}`} aria-label={`${h.name} ${holderWords[h.state]}`}>
                <Text className="doc-holder-mark">{holderMark[h.state]}</Text>
                <Text className="doc-holder-name">{h.name}</Text>
                <Text className="muted">
                  {h.deptName}
                  {roleWords[h.role] ? ` · ${roleWords[h.role]}` : ''}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

function Opinions({ opinions }: { opinions: DocumentDetail['opinions'] }) {
  return (
    <View className="card doc-opinions" role="list" aria-label="办理意见">
      {opinions.map((o, i) => (
        <View key={i} className="doc-opinion" role="listitem">
          <View className="row">
            <Text className="doc-opinion-stage">{o.stageLabel}</Text>
            <Text className="doc-opinion-name">{o.name}</Text>
            <Text className="muted">
              {o.deptName} {o.position}
            </Text>
          </View>
          {o.text ? <Text className="doc-opinion-text">{o.text}</Text> : null}
          {o.signature ? <Image className="doc-opinion-signature" src={o.signature} mode="aspectFit" aria-label={`${o.name}的手写签名`} /> : null}
          <Text className="muted doc-opinion-time">{formatTime(o.at)}</Text>
        </View>
      ))}
    </View>
  )
}

/** One document on one screen, under the reader's watermark: read it, and sign it without leaving it. */
function DocumentDetailPage() {
  const root = useStores()
  const store = useDocumentsStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [prompt, setPrompt] = useState<Prompt | null>(null)
  const answer = useRef<((value: unknown) => void) | null>(null)
  // NutUI's Popup calls onClose again when it is hidden by its prop; by then the next sheet may be asking
  const asking = useRef<Prompt['kind'] | null>(null)
  const [managing, setManaging] = useState(false)
  const [circulating, setCirculating] = useState(false)
  const shown = useRef(false)

  useEffect(() => {
    if (!signedIn || !id) return
    void store.load(id)
    void store.loadPhrases()
  }, [signedIn, id, store])
  // back from 修改稿件: show what was saved there
  useDidShow(() => {
    if (shown.current && signedIn && id) void store.load(id)
    shown.current = true
  })

  const d = store.detail?.id === id ? store.detail : null
  if (store.detailError && !d) return <PageShell watermark><ErrorState error={store.detailError} onRetry={() => void store.load(id)} /></PageShell>
  if (!d) return <PageShell watermark><Text className="doc-loading muted">加载中…</Text></PageShell>

  /** Opens a sheet and waits for its answer; null when the person closes it. */
  function ask<T>(p: Prompt): Promise<T | null> {
    return new Promise((resolve) => {
      answer.current = resolve as (value: unknown) => void
      asking.current = p.kind
      setPrompt(p)
    })
  }
  function reply(value: unknown) {
    const r = answer.current
    answer.current = null
    asking.current = null
    setPrompt(null)
    r?.(value)
  }
  const closeIf = (kind: Prompt['kind']) => () => {
    if (asking.current === kind) reply(null)
  }

  async function onAction(a: AvailableAction, opinion: string): Promise<ActOutcome> {
    const doc = d!
    if (!isDocumentAction(a.key)) return 'cancelled'
    const extra: ActExtra = {}
    if (a.key === 'return' && doc.returnTargets.length) {
      const stage = await ask<DocumentStage>({ kind: 'returnTarget' })
      if (!stage) return 'cancelled'
      extra.toStage = stage
    }
    if (a.key === 'add_signer' || a.key === 'transfer') {
      const people = await ask<PickedPerson[]>({ kind: 'person', title: a.label })
      if (!people?.[0]) return 'cancelled'
      extra.toUserId = people[0].id
    }
    // irreversible steps say what will happen and wait for a yes (issue #7: they ran on one tap)
    if (a.key === 'approve' && (doc.stage === 'number' || doc.stage === 'distribute')) {
      const r = await Taro.showModal(irreversible(doc.stage, doc.mainTo, doc.cc))
      if (!r.confirm) return 'cancelled'
    }
    if (a.key === 'approve') {
      const needs = doc.approveNeeds
      if (needs.includes('leader') || needs.includes('departments')) await store.loadOptions()
      if (needs.includes('leader')) {
        const leader = await ask<string>({ kind: 'leader' })
        if (!leader) return 'cancelled'
        extra.toUserId = leader
      }
      if (needs.includes('departments')) {
        const main = await ask<string[]>({ kind: 'mainDept' })
        if (!main?.[0]) return 'cancelled'
        extra.mainDeptId = main[0]
        const assist = await ask<string[]>({ kind: 'assistDepts' })
        if (!assist) return 'cancelled'
        const others = assist.filter((x) => x !== main[0])
        if (others.length) extra.assistDeptIds = others
      }
      // signing comes last: the signature is put to what has already been decided
      if (needs.includes('signature')) {
        const signature = await ask<string>({ kind: 'signature', label: a.label })
        if (!signature) return 'cancelled'
        extra.signature = signature
      }
    }
    await store.act(a.key, opinion, extra)
    if (extra.toUserId && (a.key === 'transfer' || a.key === 'add_signer')) toast(`已${a.label}`)
    return 'done'
  }

  const options = store.options
  const p = prompt
  const extras = [
    ...(d.canCirculate ? [{ key: 'circulate', label: '传阅', run: () => setCirculating(true) }] : []),
    // other modules' next steps (转督办): the server names the page, this module never knows the other
    ...d.links.map((l) => ({ key: l.key, label: l.label, run: () => void Taro.navigateTo({ url: l.url }) })),
  ]
  const hasBar = d.availableActions.length > 0 || extras.length > 0

  return (
    <PageShell watermark className={hasBar ? 'doc-has-signing-bar' : ''}>
      <Head d={d} onEdit={() => void Taro.navigateTo({ url: `/features/documents/pages/compose/index?id=${d.id}` })} />

      <Text className="section-title">正文</Text>
      <View className="card doc-body" aria-label="正文">
        {paragraphs(d.body).map((para, i) => (
          <Text key={i} className={`doc-body-text ${para.flush ? 'is-flush' : ''}`}>
            {para.text}
          </Text>
        ))}
      </View>

      <Text className="section-title">附件（{d.attachments.length}）</Text>
      <View className="card">
        <AttachmentList files={d.attachments} />
      </View>

      <Text className="section-title">流程</Text>
      <Steps steps={d.steps} />

      {d.opinions.length ? (
        <>
          <Text className="section-title">办理意见</Text>
          <Opinions opinions={d.opinions} />
        </>
      ) : null}

      {d.circulations.length ? (
        <>
          <Text className="section-title">传阅情况</Text>
          <CirculationTracker circulations={d.circulations} onRemind={(cid) => store.remind(cid).then(() => toast('已催阅'))} />
        </>
      ) : null}

      <Text className="section-title">办理过程</Text>
      <View className="card">
        <Timeline entries={d.timeline} />
      </View>

      <DocumentSigningBar
        key={d.id}
        actions={d.availableActions}
        extras={extras}
        phrases={store.phrases}
        onAction={onAction}
        onManagePhrases={() => setManaging(true)}
        draftKey={`document-opinion:${root.session.user?.id ?? ''}:${d.id}`}
      />

      <ChoiceSheet
        visible={p?.kind === 'returnTarget'}
        title="退回到哪个环节"
        choices={d.returnTargets.map((t) => ({ value: t.stage, label: t.label }))}
        confirmLabel="确定退回"
        emptyMessage="请选择退回到哪个环节"
        onClose={closeIf('returnTarget')}
        onConfirm={(v) => reply(v)}
      />
      <ChoiceSheet
        visible={p?.kind === 'leader'}
        title="呈哪位领导批办"
        choices={(options?.leaders ?? []).map((l) => ({ value: l.id, label: l.name, note: `${l.deptName} ${l.position}` }))}
        confirmLabel="确定"
        emptyMessage="请选择批办领导"
        onClose={closeIf('leader')}
        onConfirm={(v) => reply(v)}
      />
      <DeptPicker
        visible={p?.kind === 'mainDept'}
        title="主办单位"
        multiple={false}
        selected={[]}
        options={options?.departments ?? []}
        onClose={closeIf('mainDept')}
        onConfirm={(ids) => (ids.length ? reply(ids) : toast('请选择主办单位'))}
      />
      <DeptPicker
        visible={p?.kind === 'assistDepts'}
        title="协办单位（可不选）"
        multiple
        selected={[]}
        options={options?.departments ?? []}
        onClose={closeIf('assistDepts')}
        onConfirm={(ids) => (ids.length > 5 ? toast('协办单位最多选 5 个') : reply(ids))}
      />
      <PersonPicker visible={p?.kind === 'person'} multiple={false} selected={[]} onClose={closeIf('person')} onConfirm={(people) => reply(people)} />
      <SignatureSheet
        visible={p?.kind === 'signature'}
        title={p?.kind === 'signature' ? `${p.label}：手写签名` : '手写签名'}
        hint="请在框内签上您的姓名"
        confirmLabel={p?.kind === 'signature' ? `确定${p.label}` : '确定'}
        onClose={closeIf('signature')}
        onConfirm={(url) => reply(url)}
      />
      <PhraseSheet visible={managing} phrases={store.phrases} onClose={() => setManaging(false)} onSave={(list) => store.savePhrases(list)} />
      <CirculateSheet visible={circulating} onClose={() => setCirculating(false)} onSend={(ids, purpose) => store.circulate(ids, purpose).then(() => toast('已传阅'))} />
    </PageShell>
  )
}

export default observer(DocumentDetailPage)
