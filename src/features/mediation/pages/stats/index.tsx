import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { mediationRoutes } from '../../../../contract/mediation'
import type { RouteResult } from '../../../../contract/route'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { toApiError, type ApiError } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import '../../components/mediation.scss'

type Row = RouteResult<typeof mediationRoutes.stats>['items'][number]
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)

/** One figure across the committees, as bars drawn with plain views (no chart library in the subpackage). */
function Bars({ title, rows, value, max, text }: { title: string; rows: Row[]; value(r: Row): number | null; max: number; text(r: Row): string }) {
  return (
    <>
      <Text className="section-title">{title}</Text>
      <View className="card med-bars" role="list" aria-label={title}>
        {rows.map((r) => (
          <View key={r.committeeId} className="med-bar" role="listitem" aria-label={`${r.committeeName} ${text(r)}`}>
            <Text className="med-bar-label">{r.committeeName.replace('人民调解委员会', '')}</Text>
            <View className="med-bar-track">
              <View className="med-bar-fill" style={{ width: `${Math.round(((value(r) ?? 0) / Math.max(max, 1e-9)) * 100)}%` }} />
            </View>
            <Text className="med-bar-value">{text(r)}</Text>
          </View>
        ))}
      </View>
    </>
  )
}

/** 在线考核: per committee — cases, agreed, on time, 履行 rate, satisfaction; never a ranking of people. */
function StatsPage() {
  const { api } = useStores()
  const signedIn = useSignedIn()
  const [rows, setRows] = useState<Row[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const load = () =>
    api.call(mediationRoutes.stats).then(
      (s) => setRows(s.items.filter((x) => x.cases > 0)),
      (e) => setError(toApiError(e)),
    )
  useDidShow(() => {
    if (signedIn) void load()
  })
  if (error && !rows) return <PageShell><ErrorState error={error} onRetry={() => void load()} /></PageShell>
  if (!rows) return <PageShell><Text className="muted">加载中…</Text></PageShell>
  const most = Math.max(1, ...rows.map((r) => r.cases))
  return (
    <PageShell>
      <View className="card med-section">
        <Text className="med-status">共受理 {rows.reduce((n, r) => n + r.cases, 0)} 件 · 达成协议 {rows.reduce((n, r) => n + r.agreed, 0)} 件</Text>
        <Text className="muted">按调委会统计，不对调解员个人排名</Text>
      </View>
      <Bars title="受理件数" rows={rows} value={(r) => r.cases} max={most} text={(r) => `${r.cases} 件`} />
      <Bars title="达成协议" rows={rows} value={(r) => r.agreed} max={most} text={(r) => `${r.agreed} 件`} />
      <Bars title="按期办结率" rows={rows} value={(r) => r.onTimeRate} max={1} text={(r) => pct(r.onTimeRate)} />
      <Bars title="协议履行率" rows={rows} value={(r) => r.performRate} max={1} text={(r) => pct(r.performRate)} />
      <Bars title="满意度（5 分制）" rows={rows} value={(r) => r.satisfaction} max={5} text={(r) => (r.satisfaction === null ? '—' : `${r.satisfaction} 分`)} />
    </PageShell>
  )
}

export default observer(StatsPage)
