import { casesRoutes, caseCategoryLabels, partnerKindLabels, riskFactors, scoreRisk, type CaseDetail, type RiskFactor } from '../../src/contract/cases'
import { helpRoutes } from '../../src/contract/help'
import type { Route, RouteInput } from '../../src/contract/route'
import type { SafeContact } from '../../src/contract/safe-contact'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { verifyAudit } from '../../mock/lib/audit'
import { messagesOf } from '../../mock/lib/notify'
import { caseAccess } from '../../mock/handlers/cases'
import { expectRefusal, setClock, testBff } from '../support/bff'

/**
 * 妇联维权案件 as its people notice it: the owner, the head, partner liaisons, helpers, the 执委 who
 * reported, the resident who asked. Every refusal leaves the cases, their inbox items and the audit log
 * exactly as they were.
 */

type T = ReturnType<typeof testBff>

const OWNER = 'u-fed-02' // 周小红, 西乡妇联
const HEAD = 'u-staff-08' // 卢美玲, 区妇联权益部部长
const POLICE = 'u-partner-police-02' // 西乡派出所
const CIVIL = 'u-partner-civil-01' // 区民政局
const COURT = 'u-partner-court-01'
const sms: SafeContact = { channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true, note: undefined }

const rowOf = (t: T, id: string) => t.db.cases.find((c) => c.id === id)!
const keys = (d: CaseDetail) => d.availableActions.map((a) => a.key)
const openItems = (t: T, id: string) => t.db.workItems.filter((w) => w.module === 'cases' && w.objectId === id && w.status === 'open').map((w) => `${w.assigneeId}:${w.step}`).sort()

function intake(t: T, who = OWNER, extra: Partial<RouteInput<typeof casesRoutes.create>['body']> = {}) {
  return t.ok(who, casesRoutes.create, {
    body: {
      channel: 'hotline',
      category: 'domestic_violence',
      streetName: '西乡街道',
      summary: '来电称丈夫多次殴打，电话 13912345678 可联系。',
      subject: { name: '林秀娟', phone: '13912345678', idNumber: '440306199001011238', address: '宝安区西乡街道固戍社区固戍二路9号', whereabouts: '暂住娘家' },
      otherName: '黄大勇',
      minor: false,
      safeContact: sms,
      riskAnswers: [],
      ...extra,
    },
  })
}
const act = (t: T, who: string, id: string, action: RouteInput<typeof casesRoutes.act>['body']['action'], extra: Omit<RouteInput<typeof casesRoutes.act>['body'], 'action' | 'version'> = {}) =>
  t.ok(who, casesRoutes.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } })
const refer = (t: T, id: string, items: { unitId: string; task: string; acceptHours: number }[], who = OWNER) => t.ok(who, casesRoutes.refer, { params: { id }, body: { version: rowOf(t, id).version, items } })
const answer = (t: T, who: string, id: string, n: number, action: 'accept' | 'return' | 'report', note?: string) =>
  t.ok(who, casesRoutes.answerReferral, { params: { id, referralId: rowOf(t, id).referrals[n].id }, body: { action, version: rowOf(t, id).version, note } })
const view = (t: T, who: string, id: string) => t.ok(who, casesRoutes.get, { params: { id } })

/** Moves the clock and lets the seed's own clocks catch up first, so a refusal after it changes nothing. */
async function tick(t: T, iso: string) {
  setClock(t, iso)
  await t.ok(OWNER, casesRoutes.list, { query: {} })
}

function refuse<R extends Route>(t: T, who: string | null, route: R, input: RouteInput<R>, status: number, message?: string | RegExp) {
  return expectRefusal(t, who, route, input, status, message, () => ({
    cases: t.db.cases,
    items: t.db.workItems.filter((w) => w.module === 'cases'),
    audit: { length: t.db.audit.length, head: t.db.audit.at(-1)?.hash },
  }))
}
const refuseAct = (t: T, who: string, id: string, action: RouteInput<typeof casesRoutes.act>['body']['action'], status: number, message?: string | RegExp, extra: Omit<RouteInput<typeof casesRoutes.act>['body'], 'action' | 'version'> = {}) =>
  refuse(t, who, casesRoutes.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } }, status, message)

// ---------------------------------------------------------------------------------------------

