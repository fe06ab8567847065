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
