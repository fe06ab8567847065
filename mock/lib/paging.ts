import { fail } from './errors'

// Cursors are opaque to clients; here they carry an offset into the filtered, ordered list.
const encode = (offset: number) => `o${offset.toString(36)}`

function decode(cursor: string | undefined): number {
  if (!cursor) return 0
  const m = /^o([0-9a-z]{1,8})$/.exec(cursor)
  if (!m) return fail('BAD_REQUEST', '翻页参数已失效，请下拉刷新后重试', { field: 'cursor' })
  return parseInt(m[1], 36)
}

export function paginate<T>(rows: readonly T[], cursor: string | undefined, limit = 20): { items: T[]; nextCursor: string | null } {
  const offset = decode(cursor)
  const items = rows.slice(offset, offset + limit)
  const next = offset + items.length
  return { items, nextCursor: next < rows.length ? encode(next) : null }
}
