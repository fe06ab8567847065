// Issue #7: a demo opened at 03:45 showed a 收文 received at 08:30 "today" — seeded in the future.
import { createSeed, seedClock } from '../../mock/seed'
import { cstAt } from '../../src/core/time'

/** Fields that say when something happened (not deadlines, slots or promises, which lie ahead). */
const HAPPENED = /(createdAt|updatedAt|\.at|sentAt|submittedAt|readAt|registeredAt|acceptedAt|finishedAt|urgedAt|reportedAt|openedAt)$/

function stampedAfter(db: unknown, now: Date): string[] {
  const out: string[] = []
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`)
    else if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && HAPPENED.test(path) && Date.parse(v) > now.getTime()) out.push(`${path} ${v}`)
  }
  walk(db, 'db')
  return out
}

describe('the seeded month of work', () => {
  it.each([
    ['a Wednesday', '2026-11-25', [0, 3, 7, 9, 10, 13, 18, 23]],
    ['a Monday after a weekend', '2026-11-30', [3, 9, 10]],
    ['a Saturday', '2026-11-28', [3, 11]],
  ] as const)('has nothing stamped after the clock on %s, at any hour', (_what, day, hours) => {
    for (const h of hours) {
      const now = cstAt(day, h, 45)
      expect({ at: `${day} ${h}:45`, late: stampedAfter(createSeed(now), now).slice(0, 3) }).toEqual({ at: `${day} ${h}:45`, late: [] })
    }
  })

  it('ends now from 10:00 Beijing time (the tests’ clock), and at 18:00 the evening before earlier in the morning', () => {
    expect(seedClock(cstAt('2026-11-25', 10))).toEqual(cstAt('2026-11-25', 10))
    expect(seedClock(cstAt('2026-11-25', 22, 30))).toEqual(cstAt('2026-11-25', 22, 30))
    expect(seedClock(cstAt('2026-11-25', 3, 45))).toEqual(cstAt('2026-11-24', 18))
    expect(seedClock(cstAt('2026-12-01', 0, 5))).toEqual(cstAt('2026-11-30', 18))
  })
})
