import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex } from '@noble/hashes/utils'

const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null

/**
 * UTF-8 with TextEncoder where there is one (Node, browsers: ~20× faster, and the audit chain hashes every
 * entry), by hand in mini-programs, which have none (the in-process preview build runs this on the phone).
 * A lone surrogate becomes U+FFFD either way.
 */
export function utf8Bytes(text: string): Uint8Array {
  return encoder ? encoder.encode(text) : utf8BytesByHand(text)
}

export function utf8BytesByHand(text: string): Uint8Array {
  const out: number[] = []
  for (const ch of text) {
    let c = ch.codePointAt(0)!
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return Uint8Array.from(out)
}

// Pure JS so the same code runs in Node, in the browser and bundled into a mini-program preview.
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8Bytes(text)))
export const sha256BytesHex = (bytes: Uint8Array): string => bytesToHex(sha256(bytes))

/** JSON with sorted keys: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const obj = value as Record<string, unknown>
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`
}
