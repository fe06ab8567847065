import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import { caseCategoryLabels, caseOutcomeLabels, libraryStateLabels, partnerKindLabels } from '../../../../contract/cases'
import { ActionBar } from '../../../../components/action-bar'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { formatTime } from '../../../../core/format'
import { toast } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { riskTone, riskWords } from '../../components/tones'
import { useCasesStore } from '../../store'
import '../../components/cases.scss'

/** One 案例: what happened and what to learn, anonymised; a reviewer passes or refuses it, its sender mends it. */
function LibraryEntryPage() {
  const root = useStores()
  const store = useCasesStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [edit, setEdit] = useState<{ story: string; lesson: string } | null>(null)
  useDidShow(() => {
    if (signedIn && id) void store.loadEntry(id)
  })
  const e = store.entry?.id === id ? store.entry : null
  const mending = !!e?.availableActions.some((a) => a.key === 'resubmit')
  useEffect(() => {
    setEdit(e && mending ? { story: e.story, lesson: e.lesson } : null)
  }, [e?.id, e?.version, mending])

  if (store.entryError && !e) return <PageShell><ErrorState error={store.entryError} onRetry={() => void store.loadEntry(id)} /></PageShell>
  if (!e) return <PageShell><Text className="cs-loading muted">加载中…</Text></PageShell>

  async function onAction(a: AvailableAction, opinion: string) {
    if (a.key === 'resubmit') {
      if (!edit || edit.lesson.trim().length < 5) return toast('请写明办案启示（至少 5 个字）')
      await store.reviewEntry('resubmit', '', { story: edit.story.trim(), lesson: edit.lesson.trim() })
      return toast('已重新提交审核')
    }
    await store.reviewEntry(a.key as 'approve' | 'refuse', opinion)
    toast(a.key === 'approve' ? '已发布到案例库' : '已退回提交人')
  }

  return (
    <PageShell withActionBar={e.availableActions.length > 0}>
      <View className="card cs-head">
        <View className="row">
          <StatusTag tone="primary">{caseCategoryLabels[e.category]}</StatusTag>
          <StatusTag tone="ok">{caseOutcomeLabels[e.outcome]}</StatusTag>
          {e.risk ? <StatusTag tone={riskTone[e.risk]}>{riskWords[e.risk]}</StatusTag> : null}
          {e.minor ? <StatusTag tone="warn">涉未成年人</StatusTag> : null}
          <StatusTag tone={e.state === 'published' ? 'neutral' : e.state === 'refused' ? 'danger' : 'warn'}>{libraryStateLabels[e.state]}</StatusTag>
        </View>
        <Text className="cs-title">{e.title}</Text>
        <Text className="muted">
          {e.period}
          {e.partnerKinds.length ? ` · 联动${e.partnerKinds.map((k) => partnerKindLabels[k]).join('、')}` : ''}
        </Text>
        {e.submittedBy ? (
          <Text className="muted">
            {e.submittedBy} 提交于 {formatTime(e.submittedAt)}
            {e.caseId ? (
              <Text className="tap-link cs-field-reveal" onClick={() => void Taro.navigateTo({ url: `/features/cases/pages/detail/index?id=${e.caseId}` })}>
                {' '}查看原案件
              </Text>
            ) : null}
          </Text>
        ) : null}
        {e.state === 'pending' ? <Text className="muted">案例内容已由系统匿名化（姓名、地点、日期已概括），审核通过后对妇联工作人员发布。</Text> : null}
      </View>
      {e.reviewNote ? (
        <View className="card cs-lesson" aria-label="审核意见">
          <Text className="form-label">
            {e.reviewedBy ? `${e.reviewedBy}的` : ''}审核意见
          </Text>
          <Text>{e.reviewNote}</Text>
        </View>
      ) : null}
      <Text className="section-title">办案启示</Text>
      {edit ? (
        <View className="card">
          <Textarea className="form-textarea" value={edit.lesson} maxlength={500} aria-label="办案启示" onInput={(x) => setEdit({ ...edit, lesson: x.detail.value })} />
        </View>
      ) : (
        <View className="card cs-lesson">
          <Text>{e.lesson}</Text>
        </View>
      )}
      <Text className="section-title">案情与办理经过</Text>
      {edit ? (
        <View className="card">
          <Textarea className="form-textarea cs-story" value={edit.story} maxlength={2000} autoHeight aria-label="案情与办理经过" onInput={(x) => setEdit({ ...edit, story: x.detail.value })} />
        </View>
      ) : (
        <View className="card">
          <Text className="cs-story">{e.story}</Text>
        </View>
      )}
      <ActionBar actions={e.availableActions} onAction={onAction} />
    </PageShell>
  )
}

export default observer(LibraryEntryPage)
