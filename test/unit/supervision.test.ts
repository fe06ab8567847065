import { routes } from '../../src/contract/routes'
import type { Route, RouteInput } from '../../src/contract/route'
import type { ItemInput, SupervisionAction } from '../../src/contract/supervision'
import { cstAt } from '../../src/core/time'
import { calendarCovers } from '../../src/core/workdays'
import { verifyAudit } from '../../mock/lib/audit'
import { lightOf, wantedOf } from '../../mock/handlers/supervision'
import { defaultSupRules, type SupItemRow } from '../../mock/supervision-db'
import { expectRefusal, setClock, testBff } from '../support/bff'

/**
 * 督查督办 as its people notice it: the item's status and light, what each may do, their inbox, and
 * what they are told when refused. Every refusal leaves items, inbox and audit exactly as they were.
 */

type T = ReturnType<typeof testBff>
type ActExtra = Omit<RouteInput<typeof routes.supervision.act>['body'], 'action' | 'version'>

const SUPER = 'u-super-01' // 陈思敏, 督查专员
const HEAD = 'u-staff-07' // 蔡建平, 督查室主任
const DATA_HEAD = 'u-head-02' // 吴振宇, 区政数局 (主办)
const DATA_LIAISON = 'u-staff-06' // 刘思远, 区政数局联络员
const CIVIL_HEAD = 'u-head-03' // 张丽娟, 区民政局 (协办)
const EDU_LIAISON = 'u-staff-12' // 赵文斌, 区教育局联络员
const LEADER = 'u-leader-01' // 罗家明, 区级 item's 牵头领导

const rowOf = (t: T, id: string) => t.db.supervision.items.find((s) => s.id === id)!
const keys = (d: { availableActions: { key: string }[] }) => d.availableActions.map((a) => a.key)

function itemInput(x: Partial<ItemInput> = {}): ItemInput {
  return {
    title: '推进全区政务服务事项“掌上办”',
    source: 'meeting',
    basis: '区政府第46次常务会议决定：年底前实现高频政务服务事项“掌上办”。',
    attachmentIds: [],
    deadline: '2026-12-31T18:00:00+08:00',
    level: 'district',
    urgency: 'normal',
    leaderId: LEADER,
    mainDeptId: 'dept-data',
    assistDeptIds: ['dept-civil'],
    rhythm: 'weekly',
    ...x,
  }
}

const create = (t: T, x: Partial<ItemInput> = {}) => t.ok(SUPER, routes.supervision.create, { body: itemInput(x) })
const act = (t: T, who: string, id: string, action: SupervisionAction, extra: ActExtra = {}) =>
  t.ok(who, routes.supervision.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } })
const report = (t: T, who: string, id: string, percent: number, evidence: { kind: 'document' | 'subtask' | 'request'; refId: string }[] = []) =>
  t.ok(who, routes.supervision.feedback, { params: { id }, body: { version: rowOf(t, id).version, progress: `已完成 ${percent}% 的工作。`, nextStep: '继续推进。', percent, evidence, attachmentIds: [] } })

async function running(t: T, x: Partial<ItemInput> = {}) {
  const d = await create(t, x)
  await act(t, HEAD, d.id, 'approve')
  await act(t, SUPER, d.id, 'assign')
  await act(t, DATA_LIAISON, d.id, 'sign')
  if (rowOf(t, d.id).status === 'signing') await act(t, CIVIL_HEAD, d.id, 'sign')
  return d.id
}

async function todo(t: T, who: string, id: string) {
  const page = await t.ok(who, routes.inbox.list, { query: { tab: 'todo', module: 'supervision', limit: 100 } })
  return page.items.filter((i) => i.objectId === id).map((i) => i.step)
}

function refuse<R extends Route>(t: T, who: string, route: R, input: RouteInput<R>, status: number, message?: string | RegExp) {
  return expectRefusal(t, who, route, input, status, message, () => ({
    items: t.db.supervision.items,
    work: t.db.workItems,
    counters: t.db.counters,
    audit: { length: t.db.audit.length, head: t.db.audit.at(-1)?.hash },
  }))
}
const refuseAct = (t: T, who: string, id: string, action: SupervisionAction, status: number, message?: string | RegExp, extra: ActExtra = {}) =>
  refuse(t, who, routes.supervision.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } }, status, message)

