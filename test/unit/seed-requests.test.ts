// Issue #7: 办理时效 started with no seeded requests and showed a median of 0 时.
import { routes } from '../../src/contract/routes'
import { cstAt, cstParts, toIso } from '../../src/core/time'
import { isWorkday } from '../../src/core/workdays'
import { createSeed, seedClock } from '../../mock/seed'
import { verifyAudit } from '../../mock/lib/audit'
import type { Db } from '../../mock/db'
import { FIXED_NOW, testBff } from '../support/bff'

/** every moment the seeded 零跑动 month says something happened */
function happened(db: Db): { what: string; at: string }[] {
  const ids = new Set(db.requests.map((r) => r.id))
  return [
    ...db.requests.flatMap((r) => [
      { what: `${r.id} submittedAt`, at: r.submittedAt },
      ...(r.finishedAt ? [{ what: `${r.id} finishedAt`, at: r.finishedAt }] : []),
      ...(r.lastUrgedAt ? [{ what: `${r.id} lastUrgedAt`, at: r.lastUrgedAt }] : []),
      ...(r.escalatedAt ? [{ what: `${r.id} escalatedAt`, at: r.escalatedAt }] : []),
      ...r.timeline.map((e) => ({ what: `${r.id} ${e.action}`, at: e.at })),
    ]),
    ...db.workItems.filter((w) => ids.has(w.objectId)).flatMap((w) => [{ what: `${w.id} createdAt`, at: w.createdAt }, { what: `${w.id} updatedAt`, at: w.updatedAt }]),
    ...db.certificates.map((c) => ({ what: `${c.code} issuedAt`, at: c.issuedAt })),
    ...db.audit.filter((a) => a.objectType === 'request').map((a) => ({ what: `audit ${a.seq} ${a.action}`, at: a.at })),
  ]
}

describe('the seeded month of 零跑动', () => {
  it('gives 办理时效 something to measure: every item has requests, finished ones, and a median above 0 时', async () => {
    const t = testBff()
    const stats = await t.ok('u-office-01', routes.requests.stats)
    expect(stats.items.map((i) => i.itemId)).toEqual(['seal', 'car', 'room', 'leave', 'employment-cert', 'income-cert', 'supplies', 'trip'])
    for (const i of stats.items) {
      expect({ item: i.itemId, counted: i.count > 0, finished: i.finished > 0, median: i.medianHours !== null && i.medianHours > 0 }).toEqual({ item: i.itemId, counted: true, finished: true, median: true })
    }
    // most on time, not all; rated, not all five stars
    const all = t.db.requests
    const done = all.filter((r) => r.status === 'done')
    const late = done.filter((r) => r.finishedAt! > r.dueAt)
    expect(all.length).toBeGreaterThanOrEqual(25)
    expect(all.length).toBeLessThanOrEqual(40)
    expect(late.length).toBeGreaterThanOrEqual(2)
    expect(late.length).toBeLessThan(done.length / 4)
    const rated = done.filter((r) => r.rating)
    expect(rated.length).toBeGreaterThanOrEqual(5)
    expect(new Set(rated.map((r) => r.rating!.stars)).size).toBeGreaterThan(1)
    expect(rated.every((r) => /[\u4e00-\u9fff]/.test(r.rating!.comment ?? ''))).toBe(true)
  })

  it('is a realistic mix: mostly 办结, some still open, one returned for correction, filed by staff of several offices', () => {
    const db = createSeed(FIXED_NOW)
    const by = (status: string) => db.requests.filter((r) => r.status === status).length
    expect(by('done')).toBeGreaterThan(db.requests.length / 2)
    expect(by('pending')).toBeGreaterThanOrEqual(2)
    expect(by('returned')).toBeGreaterThanOrEqual(1)
    // a returned one was corrected and finished, another waits in its applicant's 待办
    expect(db.requests.some((r) => r.status === 'done' && r.timeline.some((e) => e.action === '修改后重新提交'))).toBe(true)
    for (const r of db.requests.filter((x) => x.status === 'returned')) {
      expect(db.workItems.filter((w) => w.objectId === r.id && w.status === 'open' && w.audience === 'assignee').map((w) => w.assigneeId)).toEqual([r.applicantId])
    }
    // each open one is with exactly its current holder
    for (const r of db.requests.filter((x) => x.status === 'pending')) {
      expect(db.workItems.filter((w) => w.objectId === r.id && w.status === 'open' && w.audience === 'assignee').map((w) => w.assigneeId)).toEqual([r.steps[r.stepIndex].holderId])
    }
    const applicants = new Set(db.requests.map((r) => r.applicantId))
    const offices = new Set(db.users.filter((u) => applicants.has(u.id)).map((u) => u.deptId))
    expect(applicants.size).toBeGreaterThanOrEqual(6)
    expect(offices.size).toBeGreaterThanOrEqual(4)
    // every certificate a finished certificate request issued, with its code
    const certs = db.requests.filter((r) => r.status === 'done' && (r.itemId === 'employment-cert' || r.itemId === 'income-cert'))
    expect(certs.map((r) => r.certificateCode).sort()).toEqual(db.certificates.map((c) => c.code).sort())
    expect(verifyAudit(db.audit).ok).toBe(true)
  })

  it('is the same for the same clock (no randomness)', () => {
    const a = createSeed(FIXED_NOW)
    const b = createSeed(new Date(FIXED_NOW.getTime()))
    expect(b.requests).toEqual(a.requests)
    expect(b.certificates).toEqual(a.certificates)
    expect(b.workItems.filter((w) => w.module === 'requests')).toEqual(a.workItems.filter((w) => w.module === 'requests'))
    expect(b.audit.filter((e) => e.objectType === 'request')).toEqual(a.audit.filter((e) => e.objectType === 'request'))
  })

  it.each([
    ['the tests’ Wednesday 10:00', cstAt('2026-11-25', 10)],
    ['a Monday before dawn (the month ends the evening before)', cstAt('2026-11-30', 3, 45)],
    ['a Saturday afternoon', cstAt('2026-11-28', 15, 20)],
    ['the day after the National Day holiday', cstAt('2026-10-09', 11)],
  ])('on %s, stamps nothing after now and only on working days in office hours', (_what, clock) => {
    const now = seedClock(clock)
    const db = createSeed(clock)
    expect(db.requests.length).toBeGreaterThanOrEqual(25)
    const stamps = happened(db)
    expect(stamps.filter((s) => Date.parse(s.at) > now.getTime())).toEqual([])
    // 09:00–17:30 on a working day, or the moment the seed ends (an escalation as the month closes)
    const outside = stamps.filter((s) => {
      if (s.at === toIso(now)) return false
      const p = cstParts(new Date(s.at))
      const m = p.hour * 60 + p.minute
      return !isWorkday(new Date(s.at)) || m < 9 * 60 || m > 17 * 60 + 30
    })
    expect(outside).toEqual([])
  })
})
