import type { AvailableAction } from '../../src/contract/common'
import type { RouteArgs } from '../../src/contract/route'
import {
  VIDEO_CLOSE_AFTER_MIN,
  VIDEO_MAX_IN_ROOM,
  VIDEO_OPEN_BEFORE_MIN,
  VIDEO_TICKET_TTL_S,
  VIDEO_UNSTABLE_AFTER_S,
  videoRoleLabels,
  videoRoutes,
  type Participant,
  type Room,
  type Signal,
  type VideoRole,
  type VideoTicket,
} from '../../src/contract/video'
import { maskName } from '../../src/core/mask'
import { cstParts, toIso } from '../../src/core/time'
import { audit, requireUser, userById, type Ctx, type Registry } from '../context'
import type { Db, MediationCaseRow, UserRow } from '../db'
import { fail } from '../lib/errors'
import { SignalHub } from '../lib/signal-hub'
import { roomNumberOf, randomHex, signTicket, trtcUserIdOf, TRTC_SIG_TTL_S, videoConfig } from '../lib/video-ticket'

/**
 * 视频调解室 over the 调解 module's video appointments. The rooms are this module's rows
 * (`db.video`); the cases, slots and people are read from the 调解 rows and never written.
 */

export interface VideoParticipantRow {
  id: string
  userId: string
  role: VideoRole
  /** helpers: whose family they are */
  helperFor: 'applicant' | 'other_party' | null
  relation: string | null
  /** a helper on the party's own phone: their own name (the account is the party's) */
  helperName: string | null
  sharedDevice: boolean
  state: 'waiting' | 'admitted' | 'left' | 'removed'
  epoch: number
  clientId: string
  /** the entries this one replaced: a page still polling with one of them has been taken over */
  pastClientIds: string[]
  lastSeen: string
  /** the last signal seq this participant has taken */
  ack: number
  mic: boolean
  camera: boolean
  hand: boolean
  reportedUnstable: boolean
  /** attendance: each stretch in the room */
  intervals: { from: string; to: string | null }[]
}

export interface VideoRoomRow {
  caseId: string
  startedAt: string | null
  endedAt: string | null
  participants: VideoParticipantRow[]
  signals: { seq: number; to: string; toEpoch: number; from: string; fromEpoch: number; kind: Signal['kind']; data: string }[]
  seq: number
  epochs: number
  helperCodes: { code: string; forRole: 'applicant' | 'other_party'; byUserId: string; expiresAt: string }[]
  /** off unless the mediator asks and everyone in the room agrees; absent on rows made before it existed */
  recording?: RecordingRow
}

export interface RecordingRow {
  state: 'off' | 'asking' | 'on'
  /** the current request's answers, by participant row */
  answers: { pid: string; agreed: boolean; at: string }[]
  /** a decline, said to everyone until the next request */
  declinedBy: string | null
  /** for the 调解记录: every request, answer, start and stop */
  log: { at: string; text: string }[]
}

export interface VideoTables {
  rooms: VideoRoomRow[]
}

const tables = (db: Db): VideoTables => (db.video ??= { rooms: [] })
const recordingOf = (room: VideoRoomRow): RecordingRow => (room.recording ??= { state: 'off', answers: [], declinedBy: null, log: [] })

// the WebSocket signalling, one hub per database, attached by the Node server (mock/server.ts)
const hubs = new WeakMap<Db, SignalHub>()

