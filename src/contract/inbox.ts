import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, page } from './schema'
import { modules, workItemSchema } from './common'

export const inboxTabs = ['todo', 'done', 'initiated', 'cc'] as const
export type InboxTab = (typeof inboxTabs)[number]
export const inboxTabLabels: Record<InboxTab, string> = { todo: '待办', done: '已办', initiated: '我发起的', cc: '抄送我的' }

export const inboxCountsSchema = v.object({
  todo: v.number(),
  done: v.number(),
  initiated: v.number(),
  cc: v.number(),
  /** open items past their deadline */
  overdue: v.number(),
  /** open items someone has chased */
  urged: v.number(),
})
export type InboxCounts = v.InferOutput<typeof inboxCountsSchema>

export const inboxRoutes = {
  list: route({
    method: 'GET',
    path: '/inbox',
    summary: '统一待办：各模块的待办、已办、我发起的、抄送我的，逾期与催办置顶',
    access: 'user',
    query: v.object({
      tab: v.picklist(inboxTabs, '「分类」的取值不对'),
      module: v.optional(v.picklist(modules, '「模块」的取值不对')),
      ...cursorQuery,
    }),
    response: page(workItemSchema),
    errors: [],
  }),
  counts: route({
    method: 'GET',
    path: '/inbox/counts',
    summary: '统一待办各分类的数量（含逾期、被催办数）',
    access: 'user',
    response: inboxCountsSchema,
    errors: [],
  }),
}
