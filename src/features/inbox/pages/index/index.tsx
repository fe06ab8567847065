import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { moduleLabels, type WorkItem } from '../../../../contract/common'
import { inboxTabLabels, inboxTabs, type InboxTab } from '../../../../contract/inbox'
import { BlockList } from '../../../../components/block-list'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { UrgencyTag, WorkTagList } from '../../../../components/status-tag'
import { describeDeadline, formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import './index.scss'

const emptyText: Record<InboxTab, string> = {
  todo: '没有待办，辛苦了',
  done: '还没有办过的事项',
  initiated: '您还没有发起事项',
  cc: '没有抄送给您的事项',
}

const itemKey = (item: WorkItem) => item.id

function countOf(tab: InboxTab, counts: Record<InboxTab, number> | null) {
  return counts ? counts[tab] : null
}

const ItemCard = ({ item, onOpen }: { item: WorkItem; onOpen(item: WorkItem): void }) => {
  const deadline = item.deadline && item.status === 'open' ? describeDeadline(item.deadline) : null
  return (
    <View className="inbox-item card" role="link" onClick={() => onOpen(item)}>
      <View className="row">
        <Text className="inbox-module">{moduleLabels[item.module]}</Text>
        <Text className="inbox-step">{item.step}</Text>
        <WorkTagList tags={item.tags} />
        <UrgencyTag urgency={item.urgency} />
      </View>
      <Text className="inbox-title">{item.title}</Text>
      <Text className="muted">{item.summary}</Text>
      <View className="row inbox-meta">
        <Text className="muted">
          {item.audience === 'initiator' ? '' : `${item.initiatorName} · `}
          {formatTime(item.updatedAt)}
        </Text>
        {deadline ? <Text className={`inbox-deadline inbox-deadline--${deadline.tone}`}>{deadline.text}</Text> : null}
      </View>
    </View>
  )
}

function InboxPage() {
  const { inbox } = useStores()
  const signedIn = useSignedIn()

  useDidShow(() => {
    if (signedIn && !inbox.current.loaded) void inbox.load()
  })
  usePullDownRefresh(async () => {
    await inbox.load()
    Taro.stopPullDownRefresh()
  })

  useEffect(() => {
    if (signedIn && !inbox.current.loaded && !inbox.current.loading) void inbox.load()
  }, [signedIn, inbox, inbox.tab])

  const state = inbox.current
  const counts = inbox.counts
  const open = (item: WorkItem) => void Taro.navigateTo({ url: item.link })

  return (
    <PageShell>
      <View className="inbox-tabs" role="tablist">
        {inboxTabs.map((tab) => {
          const n = countOf(tab, counts)
          return (
            <View
              key={tab}
              role="tab"
              aria-selected={inbox.tab === tab}
              aria-label={n ? `${inboxTabLabels[tab]} ${n} 件` : inboxTabLabels[tab]}
              className={`inbox-tab ${inbox.tab === tab ? 'is-active' : ''}`}
              onClick={() => inbox.select(tab)}
            >
              <Text className="inbox-tab-label">{inboxTabLabels[tab]}</Text>
              {/* only what waits on you alarms: 待办 in red, the other tabs' counts in grey */}
              {n ? <Text className={`inbox-count ${tab === 'todo' ? 'inbox-count--alarm' : ''}`}>{n > 99 ? '99+' : n}</Text> : null}
            </View>
          )
        })}
      </View>
      {inbox.tab === 'todo' && counts && (counts.overdue > 0 || counts.urged > 0) ? (
        <View className="inbox-alert" role="status">
          {counts.overdue > 0 ? <Text>{counts.overdue} 件已逾期</Text> : null}
          {counts.urged > 0 ? <Text>{counts.urged} 件被催办</Text> : null}
        </View>
      ) : null}
      {state.error && state.items.length ? (
        <View className="inbox-alert" role="alert" onClick={() => void inbox.load()}>
          <Text>刷新没有成功：{state.error.message}，点此重试</Text>
        </View>
      ) : null}
      {state.error && !state.items.length ? (
        <ErrorState error={state.error} onRetry={() => void inbox.load()} />
      ) : state.loaded && !state.items.length ? (
        <EmptyState title={emptyText[inbox.tab]} hint="下拉可刷新" />
      ) : (
        <View className="inbox-list">
          <BlockList items={state.items} keyOf={itemKey} renderItem={(item) => <ItemCard item={item} onOpen={open} />} onEndReached={() => void inbox.loadMore()} />
          {state.loading ? <Text className="inbox-more muted">加载中…</Text> : null}
          {state.loaded && !state.nextCursor && state.items.length ? <Text className="inbox-more muted">没有更多了</Text> : null}
        </View>
      )}
    </PageShell>
  )
}

export default observer(InboxPage)
