/**
 * 视频调解's room ticket, the WebSocket signalling it opens, TRTC's UserSig and the recording consent:
 * who gets a ticket and when, its expiry, a forged or reused ticket refused, the newer connection
 * winning, a room forgotten at the end; a UserSig that Tencent's own algorithm accepts, with the secret
 * in no answer; nothing recorded unless everyone in the room says yes, and the consent on the record.
 */
import zlib from 'node:zlib'
import WebSocket from 'ws'
import type { Server } from 'node:http'
import { routes } from '../../src/contract/routes'
import { VIDEO_TICKET_TTL_S, type Room, type VideoTicket } from '../../src/contract/video'
import { attachSignalHub, videoRecordLines } from '../../mock/handlers/video'
import { CLOSE, type HubMessage, type SignalConn } from '../../mock/lib/signal-hub'
import { trtcSigner } from '../../mock/lib/trtc-sign'
import { configureVideo, signTicket, verifyTicket, videoConfig, type TicketClaims } from '../../mock/lib/video-ticket'
import { VIDEO_SEED } from '../../mock/seed/video'
import { startServer } from '../../mock/server'
import { expectRefusal, FIXED_NOW, setClock, testBff } from '../support/bff'

const vr = routes.video
const APP = VIDEO_SEED.applicant
const OTHER = VIDEO_SEED.otherParty
const MED = VIDEO_SEED.mediator
const STRANGER = 'r-resident-05'
const TEST_SDK_APP_ID = 1400000000
// a throwaway key for this test only; a real one lives in the BFF's secret store
const TEST_SECRET = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'

type T = ReturnType<typeof testBff>

async function setup() {
  const t = testBff()
  const c = t.db.mediationCases.find((x) => x.applicantId === APP && x.mode === 'video' && x.status === 'scheduled' && x.mediatorId === MED)!
  const caseId = c.id
  const join = (who: string, clientId: string, extra: Record<string, unknown> = {}) => t.ok(who, vr.join, { params: { caseId }, body: { clientId, ...extra } })
  const act = (who: string, clientId: string, action: string, extra: Record<string, unknown> = {}) => t.ok(who, vr.act, { params: { caseId }, body: { clientId, action, ...extra } as never })
  const ticket = (who: string, clientId: string, client: 'h5' | 'weapp' = 'h5') => t.ok(who, vr.ticket, { params: { caseId }, body: { clientId, client } })
  const room = (who: string, clientId?: string) => t.ok(who, vr.room, { params: { caseId }, query: { clientId } })
  return { t, caseId, c, join, act, ticket, room }
}

/** mediator in, both parties admitted */
async function full() {
  const s = await setup()
  await s.join(MED, 'med-1')
  const a = await s.join(APP, 'app-1')
  const o = await s.join(OTHER, 'oth-1')
  await s.act(MED, 'med-1', 'admit', { participantId: a.me!.id })
  await s.act(MED, 'med-1', 'admit', { participantId: o.me!.id })
  return s
}

/** a socket as the hub sees one: it records what it is told and whether it was closed */
function fakeConn() {
  const got: HubMessage[] = []
  const conn: SignalConn & { got: HubMessage[]; closed: number | null } = {
    got,
    closed: null,
    send: (m) => got.push(m),
    close: (code) => (conn.closed = code),
  }
  return conn
}

const snapshot = (t: T) => () => ({ video: JSON.stringify(t.db.video ?? null), audit: t.db.audit.length })

afterEach(() => configureVideo({ trtc: null, h5Provider: 'webrtc', signalPath: null }))

