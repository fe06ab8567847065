// Issue #7: the seeded attachments and the mediation documents were English, with Chinese turned into "?".
import { simplePdf, wrapLine } from '../../mock/lib/pdf'

/** The text a viewer shows: every <hex> string of the content streams, UTF-16 code units, line by line. */
function textOf(pdf: Uint8Array): string[] {
  const raw = String.fromCharCode(...pdf)
  return [...raw.matchAll(/<([0-9A-F]+)> Tj/g)].map((m) => String.fromCharCode(...(m[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))))
}

describe('simplePdf', () => {
  it('carries Chinese text in a predefined Chinese font, not as question marks', () => {
    const pdf = simplePdf(['附件1', '冬季安全生产隐患排查表', 'Deadline 2026-12-20'])
    const raw = String.fromCharCode(...pdf)
    expect(raw.startsWith('%PDF-1.4')).toBe(true)
    expect(raw).toContain('/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H')
    expect(textOf(pdf)).toEqual(['附件1', '冬季安全生产隐患排查表', 'Deadline 2026-12-20'])
  })

  it('wraps a long line inside the page and starts a new page when one is full', () => {
    const long = '一'.repeat(100)
    expect(wrapLine(long, 40)).toEqual(['一'.repeat(40), '一'.repeat(40), '一'.repeat(20)])
    expect(wrapLine('a'.repeat(90), 40)).toEqual(['a'.repeat(80), 'a'.repeat(10)]) // Latin is half as wide
    const pdf = simplePdf(Array.from({ length: 60 }, (_, i) => `第${i + 1}行`))
    expect(String.fromCharCode(...pdf)).toContain('/Count 2')
    expect(textOf(pdf)).toHaveLength(60)
  })

  it('writes a control character or a lone surrogate as a visible ？', () => {
    expect(textOf(simplePdf(['a\u0000b\ud800']))).toEqual(['a？b？'])
  })

  it('is a well-formed file: the cross-reference table points at every object', () => {
    const raw = String.fromCharCode(...simplePdf(['调解协议书']))
    const start = Number(/startxref\n(\d+)/.exec(raw)![1])
    expect(raw.slice(start, start + 4)).toBe('xref')
    const offsets = [...raw.slice(start).matchAll(/(\d{10}) 00000 n /g)].map((m) => Number(m[1]))
    offsets.forEach((o, i) => expect(raw.slice(o).startsWith(`${i + 1} 0 obj`)).toBe(true))
  })
})
