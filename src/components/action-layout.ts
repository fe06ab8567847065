/**
 * Where each action goes in the bar at the bottom: the bar decides, not the page. The primary action takes
 * the whole first row; the others share a second row as long as every label fits on one line at the
 * current font; whatever does not fit goes behind 更多 (a sheet). Widths are reckoned in the 750 design
 * width, where the font, the button's padding and the screen all scale together (rpx / rem), so the answer
 * is the same on every phone width.
 */
export interface LaidOut<T> {
  /** full width, first row; null when the server marked no action primary */
  primary: T | null
  /** the second row (or the only row when there is no primary), equal widths */
  row: T[]
  /** behind 更多; empty when everything fits */
  more: T[]
}

/** the row's room: 750 less the bar's side padding (var(--gap) = 24 each side) */
export const BAR_WIDTH = 750 - 2 * 24
/** between two buttons (the bar's gap) */
export const BUTTON_GAP = 20
/** NutUI's button padding is 12 px at 375 = 24 a side here; a few more for the border and rounding */
export const BUTTON_PADDING = 2 * 24 + 12
export const MORE_LABEL = '更多'
/** the button font in the 750 design: NutUI's 14 px (28) normally, 长辈模式 sets 38 */
export const buttonFont = (elder: boolean) => (elder ? 38 : 28)

/** A CJK character is about one em wide; Latin letters and digits about half. */
export function labelWidth(label: string, font: number): number {
  let ems = 0
  for (const ch of label) ems += /[\u0000-\u00ff]/.test(ch) ? 0.6 : 1
  return ems * font
}

/** Does a row of equal-width buttons with these labels fit, every label on one line? */
export function rowFits(labels: readonly string[], font: number, width = BAR_WIDTH): boolean {
  if (!labels.length) return true
  const widest = Math.max(...labels.map((l) => labelWidth(l, font)))
  return labels.length * (widest + BUTTON_PADDING) + (labels.length - 1) * BUTTON_GAP <= width
}

export function layoutActions<T extends { label: string; style?: string | null }>(actions: readonly T[], opts: { elder: boolean; width?: number }): LaidOut<T> {
  const font = buttonFont(opts.elder)
  const width = opts.width ?? BAR_WIDTH
  const primaryAt = actions.length === 1 ? 0 : actions.findIndex((a) => a.style === 'primary')
  const primary = primaryAt >= 0 ? actions[primaryAt] : null
  const rest = actions.filter((_, i) => i !== primaryAt)
  if (rowFits(rest.map((a) => a.label), font, width)) return { primary, row: rest, more: [] }
  // keep as many as fit beside 更多, in the server's order (it lists the likelier actions first)
  for (let k = rest.length - 1; k >= 1; k--) {
    const row = rest.slice(0, k)
    if (rowFits([...row.map((a) => a.label), MORE_LABEL], font, width)) return { primary, row, more: rest.slice(k) }
  }
  return { primary, row: [], more: rest }
}
