import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { caseCategories, caseCategoryLabels, caseOutcomeLabels, caseOutcomes, libraryStateLabels, type CaseCategory, type CaseOutcome } from '../../../../contract/cases'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { useCasesStore, type LibraryBox } from '../../store'
import '../../components/cases.scss'

const boxes: { key: LibraryBox; label: string }[] = [
  { key: 'published', label: '已发布' },
  { key: 'review', label: '审核中' },
]

/** 维权案例库: finished cases, anonymised by the server, to learn from; found by category, outcome and words. */
function LibraryPage() {
  const root = useStores()
  const store = useCasesStore(root)
  const signedIn = useSignedIn()
  const [q, setQ] = useState(store.libraryFilter.q ?? '')
  useDidShow(() => {
    if (signedIn) void store.loadLibrary()
  })
  const f = store.libraryFilter
  const pick = <K extends 'category' | 'outcome'>(k: K, value: (K extends 'category' ? CaseCategory : CaseOutcome) | undefined) => void store.loadLibrary(store.libraryBox, { ...f, [k]: f[k] === value ? undefined : value })

  return (
    <PageShell>
      <View className="cs-tabs" role="tablist">
        {boxes.map((b) => (
          <View key={b.key} role="tab" aria-selected={store.libraryBox === b.key} className={`cs-tab ${store.libraryBox === b.key ? 'is-on' : ''}`} onClick={() => void store.loadLibrary(b.key)}>
            {b.label}
          </View>
        ))}
      </View>
      <View className="card cs-form">
        <View className="cs-search">
          <Input className="form-input" value={q} maxlength={20} placeholder="关键词，如：告诫书、庇护" aria-label="关键词" confirmType="search" onInput={(e) => setQ(e.detail.value)} onConfirm={() => void store.loadLibrary(store.libraryBox, { ...f, q })} />
          <Button size="small" type="primary" onClick={() => void store.loadLibrary(store.libraryBox, { ...f, q })}>
            检索
          </Button>
        </View>
        <View className="form-field">
          <Text className="form-label">类别</Text>
          <View className="cs-chips" role="group" aria-label="按类别">
            {caseCategories.map((c) => (
              <View key={c} role="checkbox" aria-checked={f.category === c} className={`form-option ${f.category === c ? 'is-on' : ''}`} onClick={() => pick('category', c)}>
                {caseCategoryLabels[c]}
              </View>
            ))}
          </View>
        </View>
        <View className="form-field">
          <Text className="form-label">办理结果</Text>
          <View className="cs-chips" role="group" aria-label="按办理结果">
            {caseOutcomes.map((o) => (
              <View key={o} role="checkbox" aria-checked={f.outcome === o} className={`form-option ${f.outcome === o ? 'is-on' : ''}`} onClick={() => pick('outcome', o)}>
                {caseOutcomeLabels[o]}
              </View>
            ))}
          </View>
        </View>
      </View>
      {store.libraryError && !store.library.length ? (
        <ErrorState error={store.libraryError} onRetry={() => void store.loadLibrary()} />
      ) : store.libraryLoaded && !store.library.length ? (
        <EmptyState title={store.libraryBox === 'review' ? '没有审核中的案例' : '没有找到案例'} hint={store.libraryBox === 'review' ? '您提交的和待您审核的案例会出现在这里' : '换个类别、结果或关键词试试'} />
      ) : (
        store.library.map((e) => (
          <View key={e.id} className="card cs-lib-item" role="link" onClick={() => void Taro.navigateTo({ url: `/features/cases/pages/library-entry/index?id=${e.id}` })}>
            <View className="row">
              <StatusTag tone="primary">{caseCategoryLabels[e.category]}</StatusTag>
              <StatusTag tone="ok">{caseOutcomeLabels[e.outcome]}</StatusTag>
              {e.state !== 'published' ? <StatusTag tone={e.state === 'refused' ? 'danger' : 'warn'}>{libraryStateLabels[e.state]}</StatusTag> : null}
            </View>
            <Text className="cs-item-title">{e.title}</Text>
            <Text className="cs-lib-excerpt">{e.lesson}</Text>
            <Text className="muted">{e.period}</Text>
          </View>
        ))
      )}
    </PageShell>
  )
}

export default observer(LibraryPage)
