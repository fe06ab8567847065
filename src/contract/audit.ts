import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, page } from './schema'

export const auditEntrySchema = v.object({
  seq: v.number(),
  at: v.string(),
  actorId: v.string(),
  actorName: v.string(),
  action: v.string(),
  objectType: v.string(),
  objectId: v.string(),
  /** what changed, for people: field → [before, after]; masked values stay masked */
  summary: v.string(),
  requestId: v.string(),
  prevHash: v.string(),
  hash: v.string(),
})
export type AuditEntry = v.InferOutput<typeof auditEntrySchema>

export const auditVerifySchema = v.object({
  ok: v.boolean(),
  count: v.number(),
  headHash: v.string(),
  /** the first entry whose hash or link does not hold */
  brokenAt: v.nullable(v.number()),
  problem: v.nullable(v.string()),
})

export const auditRoutes = {
  list: route({
    method: 'GET',
    path: '/audit',
    summary: '审计日志：按对象、操作人或日期查询（审计/纪检）',
    access: ['auditor'],
    query: v.object({
      objectType: v.optional(id('对象类型')),
      objectId: v.optional(id('对象编号')),
      actorId: v.optional(id('操作人')),
      /** one Beijing day, YYYY-MM-DD */
      date: v.optional(v.pipe(v.string('「日期」格式不对'), v.maxLength(10, '「日期」格式不对'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '「日期」应为 2026-11-25 这样的格式'), v.title('日期'))),
      ...cursorQuery,
    }),
    response: page(auditEntrySchema),
    errors: ['FORBIDDEN'],
  }),
  verify: route({
    method: 'GET',
    path: '/audit/verify',
    summary: '校验审计链：任何修改、删除、调序都会被发现（审计/纪检）',
    access: ['auditor'],
    response: auditVerifySchema,
    errors: ['FORBIDDEN'],
  }),
}
