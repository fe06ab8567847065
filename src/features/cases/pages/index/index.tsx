import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { caseCategoryLabels, caseChannelLabels, caseStatusLabels } from '../../../../contract/cases'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { timeLeft } from '../../components/red-clock'
import { riskTone, riskWords, statusTone } from '../../components/tones'
import { useCasesStore, type CaseBox } from '../../store'
import { clock } from '../../../../core/clock'
import '../../components/cases.scss'

const boxes: { key: CaseBox; label: string }[] = [
  { key: 'todo', label: '待我处理' },
  { key: 'red', label: '红色高危' },
  { key: 'all', label: '全部' },
]

/** The cases this person has a part in: red and waiting first, names masked by the server. */
function CasesPage() {
  const root = useStores()
  const store = useCasesStore(root)
  const signedIn = useSignedIn()
  const roles = root.session.user?.roles ?? []
  const mayIntake = roles.includes('federation_staff') || roles.includes('federation_exec')
  useDidShow(() => {
    if (signedIn) void store.loadList()
  })

  return (
    <PageShell>
      <View className="cs-hero">
        <Text className="cs-hero-title">妇联维权案件</Text>
        <Text className="cs-hero-sub">首接负责 · 联动转办 · 红色高危 24 小时内处置</Text>
        <View className="row">
          {mayIntake ? (
            <Button type="primary" size="small" onClick={() => void Taro.navigateTo({ url: '/features/cases/pages/intake/index' })}>
              {roles.includes('federation_staff') ? '登记案件' : '上报情况'}
            </Button>
          ) : null}
          {roles.includes('federation_staff') ? (
            <Button size="small" onClick={() => void Taro.navigateTo({ url: '/features/cases/pages/library/index' })}>
              维权案例库
            </Button>
          ) : null}
        </View>
      </View>
      <View className="cs-tabs" role="tablist">
        {boxes.map((b) => (
          <View key={b.key} role="tab" aria-selected={store.box === b.key} className={`cs-tab ${store.box === b.key ? 'is-on' : ''}`} onClick={() => void store.loadList(b.key)}>
            {b.label}
          </View>
        ))}
      </View>
      {store.listError && !store.list.length ? (
        <ErrorState error={store.listError} onRetry={() => void store.loadList()} />
      ) : store.loaded && !store.list.length ? (
        <EmptyState title={store.box === 'todo' ? '没有待您处理的案件' : '没有案件'} hint="登记或转给您的案件会出现在这里" />
      ) : (
        store.list.map((c) => (
          <View key={c.id} className={`card cs-item ${c.redDueAt ? 'is-red' : ''}`} role="link" onClick={() => void Taro.navigateTo({ url: `/features/cases/pages/detail/index?id=${c.id}` })}>
            <View className="row">
              {c.risk ? <StatusTag tone={riskTone[c.risk]}>{riskWords[c.risk]}</StatusTag> : <StatusTag>待评估</StatusTag>}
              <StatusTag tone={statusTone[c.status]}>{caseStatusLabels[c.status]}</StatusTag>
              {c.minor ? <StatusTag tone="warn">涉未成年人</StatusTag> : null}
              {c.redDueAt ? <Text className="cs-item-clock">{timeLeft(c.redDueAt, clock.nowMs()).text}</Text> : null}
            </View>
            <Text className="cs-item-title">
              {caseCategoryLabels[c.category]} · {c.subjectName}
            </Text>
            <Text className="muted">
              {c.number} · {c.streetName} · {caseChannelLabels[c.channel]}
              {c.openReferrals ? ` · 联动 ${c.openReferrals} 个单位` : ''}
            </Text>
            <Text className="muted">
              {c.ownerName ? `首接 ${c.ownerName}` : '待受理'} · {formatTime(c.updatedAt)}
            </Text>
          </View>
        ))
      )}
    </PageShell>
  )
}

export default observer(CasesPage)
