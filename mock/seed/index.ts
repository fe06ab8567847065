import type { Db } from '../db'
import { addDays, cstAt, cstDate, cstParts } from '../../src/core/time'
import { appendAudit, type AuditInput } from '../lib/audit'
import { closeWorkItem, updateWorkItem, urgeWorkItem } from '../lib/workitems'
import { openNoticeItems } from '../handlers/notices'
import { departments } from './departments'
import { people } from './people'
import { seedNotices } from './notices'
import { catalogue, memberItems, resources } from './catalogue'
import { bundleCatalogue } from './bundles'
import { seedDocuments } from './documents'
import { seedCases } from './cases'
import { seedRequests } from './requests'
import { seedSupervision, supervisionTables } from './supervision'
import { seedMediation } from './mediation'
import { seedVideo } from './video'

/**
 * The moment the seeded month of work ends. The seed writes "today" as an office morning (a 收文 at
 * 08:30, a 工作通知 at 09:20): before 10:00 Beijing time that morning has not happened yet, so the month
 * ends at 18:00 the evening before instead — a demo opened at 03:45 shows nothing stamped in the future
 * (issue #7). From 10:00 on, and so at the tests' 10:00, it ends now.
 */
export function seedClock(now: Date): Date {
  const p = cstParts(now)
  if (p.hour >= 10) return now
  return cstAt(addDays(cstDate(now), -1), 18)
}

/**
 * The district as the mock knows it on a given day. Deterministic for a given `now`: timestamps in the
 * seed are relative to it (through seedClock), so deadlines and 逾期 look the same whenever the demo runs.
 */
export function createSeed(clockNow: Date): Db {
  const now = seedClock(clockNow)
  const db: Db = {
    departments: departments.map((d) => ({ ...d })),
    users: people.map((p) => ({ ...p, roles: [...p.roles] })),
    workItems: [],
    notices: [],
    files: [],
    catalogue: JSON.parse(JSON.stringify([...catalogue, ...memberItems])) as typeof catalogue,
    bundleCatalogue: JSON.parse(JSON.stringify(bundleCatalogue)) as typeof bundleCatalogue,
    bundles: [],
    resources: resources.map((r) => ({ ...r })),
    requests: [],
    certificates: [],
    documents: [],
    cases: [],
    caseLibrary: [],
    supervision: supervisionTables(),
    mediationCommittees: [],
    mediators: [],
    mediationRooms: [],
    mediationSlots: [],
    mediationCases: [],
    phrases: {},
    audit: [],
    sessions: [],
    idempotency: {},
    counters: {},
  }
  const events: AuditInput[] = []
  const nameOf = (id: string) => db.users.find((u) => u.id === id)?.name ?? id

  for (const notice of seedNotices(now)) {
    db.notices.push(notice)
    const ctx = { db, nowIso: notice.createdAt }
    openNoticeItems(ctx, notice)
    const items = db.workItems.filter((w) => w.objectId === notice.id)
    events.push({ at: notice.createdAt, actorId: notice.senderId, actorName: nameOf(notice.senderId), action: 'notice.create', objectType: 'notice', objectId: notice.id, summary: `发出工作通知「${notice.title}」，阅知人 ${notice.readers.length} 人`, requestId: 'seed' })
    for (const r of notice.readers) {
      const item = items.find((w) => w.audience === 'assignee' && w.assigneeId === r.userId)!
      if (r.urgedAt) {
        urgeWorkItem({ nowIso: r.urgedAt }, item)
      }
      if (r.status !== 'unread' && r.readAt) {
        closeWorkItem({ nowIso: r.readAt }, item)
        events.push({ at: r.readAt, actorId: r.userId, actorName: nameOf(r.userId), action: 'notice.read', objectType: 'notice', objectId: notice.id, summary: r.opinion ? `已阅并签署意见：${r.opinion}` : '已阅', requestId: 'seed' })
      }
    }
    const urgedAt = [...new Set(notice.readers.map((r) => r.urgedAt).filter((x): x is string => !!x))]
    for (const at of urgedAt) {
      events.push({ at, actorId: notice.senderId, actorName: nameOf(notice.senderId), action: 'notice.remind', objectType: 'notice', objectId: notice.id, summary: '催阅', requestId: 'seed' })
    }
    const initiator = items.find((w) => w.audience === 'initiator')!
    const done = notice.readers.filter((r) => r.status !== 'unread').length
    updateWorkItem({ nowIso: notice.createdAt }, initiator, { summary: `已阅 ${done}/${notice.readers.length}` })
    if (done === notice.readers.length) closeWorkItem({ nowIso: notice.createdAt }, initiator)
  }
  db.counters.notice = db.notices.length

  // documents, cases, 零跑动 … are replayed through the handlers; their audit joins the others in time order below
  const replayed = db.audit
  db.audit = []
  seedDocuments(db, now)
  seedCases(db, now)
  seedRequests(db, now)
  seedSupervision(db, now)
  seedMediation(db, now)
  seedVideo(db, now)
  for (const { seq: _seq, prevHash: _prev, hash: _hash, ...e } of db.audit) events.push(e)
  db.audit = replayed

  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  for (const e of events) appendAudit(db.audit, e)
  return db
}
