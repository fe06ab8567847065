import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { WorkbenchLink, WorkbenchPart } from '../../../../contract/workbench'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { useWorkbenchStore } from '../../store'
import './index.scss'

const INBOX_TAB_INDEX = 1
const MESSAGES_PAGE = '/features/messages/pages/index/index'
const go = (l: WorkbenchLink) => void Taro.navigateTo({ url: l.link })

/** The inbox tab wears the 待办 count, as WeCom apps do; a platform without tab badges simply shows none. */
function showTodoBadge(todo: number) {
  try {
    if (todo > 0) void Taro.setTabBarBadge({ index: INBOX_TAB_INDEX, text: todo > 99 ? '99+' : String(todo) }).catch(() => undefined)
    else void Taro.removeTabBarBadge({ index: INBOX_TAB_INDEX }).catch(() => undefined)
  } catch {
    // no tab bar here (a test, a page opened on its own)
  }
}

const Count = ({ n, label, alarm }: { n: number; label: string; alarm?: boolean }) => (
  <View className={`wb-count ${alarm && n > 0 ? 'wb-count--alarm' : ''}`} aria-label={`${label} ${n} 件`}>
    <Text className="wb-count-n">{n}</Text>
    <Text className="wb-count-label">{label}</Text>
  </View>
)

const PartCard = ({ part, audit }: { part: WorkbenchPart; audit: { ok: boolean; count: number; headHash: string } | null }) => (
  <View className="card wb-part" role="region" aria-label={part.label}>
    <Text className="wb-part-title">{part.label}</Text>
    {part.key === 'audit' && audit ? (
      <View className={`wb-audit ${audit.ok ? 'wb-audit--ok' : 'wb-audit--broken'}`} role="status">
        <Text className="wb-audit-state">{audit.ok ? `审计链完整 · 共 ${audit.count} 条` : '审计链校验未通过'}</Text>
        <Text className="wb-hash">链头 {audit.headHash}</Text>
      </View>
    ) : (
      <View className="wb-counts">
        <Count n={part.counts.todo} label="待办" alarm />
        <Count n={part.counts.overdue} label="逾期" alarm />
        <Count n={part.counts.urged} label="催办" />
      </View>
    )}
    {part.startables.length || part.shortcuts.length ? (
      <View className="wb-links">
        {part.startables.map((l) => (
          <View key={l.key} className="wb-link wb-link--start" role="button" aria-label={l.label} onClick={() => go(l)}>
            <Text>{l.label}</Text>
          </View>
        ))}
        {part.shortcuts.map((l) => (
          <View key={l.key} className="wb-link" role="link" aria-label={l.label} onClick={() => go(l)}>
            <Text>{l.label}</Text>
          </View>
        ))}
      </View>
    ) : null}
  </View>
)

/** 工作台: the staff landing page. One call; the parts and their order are the server's. */
function WorkbenchPage() {
  const root = useStores()
  const store = useWorkbenchStore(root)
  const signedIn = useSignedIn()
  useDidShow(() => {
    if (signedIn) void store.load()
  })
  useEffect(() => {
    if (signedIn && !store.data && !store.loading) void store.load()
  }, [signedIn, store])
  usePullDownRefresh(async () => {
    await store.load()
    Taro.stopPullDownRefresh()
  })
  const data = store.data
  useEffect(() => {
    if (data) showTodoBadge(data.todo)
  }, [data])

  if (!data) return <PageShell>{store.error ? <ErrorState error={store.error} onRetry={() => void store.load()} /> : <Text className="wb-loading muted">加载中…</Text>}</PageShell>
  const name = root.session.user?.name ?? ''
  return (
    <PageShell>
      <View className="wb-head">
        <Text className="wb-hello">{name ? `${name}，您好` : '您好'}</Text>
        <View className="wb-head-row">
          <View className="wb-summary" role="link" aria-label={`统一待办 ${data.todo} 件`} onClick={() => void Taro.switchTab({ url: '/features/inbox/pages/index/index' })}>
            <Text>待办 {data.todo} 件</Text>
            {data.overdue ? <Text className="wb-overdue">其中 {data.overdue} 件逾期</Text> : null}
          </View>
          <View className="wb-messages" role="link" aria-label={data.unread ? `消息，${data.unread} 条未读` : '消息'} onClick={() => void Taro.navigateTo({ url: MESSAGES_PAGE })}>
            <Text>消息</Text>
            {data.unread ? <Text className="wb-unread">{data.unread > 99 ? '99+' : data.unread}</Text> : null}
          </View>
        </View>
      </View>
      {data.parts.map((p) => (
        <PartCard key={p.key} part={p} audit={data.audit} />
      ))}
      <View className="wb-bottom" />
    </PageShell>
  )
}

export default observer(WorkbenchPage)
