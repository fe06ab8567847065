import { routes } from '../../src/contract/routes'
import type { OutboxEntry } from '../../src/contract/notifications'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { DEADLINE_NEAR_WORK_MINUTES, emit, nextTellTime, notifyTables, type NotifyEvent } from '../../mock/lib/notify'
import { errorOf, setClock, testBff } from '../support/bff'

const notice = (title: string, urgency: 'normal' | 'very_urgent', readerIds = ['u-handler-01', 'u-handler-02']) => ({ title, body: '请按要求办理。', urgency, readerIds })

async function outboxOf(t: ReturnType<typeof testBff>, userId: string): Promise<OutboxEntry[]> {
  return (await t.ok('u-auditor-01', routes.notifications.outbox, { query: { recipientId: userId, limit: 100 } })).items
}

describe('notifications: quiet hours over the real working-day calendar', () => {
  it('a Friday 17:55 特急 goes out at once; a Friday 18:05 平件 waits for Monday 09:00 and goes out in the digest', async () => {
    const t = testBff()
    setClock(t, '2026-11-27T17:55:00+08:00') // Friday
    const urgent = await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于寒潮应急值守的紧急通知', 'very_urgent') })
    let out = await outboxOf(t, 'u-handler-01')
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({ channel: 'wecom', status: 'sent', kind: 'single', at: '2026-11-27T17:55:00+08:00' })
    expect(out[0].wecom!.page).toBe(`/features/notice/pages/detail/index?id=${urgent.id}`)

    setClock(t, '2026-11-27T18:05:00+08:00')
    await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于报送年度工作总结的通知', 'normal') })
    setClock(t, '2026-11-27T20:00:00+08:00')
    await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于做好元旦期间安全检查的通知', 'normal') })
    // the evening and the weekend pass in silence; the 消息 list has them all the while
    for (const at of ['2026-11-28T10:00:00+08:00', '2026-11-29T15:00:00+08:00', '2026-11-30T08:59:00+08:00']) {
      setClock(t, at)
      expect(await outboxOf(t, 'u-handler-01')).toHaveLength(1)
    }
    const inApp = await t.ok('u-handler-01', routes.notifications.list)
    expect(inApp.items.map((m) => m.title)).toEqual(['待办提醒：关于做好元旦期间安全检查的通知', '待办提醒：关于报送年度工作总结的通知', '待办提醒：关于寒潮应急值守的紧急通知'])
    expect(inApp.unread).toBe(3)

    setClock(t, '2026-11-30T09:00:00+08:00') // Monday
    out = await outboxOf(t, 'u-handler-01')
    expect(out).toHaveLength(2)
    const digest = out[0]
    expect(digest).toMatchObject({ kind: 'digest', at: '2026-11-30T09:00:00+08:00', channel: 'wecom' })
    expect(digest.events).toHaveLength(2)
    expect(digest.wecom!.title).toBe('待办汇总')
    expect(digest.wecom!.contentItem[0]).toEqual({ key: '合计', value: '您有 2 件待办' })
    expect(digest.wecom!.page).toBe('/features/workbench/pages/index/index')
    // one digest per person: the other reader got theirs, and nobody got the two 平件 one by one
    expect((await outboxOf(t, 'u-handler-02')).map((o) => o.kind)).toEqual(['digest', 'single'])
  })

  it('临近时限: a task due within 2 working hours tells its holder once, on the working clock; done tasks and the seed are not told', async () => {
    expect(DEADLINE_NEAR_WORK_MINUTES).toBe(120)
    const t = testBff()
    setClock(t, '2026-11-27T09:00:00+08:00') // Friday
    // due Monday 10:00: 9 working hours away, then (over the weekend) 1 hour
    await t.ok('u-clerk-01', routes.notices.create, { body: { ...notice('关于报送值班表的通知', 'normal', ['u-handler-01']), deadline: '2026-11-30T10:00:00+08:00' } })
    const near = async (who: string) => (await outboxOf(t, who)).filter((o) => o.wecom?.title === '时限将到')
    setClock(t, '2026-11-27T15:30:00+08:00')
    expect(await near('u-handler-01')).toHaveLength(0)
    // Friday 17:05: 55 + 60 working minutes to Monday 10:00 — near; told at once, in office hours
    setClock(t, '2026-11-27T17:05:00+08:00')
    await t.ok('u-handler-01', routes.notifications.list)
    const told = await near('u-handler-01')
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ at: '2026-11-27T17:05:00+08:00', channel: 'wecom', status: 'sent' })
    // once: later looks tell nothing new
    for (const at of ['2026-11-27T17:30:00+08:00', '2026-11-30T09:00:00+08:00', '2026-11-30T09:50:00+08:00']) {
      setClock(t, at)
      await t.ok('u-handler-01', routes.notifications.list)
    }
    expect(await near('u-handler-01')).toHaveLength(1)
    // the sender holds no task in it: what she is told is her own 签收 falling due, not the notice she sent
    expect((await near('u-clerk-01')).map((o) => o.wecom!.page)).not.toContainEqual(expect.stringContaining('/features/notice/'))
  })

  it('the day before National Day: 18:05 waits over the holiday to 8 October 09:00; the make-up Saturday counts as a workday', () => {
    const office = { sendFrom: '09:00', sendUntil: '18:00' }
    expect(nextTellTime(new Date('2026-09-30T18:05:00+08:00'), office).toISOString()).toBe(new Date('2026-10-08T09:00:00+08:00').toISOString())
    expect(nextTellTime(new Date('2026-10-03T10:00:00+08:00'), office).toISOString()).toBe(new Date('2026-10-08T09:00:00+08:00').toISOString())
    // lunch is outside office hours too
    expect(nextTellTime(new Date('2026-09-30T12:30:00+08:00'), office).toISOString()).toBe(new Date('2026-09-30T14:00:00+08:00').toISOString())
    expect(nextTellTime(new Date('2026-10-09T18:30:00+08:00'), office).toISOString()).toBe(new Date('2026-10-10T09:00:00+08:00').toISOString())
  })

  it('a red 妇联 case notifies at once at night; a digest counts the overdue among what it merges', async () => {
    const t = testBff()
    setClock(t, '2026-11-25T22:00:00+08:00')
    const ctx = { db: t.db, nowIso: '2026-11-25T22:00:00+08:00' }
    const base: Omit<NotifyEvent, 'key' | 'kind'> = { module: 'cases', recipientIds: ['u-fed-01'], subject: '家庭暴力 · 西乡街道 · FL-2026-031', step: '红色预警', link: '/features/cases/pages/detail/index?id=c-1' }
    emit(ctx, { ...base, kind: 'red_case', key: 'red-1' })
    emit(ctx, { ...base, kind: 'task', key: 'late-1', step: '评估', deadline: '2026-11-24T18:00:00+08:00' })
    emit(ctx, { ...base, kind: 'task', key: 'late-2', step: '回访' })
    const tables = notifyTables(t.db)
    expect(tables.outbox.map((o) => o.wecom?.title)).toEqual(['红色预警'])
    setClock(t, '2026-11-26T09:00:00+08:00')
    const out = await outboxOf(t, 'u-fed-01')
    expect(out[0].wecom!.contentItem[0].value).toBe('您有 2 件待办，其中 1 件逾期')
  })

  it('a person narrows their own window within office hours; outside the rules it is clamped, and 特急 ignores it', async () => {
    const t = testBff()
    const saved = await t.ok('u-handler-01', routes.notifications.saveSettings, { body: { sendFrom: '07:00', sendUntil: '16:30' } })
    expect(saved).toEqual({ sendFrom: '09:00', sendUntil: '16:30' })
    const bad = await t.as('u-handler-01', routes.notifications.saveSettings, { body: { sendFrom: '17:00', sendUntil: '10:00' } })
    expect(bad.status).toBe(400)
    expect(errorOf(bad).message).toBe('「开始提醒」应早于「停止提醒」')
    setClock(t, '2026-11-25T17:00:00+08:00')
    await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于周五下午停电的通知', 'normal') })
    expect(await outboxOf(t, 'u-handler-01')).toHaveLength(0)
    expect(await outboxOf(t, 'u-handler-02')).toHaveLength(1)
    await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于立即排查燃气隐患的紧急通知', 'very_urgent') })
    expect(await outboxOf(t, 'u-handler-01')).toHaveLength(1)
    setClock(t, '2026-11-26T09:00:00+08:00')
    expect((await outboxOf(t, 'u-handler-01')).map((o) => o.kind)).toEqual(['single', 'single'])
  })
})

