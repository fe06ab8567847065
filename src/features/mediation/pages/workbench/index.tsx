import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { caseStatusLabels, mediationModeLabels, mediationRoutes, type CaseSummary } from '../../../../contract/mediation'
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

/** 在线分拨, 在线跟踪 and 督办 in one place; the calendars and 在线考核 (per committee) one tap away. */
function WorkbenchPage() {
  const root = useStores()
  const signedIn = useSignedIn()
  const [tab, setTab] = useState<(typeof tabs)[number]['key']>(root.session.user?.roles.includes('dispatcher') ? 'new' : 'mine')
  const [items, setItems] = useState<CaseSummary[]>([])

  async function load(t = tab) {
    try {
      const q = await root.api.call(mediationRoutes.queue, { query: { tab: t, limit: 50 } })
      setItems(q.items)
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
      <View className="med-options med-section">
        <View className="form-option" role="link" onClick={() => void Taro.navigateTo({ url: '/features/mediation/pages/calendar/index' })}>
          日程与调解室
        </View>
        <View className="form-option" role="link" onClick={() => void Taro.navigateTo({ url: '/features/mediation/pages/stats/index' })}>
          在线考核
        </View>
      </View>
    </PageShell>
  )
}

export default observer(WorkbenchPage)
