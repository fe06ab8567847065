import * as v from 'valibot'
import { route } from './route'
import { id, int, oneOf, queryInt, text } from './schema'
import { availableActionSchema } from './common'

/**
 * 视频调解: one room per video appointment (调解预约, mode 'video'), opened by the BFF only in the
 * booked window (with a margin) and only to the case's parties, its mediator and the family helpers
 * the mediator admits. The BFF keeps who is waiting, who is in, and who attended when (for the
 * 调解记录). Media needs a room ticket (`video-ticket`): short-lived, signed by the BFF, naming the
 * room and the provider — `webrtc` (H5: the signalling runs over the BFF's own WebSocket, or through
 * the long poll below where no socket is served, as in the in-process preview) or `trtc` (mini-
 * programs: Tencent TRTC, the ticket carries the UserSig the BFF signed; its secret never leaves it).
 */

/** the room opens this many minutes before the booked start … */
export const VIDEO_OPEN_BEFORE_MIN = 15
/** … and stays open this long after the booked end, for a session that runs over */
export const VIDEO_CLOSE_AFTER_MIN = 30
/** a peer that has not polled for this long is shown as 网络不稳定 */
export const VIDEO_UNSTABLE_AFTER_S = 6
/** the longest a signal poll waits for a message */
export const VIDEO_MAX_WAIT_MS = 8000
/** at most this many people on camera: mediator, two parties, one helper or interpreter */
export const VIDEO_MAX_IN_ROOM = 4
export const MAX_SIGNAL_CHARS = 20_000

export const videoRoles = ['mediator', 'applicant', 'other_party', 'helper'] as const
export type VideoRole = (typeof videoRoles)[number]
export const videoRoleLabels: Record<VideoRole, string> = { mediator: '调解员', applicant: '申请人', other_party: '被申请人', helper: '家属协助' }

export const videoProviders = ['webrtc', 'trtc'] as const
export type VideoProvider = (typeof videoProviders)[number]
const videoProviderSchema = v.picklist(videoProviders)

/** the ticket opens the signalling or the TRTC room once, within this many seconds */
export const VIDEO_TICKET_TTL_S = 120

export const videoTicketSchema = v.object({
  /** signed by the BFF; the signalling socket accepts it once, before expiresAt */
  ticket: v.string(),
  expiresAt: v.string(),
  caseId: v.string(),
  /** the room both providers know (TRTC: a uint32) */
  roomId: v.number(),
  provider: videoProviderSchema,
  /** webrtc: the WebSocket path on the BFF (null: signal through the BFF's long poll instead) */
  signalPath: v.nullable(v.string()),
  /** TURN relays for the real deployment (one machine needs none) */
  iceServers: v.array(v.object({ urls: v.array(v.string()), username: v.optional(v.string()), credential: v.optional(v.string()) })),
  /** trtc: what trtc-wx-sdk needs to enter the room; null when TRTC is not configured here */
  trtc: v.nullable(v.object({ sdkAppId: v.number(), userId: v.string(), userSig: v.string(), privateMapKey: v.string(), roomId: v.number(), expiresAt: v.string() })),
  /** said plainly when the provider cannot run here */
  message: v.nullable(v.string()),
})
export type VideoTicket = v.InferOutput<typeof videoTicketSchema>

export const recordingStates = ['off', 'asking', 'on'] as const
export type RecordingState = (typeof recordingStates)[number]

export const participantStates = ['waiting', 'admitted', 'left', 'removed'] as const
export type ParticipantState = (typeof participantStates)[number]