describe('risk assessment', () => {
  const table: [RiskFactor[], 'red' | 'orange' | 'yellow', number][] = [
    [[], 'yellow', 0],
    [['substance'], 'yellow', 1],
    [['separation', 'stalking'], 'yellow', 4],
    [['separation', 'stalking', 'substance'], 'orange', 5],
    [['escalation', 'children_at_risk', 'pregnant'], 'orange', 9],
    [['threat_to_kill'], 'orange', 5],
    [['threat_to_kill', 'substance'], 'red', 6],
    [['strangulation', 'separation'], 'red', 7],
    [['weapon', 'escalation'], 'red', 7],
    [['escalation', 'children_at_risk', 'pregnant', 'substance'], 'red', 10],
    [riskFactors.map((f) => f.key), 'red', 33],
  ]
  it.each(table)('%j → %s (%d 分)', (answers, level, score) => {
    const r = scoreRisk(answers)
    expect(r.level).toBe(level)
    expect(r.score).toBe(score)
    // every factor ticked is a reason, and the rule that decided the colour is the last one
    for (const a of answers) expect(r.reasons).toContain(riskFactors.find((f) => f.key === a)!.label)
    expect(r.reasons.at(-1)).toMatch(level === 'red' ? /红色/ : level === 'orange' ? /橙色/ : /黄色/)
  })

  it('the server scores it, whatever the page thought: the colour and reasons come back with the case', async () => {
    const t = testBff()
    const c = await intake(t, OWNER, { riskAnswers: ['separation', 'stalking', 'substance'] })
    expect(c.risk).toBe('orange')
    expect(c.riskScore).toBe(5)
    expect(c.riskReasons).toContain('跟踪、监视、控制其行动')
    expect(c.redDueAt).toBeNull()
  })
})

describe('the red 24 hours', () => {
  it('red at intake: the clock runs 24 h, the head and the street 公安 liaison get it at once, 110 and 保护令 guidance shows', async () => {
    const t = testBff()
    const c = await intake(t, OWNER, { riskAnswers: ['weapon', 'threat_to_kill'] })
    expect(c.risk).toBe('red')
    expect(c.redDueAt).toBe('2026-11-26T10:00:00+08:00')
    expect(c.redGuidance.join()).toMatch(/110/)
    expect(c.redGuidance.join()).toMatch(/人身安全保护令/)
    expect(c.redGuidance.join()).toMatch(/告诫书/)
    expect(openItems(t, c.id)).toEqual([`${HEAD}:红色预警`, `${OWNER}:办理`, `${POLICE}:红色预警`].sort())
    expect(t.db.workItems.find((w) => w.objectId === c.id && w.assigneeId === HEAD)!.urgency).toBe('very_urgent')
    // the 公安 liaison may read it (police fields) before any referral
    const police = await view(t, POLICE, c.id)
    expect(police.view).toBe('partner')
    expect(police.fields.map((f) => f.field)).toContain('subject.whereabouts')
    // red cases lead the list
    const list = await t.ok(OWNER, casesRoutes.list, { query: { box: 'red' } })
    expect(list.items[0].id).toBe(c.id)
  })

  it('someone acting stops the clock: a protective step with what was done', async () => {
    const t = testBff()
    const c = await intake(t, OWNER, { riskAnswers: ['strangulation', 'escalation'] })
    await refuseAct(t, OWNER, c.id, 'safety_action', 400, /采取了什么措施/)
    setClock(t, '2026-11-25T13:00:00+08:00')
    const done = await act(t, OWNER, c.id, 'safety_action', { opinion: '已陪同报警' })
    expect(done.redActedAt).toBe('2026-11-25T13:00:00+08:00')
    expect(done.redDueAt).toBeNull()
    expect(keys(done)).not.toContain('safety_action')
    expect(openItems(t, c.id)).toEqual([`${OWNER}:办理`])
    setClock(t, '2026-11-27T10:00:00+08:00')
    const later = await view(t, OWNER, c.id)
    expect(later.redEscalated).toBe(false)
  })

  it('a referral accepted also counts as acting', async () => {
    const t = testBff()
    const c = await intake(t, OWNER, { riskAnswers: ['strangulation', 'escalation'] })
    await refer(t, c.id, [{ unitId: 'dept-police', task: '请出警核实', acceptHours: 2 }])
    const accepted = await answer(t, POLICE, c.id, 0, 'accept')
    expect(accepted.redActedAt).not.toBeNull()
  })

  it('24 hours without action: the system escalates once, in the audit as 系统, and the items turn 催办', async () => {
    const t = testBff()
    const c = await intake(t, OWNER, { riskAnswers: ['strangulation', 'escalation'] })
    setClock(t, '2026-11-26T09:59:00+08:00')
    expect((await view(t, OWNER, c.id)).redEscalated).toBe(false)
    setClock(t, '2026-11-26T10:00:00+08:00')
    const before = t.db.audit.length
    const d = await view(t, OWNER, c.id)
    expect(d.redEscalated).toBe(true)
    expect(t.db.audit.slice(before).map((a) => `${a.actorName}:${a.action}`)).toEqual(['系统:case.red_escalate', `${t.db.users.find((u) => u.id === OWNER)!.name}:case.view`])
    expect(t.db.workItems.find((w) => w.objectId === c.id && w.assigneeId === HEAD && w.status === 'open')!.tags).toContain('urge')
    await view(t, OWNER, c.id)
    expect(t.db.audit.filter((a) => a.objectId === c.id && a.action === 'case.red_escalate')).toHaveLength(1)
  })
})

