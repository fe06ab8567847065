import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import type { AvailableAction } from '../../../../contract/common'
import { caseCategoryLabels, caseChannelLabels, caseOutcomeLabels, caseOutcomes, caseStatusLabels, partnerKindLabels, referralStateLabels, type CaseField, type CaseOutcome, type Referral, type RiskFactor } from '../../../../contract/cases'
import { AttachmentList } from '../../../../components/attachment-list'
import { contactChannelLabels, type ContactChannel } from '../../../../contract/safe-contact'
import { ActionBar } from '../../../../components/action-bar'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { PersonPicker, type PickedPerson } from '../../../../components/person-picker'
import { StatusTag } from '../../../../components/status-tag'
import { Timeline } from '../../../../components/timeline'
import { ApiError, showError, toast } from '../../../../core/errors'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { NoteSheet, type NoteAsk } from '../../components/note-sheet'
import { RedClock } from '../../components/red-clock'
import { ReferralSheet } from '../../components/referral-sheet'
import { RevealDialog } from '../../components/reveal-dialog'
import { RiskChecklist } from '../../components/risk-checklist'
import { referralTone, riskTone, riskWords, statusTone } from '../../components/tones'
import { useCasesStore } from '../../store'
import '../../components/cases.scss'

/** 一屏全办: the whole case on one phone screen — colour and clock, people (masked), units, flow, next steps. */
function CaseDetailPage() {
  const root = useStores()
  const store = useCasesStore(root)
  const signedIn = useSignedIn()
  const id = useRouter().params.id ?? ''
  const [revealing, setRevealing] = useState<CaseField | null>(null)
  const [referring, setReferring] = useState(false)
  const [assessing, setAssessing] = useState<RiskFactor[] | null>(null)
  const [ask, setAsk] = useState<NoteAsk | null>(null)
  const [picking, setPicking] = useState(false)
  const [stars, setStars] = useState(0)
  const [closing, setClosing] = useState<{ action: AvailableAction; opinion: string; done(): void; cancel(): void } | null>(null)
  const [outcome, setOutcome] = useState<CaseOutcome | null>(null)
  const [closingBusy, setClosingBusy] = useState(false)
  const pending = useRef<{ action: AvailableAction; opinion: string; done(): void } | null>(null)

  useDidShow(() => {
    if (signedIn && id) void store.load(id)
  })
  // revealed values disappear on their own
  useEffect(() => {
    const t = setInterval(() => store.forgetExpired(), 10_000)
    return () => clearInterval(t)
  }, [store])

  const d = store.detail?.id === id ? store.detail : null
  if (store.detailError && !d) return <PageShell><ErrorState error={store.detailError} onRetry={() => void store.load(id)} /></PageShell>
  if (!d) return <PageShell><Text className="cs-loading muted">加载中…</Text></PageShell>

  // the bar keeps at most three in thumb reach; the rest sit in a row above it
  const secondaryKeys = ['assess', 'note', 'assign_helper', 'grant_access', 'library']
  const main = d.availableActions.filter((a) => !secondaryKeys.includes(a.key))
  const barActions = main.slice(0, 3)
  const moreActions = [...main.slice(3), ...d.availableActions.filter((a) => secondaryKeys.includes(a.key))]
  function more(a: AvailableAction) {
    if (a.opinion === 'none') return void onAction(a, '').catch(showError)
    setAsk({ title: a.label, label: a.opinionLabel ?? '意见', required: a.opinion === 'required', send: (note) => onAction(a, note) })
  }
  async function onAction(action: AvailableAction, opinion: string) {
    if (action.key === 'refer') {
      await store.loadPartners()
      setReferring(true)
      return
    }
    if (action.key === 'assess') return setAssessing([...d!.riskAnswers])
    if (action.key === 'library') return void Taro.navigateTo({ url: `/features/cases/pages/library-submit/index?caseId=${d!.id}` })
    // 办结 also says what it came to: the statistics and the case library count by it
    // (closing the chooser without one keeps the 办理结果 sheet open, with what was typed)
    if (action.key === 'close') return new Promise<void>((done, cancel) => setClosing({ action, opinion, done, cancel: () => cancel(new ApiError('BAD_REQUEST', '请选择办理结果类别后再办结', 400)) }))
    if (action.key === 'follow_up') {
      if (!stars) return toast('请先在上方选择满意度')
      return store.act(action, opinion, { satisfaction: stars })
    }
    if (action.key === 'assign_helper' || action.key === 'grant_access') {
      return new Promise<void>((resolve) => {
        pending.current = { action, opinion, done: resolve }
        setPicking(true)
      })
    }
    await store.act(action, opinion)
  }

  async function closeWith() {
    if (!closing || closingBusy) return
    if (!outcome) return toast('请选择办理结果类别')
    setClosingBusy(true)
    try {
      await store.act(closing.action, closing.opinion, { outcome })
      closing.done()
      setClosing(null)
    } catch (err) {
      showError(err)
    } finally {
      setClosingBusy(false)
    }
  }

  async function picked(people: PickedPerson[]) {
    setPicking(false)
    const p = pending.current
    pending.current = null
    if (!p || !people[0]) return p?.done()
    try {
      await store.act(p.action, p.opinion, { toUserId: people[0].id })
      toast(p.action.key === 'assign_helper' ? `已指派${people[0].name}协助` : `已批准${people[0].name}知悉`)
    } catch (err) {
      showError(err)
    } finally {
      p.done()
    }
  }

  function answerReferral(r: Referral, a: AvailableAction) {
    const send = (note: string) => store.answer(r.id, a.key as 'accept' | 'return' | 'report', note)
    if (a.opinion === 'none') return void send('').catch(showError)
    setAsk({ title: a.label, label: a.opinionLabel ?? '说明', required: a.opinion === 'required', send })
  }

  function contact(channel: ContactChannel) {
    setAsk({ title: `记录${contactChannelLabels[channel]}联系`, label: '联系情况', required: true, hint: d!.safeContact?.words.join('，'), send: (note) => store.contact(channel, note) })
  }

  const canPhone = d.safeContact?.channels.includes('phone')
  const phoneShown = store.shown('subject.phone')

  return (
    <PageShell withActionBar={barActions.length > 0} watermark>
      <View className="card cs-head">
        <View className="row">
          {d.risk ? <StatusTag tone={riskTone[d.risk]}>{riskWords[d.risk]}</StatusTag> : <StatusTag>待评估</StatusTag>}
          <StatusTag tone={statusTone[d.status]}>{caseStatusLabels[d.status]}</StatusTag>
          {d.minor ? <StatusTag tone="warn">涉未成年人</StatusTag> : null}
        </View>
        <Text className="cs-title">
          {caseCategoryLabels[d.category]} · {d.subjectName}
        </Text>
        <Text className="muted">
          {d.number} · {d.streetName} · {caseChannelLabels[d.channel]} · {formatTime(d.createdAt)}
        </Text>
        <Text className="muted">{d.ownerName ? `首接负责：${d.ownerName}` : '待受理'}</Text>
      </View>

      {d.redDueAt ? <RedClock due={d.redDueAt} escalated={d.redEscalated} /> : null}
      {d.redGuidance.length && d.redDueAt ? (
        <View className="card cs-guidance" aria-label="红色高危处置指引">
          {d.redGuidance.map((g) => (
            <Text key={g} className="cs-guidance-item">
              • {g}
            </Text>
          ))}
          <Button className="cs-110" type="danger" size="small" onClick={() => void Taro.makePhoneCall({ phoneNumber: '110' })}>
            拨打 110
          </Button>
        </View>
      ) : null}

      {d.referrals.length ? (
        <>
          <Text className="section-title">联动单位</Text>
          <View className="card">
            {d.referrals.map((r) => (
              <View key={r.id} className="cs-ref" aria-label={`${r.unitName}${referralStateLabels[r.state]}`}>
                <View className="row">
                  <Text className="cs-ref-name">
                    {partnerKindLabels[r.kind]} · {r.unitName}
                  </Text>
                  <StatusTag tone={referralTone[r.state]}>{referralStateLabels[r.state]}</StatusTag>
                  {r.overdue ? <StatusTag tone="danger">{r.state === 'sent' ? '超时未签收' : '逾期签收'}</StatusTag> : null}
                </View>
                <Text>{r.task}</Text>
                <Text className="cs-ref-note">
                  {r.state === 'sent' ? `须在 ${formatTime(r.acceptBy)} 前签收` : `${r.answeredBy ?? ''} ${r.answeredAt ? formatTime(r.answeredAt) : ''}`}
                </Text>
                {r.returnReason ? <Text className="cs-ref-note">退回理由：{r.returnReason}</Text> : null}
                {r.report ? <Text className="cs-ref-note">办理情况：{r.report}</Text> : null}
                {r.actions.length ? (
                  <View className="row cs-ref-actions">
                    {r.actions.map((a) => (
                      <Button key={a.key} size="small" type={a.style === 'primary' ? 'primary' : 'default'} onClick={() => answerReferral(r, a)}>
                        {a.label}
                      </Button>
                    ))}
                  </View>
                ) : null}
              </View>
            ))}
          </View>
        </>
      ) : null}

      {d.safeContact ? (
        <View className="card cs-safe" aria-label="安全联系方式">
          <Text className="form-label">联系前请看：她选择的安全联系方式</Text>
          <View className="cs-safe-words">
            {d.safeContact.words.map((w) => (
              <Text key={w} className="cs-safe-word">
                {w}
              </Text>
            ))}
          </View>
          {d.safeContact.note ? <Text className="muted">{d.safeContact.note}</Text> : null}
          <View className="row">
            {d.safeContact.channels.map((c) => (
              <Button key={c} size="small" fill="outline" type="primary" onClick={() => contact(c)}>
                记录{contactChannelLabels[c]}联系
              </Button>
            ))}
            {canPhone && phoneShown ? (
              <Button size="small" type="primary" onClick={() => void Taro.makePhoneCall({ phoneNumber: phoneShown })}>
                拨打
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      <Text className="section-title">当事人（已脱敏）</Text>
      <View className="card cs-fields">
        {d.fields.map((f) => {
          const shown = store.shown(f.field)
          return (
            <View key={f.field} className="cs-field">
              <Text className="muted cs-field-label">{f.label}</Text>
              <Text className={`cs-field-value ${shown ? 'is-shown' : ''}`}>{shown ?? f.masked}</Text>
              {f.revealable && !shown ? (
                <View className="tap-link cs-field-reveal" role="button" aria-label={`查看${f.label}`} onClick={() => setRevealing(f.field)}>
                  查看
                </View>
              ) : null}
            </View>
          )
        })}
      </View>

      <Text className="section-title">情况</Text>
      <View className="card">
        <Text>{d.summary}</Text>
      </View>

      {d.riskReasons.length ? (
        <>
          <Text className="section-title">危险性评估{d.riskScore !== null ? `（${d.riskScore} 分）` : ''}</Text>
          <View className="card cs-reasons">
            {d.riskReasons.map((r) => (
              <Text key={r}>{r}</Text>
            ))}
          </View>
        </>
      ) : null}

      {d.helpers.length ? (
        <>
          <Text className="section-title">协助人</Text>
          <View className="card">
            {d.helpers.map((h) => (
              <Text key={h.userId} className="cs-ref-note">
                {h.name}（{h.roleLabel}）：{h.task}
              </Text>
            ))}
          </View>
        </>
      ) : null}

      {d.photo ? (
        <>
          <Text className="section-title">现场照片</Text>
          <View className="card">
            <AttachmentList files={[d.photo]} />
          </View>
        </>
      ) : null}

      {d.result ? (
        <View className="card">
          <Text className="form-label">办理结果{d.outcome ? `：${caseOutcomeLabels[d.outcome]}` : ''}</Text>
          <Text>{d.result}</Text>
        </View>
      ) : null}



      {d.availableActions.some((a) => a.key === 'follow_up') ? (
        <View className="card">
          <Text className="form-label">回访：她对办理满意吗？</Text>
          <View className="row" role="radiogroup" aria-label="满意度">
            {[1, 2, 3, 4, 5].map((n) => (
              <View key={n} role="radio" aria-checked={n === stars} aria-label={`${n} 分`} className={`form-option ${n === stars ? 'is-on' : ''}`} onClick={() => setStars(n)}>
                {n}
              </View>
            ))}
          </View>
        </View>
      ) : d.followUp ? (
        <View className="card">
          <Text className="muted">回访满意度 {d.followUp.satisfaction} 分{d.followUp.note ? `：${d.followUp.note}` : ''}</Text>
        </View>
      ) : null}

      {moreActions.length ? (
        <View className="card row cs-more" role="group" aria-label="其他操作">
          {moreActions.map((a) => (
            <Button key={a.key} size="small" fill="outline" type={a.style === 'danger' ? 'danger' : 'primary'} onClick={() => more(a)}>
              {a.label}
            </Button>
          ))}
        </View>
      ) : null}

      <Text className="section-title">办理过程</Text>
      <View className="card">
        <Timeline entries={d.timeline} />
      </View>

      <ActionBar actions={barActions} onAction={onAction} />
      <RevealDialog field={revealing} onClose={() => setRevealing(null)} onReveal={(f, reason) => store.reveal(f, reason)} />
      <ReferralSheet visible={referring} units={store.partners} busyUnitIds={d.referrals.filter((r) => r.state === 'sent' || r.state === 'accepted').map((r) => r.unitId)} onClose={() => setReferring(false)} onSend={(items) => store.refer(items)} />
      <NoteSheet ask={ask} onClose={() => setAsk(null)} />
      <Popup visible={assessing !== null} position="bottom" round closeable onClose={() => setAssessing(null)} title="危险性评估">
        <View className="opinion-sheet">
          <RiskChecklist value={assessing ?? []} onChange={setAssessing} />
          <Button block type="primary" onClick={() => void store.assess(assessing ?? []).then(() => setAssessing(null), showError)}>
            确定评估
          </Button>
        </View>
      </Popup>
      <Popup visible={closing !== null} position="bottom" round closeable onClose={() => { if (!closingBusy) { closing?.cancel(); setClosing(null) } }} title="办理结果类别">
        <View className="opinion-sheet cs-outcome">
          <View className="cs-chips" role="radiogroup" aria-label="办理结果类别">
            {caseOutcomes.map((o) => (
              <View key={o} role="radio" aria-checked={o === outcome} className={`form-option ${o === outcome ? 'is-on' : ''}`} onClick={() => setOutcome(o)}>
                {caseOutcomeLabels[o]}
              </View>
            ))}
          </View>
          <Button block type="primary" loading={closingBusy} disabled={closingBusy} onClick={() => void closeWith()}>
            确定办结
          </Button>
        </View>
      </Popup>
      <PersonPicker visible={picking} multiple={false} selected={[]} onClose={() => void picked([])} onConfirm={(p) => void picked(p)} />
    </PageShell>
  )
}

export default observer(CaseDetailPage)
