import fc from 'fast-check'
import { inboxTabs, type InboxTab } from '../../src/contract/inbox'
import type { WorkItem } from '../../src/contract/common'
import { inboxRoutes } from '../../src/contract/inbox'
import { noticeRoutes } from '../../src/contract/notices'
import { toIso } from '../../src/core/time'
import type { Db } from '../../mock/db'
import { closeWorkItem, openWorkItem, presentWorkItem, urgeWorkItem, updateWorkItem } from '../../mock/lib/workitems'
import { setClock, testBff } from '../support/bff'

/** The inbox as it was answered before the index: every item filtered, presented and sorted per call. */
function naive(db: Db, me: string, tab: InboxTab, nowIso: string): WorkItem[] {
  const inTab: Record<InboxTab, (w: Db['workItems'][number]) => boolean> = {
    todo: (w) => w.audience === 'assignee' && w.assigneeId === me && w.status === 'open',
    done: (w) => w.audience === 'assignee' && w.assigneeId === me && w.status === 'done',
    initiated: (w) => w.audience === 'initiator' && w.assigneeId === me,
    cc: (w) => w.audience === 'cc' && w.assigneeId === me,
  }
  const items = db.workItems.filter(inTab[tab]).map((w) => presentWorkItem(db, w, nowIso))
  if (tab !== 'todo') return items.sort((a, b) => (b.updatedAt > a.updatedAt ? 1 : b.updatedAt < a.updatedAt ? -1 : 0))
  const rank = { very_urgent: 0, urgent: 1, normal: 2 }
  const key = (w: WorkItem) => [w.tags.includes('overdue') ? 0 : 1, w.tags.includes('urge') ? 0 : 1, rank[w.urgency], w.deadline ?? '9999', w.createdAt]
  return items.sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
    return 0
  })
}

type T = ReturnType<typeof testBff>

async function everyPage(t: T, userId: string, tab: InboxTab): Promise<WorkItem[]> {
  const out: WorkItem[] = []
  let cursor: string | undefined
  do {
    const page = await t.ok(userId, inboxRoutes.list, { query: { tab, limit: 100, ...(cursor ? { cursor } : {}) } })
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

async function expectSameAsNaive(t: T, users: string[]) {
  for (const u of users) {
    for (const tab of inboxTabs) {
      const got = await everyPage(t, u, tab)
      expect(got.map((w) => w.id)).toEqual(naive(t.db, u, tab, toIso(t.now)).map((w) => w.id))
    }
    const counts = await t.ok(u, inboxRoutes.counts)
    const todo = naive(t.db, u, 'todo', toIso(t.now))
    expect(counts).toEqual({
      todo: todo.length,
      done: naive(t.db, u, 'done', toIso(t.now)).length,
      initiated: naive(t.db, u, 'initiated', toIso(t.now)).filter((w) => w.status === 'open').length,
      cc: naive(t.db, u, 'cc', toIso(t.now)).filter((w) => w.status === 'open').length,
      overdue: todo.filter((w) => w.tags.includes('overdue')).length,
      urged: todo.filter((w) => w.tags.includes('urge')).length,
    })
  }
}

describe('the inbox index answers exactly what filtering every item answered', () => {
  it('for every seeded person and tab, before and after work is done and time passes', async () => {
    const t = testBff()
    const users = [...new Set(t.db.workItems.map((w) => w.assigneeId))]
    await expectSameAsNaive(t, users)
    // a reader reads a notice: her 待办 shrinks, her 已办 and the sender's 我发起的 change
    const item = t.db.workItems.find((w) => w.module === 'notice' && w.audience === 'assignee' && w.status === 'open')!
    await t.ok(item.assigneeId, noticeRoutes.read, { params: { id: item.objectId }, body: { version: item.version } })
    await expectSameAsNaive(t, users)
    // two weeks later, deadlines have passed: 逾期 items move to the top without any write
    setClock(t, toIso(new Date(t.now.getTime() + 14 * 86400_000)))
    await expectSameAsNaive(t, users)
  })

  it('for random items, closes, urges, updates and clock moves (one person with many items)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('open' as const), audience: fc.constantFrom('assignee' as const, 'cc' as const, 'initiator' as const), urgency: fc.constantFrom('normal' as const, 'urgent' as const, 'very_urgent' as const), dueHours: fc.option(fc.integer({ min: -48, max: 96 })) }),
            fc.record({ op: fc.constantFrom('close' as const, 'urge' as const, 'update' as const), pick: fc.nat() }),
            fc.record({ op: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 30 }) }),
            fc.record({ op: fc.constant('read' as const) }),
          ),
          { maxLength: 60 },
        ),
        async (ops) => {
          const t = testBff()
          const me = 'u-handler-01'
          const ctx = () => ({ db: t.db, nowIso: toIso(t.now) })
          for (const o of ops) {
            const mine = t.db.workItems.filter((w) => w.assigneeId === me)
            if (o.op === 'open') {
              openWorkItem(ctx(), {
                module: 'notice', objectType: 'notice', objectId: 'n-x', title: '测试事项', summary: '', step: '阅知', audience: o.audience, assigneeId: me, initiatorId: 'u-head-01', urgency: o.urgency, link: '/x',
                deadline: o.dueHours === null ? null : toIso(new Date(t.now.getTime() + o.dueHours * 3600_000)),
              })
            } else if (o.op === 'close' && mine.length) closeWorkItem(ctx(), mine[o.pick % mine.length])
            else if (o.op === 'urge' && mine.length) urgeWorkItem(ctx(), mine[o.pick % mine.length])
            else if (o.op === 'update' && mine.length) updateWorkItem(ctx(), mine[o.pick % mine.length], { summary: '有新进展' })
            else if (o.op === 'time') setClock(t, toIso(new Date(t.now.getTime() + o.hours * 3600_000)))
            else if (o.op === 'read') await expectSameAsNaive(t, [me])
          }
          await expectSameAsNaive(t, [me])
        },
      ),
      { numRuns: 40 },
    )
  })
})