export const participantSchema = v.object({
  id: v.string(),
  /** a helper's name is masked for everyone but the mediator */
  name: v.string(),
  role: v.picklist(videoRoles),
  /** "申请人", "家属协助（申请人李建国的女儿）" */
  roleLabel: v.string(),
  /** a helper on the party's own phone has no camera of their own */
  sharedDevice: v.boolean(),
  state: v.picklist(participantStates),
  /** grows at each admission: the later one makes the WebRTC offer, and stale signals are dropped */
  epoch: v.number(),
  mic: v.boolean(),
  camera: v.boolean(),
  hand: v.boolean(),
  /** the BFF has not heard from them for a while, or they said their connection is poor */
  unstable: v.boolean(),
  me: v.boolean(),
  /** while the mediator asks to record: null = not answered yet */
  consent: v.nullable(v.boolean()),
  /** what the caller may do to this person now (the mediator: 准许进入, 请出) */
  actions: v.array(v.picklist(['admit', 'remove'])),
})
export type Participant = v.InferOutput<typeof participantSchema>

export const roomPhases = ['not_yet', 'open', 'ended', 'closed'] as const
export type RoomPhase = (typeof roomPhases)[number]

export const roomSchema = v.object({
  caseId: v.string(),
  caseNumber: v.nullable(v.string()),
  title: v.string(),
  mediatorName: v.string(),
  start: v.string(),
  end: v.string(),
  opensAt: v.string(),
  closesAt: v.string(),
  /** not_yet: before opensAt · open · ended: the mediator ended it · closed: the window has passed */
  phase: v.picklist(roomPhases),
  startedAt: v.nullable(v.string()),
  endedAt: v.nullable(v.string()),
  /** webrtc: H5 through the BFF's signalling · trtc: Tencent TRTC (configuration; mini-programs always) */
  provider: videoProviderSchema,
  me: v.nullable(participantSchema),
  /** in the room now (and the waiting room, for the mediator) */
  participants: v.array(participantSchema),
  waitingCount: v.number(),
  /** this phone's entry was taken over by a newer one (the same person on another device or tab) */
  superseded: v.boolean(),
  /** what the caller should know now, in plain words */
  message: v.nullable(v.string()),
  /** off by default; the mediator asks, everyone in the room must agree before it is 'on' */
  recording: v.object({
    state: v.picklist(recordingStates),
    /** what everyone is told, in plain words */
    text: v.nullable(v.string()),
    /** the consent on the record: who said yes or no, and when (everyone in the room sees it) */
    consents: v.array(v.object({ name: v.string(), roleLabel: v.string(), agreed: v.boolean(), at: v.string() })),
  }),
  /** for the 调解记录: who was in the room and when (the mediator only) */
  attendance: v.array(v.object({ name: v.string(), roleLabel: v.string(), from: v.string(), to: v.nullable(v.string()) })),
  availableActions: v.array(availableActionSchema),
})
export type Room = v.InferOutput<typeof roomSchema>

export const signalKinds = ['offer', 'answer', 'candidate'] as const
export type SignalKind = (typeof signalKinds)[number]

export const signalSchema = v.object({ seq: v.number(), from: v.string(), fromEpoch: v.number(), kind: v.picklist(signalKinds), data: v.string() })
export type Signal = v.InferOutput<typeof signalSchema>

export const roomActions = ['admit', 'remove', 'end', 'leave', 'hand_up', 'hand_down', 'media', 'record_start', 'record_stop', 'record_consent', 'record_decline'] as const
export type RoomAction = (typeof roomActions)[number]

const caseParam = v.object({ caseId: id('案件编号') })
const clientId = id('设备标识')
const helperCodeInput = v.pipe(v.string('「协助码」格式不对'), v.trim(), v.maxLength(8, '「协助码」是 6 位数字'), v.regex(/^\d{6}$/, '「协助码」是 6 位数字'), v.title('协助码'))
/** an SDP or an ICE candidate as the browser wrote it: machine text, not a person's words */
const signalData = v.pipe(v.string('「信令」格式不对'), v.maxLength(MAX_SIGNAL_CHARS, '「信令」太长'), v.title('信令'))

