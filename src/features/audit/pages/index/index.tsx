import { Input, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { AuditEntry } from '../../../../contract/audit'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { clock } from '../../../../core/clock'
import { formatTime } from '../../../../core/format'
import { cstDate } from '../../../../core/time'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { useAuditStore } from '../../store'
import './index.scss'

const Entry = ({ e }: { e: AuditEntry }) => (
  <View className="card audit-entry" role="listitem">
    <View className="row audit-entry-head">
      <Text className="audit-seq">#{e.seq}</Text>
      <Text className="audit-action">{e.action}</Text>
      <Text className="muted audit-time">{formatTime(e.at)}</Text>
    </View>
    <Text className="audit-who">
      {e.actorName}（{e.actorId}） · {e.objectType} {e.objectId}
    </Text>
    <Text className="audit-summary">{e.summary}</Text>
    <Text className="audit-hash muted">哈希 {e.hash.slice(0, 16)}…</Text>
  </View>
)

/** 审计/纪检's 工作台: who changed what and when, before → after, and whether the chain still holds. */
function AuditPage() {
  const root = useStores()
  const store = useAuditStore(root)
  const signedIn = useSignedIn()
  useEffect(() => {
    if (signedIn && !store.loaded) void store.search()
  }, [signedIn, store])
  useReachBottom(() => void store.more())
  const v = store.verdict
  return (
    <PageShell>
      {v ? (
        <View className={`card audit-verdict ${v.ok ? 'is-ok' : 'is-broken'}`} role="status">
          <Text className="audit-verdict-title">{v.ok ? `审计链完整：共 ${v.count} 条，逐条校验通过` : `审计链在第 ${v.brokenAt} 条断开：${v.problem ?? ''}`}</Text>
          <Text className="audit-head-hash">链头哈希（请记录）：{v.headHash}</Text>
        </View>
      ) : null}
      <View className="card audit-search">
        <Input className="audit-input" aria-label="对象编号" placeholder="对象编号，如 doc-001" value={store.query.objectId} onInput={(e) => store.set({ objectId: e.detail.value })} />
        <Input className="audit-input" aria-label="操作人编号" placeholder="操作人编号，如 u-clerk-01" value={store.query.actorId} onInput={(e) => store.set({ actorId: e.detail.value })} />
        <Input className="audit-input" aria-label="日期" placeholder={`日期，如 ${cstDate(clock.now())}，不填为不限`} maxlength={10} value={store.query.date} onInput={(e) => store.set({ date: e.detail.value.trim() })} />
        <Button block type="primary" onClick={() => void store.search()}>
          查询
        </Button>
      </View>
      {store.error ? (
        <ErrorState error={store.error} onRetry={() => void store.search()} />
      ) : store.loaded && !store.items.length ? (
        <EmptyState title="没有符合条件的记录" hint="换个对象、操作人或日期试试" />
      ) : (
        <View role="list">
          {store.items.map((e) => (
            <Entry key={e.seq} e={e} />
          ))}
        </View>
      )}
      <View className="audit-bottom" />
    </PageShell>
  )
}

export default observer(AuditPage)
