/**
 * The ink of a handwritten signature, kept apart from the canvas so it can be tested and replayed:
 * points become strokes, strokes become a smoothed path, and "is there a signature at all" is decided here.
 */
export interface Point {
  x: number
  y: number
}
export type Stroke = readonly Point[]

/** A finger resting or a stray tap leaves a dot or a jitter; a signature moves at least this far. */
export const MIN_INK_LENGTH = 12

export function startStroke(strokes: readonly Stroke[], p: Point): Stroke[] {
  return [...strokes, [p]]
}

/** Adds a point to the stroke being drawn; points closer than `minGap` to the last one are noise. */
export function extendStroke(strokes: readonly Stroke[], p: Point, minGap = 1): Stroke[] {
  if (!strokes.length) return startStroke(strokes, p)
  const last = strokes[strokes.length - 1]
  const tail = last[last.length - 1]
  if (tail && Math.hypot(p.x - tail.x, p.y - tail.y) < minGap) return strokes as Stroke[]
  return [...strokes.slice(0, -1), [...last, p]]
}

export function inkLength(strokes: readonly Stroke[]): number {
  let total = 0
  for (const s of strokes) for (let i = 1; i < s.length; i++) total += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y)
  return total
}

export const hasInk = (strokes: readonly Stroke[]) => inkLength(strokes) >= MIN_INK_LENGTH

export type PathCommand = { op: 'M'; x: number; y: number } | { op: 'L'; x: number; y: number } | { op: 'Q'; cx: number; cy: number; x: number; y: number }

/**
 * A stroke as a path: quadratic curves through the midpoints between samples, so a fast hand that
 * gives few touch samples still draws a smooth line instead of a polygon.
 */
export function strokePath(stroke: Stroke): PathCommand[] {
  if (!stroke.length) return []
  const [first] = stroke
  if (stroke.length === 1) return [{ op: 'M', x: first.x, y: first.y }, { op: 'L', x: first.x + 0.1, y: first.y + 0.1 }]
  if (stroke.length === 2) return [{ op: 'M', x: first.x, y: first.y }, { op: 'L', x: stroke[1].x, y: stroke[1].y }]
  const cmds: PathCommand[] = [{ op: 'M', x: first.x, y: first.y }]
  for (let i = 1; i < stroke.length - 1; i++) {
    const p = stroke[i]
    const next = stroke[i + 1]
    cmds.push({ op: 'Q', cx: p.x, cy: p.y, x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 })
  }
  const last = stroke[stroke.length - 1]
  cmds.push({ op: 'L', x: last.x, y: last.y })
  return cmds
}

/** The part of a 2D context the pad draws with: the browser's and the mini-program's canvas both have it. */
export interface InkContext {
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void
  stroke(): void
  clearRect(x: number, y: number, w: number, h: number): void
  lineWidth: number
  lineCap: string
  lineJoin: string
  strokeStyle: unknown
}

export function drawStrokes(ctx: InkContext, strokes: readonly Stroke[], size: { width: number; height: number }, style = { width: 3, color: '#111111' }) {
  ctx.clearRect(0, 0, size.width, size.height)
  ctx.lineWidth = style.width
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.strokeStyle = style.color
  for (const s of strokes) {
    const cmds = strokePath(s)
    if (!cmds.length) continue
    ctx.beginPath()
    for (const c of cmds) {
      if (c.op === 'M') ctx.moveTo(c.x, c.y)
      else if (c.op === 'L') ctx.lineTo(c.x, c.y)
      else ctx.quadraticCurveTo(c.cx, c.cy, c.x, c.y)
    }
    ctx.stroke()
  }
}

interface TouchLike {
  x?: number
  y?: number
  clientX?: number
  clientY?: number
}

/**
 * Where on the pad a touch or the mouse is. Mini-program canvas touches carry x/y relative to the canvas;
 * in a browser the pad passes only clientX/clientY (a DOM event's own x/y are page coordinates), so the
 * canvas's own position is taken off.
 */
export function pointOf(t: TouchLike, origin: { left: number; top: number }): Point | null {
  if (typeof t.x === 'number' && typeof t.y === 'number') return { x: t.x, y: t.y }
  if (typeof t.clientX === 'number' && typeof t.clientY === 'number') return { x: t.clientX - origin.left, y: t.clientY - origin.top }
  return null
}
