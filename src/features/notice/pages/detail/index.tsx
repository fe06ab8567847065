import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { readerStatusLabels } from '../../../../contract/notices'
import { ActionBar } from '../../../../components/action-bar'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag, UrgencyTag } from '../../../../components/status-tag'
import { Timeline } from '../../../../components/timeline'
import { describeDeadline, formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { useNoticeStore } from '../../store'
import './index.scss'

const phrases = ['已阅。', '已阅，按要求落实。', '已阅，请相关科室办理。']
const readerTone = { unread: 'warn', read: 'ok', opinion: 'primary' } as const

function NoticeDetailPage() {
  const root = useStores()
  const store = useNoticeStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''

  useEffect(() => {
    if (signedIn && id) void store.load(id)
  }, [signedIn, id, store])

  const n = store.notice?.id === id ? store.notice : null
  if (store.error && !n) return <PageShell><ErrorState error={store.error} onRetry={() => void store.load(id)} /></PageShell>
  if (!n) return <PageShell><Text className="notice-loading muted">加载中…</Text></PageShell>

  const unread = n.readers.filter((r) => r.status === 'unread').length
  const isSender = n.senderId === root.session.user?.id
  const deadline = n.deadline ? describeDeadline(n.deadline) : null

  return (
    <PageShell watermark withActionBar={n.availableActions.length > 0}>
      <View className="card notice-head">
        <View className="row">
          <UrgencyTag urgency={n.urgency} />
          {deadline && unread ? <StatusTag tone={deadline.tone === 'normal' ? 'neutral' : deadline.tone}>{deadline.text}</StatusTag> : null}
        </View>
        <Text className="notice-title">{n.title}</Text>
        <Text className="muted">
          {n.senderDeptName} {n.senderName} · {formatTime(n.createdAt)}
        </Text>
      </View>
      <View className="card">
        <Text className="notice-body">{n.body}</Text>
      </View>

      <Text className="section-title">{isSender ? `阅知情况（未读 ${unread} 人）` : '我的阅知'}</Text>
      <View className="card notice-readers">
        {n.readers.map((r) => (
          <View key={r.userId} className="notice-reader">
            <View className="row">
              <Text className="notice-reader-name">{r.name}</Text>
              <Text className="muted">{r.deptName}</Text>
              <StatusTag tone={readerTone[r.status]}>{readerStatusLabels[r.status]}</StatusTag>
              {r.urgedAt && r.status === 'unread' ? <StatusTag tone="warn">已催阅</StatusTag> : null}
            </View>
            {r.opinion ? <Text className="notice-opinion">“{r.opinion}”</Text> : null}
            {r.readAt ? <Text className="muted">{formatTime(r.readAt)}</Text> : null}
          </View>
        ))}
      </View>

      <Text className="section-title">办理过程</Text>
      <View className="card">
        <Timeline entries={n.timeline} />
      </View>

      <ActionBar actions={n.availableActions} phrases={phrases} onAction={(a, opinion) => store.act(a, opinion)} />
    </PageShell>
  )
}

export default observer(NoticeDetailPage)
