import fs from 'node:fs'
import path from 'node:path'
import { clock } from '../../src/core/clock'
import { routes } from '../../src/contract/routes'
import { testRootStore, FIXED_NOW } from '../support/bff'

describe('the client clock follows the BFF', () => {
  afterEach(() => clock.pin(null))

  it('after one answer, "now" is the server time whatever the device says (the mock is pinned to 2026-11-25)', async () => {
    const { root } = testRootStore()
    clock.pin(null) // no test pin: only the X-Server-Time header can bring the client to the mock's date
    await root.api.call(routes.auth.previewUsers)
    expect(Math.abs(clock.nowMs() - FIXED_NOW.getTime())).toBeLessThan(5_000)
  })

  it('a saved session is judged by the server clock, so a phone a year ahead does not sign its user out', async () => {
    const { root, storage } = testRootStore()
    await root.session.previewSignIn('u-clerk-01')
    clock.pin(null)
    await root.api.call(routes.auth.me)
    const { SessionStore } = await import('../../src/core/session-store')
    expect(new SessionStore(() => root.api, storage, 'h5', async () => '').user?.id).toBe('u-clerk-01')
  })
})

describe('no app code reads the device clock behind the seam', () => {
  it('only core/clock.ts (and the idempotency key, which needs uniqueness, not time) call Date.now() or new Date()', () => {
    const root = path.resolve(__dirname, '../../src')
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (/\.(ts|tsx)$/.test(e.name)) {
          const rel = path.relative(root, p)
          if (rel === path.join('core', 'clock.ts') || rel === path.join('core', 'ids.ts')) continue
          const src = fs.readFileSync(p, 'utf8')
          if (/Date\.now\(\)|new Date\(\s*\)/.test(src)) offenders.push(rel)
        }
      }
    }
    walk(root)
    expect(offenders).toEqual([])
  })
})
