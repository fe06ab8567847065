import { toBase64 } from './base64'

/**
 * A tiny PNG encoder (8-bit greyscale, stored deflate blocks) so the seed can carry real signature
 * images without a native zlib: the same code runs in Node and in the phone's in-process mock.
 */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  for (const x of bytes) {
    a = (a + x) % 65521
    b = (b + a) % 65521
  }
  return ((b << 16) | a) >>> 0
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]

function chunk(type: string, data: Uint8Array): number[] {
  const body = new Uint8Array([...Array.from(type, (c) => c.charCodeAt(0)), ...data])
  return [...u32(data.length), ...body, ...u32(crc32(body))]
}

/** `pixels[y][x]`: 0 black … 255 white. */
export function encodeGreyPng(width: number, height: number, pixel: (x: number, y: number) => number): Uint8Array {
  const raw = new Uint8Array((width + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = pixel(x, y)
  }
  const deflate: number[] = [0x78, 0x01]
  for (let i = 0; i < raw.length; i += 65535) {
    const block = raw.subarray(i, i + 65535)
    const last = i + 65535 >= raw.length ? 1 : 0
    deflate.push(last, block.length & 0xff, block.length >>> 8, ~block.length & 0xff, (~block.length >>> 8) & 0xff, ...block)
  }
  deflate.push(...u32(adler32(raw)))
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 8, 0, 0, 0, 0])
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', new Uint8Array(deflate)), ...chunk('IEND', new Uint8Array())])
}

/** A handwritten-looking flourish, different for each seed, as a PNG data URL. */
export function signaturePng(seed: number): string {
  const w = 160
  const h = 60
  const ink = (x: number, y: number) => {
    const t = x / w
    const curve = 30 + 14 * Math.sin(t * Math.PI * (3 + (seed % 3))) * Math.cos(t * 5 + seed) - 8 * t
    const loop = Math.abs(Math.hypot(x - 40 - (seed % 5) * 6, y - 28) - 12) < 1.6 && x < 70
    return Math.abs(y - curve) < 1.8 || loop ? 20 : 255
  }
  return `data:image/png;base64,${toBase64(encodeGreyPng(w, h, ink))}`
}
