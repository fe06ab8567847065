import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import { urgencies, urgencyLabels } from '../../../../contract/common'
import {
  docTypes,
  documentBoxes,
  documentBoxLabels,
  documentKindLabels,
  documentKinds,
  secrecyLabels,
  type DocumentBox,
  type DocumentSummary,
} from '../../../../contract/documents'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag, UrgencyTag } from '../../../../components/status-tag'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { emptyFilter, useDocumentsStore, type ListFilter } from '../../store'
import './index.scss'

const emptyText: Record<DocumentBox, { title: string; hint: string }> = {
  todo: { title: '没有待办公文', hint: '新到的公文会出现在这里，下拉可刷新' },
  done: { title: '还没有办过的公文', hint: '您核稿、会签、签发、批办过的公文会出现在这里' },
  drafted: { title: '您还没有起草过公文', hint: '点上方「拟稿」起草一份发文' },
  circulated: { title: '没有传阅给您的公文', hint: '别人传阅给您的公文会出现在这里' },
}

/** Who may start an outgoing document; the server refuses everyone else, the button just saves a wasted tap. */

/** Typing stops for this long before the list is searched, so each keystroke is not a request. */
const SEARCH_PAUSE_MS = 500

const DETAIL = '/features/documents/pages/detail/index'
const COMPOSE = '/features/documents/pages/compose/index'

const hasFilter = (f: ListFilter) => !!(f.q.trim() || f.kind || f.docType || f.urgency || f.from || f.to)

function Choice<T extends string>({ label, value, options, labels, onChange }: { label: string; value: T | null; options: readonly T[]; labels?: Record<T, string>; onChange(v: T | null): void }) {
  return (
    <View className="doc-filter-row">
      <Text className="doc-filter-label">{label}</Text>
      <View className="row doc-filter-options" role="radiogroup" aria-label={label}>
        <View role="radio" aria-checked={value === null} className={`doc-chip ${value === null ? 'is-on' : ''}`} onClick={() => onChange(null)}>
          全部
        </View>
        {options.map((o) => (
          <View key={o} role="radio" aria-checked={value === o} className={`doc-chip ${value === o ? 'is-on' : ''}`} onClick={() => onChange(value === o ? null : o)}>
            {labels ? labels[o] : o}
          </View>
        ))}
      </View>
    </View>
  )
}

function DocumentRow({ doc }: { doc: DocumentSummary }) {
  return (
    <View className="doc-item" role="link" onClick={() => void Taro.navigateTo({ url: `${DETAIL}?id=${doc.id}` })}>
      <View className="row doc-tags">
        <Text className="doc-type">
          {documentKindLabels[doc.kind]} · {doc.docType}
        </Text>
        {doc.secrecy !== 'none' ? <StatusTag tone="danger">{secrecyLabels[doc.secrecy]}</StatusTag> : null}
        <UrgencyTag urgency={doc.urgency} />
        {doc.overdue ? <StatusTag tone="danger">逾期</StatusTag> : null}
      </View>
      <Text className="doc-title">{doc.title}</Text>
      {doc.docNumber ? <Text className="doc-number muted">{doc.docNumber}</Text> : null}
      <View className="row doc-meta">
        <Text className="doc-stage">{doc.stageText}</Text>
        <Text className="muted doc-from">
          {doc.fromName} · {formatTime(doc.updatedAt)}
        </Text>
      </View>
    </View>
  )
}

