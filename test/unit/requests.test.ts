import { routes } from '../../src/contract/routes'
import type { Route, RouteInput } from '../../src/contract/route'
import { requestActions, type RequestDetail } from '../../src/contract/requests'
import { maskIdNumber } from '../../src/core/mask'
import { toIso } from '../../src/core/time'
import { addWorkingMinutes } from '../../src/core/workdays'
import { verifyAudit } from '../../mock/lib/audit'
import { requestLink } from '../../mock/handlers/requests'
import { errorOf, expectRefusal, filedRequests, setClock, testBff } from '../support/bff'

/**
 * 零跑动 as the people who use it notice it: what they see in the detail, in the inbox, in the calendar,
 * and what they are told when something is refused. Every refusal is checked to leave the requests,
 * the inbox, the certificates and the audit log exactly as they were.
 */

type T = ReturnType<typeof testBff>

const THU = '2026-11-26'
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`
const slot = (resourceId: string, from: string, to: string, day = THU) => ({ resourceId, start: at(day, from), end: at(day, to) })
const ROOM_301 = '区政府 1 号楼 301 会议室'

const roomValues = { title: '季度安全生产工作会', attendees: 12 }
const leaveValues = { kind: '年休假', start: '2026-12-01', end: '2026-12-02', reason: '回老家探望父母' }
const sealValues = { reason: '报送区财政局的经费请示', docName: '关于申请信息化经费的请示', copies: 2, sealKind: '单位公章' }
const tripValues = { destination: '广州', start: '2026-11-26', end: '2026-11-27', transport: '高铁', reason: '参加业务培训' }

const rowOf = (t: T, id: string) => t.db.requests.find((r) => r.id === id)!
const keys = (d: RequestDetail) => d.availableActions.map((a) => a.key)

function submitRoom(t: T, who: string, s = slot('room-1-301', '10:00', '11:00'), values: Record<string, string | number> = roomValues) {
  return t.ok(who, routes.requests.submit, { body: { itemId: 'room', values, slot: s } })
}
function submitLeave(t: T, who = 'u-handler-01', values: Record<string, string | number> = leaveValues) {
  return t.ok(who, routes.requests.submit, { body: { itemId: 'leave', values } })
}

type ActExtra = { opinion?: string; toUserId?: string; stars?: number; version?: number }
function act(t: T, who: string, id: string, action: (typeof requestActions)[number], extra: ActExtra = {}) {
  return t.ok(who, routes.requests.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } })
}
function view(t: T, who: string, id: string) {
  return t.ok(who, routes.requests.get, { params: { id } })
}

/** The caller's inbox entry for a request under a tab, as the inbox shows it. */
async function inboxItem(t: T, who: string, tab: 'todo' | 'done' | 'initiated' | 'cc', id: string) {
  const page = await t.ok(who, routes.inbox.list, { query: { tab, module: 'requests', limit: 100 } })
  return page.items.filter((i) => i.objectId === id)
}

/**
 * Moves the clock. Sessions last 12 hours; people who come back the next day sign in again, which the
 * cached test tokens can't do, so their sessions are stretched instead.
 */

/** the audit entries of one request */
const auditOf = (t: T, id: string) => t.db.audit.filter((a) => a.objectId === id).length

const openAssigneeItems = (t: T, id: string) => t.db.workItems.filter((w) => w.objectId === id && w.audience === 'assignee' && w.status === 'open')

/**
 * A refused call: the status, a Chinese message, and nothing changed anywhere. What time alone does
 * (a seeded request whose promise ran out since the clock moved is escalated by any call) happens first,
 * so only the refused call itself is watched.
 */
async function refuse<R extends Route>(t: T, who: string | null, route: R, input: RouteInput<R>, status: number, message?: string | RegExp) {
  await t.ok('u-handler-01', routes.requests.catalogue)
  return expectRefusal(t, who, route, input, status, message, () => ({
    requests: t.db.requests,
    items: t.db.workItems.filter((w) => w.module === 'requests'),
    otherItems: t.db.workItems.length,
    certificates: t.db.certificates,
    audit: { length: t.db.audit.length, head: t.db.audit.at(-1)?.hash },
  }))
}

function refuseAct(t: T, who: string, id: string, action: (typeof requestActions)[number], status: number, message?: string | RegExp, extra: ActExtra = {}) {
  return refuse(t, who, routes.requests.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } }, status, message)
}

function refuseSubmit(t: T, who: string, body: RouteInput<typeof routes.requests.submit>['body'], status: number, message?: string | RegExp) {
  return refuse(t, who, routes.requests.submit, { body }, status, message)
}

// ---------------------------------------------------------------------------------------------

describe('服务目录 and 三不提交', () => {
  it('lists the eight items, each with its guide, form, chain and promise, as data', async () => {
    const t = testBff()
    const { items } = await t.ok('u-handler-01', routes.requests.catalogue)
    expect(items.map((i) => i.id)).toEqual(['seal', 'car', 'room', 'leave', 'employment-cert', 'income-cert', 'supplies', 'trip'])
    expect(items.map((i) => i.name)).toEqual(['用印申请', '公务用车', '会议室预约', '请休假', '在职证明开具', '收入证明开具', '办公用品领用', '外出/出差报备'])
    for (const item of items) {
      expect(item.guide.eligibility).toMatch(/[\u4e00-\u9fff]/)
      expect(item.guide.materials.length).toBeGreaterThan(0)
      expect(item.guide.steps.length).toBeGreaterThan(1)
      expect(item.guide.approvers).toMatch(/[\u4e00-\u9fff]/)
      expect(item.guide.promise.amount).toBeGreaterThan(0)
      expect(item.guide.promise.text).toContain(String(item.guide.promise.amount))
      expect(item.guide.promise.text).toContain(item.guide.promise.unit === 'hour' ? '工作小时' : '工作日')
      expect(item.fields.filter((f) => f.prefill).map((f) => f.key)).toEqual(['applicantName', 'deptName', 'phone'])
      expect(item.fields.filter((f) => !f.prefill).length).toBeGreaterThan(0)
      for (const f of item.fields) {
        if (f.type === 'select') expect(f.options?.length).toBeGreaterThan(1)
        if (f.type === 'text' || f.type === 'textarea') expect(f.max).toBeGreaterThan(0)
      }
      expect(item.chain.length).toBeGreaterThan(0)
      // the back office's routing (departments, roles) stays on the server
      for (const step of item.chain) expect(Object.keys(step).sort()).toEqual(['kind', 'label'])
      expect(item).not.toHaveProperty('maxSlotHours')
    }
    const byId = Object.fromEntries(items.map((i) => [i.id, i]))
    expect(byId.seal.resourceType).toBe('seal')
    expect(byId.car.resourceType).toBe('car')
    expect(byId.room.resourceType).toBe('room')
    expect(items.filter((i) => i.resourceType === null).map((i) => i.id)).toEqual(['leave', 'employment-cert', 'income-cert', 'supplies', 'trip'])
    expect(items.filter((i) => i.issuesCertificate).map((i) => i.id)).toEqual(['employment-cert', 'income-cert'])
    expect(items.filter((i) => i.confirmAfterUse).map((i) => i.id)).toEqual(['seal'])
    expect(byId.leave.chain.map((s) => s.label)).toEqual(['部门负责人审批', '人事部门审核'])
  })

  it('prefill returns the caller’s own name, department and phone, and nobody else’s', async () => {
    const t = testBff()
    expect(await t.ok('u-handler-01', routes.requests.prefill, { params: { id: 'leave' } })).toEqual({
      values: { applicantName: '梁嘉豪', deptName: '区政务服务数据管理局', phone: '13632958071' },
    })
    expect(await t.ok('u-handler-02', routes.requests.prefill, { params: { id: 'room' } })).toEqual({
      values: { applicantName: '李国华', deptName: '区民政局', phone: '17688245170' },
    })
    await refuse(t, 'u-handler-01', routes.requests.prefill, { params: { id: 'no-such-item' } }, 404, '没有这个事项')
  })

  it('identity comes from the directory: a forged name or department is replaced, a contact phone may differ', async () => {
    const t = testBff()
    const r = await t.ok('u-handler-01', routes.requests.submit, {
      body: { itemId: 'trip', values: { ...tripValues, applicantName: '张三', deptName: '区财政局', phone: '0755-27771234' } },
    })
    expect(r.applicantName).toBe('梁嘉豪')
    expect(r.values).toMatchObject({ applicantName: '梁嘉豪', deptName: '区政务服务数据管理局', phone: '0755-27771234' })
    const plain = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'trip', values: tripValues } })
    expect(plain.values).toMatchObject({ applicantName: '梁嘉豪', deptName: '区政务服务数据管理局', phone: '13632958071' })
    // the phone is never shown to approvers among the form's fields
    expect(plain.fields.map((f) => f.key)).not.toContain('phone')
  })
})

// ---------------------------------------------------------------------------------------------

describe('会议室预约: a room with a calendar', () => {
  it('submitting a slot puts it before the room manager: a 待办 for her, a 我发起的 for the applicant', async () => {
    const t = testBff()
    const before = t.db.audit.length
    const r = await submitRoom(t, 'u-handler-01')
    expect(r).toMatchObject({ status: 'pending', itemId: 'room', itemName: '会议室预约', applicantName: '梁嘉豪', applicantDeptName: '区政务服务数据管理局', version: 1, finishedAt: null, overdue: false })
    expect(r.chain).toEqual([{ label: '会议室管理员确认', holderName: '袁静', state: 'current' }])
    expect(r.slot).toEqual({ resourceId: 'room-1-301', resourceName: ROOM_301, start: at(THU, '10:00'), end: at(THU, '11:00') })
    expect(keys(r)).toEqual(['withdraw'])
    expect(r.timeline).toEqual([{ at: at('2026-11-25', '10:00'), actorName: '梁嘉豪', action: '提交申请', note: null }])

    const [todo] = await inboxItem(t, 'u-office-01', 'todo', r.id)
    expect(todo).toMatchObject({ tags: ['todo'], step: '会议室管理员确认', link: `/features/requests/pages/detail/index?id=${r.id}`, deadline: r.dueAt, initiatorName: '梁嘉豪' })
    expect(todo.link).toBe(requestLink(r.id))
    expect(todo.title).toBe('会议室预约：季度安全生产工作会')
    const [mine] = await inboxItem(t, 'u-handler-01', 'initiated', r.id)
    expect(mine).toMatchObject({ status: 'open', summary: '等待会议室管理员确认', link: requestLink(r.id) })
    expect(await inboxItem(t, 'u-handler-01', 'todo', r.id)).toEqual([])

    const asOwner = await view(t, 'u-office-01', r.id)
    expect(keys(asOwner)).toEqual(['approve', 'return', 'reject', 'transfer'])
    expect(asOwner.availableActions.find((a) => a.key === 'reject')).toMatchObject({ opinion: 'required', style: 'danger' })
    expect(asOwner.values).toEqual({}) // raw values are for the applicant's editing only
    expect(asOwner.fields.find((f) => f.key === 'title')?.value).toBe('季度安全生产工作会')
    expect(t.db.audit.length).toBe(before + 1)
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'request.submit', actorId: 'u-handler-01', objectId: r.id })
  })

  it('approval finishes the booking and the slot shows as taken on that day only', async () => {
    const t = testBff()
    const r = await submitRoom(t, 'u-handler-01')
    const done = await act(t, 'u-office-01', r.id, 'approve', { opinion: '已安排' })
    expect(done).toMatchObject({ status: 'done', finishedAt: at('2026-11-25', '10:00'), version: 2, overdue: false })
    expect(done.chain[0].state).toBe('approved')
    expect(done.availableActions).toEqual([])
    expect(done.timeline.at(-1)).toMatchObject({ actorName: '袁静', note: '已安排' })
    expect(await inboxItem(t, 'u-office-01', 'todo', r.id)).toEqual([])
    expect((await inboxItem(t, 'u-office-01', 'done', r.id))[0].status).toBe('done')
    expect((await inboxItem(t, 'u-handler-01', 'initiated', r.id))[0]).toMatchObject({ status: 'done', summary: '已办结' })
    expect(keys(await view(t, 'u-handler-01', r.id))).toEqual(['rate'])

    // anyone looking at the calendar, not only the applicant
    const day = await t.ok('u-handler-02', routes.requests.resources, { query: { type: 'room', date: THU } })
    expect(day.resources.map((x) => x.id)).toEqual(['room-1-301', 'room-1-502', 'room-2-101'])
    const room = day.resources.find((x) => x.id === 'room-1-301')!
    expect(room).toMatchObject({ name: ROOM_301, ownerName: '袁静', capacity: 30 })
    expect(room.busy).toEqual([{ start: at(THU, '10:00'), end: at(THU, '11:00'), title: '季度安全生产工作会' }])
    expect(day.resources.find((x) => x.id === 'room-1-502')!.busy).toEqual([])
    const nextDay = await t.ok('u-handler-02', routes.requests.resources, { query: { type: 'room', date: '2026-11-27' } })
    expect(nextDay.resources.every((x) => x.busy.length === 0)).toBe(true)
    const cars = await t.ok('u-handler-02', routes.requests.resources, { query: { type: 'car', date: THU } })
    expect(cars.resources.map((x) => x.id)).toEqual(['car-b1', 'car-b2'])
  })

  it('refuses another person’s overlapping slot with a message naming the room and the time; a touching slot is fine', async () => {
    const t = testBff()
    const r = await submitRoom(t, 'u-handler-01')
    // a pending booking already holds the slot
    for (const s of [slot('room-1-301', '10:30', '11:30'), slot('room-1-301', '09:00', '12:00'), slot('room-1-301', '10:15', '10:45'), slot('room-1-301', '09:30', '10:01')]) {
      const err = await refuseSubmit(t, 'u-handler-02', { itemId: 'room', values: roomValues, slot: s }, 409, `${ROOM_301}在 10:00–11:00 已被梁**预约，请换个时段或资源`)
      expect(err).toMatchObject({ code: 'INVALID_STATE', details: { field: 'body.slot' } })
    }
    await act(t, 'u-office-01', r.id, 'approve')
    await refuseSubmit(t, 'u-handler-02', { itemId: 'room', values: roomValues, slot: slot('room-1-301', '10:59', '11:30') }, 409, /已被梁\*\*预约/)
    // the same person cannot hold a room twice either
    await refuseSubmit(t, 'u-handler-01', { itemId: 'room', values: roomValues, slot: slot('room-1-301', '10:00', '11:00') }, 409, /10:00–11:00/)
    const after = await submitRoom(t, 'u-handler-02', slot('room-1-301', '11:00', '12:00'))
    const beforeIt = await submitRoom(t, 'u-handler-02', slot('room-1-301', '09:00', '10:00'))
    const otherRoom = await submitRoom(t, 'u-handler-02', slot('room-1-502', '10:00', '11:00'))
    expect([after.status, beforeIt.status, otherRoom.status]).toEqual(['pending', 'pending', 'pending'])
    const day = await t.ok('u-handler-02', routes.requests.resources, { query: { type: 'room', date: THU } })
    expect(day.resources.find((x) => x.id === 'room-1-301')!.busy.map((b) => `${b.start.slice(11, 16)}-${b.end.slice(11, 16)}`)).toEqual(['09:00-10:00', '10:00-11:00', '11:00-12:00'])
  })

  it('refuses slots that cannot be booked, in Chinese, naming the slot', async () => {
    const t = testBff()
    const room = (s: { resourceId: string; start: string; end: string } | undefined) => ({ itemId: 'room', values: roomValues, ...(s ? { slot: s } : {}) })
    const today = '2026-11-25'
    await refuseSubmit(t, 'u-handler-01', room(slot('room-1-301', '08:00', '09:00', today)), 400, '不能预约已经过去的时间')
    await refuseSubmit(t, 'u-handler-01', room(slot('room-1-301', '09:59', '11:00', today)), 400, '不能预约已经过去的时间')
    await refuseSubmit(t, 'u-handler-01', room(slot('room-1-301', '10:00', '10:00')), 400, '结束时间要晚于开始时间')
    await refuseSubmit(t, 'u-handler-01', room(slot('room-1-301', '11:00', '10:00')), 400, '结束时间要晚于开始时间')
    await refuseSubmit(t, 'u-handler-01', room({ resourceId: 'room-1-301', start: at(THU, '22:00'), end: at('2026-11-27', '01:00') }), 400, '一次只能预约同一天内的时段')
    await refuseSubmit(t, 'u-handler-01', room(slot('room-1-301', '07:00', '17:30')), 400, '一次最多预约 10 小时')
    await refuseSubmit(t, 'u-handler-01', room(slot('car-b1', '10:00', '11:00')), 400, '所选资源不存在，请重新选择')
    await refuseSubmit(t, 'u-handler-01', room(slot('seal-gov', '10:00', '11:00')), 400, '所选资源不存在，请重新选择')
    await refuseSubmit(t, 'u-handler-01', room(slot('room-9-999', '10:00', '11:00')), 400, '所选资源不存在，请重新选择')
    await refuseSubmit(t, 'u-handler-01', room(undefined), 400, '请选择会议室和时段')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'car', values: { reason: '到西乡街道调研', from: '区政府大院', to: '西乡街道办事处', passengers: 3 } }, 400, '请选择车辆和时段')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'trip', values: tripValues, slot: slot('room-1-301', '10:00', '11:00') }, 400, '本事项不需要选择时段')
    await refuseSubmit(t, 'u-handler-01', room({ resourceId: 'room-1-301', start: '明天上午', end: at(THU, '11:00') }), 400, '「开始时间」格式不对')
    // the whole working day, exactly the longest a room may be held, is fine; a whole day ending at midnight too
    expect((await submitRoom(t, 'u-handler-01', slot('room-1-301', '08:00', '18:00'))).status).toBe('pending')
    expect((await submitRoom(t, 'u-handler-01', { resourceId: 'room-1-502', start: at(THU, '14:00'), end: at('2026-11-27', '00:00') })).status).toBe('pending')
  })

  it('a rejected or withdrawn booking frees its slot', async () => {
    const t = testBff()
    const a = await submitRoom(t, 'u-handler-01')
    await refuseAct(t, 'u-office-01', a.id, 'reject', 400, '请填写不同意的理由')
    await act(t, 'u-office-01', a.id, 'reject', { opinion: '当天该会议室另有安排' })
    const b = await submitRoom(t, 'u-handler-02')
    expect(b.status).toBe('pending')
    await act(t, 'u-handler-02', b.id, 'withdraw')
    const c = await submitRoom(t, 'u-head-02')
    expect(c.status).toBe('pending')
    const day = await t.ok('u-handler-01', routes.requests.resources, { query: { type: 'room', date: THU } })
    expect(day.resources[0].busy).toHaveLength(1)
  })

  it.each([0, 20])('two people booking the same slot at the same moment: exactly one wins, the other is told why (latency %i ms)', async (latencyMs) => {
    const t = testBff({ latencyMs })
    await t.signIn('u-handler-01')
    await t.signIn('u-handler-02')
    const audit = t.db.audit.length
    const s = slot('room-1-301', '14:00', '16:00')
    const results = await Promise.all([
      t.as('u-handler-01', routes.requests.submit, { body: { itemId: 'room', values: roomValues, slot: s } }),
      t.as('u-handler-02', routes.requests.submit, { body: { itemId: 'room', values: { title: '民政工作推进会', attendees: 20 }, slot: s } }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const winner = results.find((r) => r.status === 200)!.body as RequestDetail
    const loser = errorOf(results.find((r) => r.status === 409)!)
    expect(loser.code).toBe('INVALID_STATE')
    expect(loser.message).toBe(`${ROOM_301}在 14:00–16:00 已被${winner.applicantName[0]}**预约，请换个时段或资源`)
    expect(filedRequests(t).filter((r) => r.slot?.resourceId === 'room-1-301')).toHaveLength(1)
    expect(t.db.audit.length).toBe(audit + 1)
  })

  it('a double tap on submit (the same idempotency key) books once', async () => {
    const t = testBff({ latencyMs: 5 })
    await t.signIn('u-handler-01')
    const input = { body: { itemId: 'room', values: roomValues, slot: slot('room-1-301', '14:00', '15:00') }, idempotencyKey: 'submit-room-once-1' }
    const [a, b] = await Promise.all([t.as('u-handler-01', routes.requests.submit, input), t.as('u-handler-01', routes.requests.submit, input)])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const retry = await t.as('u-handler-01', routes.requests.submit, input)
    expect(retry.status).toBe(200)
    expect((retry.body as RequestDetail).id).toBe(((a.status === 200 ? a : b).body as RequestDetail).id)
    expect(filedRequests(t)).toHaveLength(1)
  })
})

// ---------------------------------------------------------------------------------------------

describe('请休假: a two-step chain with return for changes', () => {
  it('dept head, then HR; HR returns with a reason; the applicant edits and resubmits; the chain restarts at HR', async () => {
    const t = testBff()
    const audit = t.db.audit.length
    const r = await submitLeave(t)
    expect(r.chain).toEqual([
      { label: '部门负责人审批', holderName: '吴振宇', state: 'current' },
      { label: '人事部门审核', holderName: '邱晓岚', state: 'waiting' },
    ])
    // HR is on the chain but not yet at it: the request is not HR's to see until it arrives
    await refuse(t, 'u-hr-01', routes.requests.get, { params: { id: r.id } }, 404)
    expect(await inboxItem(t, 'u-hr-01', 'todo', r.id)).toEqual([])

    const approved = await act(t, 'u-head-02', r.id, 'approve', { opinion: '同意，注意工作交接' })
    expect(approved.chain.map((s) => s.state)).toEqual(['approved', 'current'])
    expect(approved.status).toBe('pending')
    expect(await inboxItem(t, 'u-head-02', 'todo', r.id)).toEqual([])
    expect((await inboxItem(t, 'u-hr-01', 'todo', r.id))[0]).toMatchObject({ step: '人事部门审核', tags: ['todo'] })
    expect((await inboxItem(t, 'u-handler-01', 'initiated', r.id))[0].summary).toBe('人事部门审核')

    await refuseAct(t, 'u-hr-01', r.id, 'return', 400, '请填写退回理由')
    await refuseAct(t, 'u-hr-01', r.id, 'return', 400, '请填写退回理由', { opinion: '   ' })
    const returned = await act(t, 'u-hr-01', r.id, 'return', { opinion: '年休假余额不足，请改为 2 天以内' })
    expect(returned.status).toBe('returned')
    expect(returned.chain.map((s) => s.state)).toEqual(['approved', 'waiting'])
    expect(await inboxItem(t, 'u-hr-01', 'todo', r.id)).toEqual([])
    const [back] = await inboxItem(t, 'u-handler-01', 'todo', r.id)
    expect(back).toMatchObject({ step: '退回修改', summary: '邱晓岚退回：年休假余额不足，请改为 2 天以内', link: requestLink(r.id) })
    expect(back.tags).toEqual(expect.arrayContaining(['todo', 'returned']))
    const mine = await view(t, 'u-handler-01', r.id)
    expect(keys(mine)).toEqual(['resubmit', 'withdraw'])
    expect(mine.values).toMatchObject(leaveValues)

    const again = await t.ok('u-handler-01', routes.requests.resubmit, { params: { id: r.id }, body: { version: mine.version, values: { ...leaveValues, end: '2026-12-01', reason: '回老家探望父母（改为 1 天）' } } })
    expect(again.status).toBe('pending')
    expect(again.values).toMatchObject({ end: '2026-12-01', reason: '回老家探望父母（改为 1 天）' })
    // the head's approval stands: HR, who returned it, looks again
    expect(again.chain).toEqual([
      { label: '部门负责人审批', holderName: '吴振宇', state: 'approved' },
      { label: '人事部门审核', holderName: '邱晓岚', state: 'current' },
    ])
    expect(await inboxItem(t, 'u-handler-01', 'todo', r.id)).toEqual([])
    expect(await inboxItem(t, 'u-head-02', 'todo', r.id)).toEqual([])
    expect(await inboxItem(t, 'u-hr-01', 'todo', r.id)).toHaveLength(1)
    expect(again.timeline.at(-1)).toMatchObject({ action: '修改后重新提交', actorName: '梁嘉豪' })

    const done = await act(t, 'u-hr-01', r.id, 'approve')
    expect(done).toMatchObject({ status: 'done', finishedAt: at('2026-11-25', '10:00') })
    expect(t.db.audit.slice(audit).map((e) => e.action)).toEqual(['request.submit', 'request.approve', 'request.return', 'request.resubmit', 'request.approve'])
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })

  it('a return from the first step restarts at the first step', async () => {
    const t = testBff()
    const r = await submitLeave(t)
    await act(t, 'u-head-02', r.id, 'return', { opinion: '请写明工作交接安排' })
    const again = await t.ok('u-handler-01', routes.requests.resubmit, { params: { id: r.id }, body: { version: rowOf(t, r.id).version, values: { ...leaveValues, reason: '探亲，工作已交接给刘思远' } } })
    expect(again.chain.map((s) => s.state)).toEqual(['current', 'waiting'])
    expect(await inboxItem(t, 'u-head-02', 'todo', r.id)).toHaveLength(1)
  })

  it('refuses a resubmit by anyone but the applicant, out of turn, on a stale version, or with bad values', async () => {
    const t = testBff()
    const r = await submitLeave(t)
    const resubmit = (who: string, body: Partial<{ version: number; values: Record<string, string | number> }> = {}, status: number, message?: string | RegExp) =>
      refuse(t, who, routes.requests.resubmit, { params: { id: r.id }, body: { version: rowOf(t, r.id).version, values: leaveValues, ...body } }, status, message)
    await resubmit('u-handler-01', {}, 409, '只有被退回的申请可以修改后重新提交')
    await act(t, 'u-head-02', r.id, 'return', { opinion: '请补充事由' })
    await resubmit('u-head-02', {}, 403, '只有申请人可以修改后重新提交')
    await resubmit('u-handler-02', {}, 404)
    await resubmit('u-hr-01', {}, 404)
    expect((await resubmit('u-handler-01', { version: rowOf(t, r.id).version - 1 }, 409)).code).toBe('VERSION_CONFLICT')
    await resubmit('u-handler-01', { values: { ...leaveValues, kind: '调休' } }, 400, '请从列表中选择「假别」')
    await resubmit('u-handler-01', { values: { ...leaveValues, reason: '' } }, 400, '请填写「事由」')
    await refuse(t, 'u-handler-01', routes.requests.resubmit, { params: { id: r.id }, body: { version: rowOf(t, r.id).version, values: leaveValues, slot: slot('room-1-301', '10:00', '11:00') } }, 400, '本事项不需要选择时段')
  })

  it('a resubmit refused for a clashing slot leaves the returned request exactly as it was (values too)', async () => {
    const t = testBff()
    const mine = await submitRoom(t, 'u-handler-01', slot('room-1-301', '10:00', '11:00'))
    await submitRoom(t, 'u-handler-02', slot('room-1-301', '14:00', '15:00'))
    await act(t, 'u-office-01', mine.id, 'return', { opinion: '上午该会议室检修，请改到下午' })
    await refuse(
      t,
      'u-handler-01',
      routes.requests.resubmit,
      { params: { id: mine.id }, body: { version: rowOf(t, mine.id).version, values: { ...roomValues, title: '改期后的工作会' }, slot: slot('room-1-301', '14:30', '15:30') } },
      409,
      `${ROOM_301}在 14:00–15:00 已被李**预约，请换个时段或资源`,
    )
    expect(rowOf(t, mine.id).values.title).toBe('季度安全生产工作会')
    // a free afternoon slot is accepted; the old morning slot is let go
    const moved = await t.ok('u-handler-01', routes.requests.resubmit, { params: { id: mine.id }, body: { version: rowOf(t, mine.id).version, values: { ...roomValues, title: '改期后的工作会' }, slot: slot('room-1-301', '15:00', '16:00') } })
    expect(moved).toMatchObject({ status: 'pending', slot: { start: at(THU, '15:00'), end: at(THU, '16:00') } })
    expect((await submitRoom(t, 'u-head-03', slot('room-1-301', '10:00', '11:00'))).status).toBe('pending')
  })
})

// ---------------------------------------------------------------------------------------------

describe('不同意, 撤回, 转办, 催办', () => {
  it('reject needs a reason, finishes the request and closes every step', async () => {
    const t = testBff()
    const r = await submitLeave(t)
    await refuseAct(t, 'u-head-02', r.id, 'reject', 400, '请填写不同意的理由')
    await refuseAct(t, 'u-head-02', r.id, 'reject', 400, '请填写不同意的理由', { opinion: ' ' })
    const rejected = await act(t, 'u-head-02', r.id, 'reject', { opinion: '年底工作任务重，请节后再休' })
    expect(rejected).toMatchObject({ status: 'rejected', finishedAt: at('2026-11-25', '10:00'), availableActions: [] })
    expect(rejected.timeline.at(-1)).toMatchObject({ action: '不同意', note: '年底工作任务重，请节后再休' })
    expect(openAssigneeItems(t, r.id)).toEqual([])
    expect((await inboxItem(t, 'u-handler-01', 'initiated', r.id))[0]).toMatchObject({ status: 'done', summary: '未批准' })
    await refuse(t, 'u-hr-01', routes.requests.get, { params: { id: r.id } }, 404)
    expect(keys(await view(t, 'u-handler-01', r.id))).toEqual([])
  })

  it('withdraw: only the applicant, only before the first approval', async () => {
    const t = testBff()
    const a = await submitLeave(t)
    await refuseAct(t, 'u-head-02', a.id, 'withdraw', 403, '您现在不能进行这个操作')
    const withdrawn = await act(t, 'u-handler-01', a.id, 'withdraw')
    expect(withdrawn).toMatchObject({ status: 'withdrawn', availableActions: [] })
    expect(withdrawn.chain.map((s) => s.state)).toEqual(['waiting', 'waiting'])
    expect(openAssigneeItems(t, a.id)).toEqual([])
    expect((await inboxItem(t, 'u-head-02', 'done', a.id))).toHaveLength(1)

    const b = await submitLeave(t)
    await act(t, 'u-head-02', b.id, 'approve')
    const mine = await view(t, 'u-handler-01', b.id)
    expect(keys(mine)).not.toContain('withdraw')
    await refuseAct(t, 'u-handler-01', b.id, 'withdraw', 403, '您现在不能进行这个操作')
  })

  it('transfer moves the step to a colleague in the same department, and nowhere else', async () => {
    const t = testBff()
    const r = await submitLeave(t)
    await refuseAct(t, 'u-head-02', r.id, 'transfer', 400, '只能转办给本单位的同事', { toUserId: 'u-head-03' })
    await refuseAct(t, 'u-head-02', r.id, 'transfer', 400, '请选择转办给谁')
    await refuseAct(t, 'u-head-02', r.id, 'transfer', 400, '请选择转办给谁', { toUserId: 'u-nobody' })
    await refuseAct(t, 'u-head-02', r.id, 'transfer', 400, '不能转办给这个人，请重新选择', { toUserId: 'u-head-02' })
    await refuseAct(t, 'u-head-02', r.id, 'transfer', 400, '不能转办给这个人，请重新选择', { toUserId: 'u-handler-01' })
    await refuseAct(t, 'u-head-02', r.id, 'transfer', 400, '不能转办给这个人，请重新选择', { toUserId: 'r-resident-01' })
    await refuseAct(t, 'u-handler-01', r.id, 'transfer', 403, '您现在不能进行这个操作', { toUserId: 'u-staff-06' })

    const moved = await act(t, 'u-head-02', r.id, 'transfer', { toUserId: 'u-staff-06', opinion: '请刘思远同志代为审批' })
    expect(moved.chain[0]).toEqual({ label: '部门负责人审批', holderName: '刘思远', state: 'current' })
    expect(moved.timeline.at(-1)).toMatchObject({ action: '转办给刘思远', actorName: '吴振宇', note: '请刘思远同志代为审批' })
    expect(await inboxItem(t, 'u-head-02', 'todo', r.id)).toEqual([])
    expect((await inboxItem(t, 'u-head-02', 'done', r.id))).toHaveLength(1)
    expect((await inboxItem(t, 'u-staff-06', 'todo', r.id))[0]).toMatchObject({ step: '部门负责人审批', tags: ['todo'] })
    expect(keys(await view(t, 'u-head-02', r.id))).toEqual([])
    await refuseAct(t, 'u-head-02', r.id, 'approve', 403, '您现在不能进行这个操作')
    expect(keys(await view(t, 'u-staff-06', r.id))).toEqual(['approve', 'return', 'reject', 'transfer'])
    const next = await act(t, 'u-staff-06', r.id, 'approve')
    expect(next.chain.map((s) => [s.holderName, s.state])).toEqual([['刘思远', 'approved'], ['邱晓岚', 'current']])
  })

  it('urge: only after the step waited 2 office hours, then at most every 2 office hours; tags the holder’s item 催办', async () => {
    const t = testBff()
    const r = await submitLeave(t) // Wed 10:00
    expect(keys(await view(t, 'u-handler-01', r.id))).toEqual(['withdraw'])
    await refuseAct(t, 'u-handler-01', r.id, 'urge', 409, '当前步骤等待满 2 个工作小时后才能催办，两次催办也要间隔 2 个工作小时')
    setClock(t, at('2026-11-25', '11:59'))
    expect(keys(await view(t, 'u-handler-01', r.id))).not.toContain('urge')
    await refuseAct(t, 'u-handler-01', r.id, 'urge', 409)
    // the lunch break is not office time: 13:30 is exactly two office hours after 10:00
    setClock(t, at('2026-11-25', '13:30'))
    expect(keys(await view(t, 'u-handler-01', r.id))).toEqual(['withdraw', 'urge'])
    await refuseAct(t, 'u-head-02', r.id, 'urge', 403)
    const audit = t.db.audit.length
    const urged = await act(t, 'u-handler-01', r.id, 'urge', { opinion: '下周一出发，请尽快审批' })
    expect(urged.timeline.at(-1)).toMatchObject({ action: '催办吴振宇', note: '下周一出发，请尽快审批' })
    expect(t.db.audit.length).toBe(audit + 1)
    const [item] = await inboxItem(t, 'u-head-02', 'todo', r.id)
    expect(item.tags).toEqual(['todo', 'urge'])
    const counts = await t.ok('u-head-02', routes.inbox.counts)
    expect(counts.urged).toBeGreaterThanOrEqual(1)
    expect(keys(urged)).toEqual(['withdraw'])
    await refuseAct(t, 'u-handler-01', r.id, 'urge', 409)
    setClock(t, at('2026-11-25', '15:59')) // 89 office minutes later
    await refuseAct(t, 'u-handler-01', r.id, 'urge', 409)
    setClock(t, at('2026-11-25', '16:00'))
    expect((await act(t, 'u-handler-01', r.id, 'urge')).status).toBe('pending')
    // the approver's head is not involved by an urge
    expect(t.db.workItems.filter((w) => w.objectId === r.id && w.audience === 'cc')).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------

describe('用印申请: approve, use, register', () => {
  it('after both approvals the seal is in use; the seal keeper registers the use and the request is done', async () => {
    const t = testBff()
    const r = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'seal', values: sealValues, slot: slot('seal-gov', '09:00', '10:00') } })
    expect(r.chain).toEqual([
      { label: '部门负责人审批', holderName: '吴振宇', state: 'current' },
      { label: '印章管理员确认', holderName: '黄雅婷', state: 'waiting' },
    ])
    await act(t, 'u-head-02', r.id, 'approve')
    const approved = await act(t, 'u-clerk-01', r.id, 'approve', { opinion: '请携带原件' })
    expect(approved).toMatchObject({ status: 'in_use', finishedAt: null })
    expect(approved.chain.map((s) => s.state)).toEqual(['approved', 'approved'])
    expect(keys(approved)).toEqual(['confirm_use'])
    const [todo] = await inboxItem(t, 'u-clerk-01', 'todo', r.id)
    expect(todo).toMatchObject({ step: '用印登记', summary: '用印后请登记', tags: ['todo'] })
    expect((await inboxItem(t, 'u-handler-01', 'initiated', r.id))[0].summary).toBe('待用印登记')
    expect(keys(await view(t, 'u-handler-01', r.id))).toEqual([])
    await refuseAct(t, 'u-handler-01', r.id, 'confirm_use', 403, '您现在不能进行这个操作')
    await refuseAct(t, 'u-head-02', r.id, 'confirm_use', 403)
    const seals = await t.ok('u-handler-02', routes.requests.resources, { query: { type: 'seal', date: THU } })
    expect(seals.resources.find((x) => x.id === 'seal-gov')!.busy).toEqual([{ start: at(THU, '09:00'), end: at(THU, '10:00'), title: '已预约' }])

    const done = await act(t, 'u-clerk-01', r.id, 'confirm_use', { opinion: '已加盖单位公章 2 份' })
    expect(done).toMatchObject({ status: 'done', finishedAt: at('2026-11-25', '10:00') })
    expect(done.timeline.at(-1)).toMatchObject({ action: '用印登记', note: '已加盖单位公章 2 份' })
    expect(openAssigneeItems(t, r.id)).toEqual([])
    expect(keys(await view(t, 'u-handler-01', r.id))).toEqual(['rate'])
    await refuseAct(t, 'u-clerk-01', r.id, 'confirm_use', 409)
  })

  it('refuses a seal slot longer than 4 hours', async () => {
    const t = testBff()
    await refuseSubmit(t, 'u-handler-01', { itemId: 'seal', values: sealValues, slot: slot('seal-gov', '09:00', '13:30') }, 400, '一次最多预约 4 小时')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'seal', values: sealValues, slot: slot('room-1-301', '09:00', '10:00') }, 400, '所选资源不存在，请重新选择')
  })
})

// ---------------------------------------------------------------------------------------------

describe('在职/收入证明: a document anyone holding the code can check', () => {
  it('HR’s approval issues an employment certificate with a verification code and a masked ID number', async () => {
    const t = testBff()
    const applicant = t.db.users.find((u) => u.id === 'u-fed-01')!
    expect(applicant.idNumber).toMatch(/^\d{17}[\dX]$/)
    const r = await t.ok('u-fed-01', routes.requests.submit, { body: { itemId: 'employment-cert', values: { purpose: '办理贷款' } } })
    expect(r.chain).toEqual([{ label: '人事部门审核', holderName: '邱晓岚', state: 'current' }])
    expect(r.certificate).toBeNull()
    await act(t, 'u-hr-01', r.id, 'approve')
    const done = await view(t, 'u-fed-01', r.id)
    expect(done.status).toBe('done')
    const cert = done.certificate!
    expect(cert).toMatchObject({ title: '在职证明', issuer: '深圳市宝安区人力资源局', issuedAt: at('2026-11-25', '10:00') })
    expect(cert.code).toMatch(/^[0-9A-F]{12}$/)
    expect(cert.body).toContain('苏晓琳')
    expect(cert.body).toContain(`身份证号 ${maskIdNumber(applicant.idNumber!)}`)
    expect(cert.body).not.toContain(applicant.idNumber!)
    expect(cert.body).toContain('用途：办理贷款')

    // anyone holding the code, signed in or not
    expect(await t.ok('u-handler-02', routes.requests.verifyCertificate, { params: { code: cert.code } })).toEqual({
      valid: true,
      title: '在职证明',
      holderName: '苏**',
      issuer: '深圳市宝安区人力资源局',
      issuedAt: cert.issuedAt,
    })
    const anonymous = await t.as(null, routes.requests.verifyCertificate, { params: { code: cert.code } })
    expect(anonymous.status).toBe(200)
    expect((anonymous.body as { holderName: string }).holderName).toBe('苏**')
    await refuse(t, null, routes.requests.verifyCertificate, { params: { code: 'ABCDEF123456' } }, 404, '没有查到这个核验码，证明可能是伪造的，请向开具单位核实')
    await refuse(t, null, routes.requests.verifyCertificate, { params: { code: 'abc-def' } }, 400, '「核验码」格式不对')

    // HR decided it and may see the request, but the document is the applicant's
    const asHr = await view(t, 'u-hr-01', r.id)
    expect(asHr.certificate).toBeNull()
    expect(JSON.stringify(asHr)).not.toContain(cert.code)
    await refuse(t, 'u-handler-02', routes.requests.get, { params: { id: r.id } }, 404)
    await refuse(t, 'u-staff-15', routes.requests.get, { params: { id: r.id } }, 404)
  })

  it('an income certificate goes through the department head first, then HR', async () => {
    const t = testBff()
    const r = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'income-cert', values: { purpose: '租房', note: '房东要求' } } })
    expect(r.chain.map((s) => [s.label, s.holderName])).toEqual([
      ['部门负责人确认', '吴振宇'],
      ['人事部门审核', '邱晓岚'],
    ])
    await act(t, 'u-head-02', r.id, 'approve')
    expect((await view(t, 'u-handler-01', r.id)).certificate).toBeNull()
    await act(t, 'u-hr-01', r.id, 'approve')
    const done = await view(t, 'u-handler-01', r.id)
    expect(done.certificate).toMatchObject({ title: '收入证明' })
    expect(done.certificate!.body).toContain(done.certificate!.code)
    expect(done.certificate!.body).toContain('梁嘉豪')
    expect(await t.ok('u-head-03', routes.requests.verifyCertificate, { params: { code: done.certificate!.code } })).toMatchObject({ valid: true, title: '收入证明', holderName: '梁**' })
    expect((await view(t, 'u-head-02', r.id)).certificate).toBeNull()
  })

  it('a rejected certificate request issues nothing', async () => {
    const t = testBff()
    const r = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'employment-cert', values: { purpose: '其他' } } })
    const issued = t.db.certificates.length
    await act(t, 'u-hr-01', r.id, 'reject', { opinion: '请写明用途' })
    expect(t.db.certificates.filter((c) => c.requestId === r.id)).toEqual([])
    expect(t.db.certificates).toHaveLength(issued)
    expect((await view(t, 'u-handler-01', r.id)).certificate).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------

describe('承诺时限 on the working calendar, and escalation when it runs out', () => {
  it('dueAt counts office hours and working days: a Friday 17:00 room request is due Monday 10:00', async () => {
    const t = testBff()
    const friday = new Date(at('2026-11-27', '17:00'))
    t.setNow(friday)
    const { items } = await t.ok('u-handler-01', routes.requests.catalogue)
    const promise = (id: string) => items.find((i) => i.id === id)!.guide.promise
    expect(promise('room')).toMatchObject({ amount: 2, unit: 'hour' })
    const room = await submitRoom(t, 'u-handler-01', slot('room-1-301', '14:00', '15:00', '2026-11-30'))
    // 17:00–18:00 on Friday, then 09:00–10:00 on Monday: two office hours
    expect(room.dueAt).toBe(at('2026-11-30', '10:00'))
    expect(room.dueAt).toBe(toIso(addWorkingMinutes(friday, promise('room').amount * 60)))
    const car = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'car', values: { reason: '到西乡街道调研', from: '区政府大院', to: '西乡街道办事处', passengers: 3 }, slot: slot('car-b1', '09:00', '12:00', '2026-11-30') } })
    expect(promise('car')).toMatchObject({ amount: 4, unit: 'hour' })
    expect(car.dueAt).toBe(at('2026-11-30', '12:00'))
    expect(promise('leave')).toMatchObject({ amount: 1, unit: 'day' })
    expect((await submitLeave(t)).dueAt).toBe(at('2026-11-30', '18:00'))
    expect(promise('income-cert')).toMatchObject({ amount: 2, unit: 'day' })
    expect((await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'income-cert', values: { purpose: '租房' } } })).dueAt).toBe(at('2026-12-01', '18:00'))
  })

  it('when the promise runs out with the step still open, the next call escalates once: 催办, 超时督办 to the holder’s head, 逾期', async () => {
    const t = testBff()
    const r = await submitRoom(t, 'u-handler-01') // Wed 10:00, due 12:00
    expect(r.dueAt).toBe(at('2026-11-25', '12:00'))
    await t.signIn('u-staff-13')
    const audit = t.db.audit.length
    setClock(t, at('2026-11-25', '11:59'))
    expect((await view(t, 'u-handler-01', r.id)).overdue).toBe(false)
    expect(t.db.audit.length).toBe(audit)

    setClock(t, at('2026-11-25', '12:01'))
    await t.ok('u-handler-02', routes.requests.catalogue) // anybody's call will do: time passing is enough
    expect(t.db.audit.length).toBe(audit + 1)
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'request.escalate', actorId: 'system', actorName: '系统', objectId: r.id })
    expect(verifyAudit(t.db.audit).ok).toBe(true)
    const escalated = auditOf(t, r.id)

    const [todo] = await inboxItem(t, 'u-office-01', 'todo', r.id)
    expect(todo.tags).toEqual(expect.arrayContaining(['todo', 'urge', 'overdue']))
    const [cc] = await inboxItem(t, 'u-staff-13', 'cc', r.id)
    expect(cc).toMatchObject({ step: '超时督办', summary: '袁静处超过承诺时限未办，请督促', status: 'open', link: requestLink(r.id) })
    expect(cc.tags).toContain('urge')
    const seen = await view(t, 'u-handler-01', r.id)
    expect(seen).toMatchObject({ overdue: true, version: 2 })
    expect(seen.timeline.at(-1)).toMatchObject({ actorName: '系统', action: '超时提醒', note: '已超过承诺时限，已提醒孙永红督促' })
    // the head may look at what they are asked to chase
    expect((await view(t, 'u-staff-13', r.id)).availableActions).toEqual([])

    // once only
    setClock(t, at('2026-11-26', '09:30'))
    await view(t, 'u-handler-01', r.id)
    await t.ok('u-office-01', routes.requests.resources, { query: { type: 'room', date: THU } })
    expect(auditOf(t, r.id)).toBe(escalated)
    expect(t.db.workItems.filter((w) => w.objectId === r.id && w.step === '超时督办')).toHaveLength(1)

    // the owner who read version 1 must look again
    expect((await refuseAct(t, 'u-office-01', r.id, 'approve', 409, undefined, { version: 1 })).code).toBe('VERSION_CONFLICT')
    const done = await act(t, 'u-office-01', r.id, 'approve')
    expect(done).toMatchObject({ status: 'done', overdue: true })
    // and the head has nothing left to chase
    expect(await inboxItem(t, 'u-staff-13', 'cc', r.id)).toMatchObject([{ step: '超时督办', status: 'done' }])
    const mine = await t.ok('u-handler-01', routes.requests.mine, {})
    expect(mine.items.find((i) => i.id === r.id)).toMatchObject({ status: 'done', overdue: true })
  })

  it('a returned request does not escalate; a resubmit starts a fresh promise', async () => {
    const t = testBff()
    const r = await submitRoom(t, 'u-handler-01', slot('room-1-301', '14:00', '15:00', '2026-11-27'))
    await act(t, 'u-office-01', r.id, 'return', { opinion: '请写明参会单位' })
    setClock(t, at('2026-11-26', '09:00'))
    const audit = auditOf(t, r.id)
    const seen = await view(t, 'u-handler-01', r.id)
    expect(auditOf(t, r.id)).toBe(audit)
    const again = await t.ok('u-handler-01', routes.requests.resubmit, { params: { id: r.id }, body: { version: seen.version, values: { ...roomValues, title: '季度安全生产工作会（各街道参加）' } } })
    expect(again).toMatchObject({ status: 'pending', dueAt: at('2026-11-26', '11:00'), overdue: false })
  })
})

// ---------------------------------------------------------------------------------------------

describe('评价 and 办理时效统计', () => {
  it('the applicant rates a finished request once, with 1–5 stars', async () => {
    const t = testBff()
    const r = await submitRoom(t, 'u-handler-01')
    await refuseAct(t, 'u-handler-01', r.id, 'rate', 403, '您现在不能进行这个操作', { stars: 5 })
    await act(t, 'u-office-01', r.id, 'approve')
    await refuseAct(t, 'u-handler-01', r.id, 'rate', 400, '请选择评分（1–5 星）')
    await refuseAct(t, 'u-handler-01', r.id, 'rate', 400, '「评分」不能大于 5', { stars: 6 })
    await refuseAct(t, 'u-handler-01', r.id, 'rate', 400, '「评分」不能小于 1', { stars: 0 })
    await refuseAct(t, 'u-handler-01', r.id, 'rate', 400, '「评分」应为整数', { stars: 4.5 })
    await refuseAct(t, 'u-office-01', r.id, 'rate', 409, undefined, { stars: 1 })
    const rated = await act(t, 'u-handler-01', r.id, 'rate', { stars: 4, opinion: '安排及时' })
    expect(rated.rating).toEqual({ stars: 4, comment: '安排及时' })
    expect(rated.availableActions).toEqual([])
    expect(rated.timeline.at(-1)).toMatchObject({ action: '评价 4 星' })
    await refuseAct(t, 'u-handler-01', r.id, 'rate', 409, '该事项当前状态不允许此操作，请刷新后查看', { stars: 1 })
  })

  it('stats per item: count, finished, median working hours, on-time share, average stars — nothing per person', async () => {
    const t = testBff()
    // only what this test files is counted: the seeded month is left out (its own stats are checked in seed-requests.test.ts)
    t.db.requests.splice(0)
    const fast = await submitRoom(t, 'u-handler-01', slot('room-1-301', '15:00', '16:00'))
    const slow = await submitRoom(t, 'u-handler-02', slot('room-1-502', '15:00', '16:00'))
    await submitRoom(t, 'u-head-02', slot('room-2-101', '15:00', '16:00')) // still pending
    await submitLeave(t)
    setClock(t, at('2026-11-25', '10:30'))
    await act(t, 'u-office-01', fast.id, 'approve') // half an hour, on time
    setClock(t, at('2026-11-25', '14:30'))
    await view(t, 'u-office-01', slow.id) // past its promise: escalated by this look, so the owner acts on what she now sees
    await act(t, 'u-office-01', slow.id, 'approve') // 10:00–12:00 and 14:00–14:30: 2.5 office hours, late
    await act(t, 'u-handler-01', fast.id, 'rate', { stars: 5 })
    await act(t, 'u-handler-02', slow.id, 'rate', { stars: 2 })

    await refuse(t, 'u-handler-01', routes.requests.stats, {}, 403)
    const stats = await t.ok('u-office-01', routes.requests.stats)
    expect(stats.items.map((i) => i.itemId)).toEqual(['seal', 'car', 'room', 'leave', 'employment-cert', 'income-cert', 'supplies', 'trip'])
    for (const i of stats.items) expect(Object.keys(i).sort()).toEqual(['averageStars', 'count', 'finished', 'itemId', 'itemName', 'medianHours', 'onTimeRate'])
    expect(stats.items.find((i) => i.itemId === 'room')).toEqual({ itemId: 'room', itemName: '会议室预约', count: 3, finished: 2, medianHours: 1.5, onTimeRate: 0.5, averageStars: 3.5 })
    expect(stats.items.find((i) => i.itemId === 'leave')).toEqual({ itemId: 'leave', itemName: '请休假', count: 1, finished: 0, medianHours: null, onTimeRate: null, averageStars: null })
    expect(stats.items.find((i) => i.itemId === 'seal')).toMatchObject({ count: 0, finished: 0 })
    expect(JSON.stringify(stats)).not.toMatch(/u-|梁|李|袁/)
    expect((await t.ok('u-head-03', routes.requests.stats)).items).toHaveLength(8)
    expect((await t.ok('u-leader-01', routes.requests.stats)).items).toHaveLength(8)
  })
})

// ---------------------------------------------------------------------------------------------

describe('who sees what, and refusals that change nothing', () => {
  it('an applicant never sees another applicant’s request; an approver sees only requests on their chain', async () => {
    const t = testBff()
    const mine = await submitLeave(t, 'u-handler-01')
    const theirs = await submitLeave(t, 'u-handler-02')
    for (const [who, id] of [
      ['u-handler-02', mine.id],
      ['u-handler-01', theirs.id],
      ['u-head-03', mine.id], // another department's head
      ['u-head-02', theirs.id],
      ['u-office-01', mine.id],
      ['u-staff-06', mine.id], // a colleague in the same department
    ] as const) {
      await refuse(t, who, routes.requests.get, { params: { id } }, 404, '该事项不存在，或您无权查看')
      await refuseAct(t, who, id, 'approve', 404)
      await refuse(t, who, routes.requests.resubmit, { params: { id }, body: { version: rowOf(t, id).version, values: leaveValues } }, 404)
    }
    await refuse(t, 'u-handler-01', routes.requests.get, { params: { id: 'req-999' } }, 404, '该事项不存在，或您无权查看')
    expect((await view(t, 'u-head-02', mine.id)).applicantName).toBe('梁嘉豪')
    expect((await view(t, 'u-head-03', theirs.id)).applicantName).toBe('李国华')
    const list = await t.ok('u-handler-01', routes.requests.mine, {})
    expect(list.items.map((i) => i.id)).toEqual([mine.id])
    expect(list.items[0]).toMatchObject({ itemName: '请休假', status: 'pending', dueAt: mine.dueAt, overdue: false })
    // residents have no 零跑动 at all
    await refuse(t, 'r-resident-01', routes.requests.catalogue, {}, 403)
    await refuseSubmit(t, 'r-resident-01', { itemId: 'trip', values: tripValues }, 403)
  })

  it('a stale version is refused with VERSION_CONFLICT and changes nothing; a second approval on the old version too', async () => {
    const t = testBff()
    const r = await submitLeave(t)
    const err = await refuseAct(t, 'u-head-02', r.id, 'approve', 409, '该事项已被他人处理，请刷新后重试', { version: 0 })
    expect(err.code).toBe('VERSION_CONFLICT')
    const v1 = rowOf(t, r.id).version
    await act(t, 'u-head-02', r.id, 'approve')
    const twice = await refuseAct(t, 'u-head-02', r.id, 'approve', 409, undefined, { version: v1 })
    expect(twice.code).toBe('VERSION_CONFLICT')
    // on the current version, the head has nothing left to do here
    await refuseAct(t, 'u-head-02', r.id, 'approve', 403, '您现在不能进行这个操作')
  })

  it('finished requests refuse every action, by anyone, and stay as they were', async () => {
    const t = testBff()
    const done = await submitRoom(t, 'u-handler-01', slot('room-1-301', '14:00', '15:00'))
    await act(t, 'u-office-01', done.id, 'approve')
    await act(t, 'u-handler-01', done.id, 'rate', { stars: 5 })
    const rejected = await submitRoom(t, 'u-handler-01', slot('room-1-502', '14:00', '15:00'))
    await act(t, 'u-office-01', rejected.id, 'reject', { opinion: '该时段已安排其他会议' })
    const withdrawn = await submitRoom(t, 'u-handler-01', slot('room-2-101', '14:00', '15:00'))
    await act(t, 'u-handler-01', withdrawn.id, 'withdraw')
    for (const id of [done.id, rejected.id, withdrawn.id]) {
      for (const who of ['u-handler-01', 'u-office-01']) {
        for (const action of requestActions) {
          const err = await refuseAct(t, who, id, action, 409, '该事项当前状态不允许此操作，请刷新后查看', { opinion: '再试一次', toUserId: 'u-staff-13', stars: 3 })
          expect(err.code).toBe('INVALID_STATE')
        }
      }
      await refuse(t, 'u-handler-01', routes.requests.resubmit, { params: { id }, body: { version: rowOf(t, id).version, values: roomValues } }, 409, '只有被退回的申请可以修改后重新提交')
      await refuse(t, 'u-office-01', routes.requests.resubmit, { params: { id }, body: { version: rowOf(t, id).version, values: roomValues } }, 403)
    }
  })

  it('in-progress requests refuse actions out of turn with 403', async () => {
    const t = testBff()
    const r = await submitLeave(t)
    for (const action of ['approve', 'reject', 'return', 'transfer', 'confirm_use', 'rate'] as const) {
      await refuseAct(t, 'u-handler-01', r.id, action, 403, '您现在不能进行这个操作', { opinion: '理由', toUserId: 'u-staff-06', stars: 5 })
    }
    for (const action of ['withdraw', 'urge', 'confirm_use', 'rate'] as const) {
      await refuseAct(t, 'u-head-02', r.id, action, 403, '您现在不能进行这个操作', { opinion: '理由', stars: 5 })
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('the form, checked against the item’s own fields', () => {
  const leave = (values: Record<string, string | number>) => ({ itemId: 'leave', values: { ...leaveValues, ...values } })
  const room = (values: Record<string, string | number>) => ({ itemId: 'room', values: { ...roomValues, ...values }, slot: slot('room-1-301', '10:00', '11:00') })

  it('over-long text is refused naming the field’s label', async () => {
    const t = testBff()
    const e1 = await refuseSubmit(t, 'u-handler-01', leave({ reason: '因'.repeat(201) }), 400, '「事由」不能超过 200 个字')
    expect(e1.details?.field).toBe('body.values.reason')
    await refuseSubmit(t, 'u-handler-01', room({ title: '会'.repeat(61) }), 400, '「会议名称」不能超过 60 个字')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'trip', values: { ...tripValues, destination: '广'.repeat(41) } }, 400, '「目的地」不能超过 40 个字')
    // beyond the contract's 1000-character cap on any value, the refusal comes earlier; it still points at the field
    const e2 = await refuseSubmit(t, 'u-handler-01', leave({ reason: '因'.repeat(1001) }), 400)
    expect(e2.details?.field).toBe('body.values.reason')
    // exactly at the limit is fine
    expect((await t.ok('u-handler-01', routes.requests.submit, { body: leave({ reason: '因'.repeat(200) }) })).status).toBe('pending')
  })

  it('unknown keys, values outside a list, numbers outside their range and missing answers are refused', async () => {
    const t = testBff()
    const e = await refuseSubmit(t, 'u-handler-01', leave({ salary: 9000 }), 400, '表单中有本事项不需要的内容，请刷新页面后重新填写')
    expect(e.details?.field).toBe('body.values.salary')
    await refuseSubmit(t, 'u-handler-01', leave({ kind: '调休' }), 400, '请从列表中选择「假别」')
    await refuseSubmit(t, 'u-handler-01', leave({ kind: 1 }), 400, '请从列表中选择「假别」')
    await refuseSubmit(t, 'u-handler-01', room({ attendees: 1 }), 400, '「参会人数」不能少于 2')
    await refuseSubmit(t, 'u-handler-01', room({ attendees: 201 }), 400, '「参会人数」不能多于 200')
    await refuseSubmit(t, 'u-handler-01', room({ attendees: 2.5 }), 400, '「参会人数」应填写整数')
    await refuseSubmit(t, 'u-handler-01', room({ attendees: '十二' }), 400, '「参会人数」应填写整数')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'seal', values: { ...sealValues, copies: 51 }, slot: slot('seal-gov', '14:00', '15:00') }, 400, '「份数」不能多于 50')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'seal', values: { ...sealValues, copies: 0 }, slot: slot('seal-gov', '14:00', '15:00') }, 400, '「份数」不能少于 1')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'supplies', values: { item: '硒鼓', quantity: 21, purpose: '打印机换硒鼓' } }, 400, '「数量」不能多于 20')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'room', values: { attendees: 12 }, slot: slot('room-1-301', '10:00', '11:00') }, 400, '请填写「会议名称」')
    await refuseSubmit(t, 'u-handler-01', room({ title: '   ' }), 400, '请填写「会议名称」')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'no-such-item', values: {} }, 404, '没有这个事项，请从服务目录重新选择')
    // a number typed as text is understood
    expect((await t.ok('u-handler-01', routes.requests.submit, { body: room({ attendees: '12' }) })).values.attendees).toBe(12)
    // an optional field may be left out
    expect((await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'employment-cert', values: { purpose: '租房' } } })).status).toBe('pending')
  })

  it('dates must be real dates, in order; a trip cannot start in the past', async () => {
    const t = testBff()
    await refuseSubmit(t, 'u-handler-01', leave({ start: '2026/12/01' }), 400, '「开始日期」日期格式不对')
    await refuseSubmit(t, 'u-handler-01', leave({ start: '2026-13-01' }), 400, '「开始日期」日期格式不对')
    await refuseSubmit(t, 'u-handler-01', leave({ start: '2027-02-30', end: '2027-03-02' }), 400, '「开始日期」日期格式不对')
    await refuseSubmit(t, 'u-handler-01', leave({ start: '2026-12-03', end: '2026-12-01' }), 400, '「结束日期」不能早于「开始日期」')
    await refuseSubmit(t, 'u-handler-01', { itemId: 'trip', values: { ...tripValues, start: '2026-11-24', end: '2026-11-26' } }, 400, '「开始日期」不能早于今天，外出要先报备')
    expect((await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'trip', values: { ...tripValues, start: '2026-11-25', end: '2026-11-25' } } })).status).toBe('pending')
    // sick leave may be filed afterwards
    expect((await t.ok('u-handler-01', routes.requests.submit, { body: leave({ kind: '病假', start: '2026-11-23', end: '2026-11-24' }) })).status).toBe('pending')
  })
})

// ---------------------------------------------------------------------------------------------

describe('adding an item or a resource is adding data', () => {
  it('a chain with the resource owner first: a head’s return keeps the owner’s approval when the slot is kept', async () => {
    const t = testBff()
    const room = t.db.catalogue.find((c) => c.id === 'room')!
    t.db.catalogue.push({
      ...JSON.parse(JSON.stringify(room)),
      id: 'big-room',
      name: '大型会议室预约',
      chain: [
        { kind: 'resource_owner', label: '会议室管理员确认' },
        { kind: 'dept_head', label: '部门负责人审批' },
      ],
    })
    const r = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'big-room', values: roomValues, slot: slot('room-2-101', '14:00', '17:00') } })
    await act(t, 'u-office-01', r.id, 'approve')
    await act(t, 'u-head-02', r.id, 'return', { opinion: '请写明参会范围' })
    // the slot is not sent again: it is kept
    const again = await t.ok('u-handler-01', routes.requests.resubmit, { params: { id: r.id }, body: { version: rowOf(t, r.id).version, values: { ...roomValues, title: '全局干部大会' } } })
    expect(again.chain.map((s) => s.state)).toEqual(['approved', 'current'])
    expect(again.slot).toMatchObject({ resourceId: 'room-2-101', start: at(THU, '14:00') })
    // the same slot written another way is the same slot
    await act(t, 'u-head-02', r.id, 'return', { opinion: '请再核对人数' })
    const same = await t.ok('u-handler-01', routes.requests.resubmit, {
      params: { id: r.id },
      body: { version: rowOf(t, r.id).version, values: { ...roomValues, attendees: 50 }, slot: { resourceId: 'room-2-101', start: '2026-11-26T06:00:00Z', end: '2026-11-26T09:00:00Z' } },
    })
    expect(same.chain.map((s) => s.state)).toEqual(['approved', 'current'])
    // a different slot needs the owner's word again
    await act(t, 'u-head-02', r.id, 'return', { opinion: '下午有冲突，请改到上午' })
    const moved = await t.ok('u-handler-01', routes.requests.resubmit, { params: { id: r.id }, body: { version: rowOf(t, r.id).version, values: roomValues, slot: slot('room-2-101', '10:30', '12:00') } })
    expect(moved.chain.map((s) => s.state)).toEqual(['current', 'waiting'])
  })

  it('a room with its own manager: moving a returned booking there puts it before that manager', async () => {
    const t = testBff()
    t.db.resources.push({ id: 'room-3-201', type: 'room', name: '区政府 3 号楼 201 会议室', location: '区政府大院 3 号楼 2 楼', capacity: 20, ownerId: 'u-staff-02' })
    const first = await submitRoom(t, 'u-handler-01', slot('room-3-201', '14:00', '15:00'))
    expect(first.chain).toEqual([{ label: '会议室管理员确认', holderName: '何嘉欣', state: 'current' }])
    const r = await submitRoom(t, 'u-handler-01', slot('room-1-301', '14:00', '15:00'))
    await act(t, 'u-office-01', r.id, 'return', { opinion: '301 当天装修，请改订 3 号楼' })
    const moved = await t.ok('u-handler-01', routes.requests.resubmit, { params: { id: r.id }, body: { version: rowOf(t, r.id).version, values: roomValues, slot: slot('room-3-201', '15:00', '16:00') } })
    expect(moved.chain).toEqual([{ label: '会议室管理员确认', holderName: '何嘉欣', state: 'current' }])
    expect(await inboxItem(t, 'u-office-01', 'todo', r.id)).toEqual([])
    expect(await inboxItem(t, 'u-staff-02', 'todo', r.id)).toHaveLength(1)
    expect((await act(t, 'u-staff-02', r.id, 'approve')).status).toBe('done')
  })
})

describe('已办 says what was done and when (issue #7: a finished item still said 待您部门负责人审批)', () => {
  it('the approver’s item, once approved, reads 您已同意 with the time; the 待您… words are gone', async () => {
    const t = testBff()
    const sent = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'leave', values: { kind: '事假', start: '2026-11-30', end: '2026-11-30', reason: '家中有事' } } })
    const open = t.db.workItems.find((w) => w.objectId === sent.id && w.audience === 'assignee' && w.status === 'open')!
    expect(open.summary).toMatch(/待您部门负责人审批$/)
    await t.ok(open.assigneeId, routes.requests.act, { params: { id: sent.id }, body: { action: 'approve', version: sent.version } })
    const done = t.db.workItems.find((w) => w.id === open.id)!
    expect(done.status).toBe('done')
    expect(done.summary).toBe('梁嘉豪的申请，您已同意（11-25 10:00）')
  })
})
