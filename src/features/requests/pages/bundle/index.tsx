import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import { bundlePartStatusLabels, bundleStatusLabels, type BundleDetail, type BundlePartStatus, type BundleStatus } from '../../../../contract/requests'
import { ActionBar } from '../../../../components/action-bar'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag, type Tone } from '../../../../components/status-tag'
import { Timeline } from '../../../../components/timeline'
import { showError, toast } from '../../../../core/errors'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { promiseLeft } from '../../components/countdown'
import { RatingCard } from '../../components/rating-card'
import { statusTone } from '../../components/status'
import { useRequestsStore } from '../../store'
import './index.scss'

const bundleTone: Record<BundleStatus, Tone> = { in_progress: 'primary', waiting_fix: 'danger', done: 'ok', withdrawn: 'neutral' }
const partTone = (s: BundlePartStatus): Tone => (s === 'waiting' ? 'neutral' : statusTone[s])
const issuedWords = { certificate: '证明', resource: '已预约', notice: '已通知' } as const
const FINISHED = new Set(['done', 'rejected', 'withdrawn'])
const hm = (iso: string) => iso.slice(11, 16)

function PartRow({ p }: { p: BundleDetail['parts'][number] }) {
  const left = !FINISHED.has(p.status) ? promiseLeft(p.dueAt) : null
  const open = () => p.requestId && void Taro.navigateTo({ url: `/features/requests/pages/detail/index?id=${p.requestId}` })
  return (
    <View className="bd-part" role={p.requestId ? 'link' : undefined} onClick={open}>
      <View className="bd-part-head">
        <Text className="bd-part-name">{p.name}</Text>
        <StatusTag tone={partTone(p.status)}>{bundlePartStatusLabels[p.status]}</StatusTag>
        {p.overdue ? <StatusTag tone="danger">逾期</StatusTag> : null}
      </View>
      {/* a part not started yet has nobody on it: its note says what it waits for */}
      {p.ownerName || p.stepLabel ? (
        <Text className="muted bd-owner">{[p.ownerName ? `经办：${p.ownerName}` : null, p.stepLabel].filter(Boolean).join(' · ')}</Text>
      ) : null}
      {p.slot ? (
        <Text className="muted">
          {p.slot.resourceName} <Text className="nowrap">{p.slot.start.slice(5, 10)} {hm(p.slot.start)}–{hm(p.slot.end)}</Text>
        </Text>
      ) : null}
      {left ? (
        <View className={`rq-left rq-left--${p.status === 'waiting' ? 'ok' : left.tone}`} role="timer">
          {p.status === 'waiting' ? '预计' : '承诺'} {formatTime(p.dueAt)} 前办结 · {left.text}
        </View>
      ) : null}
      {p.note ? <Text className={`bd-note ${p.status === 'rejected' ? 'bd-note--refused' : ''}`}>{p.note}</Text> : null}
    </View>
  )
}

/** One 一件事 on one screen: every part with its state, owner and countdown, and the bundle's own promise. */
function BundlePage() {
  const root = useStores()
  const store = useRequestsStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [stars, setStars] = useState(0)
  const [rating, setRating] = useState(false)

  useDidShow(() => {
    if (signedIn && id) void store.loadBundle(id)
  })

  const d = store.bundle?.id === id ? store.bundle : null
  if (store.bundleError && !d) return <PageShell><ErrorState error={store.bundleError} onRetry={() => void store.loadBundle(id)} /></PageShell>
  if (!d) return <PageShell><Text className="rq-loading muted">加载中…</Text></PageShell>

  const open = d.status === 'in_progress' || d.status === 'waiting_fix'
  const left = open ? promiseLeft(d.dueAt) : null
  const rateAction = d.availableActions.find((a) => a.key === 'rate')
  const barActions = d.availableActions.filter((a) => a.key !== 'rate')
  const done = d.parts.filter((p) => p.status === 'done').length

  async function onAction(action: AvailableAction) {
    if (action.key.startsWith('reapply:')) {
      void Taro.navigateTo({ url: `/features/requests/pages/bundle-apply/index?id=${d!.id}&part=${action.key.slice('reapply:'.length)}` })
      return
    }
    if (action.key === 'withdraw') {
      const openParts = d!.parts.filter((p) => !FINISHED.has(p.status)).length
      const sure = await Taro.showModal({ title: '撤回整件事？', content: `未办结的 ${openParts} 个事项会一并撤回，已办结的不受影响。`, confirmText: '撤回', cancelText: '再想想' })
      if (!sure.confirm) return
      await store.actBundle('withdraw')
      void Taro.showToast({ title: '已撤回', icon: 'none' })
    }
  }

  async function rate() {
    if (!rateAction || rating) return
    if (!stars) return toast('请选择评分（1–5 星）')
    setRating(true)
    try {
      await store.actBundle('rate', { stars })
      void Taro.showToast({ title: '谢谢您的评价', icon: 'none' })
    } catch (err) {
      showError(err)
    } finally {
      setRating(false)
    }
  }

  return (
    <PageShell withActionBar={barActions.length > 0}>
      <View className="card rq-head">
        <View className="row">
          <StatusTag tone={bundleTone[d.status]}>{bundleStatusLabels[d.status]}</StatusTag>
          {d.overdue ? <StatusTag tone="danger">逾期</StatusTag> : null}
        </View>
        <Text className="rq-title">{d.name}</Text>
        <Text className="muted">
          {d.applicantName} · 一次申报于 {formatTime(d.submittedAt)} · 已办结 {done}/{d.parts.length} 项
        </Text>
        {left ? (
          <View className={`rq-left rq-left--${left.tone}`} role="timer">
            整件事承诺 {formatTime(d.dueAt)} 前全部办结 · {left.text}
          </View>
        ) : d.finishedAt ? (
          <Text className="muted">{d.status === 'done' ? '全部办结于' : '撤回于'} {formatTime(d.finishedAt)}</Text>
        ) : null}
      </View>

      <Text className="section-title">各事项进度</Text>
      <View className="card bd-parts">
        {d.parts.map((p) => (
          <PartRow key={p.key} p={p} />
        ))}
      </View>

      {d.issued.length ? (
        <>
          <Text className="section-title">办理结果</Text>
          <View className="card bd-issued">
            {d.issued.map((i) => (
              <View key={`${i.partName}-${i.title}`} className="rq-field">
                <Text className="muted rq-field-label">{issuedWords[i.kind]}</Text>
                <Text className="rq-field-value">
                  {i.title} <Text className="nowrap">{i.detail}</Text>
                </Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      <Text className="section-title">申报内容</Text>
      <View className="card rq-fields">
        {d.fields.map((f) => (
          <View key={f.key} className="rq-field">
            <Text className="muted rq-field-label">{f.label}</Text>
            <Text className="rq-field-value">{f.value}</Text>
          </View>
        ))}
      </View>

      <RatingCard question="对这件事的办理满意吗？" canRate={!!rateAction} stars={stars} onStars={setStars} sending={rating} onRate={() => void rate()} given={d.rating?.stars ?? null} />

      <Text className="section-title">办理过程</Text>
      <View className="card">
        <Timeline entries={d.timeline} />
      </View>

      <ActionBar actions={barActions} onAction={onAction} />
    </PageShell>
  )
}

export default observer(BundlePage)
