import { UiStore } from '../../src/core/ui-store'
import { memoryStorage } from '../../src/core/storage'

describe('the resident app wears its own colour (issue #7: 我的 was staff blue inside the orange app)', () => {
  const g = globalThis as { APP_TARGET?: string }
  const was = g.APP_TARGET
  afterEach(() => {
    g.APP_TARGET = was
  })

  it('every resident page root carries the resident class; staff pages do not', () => {
    g.APP_TARGET = 'resident'
    expect(new UiStore(memoryStorage()).rootClass.split(' ')).toContain('resident')
    g.APP_TARGET = 'staff'
    expect(new UiStore(memoryStorage()).rootClass.split(' ')).not.toContain('resident')
  })
})

describe("npm test's last line counts tests, not stages (issue #7)", () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  let countTests: (name: string, out: string, ok: boolean) => { passed: number; failed: number }
  beforeAll(async () => {
    countTests = (await import('../../scripts/test-counts.mjs')).countTests
  })

  it('reads jest, the weapp runner and the journeys; any other stage is one', () => {
    expect(countTests('jest', 'Test Suites: 1 failed, 80 passed, 81 total\nTests:       2 failed, 1180 passed, 1182 total\nTime: 90 s', false)).toEqual({ passed: 1180, failed: 2 })
    expect(countTests('weapp', '✓ a\n\nweapp: 31 passed, 0 failed in 15.2 s', true)).toEqual({ passed: 31, failed: 0 })
    expect(countTests('e2e', '✓ staff (3 s)\n23 passed, 1 failed', false)).toEqual({ passed: 23, failed: 1 })
    expect(countTests('types', '', true)).toEqual({ passed: 1, failed: 0 })
    // a crash with no count is a failure, never green
    expect(countTests('e2e', 'Error: no chromium', false)).toEqual({ passed: 0, failed: 1 })
    expect(countTests('jest', 'Tests:       1180 passed, 1180 total', false)).toEqual({ passed: 1180, failed: 1 })
  })
})