describe('the room ticket (POST /video/rooms/:caseId/video-ticket)', () => {
  it('is issued to an admitted party and to the mediator: short-lived, naming the room and the provider', async () => {
    const s = await full()
    const m = await s.ticket(MED, 'med-1')
    const a = await s.ticket(APP, 'app-1')
    expect(m).toMatchObject({ caseId: s.caseId, provider: 'webrtc', trtc: null, message: null })
    expect(m.roomId).toBe(a.roomId)
    expect(m.roomId).toBeGreaterThanOrEqual(1)
    expect(m.roomId).toBeLessThanOrEqual(4294967295)
    expect(Date.parse(m.expiresAt) - FIXED_NOW.getTime()).toBe(VIDEO_TICKET_TTL_S * 1000)
    // each call signs a new ticket (never replayed): a ticket is used once
    expect((await s.ticket(MED, 'med-1')).ticket).not.toBe(m.ticket)
    const claims = verifyTicket(a.ticket, videoConfig.ticketKey, FIXED_NOW.getTime())
    expect(claims.ok && claims.claims).toMatchObject({ caseId: s.caseId, uid: APP, cid: 'app-1', provider: 'webrtc' })
  })

  it('is refused to a stranger (404, as for a case never filed), to the waiting room, before the window and after it', async () => {
    const s = await setup()
    const never = await s.t.as(STRANGER, vr.ticket, { params: { caseId: 'mcase-999' }, body: { clientId: 'x', client: 'h5' } })
    await expectRefusal(s.t, STRANGER, vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'x', client: 'h5' } }, 404, (never.body as { message: string }).message, snapshot(s.t))
    await expectRefusal(s.t, 'u-mediator-01', vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'x', client: 'h5' } }, 404, (never.body as { message: string }).message, snapshot(s.t))
    await s.join(MED, 'med-1')
    await s.join(APP, 'app-1')
    await expectRefusal(s.t, APP, vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'app-1', client: 'h5' } }, 409, '请等调解员让您进入调解室', snapshot(s.t))
    // another page of the same person has no ticket for the entry it has not made
    await expectRefusal(s.t, MED, vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'med-other', client: 'h5' } }, 409, /另一台手机/, snapshot(s.t))
    setClock(s.t, '2026-11-25T09:40:00+08:00')
    await expectRefusal(s.t, MED, vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'med-1', client: 'h5' } }, 409, '视频调解室在 09:45 开放（调解 10:00 开始），请到时再进入', snapshot(s.t))
    setClock(s.t, '2026-11-25T11:31:00+08:00')
    await expectRefusal(s.t, MED, vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'med-1', client: 'h5' } }, 409, /时间已过/, snapshot(s.t))
  })

  it('its signature, expiry and shape are checked: a changed, truncated or late ticket is not accepted', async () => {
    const key = 'k-test'
    const claims: TicketClaims = { v: 1, caseId: 'mcase-1', roomId: 7, pid: 'vp-1', uid: 'r-1', cid: 'c-1', epoch: 1, provider: 'webrtc', exp: 1_000_000, jti: 'j1' }
    const tk = signTicket(claims, key)
    expect(verifyTicket(tk, key, 999_999)).toEqual({ ok: true, claims })
    expect(verifyTicket(tk, key, 1_000_000)).toEqual({ ok: false, reason: 'expired' })
    expect(verifyTicket(tk, 'another-key', 0)).toEqual({ ok: false, reason: 'forged' })
    const [body, sig] = tk.split('.')
    const other = signTicket({ ...claims, pid: 'vp-2' }, key).split('.')[0]
    expect(verifyTicket(`${other}.${sig}`, key, 0)).toEqual({ ok: false, reason: 'forged' })
    expect(verifyTicket(body, key, 0)).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyTicket(`${tk}.x`, key, 0)).toEqual({ ok: false, reason: 'malformed' })
  })
})

