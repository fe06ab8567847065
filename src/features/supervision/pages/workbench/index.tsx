import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { lightLabels, lights } from '../../../../contract/supervision'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { showError, toast } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { LightBadge } from '../../components/light'
import { useSupervisionStore } from '../../store'
import '../../components/supervision.scss'

const open = (id: string) => void Taro.navigateTo({ url: `/features/supervision/pages/detail/index?id=${id}` })
const pct = (n: number, total: number) => `${total ? (n / total) * 100 : 0}%`

/**
 * 移动督查工作台: counts by light and by unit, what is near its deadline, what waits for me, and the
 * figures per unit and per source as bars. Units, never people: no rankings, no 打卡, no online time.
 */
function WorkbenchPage() {
  const root = useStores()
  const store = useSupervisionStore(root)
  const signedIn = useSignedIn()
  const [urging, setUrging] = useState<string | null>(null)
  async function urge(id: string) {
    if (urging) return
    setUrging(id)
    try {
      const sent = await store.urgeFromBoard(id)
      toast(sent ? `已发出${sent}` : '此事项现在不能催办')
    } catch (err) {
      showError(err)
    } finally {
      setUrging(null)
    }
  }
  useDidShow(() => {
    if (signedIn) void store.loadBoard()
  })
  const wb = store.workbench
  if (store.boardError && !wb) return <PageShell><ErrorState error={store.boardError} onRetry={() => void store.loadBoard()} /></PageShell>
  if (!wb || !store.stats) return <PageShell><Text className="muted">加载中…</Text></PageShell>
  return (
    <PageShell>
      <View className="card">
        <Text className="card-title">在办事项</Text>
        <View className="sv-counts">
          {lights.map((l) => (
            <View key={l} className={`sv-count sv-light--${l}`} role="link" onClick={() => void Taro.navigateTo({ url: `/features/supervision/pages/index/index?light=${l}` })}>
              {/* read as 「红灯 2」: the word first in the page, the figure shown above it */}
              <Text className="muted">{lightLabels[l]}</Text>
              <Text className="sv-count-n sv-light-word">{wb.counts[l]}</Text>
            </View>
          ))}
        </View>
      </View>

      <Text className="section-title">临近时限与亮灯事项</Text>
      <View className="card sv-items">
        {wb.nearDeadline.map((s) => (
          <View key={s.id} className="sv-item sv-near" role="link" onClick={() => open(s.id)}>
            <Text className="sv-item-title">{s.title}</Text>
            <Text className="muted">{s.mainDeptName} · 时限 {s.deadline.slice(0, 10)}</Text>
            <LightBadge light={s.light} reason={s.lightReason} />
            {s.status === 'signing' || s.status === 'in_progress' ? (
              // the row opens the item; this button only sends the next 催办 step
              <View className="row" onClick={(e) => e.stopPropagation()}>
                <Button className="sv-urge" type="primary" fill="outline" loading={urging === s.id} disabled={!!urging} onClick={() => void urge(s.id)}>
                  催办
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>

      {wb.waitingForMe.length ? (
        <>
          <Text className="section-title">待我处理</Text>
          <View className="card sv-items">
            {wb.waitingForMe.map((s) => (
              <View key={s.id} className="sv-item" role="link" onClick={() => open(s.id)}>
                <Text className="sv-item-title">{s.title}</Text>
                <Text className="muted">{s.statusText}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      <Text className="section-title">各单位灯色</Text>
      <View className="card sv-bars" role="img" aria-label="各单位在办事项灯色">
        {wb.byDept.map((d) => {
          const total = d.green + d.yellow + d.red
          return (
            <View key={d.deptId} className="sv-bar-row">
              <Text>{d.name}：绿 {d.green} · 黄 {d.yellow} · 红 {d.red}</Text>
              <View className="sv-bar">
                {lights.map((l) => <View key={l} className={`sv-bar-seg sv-bar-seg--${l}`} style={{ width: pct(d[l], total) }} />)}
              </View>
            </View>
          )
        })}
      </View>

      {(['byDept', 'bySource'] as const).map((k) => (
        <View key={k}>
          <Text className="section-title">{k === 'byDept' ? '按单位统计' : '按来源统计'}</Text>
          <View className="card sv-bars sv-stats">
            <Text className="muted">蓝：按期办结　红：逾期　灰：在办（含待复核）</Text>
            {store.stats![k].map((r) => (
              <View key={r.key} className="sv-bar-row">
                <Text>{r.name}：{r.total} 件，办结 {r.finished}，按期 {r.onTime}，逾期 {r.overdue}{r.avgDelayDays ? `，平均逾期 ${r.avgDelayDays} 个工作日` : ''}</Text>
                <View className="sv-bar">
                  <View className="sv-bar-seg sv-bar-seg--ontime" style={{ width: pct(r.onTime, r.total) }} />
                  <View className="sv-bar-seg sv-bar-seg--overdue" style={{ width: pct(r.overdue, r.total) }} />
                  <View className="sv-bar-seg sv-bar-seg--open" style={{ width: pct(r.total - r.onTime - r.overdue, r.total) }} />
                </View>
              </View>
            ))}
          </View>
        </View>
      ))}
    </PageShell>
  )
}

export default observer(WorkbenchPage)