describe('intake from every channel', () => {
  it('hotline / walk-in: the staff who take it own it (首接) and it is accepted at once', async () => {
    const t = testBff()
    const c = await intake(t)
    expect(c).toMatchObject({ status: 'accepted', ownerId: OWNER, channel: 'hotline', view: 'federation' })
    expect(c.number).toMatch(/^宝妇维〔2026〕\d+号$/)
    // a number typed into the summary is masked before it is kept
    expect(c.summary).toContain('139****5678')
    expect(rowOf(t, c.id).summary).not.toContain('13912345678')
  })

  it('执委 report: minimal fields; it waits for the street 妇联 to take it on, and the 执委 sees only her report', async () => {
    const t = testBff()
    const c = await t.ok('u-fedexec-01', casesRoutes.create, {
      body: { channel: 'exec_report', category: 'marriage_family', streetName: '西乡街道', summary: '走访发现夫妻争吵严重。', subject: { name: '赵小兰' }, minor: false, safeContact: sms, riskAnswers: [] },
    })
    expect(c).toMatchObject({ status: 'registered', ownerId: null, view: 'reporter', availableActions: [] })
    expect(c.fields.map((f) => [f.field, f.masked, f.revealable])).toEqual([['subject.name', '赵**', false]])
    expect(c.safeContact).toBeNull()
    expect(openItems(t, c.id)).toEqual(['u-fed-02:待受理'])
    await refuse(t, 'u-fedexec-01', casesRoutes.create, { body: { channel: 'hotline', category: 'other', streetName: '西乡街道', summary: '执委不能登记热线。', subject: { name: '某某' }, minor: false, safeContact: sms, riskAnswers: [] } }, 403, '执委、网格员请选择「执委/网格上报」')
    // 受理 by the street: 首接 from then on
    const taken = await act(t, OWNER, c.id, 'accept')
    expect(taken).toMatchObject({ status: 'accepted', ownerId: OWNER })
  })

  it('resident help: red at once when she is in danger now; she is told in neutral words only', async () => {
    const t = testBff()
    const h = await t.ok('r-resident-09', helpRoutes.submit, { body: { situations: ['hurt'], inDangerNow: true, words: '他喝酒了', streetName: '西乡街道', anonymous: false, safeContact: sms } })
    expect(h.stage).toBe('已收到')
    const row = rowOf(t, h.id)
    expect(row).toMatchObject({ channel: 'resident_app', risk: 'red', status: 'registered', category: 'domestic_violence' })
    expect(openItems(t, h.id)).toEqual([`${HEAD}:红色预警`, 'u-fed-02:待受理', `${POLICE}:红色预警`].sort())
    await act(t, OWNER, h.id, 'accept')
    await refer(t, h.id, [{ unitId: 'dept-police', task: '请核实', acceptHours: 2 }])
    const mine = await t.ok('r-resident-09', helpRoutes.mine)
    const text = JSON.stringify(mine)
    for (const word of [...Object.values(caseCategoryLabels), ...Object.values(partnerKindLabels), '暴力', '公安', '妇联', '周小红', '案件']) expect(text).not.toContain(word)
    expect(mine.items[0].updates.map((u) => u.text)).toEqual(['已收到，工作人员会按您选择的方式和时间联系您', '工作人员已在跟进，会按您选择的方式联系您', '正在协调有关单位一起帮助您'])
    // nobody else's help request, not even by id
    expect((await t.as('r-resident-01', helpRoutes.get, { params: { id: h.id } })).status).toBe(404)
    // she leaves no inbox entry that names the matter
    expect(t.db.workItems.filter((w) => w.assigneeId === 'r-resident-09')).toEqual([])
  })

  it('a WeChat message only when she chose WeChat as safe and not evenings only; its words never say what it is about', async () => {
    const t = testBff()
    const body = { situations: ['talk' as const], inDangerNow: false, streetName: '西乡街道' as const, anonymous: false }
    const byWechat = await t.ok('r-resident-09', helpRoutes.submit, { body: { ...body, safeContact: { channels: ['wechat', 'sms'], window: 'any', doNotCallHome: true } } })
    const smsOnly = await t.ok('r-resident-07', helpRoutes.submit, { body: { ...body, safeContact: sms } })
    const evenings = await t.ok('r-resident-01', helpRoutes.submit, { body: { ...body, safeContact: { channels: ['wechat'], window: 'evening', doNotCallHome: false } } })
    for (const h of [byWechat, smsOnly, evenings]) await act(t, OWNER, h.id, 'accept')
    const told = messagesOf(t.db, 'r-resident-09')
    // 已收到 and 已在跟进: two messages, each only 您有一条新消息, landing on 我的留言
    expect(told.map((x) => [x.title, x.link])).toEqual([
      ['您有一条新消息', '/features/help/pages/mine/index'],
      ['您有一条新消息', '/features/help/pages/mine/index'],
    ])
    expect(JSON.stringify(told)).not.toMatch(/妇联|案件|暴力|求助|周小红/)
    expect(messagesOf(t.db, 'r-resident-07')).toEqual([])
    expect(messagesOf(t.db, 'r-resident-01')).toEqual([])
  })

  it('anonymous: staff see 匿名求助人 and no name to reveal', async () => {
    const t = testBff()
    const h = await t.ok('r-resident-09', helpRoutes.submit, { body: { situations: ['talk'], inDangerNow: false, streetName: '西乡街道', anonymous: true, safeContact: sms } })
    const d = await view(t, OWNER, h.id)
    expect(d.subjectName).toBe('匿名求助人')
    expect(d.fields.map((f) => f.field)).toEqual(['subject.phone'])
    await refuse(t, OWNER, casesRoutes.reveal, { params: { id: h.id }, body: { field: 'subject.name', reason: '核实身份' } }, 404, '没有登记这一项')
  })
})

