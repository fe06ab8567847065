import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { caseStatusLabels, mediationModeLabels, mediationRoutes, type CaseSummary } from '../../../../contract/mediation'
import type { RouteResult } from '../../../../contract/route'
import { EmptyState } from '../../../../components/empty-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { showError } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { slotWhen } from '../../components/format'
import '../../components/mediation.scss'

const tabs = [
  { key: 'new', label: '在线分拨' },
  { key: 'mine', label: '我承办的' },
  { key: 'supervise', label: '督办' },
] as const
type Stats = RouteResult<typeof mediationRoutes.stats>['items']
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)

/** 在线分拨, 在线跟踪 and 督办 in one place; 在线考核 per committee underneath, never per person. */
function WorkbenchPage() {
  const root = useStores()
  const signedIn = useSignedIn()
  const [tab, setTab] = useState<(typeof tabs)[number]['key']>(root.session.user?.roles.includes('dispatcher') ? 'new' : 'mine')
  const [items, setItems] = useState<CaseSummary[]>([])
  const [stats, setStats] = useState<Stats>([])

  async function load(t = tab) {
    try {
      const [q, s] = await Promise.all([root.api.call(mediationRoutes.queue, { query: { tab: t, limit: 50 } }), root.api.call(mediationRoutes.stats)])
      setItems(q.items)
      setStats(s.items.filter((x) => x.cases > 0))
    } catch (err) {
      showError(err)
    }
  }
  useDidShow(() => {
    if (signedIn) void load()
  })

  return (
    <PageShell>
      <View className="med-options med-section" role="tablist">
        {tabs.map((t) => (
          <View key={t.key} role="tab" aria-selected={tab === t.key} className={`form-option ${tab === t.key ? 'is-on' : ''}`} onClick={() => { setTab(t.key); void load(t.key) }}>
            {t.label}
          </View>
        ))}
      </View>
      {items.length ? (
        items.map((c) => (
          <View key={c.id} className="card med-section" role="link" onClick={() => void Taro.navigateTo({ url: `/features/mediation/pages/handle/index?id=${c.id}` })}>
            <View className="row">
              <Text className="form-label">{c.title}</Text>
              {c.overdue ? <StatusTag tone="danger">已超期</StatusTag> : c.nearDue ? <StatusTag tone="warn">临近期限</StatusTag> : <StatusTag>{caseStatusLabels[c.status]}</StatusTag>}
            </View>
            <Text className="muted">
              {c.streetName} · {mediationModeLabels[c.mode]}
              {c.mediatorName ? ` · ${c.mediatorName}` : ''}
              {c.slotStart ? ` · ${slotWhen(c.slotStart)}` : ''}
            </Text>
          </View>
        ))
      ) : (
        <EmptyState title="这里没有案件" />
      )}
      <View className="med-section card" aria-label="在线考核">
        <Text className="form-label">在线考核（按调委会）</Text>
        {stats.map((s) => (
          <View key={s.committeeId} className="med-kv">
            <Text>{s.committeeName}</Text>
            <Text className="muted">
              受理 {s.cases} · 达成协议 {s.agreed} · 按期 {pct(s.onTimeRate)} · 履行 {pct(s.performRate)} · 满意度 {s.satisfaction ?? '—'}
            </Text>
            <View style={{ height: '12px', width: `${Math.min(100, s.cases * 20)}%`, background: 'var(--c-primary)', borderRadius: '6px' }} />
          </View>
        ))}
      </View>
    </PageShell>
  )
}

export default observer(WorkbenchPage)