describe('the signalling socket', () => {
  it('opens once per ticket; a forged, reused, expired or another room\'s ticket is refused and closed', async () => {
    const s = await full()
    const hub = attachSignalHub(s.t.db, () => s.t.now)
    const a = await s.ticket(APP, 'app-1')
    const c1 = fakeConn()
    expect(hub.connect(c1, a.ticket, s.caseId)).toBe(true)
    expect(c1.got[0]).toMatchObject({ type: 'welcome', epoch: expect.any(Number) })
    const reuse = fakeConn()
    expect(hub.connect(reuse, a.ticket, s.caseId)).toBe(false)
    expect(reuse.got).toEqual([{ type: 'refused', reason: 'reused', message: '进入凭证已用过，请重新进入调解室' }])
    expect(reuse.closed).toBe(CLOSE.refused)
    const forged = fakeConn()
    const [body] = (await s.ticket(OTHER, 'oth-1')).ticket.split('.')
    hub.connect(forged, `${body}.AAAA`, s.caseId)
    expect(forged.got[0]).toMatchObject({ type: 'refused', reason: 'forged' })
    const wrong = fakeConn()
    hub.connect(wrong, (await s.ticket(OTHER, 'oth-1')).ticket, 'mcase-other')
    expect(wrong.got[0]).toMatchObject({ type: 'refused', reason: 'wrong_room' })
    const late = await s.ticket(OTHER, 'oth-1')
    s.t.setNow(new Date(FIXED_NOW.getTime() + VIDEO_TICKET_TTL_S * 1000))
    const lateConn = fakeConn()
    hub.connect(lateConn, late.ticket, s.caseId)
    expect(lateConn.got[0]).toMatchObject({ type: 'refused', reason: 'expired', message: '进入凭证已过期，请重新进入调解室' })
    expect(hub.connected(s.caseId)).toHaveLength(1)
  })

  it('carries a signal only to someone in the room with the epoch it was meant for', async () => {
    const s = await full()
    const hub = attachSignalHub(s.t.db, () => s.t.now)
    const [m, a] = [fakeConn(), fakeConn()]
    const mt = await s.ticket(MED, 'med-1')
    const at = await s.ticket(APP, 'app-1')
    hub.connect(m, mt.ticket, s.caseId)
    hub.connect(a, at.ticket, s.caseId)
    const room = await s.room(MED, 'med-1')
    const app = room.participants.find((p) => p.roleLabel === '申请人')!
    const oth = room.participants.find((p) => p.roleLabel === '被申请人')!
    hub.receive(m, JSON.stringify({ type: 'signal', to: app.id, toEpoch: app.epoch, kind: 'offer', data: 'v=0 sdp' }))
    expect(a.got.at(-1)).toMatchObject({ type: 'signal', from: room.me!.id, fromEpoch: room.me!.epoch, kind: 'offer', data: 'v=0 sdp' })
    // a stale epoch or a malformed message: told back, not carried
    hub.receive(m, JSON.stringify({ type: 'signal', to: app.id, toEpoch: app.epoch - 1, kind: 'offer', data: 'x' }))
    hub.receive(m, '{not json')
    hub.receive(m, JSON.stringify({ type: 'signal', to: app.id, toEpoch: app.epoch, kind: 'bye', data: 'x' }))
    expect(m.got.filter((x) => x.type === 'undeliverable').map((x) => (x as { message: string }).message)).toEqual(['对方已离开或重新进入，请稍候自动重连', '信令格式不对', '信令格式不对'])
    expect(a.got.filter((x) => x.type === 'signal')).toHaveLength(1)
    // someone in the room whose socket is not open yet gets it with their next poll of the BFF
    hub.receive(m, JSON.stringify({ type: 'signal', to: oth.id, toEpoch: oth.epoch, kind: 'offer', data: 'offer-for-oth' }))
    const polled = await s.t.ok(OTHER, vr.poll, { params: { caseId: s.caseId }, query: { clientId: 'oth-1', after: 0 } })
    expect(polled.messages.map((x) => [x.from, x.kind, x.data])).toEqual([[room.me!.id, 'offer', 'offer-for-oth']])
    expect(hub.stats).toMatchObject({ delivered: 1, undeliverable: 1, viaPoll: 1 })
    // someone asked to leave is disconnected, and nothing more reaches them
    await s.act(MED, 'med-1', 'remove', { participantId: app.id })
    expect(a.got.at(-1)).toMatchObject({ type: 'removed' })
    expect(a.closed).toBe(CLOSE.removed)
    expect(hub.connected(s.caseId)).toEqual([room.me!.id])
  })

  it('a second connection for the same participant wins; the older one is told and closed', async () => {
    const s = await full()
    const hub = attachSignalHub(s.t.db, () => s.t.now)
    const first = fakeConn()
    hub.connect(first, (await s.ticket(APP, 'app-1')).ticket, s.caseId)
    // the same person on another phone: a new entry (the BFF's join), then a ticket for it
    await s.join(APP, 'app-2')
    const stale = fakeConn()
    // the old page's ticket request is refused now, and an old unused ticket no longer matches the entry
    await expectRefusal(s.t, APP, vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'app-1', client: 'h5' } }, 409, /另一台手机/, snapshot(s.t))
    const second = fakeConn()
    expect(hub.connect(second, (await s.ticket(APP, 'app-2')).ticket, s.caseId)).toBe(true)
    expect(first.got.at(-1)).toEqual({ type: 'replaced', message: '您已在另一台手机或另一个页面进入了调解室，这里已停止。' })
    expect(first.closed).toBe(CLOSE.replaced)
    expect(stale.got).toEqual([])
    expect(hub.connected(s.caseId)).toHaveLength(1)
    expect(hub.stats.replaced).toBe(1)
  })

  it('forgets the room when the mediator ends the session: everyone told, sockets closed, no new ticket', async () => {
    const s = await full()
    const hub = attachSignalHub(s.t.db, () => s.t.now)
    const conns = [fakeConn(), fakeConn(), fakeConn()]
    const tickets = [await s.ticket(MED, 'med-1'), await s.ticket(APP, 'app-1'), await s.ticket(OTHER, 'oth-1')]
    conns.forEach((c, i) => hub.connect(c, tickets[i].ticket, s.caseId))
    const unused = await s.ticket(OTHER, 'oth-1')
    await s.act(MED, 'med-1', 'end')
    for (const c of conns) {
      expect(c.got.at(-1)).toEqual({ type: 'ended', message: '本次视频调解已结束' })
      expect(c.closed).toBe(CLOSE.ended)
    }
    expect(hub.knowsRoom(s.caseId)).toBe(false)
    const late = fakeConn()
    hub.connect(late, unused.ticket, s.caseId)
    expect(late.got[0]).toMatchObject({ type: 'refused', reason: 'ended' })
    await expectRefusal(s.t, APP, vr.ticket, { params: { caseId: s.caseId }, body: { clientId: 'app-1', client: 'h5' } }, 409, /已结束/, snapshot(s.t))
  })

  it('over a real WebSocket on the mock\'s own HTTP server: three people exchange offers and answers', async () => {
    const started = await startServer({ port: 0, quiet: true, now: () => FIXED_NOW })
    const server: Server = started.server
    try {
      const api = async (token: string | null, method: string, path: string, body?: unknown) => {
        const res = await fetch(`${started.url}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'POST' ? { 'idempotency-key': `k-${Math.random()}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) })
        return { status: res.status, body: (await res.json()) as Record<string, unknown> }
      }
      const token = async (userId: string) => (await api(null, 'POST', '/auth/preview', { userId })).body.token as string
      const caseId = started.bff.db.mediationCases.find((x) => x.applicantId === APP && x.mode === 'video' && x.status === 'scheduled')!.id
      const people = [{ id: MED, cid: 'm1' }, { id: APP, cid: 'a1' }, { id: OTHER, cid: 'o1' }]
      const tokens = await Promise.all(people.map((p) => token(p.id)))
      for (let i = 0; i < 3; i++) await api(tokens[i], 'POST', `/video/rooms/${caseId}/join`, { clientId: people[i].cid })
      const waiting = (await api(tokens[0], 'GET', `/video/rooms/${caseId}?clientId=m1`)).body.participants as Room['participants']
      for (const p of waiting.filter((x) => x.state === 'waiting')) await api(tokens[0], 'POST', `/video/rooms/${caseId}/actions`, { clientId: 'm1', action: 'admit', participantId: p.id })
      const sockets: { ws: WebSocket; got: HubMessage[]; me: Room['me'] }[] = []
      for (let i = 0; i < 3; i++) {
        const tk = (await api(tokens[i], 'POST', `/video/rooms/${caseId}/video-ticket`, { clientId: people[i].cid, client: 'h5' })).body as unknown as VideoTicket
        expect(tk.signalPath).toBe('/api/v1/video/signal')
        const me = ((await api(tokens[i], 'GET', `/video/rooms/${caseId}?clientId=${people[i].cid}`)).body as unknown as Room).me
        const ws = new WebSocket(`${started.url.replace('http', 'ws')}${tk.signalPath}?ticket=${encodeURIComponent(tk.ticket)}&caseId=${caseId}`)
        const got: HubMessage[] = []
        ws.on('message', (d) => got.push(JSON.parse(d.toString()) as HubMessage))
        await new Promise((r) => ws.once('open', r))
        sockets.push({ ws, got, me })
      }
      const until = async (f: () => boolean) => {
        for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 20))
        expect(f()).toBe(true)
      }
      // the newcomer offers to each earlier one; each answers
      const [m, a, o] = sockets
      o.ws.send(JSON.stringify({ type: 'signal', to: m.me!.id, toEpoch: m.me!.epoch, kind: 'offer', data: 'offer-o-m' }))
      o.ws.send(JSON.stringify({ type: 'signal', to: a.me!.id, toEpoch: a.me!.epoch, kind: 'offer', data: 'offer-o-a' }))
      await until(() => m.got.some((x) => x.type === 'signal') && a.got.some((x) => x.type === 'signal'))
      m.ws.send(JSON.stringify({ type: 'signal', to: o.me!.id, toEpoch: o.me!.epoch, kind: 'answer', data: 'answer-m-o' }))
      await until(() => o.got.some((x) => x.type === 'signal' && x.data === 'answer-m-o'))
      // end for all: every socket is closed by the server
      const closed = sockets.map((x) => new Promise<number>((r) => x.ws.once('close', (code) => r(code))))
      await api(tokens[0], 'POST', `/video/rooms/${caseId}/actions`, { clientId: 'm1', action: 'end' })
      expect(await Promise.all(closed)).toEqual([CLOSE.ended, CLOSE.ended, CLOSE.ended])
      // a socket with no ticket is refused
      const bare = new WebSocket(`${started.url.replace('http', 'ws')}/api/v1/video/signal`)
      const code = await new Promise<number>((r) => bare.once('close', (c) => r(c)))
      expect(code).toBe(CLOSE.refused)
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})

