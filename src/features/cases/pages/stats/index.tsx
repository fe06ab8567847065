import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { casesRoutes } from '../../../../contract/cases'
import type { RouteResult } from '../../../../contract/route'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { toApiError, type ApiError } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import '../../components/cases.scss'

type Stats = RouteResult<typeof casesRoutes.stats>

/** Bars drawn with plain views: no chart library, so the subpackage stays small. */
function Bars({ title, rows, unit = '件', tone }: { title: string; rows: { key: string; label: string; count: number }[]; unit?: string; tone?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count))
  return (
    <>
      <Text className="section-title">{title}</Text>
      <View className="card cs-bars" role="list" aria-label={title}>
        {rows.map((r) => (
          <View key={r.key} className="cs-bar" role="listitem" aria-label={`${r.label} ${r.count} ${unit}`}>
            <Text className="cs-bar-label">{r.label}</Text>
            <View className="cs-bar-track">
              <View className={`cs-bar-fill ${tone ?? ''}`} style={{ width: `${(r.count / max) * 100}%` }} />
            </View>
            <Text className="cs-bar-count">
              {r.count}
              {unit === '件' ? '' : unit}
            </Text>
          </View>
        ))}
      </View>
    </>
  )
}

/** 维权统计: by category, street, channel, colour and state; referral turnaround per unit, never per person. */
function StatsPage() {
  const { api } = useStores()
  const signedIn = useSignedIn()
  const [stats, setStats] = useState<Stats | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const load = () =>
    api.call(casesRoutes.stats).then(
      (s) => setStats(s),
      (e) => setError(toApiError(e)),
    )
  useDidShow(() => {
    if (signedIn) void load()
  })
  if (error && !stats) return <PageShell><ErrorState error={error} onRetry={() => void load()} /></PageShell>
  if (!stats) return <PageShell><Text className="cs-loading muted">加载中…</Text></PageShell>
  return (
    <PageShell>
      <View className="card">
        <Text className="cs-title">共 {stats.total} 件</Text>
      </View>
      <Bars title="按风险" rows={stats.byRisk} />
      <Bars title="按类别" rows={stats.byCategory} />
      <Bars title="按来源" rows={stats.byChannel} />
      <Bars title="按街道" rows={stats.byStreet} />
      <Bars title="按状态" rows={stats.byStatus.filter((s) => s.count)} />
      <Bars title="按办理结果（已办结）" rows={stats.byOutcome} />
      <Bars title="联动单位签收用时（中位数）" unit="时" tone="is-warn" rows={stats.partners.filter((p) => p.medianHoursToAccept !== null).map((p) => ({ key: p.unitName, label: p.unitName, count: p.medianHoursToAccept! }))} />
      <Bars title="联动单位超时未签收" tone="is-danger" rows={stats.partners.map((p) => ({ key: p.unitName, label: p.unitName, count: p.overdue }))} />
      <Text className="section-title">联动单位签收情况</Text>
      <View className="card">
        <View className="cs-table-row muted">
          <Text className="cs-table-name">单位</Text>
          <Text className="cs-table-cell">转办</Text>
          <Text className="cs-table-cell">签收</Text>
          <Text className="cs-table-cell">退回</Text>
          <Text className="cs-table-cell">超时</Text>
          <Text className="cs-table-cell">签收用时</Text>
        </View>
        {stats.partners.map((p) => (
          <View key={p.unitName} className="cs-table-row">
            <Text className="cs-table-name">{p.unitName}</Text>
            <Text className="cs-table-cell">{p.referrals}</Text>
            <Text className="cs-table-cell">{p.accepted}</Text>
            <Text className="cs-table-cell">{p.returned}</Text>
            <Text className="cs-table-cell">{p.overdue}</Text>
            <Text className="cs-table-cell">{p.medianHoursToAccept === null ? '—' : `${p.medianHoursToAccept} 时`}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}

export default observer(StatsPage)