describe('notifications: routing, dedupe, channels', () => {
  it('each module step routes to its assignee by WeCom miniprogram_notice within its limits, and lands on the item', async () => {
    const t = testBff()
    const n = await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于开展消防安全检查的通知', 'normal', ['u-handler-01']) })
    const [o] = await outboxOf(t, 'u-handler-01')
    expect(o.wecom!.title.length).toBeGreaterThanOrEqual(4)
    expect(o.wecom!.title.length).toBeLessThanOrEqual(12)
    expect(o.wecom!.contentItem.length).toBeLessThanOrEqual(10)
    expect(o.wecom!.contentItem).toContainEqual({ key: '环节', value: '阅知' })
    expect(o.wecom).toMatchObject({ page: `/features/notice/pages/detail/index?id=${n.id}`, enableDuplicateCheck: true, duplicateCheckInterval: 1800 })
    // the sender is not told about their own 我发起的 item
    expect(await outboxOf(t, 'u-clerk-01')).toHaveLength(0)
    // the in-app message lands on the same page
    const msg = (await t.ok('u-handler-01', routes.notifications.list)).items[0]
    expect(msg).toMatchObject({ link: o.wecom!.page, module: 'notice', read: false })
  })

  it('a 催办 tells the holder once a day however often it is pressed; a new day may chase again', async () => {
    const t = testBff()
    const n = await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于报送统计数据的通知', 'normal', ['u-handler-01']) })
    const remind = async () => {
      const seen = await t.ok('u-clerk-01', routes.notices.get, { params: { id: n.id } })
      await t.ok('u-clerk-01', routes.notices.remind, { params: { id: n.id }, body: { version: seen.version } })
    }
    // the module allows a 催阅 an hour; the holder is told once that day
    for (const at of ['2026-11-25T10:05:00+08:00', '2026-11-25T11:30:00+08:00', '2026-11-25T15:00:00+08:00']) {
      setClock(t, at)
      await remind()
    }
    const urges = (await outboxOf(t, 'u-handler-01')).filter((o) => o.wecom!.title === '催办提醒')
    expect(urges).toHaveLength(1)
    setClock(t, '2026-11-26T10:00:00+08:00')
    await remind()
    expect((await outboxOf(t, 'u-handler-01')).filter((o) => o.wecom!.title === '催办提醒')).toHaveLength(2)
  })

  it('the same event never notifies the same person twice', () => {
    const t = testBff()
    const ctx = { db: t.db, nowIso: '2026-11-25T10:00:00+08:00' }
    const e: NotifyEvent = { kind: 'task', module: 'documents', key: 'doc-1|sign', recipientIds: ['u-handler-01', 'u-handler-01'], subject: '关于印发工作要点的通知', step: '签发', link: '/x' }
    emit(ctx, e)
    emit(ctx, e)
    const t2 = notifyTables(t.db)
    expect(t2.outbox.filter((o) => o.recipientId === 'u-handler-01')).toHaveLength(1)
    expect(t2.messages.filter((m) => m.userId === 'u-handler-01')).toHaveLength(1)
  })

  it('staff messages carry no phone or ID number in clear, even when a title holds one', () => {
    const t = testBff()
    const ctx = { db: t.db, nowIso: '2026-11-25T10:00:00+08:00' }
    emit(ctx, { kind: 'task', module: 'cases', key: 'k', recipientIds: ['u-fed-01'], subject: '来电 13612570438 求助', step: '评估', link: '/x' })
    const t2 = notifyTables(t.db)
    expect(findUnmaskedPersonalData(JSON.stringify(t2.outbox))).toBeNull()
    expect(findUnmaskedPersonalData(JSON.stringify(t2.messages))).toBeNull()
    expect(t2.outbox[0].wecom!.contentItem[0].value).toContain('136****0438')
  })
})

