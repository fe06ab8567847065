import { HttpError } from './errors'

/**
 * Limits on a JSON body, checked while it is read and before any work is done with it: the deepest
 * real form nests four levels, the largest carries a few hundred keys, and no text field is longer than
 * a few thousand characters (a hand signature, ~200 k, is the exception). Anything far beyond is not a person's input.
 */
export const JSON_LIMITS = { maxBytes: 512 * 1024, maxDepth: 16, maxKeys: 2000 } as const

const tooComplex = () => new HttpError('BODY_TOO_COMPLEX')

/**
 * Parses JSON text under JSON_LIMITS. One pass over the characters counts nesting and keys outside
 * strings and stops at the first limit crossed, so a 16 KB body nested 8,000 levels deep costs a scan,
 * never a recursion; only text that passes reaches JSON.parse.
 */
export function parseJsonLimited(raw: string): unknown {
  if (raw.length > JSON_LIMITS.maxBytes) throw tooComplex()
  let depth = 0
  let keys = 0
  let inString = false
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > JSON_LIMITS.maxDepth) throw tooComplex()
    } else if (c === 0x7d || c === 0x5d) depth--
    else if (c === 0x3a && ++keys > JSON_LIMITS.maxKeys) throw tooComplex()
  }
  return JSON.parse(raw)
}

/**
 * The same limits over a value that arrived already parsed (the in-process adapter, tests): an explicit
 * stack instead of recursion, and it stops at the first limit crossed.
 */
export function checkJsonLimits(value: unknown): void {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }]
  let keys = 0
  let chars = 0
  while (stack.length) {
    const { v, d } = stack.pop()!
    if (typeof v === 'string') {
      chars += v.length
      if (chars > JSON_LIMITS.maxBytes) throw tooComplex()
      continue
    }
    if (!v || typeof v !== 'object') continue
    if (d + 1 > JSON_LIMITS.maxDepth) throw tooComplex()
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)
    if (!Array.isArray(v)) keys += children.length
    if (keys > JSON_LIMITS.maxKeys || children.length > JSON_LIMITS.maxKeys) throw tooComplex()
    for (const child of children) stack.push({ v: child, d: d + 1 })
  }
}
