import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import { CHANGE_CUTOFF_HOURS, caseProgress, caseStatusLabels, inviteStatusLabels, type CaseDetail } from '../../../../contract/mediation'
import { ActionBar } from '../../../../components/action-bar'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { SignatureSheet } from '../../../../components/signature-pad'
import { Timeline } from '../../../../components/timeline'
import { clock } from '../../../../core/clock'
import { formatTime } from '../../../../core/format'
import { showError, toast } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { slotWhen } from '../../components/format'
import { useMediationStore } from '../../store'
import { CaseFile } from '../../components/case-file'
import '../../components/mediation.scss'

const reached: Record<CaseDetail['status'], number> = {
  applied: 0, accepted: 1, scheduled: 2, in_session: 3, agreed: 4, failed: 4, performing: 5, visited: 6, refused: 0, declined: 1, cancelled: 0,
}

function CasePage() {
  const root = useStores()
  const store = useMediationStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [signing, setSigning] = useState(false)
  const [stars, setStars] = useState(5)
  const d = store.detail?.id === id ? store.detail : null

  useDidShow(() => {
    if (signedIn) void store.load(id)
  })
  useShareAppMessage(() => ({
    title: `${root.session.user?.name ?? ''}邀请您参加人民调解`,
    path: `/features/mediation/pages/invite/index?code=${d?.inviteCode ?? ''}`,
  }))

  if (store.error && !d) return <PageShell><ErrorState error={store.error} onRetry={() => void store.load(id)} /></PageShell>
  if (!d) return <PageShell><Text className="muted">正在打开…</Text></PageShell>

  async function onAction(a: AvailableAction, opinion: string) {
    if (a.key === 'book') return void Taro.navigateTo({ url: `/features/mediation/pages/book/index?id=${id}` })
    if (a.key === 'sign') return setSigning(true)
    await store.act(a, { ...(opinion ? { reason: opinion } : {}), ...(a.key === 'rate' ? { stars } : {}) })
    toast('已办理')
  }

  const step = reached[d.status]
  return (
    <PageShell withActionBar>
      <View className="med-progress" aria-label="办理进度">
        {caseProgress.map((s, i) => (
          <Text key={s} className={`med-step ${i <= step ? 'is-done' : ''}`}>
            {s}
          </Text>
        ))}
      </View>
      <View className="med-section card">
        <Text className="med-status">{caseStatusLabels[d.status]}</Text>
        <Text>{d.title}</Text>
        {d.caseNumber ? <Text className="muted">案号 {d.caseNumber}</Text> : null}
        {d.assistedBy ? <Text className="muted">由{d.assistedBy.relation}{d.assistedBy.name}协助填写</Text> : null}
        {d.committeeName ? <Text className="muted">{d.committeeName}{d.mediatorName ? ` · ${d.mediatorName} 调解员` : ''}</Text> : null}
      </View>
      {d.slot ? (
        <View className="med-section card" aria-label="调解时间">
          <Text className="form-label">调解时间</Text>
          <Text className="med-slot-when">{slotWhen(d.slot.start)}</Text>
          <Text className="muted">{d.slot.roomName ? `${d.slot.committeeName} ${d.slot.roomName}` : '视频调解'}</Text>
          {d.reminder ? <Text className="med-note">{d.reminder.text}</Text> : null}
          {d.changeUntil && d.viewer === 'applicant' ? (
            Date.parse(d.changeUntil) > clock.now().getTime() ? (
              <Text className="muted">{formatTime(d.changeUntil)} 前可以改约或取消</Text>
            ) : (
              <Text className="muted">离调解不到 {CHANGE_CUTOFF_HOURS} 小时，不能再改约或取消；如有急事请致电调委会</Text>
            )
          ) : null}
        </View>
      ) : null}
      {d.offeredSlot ? <Text className="med-note med-section">为您提供的时间：{slotWhen(d.offeredSlot.start)} {d.offeredSlot.mediatorName}</Text> : null}
      {d.video ? (
        <View className="med-section card">
          <Button block type="primary" disabled={!d.video.available} onClick={() => void Taro.navigateTo({ url: `/features/video/pages/precheck/index?caseId=${d.id}` })}>进入视频调解</Button>
          <Text className="med-note">{d.video.text}</Text>
        </View>
      ) : null}
      {d.viewer === 'applicant' ? (
        <View className="med-section card" aria-label="邀请对方">
          <Text className="form-label">对方：{d.otherParty.name} {d.otherParty.phone} · {inviteStatusLabels[d.inviteStatus]}</Text>
          {d.inviteStatus === 'pending' && d.inviteCode ? (
            <>
              <Text className="muted">把邀请发给对方，对方在自己的微信里打开、确认。也可以告诉对方邀请码：</Text>
              <Text className="med-code">{d.inviteCode}</Text>
              <Button openType="share" block>发给对方</Button>
            </>
          ) : null}
          {d.inviteNote ? <Text className="muted">对方说：{d.inviteNote}</Text> : null}
        </View>
      ) : null}
      {d.nextSteps.length ? (
        <View className="med-section card" aria-label="接下来怎么办">
          <Text className="form-label">接下来可以怎么办</Text>
          {d.nextSteps.map((s) => (
            <View key={s.title} className="med-kv">
              <Text className="form-label">{s.title}</Text>
              <Text className="muted">{s.text}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {d.agreement ? (
        <View className="med-section card" aria-label="调解协议书">
          <Text className="form-label">人民调解协议书</Text>
          <Text>{d.agreement.terms}</Text>
          <Text className="muted">已签名：{d.signatures.map((s) => s.name).join('、') || '还没有人签'}</Text>
        </View>
      ) : null}
      {d.performance || d.visit || d.rating ? (
        <View className="med-section card" aria-label="履行与回访">
          {d.performance ? <Text>履行情况：{d.performance.text}</Text> : d.performDueAt ? <Text className="muted">履行期限 {formatTime(d.performDueAt)}</Text> : null}
          {d.visit ? <Text>回访：{d.visit.text}</Text> : null}
          {d.rating ? <Text className="muted">您的评价：{d.rating.stars} 星{d.rating.comment ? `，${d.rating.comment}` : ''}</Text> : null}
        </View>
      ) : null}
      {d.caseFile.items.length ? <CaseFile d={d} showMissing={false} /> : null}
      {d.availableActions.some((a) => a.key === 'rate') ? (
        <View className="med-section card med-options" role="radiogroup" aria-label="评分">
          {[1, 2, 3, 4, 5].map((n) => (
            <View key={n} role="radio" aria-checked={n === stars} className={`form-option ${n <= stars ? 'is-on' : ''}`} onClick={() => setStars(n)}>
              {n} 星
            </View>
          ))}
        </View>
      ) : null}
      <View className="med-section">
        <Text className="form-label">办理过程</Text>
        <Timeline entries={d.timeline} />
      </View>
      <ActionBar actions={d.availableActions} onAction={onAction} />
      <SignatureSheet
        visible={signing}
        title="签署人民调解协议书"
        hint="我已阅读协议内容，同意并签名"
        confirmLabel="确认签署"
        onClose={() => setSigning(false)}
        onConfirm={async (png) => {
          try {
            await store.act('sign', { signature: png })
            setSigning(false)
            toast('已签署')
          } catch (err) {
            showError(err)
          }
        }}
      />
    </PageShell>
  )
}

export default observer(CasePage)
