/**
 * The mock BFF for the 视频调解 soak run (scripts/video-soak.ts), in its own process so that its CPU
 * and memory are its own. It opens ROOMS rooms: copies of the seeded video appointment (same parties,
 * same mediator, same booked hour), which is all the signalling needs. Reports over IPC.
 */
import { startServer } from '../mock/server'
import { VIDEO_SEED } from '../mock/seed/video'

async function main() {
  const rooms = Number(process.env.SOAK_ROOMS ?? 20)
  const s = await startServer({ port: 0, quiet: true })
  const db = s.bff.db
  const seeded = db.mediationCases.find((c) => c.applicantId === VIDEO_SEED.applicant && c.mode === 'video' && c.status === 'scheduled')!
  const ids = [seeded.id]
  for (let i = 1; i < rooms; i++) {
    const copy = { ...structuredClone(seeded), id: `${seeded.id}-soak${i}`, caseNumber: `${seeded.caseNumber}-${i}` }
    db.mediationCases.push(copy)
    ids.push(copy.id)
  }
  let last = process.cpuUsage()
  let lastAt = process.hrtime.bigint()
  process.on('message', (m: { type: string }) => {
    if (m.type !== 'stats') return
    const cpu = process.cpuUsage(last)
    const at = process.hrtime.bigint()
    const wallMs = Number(at - lastAt) / 1e6
    last = process.cpuUsage()
    lastAt = at
    const mem = process.memoryUsage()
    process.send!({ type: 'stats', cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, rssMb: mem.rss / 2 ** 20, heapMb: mem.heapUsed / 2 ** 20, hub: { ...s.hub.stats } })
  })
  process.send!({ type: 'ready', url: s.url, caseIds: ids, people: VIDEO_SEED })
}

void main()
