/**
 * jsdom has no canvas: these stand in for the browser's 2D context and PNG export, and draw on the pad
 * the way a finger would (touch events with page coordinates).
 */
import { fireEvent, waitFor } from '@testing-library/react'
import { signaturePng } from '../../mock/lib/png'

export interface FakeCanvas {
  /** every drawing call the pad made, e.g. "moveTo", "quadraticCurveTo", "clearRect" */
  calls: string[]
  /** what toDataURL hands back: a real PNG, so the mock BFF accepts it as a signature */
  png: string
  restore(): void
}

export function fakeCanvas(png = signaturePng(42)): FakeCanvas {
  const calls: string[] = []
  const ctx = new Proxy({} as Record<string, unknown>, {
    get(target, key: string) {
      if (key in target) return target[key]
      return (..._args: unknown[]) => void calls.push(key)
    },
    set(target, key: string, value) {
      target[key] = value
      return true
    },
  })
  const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as never)
  const toDataURL = jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(() => png)
  return {
    calls,
    png,
    restore() {
      getContext.mockRestore()
      toDataURL.mockRestore()
    },
  }
}

/** The current test's fake canvas; `exportAs` swaps it for a fresh one whose toDataURL hands back `png`. */
export interface EachTestCanvas extends FakeCanvas {
  exportAs(png: string): void
}

/**
 * For every test of the file: jsdom plays the H5 build (TARO_ENV=h5, so the pad draws on a DOM canvas and
 * exports with toDataURL), and each test gets a fresh fake canvas, restored after it.
 */
export function fakeH5CanvasEachTest(): EachTestCanvas {
  let current: FakeCanvas | null = null
  const env = process.env.TARO_ENV
  beforeAll(() => {
    process.env.TARO_ENV = 'h5'
  })
  afterAll(() => {
    process.env.TARO_ENV = env
  })
  beforeEach(() => {
    current = fakeCanvas()
  })
  afterEach(() => current?.restore())
  const now = () => {
    if (!current) throw new Error('the fake canvas is only there inside a test')
    return current
  }
  return {
    get calls() {
      return now().calls
    },
    get png() {
      return now().png
    },
    restore: () => now().restore(),
    exportAs(png: string) {
      now().restore()
      current = fakeCanvas(png)
    },
  }
}

/** The pad's canvas: on H5 a plain <canvas> (Taro's <taro-canvas-core> wiped its bitmap on re-render). */
export async function padCanvas(): Promise<Element> {
  return waitFor(() => {
    const canvas = document.querySelector('.signature-pad canvas')
    if (!canvas) throw new Error('no signature pad on screen')
    return canvas
  })
}

/** A finger writes a zig-zag across the pad: one stroke, `points` samples. */
export async function drawOnPad(points = 12, from = { x: 20, y: 40 }) {
  const target = await padCanvas()
  const at = (i: number) => ({ clientX: from.x + i * 8, clientY: from.y + (i % 2 ? 12 : 0) })
  fireEvent.touchStart(target, { touches: [at(0)] })
  for (let i = 1; i < points; i++) fireEvent.touchMove(target, { touches: [at(i)] })
  fireEvent.touchEnd(target, { touches: [] })
}

/** A single tap: a dot, not a signature. */
export async function tapPad() {
  const target = await padCanvas()
  fireEvent.touchStart(target, { touches: [{ clientX: 30, clientY: 30 }] })
  fireEvent.touchEnd(target, { touches: [] })
}

export const padInked = () => document.querySelector('.signature-pad-box')?.getAttribute('data-inked') === 'yes'
