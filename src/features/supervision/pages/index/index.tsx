import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import { lightLabels, lights, supervisionBoxes, supervisionBoxLabels, supervisionSourceLabels, supervisionSources } from '../../../../contract/supervision'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { LightBadge } from '../../components/light'
import { useSupervisionStore } from '../../store'
import '../../components/supervision.scss'

const open = (url: string) => void Taro.navigateTo({ url })

/** 我督办的 / 我承办的 / 我牵头的, searchable and filtered by light, source, unit and deadline. */
function SupervisionListPage() {
  const root = useStores()
  const store = useSupervisionStore(root)
  const signedIn = useSignedIn()
  // from the 工作台's 红灯 / 黄灯 / 绿灯: that light, once; coming back from an item keeps what the person chose since
  const lightParam = useRouter().params.light
  const asked = lights.find((l) => l === lightParam)
  const applied = useRef(false)
  useDidShow(() => {
    if (!signedIn) return
    if (asked && !applied.current) store.openLight('supervising', asked)
    else store.initBox()
    applied.current = true
    void store.loadList()
    void store.loadUnits()
  })
  const isSupervisor = root.session.user?.roles.includes('supervisor') ?? false
  const f = store.filter
  const [q, setQ] = useState(asked ? '' : f.q)
  return (
    <PageShell>
      <View className="sv-tabs">
        {/* a tablist holds only tabs (axe: aria-required-children); the two links sit beside it in the row */}
        <View role="tablist" aria-label="督办事项分类" style={{ display: 'contents' }}>
          {supervisionBoxes.map((b) => (
            <View key={b} role="tab" aria-selected={store.box === b} className={`sv-tab ${store.box === b ? 'is-on' : ''}`} onClick={() => store.setBox(b)}>
              {supervisionBoxLabels[b]}
            </View>
          ))}
        </View>
        {isSupervisor ? (
          <>
            <View className="sv-tab" role="link" onClick={() => open('/features/supervision/pages/workbench/index')}>
              工作台
            </View>
            <View className="sv-tab" role="link" onClick={() => open('/features/supervision/pages/compose/index')}>
              ＋立项
            </View>
          </>
        ) : null}
      </View>
      <Input className="sv-search" value={q} placeholder="搜索事项名称或督办编号" aria-label="搜索" confirmType="search" onConfirm={() => store.setFilter({ q })} onInput={(e) => setQ(e.detail.value)} />
      <View className="sv-tabs">
        {lights.map((l) => (
          <Text key={l} className={`sv-chip ${f.light === l ? 'is-on' : ''}`} onClick={() => store.setFilter({ light: f.light === l ? null : l })}>
            {lightLabels[l]}
          </Text>
        ))}
        <Text className={`sv-chip ${f.dueWithin === 3 ? 'is-on' : ''}`} onClick={() => store.setFilter({ dueWithin: f.dueWithin === 3 ? null : 3 })}>
          3 个工作日内到期
        </Text>
        {supervisionSources.map((s) => (
          <Text key={s} className={`sv-chip ${f.source === s ? 'is-on' : ''}`} onClick={() => store.setFilter({ source: f.source === s ? null : s })}>
            {supervisionSourceLabels[s]}
          </Text>
        ))}
      </View>
      {store.units.length ? (
        <View className="sv-tabs">
          <Picker
            mode="selector"
            range={['全部单位', ...store.units.map((u) => u.name)]}
            value={Math.max(0, store.units.findIndex((u) => u.id === f.deptId) + 1)}
            onChange={(e) => store.setFilter({ deptId: store.units[Number(e.detail.value) - 1]?.id ?? null })}
          >
            <Text className={`sv-chip ${f.deptId ? 'is-on' : ''}`} aria-label="按单位筛选">
              单位：{store.units.find((u) => u.id === f.deptId)?.name ?? '全部'} ▾
            </Text>
          </Picker>
        </View>
      ) : null}
      {store.listError && !store.items.length ? (
        <ErrorState error={store.listError} onRetry={() => void store.loadList()} />
      ) : store.listLoaded && !store.items.length ? (
        <EmptyState title="没有督办事项" hint="换个列表或筛选条件看看" />
      ) : (
        <View className="card sv-items">
          {store.items.map((s) => (
            <View key={s.id} className="sv-item" role="link" onClick={() => open(`/features/supervision/pages/detail/index?id=${s.id}`)}>
              <View className="row">
                <Text className="sv-item-title">{s.title}</Text>
              </View>
              <View className="row">
                <StatusTag tone={s.status === 'done' || s.status === 'archived' ? 'ok' : 'primary'}>{s.statusText}</StatusTag>
                <Text className="muted">
                  {s.code} · {s.mainDeptName ?? '未交办'} · 时限 {s.deadline.slice(0, 10)}
                </Text>
              </View>
              <LightBadge light={s.light} reason={s.lightReason} />
            </View>
          ))}
        </View>
      )}
    </PageShell>
  )
}

export default observer(SupervisionListPage)
