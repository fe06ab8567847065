import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { QuickExit } from '../../components/quick-exit'
import { useHelpStore } from '../../store'
import './index.scss'

/** 我的求助: progress in neutral words only — no category, no unit, no name. */
function MinePage() {
  const root = useStores()
  const store = useHelpStore(root)
  const signedIn = useSignedIn()
  const sent = useRouter().params.sent === '1'
  useDidShow(() => {
    if (signedIn) void store.load()
  })
  return (
    <PageShell>
      <QuickExit />
      <View className="hp-top">
        <Text className="hp-title">{sent ? '已收到' : '我的留言'}</Text>
        {sent ? <Text className="muted">工作人员会按您选择的方式和时间联系您。有危险请拨打 110。</Text> : null}
      </View>
      {store.error && !store.items.length ? (
        <ErrorState error={store.error} onRetry={() => void store.load()} />
      ) : store.loaded && !store.items.length ? (
        <EmptyState title="还没有留言" hint="需要时随时可以找我们" />
      ) : (
        store.items.map((i) => (
          <View key={i.id} className="card hp-item" aria-label={`留言 ${i.stage}`}>
            <Text className="hp-stage">{i.stage}</Text>
            <Text className="muted">{formatTime(i.submittedAt)}</Text>
            {i.updates.map((u, n) => (
              <Text key={n} className="hp-update">
                {formatTime(u.at)} {u.text}
              </Text>
            ))}
          </View>
        ))
      )}
      <View className="form-actions">
        <Button block fill="outline" type="primary" onClick={() => void Taro.redirectTo({ url: '/features/help/pages/index/index' })}>
          再说点什么
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(MinePage)
