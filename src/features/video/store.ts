import { makeAutoObservable, runInAction } from 'mobx'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'
import { newIdempotencyKey } from '../../core/ids'
import { videoRoutes, type Room, type RoomAction, type Signal, type SignalKind, type VideoTicket } from '../../contract/video'

/** How long one signal poll waits at the BFF; the mock caps it at VIDEO_MAX_WAIT_MS. */
const POLL_WAIT_MS = 4000

export interface JoinExtra {
  assistedBy?: { name: string; relation: string }
  helperCode?: string
  relation?: string
}

/**
 * One person's view of one 视频调解室: the room as the BFF says it is, this phone's entry (its
 * `clientId`: a reopened page is a new entry, which the BFF lets back into the same room), and the
 * signal loop. Media and WebRTC live in the page (H5) or in live-pusher/live-player (weapp); this
 * store only carries what they exchange. Imports only its own contract.
 */
export class VideoStore {
  caseId = ''
  room: Room | null = null
  /** the last room ticket (media: the signalling socket or TRTC) */
  ticket: VideoTicket | null = null
  error: ApiError | null = null
  busy = false
  /** a fresh entry per page load, so a closed-and-reopened page is a rejoin, not a duplicate */
  clientId = `c${newIdempotencyKey().slice(-20)}`
  private after = 0
  private polling = false
  private stopped = false
  private listeners = new Set<(m: Signal) => void>()

  constructor(private readonly root: RootStore) {
    makeAutoObservable<VideoStore, 'root' | 'listeners'>(this, { root: false, listeners: false })
  }

  get api() {
    return this.root.api
  }

  get inRoom() {
    return this.room?.phase === 'open' && this.room.me?.state === 'admitted' && !this.room.superseded
  }

  /** the people whose video this phone shows: in the room, with a camera of their own */
  get others() {
    return (this.room?.participants ?? []).filter((p) => !p.me && p.state === 'admitted' && !p.sharedDevice)
  }

  get waiting() {
    return (this.room?.participants ?? []).filter((p) => p.state === 'waiting')
  }

  async load(caseId: string, client: 'h5' | 'weapp' = 'h5') {
    if (caseId !== this.caseId) {
      this.caseId = caseId
      this.room = null
      this.after = 0
    }
    this.error = null
    try {
      const room = await this.api.call(videoRoutes.room, { params: { caseId }, query: { clientId: this.clientId, client } })
      runInAction(() => (this.room = room))
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }

  async join(extra: JoinExtra = {}) {
    this.busy = true
    try {
      const room = await this.api.call(videoRoutes.join, { params: { caseId: this.caseId }, body: { clientId: this.clientId, ...extra } })
      runInAction(() => {
        this.room = room
        this.after = 0
      })
      return room
    } finally {
      runInAction(() => (this.busy = false))
    }
  }

  async act(action: RoomAction, extra: { participantId?: string; mic?: boolean; camera?: boolean; unstable?: boolean } = {}) {
    const room = await this.api.call(videoRoutes.act, { params: { caseId: this.caseId }, body: { clientId: this.clientId, action, ...extra } })
    runInAction(() => (this.room = room))
    return room
  }

  /** A fresh room ticket for this entry: the BFF checks who and when again, each time. */
  async getTicket(client: 'h5' | 'weapp') {
    const t = await this.api.call(videoRoutes.ticket, { params: { caseId: this.caseId }, body: { clientId: this.clientId, client } })
    runInAction(() => (this.ticket = t))
    return t
  }

  get baseURL() {
    return this.api.http.defaults.baseURL ?? ''
  }

  async helperCode() {
    return this.api.call(videoRoutes.helperCode, { params: { caseId: this.caseId } })
  }

  /** Sends one offer, answer or candidate; a peer that has just left or rejoined refuses it, which is fine. */
  async signal(to: string, toEpoch: number, kind: SignalKind, data: string) {
    try {
      await this.api.call(videoRoutes.signal, { params: { caseId: this.caseId }, body: { clientId: this.clientId, to, toEpoch, kind, data } })
    } catch {
      // the next room update tells the mesh who is there now
    }
  }

  onSignal(f: (m: Signal) => void) {
    this.listeners.add(f)
    return () => this.listeners.delete(f)
  }

  /** The loop that keeps the room fresh and carries the signals to this phone, until stop(). */
  startPolling(wait = POLL_WAIT_MS) {
    if (this.polling) return
    this.polling = true
    this.stopped = false
    void this.loop(wait)
  }

  private async loop(wait: number) {
    let failures = 0
    while (!this.stopped) {
      try {
        const res = await this.api.call(videoRoutes.poll, { params: { caseId: this.caseId }, query: { clientId: this.clientId, after: this.after, wait } })
        if (this.stopped) break
        failures = 0
        runInAction(() => {
          this.room = res.room
          this.error = null
          for (const m of res.messages) this.after = Math.max(this.after, m.seq)
        })
        res.messages.forEach((m) => this.listeners.forEach((f) => f(m)))
        if (res.room.phase !== 'open' || res.room.superseded || !res.room.me || res.room.me.state === 'left' || res.room.me.state === 'removed') {
          // nothing more will come: the page shows what happened
          if (res.room.phase !== 'open' || res.room.superseded) break
        }
        if (!wait) await new Promise((r) => setTimeout(r, 800))
      } catch (err) {
        failures++
        runInAction(() => (this.error = toApiError(err)))
        await new Promise((r) => setTimeout(r, Math.min(5000, 500 * failures)))
      }
    }
    runInAction(() => (this.polling = false))
  }

  stop() {
    this.stopped = true
  }
}

export const useVideoStore = (root: RootStore) => root.feature('video', (r) => new VideoStore(r))
