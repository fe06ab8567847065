import { routes } from '../../src/contract/routes'
import { appendAudit, verifyAudit } from '../../mock/lib/audit'
import type { AuditEntry } from '../../src/contract/audit'
import { testBff } from '../support/bff'

function chain(n: number): AuditEntry[] {
  const log: AuditEntry[] = []
  for (let i = 0; i < n; i++) {
    appendAudit(log, { at: `2026-11-25T09:0${i}:00+08:00`, actorId: 'u-1', actorName: '张三', action: 'notice.read', objectType: 'notice', objectId: `n-${i}`, summary: `第 ${i} 次`, requestId: `r-${i}` })
  }
  return log
}

describe('hash-chained audit log', () => {
  it('verifies an untouched chain', () => {
    const v = verifyAudit(chain(5))
    expect(v).toMatchObject({ ok: true, count: 5, brokenAt: null })
  })

  it('detects an edited entry', () => {
    const log = chain(5)
    log[2] = { ...log[2], summary: '改过的内容' }
    expect(verifyAudit(log)).toMatchObject({ ok: false, brokenAt: 3 })
  })

  it('detects an edited entry whose hash was recomputed too (the next link breaks)', () => {
    const log = chain(5)
    const forged: AuditEntry[] = []
    for (const e of log.slice(0, 2)) forged.push(e)
    appendAudit(forged, { ...log[2], summary: '伪造' })
    forged.push(log[3], log[4])
    expect(verifyAudit(forged)).toMatchObject({ ok: false, brokenAt: 4 })
  })

  it('detects a deleted entry', () => {
    const log = chain(5)
    log.splice(1, 1)
    expect(verifyAudit(log).ok).toBe(false)
  })

  it('detects a deleted last entry only through the head hash an auditor kept', () => {
    const log = chain(5)
    const head = verifyAudit(log).headHash
    log.pop()
    expect(verifyAudit(log).headHash).not.toBe(head)
  })

  it('detects reordering', () => {
    const log = chain(5)
    ;[log[1], log[2]] = [log[2], log[1]]
    expect(verifyAudit(log).ok).toBe(false)
  })

  it('the seeded log verifies through the BFF, and tampering in the store is reported there', async () => {
    const t = testBff()
    const ok = await t.ok('u-auditor-01', routes.audit.verify)
    expect(ok.ok).toBe(true)
    expect(ok.count).toBe(t.db.audit.length)
    t.db.audit[0].summary = '被人改了'
    const bad = await t.ok('u-auditor-01', routes.audit.verify)
    expect(bad.ok).toBe(false)
    expect(bad.brokenAt).toBe(1)
    expect(bad.problem).toMatch(/修改/)
  })

  it('only auditors read or verify the log', async () => {
    const t = testBff()
    for (const who of ['u-clerk-01', 'u-leader-01', 'r-resident-01']) {
      expect((await t.as(who, routes.audit.list)).status).toBe(403)
      expect((await t.as(who, routes.audit.verify)).status).toBe(403)
    }
    const page = await t.ok('u-auditor-01', routes.audit.list, { query: { objectType: 'notice', limit: 5 } })
    expect(page.items.length).toBe(5)
    expect(page.nextCursor).not.toBeNull()
    expect(page.items[0].seq).toBeGreaterThan(page.items[1].seq)
  })
})
