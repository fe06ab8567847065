import { MAX_SIGNAL_CHARS, signalKinds, type SignalKind } from '../../src/contract/video'
import { verifyTicket, type TicketClaims } from './video-ticket'

/**
 * The WebRTC signalling of 视频调解 over a WebSocket (H5 against the Node mock BFF). Transport-free:
 * mock/server.ts adapts each `ws` socket to a `SignalConn`, the unit tests use plain objects. Rules:
 * - a connection opens only with a valid room ticket, once per ticket (a reused, forged or expired
 *   ticket is refused), and only while its entry is still the admitted one (same clientId and epoch);
 * - one connection per participant: a newer one wins, the older is told and closed;
 * - a signal goes only to someone connected in the same room with the epoch it was meant for;
 * - when the session ends the room is forgotten: every socket closed, nothing kept.
 * Signals are not state changes: nothing here is audited or stored.
 */

export interface SignalConn {
  send(msg: HubMessage): void
  close(code: number, reason: string): void
}

/** what the socket says to a page */
export type HubMessage =
  | { type: 'welcome'; pid: string; epoch: number; peers: string[] }
  | { type: 'signal'; seq: number; from: string; fromEpoch: number; kind: SignalKind; data: string }
  | { type: 'refused'; reason: RefuseReason; message: string }
  | { type: 'undeliverable'; to: string; message: string }
  | { type: 'replaced'; message: string }
  | { type: 'ended'; message: string }
  | { type: 'removed'; message: string }

export type RefuseReason = 'malformed' | 'forged' | 'expired' | 'reused' | 'wrong_room' | 'stale' | 'ended'

/** close codes a page can act on */
export const CLOSE = { refused: 4401, replaced: 4001, ended: 4410, removed: 4403, bad: 4400 } as const

/** How the hub asks the BFF's rows who is in the room now. */
export interface RoomLookup {
  /** the participant's current entry, if admitted and on camera; null otherwise */
  entry(caseId: string, pid: string): { clientId: string; epoch: number } | null
  /** the session has been ended by the mediator (or the room never existed) */
  ended(caseId: string): boolean
  /**
   * Someone in the room whose socket is not open yet (it is still fetching its ticket) gets the signal
   * with their next poll of the BFF instead; false when they are not in the room with that epoch.
   */
  mailbox?(caseId: string, m: { from: string; fromEpoch: number; to: string; toEpoch: number; kind: SignalKind; data: string }): boolean
}

interface Live {
  conn: SignalConn
  claims: TicketClaims
}

const REFUSALS: Record<RefuseReason, string> = {
  malformed: '进入凭证无效，请回到调解室页面重新进入',
  forged: '进入凭证无效，请回到调解室页面重新进入',
  expired: '进入凭证已过期，请重新进入调解室',
  reused: '进入凭证已用过，请重新进入调解室',
  wrong_room: '进入凭证不属于这个调解室',
  stale: '您已在另一台手机或另一个页面进入了调解室，或已离开，请重新进入',
  ended: '本次视频调解已结束',
}

export interface HubStats {
  connections: number
  refused: number
  replaced: number
  received: number
  delivered: number
  undeliverable: number
  /** carried by the BFF's poll instead (the target's socket was not open yet) */
  viaPoll: number
  rooms: number
}

export class SignalHub {
  private rooms = new Map<string, Map<string, Live>>()
  /** tickets already used, until they would have expired anyway */
  private used = new Map<string, number>()
  private byConn = new Map<SignalConn, Live>()
  private seq = 0
  readonly stats: HubStats = { connections: 0, refused: 0, replaced: 0, received: 0, delivered: 0, undeliverable: 0, viaPoll: 0, rooms: 0 }

  constructor(
    private readonly key: () => string,
    private readonly lookup: RoomLookup,
    private readonly nowMs: () => number,
  ) {}

  /** A socket arrives with a ticket (and the case it says it is for): accepted, or told why not and closed. */
  connect(conn: SignalConn, ticket: string, caseId?: string): boolean {
    const now = this.nowMs()
    for (const [jti, exp] of this.used) if (exp <= now) this.used.delete(jti)
    const refuse = (reason: RefuseReason) => {
      this.stats.refused++
      conn.send({ type: 'refused', reason, message: REFUSALS[reason] })
      conn.close(CLOSE.refused, reason)
      return false
    }
    const check = verifyTicket(ticket, this.key(), now)
    if (!check.ok) return refuse(check.reason)
    const c = check.claims
    if (this.used.has(c.jti)) return refuse('reused')
    if (caseId !== undefined && caseId !== c.caseId) return refuse('wrong_room')
    if (this.lookup.ended(c.caseId)) return refuse('ended')
    const entry = this.lookup.entry(c.caseId, c.pid)
    if (!entry || entry.clientId !== c.cid || entry.epoch !== c.epoch) return refuse('stale')
    this.used.set(c.jti, c.exp)
    let room = this.rooms.get(c.caseId)
    if (!room) {
      room = new Map()
      this.rooms.set(c.caseId, room)
    }
    const old = room.get(c.pid)
    if (old) {
      this.stats.replaced++
      room.delete(c.pid)
      this.byConn.delete(old.conn)
      old.conn.send({ type: 'replaced', message: '您已在另一台手机或另一个页面进入了调解室，这里已停止。' })
      old.conn.close(CLOSE.replaced, 'replaced')
    }
    const live = { conn, claims: c }
    room.set(c.pid, live)
    this.byConn.set(conn, live)
    this.stats.connections++
    this.stats.rooms = this.rooms.size
    conn.send({ type: 'welcome', pid: c.pid, epoch: c.epoch, peers: [...room.keys()].filter((p) => p !== c.pid) })
    return true
  }

