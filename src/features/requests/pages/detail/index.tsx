import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import { requestStatusLabels } from '../../../../contract/requests'
import { ActionBar } from '../../../../components/action-bar'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { PersonPicker, type PickedPerson } from '../../../../components/person-picker'
import { StatusTag } from '../../../../components/status-tag'
import { Timeline } from '../../../../components/timeline'
import { showError, toast } from '../../../../core/errors'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { promiseLeft } from '../../components/countdown'
import { RatingCard } from '../../components/rating-card'
import { useRequestsStore } from '../../store'
import { statusTone } from '../../components/status'
import './index.scss'

const stepTone = { waiting: 'neutral', current: 'primary', approved: 'ok', skipped: 'neutral' } as const
const stepWords = { waiting: '待办理', current: '办理中', approved: '已同意', skipped: '无需办理' } as const
/** 常用意见 by what is being done: the words of an office that approves, returns, refuses or passes on */
const phrases = {
  approve: ['同意。', '同意，请按规定使用。', '同意，用后请及时归还。'],
  return: ['请补充用途说明后重新提交。', '请补充相关附件。', '时间有冲突，请调整时段。'],
  reject: ['不符合使用规定。', '该时段已另有安排。'],
  transfer: ['请协助办理。'],
  urge: ['请尽快审批，谢谢。'],
  confirm_use: ['已按登记用印。'],
} as const
const hm = (iso: string) => iso.slice(11, 16)

