import * as v from 'valibot'
import { parseIso, toIso } from '../core/time'

/**
 * Schema builders that carry a Chinese field label, so every validation message names the field in the
 * user's words ("「标题」不能超过 100 个字"). Every string has a maximum length: the bad-input tests walk
 * the route table and insist on it.
 */
// One rule for every piece of text a person writes, so no route can be fooled by text that only looks
// like text. Control characters (but tab and line breaks), bidi overrides and isolates, and lone
// surrogates are refused: they reorder or hide what a reader sees, or break storage. Zero-width and
// other format characters are allowed inside text (emoji sequences need ZWJ) but do not count as
// something written.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
/** whitespace, format characters (zero-width space/joiners, word joiner, BOM, soft hyphen …) and blank fillers */
const INVISIBLE = /[\s\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u2028-\u202F\u205F-\u206F\u2800\u3000\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/g

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return true
    } else if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

/** NFC, line breaks as \n, and the outer whitespace trimmed: the form text is compared and stored in. */
export function normalizeText(s: string): string {
  const nfc = typeof s.normalize === 'function' && !hasLoneSurrogate(s) ? s.normalize('NFC') : s
  return nfc.replace(/\r\n?/g, '\n').trim()
}

/** Why a piece of text cannot be taken as written, or null when it can. */
export function textProblem(s: string): 'control' | null {
  return CONTROL.test(s) || BIDI.test(s) || hasLoneSurrogate(s) ? 'control' : null
}

/** Something a reader can see: what is left after whitespace and invisible characters are taken out. */
export const hasVisible = (s: string): boolean => s.replace(INVISIBLE, '').length > 0

/**
 * The text pipe shared by text() and optionalText(), as one schema nested in theirs. (Not an array spread
 * into v.pipe: Babel turns `v.pipe(...xs)` into `v.pipe.apply(v, …)`, which hands webpack the whole
 * valibot namespace as a value and keeps every one of its exports — 83 KB in every main package.)
 */
function cleanText(label: string) {
  return v.pipe(
    v.string(`「${label}」应填写文字`),
    v.transform(normalizeText),
    v.check((s: string) => textProblem(s) === null, `「${label}」含有无法显示的字符，请删除后重新输入`),
  )
}

/**
 * Schema builders that carry a Chinese field label, so every validation message names the field in the
 * user's words ("「标题」不能超过 100 个字"). Every string has a maximum length: the bad-input tests walk
 * the route table and insist on it. A required text must have a visible character in it.
 */
export function text(label: string, max: number, min = 1) {
  return v.pipe(
    cleanText(label),
    v.minLength(1, `请填写「${label}」`),
    v.check(hasVisible, `请填写「${label}」`),
    v.minLength(min, `「${label}」至少 ${min} 个字`),
    v.maxLength(max, `「${label}」不能超过 ${max} 个字`),
    v.title(label),
  )
}

/** Optional text: left out, or written as nothing visible, it is the empty string's "nothing". */
export function optionalText(label: string, max: number) {
  return v.optional(
    v.pipe(
      cleanText(label),
      v.transform((s: string) => (hasVisible(s) ? s : '')),
      v.maxLength(max, `「${label}」不能超过 ${max} 个字`),
      v.title(label),
    ),
  )
}

/**
 * A file name as a person's device sent it, made safe to show and store: the text rule, path separators
 * and characters that are invisible or reorder text replaced, at most `max` characters keeping the
 * extension. Nothing visible left: 未命名文件 with the extension.
 */
export function sanitizeFileName(name: string, max = 120): string {
  let s = hasLoneSurrogate(name) ? name.replace(/[\uD800-\uDFFF]/g, '') : name
  s = normalizeText(s)
    .replace(new RegExp(CONTROL.source, 'g'), '')
    .replace(new RegExp(BIDI.source, 'g'), '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
  const dot = s.lastIndexOf('.')
  const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : ''
  let stem = ext ? s.slice(0, dot) : s
  if (!hasVisible(stem.replace(/[._]/g, ''))) stem = '未命名文件'
  if (stem.length + ext.length > max) stem = stem.slice(0, max - ext.length)
  return stem + ext
}

/** Server-issued identifiers: short, plain ASCII. */
export function id(label: string) {
  return v.pipe(
    v.string(`「${label}」格式不对`),
    v.maxLength(64, `「${label}」格式不对`),
    v.regex(/^[A-Za-z0-9_.:-]+$/, `「${label}」格式不对`),
    v.title(label),
  )
}

export function int(label: string, min: number, max: number) {
  return v.pipe(
    v.number(`「${label}」应为数字`),
    v.integer(`「${label}」应为整数`),
    v.minValue(min, `「${label}」不能小于 ${min}`),
    v.maxValue(max, `「${label}」不能大于 ${max}`),
    v.title(label),
  )
}

/** Query strings arrive as text; accept "20" as 20. */
export function queryInt(label: string, min: number, max: number) {
  return v.optional(
    v.pipe(
      v.union([v.number(), v.pipe(v.string(), v.maxLength(9), v.regex(/^\d+$/, `「${label}」应为数字`))], `「${label}」应为数字`),
      v.transform(Number),
      int(label, min, max),
    ),
  )
}

export function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return v.pipe(v.picklist(values, `「${label}」的取值不对`), v.title(label))
}

/**
 * A date-time in the contract's one form, 2026-11-25T09:30:00+08:00 (seconds and an offset always
 * there), parsed strictly by core/time.ts parseIso and passed on in Beijing time, so what is stored is
 * always a time the server understood: 2030-12-01T10:00:00+08 is refused, not stored as NaN.
 */
export function isoTime(label: string) {
  return v.pipe(
    v.string(`「${label}」应为时间`),
    v.maxLength(40, `「${label}」格式不对`),
    v.check((s: string) => parseIso(s) !== null, `「${label}」格式不对`),
    v.transform((s: string) => toIso(parseIso(s)!)),
    v.title(label),
  )
}

export const version = int('版本号', 0, 1_000_000_000)

export const cursorQuery = {
  cursor: v.optional(v.pipe(v.string('「翻页游标」格式不对'), v.maxLength(200, '「翻页游标」格式不对'))),
  limit: queryInt('每页条数', 1, 100),
}

export function page<T extends v.GenericSchema>(item: T) {
  return v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) })
}

export const ok = v.object({ ok: v.literal(true) })