describe('notifications: residents', () => {
  const residentEvent = (key: string, kind: NotifyEvent['kind'] = 'outcome', module: NotifyEvent['module'] = 'cases'): NotifyEvent => ({
    kind,
    module,
    key,
    recipientIds: ['r-resident-01'],
    subject: '家庭暴力求助 · 陈淑芬',
    step: '已联动派出所出警，对方承认殴打',
    link: '/features/help/pages/mine/index',
  })

  it('a subscription message goes out only while one is left; each acceptance allows one', async () => {
    const t = testBff()
    const ctx = { db: t.db, nowIso: '2026-11-25T10:00:00+08:00' }
    const r = await t.ok('r-resident-01', routes.notifications.subscribe, { body: { results: [{ template: 'progress', status: 'accept' }, { template: 'appointment', status: 'reject' }] } })
    expect(r.left).toEqual({ progress: 1 })
    emit(ctx, residentEvent('e1'))
    emit(ctx, residentEvent('e2'))
    const out = notifyTables(t.db).outbox.filter((o) => o.recipientId === 'r-resident-01')
    expect(out.map((o) => [o.channel, o.status])).toEqual([
      ['wechat', 'sent'],
      ['wechat', 'no_subscription'],
    ])
    // both are in the resident's 消息 list regardless
    expect((await t.ok('r-resident-01', routes.notifications.list)).items).toHaveLength(2)
    // at most 3 templates a call
    const four = await t.as('r-resident-01', routes.notifications.subscribe, { body: { results: ['progress', 'message', 'appointment', 'progress'].map((template) => ({ template, status: 'accept' })) } } as never)
    expect(four.status).toBe(400)
    // staff do not subscribe
    expect((await t.as('u-handler-01', routes.notifications.subscribe, { body: { results: [{ template: 'progress', status: 'accept' }] } })).status).toBe(403)
  })

  it('a resident is never told a 妇联 case subject or a dispute detail, in WeChat or in the app', async () => {
    const t = testBff()
    const ctx = { db: t.db, nowIso: '2026-11-25T10:00:00+08:00' }
    await t.ok('r-resident-01', routes.notifications.subscribe, { body: { results: [{ template: 'progress', status: 'accept' }, { template: 'message', status: 'accept' }] } })
    emit(ctx, residentEvent('p1'))
    emit(ctx, residentEvent('p2', 'task', 'mediation'))
    const everything = JSON.stringify([notifyTables(t.db).outbox, (await t.ok('r-resident-01', routes.notifications.list)).items])
    for (const secret of ['家庭暴力', '陈淑芬', '派出所', '殴打']) expect(everything).not.toContain(secret)
    expect(everything).toContain('您有一条新消息')
  })
})

describe('消息: read state', () => {
  it('mark one read, then all; someone else’s message is a 404', async () => {
    const t = testBff()
    await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于开展消防安全检查的通知', 'normal') })
    await t.ok('u-clerk-01', routes.notices.create, { body: notice('关于报送年度工作总结的通知', 'normal') })
    const list = await t.ok('u-handler-01', routes.notifications.list)
    expect(list.unread).toBe(2)
    expect((await t.ok('u-handler-01', routes.notifications.markRead, { params: { id: list.items[0].id } })).unread).toBe(1)
    expect((await t.as('u-handler-02', routes.notifications.markRead, { params: { id: list.items[1].id } })).status).toBe(404)
    expect((await t.ok('u-handler-01', routes.notifications.markAllRead)).unread).toBe(0)
    expect((await t.ok('u-handler-01', routes.notifications.list)).items.every((m) => m.read)).toBe(true)
    expect((await t.as('u-handler-01', routes.notifications.outbox)).status).toBe(403)
  })
})