/** 公文流转: four boxes, searched by 标题 or 文号 and narrowed by 类型、文种、紧急程度 and date. */
function DocumentListPage() {
  const root = useStores()
  const store = useDocumentsStore(root)
  const signedIn = useSignedIn()
  const [query, setQuery] = useState(store.filter.q)
  const [showFilters, setShowFilters] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const state = store.current
  const filter = store.filter

  useEffect(() => {
    if (signedIn && !state.loaded && !state.loading) void store.loadList()
  }, [signedIn, store, store.box, state])
  // opened straight from a link, before the inbox fetched what this person may start
  useEffect(() => {
    if (signedIn && !root.inbox.startables.length) void root.inbox.loadStartables()
  }, [signedIn, root])
  // back from a document that was just handled: the store marked the boxes stale
  useDidShow(() => {
    if (signedIn && !store.current.loaded && !store.current.loading) void store.loadList()
  })
  usePullDownRefresh(async () => {
    await store.loadList()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void store.loadList(true))

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (q.trim() !== store.filter.q.trim()) store.setFilter({ q: q.trim() })
  }
  const typed = (q: string) => {
    setQuery(q)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => search(q), SEARCH_PAUSE_MS)
  }
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const clear = () => {
    if (timer.current) clearTimeout(timer.current)
    setQuery('')
    store.setFilter(emptyFilter())
  }

  const filtered = hasFilter(filter)
  const activeCount = [filter.kind, filter.docType, filter.urgency, filter.from || filter.to].filter(Boolean).length
  // the server says who may draft (the 「拟稿发文」 entry it offers); the page does not decide
  const canDraft = root.inbox.startables.some((s) => s.key === 'documents')
  const empty = filtered ? { title: '没有符合条件的公文', hint: '换个关键词，或点「清除筛选」看全部' } : emptyText[store.box]

  return (
    <PageShell>
      <View className="doc-tabs" role="tablist">
        {documentBoxes.map((b) => (
          <View key={b} role="tab" aria-selected={store.box === b} className={`doc-tab ${store.box === b ? 'is-active' : ''}`} onClick={() => store.setBox(b)}>
            {documentBoxLabels[b]}
          </View>
        ))}
      </View>
      <View className="doc-toolbar">
        <View className="row doc-search-row">
          <Input
            className="doc-search"
            value={query}
            confirmType="search"
            maxlength={50}
            placeholder="搜索标题或文号"
            aria-label="搜索标题或文号"
            onInput={(e) => typed(e.detail.value)}
            onConfirm={(e) => search(e.detail.value)}
          />
          {canDraft ? (
            <Button type="primary" size="small" onClick={() => void Taro.navigateTo({ url: COMPOSE })}>
              拟稿
            </Button>
          ) : null}
        </View>
        <View className="row doc-filter-bar">
          <View className={`tap-link doc-filter-toggle ${activeCount ? 'is-on' : ''}`} role="button" aria-expanded={showFilters} onClick={() => setShowFilters(!showFilters)}>
            {activeCount ? `筛选（${activeCount}）` : '筛选'}
            <Text className="doc-filter-arrow">{showFilters ? '▲' : '▼'}</Text>
          </View>
          {filtered ? (
            <View className="tap-link doc-filter-clear" role="button" onClick={clear}>
              清除筛选
            </View>
          ) : null}
        </View>
        {showFilters ? (
          <View className="doc-filters">
            <Choice label="类型" value={filter.kind} options={documentKinds} labels={documentKindLabels} onChange={(kind) => store.setFilter({ kind })} />
            <Choice label="文种" value={filter.docType} options={docTypes} onChange={(docType) => store.setFilter({ docType })} />
            <Choice label="紧急程度" value={filter.urgency} options={urgencies} labels={urgencyLabels} onChange={(urgency) => store.setFilter({ urgency })} />
            <View className="doc-filter-row">
              <Text className="doc-filter-label">拟稿或收文日期</Text>
              <View className="row doc-filter-options">
                <Picker mode="date" value={filter.from ?? ''} end={filter.to ?? undefined} onChange={(e) => store.setFilter({ from: String(e.detail.value) })}>
                  <Text className={`doc-date ${filter.from ? 'is-on' : ''}`} aria-label="开始日期">
                    {filter.from ?? '开始日期'}
                  </Text>
                </Picker>
                <Text className="muted">至</Text>
                <Picker mode="date" value={filter.to ?? ''} start={filter.from ?? undefined} onChange={(e) => store.setFilter({ to: String(e.detail.value) })}>
                  <Text className={`doc-date ${filter.to ? 'is-on' : ''}`} aria-label="结束日期">
                    {filter.to ?? '结束日期'}
                  </Text>
                </Picker>
              </View>
            </View>
          </View>
        ) : null}
      </View>
      {state.error && state.items.length ? (
        <View className="doc-alert" role="alert" onClick={() => void store.loadList()}>
          <Text>刷新没有成功：{state.error.message}，点此重试</Text>
        </View>
      ) : null}
      {state.error && !state.items.length ? (
        <ErrorState error={state.error} onRetry={() => void store.loadList()} />
      ) : state.loaded && !state.items.length ? (
        <EmptyState title={empty.title} hint={empty.hint} />
      ) : (
        <View className="card doc-list">
          {state.items.map((d) => (
            <DocumentRow key={d.id} doc={d} />
          ))}
          {state.loading ? <Text className="doc-more muted">加载中…</Text> : null}
          {state.loaded && !state.nextCursor && state.items.length ? <Text className="doc-more muted">没有更多了</Text> : null}
        </View>
      )}
    </PageShell>
  )
}

export default observer(DocumentListPage)
