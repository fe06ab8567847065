import * as v from 'valibot'
import { route } from './route'
import { modules } from './common'

/**
 * 工作台: one call answers the parts this person works in, decided by the server from roles and from
 * the work items that name them. Each part carries its own counts, what can be started there and its
 * lists; a module plugs in by adding its part on the server (mock/lib/workbench-parts.ts), the page
 * renders whatever comes back in the order given.
 */
export const workbenchPartKeys = [...modules, 'audit'] as const
export type WorkbenchPartKey = (typeof workbenchPartKeys)[number]

const linkSchema = v.object({ key: v.string(), label: v.string(), hint: v.string(), link: v.string() })
export type WorkbenchLink = v.InferOutput<typeof linkSchema>

export const workbenchPartSchema = v.object({
  key: v.picklist(workbenchPartKeys),
  label: v.string(),
  /** 待办 (open items for me), 逾期 (of those, past due), 催办 (of those, chased) */
  counts: v.object({ todo: v.number(), overdue: v.number(), urged: v.number() }),
  startables: v.array(linkSchema),
  shortcuts: v.array(linkSchema),
})
export type WorkbenchPart = v.InferOutput<typeof workbenchPartSchema>

export const workbenchSchema = v.object({
  parts: v.array(workbenchPartSchema),
  /** the whole inbox's 待办, for the tab badge */
  todo: v.number(),
  overdue: v.number(),
  /** unread 消息 */
  unread: v.number(),
  /** for 审计/纪检 only: the chain's state, with the head hash to note down */
  audit: v.nullable(v.object({ ok: v.boolean(), count: v.number(), headHash: v.string(), brokenAt: v.nullable(v.number()) })),
})
export type Workbench = v.InferOutput<typeof workbenchSchema>

export const workbenchRoutes = {
  get: route({
    method: 'GET',
    path: '/workbench',
    summary: '工作台：我参与的模块（按角色由服务端决定），各自的待办、逾期、可发起事项和清单入口，一次取回',
    access: 'staff',
    response: workbenchSchema,
    errors: [],
  }),
}