describe('the flow: 登记 → 受理 → 办理 → 联动 → 督办 → 办结 → 核准 → 回访 → 归档', () => {
  it('walks every step, the owner never changes, each step is one audit entry', async () => {
    const t = testBff()
    const c = await intake(t, OWNER, { riskAnswers: ['weapon', 'escalation'] })
    const audit0 = t.db.audit.length
    const started = await act(t, OWNER, c.id, 'start')
    expect(started.status).toBe('handling')
    const referred = await refer(t, c.id, [
      { unitId: 'dept-police', task: '请核实警情，视情出具告诫书', acceptHours: 4 },
      { unitId: 'dept-civil', task: '请安排临时庇护', acceptHours: 12 },
    ])
    expect(referred.status).toBe('referred')
    expect(referred.referrals.map((r) => [r.unitName, r.state, r.acceptBy])).toEqual([
      ['宝安公安分局', 'sent', '2026-11-25T14:00:00+08:00'],
      ['区民政局', 'sent', '2026-11-25T22:00:00+08:00'],
    ])
    expect(openItems(t, c.id)).toEqual([`${CIVIL}:待签收`, `${HEAD}:红色预警`, `${OWNER}:办理`, `${POLICE}:待签收`, `${POLICE}:红色预警`].sort())
    await answer(t, POLICE, c.id, 0, 'accept', '已派民警联系')
    await refuse(t, CIVIL, casesRoutes.answerReferral, { params: { id: c.id, referralId: rowOf(t, c.id).referrals[1].id }, body: { action: 'return', version: rowOf(t, c.id).version } }, 400, '请填写退回理由')
    const returned = await answer(t, CIVIL, c.id, 1, 'return', '请先经街道评估')
    expect(returned.referrals.at(-1)).toMatchObject({ state: 'returned', returnReason: '请先经街道评估' })
    // a returned referral ends that unit's need to know
    expect((await t.as(CIVIL, casesRoutes.get, { params: { id: c.id } })).status).toBe(404)
    const again = await refer(t, c.id, [{ unitId: 'dept-civil', task: '街道已评估，请安排庇护', acceptHours: 12 }])
    expect(again.referrals.map((r) => r.state)).toEqual(['accepted', 'returned', 'sent'])
    await answer(t, CIVIL, c.id, 2, 'accept')
    await refuseAct(t, OWNER, c.id, 'close', 409, '还有联动单位未反馈（公安分局、区民政局），请等其反馈或催办后再办结', { opinion: '办好了' })
    await answer(t, POLICE, c.id, 0, 'report', '已出具告诫书')
    await answer(t, CIVIL, c.id, 2, 'report', '已安置')
    // the owner sees every unit's progress on one screen
    const all = await view(t, OWNER, c.id)
    expect(all.referrals.map((r) => r.state)).toEqual(['done', 'returned', 'done'])
    expect(all.ownerId).toBe(OWNER)
    const sup = await act(t, HEAD, c.id, 'supervise', { opinion: '请尽快办结' })
    expect(sup.status).toBe('supervising')
    await refuseAct(t, OWNER, c.id, 'close', 400, '请选择办理结果类别', { opinion: '已告诫并安置' })
    const closed = await act(t, OWNER, c.id, 'close', { opinion: '已告诫并安置', outcome: 'warning_letter' })
    expect(closed.status).toBe('closed')
    expect(closed.outcome).toBe('warning_letter')
    expect(openItems(t, c.id)).toEqual([`${HEAD}:待核准`])
    await refuseAct(t, HEAD, c.id, 'reopen', 400, '请填写退回理由')
    const reopened = await act(t, HEAD, c.id, 'reopen', { opinion: '请补充回访计划' })
    expect(reopened.status).toBe('handling')
    expect(reopened.outcome).toBeNull()
    await act(t, OWNER, c.id, 'close', { opinion: '已告诫并安置，回访计划已定', outcome: 'shelter' })
    const approved = await act(t, HEAD, c.id, 'approve')
    expect(approved.status).toBe('approved')
    await refuseAct(t, OWNER, c.id, 'follow_up', 400, '请选择满意度（1–5）')
    const visited = await act(t, OWNER, c.id, 'follow_up', { satisfaction: 4, opinion: '生活已安定', nextAt: '2026-12-25T10:00:00+08:00' })
    expect(visited.followUp).toEqual({ satisfaction: 4, note: '生活已安定', nextAt: '2026-12-25T10:00:00+08:00' })
    const archived = await act(t, OWNER, c.id, 'archive')
    expect(archived.status).toBe('archived')
    // a finished case can still teach: its owner may send it to the case library
    expect(keys(archived)).toEqual(['library'])
    expect(openItems(t, c.id)).toEqual([])
    expect(rowOf(t, c.id).ownerId).toBe(OWNER)
    // state changes and referral answers, one entry each, plus one per look
    const actions = t.db.audit.slice(audit0).map((a) => a.action)
    expect(actions.filter((a) => a !== 'case.view')).toEqual([
      'case.start', 'case.refer', 'case.referral_accept', 'case.referral_return', 'case.refer', 'case.referral_accept', 'case.referral_report', 'case.referral_report',
      'case.supervise', 'case.close', 'case.reopen', 'case.close', 'case.approve', 'case.follow_up', 'case.archive',
    ])
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })

  it('不予受理 needs a reason and ends it', async () => {
    const t = testBff()
    const c = await t.ok('u-fedexec-01', casesRoutes.create, { body: { channel: 'exec_report', category: 'other', streetName: '西乡街道', summary: '邻里噪音纠纷。', subject: { name: '某女士' }, minor: false, safeContact: sms, riskAnswers: [] } })
    await refuseAct(t, OWNER, c.id, 'decline', 400, '请填写不予受理的理由')
    const d = await act(t, OWNER, c.id, 'decline', { opinion: '属邻里纠纷，转人民调解' })
    expect(d.status).toBe('declined')
    await refuseAct(t, OWNER, c.id, 'accept', 409)
  })

  it('refusals change nothing: wrong person, wrong state, stale version, duplicate referral, unknown unit', async () => {
    const t = testBff()
    const c = await intake(t)
    await refuseAct(t, 'u-staff-20', c.id, 'start', 404) // 新安妇联: not her street
    await refuseAct(t, HEAD, c.id, 'approve', 404) // yellow and open: not on the head's desk
    await refuseAct(t, OWNER, c.id, 'approve', 403, '您现在不能进行这个操作')
    await refuse(t, OWNER, casesRoutes.act, { params: { id: c.id }, body: { action: 'start', version: rowOf(t, c.id).version - 1 } }, 409, '该事项已被他人处理，请刷新后重试')
    await act(t, OWNER, c.id, 'start')
    await refer(t, c.id, [{ unitId: 'dept-court', task: '请审查保护令申请', acceptHours: 24 }])
    await refuse(t, OWNER, casesRoutes.refer, { params: { id: c.id }, body: { version: rowOf(t, c.id).version, items: [{ unitId: 'dept-court', task: '再转一次', acceptHours: 24 }] } }, 409, '已转给宝安区人民法院，请等其答复')
    await refuse(t, OWNER, casesRoutes.refer, { params: { id: c.id }, body: { version: rowOf(t, c.id).version, items: [{ unitId: 'dept-finance', task: '请拨款', acceptHours: 24 }] } }, 400, '所选单位不是可联动的单位，请重新选择')
    await refuse(t, OWNER, casesRoutes.refer, { params: { id: c.id }, body: { version: rowOf(t, c.id).version, items: [] } }, 400, '请至少选择一个联动单位')
    // the court may only answer its own referral, only once each way
    await refuse(t, POLICE, casesRoutes.answerReferral, { params: { id: c.id, referralId: rowOf(t, c.id).referrals[0].id }, body: { action: 'accept', version: rowOf(t, c.id).version } }, 404)
    await answer(t, COURT, c.id, 0, 'accept')
    await refuse(t, COURT, casesRoutes.answerReferral, { params: { id: c.id, referralId: rowOf(t, c.id).referrals[0].id }, body: { action: 'accept', version: rowOf(t, c.id).version } }, 409)
    await refuse(t, COURT, casesRoutes.act, { params: { id: c.id }, body: { action: 'close', version: rowOf(t, c.id).version, opinion: '法院办结' } }, 403)
    // a referral never moves the case to the unit
    expect(rowOf(t, c.id).ownerId).toBe(OWNER)
  })

  it('an unaccepted referral escalates when its deadline passes, once, and shows overdue', async () => {
    const t = testBff()
    const c = await intake(t)
    await act(t, OWNER, c.id, 'start')
    await refer(t, c.id, [{ unitId: 'street-xixiang-sfs', task: '请组织调解', acceptHours: 4 }])
    setClock(t, '2026-11-25T14:00:00+08:00')
    const d = await view(t, OWNER, c.id)
    expect(d.referrals[0]).toMatchObject({ state: 'sent', overdue: true, escalated: true })
    expect(t.db.workItems.find((w) => w.objectId === c.id && w.step === '待签收')!.tags).toContain('urge')
    expect(t.db.workItems.find((w) => w.objectId === c.id && w.step === '联动超时')).toMatchObject({ assigneeId: OWNER, audience: 'cc' })
    // the head may now see it, to 督办
    expect(keys(await view(t, HEAD, c.id))).toContain('supervise')
    await view(t, OWNER, c.id)
    expect(t.db.audit.filter((a) => a.objectId === c.id && a.action === 'case.referral_escalate').map((a) => a.actorName)).toEqual(['系统'])
    // late acceptance still counts, and stays marked late
    const late = await answer(t, 'u-staff-23', c.id, 0, 'accept')
    expect(late.referrals[0]).toMatchObject({ state: 'accepted', overdue: true })
  })

  it('helpers do only their part: a counsellor records her sessions, nothing else', async () => {
    const t = testBff()
    const c = await intake(t)
    await refuseAct(t, OWNER, c.id, 'assign_helper', 400, '只能指派心理咨询师、青少年事务社工、团干或妇联执委协助', { toUserId: CIVIL, opinion: '协助' })
    await act(t, OWNER, c.id, 'assign_helper', { toUserId: 'u-counsel-01', opinion: '请做 3 次心理疏导' })
    const h = await view(t, 'u-counsel-01', c.id)
    expect(h.view).toBe('helper')
    expect(keys(h)).toEqual(['note'])
    expect(h.fields.map((f) => f.field)).toEqual(['subject.name', 'subject.phone'])
    expect(h.referrals).toEqual([])
    expect(h.riskAnswers).toEqual([])
    await refuseAct(t, 'u-counsel-01', c.id, 'close', 403, '只有首接负责人可以办结', { opinion: '办结' })
    await act(t, 'u-counsel-01', c.id, 'note', { opinion: '完成第一次咨询' })
  })
})

