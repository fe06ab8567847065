import type { Participant, Room, Signal, SignalKind } from '../../contract/video'

/**
 * The H5 WebRTC mesh (≤ 4 people: each pair one RTCPeerConnection). Who offers is decided by the
 * BFF's admission order: the later-admitted side (higher `epoch`) makes the offer, so two phones never
 * offer to each other at once; a rejoin has a new epoch, so the old connection is dropped and the
 * returning phone offers afresh. Signals travel through the BFF (VideoStore.signal / the poll).
 */

export type PeerState = 'connecting' | 'connected' | 'unstable'

export interface RemotePeer {
  id: string
  epoch: number
  stream: MediaStream | null
  state: PeerState
}

interface Peer {
  id: string
  epoch: number
  pc: RTCPeerConnection
  stream: MediaStream | null
  state: PeerState
  pending: RTCIceCandidateInit[]
  remoteSet: boolean
}

type Send = (to: string, toEpoch: number, kind: SignalKind, data: string) => Promise<void>

export class Mesh {
  private peers = new Map<string, Peer>()
  private me: Participant | null = null
  private closed = false

  constructor(
    private readonly local: MediaStream,
    private readonly send: Send,
    private readonly onChange: (peers: RemotePeer[]) => void,
    private readonly iceServers: RTCIceServer[] = [],
  ) {}

  get remotes(): RemotePeer[] {
    return [...this.peers.values()].map(({ id, epoch, stream, state }) => ({ id, epoch, stream, state }))
  }

  /** Brings the connections in line with who is in the room now. */
  sync(room: Room) {
    if (this.closed) return
    const me = room.me
    if (!me || me.state !== 'admitted' || room.phase !== 'open' || room.superseded) {
      this.closeAll()
      return
    }
    if (this.me && this.me.epoch !== me.epoch) this.closeAll()
    this.me = me
    const there = room.participants.filter((p) => !p.me && p.state === 'admitted' && !p.sharedDevice)
    for (const [id, peer] of this.peers) {
      const p = there.find((x) => x.id === id)
      if (!p || p.epoch !== peer.epoch) this.drop(id)
    }
    for (const p of there) {
      if (this.peers.has(p.id)) continue
      // the newcomer offers; the other side waits for its offer
      if (me.epoch > p.epoch) void this.offerTo(p.id, p.epoch)
    }
    this.emit()
  }

  async handle(m: Signal) {
    if (this.closed || !this.me) return
    let peer = this.peers.get(m.from)
    if (peer && peer.epoch !== m.fromEpoch) {
      if (m.fromEpoch < peer.epoch) return
      this.drop(m.from)
      peer = undefined
    }
    if (m.kind === 'offer') {
      if (!peer) peer = this.create(m.from, m.fromEpoch)
      await peer.pc.setRemoteDescription({ type: 'offer', sdp: m.data })
      peer.remoteSet = true
      await this.flush(peer)
      const answer = await peer.pc.createAnswer()
      await peer.pc.setLocalDescription(answer)
      await this.send(peer.id, peer.epoch, 'answer', answer.sdp ?? '')
    } else if (m.kind === 'answer') {
      if (!peer || peer.remoteSet) return
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: m.data })
      peer.remoteSet = true
      await this.flush(peer)
    } else {
      const cand = JSON.parse(m.data) as RTCIceCandidateInit
      if (!peer) return
      if (peer.remoteSet) await peer.pc.addIceCandidate(cand).catch(() => undefined)
      else peer.pending.push(cand)
    }
    this.emit()
  }

  /** Mute and camera: the tracks stay, only their content stops, so nobody has to renegotiate. */
  setMic(on: boolean) {
    this.local.getAudioTracks().forEach((t) => (t.enabled = on))
  }

  setCamera(on: boolean) {
    this.local.getVideoTracks().forEach((t) => (t.enabled = on))
  }

  close() {
    this.closed = true
    this.closeAll()
  }

  private async offerTo(id: string, epoch: number) {
    const peer = this.create(id, epoch)
    const offer = await peer.pc.createOffer()
    await peer.pc.setLocalDescription(offer)
    await this.send(id, epoch, 'offer', offer.sdp ?? '')
  }

  private create(id: string, epoch: number): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers })
    const peer: Peer = { id, epoch, pc, stream: null, state: 'connecting', pending: [], remoteSet: false }
    this.local.getTracks().forEach((t) => pc.addTrack(t, this.local))
    pc.onicecandidate = (e) => {
      if (e.candidate) void this.send(id, epoch, 'candidate', JSON.stringify(e.candidate.toJSON()))
    }
    pc.ontrack = (e) => {
      peer.stream = e.streams[0] ?? new MediaStream([e.track])
      this.emit()
    }
    pc.onconnectionstatechange = () => {
      const s = pc.connectionState
      peer.state = s === 'connected' ? 'connected' : s === 'disconnected' || s === 'failed' ? 'unstable' : peer.state
      // a failed pair is rebuilt by whoever offers, at the next room update
      if (s === 'failed' && this.me && this.me.epoch > epoch) {
        this.drop(id)
        void this.offerTo(id, epoch)
      }
      this.emit()
    }
    this.peers.set(id, peer)
    return peer
  }

  private async flush(peer: Peer) {
    const list = peer.pending.splice(0)
    for (const c of list) await peer.pc.addIceCandidate(c).catch(() => undefined)
  }

  private drop(id: string) {
    const p = this.peers.get(id)
    if (!p) return
    p.pc.onconnectionstatechange = null
    p.pc.ontrack = null
    p.pc.onicecandidate = null
    p.pc.close()
    this.peers.delete(id)
  }

  private closeAll() {
    ;[...this.peers.keys()].forEach((id) => this.drop(id))
    this.me = null
    this.emit()
  }

  private emit() {
    this.onChange(this.remotes)
  }
}