export const videoRoutes = {
  room: route({
    method: 'GET',
    path: '/video/rooms/:caseId',
    summary: '视频调解室：何时开放、谁在室内、谁在等候、我能做什么（只对本案当事人、调解员和被准许的家属）',
    access: 'user',
    params: caseParam,
    query: v.object({ clientId: v.optional(clientId), client: v.optional(oneOf('客户端', ['h5', 'weapp'] as const)) }),
    response: roomSchema,
    errors: ['NOT_FOUND'],
  }),
  join: route({
    method: 'POST',
    path: '/video/rooms/:caseId/join',
    summary: '进入视频调解室：调解员直接进入并开放房间；当事人进入等候室，由调解员准许；掉线后再次进入回到同一房间',
    access: 'user',
    params: caseParam,
    body: v.object({
      clientId,
      /** a family member on the party's own phone, announced to everyone */
      assistedBy: v.optional(v.object({ name: text('协助人姓名', 20), relation: text('与当事人关系', 10) })),
      /** a family member on their own phone: the code the party gave them */
      helperCode: v.optional(helperCodeInput),
      relation: v.optional(text('与当事人关系', 10)),
    }),
    response: roomSchema,
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  }),
  act: route({
    method: 'POST',
    path: '/video/rooms/:caseId/actions',
    summary: '调解员：准许进入、请出、结束调解（所有人离开）、请求开始录制/停止录制；每个人：离开、举手/放下、麦克风与摄像头状态、网络状况、同意或不同意录制',
    access: 'user',
    params: caseParam,
    body: v.object({
      clientId,
      action: oneOf('操作', roomActions),
      participantId: v.optional(id('参加人')),
      mic: v.optional(v.boolean('「麦克风」格式不对')),
      camera: v.optional(v.boolean('「摄像头」格式不对')),
      unstable: v.optional(v.boolean('「网络状况」格式不对')),
    }),
    response: roomSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  }),
  ticket: route({
    method: 'POST',
    path: '/video/rooms/:caseId/video-ticket',
    summary: '房间票：核对来者是本案当事人、调解员或被准许的家属，且在预约时段（含提前与延后）之内，签发短时有效的票，写明房间与通道（webrtc / trtc）',
    access: 'user',
    params: caseParam,
    body: v.object({ clientId, client: oneOf('客户端', ['h5', 'weapp'] as const) }),
    response: videoTicketSchema,
    errors: ['NOT_FOUND', 'INVALID_STATE'],
    // each ticket is single-use and short-lived: never replayed, every call signs a fresh one
    idempotency: 'never',
  }),
  helperCode: route({
    method: 'POST',
    path: '/video/rooms/:caseId/helper-code',
    summary: '当事人为用自己手机参加的家属取一个协助码（当天有效，家属仍须调解员准许）',
    access: 'resident',
    params: caseParam,
    response: v.object({ code: v.string(), expiresAt: v.string() }),
    errors: ['NOT_FOUND', 'INVALID_STATE', 'FORBIDDEN'],
  }),
  signal: route({
    method: 'POST',
    path: '/video/rooms/:caseId/signals',
    summary: 'WebRTC 信令：把 offer、answer 或 ICE 候选发给室内另一人（只在室内的人之间）',
    access: 'user',
    params: caseParam,
    body: v.object({ clientId, to: id('接收人'), toEpoch: int('接收人序号', 0, 1_000_000), kind: oneOf('信令类型', signalKinds), data: signalData }),
    response: v.object({ seq: v.number() }),
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  }),
  poll: route({
    method: 'GET',
    path: '/video/rooms/:caseId/signals',
    summary: '取给我的信令与房间现状；没有新信令时最多等 wait 毫秒（长轮询）',
    access: 'user',
    params: caseParam,
    // without a clientId (a page that has not entered) it is the room alone, with no messages
    query: v.object({ clientId: v.optional(clientId), after: queryInt('已收到的序号', 0, 1_000_000_000), wait: queryInt('等待毫秒数', 0, VIDEO_MAX_WAIT_MS) }),
    response: v.object({ messages: v.array(signalSchema), room: roomSchema }),
    errors: ['NOT_FOUND'],
  }),
}

/** A session timer as people read it: 05:07, or 1:02:09 past an hour. */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const hh = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`
}
