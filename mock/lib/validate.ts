import * as v from 'valibot'
import { fail } from './errors'

type AnySchema = v.GenericSchema & { type: string; entries?: Record<string, AnySchema>; wrapped?: AnySchema; pipe?: unknown[]; item?: AnySchema }

/** The schema at `keys` inside an object schema, through optional wrappers and pipes. */
function schemaAt(root: AnySchema, keys: string[]): AnySchema | null {
  let s: AnySchema | null = root
  for (const key of keys) {
    while (s && s.wrapped) s = s.wrapped
    const base: AnySchema | null = s && s.pipe ? (s.pipe[0] as AnySchema) : s
    if (base?.entries) s = base.entries[key] ?? null
    else if (base?.item) s = base.item
    else return null
  }
  return s
}

function labelOf(schema: AnySchema | null): string | null {
  let s = schema
  while (s && s.wrapped) s = s.wrapped
  return s ? (v.getTitle(s as never) ?? null) : null
}

/** Validates one part of a request; every problem comes back in Chinese, with the first one as the message. */
export function validatePart<S extends v.GenericSchema>(schema: S, input: unknown, part: 'params' | 'query' | 'body'): v.InferOutput<S> {
  // every body is an object; valibot's object() lets an array through when all its keys are optional
  if (part === 'body' && Array.isArray(input)) return fail('BAD_REQUEST', '提交的内容格式不对，请刷新页面后重试', { field: 'body' })
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (result.success) return result.output
  const issues = result.issues.map((issue) => {
    const keys = (issue.path ?? []).map((p) => String(p.key))
    let message = issue.message
    if (/^Invalid /.test(message)) {
      // valibot's own words (a missing key, a wrong container type): say it with the field's label
      const label = labelOf(schemaAt(schema as unknown as AnySchema, keys))
      message = label ? (issue.input === undefined ? `请填写「${label}」` : `「${label}」格式不对`) : '提交的内容格式不对，请刷新页面后重试'
    }
    return { path: [part, ...keys].join('.'), message }
  })
  const first = issues[0]
  return fail('BAD_REQUEST', first.message, { field: first.path, issues })
}
