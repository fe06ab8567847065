import { routes } from '../../src/contract/routes'
import type { Route, RouteInput } from '../../src/contract/route'
import type { BundleDetail, SlotSuggestion } from '../../src/contract/requests'
import { verifyAudit } from '../../mock/lib/audit'
import { errorOf, expectRefusal, setClock, testBff } from '../support/bff'

/**
 * 零跑动 一件事 as the applicant and the owners notice it: one form, one submission, each owner their
 * own part in the inbox, the applicant one page for all of it. Refusals leave nothing half-created.
 */

type T = ReturnType<typeof testBff>

const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`
const ME = 'u-handler-01' // 梁嘉豪, 区政务服务数据管理局; head 吴振宇 (u-head-02)

const onboardingValues = { startDate: '2026-12-01', position: '政务服务科科员', office: '1 号楼 502 室', computer: '笔记本', item: '签字笔（盒）', quantity: 2 }
const departureValues = { leaveDate: '2026-12-15', destination: '退休', handover: '刘思远' }
const meetingValues = { title: '季度安全生产工作会', attendees: 12, attendeeNames: '吴振宇、刘思远，谢婉婷', from: '区政府大院', to: '西乡街道办事处', passengers: 3 }
const meetingSlots = (room = ['10:00', '11:00'], day = '2026-11-26') => ({
  room: { resourceId: 'room-1-301', start: at(day, room[0]), end: at(day, room[1]) },
  car: { resourceId: 'car-b1', start: at(day, '08:30'), end: at(day, '10:00') },
})

const submit = (t: T, bundleId: string, values: Record<string, string | number>, slots?: ReturnType<typeof meetingSlots>, who = ME) =>
  t.ok(who, routes.requests.bundleSubmit, { body: { bundleId, values, ...(slots ? { slots } : {}) } })
const view = (t: T, id: string, who = ME) => t.ok(who, routes.requests.bundleGet, { params: { id } })
const part = (b: BundleDetail, key: string) => b.parts.find((p) => p.key === key)!
const reqRow = (t: T, id: string) => t.db.requests.find((r) => r.id === id)!
/** the parts of the bundles the test filed (the seeded month of single requests is not theirs) */
const parts = (t: T) => t.db.requests.filter((r) => r.bundle)
const isPart = (t: T, id: string) => !!t.db.requests.find((r) => r.id === id)?.bundle
async function act(t: T, who: string, id: string, action: 'approve' | 'reject' | 'return', opinion?: string) {
  return t.ok(who, routes.requests.act, { params: { id }, body: { action, version: reqRow(t, id).version, ...(opinion ? { opinion } : {}) } })
}
/** the part's current holder approves it (twice for a two-step chain) */
async function approvePart(t: T, bundleId: string, key: string) {
  for (let i = 0; i < 3; i++) {
    const p = part(await view(t, bundleId), key)
    if (p.status !== 'pending') return p
    const row = reqRow(t, p.requestId!)
    await act(t, row.steps[row.stepIndex].holderId!, row.id, 'approve')
  }
  return part(await view(t, bundleId), key)
}
/** the person's 待办 for the parts of the test's own bundles */
const todo = async (t: T, who: string) => (await t.ok(who, routes.inbox.list, { query: { tab: 'todo', module: 'requests', limit: 100 } })).items.filter((i) => isPart(t, i.objectId))
const bundleAct = (t: T, id: string, body: Omit<RouteInput<typeof routes.requests.bundleAct>['body'], 'version'>, who = ME) =>
  t.ok(who, routes.requests.bundleAct, { params: { id }, body: { ...body, version: t.db.bundles!.find((b) => b.id === id)!.version } as never })

function refuse<R extends Route>(t: T, who: string, route: R, input: RouteInput<R>, status: number, message?: string | RegExp) {
  return expectRefusal(t, who, route, input, status, message, () => ({
    requests: t.db.requests,
    bundles: t.db.bundles,
    items: t.db.workItems,
    notices: t.db.notices.length,
    audit: t.db.audit.length,
  }))
}

// ---------------------------------------------------------------------------------------------

describe('一件事 in the catalogue', () => {
  it('four bundles, each with its guide, one form that asks each fact once, and its parts; the eight single items stay as they were', async () => {
    const t = testBff()
    const { bundles } = await t.ok(ME, routes.requests.bundles)
    expect(bundles.map((b) => b.name)).toEqual(['新进人员入职一件事', '调离/退休一件事', '会议保障一件事', '外出办公一件事'])
    const byId = Object.fromEntries(bundles.map((b) => [b.id, b]))
    expect(byId.onboarding.parts.map((p) => p.name)).toEqual(['工作证办理', '门禁卡办理', '电脑与账号开通', '通讯录登记', '政务微信开通', '工位安排', '办公用品领用'])
    expect(byId.onboarding.parts.find((p) => p.key === 'wecom')!.after).toEqual(['通讯录登记'])
    expect(byId.departure.parts.map((p) => p.name)).toContain('资产归还')
    expect(byId.meeting.parts.map((p) => p.name)).toEqual(['会议室预约', '公务用车', '会议通知'])
    expect(byId.meeting.slots.map((s) => s.type)).toEqual(['room', 'car'])
    expect(byId.outing.parts.map((p) => p.name)).toEqual(['外出/出差报备', '公务用车', '借款说明'])
    for (const b of bundles) {
      expect(b.guide.promise.text).toMatch(/工作日/)
      const keys = b.fields.map((f) => f.key)
      expect(new Set(keys).size).toBe(keys.length)
      for (const p of b.parts) expect(p.promiseText).toMatch(/工作/)
    }
    const { items } = await t.ok(ME, routes.requests.catalogue)
    expect(items).toHaveLength(8)
  })

  it('an item offered only inside a bundle cannot be applied for on its own', async () => {
    const t = testBff()
    await refuse(t, ME, routes.requests.submit, { body: { itemId: 'wecom-account', values: { startDate: '2026-12-01' } } }, 404, /一件事/)
  })
})

describe('一次申报: the fan-out', () => {
  it('independent parts start at once, each before its own owner; the 政务微信 account waits for the 通讯录 entry', async () => {
    const t = testBff()
    const b = await submit(t, 'onboarding', onboardingValues)
    expect(b.status).toBe('in_progress')
    expect(b.parts.map((p) => [p.key, p.status])).toEqual([
      ['badge', 'pending'], ['access-card', 'pending'], ['it-account', 'pending'], ['directory', 'pending'], ['wecom', 'waiting'], ['desk', 'pending'], ['supplies', 'pending'],
    ])
    expect(part(b, 'wecom')).toMatchObject({ requestId: null, note: '等「通讯录登记」办结后自动开始' })
    expect(b.parts.map((p) => p.ownerName)).toEqual(['邱晓岚', '袁静', '刘思远', '黄雅婷', null, '孙永红', '吴振宇'])
    // six ordinary requests, linked to the bundle, each with the facts its item asks for
    expect(parts(t)).toHaveLength(6)
    expect(reqRow(t, part(b, 'desk').requestId!).values).toMatchObject({ startDate: '2026-12-01', office: '1 号楼 502 室', applicantName: '梁嘉豪' })
    expect(reqRow(t, part(b, 'supplies').requestId!).values).toMatchObject({ item: '签字笔（盒）', quantity: 2, purpose: '新进人员办公' })

    // each owner sees only their part
    expect((await todo(t, 'u-hr-01')).map((i) => i.title)).toEqual(['工作证办理：梁嘉豪'])
    expect((await todo(t, 'u-staff-06')).map((i) => i.title)).toEqual(['电脑与账号开通：梁嘉豪'])
    expect((await t.as('u-hr-01', routes.requests.get, { params: { id: part(b, 'desk').requestId! } })).status).toBe(404)
    expect((await t.as('u-hr-01', routes.requests.bundleGet, { params: { id: b.id } })).status).toBe(404)
    // the applicant follows one bundle, not six requests
    const mine = (await t.ok(ME, routes.inbox.list, { query: { tab: 'initiated', module: 'requests', limit: 100 } })).items
    expect(mine.map((i) => [i.title, i.summary])).toEqual([['新进人员入职一件事', '已办结 0/7 项']])
    expect(mine[0].link).toBe(`/features/requests/pages/bundle/index?id=${b.id}`)
    expect((await t.ok(ME, routes.requests.mine, {})).items).toEqual([])
    expect((await t.ok(ME, routes.requests.bundles)).mine.map((m) => [m.id, m.name, m.status])).toEqual([[b.id, '新进人员入职一件事', 'in_progress']])
    expect((await t.ok('u-hr-01', routes.requests.bundles)).mine).toEqual([])
    // a part is withdrawn and rated with its bundle, never on its own
    expect((await t.ok(ME, routes.requests.get, { params: { id: part(b, 'badge').requestId! } })).availableActions.map((a) => a.key)).not.toContain('withdraw')

    await approvePart(t, b.id, 'directory')
    const after = await view(t, b.id)
    expect(part(after, 'wecom')).toMatchObject({ status: 'pending', ownerName: '刘思远', note: null })
    expect((await todo(t, 'u-staff-06')).map((i) => i.title).sort()).toEqual(['政务微信开通：梁嘉豪', '电脑与账号开通：梁嘉豪'])

    for (const key of ['badge', 'access-card', 'it-account', 'wecom', 'desk']) await approvePart(t, b.id, key)
    expect((await view(t, b.id)).status).toBe('in_progress')
    await approvePart(t, b.id, 'supplies')
    const done = await view(t, b.id)
    expect(done.status).toBe('done')
    expect(done.finishedAt).toBe(parts(t).at(-1)!.finishedAt)
    expect(done.parts.every((p) => p.status === 'done')).toBe(true)
    expect(done.availableActions.map((a) => a.key)).toEqual(['rate'])
    const closed = (await t.ok(ME, routes.inbox.list, { query: { tab: 'initiated', module: 'requests', limit: 100 } })).items[0]
    expect(closed).toMatchObject({ status: 'done', summary: '全部事项已办结' })
    const rated = await bundleAct(t, b.id, { action: 'rate', stars: 5, opinion: '一次办好' })
    expect(rated.rating).toEqual({ stars: 5, comment: '一次办好' })
    expect(rated.availableActions).toEqual([])
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })

  it('the form is checked once, naming the field; the attendees must be in the directory', async () => {
    const t = testBff()
    await refuse(t, ME, routes.requests.bundleSubmit, { body: { bundleId: 'onboarding', values: { ...onboardingValues, office: '' } } }, 400, '请填写「办公地点」')
    await refuse(t, ME, routes.requests.bundleSubmit, { body: { bundleId: 'meeting', values: { ...meetingValues, attendeeNames: '吴振宇、张三丰' }, slots: meetingSlots() } }, 400, '通讯录里没有「张三丰」，请核对参会人员的姓名')
    await refuse(t, ME, routes.requests.bundleSubmit, { body: { bundleId: 'meeting', values: meetingValues, slots: { room: meetingSlots().room } } }, 400, '请选择车辆和用车时段')
    await refuse(t, ME, routes.requests.bundleSubmit, { body: { bundleId: 'nothing', values: {} } }, 404)
  })
})

describe('会议保障一件事', () => {
  it('room and car approved by their owners; the room’s confirmation sends the notice to the attendees; everything issued is listed together', async () => {
    const t = testBff()
    const b = await submit(t, 'meeting', meetingValues, meetingSlots())
    expect(b.parts.map((p) => [p.key, p.status, p.ownerName])).toEqual([['room', 'pending', '袁静'], ['car', 'pending', '吴振宇'], ['notice', 'waiting', null]])
    expect(t.db.notices.filter((n) => n.title.includes('季度安全生产'))).toHaveLength(0)
    await approvePart(t, b.id, 'room')
    const mid = await view(t, b.id)
    expect(part(mid, 'notice').status).toBe('done')
    const notice = t.db.notices.find((n) => n.title === '会议通知：季度安全生产工作会')!
    expect(notice.readers.map((r) => r.userId).sort()).toEqual(['u-clerk-02', 'u-head-02', 'u-staff-06'])
    expect(notice.body).toContain('区政府 1 号楼 301 会议室')
    const inbox = (await t.ok('u-staff-06', routes.inbox.list, { query: { tab: 'todo', module: 'notice', limit: 100 } })).items
    expect(inbox.map((i) => i.title)).toContain('会议通知：季度安全生产工作会')
    expect(mid.status).toBe('in_progress')
    await approvePart(t, b.id, 'car')
    const done = await view(t, b.id)
    expect(done.status).toBe('done')
    expect(done.issued.map((i) => [i.kind, i.title])).toEqual([
      ['resource', '区政府 1 号楼 301 会议室'],
      ['resource', '粤B·D2K18（七座商务车）'],
      ['notice', '会议通知：季度安全生产工作会'],
    ])
    expect(done.issued[0].detail).toBe('11月26日 10:00–11:00')
  })

  it('a room that clashes offers the next free slots, creates nothing, and the same answers go through with a slot offered', async () => {
    const t = testBff()
    await t.ok('u-handler-02', routes.requests.submit, { body: { itemId: 'room', values: { title: '民政工作例会', attendees: 8 }, slot: meetingSlots(['09:30', '11:00']).room } })
    const err = await refuse(t, ME, routes.requests.bundleSubmit, { body: { bundleId: 'meeting', values: meetingValues, slots: meetingSlots() } }, 409, /区政府 1 号楼 301 会议室在您选的时段已被预约.*其他填写的内容都还在/)
    expect(err.details?.field).toBe('body.slots.room')
    const offered = err.details?.suggestions as SlotSuggestion[]
    // later on the same room, same length, in office hours; then the other rooms at the time asked
    expect(offered.map((s) => [s.resourceId, s.start.slice(11, 16), s.end.slice(11, 16)])).toEqual([
      ['room-1-301', '11:00', '12:00'],
      ['room-1-301', '14:00', '15:00'],
      ['room-1-301', '14:30', '15:30'],
      ['room-1-502', '10:00', '11:00'],
      ['room-2-101', '10:00', '11:00'],
    ])
    const slots = { ...meetingSlots(), room: { resourceId: offered[0].resourceId, start: offered[0].start, end: offered[0].end } }
    const b = await submit(t, 'meeting', meetingValues, slots)
    expect(part(b, 'room').slot).toMatchObject({ resourceName: '区政府 1 号楼 301 会议室', start: at('2026-11-26', '11:00') })
  })
})

describe('a refused part', () => {
  it('the others go on; the bundle waits for a corrected part, which the applicant re-applies for', async () => {
    const t = testBff()
    const b = await submit(t, 'onboarding', onboardingValues)
    await act(t, 'u-staff-13', part(b, 'desk').requestId!, 'reject', '办公地点写错了，502 室已满，请改为 503 室')
    const waiting = await view(t, b.id)
    expect(waiting.status).toBe('waiting_fix')
    expect(part(waiting, 'desk').note).toBe('未批准：办公地点写错了，502 室已满，请改为 503 室。其他事项照常办理；请修改后重新申请此项，整件事才能办结')
    expect(waiting.availableActions.map((a) => [a.key, a.label])).toEqual([['reapply:desk', '修改后重新申请「工位安排」'], ['withdraw', '撤回整件事']])
    // the others go on
    for (const key of ['badge', 'access-card', 'it-account', 'directory', 'wecom', 'supplies']) expect((await approvePart(t, b.id, key)).status).toBe('done')
    expect((await view(t, b.id)).status).toBe('waiting_fix')
    const old = part(waiting, 'desk').requestId!
    const again = await bundleAct(t, b.id, { action: 'reapply', partKey: 'desk', values: { startDate: '2026-12-01', office: '1 号楼 503 室' } })
    expect(again.status).toBe('in_progress')
    expect(part(again, 'desk')).toMatchObject({ status: 'pending', earlier: [old], ownerName: '孙永红' })
    expect(reqRow(t, part(again, 'desk').requestId!).values.office).toBe('1 号楼 503 室')
    expect((await approvePart(t, b.id, 'desk')).status).toBe('done')
    expect((await view(t, b.id)).status).toBe('done')
  })

  it('a refused 通讯录 entry says the 政务微信 account waits for it', async () => {
    const t = testBff()
    const b = await submit(t, 'onboarding', onboardingValues)
    await act(t, 'u-clerk-01', part(b, 'directory').requestId!, 'reject', '职务与任职文件不一致')
    const v = await view(t, b.id)
    expect(part(v, 'directory').note).toMatch(/其他事项照常办理；「政务微信开通」要等此项办结后才开始/)
    expect(part(v, 'wecom').status).toBe('waiting')
    await refuse(t, ME, routes.requests.bundleAct, { params: { id: b.id }, body: { action: 'reapply', partKey: 'badge', version: v.version } }, 409, '这一项没有被拒绝，不需要重新申请')
  })

  it('a returned part is corrected on its own page and the bundle goes on', async () => {
    const t = testBff()
    const b = await submit(t, 'onboarding', onboardingValues)
    const id = part(b, 'badge').requestId!
    await act(t, 'u-hr-01', id, 'return', '职务请写全称')
    expect(part(await view(t, b.id), 'badge').note).toMatch(/被退回修改/)
    await t.ok(ME, routes.requests.resubmit, { params: { id }, body: { version: reqRow(t, id).version, values: { startDate: '2026-12-01', position: '区政务服务数据管理局政务服务科科员' } } })
    expect(part(await view(t, b.id), 'badge')).toMatchObject({ status: 'pending', note: null })
  })
})

describe('withdrawing the bundle', () => {
  it('withdraws every open part, keeps what is done, never starts what waited, and clears the owners’ 待办', async () => {
    const t = testBff()
    const b = await submit(t, 'onboarding', onboardingValues)
    await approvePart(t, b.id, 'badge')
    const w = await bundleAct(t, b.id, { action: 'withdraw' })
    expect(w.status).toBe('withdrawn')
    expect(w.parts.map((p) => [p.key, p.status])).toEqual([
      ['badge', 'done'], ['access-card', 'withdrawn'], ['it-account', 'withdrawn'], ['directory', 'withdrawn'], ['wecom', 'withdrawn'], ['desk', 'withdrawn'], ['supplies', 'withdrawn'],
    ])
    expect(part(w, 'wecom').requestId).toBeNull()
    for (const who of ['u-office-01', 'u-staff-06', 'u-clerk-01', 'u-staff-13', 'u-head-02']) expect(await todo(t, who)).toEqual([])
    expect(t.db.workItems.filter((x) => x.module === 'requests' && x.status === 'open' && isPart(t, x.objectId))).toEqual([])
    expect(w.availableActions).toEqual([])
    await refuse(t, ME, routes.requests.bundleAct, { params: { id: b.id }, body: { action: 'withdraw', version: w.version } }, 409, '这件事已经撤回')
    // an owner who had the page open is told it is over
    const desk = part(w, 'desk').requestId!
    await refuse(t, 'u-staff-13', routes.requests.act, { params: { id: desk }, body: { action: 'approve', version: reqRow(t, desk).version } }, 409)
  })

  it('only the applicant may withdraw, on the current version', async () => {
    const t = testBff()
    const b = await submit(t, 'departure', departureValues)
    await refuse(t, 'u-hr-01', routes.requests.bundleAct, { params: { id: b.id }, body: { action: 'withdraw', version: b.version } }, 404)
    await refuse(t, ME, routes.requests.bundleAct, { params: { id: b.id }, body: { action: 'withdraw', version: b.version - 1 } }, 409)
  })
})

describe('the bundle’s promised time', () => {
  it('is the longest path through its parts on the working-day calendar, across 国庆 and its make-up Saturday', async () => {
    const t = testBff()
    setClock(t, at('2026-09-30', '10:00'))
    const b = await submit(t, 'departure', { ...departureValues, leaveDate: '2026-10-12' })
    // 资产归还 2 working days: 10-08, 10-09 (10-01…10-07 are 国庆)
    expect(part(b, 'assets').dueAt).toBe(at('2026-10-09', '18:00'))
    // 账号停用 1 working day after that: Saturday 10-10 is a make-up workday
    expect(part(b, 'accounts')).toMatchObject({ status: 'waiting', dueAt: at('2026-10-10', '18:00') })
    // 通讯录注销 4 office hours after that: Monday 09:00–12:00 and 14:00–15:00
    expect(part(b, 'directory').dueAt).toBe(at('2026-10-12', '15:00'))
    expect(part(b, 'badge').dueAt).toBe(at('2026-10-08', '18:00'))
    expect(b.dueAt).toBe(at('2026-10-12', '15:00'))
    expect(t.db.workItems.find((w) => w.objectId === b.id)!.deadline).toBe(b.dueAt)
  })
})

describe('exactly once', () => {
  it('a retried submission (the same idempotency key, even while the first is in flight) makes one bundle and one set of parts', async () => {
    const t = testBff({ latencyMs: 5 })
    await t.signIn(ME)
    const input = { body: { bundleId: 'meeting', values: meetingValues, slots: meetingSlots() }, idempotencyKey: 'bundle-meeting-once-1' }
    const [a, c] = await Promise.all([t.as(ME, routes.requests.bundleSubmit, input), t.as(ME, routes.requests.bundleSubmit, input)])
    expect([a.status, c.status].sort()).toEqual([200, 409])
    const retry = await t.as(ME, routes.requests.bundleSubmit, input)
    expect(retry.status).toBe(200)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect((retry.body as BundleDetail).id).toBe(((a.status === 200 ? a : c).body as BundleDetail).id)
    expect(t.db.bundles).toHaveLength(1)
    expect(parts(t)).toHaveLength(2)
    expect(t.db.workItems.filter((w) => w.objectType === 'request_bundle')).toHaveLength(1)
  })

  it('a part refused by its own rules half-way through the parts leaves nothing created: no bundle, no part, no 待办', async () => {
    const t = testBff()
    // the form is fine, but 外出/出差报备 (the first part) refuses a start in the past; 公务用车 would have booked a car
    const err = await refuse(
      t,
      ME,
      routes.requests.bundleSubmit,
      { body: { bundleId: 'outing', values: { destination: '广州', start: '2026-11-24', end: '2026-11-27', reason: '参加业务培训', from: '区政府大院', passengers: 2, amount: 3000 }, slots: { car: { resourceId: 'car-b1', start: at('2026-11-26', '09:00'), end: at('2026-11-26', '12:00') } } } },
      400,
      '「开始日期」不能早于今天，外出要先报备',
    )
    expect(err.details?.field).toBe('body.values.start')
    expect(parts(t)).toEqual([])
    expect(t.db.bundles).toEqual([])
    const ok = await submit(t, 'outing', { destination: '广州', start: '2026-11-26', end: '2026-11-27', reason: '参加业务培训', from: '区政府大院', passengers: 2, amount: 3000 }, { car: { resourceId: 'car-b1', start: at('2026-11-26', '09:00'), end: at('2026-11-26', '12:00') } } as never)
    expect(ok.parts.map((p) => p.ownerName)).toEqual(['吴振宇', '吴振宇', '何丽华'])
    expect(reqRow(t, part(ok, 'car').requestId!).values).toMatchObject({ to: '广州', reason: '参加业务培训', passengers: 2 })
  })
})

describe('statistics per bundle', () => {
  it('count, finished, median working hours, on-time share and stars per bundle, beside the per-item rows', async () => {
    const t = testBff()
    const b = await submit(t, 'meeting', meetingValues, meetingSlots())
    await submit(t, 'departure', departureValues)
    setClock(t, at('2026-11-25', '11:00'))
    await approvePart(t, b.id, 'room')
    await approvePart(t, b.id, 'car')
    await bundleAct(t, b.id, { action: 'rate', stars: 4 })
    const stats = await t.ok('u-office-01', routes.requests.stats)
    expect(stats.bundles.find((x) => x.bundleId === 'meeting')).toEqual({ bundleId: 'meeting', name: '会议保障一件事', count: 1, finished: 1, medianHours: 1, onTimeRate: 1, averageStars: 4 })
    expect(stats.bundles.find((x) => x.bundleId === 'departure')).toMatchObject({ count: 1, finished: 0, medianHours: null })
    expect(stats.bundles.find((x) => x.bundleId === 'outing')).toMatchObject({ count: 0 })
    // member items show per item once used
    expect(stats.items.map((i) => i.itemId)).toEqual(expect.arrayContaining(['meeting-notice', 'asset-return']))
    expect(stats.items.find((i) => i.itemId === 'meeting-notice')).toMatchObject({ count: 1, finished: 1 })
    expect(errorOf(await t.as(ME, routes.requests.stats)).code).toBe('FORBIDDEN')
  })
})