/** Tencent's UserSig checked the way TRTC checks it: inflate, then the same HMAC over the same fields with the library's own routine. */
function verifyUserSig(sig: string, sdkAppId: number, secret: string) {
  const unescaped = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=')
  const doc = JSON.parse(zlib.inflateSync(Buffer.from(unescaped, 'base64')).toString()) as Record<string, string | number>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Api } = require('tls-sig-api-v2') as { Api: new (id: number, key: string) => { _hmacsha256(id: string, t: number, e: number, buf: string | null): string } }
  const expected = new Api(sdkAppId, secret)._hmacsha256(String(doc['TLS.identifier']), Number(doc['TLS.time']), Number(doc['TLS.expire']), (doc['TLS.userbuf'] as string | undefined) ?? null)
  return { doc, valid: expected === doc['TLS.sig'] && doc['TLS.sdkappid'] === sdkAppId }
}

describe('TRTC (provider trtc)', () => {
  it('a mini-program\'s ticket carries sdkAppId, userId, userSig and roomId signed on the BFF; the secret is in no answer', async () => {
    configureVideo({ trtc: trtcSigner(TEST_SDK_APP_ID, TEST_SECRET) })
    const s = await full()
    const tk = await s.ticket(APP, 'app-1', 'weapp')
    expect(tk.provider).toBe('trtc')
    expect(tk.signalPath).toBeNull()
    const t = tk.trtc!
    expect(t.sdkAppId).toBe(TEST_SDK_APP_ID)
    expect(t.roomId).toBe(tk.roomId)
    expect(t.userId).toMatch(/^[a-zA-Z0-9_-]{1,32}$/)
    const sig = verifyUserSig(t.userSig, TEST_SDK_APP_ID, TEST_SECRET)
    expect(sig.valid).toBe(true)
    expect(sig.doc['TLS.identifier']).toBe(t.userId)
    expect(verifyUserSig(t.userSig, TEST_SDK_APP_ID, `${TEST_SECRET.slice(0, -1)}0`).valid).toBe(false)
    // the PrivateMapKey locks the user to this room: its userbuf names the room number
    const pmk = verifyUserSig(t.privateMapKey, TEST_SDK_APP_ID, TEST_SECRET)
    expect(pmk.valid).toBe(true)
    const buf = Buffer.from(String(pmk.doc['TLS.userbuf']), 'base64')
    expect(buf.readUInt32BE(3 + t.userId.length + 4)).toBe(t.roomId)
    // two people, two userIds, one room
    const m = (await s.ticket(MED, 'med-1', 'weapp')).trtc!
    expect(m.userId).not.toBe(t.userId)
    expect(m.roomId).toBe(t.roomId)
    // nothing anyone is answered contains the secret (nor the ticket key)
    const answers = [tk, await s.ticket(MED, 'med-1'), await s.room(APP, 'app-1'), await s.room(MED, 'med-1'), await s.t.ok(APP, vr.poll, { params: { caseId: s.caseId }, query: { clientId: 'app-1', after: 0 } })]
    for (const a of answers) {
      expect(JSON.stringify(a)).not.toContain(TEST_SECRET)
      expect(JSON.stringify(a)).not.toContain(videoConfig.ticketKey)
    }
    expect(JSON.stringify(s.t.db)).not.toContain(TEST_SECRET)
  })

  it('without a TRTC configuration the ticket says so plainly; H5 can be configured to TRTC too', async () => {
    const s = await full()
    const tk = await s.ticket(APP, 'app-1', 'weapp')
    expect(tk.trtc).toBeNull()
    expect(tk.message).toMatch(/当前环境没有配置腾讯云实时音视频（TRTC）/)
    configureVideo({ h5Provider: 'trtc' })
    expect((await s.ticket(APP, 'app-1', 'h5')).provider).toBe('trtc')
    expect((await s.room(APP, 'app-1')).provider).toBe('trtc')
  })
})

