import * as v from 'valibot'

/**
 * Schema builders that carry a Chinese field label, so every validation message names the field in the
 * user's words ("「标题」不能超过 100 个字"). Every string has a maximum length: the bad-input tests walk
 * the route table and insist on it.
 */
export function text(label: string, max: number, min = 1) {
  return v.pipe(
    v.string(`「${label}」应填写文字`),
    v.trim(),
    v.minLength(1, `请填写「${label}」`),
    v.minLength(min, `「${label}」至少 ${min} 个字`),
    v.maxLength(max, `「${label}」不能超过 ${max} 个字`),
    v.title(label),
  )
}

export function optionalText(label: string, max: number) {
  return v.optional(
    v.pipe(v.string(`「${label}」应填写文字`), v.trim(), v.maxLength(max, `「${label}」不能超过 ${max} 个字`), v.title(label)),
  )
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

/** ISO 8601 timestamp with offset, e.g. 2026-11-25T09:30:00+08:00. */
export function isoTime(label: string) {
  return v.pipe(v.string(`「${label}」应为时间`), v.maxLength(40, `「${label}」格式不对`), v.isoTimestamp(`「${label}」格式不对`), v.title(label))
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
