import { drawStrokes, extendStroke, hasInk, inkLength, MIN_INK_LENGTH, pointOf, startStroke, strokePath, type InkContext, type Stroke } from '../../src/components/signature-strokes'

const line = (from: number, to: number, y = 10): Stroke[] => {
  let s = startStroke([], { x: from, y })
  for (let x = from + 2; x <= to; x += 2) s = extendStroke(s, { x, y })
  return s
}

describe('signature strokes', () => {
  it('nothing drawn, a tap, or a tiny jitter is not a signature', () => {
    expect(hasInk([])).toBe(false)
    expect(hasInk(startStroke([], { x: 5, y: 5 }))).toBe(false)
    expect(hasInk(line(0, MIN_INK_LENGTH - 2))).toBe(false)
  })

  it('a stroke long enough is a signature, however many strokes it takes', () => {
    expect(hasInk(line(0, 40))).toBe(true)
    // two short strokes add up
    const two = [...line(0, 8), ...line(20, 28, 30)]
    expect(two).toHaveLength(2)
    expect(inkLength(two)).toBe(16)
    expect(hasInk(two)).toBe(true)
  })

  it('moves closer than the gap to the last point are dropped as noise', () => {
    let s = startStroke([], { x: 0, y: 0 })
    s = extendStroke(s, { x: 0.2, y: 0.2 }, 1)
    expect(s[0]).toHaveLength(1)
    s = extendStroke(s, { x: 3, y: 4 }, 1)
    expect(s[0]).toEqual([{ x: 0, y: 0 }, { x: 3, y: 4 }])
  })

  it('a move with no stroke started begins one', () => {
    expect(extendStroke([], { x: 1, y: 2 })).toEqual([[{ x: 1, y: 2 }]])
  })

  it('the path passes through midpoints with curves and ends on the last point', () => {
    const s: Stroke = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 10 }, { x: 30, y: 10 }]
    expect(strokePath(s)).toEqual([
      { op: 'M', x: 0, y: 0 },
      { op: 'Q', cx: 10, cy: 0, x: 15, y: 5 },
      { op: 'Q', cx: 20, cy: 10, x: 25, y: 10 },
      { op: 'L', x: 30, y: 10 },
    ])
    expect(strokePath([{ x: 1, y: 1 }, { x: 2, y: 2 }])).toEqual([{ op: 'M', x: 1, y: 1 }, { op: 'L', x: 2, y: 2 }])
    // a dot still leaves a mark
    expect(strokePath([{ x: 1, y: 1 }])).toHaveLength(2)
    expect(strokePath([])).toEqual([])
  })

  it('replaying clears the pad first, then draws every stroke', () => {
    const calls: string[] = []
    const ctx: InkContext = {
      beginPath: () => calls.push('begin'),
      moveTo: (x, y) => calls.push(`M${x},${y}`),
      lineTo: (x, y) => calls.push(`L${x},${y}`),
      quadraticCurveTo: (cx, cy, x, y) => calls.push(`Q${cx},${cy},${x},${y}`),
      stroke: () => calls.push('stroke'),
      clearRect: (_x, _y, w, h) => calls.push(`clear ${w}x${h}`),
      lineWidth: 0,
      lineCap: '',
      lineJoin: '',
      strokeStyle: '',
    }
    drawStrokes(ctx, [[{ x: 0, y: 0 }, { x: 5, y: 5 }], [{ x: 9, y: 9 }, { x: 9, y: 12 }]], { width: 300, height: 150 })
    expect(calls).toEqual(['clear 300x150', 'begin', 'M0,0', 'L5,5', 'stroke', 'begin', 'M9,9', 'L9,12', 'stroke'])
    expect(ctx.lineCap).toBe('round')
    expect(ctx.lineWidth).toBeGreaterThan(0)
  })

  it('a mini-program touch has canvas x/y; a browser touch is taken relative to the canvas', () => {
    expect(pointOf({ x: 3, y: 4, clientX: 100, clientY: 100 }, { left: 50, top: 50 })).toEqual({ x: 3, y: 4 })
    expect(pointOf({ clientX: 100, clientY: 80 }, { left: 20, top: 30 })).toEqual({ x: 80, y: 50 })
    expect(pointOf({}, { left: 0, top: 0 })).toBeNull()
  })
})
