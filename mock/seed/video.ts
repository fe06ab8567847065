import { addDays, cstAt, cstDate, cstParts, toIso } from '../../src/core/time'
import type { Ctx } from '../context'
import type { Db } from '../db'
import { actOnCase, applyCase, respondInvitation } from '../handlers/mediation'

/** The seeded 视频调解: applicant, other party and mediator (for the demo and the journeys; all of them on the preview sign-in lists, none a test persona). */
export const VIDEO_SEED = { applicant: 'r-resident-02', otherParty: 'r-resident-04', mediator: 'u-staff-10', dispatcher: 'u-dispatch-01' } as const

/**
 * One video appointment whose hour is running now (it starts at the half hour before the seed's
 * `now`), so the room is open whenever the demo starts. Booked three days ago through the 调解
 * module's own functions, as a resident would have: apply → 受理分拨 → book → the other party accepts.
 * The hour is added to the mediator's calendar like any slot they publish; it reads and writes the
 * 调解 rows only through those functions, besides that one calendar entry.
 */
export function seedVideo(db: Db, now: Date) {
  const today = cstDate(now)
  const p = cstParts(now)
  const start = cstAt(today, p.hour, p.minute < 30 ? 0 : 30)
  const end = new Date(start.getTime() + 60 * 60_000)
  const m = VIDEO_SEED.mediator
  const committeeId = db.mediators.find((x) => x.userId === m)?.committeeId
  if (!committeeId) return
  // the mediator's own free hours that would overlap it are withdrawn, as a mediator would
  const startIso = toIso(start)
  const endIso = toIso(end)
  db.mediationSlots = db.mediationSlots.filter((s) => !(s.mediatorId === m && !s.caseId && s.start < endIso && s.end > startIso))
  const slotId = `mslot-v${today.replace(/-/g, '')}`
  db.mediationSlots.push({ id: slotId, mediatorId: m, committeeId, roomId: null, mode: 'video', start: startIso, end: endIso, caseId: null })

  const at = (daysAgo: number, hour: number, minute = 0) => cstAt(addDays(today, -daysAgo), hour, minute)
  const ctx = (userId: string, when: Date): Ctx => ({ db, now: when, nowIso: toIso(when), user: db.users.find((u) => u.id === userId)!, sessionToken: null, requestId: 'seed', preview: false })
  const c = applyCase(ctx(VIDEO_SEED.applicant, at(3, 19, 30)), {
    disputeType: 'neighbour',
    otherPartyName: '张伟强',
    otherPartyPhone: '13570629841',
    facts: '楼上邻居家卫生间漏水，渗到我家天花板，墙皮大块脱落，找过他几次都说没时间处理。我年纪大了腿脚不便，想在家里视频调解。',
    claims: '对方尽快维修防水，赔偿天花板修补费用 1,800 元。',
    mode: 'video',
    streetName: '新安街道',
    dialect: 'mandarin',
    assistedBy: { name: '李晓敏', relation: '女儿' },
  } as never)
  actOnCase(ctx(VIDEO_SEED.dispatcher, at(2, 9, 20)), c.id, { action: 'accept', version: c.version, mediatorId: m } as never)
  actOnCase(ctx(VIDEO_SEED.applicant, at(2, 10)), c.id, { action: 'book', version: c.version, slotId, remind: 'subscribed' } as never)
  respondInvitation(ctx(VIDEO_SEED.otherParty, at(2, 20)), c.inviteCode, { answer: 'accept' } as never)
}