/** The signalling hub of this database's rooms: it reads who is admitted from the rows, and nothing else. */
export function attachSignalHub(db: Db, now: () => Date): SignalHub {
  const hub = new SignalHub(
    () => videoConfig.ticketKey,
    {
      entry(caseId, pid) {
        const room = roomOf(db, caseId)
        const p = room?.participants.find((x) => x.id === pid)
        return room && !room.endedAt && p && onCamera(p) ? { clientId: p.clientId, epoch: p.epoch } : null
      },
      ended: (caseId) => !!roomOf(db, caseId)?.endedAt || !roomOf(db, caseId),
      mailbox(caseId, m) {
        const room = roomOf(db, caseId)
        const to = room?.participants.find((p) => p.id === m.to)
        if (!room || room.endedAt || !to || !onCamera(to) || to.epoch !== m.toEpoch) return false
        room.signals.push({ seq: ++room.seq, to: to.id, toEpoch: to.epoch, from: m.from, fromEpoch: m.fromEpoch, kind: m.kind, data: m.data })
        wake(caseId)
        return true
      },
    },
    () => now().getTime(),
  )
  hubs.set(db, hub)
  return hub
}
const addMin = (iso: string, min: number) => toIso(new Date(Date.parse(iso) + min * 60_000))
const hhmm = (iso: string) => {
  const p = cstParts(new Date(iso))
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

// long polls waiting for something to happen in a room (this process only; a real BFF would use its pub/sub)
const waiters = new Map<string, Set<() => void>>()
function wake(caseId: string) {
  const set = waiters.get(caseId)
  if (!set) return
  waiters.delete(caseId)
  set.forEach((f) => f())
}
function waitFor(caseId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const set = waiters.get(caseId) ?? new Set()
    waiters.set(caseId, set)
    const done = () => {
      clearTimeout(timer)
      set.delete(done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    set.add(done)
  })
}

// ---------------------------------------------------------------------------------------------
// who may be in which room

interface Access {
  c: MediationCaseRow
  me: UserRow
  /** the caller's standing; 'helper' only once they have a participant row from a code */
  role: VideoRole
  window: { start: string; end: string; opensAt: string; closesAt: string }
}

function caseWindow(db: Db, c: MediationCaseRow) {
  const s = c.slotId ? db.mediationSlots.find((x) => x.id === c.slotId) : undefined
  if (!s) return null
  return { start: s.start, end: s.end, opensAt: addMin(s.start, -VIDEO_OPEN_BEFORE_MIN), closesAt: addMin(s.end, VIDEO_CLOSE_AFTER_MIN) }
}

function roomOf(db: Db, caseId: string): VideoRoomRow | undefined {
  return db.video?.rooms.find((r) => r.caseId === caseId)
}

function roleOf(db: Db, c: MediationCaseRow, me: UserRow): VideoRole | null {
  if (me.kind === 'resident') {
    if (c.applicantId === me.id) return 'applicant'
    if (c.otherPartyUserId === me.id) return 'other_party'
    const room = roomOf(db, c.id)
    if (room?.participants.some((p) => p.userId === me.id && p.role === 'helper' && !p.sharedDevice)) return 'helper'
    return null
  }
  // the case's own mediator: a colleague of the committee does not sit in on a video session
  return c.mediatorId === me.id ? 'mediator' : null
}

/** A video appointment the caller is part of, or the same 404 as a case that was never filed. */
function access(ctx: Ctx, caseId: string, opts: { helperCode?: string } = {}): Access & { code?: VideoRoomRow['helperCodes'][number] } {
  const me = requireUser(ctx)
  const c = ctx.db.mediationCases.find((x) => x.id === caseId)
  const window = c && c.mode === 'video' ? caseWindow(ctx.db, c) : null
  if (!c || !window) return fail('NOT_FOUND')
  const role = roleOf(ctx.db, c, me)
  if (role) return { c, me, role, window }
  if (opts.helperCode && me.kind === 'resident') {
    const code = roomOf(ctx.db, c.id)?.helperCodes.find((h) => h.code === opts.helperCode && h.expiresAt > ctx.nowIso)
    if (code) return { c, me, role: 'helper', window, code }
  }
  return fail('NOT_FOUND')
}

function ensureRoom(db: Db, caseId: string): VideoRoomRow {
  let room = roomOf(db, caseId)
  if (!room) {
    room = { caseId, startedAt: null, endedAt: null, participants: [], signals: [], seq: 0, epochs: 0, helperCodes: [] }
    tables(db).rooms.push(room)
  }
  return room
}

type Phase = Room['phase']

function phaseOf(ctx: Ctx, a: Access, room: VideoRoomRow | undefined): Phase {
  return phaseAt(ctx.nowIso, a.c, a.window, room)
}

function phaseAt(nowIso: string, c: MediationCaseRow, window: Access['window'], room: VideoRoomRow | undefined): Phase {
  if (room?.endedAt) return 'ended'
  if (!['scheduled', 'in_session'].includes(c.status)) return 'closed'
  if (nowIso < window.opensAt) return 'not_yet'
  if (nowIso > window.closesAt) return 'closed'
  return 'open'
}

/**
 * The case page's 进入视频调解 card: whether it leads anywhere now and what it says. The pre-check can be
 * done any time before the room opens; once the mediator has ended the session, or its time has passed,
 * the card says so instead of leading to a room that will refuse.
 */
export function videoEntryFor(db: Db, c: MediationCaseRow, nowIso: string): { available: boolean; text: string } | null {
  if (c.mode !== 'video' || !['scheduled', 'in_session'].includes(c.status)) return null
  const window = caseWindow(db, c)
  if (!window) return null
  const room = roomOf(db, c.id)
  switch (phaseAt(nowIso, c, window, room)) {
    case 'not_yet':
      return { available: true, text: `视频调解室在预约时间前 ${VIDEO_OPEN_BEFORE_MIN} 分钟（${hhmm(window.opensAt)}）开放；现在可以先检查摄像头、麦克风和网络。` }
    case 'open':
      return { available: true, text: '视频调解室已开放，现在就可以进入；进入前会先检查摄像头、麦克风和网络。' }
    case 'ended':
      return { available: false, text: `本次视频调解已于 ${hhmm(room!.endedAt!)} 结束。调解结果以调解员的记录和协议书为准。` }
    default:
      return { available: false, text: '本次视频调解的时间已过。如需再次调解，请联系调委会另约时间。' }
  }
}

/** The refusal for a room that is not open now, in words that say when it is. */
function requireOpen(ctx: Ctx, a: Access, room: VideoRoomRow | undefined) {
  const phase = phaseOf(ctx, a, room)
  if (phase === 'not_yet') fail('INVALID_STATE', `视频调解室在 ${hhmm(a.window.opensAt)} 开放（调解 ${hhmm(a.window.start)} 开始），请到时再进入`)
  if (phase === 'ended') fail('INVALID_STATE', '本次视频调解已结束。如需再次调解，请联系调委会另约时间')
  if (phase === 'closed') fail('INVALID_STATE', '本次视频调解的时间已过。如需再次调解，请联系调委会另约时间')
}

const sharedHelpers = (room: VideoRoomRow, party: VideoParticipantRow) => room.participants.filter((h) => h.sharedDevice && h.userId === party.userId && h !== party)
const inRoom = (p: VideoParticipantRow) => p.state === 'admitted'
const onCamera = (p: VideoParticipantRow) => inRoom(p) && !p.sharedDevice

function admit(ctx: Ctx, room: VideoRoomRow, p: VideoParticipantRow) {
  if (!p.sharedDevice && room.participants.filter(onCamera).length >= VIDEO_MAX_IN_ROOM) {
    fail('INVALID_STATE', `调解室最多 ${VIDEO_MAX_IN_ROOM} 人同时视频，请先请一位离开`)
  }
  p.state = 'admitted'
  p.epoch = ++room.epochs
  p.hand = false
  p.reportedUnstable = false
  p.ack = room.seq
  p.intervals.push({ from: ctx.nowIso, to: null })
  settleRecording(ctx, room)
}

/** who must agree before anything is recorded: everyone in the room on their own phone (a family member beside a party answers with them) */
const mustConsent = (room: VideoRoomRow) => room.participants.filter((p) => onCamera(p) && p.role !== 'mediator')

/** Recording runs only while everyone in the room has said yes; a newcomer who has not pauses it. */
function settleRecording(ctx: Ctx, room: VideoRoomRow) {
  const r = room.recording
  if (!r || r.state === 'off') return
  const all = mustConsent(room).every((p) => r.answers.some((x) => x.pid === p.id && x.agreed))
  if (r.state === 'asking' && all) {
    r.state = 'on'
    r.log.push({ at: ctx.nowIso, text: '全体参加人同意，开始录音录像' })
  } else if (r.state === 'on' && !all) {
    r.state = 'asking'
    r.log.push({ at: ctx.nowIso, text: '有新进入的参加人尚未同意，录音录像暂停' })
  }
}

/** `tell`: what their signalling socket hears (a newer entry of theirs replaced this one, or they are out) */
function leaveRoom(ctx: Ctx, p: VideoParticipantRow, state: 'left' | 'removed', tell: 'removed' | 'replaced' = 'removed') {
  const open = p.intervals[p.intervals.length - 1]
  if (open && !open.to) open.to = ctx.nowIso
  p.state = state
  p.hand = false
  const room = tables(ctx.db).rooms.find((r) => r.participants.includes(p))
  if (room) {
    hubs.get(ctx.db)?.kick(room.caseId, p.id, tell)
    if (room.recording) room.recording.answers = room.recording.answers.filter((x) => x.pid !== p.id)
  }
}

function nameOf(db: Db, p: VideoParticipantRow) {
  return p.helperName ?? userById(db, p.userId)?.name ?? ''
}

function roleLabelOf(db: Db, c: MediationCaseRow, p: VideoParticipantRow) {
  if (p.role !== 'helper') return videoRoleLabels[p.role]
  const partyId = p.helperFor === 'applicant' ? c.applicantId : c.otherPartyUserId
  const party = partyId ? (userById(db, partyId)?.name ?? '') : ''
  return `家属协助（${p.helperFor === 'applicant' ? '申请人' : '被申请人'}${party}的${p.relation ?? '家属'}${p.sharedDevice ? '，同一部手机' : ''}）`
}

function presentParticipant(ctx: Ctx, a: Access, me: VideoParticipantRow | undefined, p: VideoParticipantRow): Participant {
  const room = roomOf(ctx.db, a.c.id)
  const mediatorView = a.role === 'mediator'
  const masked = !mediatorView && p.role === 'helper' && p.userId !== a.me.id
  const name = nameOf(ctx.db, p)
  const stale = inRoom(p) && Date.parse(ctx.nowIso) - Date.parse(p.lastSeen) > VIDEO_UNSTABLE_AFTER_S * 1000
  const actions: Participant['actions'] = []
  if (mediatorView && p.role !== 'mediator') {
    if (p.state === 'waiting') actions.push('admit', 'remove')
    if (p.state === 'admitted') actions.push('remove')
  }
  return {
    id: p.id,
    name: masked ? maskName(name) : name,
    role: p.role,
    roleLabel: roleLabelOf(ctx.db, a.c, p),
    sharedDevice: p.sharedDevice,
    state: p.state,
    epoch: p.epoch,
    mic: p.mic,
    camera: p.camera,
    hand: p.hand,
    unstable: p.reportedUnstable || stale,
    me: p === me,
    consent: room?.recording?.state === 'asking' || room?.recording?.state === 'on' ? (room.recording.answers.find((x) => x.pid === p.id)?.agreed ?? (p.role === 'mediator' ? true : null)) : null,
    actions,
  }
}

const act = (key: string, label: string, style: AvailableAction['style'] = 'default'): AvailableAction => ({ key, label, opinion: 'none', opinionLabel: null, style })

function present(ctx: Ctx, a: Access, clientId: string | undefined, client: 'h5' | 'weapp' = 'h5'): Room {
  const db = ctx.db
  const room = roomOf(db, a.c.id)
  const phase = phaseOf(ctx, a, room)
  const mine = room?.participants.find((p) => p.userId === a.me.id && (a.role === 'helper' ? p.role === 'helper' && !p.sharedDevice : p.role === a.role))
  const superseded = !!(mine && clientId && mine.pastClientIds.includes(clientId))
  // a page that has not entered from this phone yet, while an older entry still counts as in the room
  const elsewhere = !!(mine && clientId && mine.clientId !== clientId && !superseded && (mine.state === 'admitted' || mine.state === 'waiting'))
  const people = (room?.participants ?? []).filter((p) => p === mine || (p.sharedDevice && p.userId === a.me.id && p.state !== 'left') || inRoom(p) || (a.role === 'mediator' && p.state === 'waiting'))
  const mediatorIn = room?.participants.some((p) => p.role === 'mediator' && inRoom(p)) ?? false
  let message: string | null = null
  if (phase === 'not_yet') message = `视频调解室在 ${hhmm(a.window.opensAt)} 开放，调解 ${hhmm(a.window.start)} 开始。可以先检查摄像头和麦克风。`
  else if (phase === 'ended') message = '本次视频调解已结束，感谢您的参加。调解结果以调解员的记录和协议书为准。'
  else if (phase === 'closed') message = '本次视频调解的时间已过。如需再次调解，请联系调委会另约时间。'
  else if (superseded) message = '您已在另一台手机或另一个页面进入了调解室，这里已停止。'
  else if (elsewhere) message = mine?.state === 'waiting' ? '您已在另一个页面进入等候室。点下面的按钮，改用这里。' : '您刚才掉线了，调解室还在。点下面的按钮回到调解室。'
  else if (mine?.state === 'removed') message = '调解员已请您离开调解室。如有疑问，请联系调委会。'
  else if (mine?.state === 'waiting') message = mediatorIn ? '您在等候室，调解员马上会让您进入，请稍候。' : '调解员还没有进入，您在等候室，请稍候。'
  const actions: AvailableAction[] = []
  if (phase === 'open') {
    if (!mine || elsewhere || mine.state === 'left' || (mine.state === 'removed' && a.role !== 'helper')) actions.push(act('join', mine?.intervals.length ? '重新进入调解室' : '进入调解室', 'primary'))
    if (mine && inRoom(mine) && !elsewhere && !superseded) {
      if (a.role !== 'mediator') actions.push(mine.hand ? act('hand_down', '放下手') : act('hand_up', '举手发言'))
      actions.push(act('leave', '离开'))
      const rec = room?.recording?.state ?? 'off'
      if (a.role === 'mediator') {
        if (rec === 'off') actions.push(act('record_start', '请求录音录像'))
        else actions.push(act('record_stop', rec === 'on' ? '停止录音录像' : '取消录制请求'))
        actions.push(act('end', '结束调解（全体离开）', 'danger'))
      } else if (rec !== 'off' && !room!.recording!.answers.some((x) => x.pid === mine.id)) {
        actions.push(act('record_consent', '同意录制', 'primary'), act('record_decline', '不同意'))
      }
    }
  }
  return {
    caseId: a.c.id,
    caseNumber: a.c.caseNumber,
    title: titleOf(db, a.c),
    mediatorName: a.c.mediatorId ? (userById(db, a.c.mediatorId)?.name ?? '') : '',
    start: a.window.start,
    end: a.window.end,
    opensAt: a.window.opensAt,
    closesAt: a.window.closesAt,
    phase,
    startedAt: room?.startedAt ?? null,
    endedAt: room?.endedAt ?? null,
    provider: client === 'weapp' ? 'trtc' : videoConfig.h5Provider,
    me: mine ? presentParticipant(ctx, a, mine, mine) : null,
    participants: people.map((p) => presentParticipant(ctx, a, mine, p)),
    waitingCount: (room?.participants ?? []).filter((p) => p.state === 'waiting').length,
    superseded,
    message,
    recording: presentRecording(ctx, a, room),
    attendance:
      a.role === 'mediator' && room
        ? room.participants.flatMap((p) => p.intervals.map((i) => ({ name: nameOf(db, p), roleLabel: roleLabelOf(db, a.c, p), from: i.from, to: i.to }))).sort((x, y) => (x.from < y.from ? -1 : 1))
        : [],
    availableActions: actions,
  }
}

function presentRecording(ctx: Ctx, a: Access, room: VideoRoomRow | undefined): Room['recording'] {
  const r = room?.recording
  if (!room || !r) return { state: 'off', text: null, consents: [] }
  const byPid = (pid: string) => room.participants.find((p) => p.id === pid)
  const consents = r.answers.flatMap((x) => {
    const p = byPid(x.pid)
    return p ? [{ name: a.role === 'mediator' || p.role !== 'helper' || p.userId === a.me.id ? nameOf(ctx.db, p) : maskName(nameOf(ctx.db, p)), roleLabel: roleLabelOf(ctx.db, a.c, p), agreed: x.agreed, at: x.at }] : []
  })
  const pending = mustConsent(room).filter((p) => !r.answers.some((x) => x.pid === p.id)).map((p) => nameOf(ctx.db, p))
  let text: string | null = null
  if (r.state === 'asking') text = `调解员请求录音录像，需要每一位参加人同意后才开始；现在没有录制。${pending.length ? `还在等：${a.role === 'mediator' ? pending.join('、') : `${pending.length} 人`}` : ''}`
  else if (r.state === 'on') text = '正在录音录像（每一位参加人都已同意）'
  else if (r.declinedBy) text = `${r.declinedBy}不同意录制，本次调解不录音录像`
  return { state: r.state, text, consents }
}

/** For the 调解记录: who attended the video session and when, and what was said about recording. */
export function videoRecordLines(db: Db, c: MediationCaseRow): string[] {
  const room = roomOf(db, c.id)
  if (!room) return []
  const t = (iso: string) => hhmm(iso)
  const lines = room.participants.flatMap((p) => p.intervals.map((i) => ({ from: i.from, text: `${roleLabelOf(db, c, p)} ${nameOf(db, p)} ${t(i.from)}—${i.to ? t(i.to) : '仍在室内'}` })))
  lines.sort((x, y) => (x.from < y.from ? -1 : 1))
  const rec = room.recording?.log ?? []
  return [
    ...lines.map((l) => `出席 ${l.text}`),
    ...(rec.length ? rec.map((l) => `录制 ${t(l.at)} ${l.text}`) : ['录制 本次视频调解未录音录像']),
  ]
}

function titleOf(db: Db, c: MediationCaseRow) {
  const applicant = userById(db, c.applicantId)?.name ?? ''
  return `${applicant} 与 ${c.otherPartyName} 的调解`
}

/** The caller's own row, entered from this phone: anything else they do in the room needs it. */
function myRow(room: VideoRoomRow | undefined, a: Access, clientId: string): VideoParticipantRow {
  const p = room?.participants.find((x) => x.userId === a.me.id && (a.role === 'helper' ? x.role === 'helper' && !x.sharedDevice : x.role === a.role))
  if (!p || p.state === 'left') return fail('INVALID_STATE', '您还没有进入调解室，请先点“进入调解室”')
  if (p.clientId !== clientId) fail('INVALID_STATE', '您已在另一台手机或另一个页面进入了调解室，这里已停止')
  return p
}

// ---------------------------------------------------------------------------------------------
// writes

type JoinBody = RouteArgs<typeof videoRoutes.join>['body']
type ActBody = RouteArgs<typeof videoRoutes.act>['body']

export function joinRoom(ctx: Ctx, caseId: string, body: JoinBody): Access {
  const a = access(ctx, caseId, { helperCode: body.helperCode })
  const room0 = roomOf(ctx.db, caseId)
  requireOpen(ctx, a, room0)
  if (a.role === 'helper' && !a.code && !room0?.participants.some((p) => p.userId === a.me.id && p.role === 'helper')) fail('NOT_FOUND')
  const room = ensureRoom(ctx.db, caseId)
  const { me } = a
  let p = room.participants.find((x) => x.userId === me.id && (a.role === 'helper' ? x.role === 'helper' && !x.sharedDevice : x.role === a.role))
  const wasIn = !!p && inRoom(p)
  if (!p) {
    p = {
      id: `vp-${room.participants.length + 1}`,
      userId: me.id,
      role: a.role,
      helperFor: a.code?.forRole ?? null,
      relation: a.role === 'helper' ? (body.relation ?? '家属') : null,
      helperName: null,
      sharedDevice: false,
      state: 'waiting',
      epoch: 0,
      clientId: body.clientId,
      pastClientIds: [],
      lastSeen: ctx.nowIso,
      ack: 0,
      mic: true,
      camera: true,
      hand: false,
      reportedUnstable: false,
      intervals: [],
    }
    room.participants.push(p)
  }
  const supersedes = p.clientId !== body.clientId
  if (supersedes) p.pastClientIds = [...p.pastClientIds.filter((x) => x !== body.clientId), p.clientId].slice(-10)
  p.clientId = body.clientId
  p.lastSeen = ctx.nowIso
  let note: string
  if (a.role === 'mediator') {
    if (!room.startedAt) room.startedAt = ctx.nowIso
    if (wasIn) leaveRoom(ctx, p, 'left', 'replaced')
    admit(ctx, room, p)
    note = wasIn ? '调解员重新进入视频调解室' : '调解员进入视频调解室'
  } else if (p.state === 'admitted' || (p.state === 'left' && p.intervals.length > 0)) {
    // a drop, a closed page or a second phone: back into the same room, the newer entry wins
    if (wasIn) leaveRoom(ctx, p, 'left', 'replaced')
    admit(ctx, room, p)
    // the family member beside them comes back with them, as the mediator admitted them before
    sharedHelpers(room, p).filter((h) => h.state === 'left' && h.intervals.length).forEach((h) => admit(ctx, room, h))
    note = `${videoRoleLabels[p.role]}重新进入视频调解室${supersedes && wasIn ? '（新的设备接替了原来的）' : ''}`
  } else {
    // the waiting room: first time, or after being asked to leave
    p.state = 'waiting'
    note = `${videoRoleLabels[p.role]}进入等候室`
  }
  if (body.assistedBy && (a.role === 'applicant' || a.role === 'other_party')) {
    const helperId = `vp-${room.participants.length + 1}`
    const existing = room.participants.find((x) => x.role === 'helper' && x.sharedDevice && x.userId === me.id)
    if (existing) {
      existing.helperName = body.assistedBy.name
      existing.relation = body.assistedBy.relation
      if (existing.state !== 'admitted') existing.state = 'waiting'
    } else {
      room.participants.push({ ...p, pastClientIds: [], id: helperId, role: 'helper', helperFor: a.role, relation: body.assistedBy.relation, helperName: body.assistedBy.name, sharedDevice: true, state: 'waiting', epoch: 0, intervals: [], hand: false })
    }
    note += `，家属 ${body.assistedBy.name}（${body.assistedBy.relation}）在同一部手机上协助`
  }
  audit(ctx, wasIn || p.intervals.length > 1 ? 'video.rejoin' : 'video.join', 'mediation', caseId, note)
  wake(caseId)
  return a
}

export function actInRoom(ctx: Ctx, caseId: string, body: ActBody): Access {
  const a = access(ctx, caseId)
  const room = roomOf(ctx.db, caseId)
  const phase = phaseOf(ctx, a, room)
  if (phase !== 'open') requireOpen(ctx, a, room)
  const me = myRow(room, a, body.clientId)
  me.lastSeen = ctx.nowIso
  const target = () => {
    const t = room!.participants.find((p) => p.id === body.participantId)
    if (!body.participantId) fail('BAD_REQUEST', '请选择参加人', { field: 'body.participantId' })
    return t ?? fail('NOT_FOUND', '没有这位参加人，请刷新后重试')
  }
  const mediatorOnly = () => {
    if (a.role !== 'mediator') fail('FORBIDDEN', '只有调解员可以这样做')
    if (!inRoom(me)) fail('INVALID_STATE', '请先进入调解室')
  }
  switch (body.action) {
    case 'admit': {
      mediatorOnly()
      const t = target()
      if (t.state !== 'waiting') fail('INVALID_STATE', t.state === 'admitted' ? `${nameOf(ctx.db, t)}已经在调解室里了` : `${nameOf(ctx.db, t)}不在等候室`)
      admit(ctx, room!, t)
      audit(ctx, 'video.admit', 'mediation', caseId, `准许${roleLabelOf(ctx.db, a.c, t)} ${nameOf(ctx.db, t)} 进入视频调解室`)
      break
    }
    case 'remove': {
      mediatorOnly()
      const t = target()
      if (t.role === 'mediator') fail('INVALID_STATE', '不能请调解员离开')
      if (t.state !== 'waiting' && t.state !== 'admitted') fail('INVALID_STATE', `${nameOf(ctx.db, t)}已不在调解室`)
      leaveRoom(ctx, t, 'removed')
      if (!t.sharedDevice) sharedHelpers(room!, t).forEach((h) => leaveRoom(ctx, h, 'left'))
      audit(ctx, 'video.remove', 'mediation', caseId, `请${roleLabelOf(ctx.db, a.c, t)} ${nameOf(ctx.db, t)} 离开视频调解室`)
      break
    }
    case 'end': {
      mediatorOnly()
      room!.endedAt = ctx.nowIso
      // everyone's socket hears 'ended' (not 'removed'), then the hub forgets the room
      hubs.get(ctx.db)?.forget(caseId)
      room!.participants.filter((p) => p.state === 'admitted' || p.state === 'waiting').forEach((p) => leaveRoom(ctx, p, 'left'))
      // the room is forgotten: nothing of the signalling outlives the session
      room!.signals = []
      room!.helperCodes = []
      if (room!.recording && room!.recording.state !== 'off') {
        room!.recording.state = 'off'
        room!.recording.log.push({ at: ctx.nowIso, text: '调解结束，录音录像停止' })
      }
      const who = [...new Set(room!.participants.filter((p) => p.intervals.length).map((p) => `${roleLabelOf(ctx.db, a.c, p)} ${nameOf(ctx.db, p)}`))]
      audit(ctx, 'video.end', 'mediation', caseId, `结束视频调解，出席：${who.join('、')}`)
      break
    }
    case 'leave': {
      if (!inRoom(me) && me.state !== 'waiting') fail('INVALID_STATE', '您已离开调解室')
      leaveRoom(ctx, me, 'left')
      sharedHelpers(room!, me).forEach((h) => leaveRoom(ctx, h, 'left'))
      audit(ctx, 'video.leave', 'mediation', caseId, `${videoRoleLabels[me.role]}离开视频调解室`)
      break
    }
    case 'hand_up':
    case 'hand_down': {
      if (!inRoom(me)) fail('INVALID_STATE', '请先进入调解室')
      me.hand = body.action === 'hand_up'
      audit(ctx, `video.${body.action}`, 'mediation', caseId, me.hand ? `${videoRoleLabels[me.role]}举手请求发言` : `${videoRoleLabels[me.role]}放下手`)
      break
    }
    case 'record_start': {
      mediatorOnly()
      const r = recordingOf(room!)
      if (r.state !== 'off') fail('INVALID_STATE', '已经在请求录制或正在录制')
      r.state = 'asking'
      r.declinedBy = null
      r.answers = [{ pid: me.id, agreed: true, at: ctx.nowIso }]
      r.log.push({ at: ctx.nowIso, text: '调解员请求录音录像，等待每一位参加人同意' })
      settleRecording(ctx, room!)
      audit(ctx, 'video.record_request', 'mediation', caseId, '调解员请求录音录像，须全体参加人同意')
      break
    }
    case 'record_stop': {
      mediatorOnly()
      const r = recordingOf(room!)
      if (r.state === 'off') fail('INVALID_STATE', '现在没有录制')
      r.log.push({ at: ctx.nowIso, text: r.state === 'on' ? '调解员停止录音录像' : '调解员取消了录制请求' })
      r.state = 'off'
      r.answers = []
      audit(ctx, 'video.record_stop', 'mediation', caseId, '调解员停止录音录像')
      break
    }
    case 'record_consent':
    case 'record_decline': {
      if (!inRoom(me)) fail('INVALID_STATE', '请先进入调解室')
      const r = recordingOf(room!)
      if (r.state === 'off') fail('INVALID_STATE', '调解员没有请求录制')
      if (r.answers.some((x) => x.pid === me.id)) fail('INVALID_STATE', '您已经答复过了')
      const agreed = body.action === 'record_consent'
      const who = `${roleLabelOf(ctx.db, a.c, me)} ${nameOf(ctx.db, me)}`
      const helpers = sharedHelpers(room!, me).filter(inRoom)
      const withHelpers = helpers.length ? `（含同一部手机上的家属 ${helpers.map((h) => nameOf(ctx.db, h)).join('、')}）` : ''
      r.log.push({ at: ctx.nowIso, text: `${who}${withHelpers}${agreed ? '同意录制' : '不同意录制'}` })
      if (agreed) {
        r.answers.push({ pid: me.id, agreed: true, at: ctx.nowIso })
        settleRecording(ctx, room!)
      } else {
        // one no is enough: nothing is recorded, and everyone is told who
        r.state = 'off'
        r.answers = []
        r.declinedBy = `${roleLabelOf(ctx.db, a.c, me)}${a.role === 'helper' ? '' : ` ${nameOf(ctx.db, me)}`}`
      }
      audit(ctx, `video.${body.action}`, 'mediation', caseId, `${who}${withHelpers}${agreed ? '同意录音录像' : '不同意录音录像'}`)
      break
    }
    case 'media': {
      if (body.mic !== undefined) me.mic = body.mic
      if (body.camera !== undefined) me.camera = body.camera
      if (body.unstable !== undefined) me.reportedUnstable = body.unstable
      audit(ctx, 'video.media', 'mediation', caseId, `麦克风${me.mic ? '开' : '关'}，摄像头${me.camera ? '开' : '关'}${me.reportedUnstable ? '，网络不稳定' : ''}`)
      break
    }
  }
  wake(caseId)
  return a
}

export function issueHelperCode(ctx: Ctx, caseId: string): { code: string; expiresAt: string } {
  const a = access(ctx, caseId)
  const role = a.role
  if (role !== 'applicant' && role !== 'other_party') return fail('FORBIDDEN', '只有当事人本人可以邀请家属协助')
  const room0 = roomOf(ctx.db, caseId)
  const phase = phaseOf(ctx, a, room0)
  if (phase === 'ended' || phase === 'closed') requireOpen(ctx, a, room0)
  const room = ensureRoom(ctx.db, caseId)
  // deterministic for the mock (seeded data and replays agree); a real BFF draws it at random
  let n = (room.helperCodes.length + 1) * 7919 + Number(caseId.replace(/\D/g, '') || 0) * 104729
  let code = String(100000 + (n % 900000))
  while (room.helperCodes.some((h) => h.code === code)) code = String(100000 + (++n % 900000))
  const expiresAt = a.window.closesAt
  room.helperCodes.push({ code, forRole: role, byUserId: a.me.id, expiresAt })
  audit(ctx, 'video.helper_code', 'mediation', caseId, `${videoRoleLabels[a.role]}为家属取了协助码`)
  return { code, expiresAt }
}

type TicketBody = RouteArgs<typeof videoRoutes.ticket>['body']

/**
 * The room ticket: the caller is this case's party, mediator or an admitted helper (else the same 404
 * as a case that does not exist), the room is open (the booked window with its margins), and this
 * phone's entry is the admitted one. It names the room and the provider and lives two minutes: long
 * enough to open the signalling socket or the TRTC room once.
 */
export function issueTicket(ctx: Ctx, caseId: string, body: TicketBody): VideoTicket {
  const a = access(ctx, caseId)
  const room = roomOf(ctx.db, caseId)
  requireOpen(ctx, a, room)
  const me = myRow(room, a, body.clientId)
  if (me.state === 'waiting') fail('INVALID_STATE', '请等调解员让您进入调解室')
  if (!inRoom(me)) fail('INVALID_STATE', me.state === 'removed' ? '调解员已请您离开调解室' : '您还没有进入调解室，请先点“进入调解室”')
  const provider = body.client === 'weapp' ? 'trtc' : videoConfig.h5Provider
  const roomId = roomNumberOf(caseId)
  const exp = ctx.now.getTime() + VIDEO_TICKET_TTL_S * 1000
  const ticket = signTicket({ v: 1, caseId, roomId, pid: me.id, uid: a.me.id, cid: me.clientId, epoch: me.epoch, provider, exp, jti: randomHex(12) }, videoConfig.ticketKey)
  let trtc: VideoTicket['trtc'] = null
  let message: string | null = null
  if (provider === 'trtc') {
    const signer = videoConfig.trtc
    if (!signer) message = '当前环境没有配置腾讯云实时音视频（TRTC），这里不能显示视频画面。您仍可看到谁在调解室、等候和举手。'
    else {
      const userId = trtcUserIdOf(caseId, me.id)
      const sig = signer.sign(userId, TRTC_SIG_TTL_S, roomId)
      trtc = { sdkAppId: signer.sdkAppId, userId, userSig: sig.userSig, privateMapKey: sig.privateMapKey, roomId, expiresAt: toIso(new Date(ctx.now.getTime() + TRTC_SIG_TTL_S * 1000)) }
    }
  }
  return {
    ticket,
    expiresAt: toIso(new Date(exp)),
    caseId,
    roomId,
    provider,
    signalPath: provider === 'webrtc' ? videoConfig.signalPath : null,
    // one machine needs none; the real deployment lists its TURN relay here (see README)
    iceServers: [],
    trtc,
    message,
  }
}

type SignalBody = RouteArgs<typeof videoRoutes.signal>['body']

export function postSignal(ctx: Ctx, caseId: string, body: SignalBody): { seq: number } {
  const a = access(ctx, caseId)
  const room = roomOf(ctx.db, caseId)
  requireOpen(ctx, a, room)
  const me = myRow(room, a, body.clientId)
  if (!inRoom(me)) fail('INVALID_STATE', '请等调解员让您进入调解室')
  me.lastSeen = ctx.nowIso
  const to = room!.participants.find((p) => p.id === body.to)
  if (!to || !onCamera(to) || to.epoch !== body.toEpoch) return fail('INVALID_STATE', '对方已离开或重新进入，请稍候自动重连')
  const seq = ++room!.seq
  room!.signals.push({ seq, to: to.id, toEpoch: to.epoch, from: me.id, fromEpoch: me.epoch, kind: body.kind, data: body.data })
  // what everyone has taken is dropped: a room's mailbox stays small however long the session runs
  const floor = Math.min(...room!.participants.filter(onCamera).map((p) => p.ack))
  room!.signals = room!.signals.filter((s) => s.seq > floor)
  wake(caseId)
  return { seq }
}

function takeSignals(room: VideoRoomRow | undefined, me: VideoParticipantRow | undefined, clientId: string | undefined, after: number): Signal[] {
  if (!room || !me || !clientId || me.clientId !== clientId || !onCamera(me)) return []
  me.ack = Math.max(me.ack, after)
  return room.signals.filter((s) => s.to === me.id && s.toEpoch === me.epoch && s.seq > after).map(({ seq, from, fromEpoch, kind, data }) => ({ seq, from, fromEpoch, kind, data }))
}

export function registerVideo(r: Registry) {
  r.on(videoRoutes.room, (ctx, { params, query }) => present(ctx, access(ctx, params.caseId), query.clientId, query.client))

  r.on(videoRoutes.join, (ctx, { params, body }) => present(ctx, joinRoom(ctx, params.caseId, body), body.clientId))

  r.on(videoRoutes.act, (ctx, { params, body }) => present(ctx, actInRoom(ctx, params.caseId, body), body.clientId))

  r.on(videoRoutes.helperCode, (ctx, { params }) => issueHelperCode(ctx, params.caseId))

  r.on(videoRoutes.ticket, (ctx, { params, body }) => issueTicket(ctx, params.caseId, body))

  r.on(videoRoutes.signal, (ctx, { params, body }) => postSignal(ctx, params.caseId, body))

  r.on(videoRoutes.poll, async (ctx, { params, query }) => {
    const a = access(ctx, params.caseId)
    const mine = () => (query.clientId ? roomOf(ctx.db, a.c.id)?.participants.find((p) => p.userId === a.me.id && p.clientId === query.clientId) : undefined)
    const seen = mine()
    if (seen) seen.lastSeen = ctx.nowIso
    const after = query.after ?? 0
    let messages = takeSignals(roomOf(ctx.db, a.c.id), seen, query.clientId, after)
    if (!messages.length && query.wait && query.clientId) {
      await waitFor(a.c.id, query.wait)
      messages = takeSignals(roomOf(ctx.db, a.c.id), mine(), query.clientId, after)
    }
    return { messages, room: present(ctx, a, query.clientId) }
  })
}
