import type { Signal, SignalKind, VideoTicket } from '../../contract/video'

/** How the socket ended, for the page: the BFF said why (replaced, ended, removed, refused) or the network went. */
export type SocketEnd = { kind: 'replaced' | 'ended' | 'removed' | 'refused' | 'lost'; message: string | null }

/**
 * H5's signalling over the BFF's WebSocket, opened with the room ticket (single-use, two minutes).
 * Messages to someone who has just left or rejoined come back as `undeliverable`, which is fine: the
 * next room update tells the mesh who is there now.
 */
export class SignalSocket {
  private ws: WebSocket
  private ended = false
  private queue: string[] = []

  constructor(
    url: string,
    private readonly onSignal: (m: Signal) => void,
    private readonly onEnd: (end: SocketEnd) => void,
  ) {
    this.ws = new WebSocket(url)
    this.ws.onopen = () => this.queue.splice(0).forEach((m) => this.ws.send(m))
    let told: SocketEnd | null = null
    this.ws.onmessage = (e) => {
      let m: { type?: string; message?: string } & Partial<Signal>
      try {
        m = JSON.parse(String(e.data)) as typeof m
      } catch {
        return
      }
      if (m.type === 'signal') this.onSignal({ seq: m.seq!, from: m.from!, fromEpoch: m.fromEpoch!, kind: m.kind!, data: m.data! })
      else if (m.type === 'replaced' || m.type === 'ended' || m.type === 'removed' || m.type === 'refused') told = { kind: m.type, message: m.message ?? null }
    }
    this.ws.onclose = () => {
      if (this.ended) return
      this.ended = true
      this.onEnd(told ?? { kind: 'lost', message: null })
    }
  }

  static url(ticket: VideoTicket, base: string): string | null {
    if (!ticket.signalPath) return null
    const u = new URL(ticket.signalPath, base)
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:'
    u.searchParams.set('ticket', ticket.ticket)
    u.searchParams.set('caseId', ticket.caseId)
    return u.toString()
  }

  get open() {
    return !this.ended
  }

  send(to: string, toEpoch: number, kind: SignalKind, data: string) {
    const m = JSON.stringify({ type: 'signal', to, toEpoch, kind, data })
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(m)
    else if (this.ws.readyState === WebSocket.CONNECTING) this.queue.push(m)
  }

  close() {
    this.ended = true
    this.ws.close()
  }
}
