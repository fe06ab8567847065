import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { dialectLabels, disputeTypeLabels, mediationModeLabels, type Slot } from '../../../../contract/mediation'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { showError, toApiError, toast } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { SlotList } from '../../components/slot-list'
import { slotWhen } from '../../components/format'
import { useMediationStore } from '../../store'
import '../../components/mediation.scss'

/** The template id of the 调解提醒 subscription message; a real deployment sets its own. */
// The subscription template id the district registers in the WeChat console. Not read from
// process.env: in a mini-program an unset variable is left as `process.env.…`, and `process` does not
// exist there (the weapp runner caught this page failing to load).
const REMIND_TEMPLATE = 'mediation-remind'

/** Asked at the tap that books, as WeChat requires; on H5 or a refusal the reminder stays in the app. */
async function askReminder(): Promise<'subscribed' | 'in_app'> {
  if (process.env.TARO_ENV !== 'weapp') return 'in_app'
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: [REMIND_TEMPLATE], entityIds: [] } as never)) as unknown as Record<string, string>
    return res[REMIND_TEMPLATE] === 'accept' ? 'subscribed' : 'in_app'
  } catch {
    return 'in_app'
  }
}

function BookPage() {
  const root = useStores()
  const store = useMediationStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [sameDialect, setSameDialect] = useState(true)
  // off at first: most slots; a resident who wants someone versed in her kind of dispute narrows it
  const [expert, setExpert] = useState(false)
  const [picked, setPicked] = useState<Slot | null>(null)
  const [sending, setSending] = useState(false)
  const [lost, setLost] = useState<string | null>(null)
  const d = store.detail?.id === id ? store.detail : null

  useEffect(() => {
    if (signedIn) void store.load(id)
  }, [signedIn, id, store])
  useEffect(() => {
    if (!d) return
    const where = d.committeeId ? { committeeId: d.committeeId } : { streetName: d.streetName }
    store.loadSlots({ ...where, mode: d.mode, ...(sameDialect ? { dialect: d.dialect } : {}), ...(expert ? { expertise: d.disputeType } : {}) }).catch(showError)
  }, [d?.id, d?.committeeId, sameDialect, expert, store])

  async function book() {
    if (!picked || sending) return
    setSending(true)
    try {
      const remind = await askReminder()
      await store.act('book', { slotId: picked.id, remind })
      toast('预约成功')
      void Taro.redirectTo({ url: `/features/mediation/pages/case/index?id=${id}` })
    } catch (err) {
      const e = toApiError(err)
      if (store.alternatives.length) {
        setLost(e.message)
        setPicked(null)
      } else showError(e)
    } finally {
      setSending(false)
    }
  }

  if (store.error && !d) return <PageShell><ErrorState error={store.error} onRetry={() => void store.load(id)} /></PageShell>
  if (!d) return <PageShell><Text className="muted">正在打开…</Text></PageShell>

  const offered = lost ? store.alternatives : store.slots
  return (
    <PageShell withActionBar>
      <View className="med-section">
        <Text className="med-status">选一个您方便的时间</Text>
        <Text className="muted">
          {mediationModeLabels[d.mode]} · {d.committeeName ?? `${d.streetName}及区调委会`} · 以下都是调解员日程里真实空着的时段
        </Text>
        <View className="med-options">
          <View role="switch" aria-checked={sameDialect} className={`form-option ${sameDialect ? 'is-on' : ''}`} onClick={() => setSameDialect(!sameDialect)}>
            只看会说{dialectLabels[d.dialect]}的调解员
          </View>
          <View role="switch" aria-checked={expert} className={`form-option ${expert ? 'is-on' : ''}`} onClick={() => setExpert(!expert)}>
            只看擅长{disputeTypeLabels[d.disputeType]}的调解员
          </View>
        </View>
        {lost ? <Text className="med-warn">{lost}</Text> : null}
        {offered.length ? (
          <SlotList slots={offered} selected={picked?.id} onPick={setPicked} />
        ) : (
          <EmptyState title="近期没有空闲时段" hint="可以先不约，调解分拨员会联系您并提供时间" />
        )}
        <Button block onClick={() => void Taro.redirectTo({ url: `/features/mediation/pages/case/index?id=${id}` })}>
          暂不预约，等分拨员安排
        </Button>
      </View>
      {picked ? (
        <View className="action-bar">
          <Button type="primary" block loading={sending} onClick={() => void book()}>
            预约 {slotWhen(picked.start)}
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}

export default observer(BookPage)
