import type { VideoProvider } from '../../src/contract/video'
import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

/**
 * The room ticket of 视频调解 (`POST /video/rooms/:caseId/video-ticket`): a short-lived, signed
 * statement "this entry of this person may use this room now", which the signalling socket checks
 * before it carries a single message. Pure JS (@noble/hashes), so the in-process preview can issue it
 * too. The key is the BFF's own and is never sent to anyone; a ticket is single-use (the signalling
 * hub remembers the `jti` of every ticket it has accepted until the ticket expires).
 */

export type { VideoProvider }

export interface TicketClaims {
  v: 1
  caseId: string
  /** the room id both providers use (TRTC: a uint32) */
  roomId: number
  /** the participant row, its entry (clientId) and its admission epoch */
  pid: string
  uid: string
  cid: string
  epoch: number
  provider: VideoProvider
  /** expiry, epoch milliseconds on the BFF's clock */
  exp: number
  /** unique per ticket: a second use of the same ticket is refused */
  jti: string
}

export type TicketCheck = { ok: true; claims: TicketClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' }

// own base64url: the in-process mini-program preview has neither btoa nor Buffer
const ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
function b64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += ABC[(n >> 18) & 63] + ABC[(n >> 12) & 63]
    if (i + 1 < bytes.length) out += ABC[(n >> 6) & 63]
    if (i + 2 < bytes.length) out += ABC[n & 63]
  }
  return out
}
function fromB64url(s: string): Uint8Array {
  const out: number[] = []
  let buf = 0
  let bits = 0
  for (const ch of s) {
    const v = ABC.indexOf(ch)
    if (v < 0) throw new Error('not base64url')
    buf = (buf << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((buf >> bits) & 255)
    }
  }
  return Uint8Array.from(out)
}
const utf8 = (bytes: Uint8Array) => decodeURIComponent(Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join(''))

export function randomHex(n: number): string {
  const bytes = new Uint8Array(n)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return bytesToHex(bytes)
}

export function signTicket(claims: TicketClaims, key: string): string {
  const body = b64url(utf8ToBytes(JSON.stringify(claims)))
  return `${body}.${b64url(hmac(sha256, utf8ToBytes(key), utf8ToBytes(body)))}`
}

/** Constant-time enough for a mock: the comparison does not stop at the first differing byte. */
function same(a: string, b: string) {
  if (a.length !== b.length) return false
  let d = 0
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return d === 0
}

export function verifyTicket(ticket: string, key: string, nowMs: number): TicketCheck {
  if (typeof ticket !== 'string' || ticket.length > 2000) return { ok: false, reason: 'malformed' }
  const [body, sig, extra] = ticket.split('.')
  if (!body || !sig || extra !== undefined) return { ok: false, reason: 'malformed' }
  let expected: string
  try {
    expected = b64url(hmac(sha256, utf8ToBytes(key), utf8ToBytes(body)))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (!same(sig, expected)) return { ok: false, reason: 'forged' }
  let claims: TicketClaims
  try {
    claims = JSON.parse(utf8(fromB64url(body))) as TicketClaims
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (claims.v !== 1 || typeof claims.exp !== 'number') return { ok: false, reason: 'malformed' }
  if (nowMs >= claims.exp) return { ok: false, reason: 'expired' }
  return { ok: true, claims }
}

/** A room id TRTC accepts (uint32, 1…4294967295), stable for a case. */
export function roomNumberOf(caseId: string): number {
  const h = sha256(utf8ToBytes(`video-room:${caseId}`))
  const n = ((h[0] << 24) >>> 0) + (h[1] << 16) + (h[2] << 8) + h[3]
  return (n % 4_294_967_294) + 1
}

/** A TRTC userId: ≤ 32 bytes of [a-zA-Z0-9_-], one per participant row of one room. */
export function trtcUserIdOf(caseId: string, pid: string): string {
  return `${caseId}_${pid}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(-32)
}

// ---------------------------------------------------------------------------------------------
// configuration: which provider, TRTC's signer, whether a signalling socket is being served

export interface TrtcSigner {
  sdkAppId: number
  /** signs on the BFF with the secret only it holds (tls-sig-api-v2; see mock/lib/trtc-sign.ts) */
  sign(userId: string, expireSeconds: number, roomId: number): { userSig: string; privateMapKey: string }
}

export interface VideoConfig {
  /** the provider H5 uses (mini-programs always use TRTC: there is no WebRTC in them) */
  h5Provider: VideoProvider
  /** null: no TRTC account is configured, and the ticket says so in plain words */
  trtc: TrtcSigner | null
  /** the HMAC key of the tickets: made fresh per process, never written anywhere */
  ticketKey: string
  /** the path of the WebSocket signalling, when this process serves one (the Node server); else the BFF's long poll */
  signalPath: string | null
}

export const SIGNAL_PATH = '/api/v1/video/signal'
/** the TRTC UserSig lives the session's length at most (the ticket's own expiry is the short one) */
export const TRTC_SIG_TTL_S = 2 * 3600

export const videoConfig: VideoConfig = { h5Provider: 'webrtc', trtc: null, ticketKey: randomHex(32), signalPath: null }

export function configureVideo(patch: Partial<VideoConfig>) {
  Object.assign(videoConfig, patch)
}
