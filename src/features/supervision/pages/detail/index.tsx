import { Input, Text, Textarea, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import { feedbackRhythmLabels, supervisionLevelLabels, supervisionRoutes, supervisionSourceLabels, type Evidence, type SupervisionDetail } from '../../../../contract/supervision'
import { ActionBar } from '../../../../components/action-bar'
import { AttachmentList, type AttachmentFile } from '../../../../components/attachment-list'
import { ErrorState } from '../../../../components/error-state'
import { FieldError } from '../../../../components/field-error'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { Timeline } from '../../../../components/timeline'
import { FormDraft } from '../../../../core/draft'
import { showError, toApiError, toast } from '../../../../core/errors'
import { clock } from '../../../../core/clock'
import { formatTime } from '../../../../core/format'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { AttachmentsField } from '../../components/attachments-field'
import { DayField } from '../../components/day-field'
import { LightBadge } from '../../components/light'
import { useSupervisionStore } from '../../store'
import '../../components/supervision.scss'

interface FeedbackDraft {
  progress: string
  difficulty: string
  nextStep: string
  percent: string
  /** uploaded already: the draft keeps them so a closed page loses nothing */
  attachments: AttachmentFile[]
}
const emptyFeedback: FeedbackDraft = { progress: '', difficulty: '', nextStep: '', percent: '', attachments: [] }

/** A picked YYYY-MM-DD as the contract's end-of-office-day time. */
const dayEnd = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T18:00:00+08:00` : '')

type Subtask = SupervisionDetail['subtasks'][number]

/**
 * 分解 as a tree: a sub-task sits under the one it waits for, so the page says who blocks whom
 * ("等「梳理清单」完成后才能完成"); the 主办 answers for the whole.
 */
function SubtaskTree({ tasks, parent = null }: { tasks: Subtask[]; parent?: Subtask | null }) {
  // a blocker the caller cannot see (another unit's share) still roots its followers here
  const here = tasks.filter((t) => (parent ? t.blockedBy === parent.id : !t.blockedBy || !tasks.some((x) => x.id === t.blockedBy)))
  if (!here.length) return null
  return (
    <View className={parent ? 'sv-tree sv-tree--nested' : 'sv-tree'} role={parent ? 'group' : 'tree'} aria-label={parent ? `等「${parent.title}」完成的子任务` : '任务分解'}>
      {here.map((t) => (
        <View key={t.id} role="treeitem" aria-label={t.title} className={`sv-sub ${t.state === 'done' ? 'is-done' : ''}`}>
          <Text className="sv-item-title">{t.title}</Text>
          <Text className="muted">{t.ownerName} · {t.deptName} · {t.deadline.slice(0, 10)} 前 · {t.state === 'done' ? `已完成：${t.result ?? ''}` : '进行中'}</Text>
          {t.blockedByTitle ? <Text className="muted">{t.state === 'done' ? `在「${t.blockedByTitle}」之后完成` : `等「${t.blockedByTitle}」完成后才能完成`}</Text> : null}
          <SubtaskTree tasks={tasks} parent={t} />
        </View>
      ))}
    </View>
  )
}

/** One item on one screen: light and reason, units, sub-tasks, feedback, 延期, 督办 and the actions. */
function SupervisionDetailPage() {
  const root = useStores()
  const store = useSupervisionStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const draft = useMemo(() => new FormDraft<FeedbackDraft>(root.storage, `supervision-feedback:${id}`), [root.storage, id])
  const [fb, setFb] = useState<FeedbackDraft>(() => ({ ...emptyFeedback, ...draft.restore() }))
  const [picked, setPicked] = useState<Evidence[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [key, setKey] = useState(newIdempotencyKey)
  const [extra, setExtra] = useState<{ action: AvailableAction; opinion: string } | null>(null)
  const [sub, setSub] = useState({ title: '', ownerId: '', day: '', blockedBy: '' })
  const [finishing, setFinishing] = useState('')
  const [extraProblem, setExtraProblem] = useState<string | null>(null)
  // 交办 again after the 主办 退回: the units to choose from
  const [units, setUnits] = useState<{ id: string; name: string }[]>([])
  const [reassign, setReassign] = useState('')
  const [extDay, setExtDay] = useState('')

  useDidShow(() => {
    if (signedIn && id) void store.load(id)
  })
  useEffect(() => () => draft.saveNow(fb), [draft, fb])

  const d = store.detail?.id === id ? store.detail : null
  if (store.detailError && !d) return <PageShell><ErrorState error={store.detailError} onRetry={() => void store.load(id)} /></PageShell>
  if (!d) return <PageShell><Text className="muted">加载中…</Text></PageShell>

  const change = (patch: Partial<FeedbackDraft>) => {
    const next = { ...fb, ...patch }
    setFb(next)
    draft.save(next)
  }
  const changeAttachments = (update: (prev: AttachmentFile[]) => AttachmentFile[]) =>
    setFb((prev) => {
      const next = { ...prev, attachments: update(prev.attachments) }
      draft.save(next)
      return next
    })
  // the 主办 sent it back: 交办 needs another 主办 (a 协办 that has signed stays on)
  const mainDeclined = d.departments.some((x) => x.role === 'main' && x.state === 'declined') && !d.departments.some((x) => x.role === 'main' && x.state !== 'declined')
  // a sub-task can be finished once the one it waits for is done
  const finishable = d.subtasks.filter((t) => t.state === 'open' && (!t.blockedBy || d.subtasks.find((x) => x.id === t.blockedBy)?.state === 'done'))

  async function sendFeedback() {
    const percent = Number(fb.percent)
    if (!fb.progress.trim()) return setProblem('请填写「工作进展」')
    if (!fb.nextStep.trim()) return setProblem('请填写「下一步计划」')
    if (fb.percent === '' || !Number.isInteger(percent) || percent < 0 || percent > 100) return setProblem('「完成进度」请填 0–100 的整数')
    setProblem(null)
    setSending(true)
    try {
      await store.feedback({ progress: fb.progress, difficulty: fb.difficulty || undefined, nextStep: fb.nextStep, percent, evidence: picked.map((e) => ({ kind: e.kind, refId: e.refId })), attachmentIds: fb.attachments.map((a) => a.id) }, key)
      draft.clear()
      setFb(emptyFeedback)
      setPicked([])
      setKey(newIdempotencyKey())
      toast('已反馈')
    } catch (err) {
      showError(err)
    } finally {
      setSending(false)
    }
  }

  // 分解 and 延期 need more than an opinion: the bar asks for it, the form below finishes the job
  async function onAction(action: AvailableAction, opinion: string) {
    if (action.key === 'add_subtask' || action.key === 'request_extension' || action.key === 'finish_subtask') {
      setExtra({ action, opinion })
      return
    }
    if (action.key === 'assign' && mainDeclined) {
      setExtra({ action, opinion })
      if (!units.length) setUnits((await root.api.call(supervisionRoutes.options)).departments)
      return
    }
    await store.act(action, opinion)
    toast(`已${action.label}`)
  }

  async function finishExtra() {
    if (!extra) return
    try {
      if (extra.action.key === 'add_subtask') {
        if (!sub.day) return setExtraProblem('请选择「子任务时限」')
        await store.act(extra.action, '', { subtaskTitle: sub.title, ownerId: sub.ownerId, deadline: dayEnd(sub.day) || undefined, blockedBy: sub.blockedBy || undefined })
      } else if (extra.action.key === 'request_extension') {
        if (!extDay) return setExtraProblem('请选择「延期至」的日期')
        await store.act(extra.action, extra.opinion, { deadline: dayEnd(extDay) || undefined })
      } else if (extra.action.key === 'assign') {
        if (!reassign) return setExtraProblem('请选择新的主办单位')
        await store.act(extra.action, extra.opinion, { mainDeptId: reassign })
        setReassign('')
      } else await store.act(extra.action, extra.opinion, { subtaskId: finishing || finishable[0]?.id })
      setExtraProblem(null)
      setFinishing('')
      toast(`已${extra.action.label}`)
      setExtra(null)
      setSub({ title: '', ownerId: '', day: '', blockedBy: '' })
    } catch (err) {
      // said beside the form, which keeps what was entered
      setExtraProblem(toApiError(err).message)
    }
  }

  return (
    <PageShell withActionBar>
      <View className="card sv-head">
        <Text className="sv-title">{d.title}</Text>
        <View className="row">
          <StatusTag tone="primary">{d.statusText}</StatusTag>
          <StatusTag>{supervisionLevelLabels[d.level]}</StatusTag>
          <StatusTag>{supervisionSourceLabels[d.source]}</StatusTag>
        </View>
        <LightBadge light={d.light} reason={d.lightReason} />
        <View className="sv-kv"><Text className="sv-k">督办编号</Text><Text className="sv-v">{d.code}</Text></View>
        <View className="sv-kv"><Text className="sv-k">办结时限</Text><Text className="sv-v">{d.deadline.slice(0, 10)}{d.deadline !== d.originalDeadline ? `（原定 ${d.originalDeadline.slice(0, 10)}，已延期）` : ''}</Text></View>
        <View className="sv-kv"><Text className="sv-k">牵头领导</Text><Text className="sv-v">{d.leader.name}</Text></View>
        <View className="sv-kv"><Text className="sv-k">反馈频次</Text><Text className="sv-v">{feedbackRhythmLabels[d.rhythm]}{d.nextFeedbackDue ? `，下次应于 ${d.nextFeedbackDue.slice(0, 10)} 前${Date.parse(d.nextFeedbackDue) < clock.nowMs() ? '（已逾期）' : ''}` : ''}</Text></View>
        <View className="sv-kv"><Text className="sv-k">进度</Text><Text className="sv-v">{d.progress}%</Text></View>
        {d.document ? <View className="sv-kv"><Text className="sv-k">来源公文</Text><Text className="sv-v">{d.document.title}</Text></View> : null}
        <View className="sv-kv"><Text className="sv-k">立项依据</Text><Text className="sv-v">{d.basis}</Text></View>
        {d.attachments.length ? <AttachmentList files={d.attachments} /> : null}
      </View>

      <Text className="section-title">承办单位</Text>
      <View className="card">
        {d.departments.map((x) => (
          <View key={x.deptId} className="sv-kv">
            <Text className="sv-k">{x.role === 'main' ? '主办' : '协办'}</Text>
            <Text className="sv-v">
              {x.name}（{x.state === 'signed' ? `已签收 ${formatTime(x.signedAt!)}` : x.state === 'declined' ? `已退回：${x.declineReason}` : '待签收'}）联络员 {x.liaisonName}
            </Text>
          </View>
        ))}
      </View>

      {d.subtasks.length ? (
        <>
          <Text className="section-title">任务分解</Text>
          <View className="card">
            <SubtaskTree tasks={d.subtasks} />
          </View>
        </>
      ) : null}

      {extra ? (
        <View className="card sv-form sv-extra" role="form" aria-label={extra.action.label}>
          <Text className="card-title">{extra.action.label}</Text>
          {extra.action.key === 'add_subtask' ? (
            <>
              <Input className="sv-input" aria-label="子任务" placeholder="子任务内容" value={sub.title} onInput={(e) => setSub({ ...sub, title: e.detail.value })} />
              <View className="sv-chips">
                {d.subtaskOwners.map((p) => (
                  <Text key={p.id} className={`sv-chip ${sub.ownerId === p.id ? 'is-on' : ''}`} onClick={() => setSub({ ...sub, ownerId: p.id })}>{p.name}</Text>
                ))}
              </View>
              <DayField label="子任务时限" value={sub.day} end={d.deadline.slice(0, 10)} placeholder={`子任务时限：点此选择（不晚于 ${d.deadline.slice(0, 10)}）`} onChange={(day) => setSub({ ...sub, day })} />
              {d.subtasks.length ? (
                <View className="sv-chips">
                  <Text className="muted">前置子任务：</Text>
                  {d.subtasks.map((t) => (
                    <Text key={t.id} className={`sv-chip ${sub.blockedBy === t.id ? 'is-on' : ''}`} onClick={() => setSub({ ...sub, blockedBy: sub.blockedBy === t.id ? '' : t.id })}>{t.title}</Text>
                  ))}
                </View>
              ) : null}
            </>
          ) : extra.action.key === 'request_extension' ? (
            <DayField label="延期至" value={extDay} start={d.deadline.slice(0, 10)} placeholder={`延期至：点此选择（现时限 ${d.deadline.slice(0, 10)}）`} onChange={setExtDay} />
          ) : extra.action.key === 'assign' ? (
            <>
              <Text className="muted">主办单位已退回，请另选主办单位</Text>
              <View className="sv-chips" role="radiogroup" aria-label="新的主办单位">
                {units
                  .filter((u) => !d.departments.some((x) => x.deptId === u.id && x.state === 'declined'))
                  .map((u) => (
                    <View key={u.id} role="radio" aria-checked={reassign === u.id} className={`sv-chip ${reassign === u.id ? 'is-on' : ''}`} onClick={() => setReassign(u.id)}>{u.name}</View>
                  ))}
              </View>
            </>
          ) : finishable.length ? (
            <View className="sv-chips" role="radiogroup" aria-label="完成哪个子任务">
              {finishable.map((t) => {
                const on = (finishing || finishable[0].id) === t.id
                return (
                  <View key={t.id} role="radio" aria-checked={on} className={`sv-chip ${on ? 'is-on' : ''}`} onClick={() => setFinishing(t.id)}>{t.title}</View>
                )
              })}
            </View>
          ) : (
            <Text className="muted">没有可以完成的子任务：前置子任务完成后才能完成后续子任务</Text>
          )}
          <FieldError message={extraProblem} />
          <View className="row">
            <Button type="primary" onClick={() => void finishExtra()}>确定</Button>
            <Button onClick={() => setExtra(null)}>取消</Button>
          </View>
        </View>
      ) : null}

      {d.canFeedback ? (
        <>
          <Text className="section-title">反馈进展</Text>
          <View className="card sv-form sv-feedback">
            <Textarea className="sv-input" aria-label="工作进展" placeholder="工作进展" maxlength={1000} value={fb.progress} onInput={(e) => change({ progress: e.detail.value })} />
            <Textarea className="sv-input" aria-label="存在困难" placeholder="存在困难（可不填）" maxlength={500} value={fb.difficulty} onInput={(e) => change({ difficulty: e.detail.value })} />
            <Textarea className="sv-input" aria-label="下一步计划" placeholder="下一步计划" maxlength={500} value={fb.nextStep} onInput={(e) => change({ nextStep: e.detail.value })} />
            <Input className="sv-input" aria-label="完成进度" type="number" placeholder="完成进度（0–100）" value={fb.percent} onInput={(e) => change({ percent: e.detail.value })} />
            <AttachmentsField label="反馈附件" files={fb.attachments} onChange={changeAttachments} />
            {d.evidenceOffers.length ? (
              <View className="sv-form">
                <Text className="muted">系统里已有的办理结果，点一下即可作为佐证附上，不必重复填写：</Text>
                {d.evidenceOffers.map((e) => {
                  const on = picked.some((p) => p.kind === e.kind && p.refId === e.refId)
                  return (
                    <View key={`${e.kind}:${e.refId}`} role="checkbox" aria-checked={on} className={`sv-evidence ${on ? 'is-on' : ''}`} onClick={() => setPicked(on ? picked.filter((p) => p !== e && !(p.kind === e.kind && p.refId === e.refId)) : [...picked, e])}>
                      <Text className="sv-item-title">{on ? '✓ ' : '＋ '}{e.label}</Text>
                      <Text className="muted">{e.text}</Text>
                    </View>
                  )
                })}
              </View>
            ) : null}
            <FieldError message={problem} />
            <Button type="primary" block loading={sending} disabled={sending} onClick={() => void sendFeedback()}>提交反馈</Button>
          </View>
        </>
      ) : null}

      {d.feedbacks.length ? (
        <>
          <Text className="section-title">反馈记录</Text>
          <View className="card">
            {d.feedbacks.map((f) => (
              <View key={f.id} className="sv-sub">
                <Text className="sv-item-title">{f.role === 'main' ? `第 ${f.round} 次反馈` : `协办反馈 ${f.round}`} · {f.deptName} · {f.percent}%{f.late ? '（逾期）' : ''}</Text>
                <Text>{f.progress}</Text>
                {f.difficulty ? <Text className="muted">困难：{f.difficulty}</Text> : null}
                <Text className="muted">下一步：{f.nextStep}</Text>
                {f.evidence.map((e) => <Text key={e.refId} className="muted">佐证：{e.label}</Text>)}
                {f.attachments.length ? <AttachmentList files={f.attachments} /> : null}
                <Text className="muted">{f.byName} {formatTime(f.at)}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      {d.extensions.length ? (
        <>
          <Text className="section-title">延期申请</Text>
          <View className="card">
            {d.extensions.map((e) => (
              <View key={e.id} className="sv-sub">
                <Text className="sv-item-title">{e.from.slice(0, 10)} → {e.to.slice(0, 10)} · {e.stateText}</Text>
                <Text className="muted">{e.byName}：{e.reason}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      {d.escalations.length ? (
        <>
          <Text className="section-title">督办记录</Text>
          <View className="card">
            {d.escalations.map((e, i) => (
              <View key={i} className="sv-kv"><Text className="sv-k">{e.label}</Text><Text className="sv-v">{e.byName} → {e.toNames.join('、')} {formatTime(e.at)}{e.note ? `：${e.note}` : ''}</Text></View>
            ))}
          </View>
        </>
      ) : null}

      <Text className="section-title">办理过程</Text>
      <View className="card">
        <Timeline entries={d.timeline} />
      </View>
      <ActionBar actions={d.availableActions} onAction={onAction} />
    </PageShell>
  )
}

export default observer(SupervisionDetailPage)
