import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { subscribeTemplates, type Message, type SubscribeTemplate } from '../../../../contract/notifications'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { useMessagesStore } from '../../store'
import './index.scss'

/** The WeChat template ids the BFF registered, one per kind of reminder (at most 3 per request). */
const TEMPLATE_IDS: Record<SubscribeTemplate, string> = {
  appointment: 'tmpl-appointment-reminder',
  progress: 'tmpl-progress-update',
  message: 'tmpl-new-message',
}
const HOURS = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00']

const MessageCard = ({ m, onOpen }: { m: Message; onOpen(m: Message): void }) => (
  <View className={`card msg-item ${m.read ? 'is-read' : ''}`} role="link" aria-label={`${m.read ? '' : '未读，'}${m.title}`} onClick={() => onOpen(m)}>
    <View className="row">
      {!m.read ? <View className="msg-dot" aria-hidden /> : null}
      {m.urgent ? <StatusTag tone="danger">特急</StatusTag> : null}
      <Text className="msg-time muted">{formatTime(m.createdAt)}</Text>
    </View>
    <Text className="msg-title">{m.title}</Text>
    <Text className="muted">{m.body}</Text>
  </View>
)

function MessagesPage() {
  const root = useStores()
  const store = useMessagesStore(root)
  const signedIn = useSignedIn()
  const staff = root.session.user?.kind === 'staff'
  useDidShow(() => {
    if (!signedIn) return
    void store.load()
    if (root.session.user?.kind === 'staff') void store.loadSettings()
  })
  usePullDownRefresh(async () => {
    await store.load()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void store.loadMore())

  const open = (m: Message) => {
    void store.open(m)
    void Taro.navigateTo({ url: m.link })
  }

  /** Asked at the tap whose reason is on the button; each acceptance allows one message. */
  async function remindMe() {
    const tmplIds = subscribeTemplates.map((t) => TEMPLATE_IDS[t])
    try {
      const r = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
      const results = subscribeTemplates.map((template) => ({ template, status: (r[TEMPLATE_IDS[template]] ?? 'reject') as 'accept' | 'reject' | 'ban' | 'filter' }))
      const { left } = await store.subscribed(results)
      const n = Object.values(left).reduce((a, b) => a + b, 0)
      void Taro.showToast({ title: n ? '好的，有进展时提醒您' : '您没有同意提醒，可在消息中查看', icon: 'none' })
    } catch {
      void Taro.showToast({ title: '没能开启提醒，您仍可在这里查看消息', icon: 'none' })
    }
  }

  async function save(which: 'sendFrom' | 'sendUntil', index: number) {
    if (!store.settings) return
    const next = { ...store.settings, [which]: HOURS[index] }
    if (next.sendFrom >= next.sendUntil) {
      void Taro.showToast({ title: '开始提醒应早于停止提醒', icon: 'none' })
      return
    }
    try {
      await store.saveSettings(next)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch {
      void Taro.showToast({ title: '没有保存成功，请重试', icon: 'none' })
    }
  }

  return (
    <PageShell>
      <View className="msg-head row">
        <Text className="msg-unread">{store.unread ? `${store.unread} 条未读` : '没有未读消息'}</Text>
        {store.unread ? (
          <Button size="small" fill="outline" onClick={() => void store.readAll()}>
            全部已读
          </Button>
        ) : null}
      </View>
      {staff && store.settings ? (
        <View className="card msg-quiet">
          <Text className="msg-quiet-title">免打扰</Text>
          <Text className="muted">晚上、周末和节假日不打扰您；特急和红色预警随时提醒。工作日内，只在下面的时段提醒：</Text>
          <View className="row msg-quiet-row">
            <Picker mode="selector" range={HOURS.slice(0, -1)} value={Math.max(0, HOURS.indexOf(store.settings.sendFrom))} onChange={(e) => void save('sendFrom', Number(e.detail.value))}>
              <View className="msg-quiet-pick" role="button" aria-label={`开始提醒 ${store.settings.sendFrom}`}>
                从 {store.settings.sendFrom}
              </View>
            </Picker>
            <Picker mode="selector" range={HOURS.slice(1)} value={Math.max(0, HOURS.indexOf(store.settings.sendUntil) - 1)} onChange={(e) => void save('sendUntil', Number(e.detail.value) + 1)}>
              <View className="msg-quiet-pick" role="button" aria-label={`停止提醒 ${store.settings.sendUntil}`}>
                到 {store.settings.sendUntil}
              </View>
            </Picker>
          </View>
        </View>
      ) : null}
      {!staff && signedIn ? (
        <View className="msg-subscribe">
          <Button block type="primary" onClick={() => void remindMe()}>
            有新进展时，微信提醒我
          </Button>
        </View>
      ) : null}
      {store.error && !store.items.length ? (
        <ErrorState error={store.error} onRetry={() => void store.load()} />
      ) : store.loaded && !store.items.length ? (
        <EmptyState title="还没有消息" hint="有待办、催办或进展时会在这里告诉您" />
      ) : (
        store.items.map((m) => <MessageCard key={m.id} m={m} onOpen={open} />)
      )}
      <View className="msg-bottom" />
    </PageShell>
  )
}

export default observer(MessagesPage)
