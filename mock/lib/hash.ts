import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

// Pure JS so the same code runs in Node, in the browser and bundled into a mini-program preview.
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)))
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
