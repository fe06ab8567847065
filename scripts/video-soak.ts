/**
 * Soak run of 视频调解's signalling (documented in the README, not part of `npm test`):
 *   npx tsx scripts/video-soak.ts [--minutes 5] [--rooms 20]
 * The mock BFF runs in a child process (scripts/video-soak-server.ts). Each room has 3 simulated
 * participants (mediator, applicant, other party) as Node WebSocket clients: they enter through the
 * BFF (join, the mediator admits from the waiting room, a room ticket), open the signalling socket and
 * exchange offers, answers and ICE candidates the way the H5 mesh does (the later-admitted one offers).
 * Parties drop at random (socket cut, mean every 90 s) and come back 2–6 s later from a "new page";
 * every room polls its state every 3 s. At the end: signals sent, delivered, refused as undeliverable
 * and lost, reconnects, offer→answer time, and the server's CPU and memory.
 */
import { fork } from 'node:child_process'
import path from 'node:path'
import WebSocket from 'ws'

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : def
}
const MINUTES = arg('minutes', 5)
const ROOMS = arg('rooms', 20)
const DROP_MEAN_S = arg('drop-mean', 90)
const CANDIDATES = 3

interface Stats {
  sent: number
  delivered: number
  undeliverable: number
  drops: number
  reconnects: number
  refusedTickets: number
  replacedNotices: number
  httpErrors: number
  conflicts: number
  rtts: number[]
}
const stats: Stats = { sent: 0, delivered: 0, undeliverable: 0, drops: 0, reconnects: 0, refusedTickets: 0, replacedNotices: 0, httpErrors: 0, conflicts: 0, rtts: [] }

type Room = { participants: { id: string; epoch: number; state: string; me: boolean; sharedDevice: boolean }[]; me: { id: string; epoch: number; state: string } | null }

let base = ''
let stopping = false
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const rnd = (a: number, b: number) => a + Math.random() * (b - a)

