/**
 * 视频调解室 rules in the mock BFF: who may see and enter a room, when it opens, the waiting room the
 * mediator admits from, 家属协助 (own phone by code, or on the party's phone), a drop and a rejoin,
 * ending for all, attendance, and the WebRTC signalling carried between the people in the room.
 * Every refusal leaves the rooms and the audit log as they were.
 */
import { routes } from '../../src/contract/routes'
import type { Room } from '../../src/contract/video'
import { formatElapsed } from '../../src/contract/video'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { verifyAudit } from '../../mock/lib/audit'
import { VIDEO_SEED } from '../../mock/seed/video'
import { errorOf, expectRefusal, setClock, testBff } from '../support/bff'

const vr = routes.video
const APP = VIDEO_SEED.applicant
const OTHER = VIDEO_SEED.otherParty
const MED = VIDEO_SEED.mediator
const STRANGER = 'r-resident-05'
const HELPER = 'r-resident-07'

type T = ReturnType<typeof testBff>
const snapshot = (t: T) => () => ({ video: t.db.video ?? null, audit: t.db.audit.length })

function seeded(t: T) {
  const c = t.db.mediationCases.find((x) => x.applicantId === APP && x.mode === 'video' && x.status === 'scheduled' && x.mediatorId === MED)
  if (!c) throw new Error('no seeded video appointment')
  return c.id
}

async function setup() {
  const t = testBff()
  const caseId = seeded(t)
  const join = (who: string, clientId: string, extra: Record<string, unknown> = {}) => t.ok(who, vr.join, { params: { caseId }, body: { clientId, ...extra } })
  const act = (who: string, clientId: string, action: string, extra: Record<string, unknown> = {}) => t.ok(who, vr.act, { params: { caseId }, body: { clientId, action, ...extra } as never })
  const pid = (room: Room, name: RegExp) => room.participants.find((p) => name.test(p.roleLabel))!.id
  return { t, caseId, join, act, pid }
}

/** mediator in, both parties admitted */
async function full() {
  const s = await setup()
  await s.join(MED, 'med-1')
  await s.join(APP, 'app-1')
  const r = await s.join(OTHER, 'oth-1')
  await s.act(MED, 'med-1', 'admit', { participantId: s.pid(await s.t.ok(MED, vr.room, { params: { caseId: s.caseId } }), /^申请人$/) })
  await s.act(MED, 'med-1', 'admit', { participantId: r.me!.id })
  return s
}

