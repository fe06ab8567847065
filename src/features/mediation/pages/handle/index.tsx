import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import { caseStatusLabels, dialectLabels, inviteStatusLabels, mediationModeLabels, mediationRoutes, referralLabels, referrals, type Referral } from '../../../../contract/mediation'
import type { RouteResult } from '../../../../contract/route'
import { ActionBar } from '../../../../components/action-bar'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { SignatureSheet } from '../../../../components/signature-pad'
import { Timeline } from '../../../../components/timeline'
import { ApiError, showError, toast } from '../../../../core/errors'
import { CaseFile } from '../../components/case-file'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { SlotList } from '../../components/slot-list'
import { slotWhen } from '../../components/format'
import { useMediationStore } from '../../store'
import '../../components/mediation.scss'

type Suggestion = RouteResult<typeof mediationRoutes.suggestions>['items'][number]
/** which text the record box carries for each action */
const textField: Record<string, string> = { record: 'record', agree: 'terms', perform: 'note', visit: 'note' }

/** The mediator's and dispatcher's case page: 分拨 by suggestion, the session record, the 协议书, 履行, 回访. */
function HandlePage() {
  const root = useStores()
  const store = useMediationStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  const [mediatorId, setMediatorId] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [signing, setSigning] = useState(false)
  const [offering, setOffering] = useState(false)
  const [referral, setReferral] = useState<Referral | null>(null)
  const [days, setDays] = useState(15)
  const d = store.detail?.id === id ? store.detail : null

  useDidShow(() => {
    if (!signedIn) return
    void store.load(id).then(async () => {
      const cur = store.detail
      if (cur?.availableActions.some((a) => a.key === 'accept')) setSuggestions((await root.api.call(mediationRoutes.suggestions, { params: { id } })).items)
      if (cur?.record) setText(cur.record)
    })
  })

  if (store.error && !d) return <PageShell><ErrorState error={store.error} onRetry={() => void store.load(id)} /></PageShell>
  if (!d) return <PageShell><Text className="muted">正在打开…</Text></PageShell>

  async function onAction(a: AvailableAction, opinion: string) {
    if (a.key === 'sign') return setSigning(true)
    if (a.key === 'offer') {
      setOffering(true)
      return store.loadSlots({ committeeId: d!.committeeId ?? undefined, streetName: d!.committeeId ? undefined : d!.streetName, mode: d!.mode })
    }
    const extra: Record<string, unknown> = {}
    if (opinion) extra.reason = opinion
    if (a.key === 'accept' && mediatorId) extra.mediatorId = mediatorId
    if (a.key === 'refuse') {
      // 三调联动: a refusal always says where the people go instead
      // thrown, not returned: the sheet stays open with the reason she wrote
      if (!referral) throw new ApiError('BAD_REQUEST', '请先在「不予受理时的去向」里选一个（行政调解、诉调对接等）', 400)
      extra.referral = referral
    }
    if (a.key === 'extend') extra.days = days
    if (textField[a.key] && text.trim()) extra[textField[a.key]] = text.trim()
    if (a.key === 'agree' && d!.record === null) extra.record = text.trim()
    await store.act(a, extra)
    if (a.key !== 'record') setText('')
    toast('已办理')
  }
  const writes = d.availableActions.some((a) => textField[a.key])

  return (
    <PageShell withActionBar watermark>
      <View className="med-section card">
        <Text className="med-status">{caseStatusLabels[d.status]}{d.caseNumber ? ` · ${d.caseNumber}` : ''}</Text>
        <Text>{d.title}</Text>
        <Text className="muted">申请人 {d.applicant.name} {d.applicant.phone}{d.assistedBy ? `（${d.assistedBy.relation}${d.assistedBy.name}代填）` : ''}</Text>
        <Text className="muted">对方 {d.otherParty.name} {d.otherParty.phone} · {inviteStatusLabels[d.inviteStatus]}</Text>
        <Text className="muted">{d.streetName} · {mediationModeLabels[d.mode]} · {dialectLabels[d.dialect]}</Text>
        {d.dueAt ? <Text className={d.nearDue || d.overdue ? 'med-warn' : 'muted'}>调解期限 {slotWhen(d.dueAt)}{d.overdue ? '（已超期）' : d.nearDue ? '（临近期限）' : ''}</Text> : null}
        {d.slot ? <Text className="med-slot-when">{slotWhen(d.slot.start)} {d.slot.roomName ?? '视频'}</Text> : null}
      </View>
      {d.video ? (
        <View className="med-section card" aria-label="视频调解">
          <Text className="muted">{d.video.text}</Text>
          <Button block type="primary" disabled={!d.video.available} onClick={() => void Taro.navigateTo({ url: `/features/video/pages/precheck/index?caseId=${d.id}` })}>进入视频调解</Button>
        </View>
      ) : null}
      {d.videoAttendance.length ? (
        <View className="med-section card" aria-label="视频调解出席">
          <Text className="form-label">视频调解出席与录制（写入调解记录）</Text>
          {d.videoAttendance.map((line, i) => (
            <Text key={i} className="muted">{line}</Text>
          ))}
        </View>
      ) : null}
      {d.facts ? (
        <View className="med-section card">
          <Text className="form-label">事情经过</Text>
          <Text>{d.facts}</Text>
          <Text className="form-label">诉求</Text>
          <Text>{d.claims}</Text>
        </View>
      ) : null}
      {suggestions.length ? (
        <View className="med-section card" aria-label="分拨建议">
          <Text className="form-label">分拨给（按日程、语言、擅长与在办件数建议）</Text>
          {suggestions.slice(0, 5).map((s) => (
            <View key={s.mediatorId} role="radio" aria-checked={mediatorId === s.mediatorId} className={`form-option ${mediatorId === s.mediatorId ? 'is-on' : ''}`} onClick={() => setMediatorId(s.mediatorId)}>
              {s.mediatorName} · {s.committeeName} · 在办 {s.openCases} 件{s.reasons.length ? ` · ${s.reasons.join('、')}` : ''}
            </View>
          ))}
        </View>
      ) : null}
      {d.availableActions.some((a) => a.key === 'refuse') ? (
        <View className="med-section card" aria-label="不予受理时的去向">
          <Text className="form-label">不予受理时的去向（三调联动）</Text>
          <View className="med-options" role="radiogroup" aria-label="去向">
            {referrals.map((r) => (
              <View key={r} role="radio" aria-checked={referral === r} className={`form-option ${referral === r ? 'is-on' : ''}`} onClick={() => setReferral(r)}>
                {referralLabels[r]}
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {d.refusal ? (
        <View className="med-section card">
          <Text className="form-label">不予受理：{d.refusal.reason}</Text>
          <Text className="muted">去向：{d.refusal.referralLabel}</Text>
        </View>
      ) : null}
      {d.availableActions.some((a) => a.key === 'extend') ? (
        <View className="med-section card" aria-label="延期天数">
          <Text className="form-label">需要延期时延长</Text>
          <View className="med-options" role="radiogroup" aria-label="延期天数">
            {[10, 15, 30].map((n) => (
              <View key={n} role="radio" aria-checked={days === n} className={`form-option ${days === n ? 'is-on' : ''}`} onClick={() => setDays(n)}>
                {n} 天
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {d.extensions.length ? <Text className="muted med-section">已延期：{d.extensions.map((e) => `${e.days} 天（${e.reason}）`).join('；')}</Text> : null}
      {offering ? (
        <View className="med-section">
          <SlotList slots={store.slots} onPick={(s) => void store.act('offer', { slotId: s.id }).then(() => { setOffering(false); toast('已提供给申请人') }).catch(showError)} />
        </View>
      ) : null}
      {writes ? (
        <View className="med-section card">
          <Text className="form-label">{d.status === 'in_session' || d.status === 'agreed' || d.status === 'failed' ? '调解记录 / 协议内容' : '履行或回访情况'}</Text>
          <Textarea className="form-textarea" aria-label="调解记录" value={text} maxlength={4000} placeholder="边调解边记；达成协议时这里写协议条款" onInput={(e) => setText(e.detail.value)} />
        </View>
      ) : null}
      {d.agreement ? (
        <View className="med-section card">
          <Text className="form-label">人民调解协议书</Text>
          <Text>{d.agreement.terms}</Text>
          <Text className="muted">已签名：{d.signatures.map((s) => s.name).join('、') || '无'}</Text>
        </View>
      ) : null}
      <CaseFile d={d} showMissing />
      <View className="med-section">
        <Timeline entries={d.timeline} />
      </View>
      <ActionBar actions={d.availableActions} onAction={onAction} />
      <SignatureSheet
        visible={signing}
        title="调解员签名"
        confirmLabel="确认签名"
        onClose={() => setSigning(false)}
        onConfirm={async (png) => {
          try {
            await store.act('sign', { signature: png })
            setSigning(false)
          } catch (err) {
            showError(err)
          }
        }}
      />
    </PageShell>
  )
}

export default observer(HandlePage)