describe('督查督办: the whole flow', () => {
  it('立项 → 审核 → 交办 → 签收 → 分解 → 反馈 → 延期 → 申请办结 → 复核退回 → 复核通过 → 归档, each one audit entry', async () => {
    const t = testBff()
    const audit0 = t.db.audit.length
    const d = await create(t)
    expect(d.code).toMatch(/^宝督〔2026〕\d+号$/)
    expect(d.status).toBe('review')
    expect(keys(d)).toEqual([])
    expect(await todo(t, HEAD, d.id)).toEqual(['审核'])
    // a department hears nothing before 交办
    expect((await t.as(DATA_HEAD, routes.supervision.get, { params: { id: d.id } })).status).toBe(404)

    const reviewed = await act(t, HEAD, d.id, 'approve', { opinion: '同意。' })
    expect(reviewed.status).toBe('to_assign')
    expect(await todo(t, HEAD, d.id)).toEqual([])
    expect(await todo(t, SUPER, d.id)).toEqual(['交办'])

    const assigned = await act(t, SUPER, d.id, 'assign')
    expect(assigned.status).toBe('signing')
    expect(assigned.light).toBe('green')
    expect((await todo(t, DATA_LIAISON, d.id)).sort()).toEqual(['签收（主办）'])
    expect(await todo(t, CIVIL_HEAD, d.id)).toEqual(['签收（协办）'])

    await act(t, DATA_LIAISON, d.id, 'sign')
    // the head's 签收 item closes with the 联络员's
    expect(await todo(t, DATA_HEAD, d.id)).toEqual([])
    const started = await act(t, CIVIL_HEAD, d.id, 'sign')
    expect(started.status).toBe('in_progress')
    expect(await todo(t, DATA_HEAD, d.id)).toEqual(['主办'])
    expect(await todo(t, CIVIL_HEAD, d.id)).toEqual(['协办'])

    const asHead = await t.ok(DATA_HEAD, routes.supervision.get, { params: { id: d.id } })
    expect(keys(asHead)).toEqual(expect.arrayContaining(['request_finish', 'add_subtask', 'request_extension']))
    expect(asHead.subtaskOwners.map((p) => p.name)).toContain('梁嘉豪')

    const split = await act(t, DATA_HEAD, d.id, 'add_subtask', { subtaskTitle: '梳理高频事项清单', ownerId: 'u-handler-01', deadline: '2026-12-10T18:00:00+08:00' })
    await act(t, DATA_HEAD, d.id, 'add_subtask', { subtaskTitle: '完成移动端改造', ownerId: 'u-handler-01', deadline: '2026-12-20T18:00:00+08:00', blockedBy: split.subtasks[0].id })
    expect(await todo(t, 'u-handler-01', d.id)).toEqual(['子任务', '子任务'])
    // the tree says who blocks whom, and the blocked one cannot finish first
    const second = rowOf(t, d.id).subtasks[1]
    await refuseAct(t, 'u-handler-01', d.id, 'finish_subtask', 409, '须先完成前置子任务「梳理高频事项清单」', { subtaskId: second.id, opinion: '已完成' })
    await act(t, 'u-handler-01', d.id, 'finish_subtask', { subtaskId: split.subtasks[0].id, opinion: '清单已梳理，共 86 项。' })

    // 最多报一次: the finished sub-task is offered as evidence, attached with one tap, then not offered again
    const seen = await t.ok(DATA_LIAISON, routes.supervision.get, { params: { id: d.id } })
    expect(seen.evidenceOffers.map((e) => e.label)).toEqual(['子任务完成：梳理高频事项清单'])
    const fb = await report(t, DATA_LIAISON, d.id, 40, [{ kind: 'subtask', refId: split.subtasks[0].id }])
    expect(fb.feedbacks[0].evidence[0].text).toBe('清单已梳理，共 86 项。')
    expect(fb.evidenceOffers).toEqual([])
    expect(fb.progress).toBe(40)

    // 延期: 区级 needs the supervisor and then the 牵头领导; the light follows the approved deadline
    await act(t, DATA_HEAD, d.id, 'request_extension', { deadline: '2027-01-15T18:00:00+08:00', opinion: '涉及市级系统接口改造，需延期。' })
    expect(await todo(t, SUPER, d.id)).toEqual(['延期审批'])
    const half = await act(t, SUPER, d.id, 'approve_extension')
    expect(half.extensions[0].state).toBe('pending_leader')
    expect(half.deadline).toBe('2026-12-31T18:00:00+08:00')
    expect(await todo(t, LEADER, d.id)).toEqual(['延期审批'])
    const moved = await act(t, LEADER, d.id, 'approve_extension', { opinion: '同意。' })
    expect(moved.deadline).toBe('2027-01-15T18:00:00+08:00')
    expect(moved.originalDeadline).toBe('2026-12-31T18:00:00+08:00')

    await refuseAct(t, DATA_HEAD, d.id, 'request_finish', 409, '还有 1 个子任务未完成，完成后才能申请办结', { opinion: '已完成' })
    await act(t, 'u-handler-01', d.id, 'finish_subtask', { subtaskId: second.id, opinion: '移动端已上线。' })
    const asked = await act(t, DATA_HEAD, d.id, 'request_finish', { opinion: '86 项高频事项已全部实现掌上办。' })
    expect(asked.status).toBe('checking')
    expect(asked.light).toBeNull()
    expect(await todo(t, SUPER, d.id)).toEqual(['复核'])

    await refuseAct(t, SUPER, d.id, 'refuse', 400, '请填写退回理由')
    const back = await act(t, SUPER, d.id, 'refuse', { opinion: '请补充群众使用情况数据。' })
    expect(back.status).toBe('in_progress')
    await report(t, DATA_LIAISON, d.id, 100)
    await act(t, DATA_HEAD, d.id, 'request_finish', { opinion: '已补充：上线两周办件 1.2 万件。' })
    const done = await act(t, SUPER, d.id, 'pass')
    expect(done.status).toBe('done')
    const archived = await act(t, SUPER, d.id, 'archive')
    expect(archived.status).toBe('archived')
    expect(keys(archived)).toEqual([])
    // nobody is left with an open task on it
    expect(t.db.workItems.filter((w) => w.objectId === d.id && w.status === 'open' && w.audience === 'assignee')).toEqual([])
    expect(verifyAudit(t.db.audit).ok).toBe(true)
    const mine = t.db.audit.slice(audit0).filter((e) => e.objectId === d.id).map((e) => e.action)
    expect(mine).toEqual([
      'supervision.create',
      'supervision.approve',
      'supervision.assign',
      'supervision.sign',
      'supervision.sign',
      'supervision.add_subtask',
      'supervision.add_subtask',
      'supervision.finish_subtask',
      'supervision.feedback',
      'supervision.request_extension',
      'supervision.approve_extension',
      'supervision.approve_extension',
      'supervision.finish_subtask',
      'supervision.request_finish',
      'supervision.refuse',
      'supervision.feedback',
      'supervision.request_finish',
      'supervision.pass',
      'supervision.archive',
    ])
  })

  it('审核退回 goes back to the supervisor, who sends it again', async () => {
    const t = testBff()
    const d = await create(t)
    await refuseAct(t, HEAD, d.id, 'reject', 400, '请填写退回理由')
    await act(t, HEAD, d.id, 'reject', { opinion: '立项依据不清。' })
    expect(await todo(t, SUPER, d.id)).toEqual(['退回修改'])
    const again = await act(t, SUPER, d.id, 'submit')
    expect(again.status).toBe('review')
  })

  it('a 主办 that is not the right unit 退回s with a reason; the supervisor reassigns to another', async () => {
    const t = testBff()
    const d = await create(t, { mainDeptId: 'dept-edu', assistDeptIds: [] })
    await act(t, HEAD, d.id, 'approve')
    await act(t, SUPER, d.id, 'assign')
    await refuseAct(t, EDU_LIAISON, d.id, 'decline', 400, '请填写退回理由')
    const back = await act(t, EDU_LIAISON, d.id, 'decline', { opinion: '不属于本单位职责。' })
    expect(back.status).toBe('to_assign')
    expect(back.departments[0]).toMatchObject({ name: '区教育局', state: 'declined', declineReason: '不属于本单位职责。' })
    expect(await todo(t, SUPER, d.id)).toEqual(['交办'])
    // the unit no longer sees it
    expect((await t.as(EDU_LIAISON, routes.supervision.get, { params: { id: d.id } })).status).toBe(404)
    await refuseAct(t, SUPER, d.id, 'assign', 400, '主办单位已退回，请重新选择主办单位')
    await refuseAct(t, SUPER, d.id, 'assign', 400, '区教育局已退回此事项，请另选主办单位', { mainDeptId: 'dept-edu' })
    const again = await act(t, SUPER, d.id, 'assign', { mainDeptId: 'dept-data' })
    expect(again.status).toBe('signing')
    expect(await todo(t, DATA_LIAISON, d.id)).toEqual(['签收（主办）'])
  })

  it('a 协办 退回 tells the supervisor and the item starts without it', async () => {
    const t = testBff()
    const d = await create(t)
    await act(t, HEAD, d.id, 'approve')
    await act(t, SUPER, d.id, 'assign')
    await act(t, DATA_LIAISON, d.id, 'sign')
    const after = await act(t, CIVIL_HEAD, d.id, 'decline', { opinion: '本单位不涉及该事项。' })
    expect(after.status).toBe('in_progress')
    const cc = await t.ok(SUPER, routes.inbox.list, { query: { tab: 'cc', module: 'supervision', limit: 100 } })
    expect(cc.items.find((i) => i.objectId === d.id)?.summary).toBe('区民政局退回协办：本单位不涉及该事项。')
  })

  it('延期 refused keeps the deadline; 部门级 needs only the supervisor', async () => {
    const t = testBff()
    const id = await running(t, { level: 'department' })
    await act(t, DATA_HEAD, id, 'request_extension', { deadline: '2027-01-10T18:00:00+08:00', opinion: '需要延期。' })
    await refuseAct(t, DATA_HEAD, id, 'request_extension', 403, '您现在不能进行这个操作', { deadline: '2027-01-20T18:00:00+08:00', opinion: '再延期。' })
    const refused = await act(t, SUPER, id, 'refuse_extension', { opinion: '时限不能调整。' })
    expect(refused.deadline).toBe('2026-12-31T18:00:00+08:00')
    expect(refused.extensions[0].stateText).toBe('未同意')
    await act(t, DATA_HEAD, id, 'request_extension', { deadline: '2027-01-10T18:00:00+08:00', opinion: '接口改造确需延期。' })
    const ok = await act(t, SUPER, id, 'approve_extension')
    expect(ok.deadline).toBe('2027-01-10T18:00:00+08:00')
    // history is kept
    expect(ok.extensions.map((e) => e.state)).toEqual(['refused', 'approved'])
  })

  it('sub-task deadlines never pass the item’s: a pending 延期 does not lift the limit, an approved one does', async () => {
    const t = testBff()
    const id = await running(t, { level: 'department' })
    const sub = (title: string, deadline: string) => ({ subtaskTitle: title, ownerId: 'u-handler-01', deadline })
    await act(t, DATA_HEAD, id, 'request_extension', { deadline: '2027-01-15T18:00:00+08:00', opinion: '接口改造确需延期。' })
    await refuseAct(t, DATA_HEAD, id, 'add_subtask', 400, '子任务的时限不能晚于事项的办结时限（2026-12-31）', sub('等延期的子任务', '2027-01-08T18:00:00+08:00'))
    await act(t, SUPER, id, 'approve_extension')
    const d = await act(t, DATA_HEAD, id, 'add_subtask', sub('延期后的子任务', '2027-01-15T18:00:00+08:00'))
    expect(d.subtasks.map((x) => x.deadline)).toEqual(['2027-01-15T18:00:00+08:00'])
    await refuseAct(t, DATA_HEAD, id, 'add_subtask', 400, '子任务的时限不能晚于事项的办结时限（2027-01-15）', sub('仍不能更晚', '2027-01-18T18:00:00+08:00'))
  })

  it('the ladder: 提醒 the 联络员 → 催办 the head → 督办单 blue, yellow, red to the 牵头领导, each in the inbox tagged 催办', async () => {
    const t = testBff()
    const id = await running(t)
    const steps: string[] = []
    for (let i = 0; i < 5; i++) steps.push((await act(t, SUPER, id, 'escalate')).escalations.at(-1)!.label)
    expect(steps).toEqual(['提醒', '催办', '蓝色督办单', '黄色督办单', '红色督办单'])
    const d = await t.ok(SUPER, routes.supervision.get, { params: { id } })
    expect(d.escalations.map((e) => e.toNames.join())).toEqual(['刘思远', '吴振宇', '罗家明', '罗家明', '罗家明'])
    expect(keys(d)).not.toContain('escalate')
    await refuseAct(t, SUPER, id, 'escalate', 409, '督办已到红色督办单，不能再升级')
    const cc = await t.ok(LEADER, routes.inbox.list, { query: { tab: 'cc', module: 'supervision', limit: 100 } })
    const notices = cc.items.filter((i) => i.objectId === id)
    expect(notices.map((i) => i.step).sort()).toEqual(['红色督办单', '蓝色督办单', '黄色督办单'].sort())
    expect(notices.every((i) => i.tags.includes('urge'))).toBe(true)
    // the head's own 主办 item is marked 催办 too
    const headTodo = await t.ok(DATA_HEAD, routes.inbox.list, { query: { tab: 'todo', module: 'supervision', limit: 100 } })
    expect(headTodo.items.find((i) => i.objectId === id && i.step === '主办')?.tags).toContain('urge')
  })

  it('the automatic ladder steps a red item up once per working day, and not in quiet hours unless 特急', async () => {
    const t = testBff()
    const id = await running(t, { deadline: '2026-12-04T18:00:00+08:00' })
    // Monday 7 Dec 20:00: past the deadline, but after office hours
    setClock(t, '2026-12-07T20:00:00+08:00')
    await t.ok(SUPER, routes.supervision.get, { params: { id } })
    expect(rowOf(t, id).escalations).toEqual([])
    setClock(t, '2026-12-08T09:30:00+08:00')
    const d = await t.ok(SUPER, routes.supervision.get, { params: { id } })
    expect(d.escalations.map((e) => [e.label, e.automatic, e.byName])).toEqual([['提醒', true, '系统']])
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'supervision.escalate', actorName: '系统' })
    await t.ok(SUPER, routes.supervision.get, { params: { id } })
    expect(rowOf(t, id).escalations.length).toBe(1)
    setClock(t, '2026-12-09T09:30:00+08:00')
    await t.ok(SUPER, routes.supervision.list, { query: { box: 'supervising' } })
    expect(rowOf(t, id).escalations.map((e) => e.step)).toEqual(['remind', 'urge'])
  })

  it('two supervisors acting on one item at once: one wins, the other is told', async () => {
    const t = testBff()
    const d = await create(t)
    await act(t, HEAD, d.id, 'approve')
    const v = rowOf(t, d.id).version
    const [a, b] = await Promise.all([
      t.as(SUPER, routes.supervision.act, { params: { id: d.id }, body: { action: 'assign', version: v } }),
      t.as('u-super-02', routes.supervision.act, { params: { id: d.id }, body: { action: 'escalate', version: v } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    expect(((a.status === 409 ? a : b).body as { message: string }).message).toBe('该督办事项已被他人处理，请刷新后重试')
  })

  it('a double tap creates one item', async () => {
    const t = testBff()
    const before = t.db.supervision.items.length
    const [a, b] = await Promise.all([
      t.as(SUPER, routes.supervision.create, { body: itemInput(), idempotencyKey: 'sup-double-tap-1' }),
      t.as(SUPER, routes.supervision.create, { body: itemInput(), idempotencyKey: 'sup-double-tap-1' }),
    ])
    expect(a.status).toBe(200)
    expect([200, 409]).toContain(b.status)
    expect(t.db.supervision.items.length).toBe(before + 1)
  })
})

describe('督查督办: refusals change nothing', () => {
  it('立项 with bad choices', async () => {
    const t = testBff()
    const c = (x: Partial<ItemInput>) => ({ body: itemInput(x) })
    await refuse(t, SUPER, routes.supervision.create, c({ leaderId: 'u-head-02' }), 400, '「牵头领导」须为区领导，请重新选择')
    await refuse(t, SUPER, routes.supervision.create, c({ mainDeptId: 'dept-wf' }), 400, '区妇女联合会暂无督查联络员，不能交办，请先在联络员名册中登记')
    await refuse(t, SUPER, routes.supervision.create, c({ deadline: '2026-11-20T18:00:00+08:00' }), 400, '「办结时限」应晚于现在')
    await refuse(t, SUPER, routes.supervision.create, c({ documentId: 'doc-001' }), 404, '来源公文不存在，或您无权查看')
    await refuse(t, DATA_HEAD, routes.supervision.create, c({}), 403)
  })

  it('the wrong person, the wrong time, a stale version', async () => {
    const t = testBff()
    const d = await create(t)
    await refuseAct(t, SUPER, d.id, 'approve', 403, '您现在不能进行这个操作')
    await refuseAct(t, HEAD, d.id, 'assign', 403)
    await refuse(t, HEAD, routes.supervision.act, { params: { id: d.id }, body: { action: 'approve', version: 99 } }, 409, '该督办事项已被他人处理，请刷新后重试')
    await act(t, HEAD, d.id, 'approve')
    await act(t, SUPER, d.id, 'assign')
    await refuseAct(t, CIVIL_HEAD, d.id, 'request_finish', 403)
    await refuse(t, DATA_LIAISON, routes.supervision.feedback, { params: { id: d.id }, body: { version: rowOf(t, d.id).version, progress: '还没签收就反馈', nextStep: '签收', percent: 5, evidence: [], attachmentIds: [] } }, 409, '事项签收后才能反馈进展')
    await act(t, DATA_LIAISON, d.id, 'sign')
    await act(t, CIVIL_HEAD, d.id, 'sign')
    const id = d.id
    await refuseAct(t, DATA_HEAD, id, 'add_subtask', 400, '子任务的时限不能晚于事项的办结时限（2026-12-31）', { subtaskTitle: '超期的子任务', ownerId: 'u-handler-01', deadline: '2027-01-05T18:00:00+08:00' })
    await refuseAct(t, DATA_HEAD, id, 'add_subtask', 400, '「负责人」须为主办或已签收的协办单位的人员', { subtaskTitle: '外单位的人', ownerId: 'u-staff-13', deadline: '2026-12-05T18:00:00+08:00' })
    await refuseAct(t, DATA_LIAISON, id, 'add_subtask', 403, undefined, { subtaskTitle: '联络员不能分解', ownerId: 'u-handler-01', deadline: '2026-12-05T18:00:00+08:00' })
    await refuseAct(t, DATA_HEAD, id, 'request_extension', 400, '申请的时限应晚于现在的办结时限（2026-12-31）', { deadline: '2026-12-20T18:00:00+08:00', opinion: '提前' })
    await refuse(t, 'u-staff-13', routes.supervision.feedback, { params: { id }, body: { version: rowOf(t, id).version, progress: '不是我的事', nextStep: '无事', percent: 5, evidence: [], attachmentIds: [] } }, 404)
    await refuse(t, DATA_LIAISON, routes.supervision.feedback, { params: { id }, body: { version: rowOf(t, id).version, progress: '编造佐证', nextStep: '继续', percent: 5, evidence: [{ kind: 'request', refId: 'req-001' }], attachmentIds: [] } }, 400, '所选佐证不可用或已报送过，请刷新后重试')
    await refuseAct(t, SUPER, id, 'approve_extension', 403)
    await act(t, DATA_HEAD, id, 'request_finish', { opinion: '已完成。' })
    await act(t, SUPER, id, 'pass')
    await refuseAct(t, DATA_HEAD, id, 'request_finish', 409, '该督办事项已办结，不能再办理', { opinion: '再次' })
    await refuse(t, DATA_LIAISON, routes.supervision.feedback, { params: { id }, body: { version: rowOf(t, id).version, progress: '办结后反馈', nextStep: '无事', percent: 5, evidence: [], attachmentIds: [] } }, 409, '该督办事项已办结，不能再反馈')
  })

  it('a department sees only its own items; the 督查室 sees all; a leader sees what they lead', async () => {
    const t = testBff()
    const list = async (who: string, box: 'supervising' | 'handling' | 'leading') => (await t.ok(who, routes.supervision.list, { query: { box, limit: 100 } })).items.map((i) => i.title)
    expect(await list(DATA_HEAD, 'handling')).toEqual(expect.arrayContaining(['推进政务服务“一网通办”事项全覆盖']))
    expect(await list(DATA_HEAD, 'handling')).not.toContain('城镇燃气安全专项整治百日行动')
    expect((await list(HEAD, 'supervising')).length).toBe(t.db.supervision.items.length)
    expect(await list('u-staff-01', 'leading')).toEqual(expect.arrayContaining(['推进政务服务“一网通办”事项全覆盖', '完成2026年度事业单位公开招聘工作']))
    expect(await list('u-staff-01', 'leading')).not.toContain('城镇燃气安全专项整治百日行动')
    const gas = t.db.supervision.items.find((s) => s.title === '城镇燃气安全专项整治百日行动')!
    expect((await t.as(DATA_HEAD, routes.supervision.get, { params: { id: gas.id } })).status).toBe(404)
    // a 协办 unit sees its own sub-tasks, not the 主办's others
    const care = t.db.supervision.items.find((s) => s.documentId)!
    const asAssist = await t.ok(DATA_LIAISON, routes.supervision.get, { params: { id: care.id } })
    expect(asAssist.subtasks.map((s) => s.deptName)).toEqual(['区政务服务数据管理局'])
    const asMain = await t.ok(CIVIL_HEAD, routes.supervision.get, { params: { id: care.id } })
    expect(asMain.subtasks.length).toBe(3)
    expect(asMain.subtasks[1]).toMatchObject({ title: '困难群众走访慰问', blockedByTitle: '低保、特困人员数据比对' })
  })
})

describe('转督办 from a 公文 批办', () => {
  it('the supervisor sees the 批办 documents passed to them and gets the 立项 prefilled', async () => {
    const t = testBff()
    const sources = await t.ok(SUPER, routes.supervision.documentSources)
    const free = sources.items.find((x) => !x.linkedItemId)!
    expect(free.instruction).toMatch(/同意拟办意见/)
    const pre = await t.ok(SUPER, routes.supervision.prefill, { params: { documentId: free.id } })
    expect(pre).toMatchObject({ source: 'leader_instruction', documentId: free.id, mainDeptId: 'dept-data' })
    expect(pre.basis).toMatch(/批示/)
    const d = await create(t, { title: pre.title, basis: pre.basis, leaderId: pre.leaderId, mainDeptId: pre.mainDeptId!, assistDeptIds: pre.assistDeptIds, documentId: pre.documentId })
    expect(d.document?.id).toBe(free.id)
    const again = await t.ok(SUPER, routes.supervision.documentSources)
    expect(again.items.find((x) => x.id === free.id)?.linkedItemId).toBe(d.id)
    // the linked document's 办结 result is offered as evidence once the unit runs it
    await act(t, HEAD, d.id, 'approve')
    await act(t, SUPER, d.id, 'assign')
    await act(t, DATA_LIAISON, d.id, 'sign')
    const seen = await t.ok(DATA_LIAISON, routes.supervision.get, { params: { id: d.id } })
    expect(seen.evidenceOffers.map((e) => e.kind)).toEqual(['document'])
  })

  it('a document the caller cannot see is a 404; only the 督查室 turns one into an item', async () => {
    const t = testBff()
    await refuse(t, SUPER, routes.supervision.prefill, { params: { documentId: 'doc-001' } }, 404)
    await refuse(t, DATA_HEAD, routes.supervision.prefill, { params: { documentId: 'doc-001' } }, 403, '只有督查室可以转督办')
  })
})

describe('附件 on an item and its feedback', () => {
  const file = (t: T, id: string, by: string, name: string) => {
    t.db.files.push({ id, name, size: 9, mime: 'application/pdf', sha256: '', uploadedBy: by, createdAt: '2026-11-25T09:00:00+08:00', data: 'JVBERi0xLjQ=' })
    return id
  }

  it('the 立项 basis’s files open for whoever sees the item; a feedback’s only where the feedback shows', async () => {
    const t = testBff()
    const basis = file(t, 'file-sv-basis', SUPER, '常务会议纪要.pdf')
    const id = await running(t, { attachmentIds: [basis] })
    const d = await t.ok(DATA_LIAISON, routes.supervision.get, { params: { id } })
    expect(d.attachments.map((a) => a.name)).toEqual(['常务会议纪要.pdf'])
    for (const who of [HEAD, DATA_LIAISON, CIVIL_HEAD, LEADER]) expect((await t.ok(who, routes.files.meta, { params: { id: basis } })).name).toBe('常务会议纪要.pdf')
    // a unit the item was never assigned to cannot even tell the file exists
    await refuse(t, EDU_LIAISON, routes.files.meta, { params: { id: basis } }, 404)

    // the 协办's own report, with its own file: the 主办 and the 督查室 see it, another 协办 would not
    const civilFile = file(t, 'file-sv-civil', CIVIL_HEAD, '救助名单.pdf')
    await t.ok(CIVIL_HEAD, routes.supervision.feedback, { params: { id }, body: { version: rowOf(t, id).version, progress: '已提供救助对象名单。', nextStep: '配合核对。', percent: 50, evidence: [], attachmentIds: [civilFile] } })
    const seen = await t.ok(DATA_HEAD, routes.supervision.get, { params: { id } })
    expect(seen.feedbacks.at(-1)?.attachments.map((a) => a.name)).toEqual(['救助名单.pdf'])
    expect((await t.ok(SUPER, routes.files.meta, { params: { id: civilFile } })).name).toBe('救助名单.pdf')
    expect((await t.ok(DATA_LIAISON, routes.files.meta, { params: { id: civilFile } })).name).toBe('救助名单.pdf')
    await refuse(t, EDU_LIAISON, routes.files.meta, { params: { id: civilFile } }, 404)
  })

  it('someone else’s upload cannot be attached', async () => {
    const t = testBff()
    const theirs = file(t, 'file-sv-theirs', EDU_LIAISON, '别人的文件.pdf')
    await refuse(t, SUPER, routes.supervision.create, { body: itemInput({ attachmentIds: [theirs] }) }, 400, '附件不存在或已失效，请重新上传')
  })
})

describe('转督办 from the 公文 page', () => {
  it('a supervisor sees 转督办 on a 批办 document, leading to the prefilled 立项; afterwards 查看督办', async () => {
    const t = testBff()
    const free = (await t.ok(SUPER, routes.supervision.documentSources)).items.find((x) => !x.linkedItemId)!
    const doc = await t.ok(SUPER, routes.documents.get, { params: { id: free.id } })
    expect(doc.links).toEqual([{ key: 'supervision-compose', label: '转督办', url: `/features/supervision/pages/compose/index?documentId=${free.id}` }])
    const pre = await t.ok(SUPER, routes.supervision.prefill, { params: { documentId: free.id } })
    const d = await create(t, { title: pre.title, basis: pre.basis, leaderId: pre.leaderId, mainDeptId: pre.mainDeptId!, documentId: pre.documentId })
    const after = await t.ok(SUPER, routes.documents.get, { params: { id: free.id } })
    expect(after.links).toEqual([{ key: 'supervision-item', label: '查看督办', url: `/features/supervision/pages/detail/index?id=${d.id}` }])
  })

  it('nobody else is offered it, and a document without 批办 offers nothing', async () => {
    const t = testBff()
    const linked = (await t.ok(SUPER, routes.supervision.documentSources)).items.find((x) => x.linkedItemId)!
    const instructed = t.db.documents.find((d) => d.id === linked.id)!
    const reader = instructed.opinions.find((o) => o.stage === 'instruct')!.userId
    expect((await t.ok(reader, routes.documents.get, { params: { id: instructed.id } })).links).toEqual([])
    const plain = t.db.documents.find((d) => !d.opinions.some((o) => o.stage === 'instruct') && d.drafterId)!
    expect((await t.ok(plain.drafterId!, routes.documents.get, { params: { id: plain.id } })).links).toEqual([])
  })
})

describe('lights on the working-day calendar', () => {
  const rules = defaultSupRules()
  const item = (x: Partial<SupItemRow>): SupItemRow => ({
    id: 'sup-x',
    code: '',
    title: '',
    source: 'meeting',
    basis: '',
    attachmentIds: [],
    deadline: '2026-10-16T18:00:00+08:00',
    level: 'district',
    urgency: 'normal',
    leaderId: LEADER,
    rhythm: 'weekly',
    documentId: null,
    creatorId: SUPER,
    status: 'in_progress',
    depts: [{ deptId: 'dept-data', role: 'main', state: 'signed', assignedAt: '2026-09-01T10:00:00+08:00', signedAt: '2026-09-01T11:00:00+08:00', declineReason: null }],
    startedAt: '2026-09-01T11:00:00+08:00',
    subtasks: [],
    feedbacks: [],
    extensions: [],
    escalations: [],
    finishRequestedAt: null,
    finishedAt: null,
    createdAt: '',
    updatedAt: '',
    version: 1,
    timeline: [],
    ...x,
  })
  const fb = (at: string) => ({ id: at, at, byId: DATA_LIAISON, deptId: 'dept-data', role: 'main' as const, progress: '', difficulty: null, nextStep: '', percent: 10, evidence: [], attachmentIds: [] })
  const at = (day: string, h = 10) => cstAt(day, h)

  it.each([
    // 国庆 2026: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct make-up workdays; a deadline of Fri 16 Oct
    ['before 国庆: 16 calendar days, 8 working days', '2026-09-30', { light: 'green', reason: '按期推进，距办结时限 8 个工作日' }],
    ['during 国庆 the days off do not count', '2026-10-05', { light: 'green', reason: '按期推进，距办结时限 8 个工作日' }],
    ['the make-up Saturday counts', '2026-10-09', { light: 'green', reason: '按期推进，距办结时限 6 个工作日' }],
    ['three working days left is yellow for 区级', '2026-10-13', { light: 'yellow', reason: '距办结时限 3 个工作日（≤3 个工作日为黄灯）' }],
    ['the last day', '2026-10-16', { light: 'yellow', reason: '今天到期（≤3 个工作日为黄灯）' }],
    ['past it, across a weekend', '2026-10-19', { light: 'red', reason: '已超过办结时限 1 个工作日' }],
  ] as const)('%s', (_label, day, want) => {
    const fbs = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-12'].map((d) => fb(`${d}T10:00:00+08:00`))
    expect(lightOf(item({ feedbacks: fbs, rhythm: 'monthly' }), rules, at(day))).toMatchObject(want)
  })

  // the same rule over the other years' real calendars: only the deadline counts here (节点 with no sub-task)
  it.each([
    // 春节 2025: 28 Jan – 4 Feb off, Sun 26 Jan and Sat 8 Feb are make-up workdays; deadline Mon 10 Feb
    ['2025 春节: the make-up Sunday counts, the holiday does not', '2025-02-10', '2025-01-24', { light: 'green', reason: '按期推进，距办结时限 7 个工作日' }],
    ['2025 春节: on a holiday the days left are the same as on the last day before it', '2025-02-10', '2025-02-03', { light: 'green', reason: '按期推进，距办结时限 5 个工作日' }],
    ['2025 春节: the make-up Saturday brings the yellow a day early', '2025-02-10', '2025-02-06', { light: 'yellow', reason: '距办结时限 3 个工作日（≤3 个工作日为黄灯）' }],
    ['2025 春节: a day past it', '2025-02-10', '2025-02-11', { light: 'red', reason: '已超过办结时限 1 个工作日' }],
    // 国庆 and 中秋 2025: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct are make-up workdays; deadline Mon 13 Oct
    ['2025 国庆: eight days off count for nothing', '2025-10-13', '2025-09-30', { light: 'green', reason: '按期推进，距办结时限 4 个工作日' }],
    ['2025 国庆: the make-up Saturday counts', '2025-10-13', '2025-10-09', { light: 'yellow', reason: '距办结时限 3 个工作日（≤3 个工作日为黄灯）' }],
    ['2025 国庆: past it', '2025-10-13', '2025-10-14', { light: 'red', reason: '已超过办结时限 1 个工作日' }],
    // 2026 春节: 15–23 Feb off, Sat 14 and Sat 28 Feb make-up workdays; deadline Mon 2 Mar
    ['2026 春节: across the holiday', '2026-03-02', '2026-02-13', { light: 'green', reason: '按期推进，距办结时限 7 个工作日' }],
    ['2026 春节: the make-up Saturday 28 Feb counts', '2026-03-02', '2026-02-26', { light: 'yellow', reason: '距办结时限 3 个工作日（≤3 个工作日为黄灯）' }],
  ] as const)('%s', (_label, deadline, day, want) => {
    expect(lightOf(item({ rhythm: 'milestone', deadline: `${deadline}T18:00:00+08:00`, startedAt: '2025-01-02T11:00:00+08:00' }), rules, at(day))).toEqual(want)
  })

  it('2027: the State Council has not published its schedule (chinese-days 1.5.7), so only weekends rest until it is', () => {
    // when this fails, the 2027 schedule has been imported (scripts/update-holidays.ts): add its 春节 and 国庆 rows above
    expect(calendarCovers(2027)).toBe(false)
    // deadline Mon 8 Feb 2027, seen on Fri 29 Jan: 1–5 and 8 Feb
    expect(lightOf(item({ rhythm: 'milestone', deadline: '2027-02-08T18:00:00+08:00' }), rules, at('2027-01-29'))).toEqual({ light: 'green', reason: '按期推进，距办结时限 6 个工作日' })
  })

  it('red turns yellow across 国庆 2025 when the late report arrives, green after the next on time', () => {
    // weekly from Mon 22 Sep 2025: the 1st report is due on the make-up Sunday 28 Sep, the 2nd on the make-up Saturday 11 Oct
    const base = { startedAt: '2025-09-22T11:00:00+08:00', deadline: '2025-12-31T18:00:00+08:00' }
    expect(lightOf(item(base), rules, at('2025-09-30'))).toEqual({ light: 'red', reason: '第 1 次反馈已逾期 2 个工作日' })
    // the holiday does not make it later
    expect(lightOf(item(base), rules, at('2025-10-09'))).toEqual({ light: 'red', reason: '第 1 次反馈已逾期 3 个工作日' })
    const late = item({ ...base, feedbacks: [fb('2025-10-09T10:00:00+08:00')] })
    expect(lightOf(late, rules, at('2025-10-09', 11))).toEqual({ light: 'yellow', reason: '第 1 次反馈逾期 3 个工作日后补报，下次按时反馈后转绿' })
    const onTime = item({ ...base, feedbacks: [fb('2025-10-09T10:00:00+08:00'), fb('2025-10-11T10:00:00+08:00')] })
    expect(lightOf(onTime, rules, at('2025-10-11', 11))?.light).toBe('green')
  })

  it('春节 2026 holidays push the feedback due dates', () => {
    // started Fri 13 Feb 2026, weekly: 15–23 Feb are off (14 Feb and 28 Feb are make-up workdays)
    const s = item({ startedAt: '2026-02-13T11:00:00+08:00', deadline: '2026-04-30T18:00:00+08:00' })
    // the 5th working day after the 13th is Fri 27 Feb (14 Feb's make-up, then 24, 25, 26, 27)
    expect(lightOf(s, rules, at('2026-02-27'))?.light).toBe('green')
    // Sat 28 Feb is a make-up workday too: by Mon 2 Mar the report is two working days late
    expect(lightOf(s, rules, at('2026-03-02'))).toEqual({ light: 'red', reason: '第 1 次反馈已逾期 2 个工作日' })
  })

  it('red turns yellow when the late feedback arrives, and green only after one on time', () => {
    const base = { startedAt: '2026-09-01T11:00:00+08:00', deadline: '2026-11-30T18:00:00+08:00' }
    // weekly from 1 Sep: 1st due 8 Sep 18:00, 2nd due 15 Sep 18:00
    expect(lightOf(item({ ...base }), rules, at('2026-09-10'))).toEqual({ light: 'red', reason: '第 1 次反馈已逾期 2 个工作日' })
    const late = item({ ...base, feedbacks: [fb('2026-09-11T10:00:00+08:00')] })
    expect(lightOf(late, rules, at('2026-09-11', 11))).toEqual({ light: 'yellow', reason: '第 1 次反馈逾期 3 个工作日后补报，下次按时反馈后转绿' })
    const onTime = item({ ...base, feedbacks: [fb('2026-09-11T10:00:00+08:00'), fb('2026-09-14T10:00:00+08:00')] })
    expect(lightOf(onTime, rules, at('2026-09-14', 11))?.light).toBe('green')
  })

  it('thresholds are data per level; 延期 moves the lights', () => {
    const s = item({ deadline: '2026-11-27T18:00:00+08:00', feedbacks: [] , startedAt: '2026-11-23T11:00:00+08:00' })
    expect(lightOf(s, rules, at('2026-11-24'))?.light).toBe('yellow')
    expect(lightOf({ ...s, level: 'department' }, rules, at('2026-11-24'))?.light).toBe('green')
    expect(lightOf(s, { ...rules, yellowWithin: { district: 1, department: 1 } }, at('2026-11-24'))?.light).toBe('green')
    const extended = { ...s, extensions: [{ id: 'e1', byId: DATA_HEAD, at: '', from: s.deadline, to: '2026-12-18T18:00:00+08:00', reason: '', state: 'approved' as const, decisions: [] }] }
    expect(lightOf(extended, rules, at('2026-11-24'))?.light).toBe('green')
    expect(lightOf(extended, rules, at('2026-12-21'))?.light).toBe('red')
  })

  it('a department that has not signed within its working day is red', () => {
    const s = item({ status: 'signing', startedAt: null, depts: [{ deptId: 'dept-data', role: 'main', state: 'pending', assignedAt: '2026-11-20T16:00:00+08:00', signedAt: null, declineReason: null }], deadline: '2026-12-30T18:00:00+08:00' })
    // Friday 16:00 + 1 working day = Monday 18:00
    expect(lightOf(s, rules, at('2026-11-23', 17))?.light).toBe('green')
    expect(lightOf(s, rules, at('2026-11-24', 9))?.reason).toBe('有单位逾期未签收（应在 1 个工作日内签收）')
  })
})

describe('the seed', () => {
  it('has items in every state and light, linked to a 公文, replayed so inbox and audit agree', async () => {
    const t = testBff()
    const states = new Set(t.db.supervision.items.map((s) => s.status))
    expect([...states].sort()).toEqual(['archived', 'checking', 'done', 'in_progress', 'returned', 'review', 'signing', 'to_assign'])
    const wb = await t.ok(SUPER, routes.supervision.workbench)
    expect(wb.counts.green).toBeGreaterThan(0)
    expect(wb.counts.yellow).toBeGreaterThan(0)
    expect(wb.counts.red).toBeGreaterThan(0)
    expect(t.db.supervision.items.some((s) => s.documentId)).toBe(true)
    expect(verifyAudit(t.db.audit).ok).toBe(true)
    for (const s of t.db.supervision.items) {
      const open = t.db.workItems.filter((w) => w.objectId === s.id && w.audience === 'assignee' && w.status === 'open').map((w) => `${w.assigneeId}|${w.step}|${w.summary}`)
      expect(open.sort()).toEqual(wantedOf(t.db, s).sort())
    }
    const stats = await t.ok(SUPER, routes.supervision.stats)
    expect(stats.byDept.find((d) => d.name === '区教育局')).toMatchObject({ finished: 1, overdue: 1, avgDelayDays: 2 })
  })

  it('statistics: 按期 counts only what 复核 has passed — a 申请办结 in time that awaits 复核 is still 在办, never more 按期 than 办结', async () => {
    const t = testBff()
    const checking = t.db.supervision.items.find((s) => s.status === 'checking')!
    const main = t.db.departments.find((d) => d.id === checking.depts.find((x) => x.role === 'main')!.deptId)!.name
    const before = await t.ok(SUPER, routes.supervision.stats)
    for (const r of [...before.byDept, ...before.bySource]) expect(r.onTime + r.overdue).toBeLessThanOrEqual(r.total)
    for (const r of [...before.byDept, ...before.bySource]) expect(r.onTime).toBeLessThanOrEqual(r.finished)
    const row0 = before.byDept.find((d) => d.name === main)!
    await act(t, SUPER, checking.id, 'pass')
    const row1 = (await t.ok(SUPER, routes.supervision.stats)).byDept.find((d) => d.name === main)!
    expect([row1.finished, row1.onTime, row1.overdue]).toEqual([row0.finished + 1, row0.onTime + 1, row0.overdue])
  })
})
