import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { bundleStatusLabels, requestStatusLabels } from '../../../../contract/requests'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { useRequestsStore } from '../../store'
import { statusTone } from '../../components/status'
import './index.scss'


/** 零跑动 service catalogue: every item with its promise; the person's own requests below. */
function CataloguePage() {
  const root = useStores()
  const store = useRequestsStore(root)
  const signedIn = useSignedIn()
  useDidShow(() => {
    if (signedIn) void store.loadCatalogue()
  })

  if (store.catalogueError && !store.catalogue.length) {
    return (
      <PageShell>
        <ErrorState error={store.catalogueError} onRetry={() => void store.loadCatalogue()} />
      </PageShell>
    )
  }
  const categories = [...new Set(store.catalogue.map((c) => c.category))]
  return (
    <PageShell>
      <View className="rq-hero">
        <Text className="rq-hero-title">零跑动 · 机关内部办事</Text>
        <Text className="rq-hero-sub">一次提交，线上审批，承诺时限内办结</Text>
      </View>
      {store.bundles.length ? (
        <View>
          <Text className="section-title">一件事 · 一次申报</Text>
          <View className="card rq-items">
            {store.bundles.map((b) => (
              <View key={b.id} className="rq-item" role="link" onClick={() => void Taro.navigateTo({ url: `/features/requests/pages/bundle-apply/index?bundle=${b.id}` })}>
                <View className="row rq-item-head">
                  <Text className="rq-item-name">{b.name}</Text>
                  <Text className="rq-promise">{b.guide.promise.text}</Text>
                </View>
                <Text className="muted">{b.summary}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {categories.map((cat) => (
        <View key={cat}>
          <Text className="section-title">{cat}</Text>
          <View className="card rq-items">
            {store.catalogue
              .filter((c) => c.category === cat)
              .map((c) => (
                <View key={c.id} className="rq-item" role="link" onClick={() => void Taro.navigateTo({ url: `/features/requests/pages/apply/index?item=${c.id}` })}>
                  <View className="row rq-item-head">
                    <Text className="rq-item-name">{c.name}</Text>
                    <Text className="rq-promise">{c.guide.promise.text}</Text>
                  </View>
                  <Text className="muted">{c.summary}</Text>
                </View>
              ))}
          </View>
        </View>
      ))}
      {store.mineBundles.length ? (
        <>
          <Text className="section-title">我的一件事</Text>
          <View className="card rq-items">
            {store.mineBundles.map((m) => (
              <View key={m.id} className="rq-item" role="link" onClick={() => void Taro.navigateTo({ url: `/features/requests/pages/bundle/index?id=${m.id}` })}>
                <View className="row rq-item-head">
                  <Text className="rq-item-name">{m.name}</Text>
                  <StatusTag tone={m.status === 'done' ? 'ok' : m.status === 'withdrawn' ? 'neutral' : m.status === 'waiting_fix' ? 'danger' : 'primary'}>{bundleStatusLabels[m.status]}</StatusTag>
                  {m.overdue ? <StatusTag tone="danger">逾期</StatusTag> : null}
                </View>
                <Text className="muted">申报于 {formatTime(m.submittedAt)}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
      <Text className="section-title">我的申请</Text>
      {store.mine.length ? (
        <View className="card rq-items">
          {store.mine.map((m) => (
            <View key={m.id} className="rq-item" role="link" onClick={() => void Taro.navigateTo({ url: `/features/requests/pages/detail/index?id=${m.id}` })}>
              <View className="row rq-item-head">
                <Text className="rq-item-name">{m.itemName}</Text>
                <StatusTag tone={statusTone[m.status]}>{requestStatusLabels[m.status]}</StatusTag>
                {m.overdue ? <StatusTag tone="danger">逾期</StatusTag> : null}
              </View>
              <Text className="muted">提交于 {formatTime(m.submittedAt)}</Text>
            </View>
          ))}
        </View>
      ) : store.catalogue.length ? (
        <EmptyState title="还没有申请" hint="从上面的目录选一项开始，不用跑腿" />
      ) : null}
    </PageShell>
  )
}

export default observer(CataloguePage)