async function api(token: string | null, method: string, p: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/v1${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'POST' ? { 'idempotency-key': `soak-${Math.random().toString(36).slice(2)}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as Record<string, unknown>
  // a 409 is a race a person would also meet (admitting someone already admitted); anything else is a fault
  if (res.status === 409) stats.conflicts++
  else if (res.status !== 200) stats.httpErrors++
  return { status: res.status, body: json }
}

class Participant {
  ws: WebSocket | null = null
  clientId = ''
  me: Room['me'] = null
  private n = 0
  /** offers waiting for their answer: peer id → sent at */
  private offers = new Map<string, number>()

  constructor(
    readonly caseId: string,
    readonly token: string,
    readonly role: 'mediator' | 'party',
  ) {}

  async enter() {
    this.clientId = `soak-${this.role}-${Math.random().toString(36).slice(2, 10)}`
    await api(this.token, 'POST', `/video/rooms/${this.caseId}/join`, { clientId: this.clientId })
    // the party waits in the waiting room until the mediator's poll admits them (or is straight back after a drop)
    for (let i = 0; i < 40 && !stopping; i++) {
      const r = (await api(this.token, 'GET', `/video/rooms/${this.caseId}?clientId=${this.clientId}`)).body as unknown as Room
      if (r.me?.state === 'admitted') {
        this.me = r.me
        break
      }
      await sleep(500)
    }
    if (!this.me || stopping) return
    const t = await api(this.token, 'POST', `/video/rooms/${this.caseId}/video-ticket`, { clientId: this.clientId, client: 'h5' })
    if (t.status !== 200) {
      stats.refusedTickets++
      return
    }
    const ws = new WebSocket(`${base.replace('http', 'ws')}${t.body.signalPath as string}?ticket=${encodeURIComponent(t.body.ticket as string)}&caseId=${this.caseId}`)
    this.ws = ws
    ws.on('message', (d) => void this.onMessage(JSON.parse(d.toString()) as Record<string, unknown>))
    ws.on('close', (code) => {
      if (code === 4401) stats.refusedTickets++
      if (code === 4001) stats.replacedNotices++
    })
    ws.on('error', () => undefined)
  }

  private send(to: string, toEpoch: number, kind: 'offer' | 'answer' | 'candidate', data: string) {
    if (this.ws?.readyState !== WebSocket.OPEN) return
    stats.sent++
    this.ws.send(JSON.stringify({ type: 'signal', to, toEpoch, kind, data }))
  }

  private fakeSdp(kind: string) {
    // about the size of a real audio+video SDP
    return `v=0\r\no=- ${++this.n} 2 IN IP4 127.0.0.1\r\ns=${kind}\r\n${'a=x-soak-padding\r\n'.repeat(150)}`
  }

  private async onMessage(m: Record<string, unknown>) {
    if (m.type === 'welcome') {
      const room = (await api(this.token, 'GET', `/video/rooms/${this.caseId}?clientId=${this.clientId}`)).body as unknown as Room
      const connected = new Set(m.peers as string[])
      for (const p of room.participants) {
        if (p.me || p.state !== 'admitted' || p.sharedDevice || !connected.has(p.id)) continue
        if (this.me!.epoch > p.epoch) {
          this.offers.set(p.id, performance.now())
          this.send(p.id, p.epoch, 'offer', this.fakeSdp('offer'))
          for (let i = 0; i < CANDIDATES; i++) this.send(p.id, p.epoch, 'candidate', JSON.stringify({ candidate: `candidate:${i} 1 udp 2122260223 127.0.0.1 ${50000 + i} typ host`, sdpMid: '0' }))
        }
      }
    } else if (m.type === 'signal') {
      stats.delivered++
      const from = m.from as string
      const fromEpoch = m.fromEpoch as number
      if (m.kind === 'offer') {
        this.send(from, fromEpoch, 'answer', this.fakeSdp('answer'))
        for (let i = 0; i < CANDIDATES; i++) this.send(from, fromEpoch, 'candidate', JSON.stringify({ candidate: `candidate:${i} 1 udp 2122260223 127.0.0.1 ${51000 + i} typ host`, sdpMid: '0' }))
      } else if (m.kind === 'answer') {
        const at = this.offers.get(from)
        if (at !== undefined) stats.rtts.push(performance.now() - at)
        this.offers.delete(from)
      }
    } else if (m.type === 'undeliverable') stats.undeliverable++
  }

  /** the network goes: the socket is cut, no goodbye */
  drop() {
    stats.drops++
    this.ws?.terminate()
    this.ws = null
    this.me = null
  }

  close() {
    this.ws?.close()
  }
}

async function runRoom(caseId: string, tokens: { med: string; app: string; oth: string }, until: number) {
  const med = new Participant(caseId, tokens.med, 'mediator')
  const parties = [new Participant(caseId, tokens.app, 'party'), new Participant(caseId, tokens.oth, 'party')]
  await med.enter()
  // the mediator admits whoever waits, as the page's 准许进入 would
  const admitLoop = (async () => {
    while (!stopping && Date.now() < until) {
      const r = (await api(tokens.med, 'GET', `/video/rooms/${caseId}?clientId=${med.clientId}`)).body as unknown as Room
      for (const p of r.participants ?? []) if (p.state === 'waiting') await api(tokens.med, 'POST', `/video/rooms/${caseId}/actions`, { clientId: med.clientId, action: 'admit', participantId: p.id })
      await sleep(3000)
    }
  })()
  await sleep(rnd(200, 2000))
  const partyLoops = parties.map(async (p) => {
    await sleep(rnd(0, 3000))
    await p.enter()
    while (!stopping && Date.now() < until) {
      await sleep(Math.min(until - Date.now(), -Math.log(1 - Math.random()) * DROP_MEAN_S * 1000))
      if (stopping || Date.now() >= until) break
      p.drop()
      await sleep(rnd(2000, 6000))
      stats.reconnects++
      await p.enter()
    }
  })
  await Promise.all([admitLoop, ...partyLoops])
  return [med, ...parties]
}

async function main() {
  const child = fork(path.join(__dirname, 'video-soak-server.ts'), { execArgv: ['--import', 'tsx'], env: { ...process.env, SOAK_ROOMS: String(ROOMS) } })
  const ready = await new Promise<{ url: string; caseIds: string[]; people: { applicant: string; otherParty: string; mediator: string } }>((resolve) => child.once('message', (m) => resolve(m as never)))
  base = ready.url
  const signIn = async (userId: string) => (await api(null, 'POST', '/auth/preview', { userId })).body.token as string
  const tokens = { med: await signIn(ready.people.mediator), app: await signIn(ready.people.applicant), oth: await signIn(ready.people.otherParty) }
  const serverStats = () => new Promise<{ cpuPercent: number; rssMb: number; heapMb: number; hub: Record<string, number> }>((resolve) => {
    child.once('message', (m) => resolve(m as never))
    child.send({ type: 'stats' })
  })
  await serverStats()
  const started = Date.now()
  const until = started + MINUTES * 60_000
  const samples: { cpuPercent: number; rssMb: number }[] = []
  const sampler = setInterval(() => void serverStats().then((s) => samples.push(s)), 10_000)
  console.log(`[soak] ${ROOMS} rooms × 3 participants for ${MINUTES} min against ${base}`)
  const all = (await Promise.all(ready.caseIds.map((id) => runRoom(id, tokens, until)))).flat()
  stopping = true
  clearInterval(sampler)
  await sleep(1500) // in-flight signals land
  const end = await serverStats()
  all.forEach((p) => p.close())
  child.kill()
  const rtt = stats.rtts.sort((a, b) => a - b)
  const pct = (q: number) => (rtt.length ? rtt[Math.min(rtt.length - 1, Math.floor(q * rtt.length))].toFixed(1) : '-')
  const lost = stats.sent - stats.delivered - stats.undeliverable
  const report = {
    minutes: MINUTES,
    rooms: ROOMS,
    participants: ROOMS * 3,
    signalsSent: stats.sent,
    delivered: stats.delivered,
    undeliverable: stats.undeliverable,
    lost,
    drops: stats.drops,
    reconnects: stats.reconnects,
    refusedTickets: stats.refusedTickets,
    httpErrors: stats.httpErrors,
    httpConflicts: stats.conflicts,
    offerToAnswerMs: { median: pct(0.5), p95: pct(0.95), max: rtt.length ? rtt[rtt.length - 1].toFixed(1) : '-' },
    server: {
      cpuPercentMean: samples.length ? +(samples.reduce((a, s) => a + s.cpuPercent, 0) / samples.length).toFixed(1) : null,
      cpuPercentMax: samples.length ? +Math.max(...samples.map((s) => s.cpuPercent)).toFixed(1) : null,
      rssMbMax: +Math.max(end.rssMb, ...samples.map((s) => s.rssMb)).toFixed(1),
      rssMbEnd: +end.rssMb.toFixed(1),
      heapMbEnd: +end.heapMb.toFixed(1),
      hub: end.hub,
    },
  }
  console.log(JSON.stringify(report, null, 2))
  // lost = sent but neither delivered nor answered as undeliverable: a socket cut mid-flight; anything more is a fault
  process.exitCode = lost > stats.drops * 10 || stats.httpErrors > 0 ? 1 : 0
}

void main()
