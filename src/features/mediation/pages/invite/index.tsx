import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { disputeTypeLabels, inviteStatusLabels, mediationModeLabels, mediationRoutes, type Slot } from '../../../../contract/mediation'
import type { RouteResult } from '../../../../contract/route'
import { FieldError } from '../../../../components/field-error'
import { PageShell } from '../../../../components/page-shell'
import { showError, toApiError } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { SlotList } from '../../components/slot-list'
import { slotWhen } from '../../components/format'
import '../../components/mediation.scss'

type Invitation = RouteResult<typeof mediationRoutes.invitation>

/** The other party, in their own WeChat: only what they need to know, and three answers. */
function InvitePage() {
  const root = useStores()
  const signedIn = useSignedIn()
  const [code, setCode] = useState((useRouter().params.code ?? '').toUpperCase())
  const [inv, setInv] = useState<Invitation | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [proposing, setProposing] = useState(false)
  const [picked, setPicked] = useState<Slot | null>(null)
  const [reason, setReason] = useState('')
  const [sending, setSending] = useState(false)

  async function open(c = code) {
    setProblem(null)
    try {
      setInv(await root.api.call(mediationRoutes.invitation, { params: { code: c } }))
    } catch (err) {
      const e = toApiError(err)
      setProblem(e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST' ? '没有找到这个邀请，请核对邀请码' : e.message)
    }
  }
  useEffect(() => {
    if (signedIn && code) void open()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])

  async function answer(a: 'accept' | 'propose' | 'decline') {
    if (!inv || sending) return
    setSending(true)
    try {
      const c = await root.api.call(mediationRoutes.respond, { params: { code: inv.code }, body: { answer: a, ...(picked && a === 'propose' ? { slotId: picked.id } : {}), ...(reason ? { reason } : {}) } })
      root.inbox.invalidate()
      void Taro.redirectTo({ url: `/features/mediation/pages/case/index?id=${c.id}` })
    } catch (err) {
      showError(err)
    } finally {
      setSending(false)
    }
  }

  if (!inv) {
    return (
      <PageShell>
        <View className="med-section card">
          <Text className="form-label">输入对方发给您的邀请码</Text>
          <Input className="form-input" aria-label="邀请码" value={code} maxlength={12} onInput={(e) => setCode(e.detail.value.toUpperCase())} />
          {problem ? <FieldError message={problem} /> : null}
          <Button type="primary" block onClick={() => void open()}>查看邀请</Button>
        </View>
      </PageShell>
    )
  }
  const answered = inv.status !== 'pending' && inv.status !== 'proposed'
  return (
    <PageShell>
      <View className="med-section card">
        <Text className="med-status">{inv.applicantName}邀请您参加人民调解</Text>
        <Text>{disputeTypeLabels[inv.disputeType]} · {mediationModeLabels[inv.mode]}</Text>
        <Text className="muted">对方的诉求：{inv.claims}</Text>
        {inv.committeeName ? <Text className="muted">{inv.committeeName}</Text> : null}
        {inv.slot ? <Text className="med-slot-when">{slotWhen(inv.slot.start)}</Text> : <Text className="muted">时间待定，调解员会联系您</Text>}
        <Text className="med-note">人民调解免费、自愿；达成的协议可以申请司法确认。</Text>
        {answered ? <Text className="form-label">{inviteStatusLabels[inv.status]}</Text> : null}
      </View>
      {!answered ? (
        <View className="med-section">
          <Button type="primary" block loading={sending} onClick={() => void answer('accept')}>同意参加调解</Button>
          <Button block onClick={() => setProposing(!proposing)}>换个时间</Button>
          {proposing ? (
            <>
              <SlotList slots={inv.alternatives} selected={picked?.id} onPick={setPicked} />
              <Button block disabled={!picked} onClick={() => void answer('propose')}>提议这个时间</Button>
            </>
          ) : null}
          <Input className="form-input" aria-label="想说的话" value={reason} maxlength={300} placeholder="想对调解员说的话（可不填）" onInput={(e) => setReason(e.detail.value)} />
          <Button type="danger" block onClick={() => void answer('decline')}>不同意调解</Button>
        </View>
      ) : null}
    </PageShell>
  )
}

export default observer(InvitePage)