/** One request on one screen: where it is, how long is left, and what this person may do now. */
function RequestDetailPage() {
  const root = useStores()
  const store = useRequestsStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [picking, setPicking] = useState(false)
  const [stars, setStars] = useState(0)
  const [rating, setRating] = useState(false)
  const pending = useRef<{ action: AvailableAction; opinion: string; done(): void } | null>(null)

  useDidShow(() => {
    if (signedIn && id) void store.load(id)
  })
  // sharing a certificate shares its verification page, never the request itself
  useShareAppMessage(() => {
    const c = store.detail?.certificate
    return c ? { title: `${c.title}（凭核验码 ${c.code} 可核验真伪）`, path: `/features/requests/pages/verify/index?code=${c.code}` } : { title: '零跑动 · 机关内部办事', path: '/features/requests/pages/index/index' }
  })

  const d = store.detail?.id === id ? store.detail : null
  if (store.detailError && !d) return <PageShell><ErrorState error={store.detailError} onRetry={() => void store.load(id)} /></PageShell>
  if (!d) return <PageShell><Text className="rq-loading muted">加载中…</Text></PageShell>

  const open = !['done', 'rejected', 'withdrawn'].includes(d.status)
  const left = open ? promiseLeft(d.dueAt) : null
  const rateAction = d.availableActions.find((a) => a.key === 'rate')
  const barActions = d.availableActions.filter((a) => a.key !== 'rate')

  async function onAction(action: AvailableAction, opinion: string) {
    if (action.key === 'resubmit') {
      void Taro.navigateTo({ url: `/features/requests/pages/apply/index?id=${d!.id}` })
      return
    }
    if (action.key === 'transfer') {
      // ask whom to hand it to; the bar stays busy until the picker closes
      return new Promise<void>((resolve) => {
        pending.current = { action, opinion, done: resolve }
        setPicking(true)
      })
    }
    await store.act(action, opinion)
  }

  async function transferTo(people: PickedPerson[]) {
    setPicking(false)
    const p = pending.current
    pending.current = null
    if (!p || !people[0]) return p?.done()
    try {
      await store.act(p.action, p.opinion, { toUserId: people[0].id })
      void Taro.showToast({ title: `已转办给${people[0].name}`, icon: 'none' })
    } catch (err) {
      showError(err)
    } finally {
      p.done()
    }
  }

  async function rate() {
    if (!rateAction || rating) return
    if (!stars) return toast('请选择评分（1–5 星）')
    setRating(true)
    try {
      await store.act(rateAction, '', { stars })
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
          <StatusTag tone={statusTone[d.status]}>{requestStatusLabels[d.status]}</StatusTag>
          {d.overdue ? <StatusTag tone="danger">逾期</StatusTag> : null}
        </View>
        <Text className="rq-title">{d.itemName}</Text>
        <Text className="muted">
          {d.applicantDeptName} {d.applicantName} · 提交于 {formatTime(d.submittedAt)}
        </Text>
        {left ? (
          <View className={`rq-left rq-left--${left.tone}`} role="timer">
            承诺时限 {formatTime(d.dueAt)} · {left.text}
          </View>
        ) : d.finishedAt ? (
          <Text className="muted">办结于 {formatTime(d.finishedAt)}</Text>
        ) : null}
      </View>

      <Text className="section-title">审批进度</Text>
      <View className="card rq-chain">
        {d.chain.map((s, i) => (
          <View key={i} className={`rq-step rq-step--${s.state}`}>
            <Text className="rq-step-no">{i + 1}</Text>
            <View className="rq-step-body">
              <Text className="rq-step-label">{s.label}</Text>
              <Text className="muted">{s.holderName ?? '—'}</Text>
            </View>
            <StatusTag tone={stepTone[s.state]}>{stepWords[s.state]}</StatusTag>
          </View>
        ))}
      </View>

      <Text className="section-title">申请内容</Text>
      <View className="card rq-fields">
        {d.fields.map((f) => (
          <View key={f.key} className="rq-field">
            <Text className="muted rq-field-label">{f.label}</Text>
            <Text className="rq-field-value">{f.value}</Text>
          </View>
        ))}
        {d.slot ? (
          <View className="rq-field">
            <Text className="muted rq-field-label">预约</Text>
            <Text className="rq-field-value">
              {d.slot.resourceName} <Text className="nowrap">{d.slot.start.slice(5, 10)} {hm(d.slot.start)}–{hm(d.slot.end)}</Text>
            </Text>
          </View>
        ) : null}
      </View>

      {d.certificate ? (
        <>
          <Text className="section-title">电子证明</Text>
          <View className="card rq-cert" aria-label={d.certificate.title}>
            <Text className="rq-cert-title">{d.certificate.title}</Text>
            <Text className="rq-cert-body">{d.certificate.body}</Text>
            <View className="rq-cert-sign">
              <Text className="rq-cert-issuer">
                {d.certificate.issuer}
                {'\n'}
                {d.certificate.issuedAt.slice(0, 10)}
              </Text>
              {/* the issuer's electronic seal over its name, as on a paper 证明 */}
              <View className="rq-cert-seal" role="img" aria-label={`${d.certificate.issuer}证明专用章（电子印章）`}>
                <Text className="rq-cert-seal-star" aria-hidden>
                  ★
                </Text>
                <Text className="rq-cert-seal-name" aria-hidden>
                  {d.certificate.issuer.replace(/^深圳市/, '')}
                </Text>
                <Text className="rq-cert-seal-use" aria-hidden>
                  证明专用章
                </Text>
              </View>
            </View>
            <Text className="rq-cert-code">核验码 {d.certificate.code}</Text>
            <View className="row">
              <Button size="small" fill="outline" type="primary" onClick={() => void Taro.navigateTo({ url: `/features/requests/pages/verify/index?code=${d.certificate!.code}` })}>
                核验真伪
              </Button>
              <Button size="small" fill="outline" onClick={() => void Taro.setClipboardData({ data: `${d.certificate!.title} 核验码 ${d.certificate!.code}` })}>
                复制核验码分享
              </Button>
            </View>
          </View>
        </>
      ) : null}

      <RatingCard question="对这次办理满意吗？" canRate={!!rateAction} stars={stars} onStars={setStars} sending={rating} onRate={() => void rate()} given={d.rating?.stars ?? null} />

      <Text className="section-title">办理过程</Text>
      <View className="card">
        <Timeline entries={d.timeline} />
      </View>

      <ActionBar actions={barActions} phrases={phrases} onAction={onAction} />
      <PersonPicker visible={picking} multiple={false} selected={[]} onClose={() => void transferTo([])} onConfirm={(p) => void transferTo(p)} />
    </PageShell>
  )
}

export default observer(RequestDetailPage)