  /** A message from a connected socket. Anything but a well-formed signal to someone in the room is answered, not carried. */
  receive(conn: SignalConn, raw: string) {
    const live = this.find(conn)
    if (!live) return
    const { caseId, pid } = live.claims
    let m: { type?: unknown; to?: unknown; toEpoch?: unknown; kind?: unknown; data?: unknown }
    try {
      m = raw.length > MAX_SIGNAL_CHARS + 500 ? {} : (JSON.parse(raw) as typeof m)
    } catch {
      m = {}
    }
    if (!m || m.type !== 'signal' || typeof m.to !== 'string' || typeof m.toEpoch !== 'number' || !signalKinds.includes(m.kind as SignalKind) || typeof m.data !== 'string' || m.data.length > MAX_SIGNAL_CHARS) {
      conn.send({ type: 'undeliverable', to: typeof m?.to === 'string' ? m.to : '', message: '信令格式不对' })
      return
    }
    this.stats.received++
    // the sender must still be the admitted entry: someone removed a moment ago sends nothing more
    const self = this.lookup.entry(caseId, pid)
    if (!self || self.epoch !== live.claims.epoch) {
      this.drop(caseId, pid, { type: 'removed', message: '您已不在调解室' }, CLOSE.removed)
      return
    }
    const target = this.rooms.get(caseId)?.get(m.to)
    const kind = m.kind as SignalKind
    if (!target && this.lookup.mailbox?.(caseId, { from: pid, fromEpoch: live.claims.epoch, to: m.to, toEpoch: m.toEpoch, kind, data: m.data })) {
      this.stats.viaPoll++
      return
    }
    if (!target || target.claims.epoch !== m.toEpoch || !this.lookup.entry(caseId, m.to)) {
      this.stats.undeliverable++
      conn.send({ type: 'undeliverable', to: m.to, message: '对方已离开或重新进入，请稍候自动重连' })
      return
    }
    this.stats.delivered++
    target.conn.send({ type: 'signal', seq: ++this.seq, from: pid, fromEpoch: live.claims.epoch, kind: m.kind as SignalKind, data: m.data })
  }

  /** The socket closed (page closed, network gone). */
  disconnected(conn: SignalConn) {
    const live = this.find(conn)
    if (!live) return
    this.byConn.delete(conn)
    const room = this.rooms.get(live.claims.caseId)
    if (room?.get(live.claims.pid) === live) room.delete(live.claims.pid)
    if (room && !room.size) this.rooms.delete(live.claims.caseId)
    this.stats.rooms = this.rooms.size
  }

  /** The mediator asked someone to leave, or they left: their socket goes. */
  kick(caseId: string, pid: string, why: 'removed' | 'replaced' = 'removed') {
    if (why === 'replaced' && this.rooms.get(caseId)?.has(pid)) {
      this.stats.replaced++
      this.drop(caseId, pid, { type: 'replaced', message: '您已在另一台手机或另一个页面进入了调解室，这里已停止。' }, CLOSE.replaced)
    } else this.drop(caseId, pid, { type: 'removed', message: '您已离开调解室' }, CLOSE.removed)
  }

  /** The session has ended: everyone is told, every socket closed, the room forgotten. */
  forget(caseId: string) {
    const room = this.rooms.get(caseId)
    this.rooms.delete(caseId)
    this.stats.rooms = this.rooms.size
    room?.forEach(({ conn }) => {
      this.byConn.delete(conn)
      conn.send({ type: 'ended', message: '本次视频调解已结束' })
      conn.close(CLOSE.ended, 'ended')
    })
  }

  /** who is connected in a room now (tests and the soak report) */
  connected(caseId: string): string[] {
    return [...(this.rooms.get(caseId)?.keys() ?? [])]
  }

  knowsRoom(caseId: string) {
    return this.rooms.has(caseId)
  }

  private drop(caseId: string, pid: string, msg: HubMessage, code: number) {
    const room = this.rooms.get(caseId)
    const live = room?.get(pid)
    if (!room || !live) return
    room.delete(pid)
    this.byConn.delete(live.conn)
    if (!room.size) this.rooms.delete(caseId)
    this.stats.rooms = this.rooms.size
    live.conn.send(msg)
    live.conn.close(code, msg.type)
  }

  private find(conn: SignalConn): Live | undefined {
    return this.byConn.get(conn)
  }
}
