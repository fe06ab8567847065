/**
 * A minimal, valid PDF with a few lines of Chinese (and Latin) text: the seed's attachments and the
 * mediation case documents open in a real viewer (Taro.openDocument, the browser's PDF viewer) without
 * shipping binary files or a font. The text is set in STSong-Light, one of the PDF standard's predefined
 * Chinese fonts (Adobe-GB1), which every conforming viewer provides itself, with the UniGB-UCS2-H
 * encoding: each character is its UTF-16 code unit in hex. Long lines are wrapped; pages follow as needed.
 */
const PAGE = { width: 595, height: 842, margin: 56, size: 12, leading: 20 }
/** Latin letters and digits are about half as wide as a Chinese character in STSong-Light. */
const widthOf = (ch: string) => (ch.charCodeAt(0) < 0x2000 ? 0.5 : 1)

export function wrapLine(line: string, maxEm: number): string[] {
  const out: string[] = []
  let cur = ''
  let em = 0
  for (const ch of line) {
    const w = widthOf(ch)
    if (em + w > maxEm && cur) {
      out.push(cur)
      cur = ''
      em = 0
    }
    cur += ch
    em += w
  }
  out.push(cur)
  return out
}

const hex = (s: string) => {
  let h = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    // a lone surrogate or a control character has no glyph: a full-width question mark instead
    const code = (c >= 0xd800 && c <= 0xdfff) || c < 0x20 ? 0xff1f : c
    h += code.toString(16).padStart(4, '0').toUpperCase()
  }
  return `<${h}>`
}

export function simplePdf(lines: string[]): Uint8Array {
  const maxEm = Math.floor((PAGE.width - 2 * PAGE.margin) / PAGE.size)
  const rows = lines.flatMap((l) => wrapLine(l, maxEm))
  const perPage = Math.floor((PAGE.height - 2 * PAGE.margin) / PAGE.leading)
  const pages: string[][] = []
  for (let i = 0; i < rows.length || pages.length === 0; i += perPage) pages.push(rows.slice(i, i + perPage))

  // 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, then a page and its content per page
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]
  for (const pageRows of pages) {
    const top = PAGE.height - PAGE.margin
    const content = ['BT', `/F1 ${PAGE.size} Tf`, `${PAGE.margin} ${top} Td`, `${PAGE.leading} TL`, ...pageRows.map((l, i) => `${i ? 'T* ' : ''}${hex(l)} Tj`), 'ET'].join('\n')
    const contentId = objects.length + 2
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`)
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`)
  }
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  // everything above is ASCII: the Chinese travels as hex
  return Uint8Array.from(out, (c) => c.charCodeAt(0))
}
