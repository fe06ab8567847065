/**
 * Is there ink on this PNG? A signature pad that exported an empty canvas (a mouse that drew nothing, a
 * canvas never painted) sends a valid PNG of transparent or white pixels: that is not a signature. This
 * decodes the PNG (8-bit greyscale, grey+alpha, RGB or RGBA, not interlaced — what browsers' and WeChat's
 * canvases export) with a small inflate of its own, so it runs in Node and in the phone's in-process mock
 * alike (no zlib there), and counts the dark, visible pixels.
 */

class Bits {
  pos = 0
  bit = 0
  constructor(readonly data: Uint8Array) {}
  read(n: number): number {
    let v = 0
    for (let i = 0; i < n; i++) {
      if (this.pos >= this.data.length) throw new Error('truncated deflate stream')
      v |= ((this.data[this.pos] >>> this.bit) & 1) << i
      if (++this.bit === 8) {
        this.bit = 0
        this.pos++
      }
    }
    return v
  }
  align() {
    if (this.bit) {
      this.bit = 0
      this.pos++
    }
  }
}

interface Huffman {
  counts: Uint16Array
  symbols: Uint16Array
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16)
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]]++
  counts[0] = 0
  const offs = new Uint16Array(16)
  for (let i = 1; i < 16; i++) offs[i] = offs[i - 1] + counts[i - 1]
  const symbols = new Uint16Array(lengths.length)
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) symbols[offs[lengths[i]]++] = i
  return { counts, symbols }
}

function decodeSym(b: Bits, h: Huffman): number {
  let code = 0
  let first = 0
  let index = 0
  for (let len = 1; len < 16; len++) {
    code |= b.read(1)
    const count = h.counts[len]
    if (code - count < first) return h.symbols[index + (code - first)]
    index += count
    first += count
    first <<= 1
    code <<= 1
  }
  throw new Error('bad huffman code')
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

const FIXED = (() => {
  const l = new Array<number>(288)
  for (let i = 0; i < 288; i++) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8
  return { lit: huffman(l), dist: huffman(new Array<number>(30).fill(5)) }
})()

/** zlib-wrapped deflate → bytes; stops at `limit` bytes (a PNG's size is known from its header). */
export function inflate(zlib: Uint8Array, limit: number): Uint8Array {
  if (zlib.length < 2 || (zlib[0] & 0x0f) !== 8) throw new Error('not a zlib stream')
  const b = new Bits(zlib.subarray(2))
  const out = new Uint8Array(limit)
  let n = 0
  let last = 0
  while (!last) {
    last = b.read(1)
    const type = b.read(2)
    if (type === 0) {
      b.align()
      const len = b.read(16)
      b.read(16)
      // a stored block is whole bytes: copy them at once
      if (n + len > limit || b.pos + len > b.data.length) throw new Error('image data longer than its header says')
      out.set(b.data.subarray(b.pos, b.pos + len), n)
      n += len
      b.pos += len
      continue
    }
    let lit = FIXED.lit
    let dist = FIXED.dist
    if (type === 2) {
      const hlit = b.read(5) + 257
      const hdist = b.read(5) + 1
      const hclen = b.read(4) + 4
      const cl = new Array<number>(19).fill(0)
      for (let i = 0; i < hclen; i++) cl[CL_ORDER[i]] = b.read(3)
      const clh = huffman(cl)
      const lengths: number[] = []
      while (lengths.length < hlit + hdist) {
        const sym = decodeSym(b, clh)
        if (sym < 16) lengths.push(sym)
        else if (sym === 16) {
          if (!lengths.length) throw new Error('bad code lengths')
          const prev = lengths[lengths.length - 1]
          for (let r = 3 + b.read(2); r > 0; r--) lengths.push(prev)
        } else for (let r = sym === 17 ? 3 + b.read(3) : 11 + b.read(7); r > 0; r--) lengths.push(0)
      }
      lit = huffman(lengths.slice(0, hlit))
      dist = huffman(lengths.slice(hlit))
    } else if (type !== 1) throw new Error('bad deflate block')
    for (;;) {
      const sym = decodeSym(b, lit)
      if (sym === 256) break
      if (sym < 256) {
        if (n >= limit) throw new Error('image data longer than its header says')
        out[n++] = sym
        continue
      }
      const li = sym - 257
      if (li >= 29) throw new Error('bad length')
      const len = LEN_BASE[li] + b.read(LEN_EXTRA[li])
      const di = decodeSym(b, dist)
      if (di >= 30) throw new Error('bad distance')
      const d = DIST_BASE[di] + b.read(DIST_EXTRA[di])
      if (d > n || n + len > limit) throw new Error('bad back-reference')
      for (let i = 0; i < len; i++, n++) out[n] = out[n - d]
    }
  }
  return out.subarray(0, n)
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 }

/**
 * The number of pixels that show ink: visible (alpha ≥ 64) and dark (luma ≤ 160). Throws on a PNG this
 * cannot read; the caller turns that into "格式不对".
 */
export function inkPixels(png: Uint8Array): number {
  const u32 = (at: number) => ((png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3]) >>> 0
  let width = 0
  let height = 0
  let channels = 0
  const idat: Uint8Array[] = []
  for (let at = 8; at + 8 <= png.length; ) {
    const len = u32(at)
    const type = String.fromCharCode(png[at + 4], png[at + 5], png[at + 6], png[at + 7])
    const data = png.subarray(at + 8, at + 8 + len)
    if (type === 'IHDR') {
      width = u32(at + 8)
      height = u32(at + 12)
      const depth = data[8]
      channels = CHANNELS[data[9]] ?? 0
      if (depth !== 8 || !channels || data[12] !== 0) throw new Error('unsupported PNG')
      if (!width || !height || width * height > 4_000_000) throw new Error('unsupported PNG size')
    } else if (type === 'IDAT') idat.push(data)
    else if (type === 'IEND') break
    at += 12 + len
  }
  if (!width || !idat.length) throw new Error('no image data')
  const all = new Uint8Array(idat.reduce((s, d) => s + d.length, 0))
  let o = 0
  for (const d of idat) {
    all.set(d, o)
    o += d.length
  }
  const stride = width * channels
  const raw = inflate(all, (stride + 1) * height)
  if (raw.length < (stride + 1) * height) throw new Error('image data shorter than its header says')
  const prev = new Uint8Array(stride)
  const cur = new Uint8Array(stride)
  let ink = 0
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0
      const b = prev[i]
      const c = i >= channels ? prev[i - channels] : 0
      let p = row[i]
      if (filter === 1) p += a
      else if (filter === 2) p += b
      else if (filter === 3) p += (a + b) >>> 1
      else if (filter === 4) {
        const pa = Math.abs(b - c)
        const pb = Math.abs(a - c)
        const pc = Math.abs(a + b - 2 * c)
        p += pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      } else if (filter !== 0) throw new Error('bad PNG filter')
      cur[i] = p & 0xff
    }
    for (let x = 0; x < width; x++) {
      const px = cur.subarray(x * channels, x * channels + channels)
      const luma = channels >= 3 ? (px[0] * 299 + px[1] * 587 + px[2] * 114) / 1000 : px[0]
      const alpha = channels === 4 ? px[3] : channels === 2 ? px[1] : 255
      if (alpha >= 64 && luma <= 160) ink++
    }
    prev.set(cur)
  }
  return ink
}

/** A stray tap leaves a dot; a signature leaves a line. */
export const MIN_INK_PIXELS = 30