describe('masking, reveal and safe contact', () => {
  it('personal fields leave masked; a reveal needs a reason, is audited without the value, and hides after 3 minutes', async () => {
    const t = testBff()
    const c = await intake(t)
    expect(c.fields.map((f) => [f.field, f.masked])).toEqual([
      ['subject.name', '林**'],
      ['subject.phone', '139****5678'],
      ['subject.idNumber', '4403**********1238'],
      ['subject.address', '宝安区西乡街道****'],
      ['subject.whereabouts', '已登记（查看须说明事由）'],
      ['other.name', '黄**'],
    ])
    await refuse(t, OWNER, casesRoutes.reveal, { params: { id: c.id }, body: { field: 'subject.phone', reason: '' } }, 400, '请填写「查看事由」')
    const before = t.db.audit.length
    const shown = await t.ok(OWNER, casesRoutes.reveal, { params: { id: c.id }, body: { field: 'subject.phone', reason: '短信约见面时间' } })
    expect(shown).toEqual({ field: 'subject.phone', value: '13912345678', hideAt: '2026-11-25T10:03:00+08:00' })
    expect(t.db.audit.length).toBe(before + 1)
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'case.reveal', actorId: OWNER, summary: '查看「求助人电话」，事由：短信约见面时间' })
    expect(findUnmaskedPersonalData(JSON.stringify(t.db.audit))).toBeNull()
  })

  it('a partner may reveal only what its task needs: 法院 the ID number, never the whereabouts', async () => {
    const t = testBff()
    const c = await intake(t)
    await act(t, OWNER, c.id, 'start')
    await refer(t, c.id, [{ unitId: 'dept-court', task: '请审查保护令申请', acceptHours: 24 }])
    const court = await view(t, COURT, c.id)
    expect(court.fields.map((f) => f.field)).toEqual(['subject.name', 'subject.idNumber', 'other.name'])
    expect(court.safeContact).toBeNull()
    await refuse(t, COURT, casesRoutes.reveal, { params: { id: c.id }, body: { field: 'subject.whereabouts', reason: '想知道她在哪' } }, 403, '您的职责不需要查看「求助人当前去向」')
    await refuse(t, COURT, casesRoutes.contact, { params: { id: c.id }, body: { channel: 'sms', note: '通知开庭' } }, 403, '您的职责不需要联系求助人')
    expect((await t.ok(COURT, casesRoutes.reveal, { params: { id: c.id }, body: { field: 'subject.idNumber', reason: '核对申请人身份' } })).value).toBe('440306199001011238')
  })

  it('safe contact: shown in her words, and the wrong channel or hour is refused', async () => {
    const t = testBff()
    const c = await intake(t)
    expect(c.safeContact!.words).toEqual(['勿拨打家中电话', '仅工作日白天短信'])
    await refuse(t, OWNER, casesRoutes.contact, { params: { id: c.id }, body: { channel: 'phone', note: '打电话' } }, 409, '求助人选择了「勿拨打家中电话，仅工作日白天短信」，不能用电话联系')
    await tick(t, '2026-11-25T19:30:00+08:00')
    await refuse(t, OWNER, casesRoutes.contact, { params: { id: c.id }, body: { channel: 'sms', note: '晚上发短信' } }, 409, /现在不是她选的时间/)
    await tick(t, '2026-11-28T10:00:00+08:00') // Saturday
    await refuse(t, OWNER, casesRoutes.contact, { params: { id: c.id }, body: { channel: 'sms', note: '周六发短信' } }, 409, /现在不是她选的时间/)
    setClock(t, '2026-11-30T10:00:00+08:00')
    const ok = await t.ok(OWNER, casesRoutes.contact, { params: { id: c.id }, body: { channel: 'sms', note: '已发短信约周二见面，她电话 13912345678' } })
    expect(ok.timeline.at(-1)).toMatchObject({ action: '短信联系', note: '已发短信约周二见面，她电话 139****5678' })
  })
})

