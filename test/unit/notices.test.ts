import { routes } from '../../src/contract/routes'
import { verifyAudit } from '../../mock/lib/audit'
import { errorOf, testBff } from '../support/bff'

const body = { title: '关于开展消防安全检查的通知', body: '请各科室于本周内完成办公区域消防安全自查。', readerIds: ['u-handler-01', 'u-head-02', 'u-clerk-02'] }

async function withNotice() {
  const t = testBff()
  const n = await t.ok('u-head-01', routes.notices.create, { body })
  const itemOf = (userId: string) => t.db.workItems.find((w) => w.objectId === n.id && w.assigneeId === userId && w.audience === 'assignee')!
  return { t, n, itemOf }
}

describe('工作通知: the foundation workflow', () => {
  it('sending opens a 传阅 item for every reader and a 我发起的 item for the sender', async () => {
    const { t, n } = await withNotice()
    const inbox = await t.ok('u-handler-01', routes.inbox.list, { query: { tab: 'todo' } })
    const mine = inbox.items.find((i) => i.objectId === n.id)!
    expect(mine.tags).toContain('circulate')
    expect(mine.link).toBe(`/features/notice/pages/detail/index?id=${n.id}`)
    const initiated = await t.ok('u-head-01', routes.inbox.list, { query: { tab: 'initiated' } })
    expect(initiated.items.find((i) => i.objectId === n.id)?.summary).toBe('已阅 0/3')
    expect(n.availableActions.map((a) => a.key)).toEqual(['remind'])
  })

  it('a reader reads with an opinion: item done, progress updated, one audit entry', async () => {
    const { t, n, itemOf } = await withNotice()
    const before = t.db.audit.length
    const seen = await t.ok('u-handler-01', routes.notices.get, { params: { id: n.id } })
    expect(seen.availableActions.map((a) => a.key)).toEqual(['read'])
    expect(seen.readers.map((r) => r.userId)).toEqual(['u-handler-01'])
    const after = await t.ok('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: seen.myItem!.version, opinion: '已阅，按要求落实。' } })
    expect(after.readers[0]).toMatchObject({ status: 'opinion', opinion: '已阅，按要求落实。' })
    expect(after.availableActions).toEqual([])
    expect(itemOf('u-handler-01').status).toBe('done')
    expect(t.db.audit.length).toBe(before + 1)
    const sender = await t.ok('u-head-01', routes.notices.get, { params: { id: n.id } })
    expect(sender.readers.find((r) => r.userId === 'u-handler-01')?.status).toBe('opinion')
    const initiated = await t.ok('u-head-01', routes.inbox.list, { query: { tab: 'initiated' } })
    expect(initiated.items.find((i) => i.objectId === n.id)?.summary).toBe('已阅 1/3')
  })

  it('when everyone has read, the sender’s item is finished and 催阅 is no longer offered', async () => {
    const { t, n, itemOf } = await withNotice()
    for (const id of body.readerIds) await t.ok(id, routes.notices.read, { params: { id: n.id }, body: { version: itemOf(id).version } })
    const sender = await t.ok('u-head-01', routes.notices.get, { params: { id: n.id } })
    expect(sender.availableActions).toEqual([])
    const item = t.db.workItems.find((w) => w.objectId === n.id && w.audience === 'initiator')!
    expect(item.status).toBe('done')
    const refused = await t.as('u-head-01', routes.notices.remind, { params: { id: n.id }, body: { version: sender.version } })
    expect(refused.status).toBe(409)
    expect(errorOf(refused).message).toBe('所有人都已阅知，无需催阅')
  })

  it('refuses a second read, a stale version, and a reader who is not on the list', async () => {
    const { t, n, itemOf } = await withNotice()
    const v = itemOf('u-handler-01').version
    const stale = await t.as('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: v - 1 } })
    expect(stale.status).toBe(409)
    expect(errorOf(stale)).toMatchObject({ code: 'VERSION_CONFLICT', message: '该事项已被他人处理，请刷新后重试' })
    await t.ok('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: v } })
    const twice = await t.as('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: v + 1 } })
    expect(twice.status).toBe(409)
    expect(errorOf(twice).code).toBe('INVALID_STATE')
    const stranger = await t.as('u-super-02', routes.notices.read, { params: { id: n.id }, body: { version: 1 } })
    expect(stranger.status).toBe(404)
    const senderReads = await t.as('u-head-01', routes.notices.read, { params: { id: n.id }, body: { version: 1 } })
    expect(senderReads.status).toBe(403)
  })

  it('催阅 tags the unread readers’ items 催办, once an hour, by the sender only', async () => {
    const { t, n, itemOf } = await withNotice()
    await t.ok('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: itemOf('u-handler-01').version } })
    const byReader = await t.as('u-head-02', routes.notices.remind, { params: { id: n.id }, body: { version: n.version + 1 } })
    expect(byReader.status).toBe(403)
    const current = await t.ok('u-head-01', routes.notices.get, { params: { id: n.id } })
    const reminded = await t.ok('u-head-01', routes.notices.remind, { params: { id: n.id }, body: { version: current.version, note: '请今天下班前阅知' } })
    expect(reminded.timeline.at(-1)).toMatchObject({ action: '催阅', note: '请今天下班前阅知' })
    expect(reminded.availableActions).toEqual([])
    const inbox = await t.ok('u-head-02', routes.inbox.list, { query: { tab: 'todo' } })
    expect(inbox.items.find((i) => i.objectId === n.id)?.tags).toContain('urge')
    expect(itemOf('u-handler-01').tags).not.toContain('urge')
    const tooSoon = await t.as('u-head-01', routes.notices.remind, { params: { id: n.id }, body: { version: reminded.version } })
    expect(errorOf(tooSoon).message).toBe('刚刚催阅过，请 1 小时后再催')
    t.setNow(new Date(t.now.getTime() + 61 * 60_000))
    const later = await t.ok('u-head-01', routes.notices.get, { params: { id: n.id } })
    expect(later.availableActions.map((a) => a.key)).toEqual(['remind'])
  })

  it('refuses bad sends with a Chinese message naming the problem', async () => {
    const t = testBff()
    const self = await t.as('u-head-01', routes.notices.create, { body: { ...body, readerIds: ['u-head-01'] } })
    expect(errorOf(self).message).toBe('阅知人不需要包括您自己')
    const ghost = await t.as('u-head-01', routes.notices.create, { body: { ...body, readerIds: ['u-nobody'] } })
    expect(errorOf(ghost).message).toBe('所选阅知人不在通讯录中，请重新选择')
    const resident = await t.as('u-head-01', routes.notices.create, { body: { ...body, readerIds: ['r-resident-01'] } })
    expect(resident.status).toBe(400)
    const past = await t.as('u-head-01', routes.notices.create, { body: { ...body, deadline: '2026-11-24T18:00:00+08:00' } })
    expect(errorOf(past).message).toBe('「办理时限」不能早于现在')
    const handler = await t.as('u-handler-01', routes.notices.create, { body })
    expect(handler.status).toBe(403)
  })

  it('audit entries equal state changes and the chain verifies after a busy day', async () => {
    const { t, n, itemOf } = await withNotice()
    const start = t.db.audit.length
    await t.ok('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: itemOf('u-handler-01').version } })
    const cur = await t.ok('u-head-01', routes.notices.get, { params: { id: n.id } })
    await t.ok('u-head-01', routes.notices.remind, { params: { id: n.id }, body: { version: cur.version } })
    await t.as('u-head-02', routes.notices.read, { params: { id: n.id }, body: { version: 0 } }) // refused: no entry
    await t.ok('u-head-02', routes.notices.read, { params: { id: n.id }, body: { version: itemOf('u-head-02').version, opinion: '收到' } })
    expect(t.db.audit.length - start).toBe(3)
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })
})

describe('unified inbox', () => {
  it('lists only the caller’s items, overdue first, with 逾期 computed from the deadline', async () => {
    const t = testBff()
    const todo = await t.ok('u-handler-01', routes.inbox.list, { query: { tab: 'todo' } })
    expect(todo.items.length).toBeGreaterThan(0)
    expect(todo.items.every((i) => i.assigneeId === 'u-handler-01' && i.status === 'open')).toBe(true)
    const overdue = todo.items.filter((i) => i.tags.includes('overdue'))
    expect(overdue.length).toBeGreaterThan(0)
    expect(todo.items[0].tags).toContain('overdue')
    const counts = await t.ok('u-handler-01', routes.inbox.counts)
    expect(counts.todo).toBe(todo.items.length)
    expect(counts.overdue).toBe(overdue.length)
    expect(counts.urged).toBe(todo.items.filter((i) => i.tags.includes('urge')).length)
  })

  it('pages with a cursor without repeats, and refuses a forged cursor', async () => {
    const t = testBff()
    const first = await t.ok('u-head-01', routes.inbox.list, { query: { tab: 'done', limit: 1 } })
    expect(first.items).toHaveLength(1)
    expect(first.nextCursor).not.toBeNull()
    const second = await t.ok('u-head-01', routes.inbox.list, { query: { tab: 'done', limit: 1, cursor: first.nextCursor! } })
    expect(second.items[0].id).not.toBe(first.items[0].id)
    const forged = await t.as('u-head-01', routes.inbox.list, { query: { tab: 'done', cursor: 'DROP TABLE' } })
    expect(forged.status).toBe(400)
    expect(errorOf(forged).message).toMatch(/翻页/)
  })

  it('residents have an inbox too: 我发起的 holds exactly the matters they started, and nothing of anyone else', async () => {
    const t = testBff()
    for (const resident of t.db.users.filter((u) => u.kind === 'resident')) {
      const page = await t.ok(resident.id, routes.inbox.list, { query: { tab: 'initiated', limit: 100 } })
      const own = t.db.workItems.filter((w) => w.audience === 'initiator' && w.assigneeId === resident.id)
      expect(page.items.map((w) => w.id).sort()).toEqual(own.map((w) => w.id).sort())
      expect(page.items.every((w) => w.assigneeId === resident.id)).toBe(true)
    }
    // someone who has applied for nothing sees an empty list
    const idle = t.db.users.find((u) => u.kind === 'resident' && !t.db.workItems.some((w) => w.assigneeId === u.id))
    if (idle) expect((await t.ok(idle.id, routes.inbox.list, { query: { tab: 'initiated' } })).items).toEqual([])
  })
})
