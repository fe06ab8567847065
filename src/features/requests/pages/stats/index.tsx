import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { RouteResult } from '../../../../contract/route'
import { requestRoutes } from '../../../../contract/requests'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import './index.scss'

type Stats = RouteResult<typeof requestRoutes.stats>['items']

/** 办理时效: per item, never per person (no rankings). */
export default function StatsPage() {
  const { api } = useStores()
  const signedIn = useSignedIn()
  const [items, setItems] = useState<Stats | null>(null)
  const [error, setError] = useState<unknown>(null)
  const load = () => {
    setError(null)
    api.call(requestRoutes.stats).then((r) => setItems(r.items), setError)
  }
  useDidShow(() => {
    if (signedIn) load()
  })
  if (error) return <PageShell><ErrorState error={error} onRetry={load} /></PageShell>
  return (
    <PageShell>
      <Text className="section-title">各事项办理时效（工作时间计）</Text>
      <View className="card stats">
        <View className="stats-row stats-head">
          <Text>事项</Text>
          <Text>件数</Text>
          <Text>办结</Text>
          <Text>中位用时</Text>
          <Text>按时率</Text>
          <Text>评价</Text>
        </View>
        {(items ?? []).map((i) => (
          <View key={i.itemId} className="stats-row">
            <Text className="stats-name">{i.itemName}</Text>
            <Text>{i.count}</Text>
            <Text>{i.finished}</Text>
            <Text>{i.medianHours === null ? '—' : `${i.medianHours} 时`}</Text>
            <Text>{i.onTimeRate === null ? '—' : `${Math.round(i.onTimeRate * 100)}%`}</Text>
            <Text>{i.averageStars === null ? '—' : `${i.averageStars}★`}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