describe('who sees what', () => {
  // the seed: case-001 西乡 red, police accepted + 民政 returned then re-sent; case-006 福海 minors' case
  const personas = ['u-fed-02', 'u-staff-08', 'u-fed-01', 'u-staff-20', POLICE, 'u-partner-police-01', CIVIL, COURT, 'u-staff-17', 'u-counsel-01', 'u-ysw-01', 'u-youth-01', 'u-wcw-01', 'u-fedexec-01', 'u-auditor-01', 'u-leader-01', 'u-clerk-01']
  const expected: Record<string, Record<string, string | null>> = {
    'case-001': { 'u-fed-02': 'federation', 'u-staff-08': 'federation', [POLICE]: 'partner', [CIVIL]: 'partner' },
    'case-006': { 'u-staff-08': 'federation', 'u-staff-17': 'partner' },
    'case-007': { 'u-counsel-01': 'helper' },
    'case-012': { 'u-fedexec-01': 'reporter', 'u-fed-02': 'federation' },
  }
  it.each(Object.keys(expected))('%s: each persona gets its view or a 404, never a 403 that tells it exists', async (id) => {
    const t = testBff()
    for (const p of personas) {
      const res = await t.as(p, casesRoutes.get, { params: { id } })
      const want = expected[id][p] ?? null
      expect({ p, status: res.status, view: res.status === 200 ? (res.body as CaseDetail).view : null }).toEqual({ p, status: want ? 200 : 404, view: want })
    }
  })

  it('every field a view holds is masked, and exactly the view’s fields are there', async () => {
    const t = testBff()
    const fieldsOf = async (who: string, id: string) => (await view(t, who, id)).fields.map((f) => `${f.field}=${f.masked}`)
    expect(await fieldsOf(POLICE, 'case-001')).toEqual(['subject.name=梁**', 'subject.phone=139****1047', 'subject.address=宝安区西乡街道****', 'subject.whereabouts=已登记（查看须说明事由）', 'other.name=罗**'])
    expect(await fieldsOf(CIVIL, 'case-001')).toEqual(['subject.name=梁**', 'subject.phone=139****1047', 'subject.address=宝安区西乡街道****'])
    expect(await fieldsOf('u-staff-17', 'case-006')).toEqual(['subject.name=邓**', 'other.name=黄**', 'child.name=邓**'])
    // partners see their own referrals only; the federation sees all
    expect((await view(t, CIVIL, 'case-001')).referrals.map((r) => r.unitName)).toEqual(['区民政局', '区民政局'])
    expect((await view(t, 'u-fed-02', 'case-001')).referrals).toHaveLength(3)
  })

  it('a minors’ case needs an approved need-to-know: a colleague is refused until the head grants it, and every view is logged', async () => {
    const t = testBff()
    const c = await intake(t, OWNER, { category: 'minor_rights', minor: true, childName: '王小雨' })
    // a second 西乡妇联 colleague, not the owner
    t.db.users.push({ ...t.db.users.find((u) => u.id === OWNER)!, id: 'u-test-xx', name: '测试同事', externalId: 'wecom-u-test-xx' })
    expect((await t.as('u-test-xx', casesRoutes.get, { params: { id: c.id } })).status).toBe(404)
    await act(t, HEAD, c.id, 'grant_access', { toUserId: 'u-test-xx', opinion: '协助办理' })
    const before = t.db.audit.length
    const seen = await view(t, 'u-test-xx', c.id)
    expect(seen.minor).toBe(true)
    expect(t.db.audit.slice(before).map((a) => [a.action, a.actorId, a.summary])).toEqual([['case.view', 'u-test-xx', '查看案件（妇联），涉未成年人']])
  })

  it('no answer holds a plaintext phone or ID number for anyone, without a reveal', async () => {
    const t = testBff()
    let n = 0
    for (const who of personas) {
      const user = t.db.users.find((u) => u.id === who)!
      const list = await t.as(who, casesRoutes.list, { query: { limit: 100 } })
      expect(findUnmaskedPersonalData(JSON.stringify(list.body))).toBeNull()
      for (const c of t.db.cases) {
        if (!caseAccess(t.db, c, user)) continue
        const res = await t.as(who, casesRoutes.get, { params: { id: c.id } })
        expect({ who, id: c.id, leaked: findUnmaskedPersonalData(JSON.stringify(res.body)) }).toEqual({ who, id: c.id, leaked: null })
        n++
      }
    }
    for (const r of ['r-resident-03', 'r-resident-05', 'r-resident-07']) expect(findUnmaskedPersonalData(JSON.stringify((await t.as(r, helpRoutes.mine)).body))).toBeNull()
    expect(n).toBeGreaterThan(20)
  })
})

describe('the seed', () => {
  it('covers every channel, colour, state and referral state, in all ten streets, with a chain that verifies', () => {
    const t = testBff()
    const cs = t.db.cases
    expect(new Set(cs.map((c) => c.channel))).toEqual(new Set(['hotline', 'walk_in', 'exec_report', 'resident_app']))
    expect(new Set(cs.map((c) => c.risk).filter(Boolean))).toEqual(new Set(['red', 'orange', 'yellow']))
    expect(new Set(cs.map((c) => c.status))).toEqual(new Set(['registered', 'accepted', 'handling', 'referred', 'supervising', 'closed', 'approved', 'visited', 'archived', 'declined']))
    const refs = cs.flatMap((c) => c.referrals)
    expect(new Set(refs.map((r) => r.state))).toEqual(new Set(['sent', 'accepted', 'returned', 'done']))
    expect(refs.some((r) => r.escalatedAt)).toBe(true)
    expect(cs.some((c) => c.redEscalatedAt)).toBe(true)
    expect(new Set(cs.map((c) => c.streetName)).size).toBe(10)
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })
})