describe('recording', () => {
  it('is off by default; when the mediator asks, everyone is told and nothing is recorded until all agree', async () => {
    const s = await full()
    const before = await s.room(APP, 'app-1')
    expect(before.recording.state).toBe('off')
    expect(before.availableActions.map((a) => a.key)).not.toContain('record_consent')
    await expectRefusal(s.t, APP, vr.act, { params: { caseId: s.caseId }, body: { clientId: 'app-1', action: 'record_start' } }, 403, '只有调解员可以这样做', snapshot(s.t))
    const asked = await s.act(MED, 'med-1', 'record_start')
    expect(asked.recording.state).toBe('asking')
    expect(asked.recording.text).toBe('调解员请求录音录像，需要每一位参加人同意后才开始；现在没有录制。还在等：李建国、张伟强')
    const a = await s.room(APP, 'app-1')
    expect(a.recording.text).toMatch(/^调解员请求录音录像，需要每一位参加人同意后才开始；现在没有录制。还在等：2 人/)
    expect(a.availableActions.filter((x) => x.key.startsWith('record')).map((x) => x.label)).toEqual(['同意录制', '不同意'])
    const one = await s.act(APP, 'app-1', 'record_consent')
    expect(one.recording.state).toBe('asking')
    await expectRefusal(s.t, APP, vr.act, { params: { caseId: s.caseId }, body: { clientId: 'app-1', action: 'record_consent' } }, 409, '您已经答复过了', snapshot(s.t))
    const all = await s.act(OTHER, 'oth-1', 'record_consent')
    expect(all.recording.state).toBe('on')
    expect(all.recording.text).toBe('正在录音录像（每一位参加人都已同意）')
    expect(all.recording.consents.map((c) => [c.roleLabel, c.name, c.agreed])).toEqual([
      ['调解员', '郭惠芳', true],
      ['申请人', '李建国', true],
      ['被申请人', '张伟强', true],
    ])
    expect(s.t.db.audit.filter((x) => x.action.startsWith('video.record')).map((x) => x.summary)).toEqual([
      '调解员请求录音录像，须全体参加人同意',
      '申请人 李建国同意录音录像',
      '被申请人 张伟强同意录音录像',
    ])
  })

  it('one no is enough: nothing is recorded and everyone is told who; the answers go into the 调解记录', async () => {
    const s = await full()
    await s.act(MED, 'med-1', 'record_start')
    await s.act(APP, 'app-1', 'record_consent')
    const no = await s.act(OTHER, 'oth-1', 'record_decline')
    expect(no.recording).toMatchObject({ state: 'off', text: '被申请人 张伟强不同意录制，本次调解不录音录像' })
    expect((await s.room(APP, 'app-1')).recording.text).toBe('被申请人 张伟强不同意录制，本次调解不录音录像')
    await s.act(MED, 'med-1', 'end')
    const lines = videoRecordLines(s.t.db, s.c)
    expect(lines.filter((l) => l.startsWith('录制'))).toEqual([
      '录制 10:00 调解员请求录音录像，等待每一位参加人同意',
      '录制 10:00 申请人 李建国同意录制',
      '录制 10:00 被申请人 张伟强不同意录制',
    ])
  })

  it('someone admitted while recording pauses it until they agree too', async () => {
    const s = await full()
    await s.act(MED, 'med-1', 'record_start')
    await s.act(APP, 'app-1', 'record_consent')
    expect((await s.act(OTHER, 'oth-1', 'record_consent')).recording.state).toBe('on')
    // the other party drops and comes back: a new entry, not yet agreed
    await s.act(OTHER, 'oth-1', 'leave')
    const back = await s.join(OTHER, 'oth-2')
    expect(back.me!.state).toBe('admitted')
    expect(back.recording.state).toBe('asking')
    expect(back.availableActions.map((x) => x.key)).toContain('record_consent')
    expect((await s.act(OTHER, 'oth-2', 'record_consent')).recording.state).toBe('on')
    const stopped = await s.act(MED, 'med-1', 'record_stop')
    expect(stopped.recording.state).toBe('off')
  })
})
