import { deflateSync } from 'node:zlib'
import { encodeGreyPng, signaturePng } from '../../mock/lib/png'
import { inflate, inkPixels, MIN_INK_PIXELS } from '../../mock/lib/png-ink'
import { checkSignature } from '../../mock/handlers/documents'
import { fromBase64 } from '../../mock/lib/base64'

// ---- a PNG as a browser's canvas exports it: RGBA, compressed, each row with its own filter ----
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc = (b: Uint8Array) => {
  let c = 0xffffffff
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
function chunk(type: string, data: Uint8Array) {
  const body = Uint8Array.from([...Buffer.from(type, 'latin1'), ...data])
  return [...be(data.length), ...body, ...be(crc(body))]
}
const paeth = (a: number, b: number, c: number) => {
  const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}
/** RGBA pixels → PNG, rows filtered 0,1,2,3,4 in turn (as encoders choose per row), zlib-compressed */
function rgbaPng(w: number, h: number, px: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const stride = w * 4
  const rows: number[][] = []
  for (let y = 0; y < h; y++) rows.push(Array.from({ length: w }, (_, x) => px(x, y)).flat())
  const raw: number[] = []
  for (let y = 0; y < h; y++) {
    const f = y % 5
    raw.push(f)
    for (let i = 0; i < stride; i++) {
      const v = rows[y][i], a = i >= 4 ? rows[y][i - 4] : 0, b = y ? rows[y - 1][i] : 0, c = y && i >= 4 ? rows[y - 1][i - 4] : 0
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >>> 1 : paeth(a, b, c)
      raw.push((v - pred) & 255)
    }
  }
  const ihdr = Uint8Array.from([...be(w), ...be(h), 8, 6, 0, 0, 0])
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', deflateSync(Uint8Array.from(raw), { level: 9 })), ...chunk('IEND', new Uint8Array())])
}
const dataUrl = (b: Uint8Array) => `data:image/png;base64,${Buffer.from(b).toString('base64')}`
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return (e as { message?: string }).message
  }
  return 'accepted'
}

describe('a signature must have ink (issue #7: 确定签发 accepted a blank PNG)', () => {
  const W = 320
  const H = 120
  const blank = rgbaPng(W, H, () => [0, 0, 0, 0])
  const white = rgbaPng(W, H, () => [255, 255, 255, 255])
  // a stroke like the pad draws: 3 px of #111 along a wave
  const drawn = rgbaPng(W, H, (x, y) => (Math.abs(y - (60 + 30 * Math.sin(x / 25))) < 1.5 ? [17, 17, 17, 255] : [0, 0, 0, 0]))

  it('inflate reads what zlib wrote, at every level (fixed and dynamic Huffman, stored blocks)', () => {
    const text = Buffer.from('签名'.repeat(500) + Array.from({ length: 3000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 90))).join(''))
    for (const level of [0, 1, 6, 9]) expect(Buffer.from(inflate(deflateSync(text, { level }), text.length)).equals(text)).toBe(true)
  })

  it('counts the dark pixels of a drawn stroke and none on an empty canvas', () => {
    expect(inkPixels(blank)).toBe(0)
    expect(inkPixels(white)).toBe(0)
    expect(inkPixels(drawn)).toBeGreaterThan(500)
    // the seed's own signatures (greyscale, stored deflate) have ink too
    expect(inkPixels(fromBase64(signaturePng(3).slice(22)))).toBeGreaterThan(MIN_INK_PIXELS)
    expect(inkPixels(encodeGreyPng(40, 20, () => 255))).toBe(0)
  })

  it('the server refuses a blank signature with what to do, and takes a drawn one', () => {
    expect(refusal(() => checkSignature(dataUrl(blank)))).toBe('手写签名是空白的，请在签名框内写上您的名字后再提交')
    expect(refusal(() => checkSignature(dataUrl(white)))).toBe('手写签名是空白的，请在签名框内写上您的名字后再提交')
    expect(refusal(() => checkSignature(dataUrl(drawn)))).toBe('accepted')
    // a PNG header on garbage is still 格式不对
    const garbage = Uint8Array.from([...drawn.slice(0, 33), ...new Uint8Array(80).fill(7)])
    expect(refusal(() => checkSignature(dataUrl(garbage)))).toBe('「手写签名」格式不对，请清除后重新签')
  })
})