describe('视频调解室', () => {
  it('the seeded appointment: the room is open in its hour, to its parties and its mediator', async () => {
    const { t, caseId } = await setup()
    const room = await t.ok(APP, vr.room, { params: { caseId } })
    expect(room.phase).toBe('open')
    expect(room.start).toBe('2026-11-25T10:00:00+08:00')
    expect(room.opensAt).toBe('2026-11-25T09:45:00+08:00')
    expect(room.closesAt).toBe('2026-11-25T11:30:00+08:00')
    expect(room.provider).toBe('webrtc')
    expect(room.availableActions.map((a) => a.key)).toEqual(['join'])
    expect(room.me).toBeNull()
    expect((await t.ok(OTHER, vr.room, { params: { caseId } })).phase).toBe('open')
    expect((await t.ok(MED, vr.room, { params: { caseId } })).mediatorName).toBe('郭惠芳')
    // a mini-program's room is TRTC's (its ticket says whether TRTC is configured: video-ticket.test.ts)
    const weapp = await t.ok(APP, vr.room, { params: { caseId }, query: { client: 'weapp' } })
    expect(weapp.provider).toBe('trtc')
    expect(room.recording).toEqual({ state: 'off', text: null, consents: [] })
  })

  it('anyone else gets the same 404 as a case never filed: a stranger, another mediator, the dispatcher', async () => {
    const { t, caseId } = await setup()
    const never = errorOf(await t.as(STRANGER, vr.room, { params: { caseId: 'mcase-999' } }))
    for (const who of [STRANGER, 'u-mediator-01', VIDEO_SEED.dispatcher]) {
      const res = await t.as(who, vr.room, { params: { caseId } })
      expect(res.status).toBe(404)
      expect(errorOf(res).message).toBe(never.message)
      await expectRefusal(t, who, vr.join, { params: { caseId }, body: { clientId: 'x-1' } }, 404, never.message, snapshot(t))
      expect((await t.as(who, vr.poll, { params: { caseId }, query: { clientId: 'x-1' } })).status).toBe(404)
    }
    // an on-site case has no video room
    const onsite = t.db.mediationCases.find((c) => c.mode === 'onsite' && c.applicantId === APP)!
    expect((await t.as(APP, vr.room, { params: { caseId: onsite.id } })).status).toBe(404)
  })

  it('opens 15 minutes before the booked start and closes 30 minutes after its end', async () => {
    const { t, caseId } = await setup()
    setClock(t, '2026-11-25T09:40:00+08:00')
    expect((await t.ok(APP, vr.room, { params: { caseId } })).phase).toBe('not_yet')
    await expectRefusal(t, MED, vr.join, { params: { caseId }, body: { clientId: 'm' } }, 409, '视频调解室在 09:45 开放（调解 10:00 开始），请到时再进入', snapshot(t))
    setClock(t, '2026-11-25T09:45:00+08:00')
    expect((await t.ok(MED, vr.join, { params: { caseId }, body: { clientId: 'm' } })).phase).toBe('open')
    setClock(t, '2026-11-25T11:31:00+08:00')
    expect((await t.ok(APP, vr.room, { params: { caseId } })).phase).toBe('closed')
    await expectRefusal(t, APP, vr.join, { params: { caseId }, body: { clientId: 'a' } }, 409, /时间已过/, snapshot(t))
  })

  it('parties wait until the mediator admits them; only the mediator sees the waiting room and admits', async () => {
    const { t, caseId, join, act } = await setup()
    const a = await join(APP, 'app-1')
    expect(a.me!.state).toBe('waiting')
    expect(a.message).toBe('调解员还没有进入，您在等候室，请稍候。')
    expect(a.availableActions).toEqual([])
    const m = await join(MED, 'med-1')
    expect(m.me!.state).toBe('admitted')
    expect(m.startedAt).toBe('2026-11-25T10:00:00+08:00')
    expect(m.waitingCount).toBe(1)
    const waiting = m.participants.find((p) => p.state === 'waiting')!
    expect(waiting).toMatchObject({ name: '李建国', roleLabel: '申请人', actions: ['admit', 'remove'] })
    expect(m.availableActions.map((x) => x.key)).toEqual(['leave', 'record_start', 'end'])
    // the other party does not see who is waiting; nobody but the mediator admits
    const o = await join(OTHER, 'oth-1')
    expect(o.participants.map((p) => p.roleLabel)).toEqual(['调解员', '被申请人'])
    expect(o.message).toBe('您在等候室，调解员马上会让您进入，请稍候。')
    await expectRefusal(t, OTHER, vr.act, { params: { caseId }, body: { clientId: 'oth-1', action: 'admit', participantId: waiting.id } }, 403, '只有调解员可以这样做', snapshot(t))
    const after = await act(MED, 'med-1', 'admit', { participantId: waiting.id })
    expect(after.participants.find((p) => p.id === waiting.id)!.state).toBe('admitted')
    await expectRefusal(t, MED, vr.act, { params: { caseId }, body: { clientId: 'med-1', action: 'admit', participantId: waiting.id } }, 409, '李建国已经在调解室里了', snapshot(t))
    const mine = await t.ok(APP, vr.room, { params: { caseId }, query: { clientId: 'app-1' } })
    expect(mine.me!.state).toBe('admitted')
    expect(mine.availableActions.map((x) => x.key)).toEqual(['hand_up', 'leave'])
  })

  it('signalling: only between people in the room, to the current entry of each, written once per key', async () => {
    const { t, caseId, join, act, pid } = await full()
    const room = await t.ok(MED, vr.room, { params: { caseId } })
    const app = room.participants.find((p) => p.roleLabel === '申请人')!
    const med = room.participants.find((p) => p.role === 'mediator')!
    const body = { clientId: 'app-1', to: med.id, toEpoch: med.epoch, kind: 'offer' as const, data: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' }
    const first = await t.ok(APP, vr.signal, { params: { caseId }, body, idempotencyKey: 'sig-offer-1' })
    const again = await t.as(APP, vr.signal, { params: { caseId }, body, idempotencyKey: 'sig-offer-1' })
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.body).toEqual(first)
    const got = await t.ok(MED, vr.poll, { params: { caseId }, query: { clientId: 'med-1', after: 0 } })
    expect(got.messages).toEqual([{ seq: first.seq, from: app.id, fromEpoch: app.epoch, kind: 'offer', data: body.data }])
    // not to the other party, not to the mediator's stale client id
    expect((await t.ok(OTHER, vr.poll, { params: { caseId }, query: { clientId: 'oth-1', after: 0 } })).messages).toEqual([])
    expect((await t.ok(MED, vr.poll, { params: { caseId }, query: { clientId: 'med-old', after: 0 } })).messages).toEqual([])
    // taken messages are not handed out again
    expect((await t.ok(MED, vr.poll, { params: { caseId }, query: { clientId: 'med-1', after: first.seq } })).messages).toEqual([])
    // to an old entry of someone who rejoined: refused, the sender reconnects to the new one
    await expectRefusal(t, APP, vr.signal, { params: { caseId }, body: { ...body, toEpoch: med.epoch - 1 } }, 409, '对方已离开或重新进入，请稍候自动重连', snapshot(t))
    // from someone still waiting
    await act(MED, 'med-1', 'remove', { participantId: pid(room, /^被申请人$/) })
    await join(OTHER, 'oth-1')
    await expectRefusal(t, OTHER, vr.signal, { params: { caseId }, body: { ...body, clientId: 'oth-1' } }, 409, '请等调解员让您进入调解室', snapshot(t))
    // signals are not audited: they change nobody's standing
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })

  it('a party who drops rejoins the same room straight away; the newer entry wins and the older is told', async () => {
    const { t, caseId, join } = await full()
    const before = (await t.ok(APP, vr.room, { params: { caseId }, query: { clientId: 'app-1' } })).me!
    setClock(t, '2026-11-25T10:12:00+08:00')
    // the reopened page has not entered yet: it is offered the way back, not told it was replaced
    const reopened = await t.ok(APP, vr.room, { params: { caseId }, query: { clientId: 'app-2' } })
    expect(reopened.superseded).toBe(false)
    expect(reopened.message).toBe('您刚才掉线了，调解室还在。点下面的按钮回到调解室。')
    expect(reopened.availableActions.map((a) => [a.key, a.label])).toEqual([['join', '重新进入调解室']])
    const back = await join(APP, 'app-2')
    expect(back.me!.state).toBe('admitted')
    expect(back.me!.epoch).toBeGreaterThan(before.epoch)
    const old = await t.ok(APP, vr.poll, { params: { caseId }, query: { clientId: 'app-1', after: 0 } })
    expect(old.room.superseded).toBe(true)
    expect(old.room.message).toBe('您已在另一台手机或另一个页面进入了调解室，这里已停止。')
    await expectRefusal(t, APP, vr.act, { params: { caseId }, body: { clientId: 'app-1', action: 'hand_up' } }, 409, /另一台手机/, snapshot(t))
    const m = await t.ok(MED, vr.room, { params: { caseId } })
    const rows = m.attendance.filter((x) => x.roleLabel === '申请人')
    expect(rows).toEqual([
      { name: '李建国', roleLabel: '申请人', from: '2026-11-25T10:00:00+08:00', to: '2026-11-25T10:12:00+08:00' },
      { name: '李建国', roleLabel: '申请人', from: '2026-11-25T10:12:00+08:00', to: null },
    ])
  })

  it('a peer not heard from for a while shows as 网络不稳定, and a reported poor connection too', async () => {
    const { t, caseId, act } = await full()
    setClock(t, '2026-11-25T10:00:10+08:00')
    await t.ok(MED, vr.poll, { params: { caseId }, query: { clientId: 'med-1' } })
    await t.ok(APP, vr.poll, { params: { caseId }, query: { clientId: 'app-1' } })
    const seen = await t.ok(MED, vr.room, { params: { caseId } })
    expect(seen.participants.filter((p) => p.unstable).map((p) => p.roleLabel)).toEqual(['被申请人'])
    await act(APP, 'app-1', 'media', { unstable: true, mic: false })
    const r = await t.ok(OTHER, vr.room, { params: { caseId } })
    expect(r.participants.find((p) => p.roleLabel === '申请人')).toMatchObject({ unstable: true, mic: false, camera: true })
  })

  it('举手: a party raises and lowers a hand; everyone sees it', async () => {
    const { t, caseId, act } = await full()
    await act(OTHER, 'oth-1', 'hand_up')
    const m = await t.ok(MED, vr.room, { params: { caseId } })
    expect(m.participants.find((p) => p.roleLabel === '被申请人')!.hand).toBe(true)
    const o = await act(OTHER, 'oth-1', 'hand_down')
    expect(o.me!.hand).toBe(false)
    expect(o.availableActions.map((x) => x.key)).toContain('hand_up')
  })

  it('家属协助 on their own phone: a code from the party, announced, the name masked for the other party, admitted or removed by the mediator', async () => {
    const { t, caseId, join, act } = await full()
    await expectRefusal(t, HELPER, vr.join, { params: { caseId }, body: { clientId: 'h-1', helperCode: '123456', relation: '女儿' } }, 404, undefined, snapshot(t))
    const { code } = await t.ok(APP, vr.helperCode, { params: { caseId } })
    expect(code).toMatch(/^\d{6}$/)
    const h = await join(HELPER, 'h-1', { helperCode: code, relation: '女儿' })
    expect(h.me).toMatchObject({ role: 'helper', state: 'waiting', roleLabel: '家属协助（申请人李建国的女儿）' })
    const m = await t.ok(MED, vr.room, { params: { caseId } })
    const row = m.participants.find((p) => p.role === 'helper')!
    expect(row.name).toBe('郑丽珍')
    await act(MED, 'med-1', 'admit', { participantId: row.id })
    const o = await t.ok(OTHER, vr.room, { params: { caseId } })
    expect(o.participants.find((p) => p.role === 'helper')).toMatchObject({ name: '郑**', roleLabel: '家属协助（申请人李建国的女儿）', state: 'admitted' })
    // four on camera is the most: another helper waits and cannot be admitted
    const second = await t.ok(OTHER, vr.helperCode, { params: { caseId } })
    const h2 = await join('r-resident-06', 'h-2', { helperCode: second.code, relation: '儿子' })
    await expectRefusal(t, MED, vr.act, { params: { caseId }, body: { clientId: 'med-1', action: 'admit', participantId: h2.me!.id } }, 409, '调解室最多 4 人同时视频，请先请一位离开', snapshot(t))
    const removed = await act(MED, 'med-1', 'remove', { participantId: row.id })
    expect(removed.participants.some((p) => p.id === row.id)).toBe(false)
    const told = await t.ok(HELPER, vr.room, { params: { caseId }, query: { clientId: 'h-1' } })
    expect(told.me!.state).toBe('removed')
    expect(told.message).toBe('调解员已请您离开调解室。如有疑问，请联系调委会。')
    // nobody but a party asks for a code
    await expectRefusal(t, MED, vr.helperCode, { params: { caseId } }, 403, undefined, snapshot(t))
  })

  it('家属协助 on the party\'s own phone is announced to everyone once the mediator admits it, and leaves with the party', async () => {
    const { t, caseId, join, act } = await setup()
    await join(MED, 'med-1')
    const a = await join(APP, 'app-1', { assistedBy: { name: '李晓敏', relation: '女儿' } })
    expect(a.participants.find((p) => p.role === 'helper')).toMatchObject({ name: '李晓敏', sharedDevice: true, state: 'waiting' })
    const m = await t.ok(MED, vr.room, { params: { caseId } })
    for (const p of m.participants.filter((x) => x.state === 'waiting')) await act(MED, 'med-1', 'admit', { participantId: p.id })
    const o = await join(OTHER, 'oth-1')
    expect(o.participants.find((p) => p.role === 'helper')).toMatchObject({ name: '李**', roleLabel: '家属协助（申请人李建国的女儿，同一部手机）' })
    await act(APP, 'app-1', 'leave')
    expect((await t.ok(MED, vr.room, { params: { caseId } })).participants.some((p) => p.role === 'helper')).toBe(false)
  })

  it('the mediator ends the session for all: everyone out, the room forgotten, the attendance kept; each change one audit entry', async () => {
    const { t, caseId, act } = await full()
    const audit0 = t.db.audit.length
    await expectRefusal(t, APP, vr.act, { params: { caseId }, body: { clientId: 'app-1', action: 'end' } }, 403, '只有调解员可以这样做', snapshot(t))
    setClock(t, '2026-11-25T10:48:00+08:00')
    const ended = await act(MED, 'med-1', 'end')
    expect(ended.phase).toBe('ended')
    expect(ended.endedAt).toBe('2026-11-25T10:48:00+08:00')
    expect(ended.participants.filter((p) => p.state !== 'left')).toEqual([])
    expect(ended.attendance.map((x) => [x.roleLabel, x.name, x.to])).toEqual([
      ['调解员', '郭惠芳', '2026-11-25T10:48:00+08:00'],
      ['申请人', '李建国', '2026-11-25T10:48:00+08:00'],
      ['被申请人', '张伟强', '2026-11-25T10:48:00+08:00'],
    ])
    expect(t.db.video!.rooms[0].signals).toEqual([])
    expect(t.db.audit.length).toBe(audit0 + 1)
    expect(t.db.audit.at(-1)!.summary).toBe('结束视频调解，出席：调解员 郭惠芳、申请人 李建国、被申请人 张伟强')
    const a = await t.ok(APP, vr.room, { params: { caseId }, query: { clientId: 'app-1' } })
    expect(a.message).toMatch(/已结束/)
    expect(a.attendance).toEqual([])
    await expectRefusal(t, APP, vr.join, { params: { caseId }, body: { clientId: 'app-3' } }, 409, /已结束/, snapshot(t))
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })

  it("the case page's 进入视频调解 says what the room will do: pre-check before it opens, open in its hour, ended or past afterwards — never a way into a room that refuses", async () => {
    const { t, caseId, act } = await full()
    const entry = async (who: string) => (await t.ok(who, routes.mediation.get, { params: { id: caseId } })).video
    setClock(t, '2026-11-25T08:00:00+08:00')
    expect(await entry(APP)).toEqual({ available: true, text: '视频调解室在预约时间前 15 分钟（09:45）开放；现在可以先检查摄像头、麦克风和网络。' })
    setClock(t, '2026-11-25T10:05:00+08:00')
    expect(await entry(APP)).toMatchObject({ available: true, text: expect.stringContaining('已开放') })
    await act(MED, 'med-1', 'end')
    for (const who of [APP, OTHER, MED]) expect(await entry(who)).toEqual({ available: false, text: '本次视频调解已于 10:05 结束。调解结果以调解员的记录和协议书为准。' })
    // a fresh appointment whose hour went by without anyone ending it
    const other = testBff()
    const id2 = seeded(other)
    setClock(other, '2026-11-25T11:31:00+08:00')
    expect((await other.ok(APP, routes.mediation.get, { params: { id: id2 } })).video).toEqual({ available: false, text: '本次视频调解的时间已过。如需再次调解，请联系调委会另约时间。' })
  })

  it('the 调解记录 notes who attended and when (a drop is two stretches) and what was said about recording; the mediator sees it on the case page', async () => {
    const { t, caseId, act, join } = await full()
    setClock(t, '2026-11-25T10:12:00+08:00')
    await act(OTHER, 'oth-1', 'leave')
    setClock(t, '2026-11-25T10:14:00+08:00')
    await join(OTHER, 'oth-2')
    setClock(t, '2026-11-25T10:40:00+08:00')
    await act(MED, 'med-1', 'end')
    const d = await t.ok(MED, routes.mediation.get, { params: { id: caseId } })
    expect(d.videoAttendance).toEqual([
      '出席 调解员 郭惠芳 10:00—10:40',
      '出席 申请人 李建国 10:00—10:40',
      '出席 被申请人 张伟强 10:00—10:12',
      '出席 被申请人 张伟强 10:14—10:40',
      '录制 本次视频调解未录音录像',
    ])
    // the parties' view of the case carries none of it
    expect((await t.ok(APP, routes.mediation.get, { params: { id: caseId } })).videoAttendance).toEqual([])
  })

  it('every join, admission, removal, hand and media change is one audit entry', async () => {
    const { t, join, act } = await setup()
    const n0 = t.db.audit.length
    await join(MED, 'med-1')
    const a = await join(APP, 'app-1')
    await act(MED, 'med-1', 'admit', { participantId: a.me!.id })
    await act(APP, 'app-1', 'hand_up')
    await act(APP, 'app-1', 'media', { camera: false })
    await act(APP, 'app-1', 'leave')
    await join(APP, 'app-2')
    expect(t.db.audit.slice(n0).map((e) => e.action)).toEqual(['video.join', 'video.join', 'video.admit', 'video.hand_up', 'video.media', 'video.leave', 'video.rejoin'])
  })

  it('a long poll waits for a signal and answers as soon as one arrives', async () => {
    const { t, caseId } = await full()
    const room = await t.ok(MED, vr.room, { params: { caseId } })
    const med = room.participants.find((p) => p.role === 'mediator')!
    const started = Date.now()
    const waiting = t.ok(MED, vr.poll, { params: { caseId }, query: { clientId: 'med-1', after: 0, wait: 3000 } })
    await new Promise((r) => setTimeout(r, 50))
    await t.ok(OTHER, vr.signal, { params: { caseId }, body: { clientId: 'oth-1', to: med.id, toEpoch: med.epoch, kind: 'candidate', data: '{"candidate":"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"}' } })
    const got = await waiting
    expect(got.messages.map((m) => m.kind)).toEqual(['candidate'])
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('no room answer carries an unmasked phone or ID number, to anyone in it', async () => {
    const { t, caseId, join, act } = await full()
    const { code } = await t.ok(APP, vr.helperCode, { params: { caseId } })
    const h = await join(HELPER, 'h-1', { helperCode: code, relation: '女儿' })
    await act(MED, 'med-1', 'admit', { participantId: h.me!.id })
    for (const who of [APP, OTHER, MED, HELPER]) {
      const room = await t.ok(who, vr.poll, { params: { caseId }, query: { clientId: 'any' } })
      expect(findUnmaskedPersonalData(JSON.stringify(room))).toBeNull()
    }
  })

  it('formats the session timer as people read it', () => {
    expect(formatElapsed(0)).toBe('00:00')
    expect(formatElapsed(307)).toBe('05:07')
    expect(formatElapsed(3729)).toBe('1:02:09')
    expect(formatElapsed(-5)).toBe('00:00')
  })
})
