import * as v from 'valibot'
import { route } from './route'
import { id, isoTime, optionalText, text, version } from './schema'
import { availableActionSchema, timelineEntrySchema, urgencies } from './common'

/** 工作通知阅办: the smallest workflow the foundation carries, so the inbox, ActionBar, idempotency,
 * concurrency and audit are exercised end to end before any module exists. */
export const readerStatuses = ['unread', 'read', 'opinion'] as const
export const readerStatusLabels = { unread: '未读', read: '已读', opinion: '已签意见' } as const

export const noticeSchema = v.object({
  id: v.string(),
  title: v.string(),
  body: v.string(),
  urgency: v.picklist(urgencies),
  deadline: v.nullable(v.string()),
  senderId: v.string(),
  senderName: v.string(),
  senderDeptName: v.string(),
  createdAt: v.string(),
  version: v.number(),
  /** the sender sees every reader; a reader sees only their own line */
  readers: v.array(
    v.object({
      userId: v.string(),
      name: v.string(),
      deptName: v.string(),
      status: v.picklist(readerStatuses),
      readAt: v.nullable(v.string()),
      opinion: v.nullable(v.string()),
      urgedAt: v.nullable(v.string()),
    }),
  ),
  /** the caller's own inbox item for this notice, when they are a reader */
  myItem: v.nullable(v.object({ id: v.string(), version: v.number(), status: v.picklist(['open', 'done']) })),
  availableActions: v.array(availableActionSchema),
  timeline: v.array(timelineEntrySchema),
})
export type Notice = v.InferOutput<typeof noticeSchema>

const noticeId = v.object({ id: id('通知编号') })

export const noticeRoutes = {
  create: route({
    method: 'POST',
    path: '/notices',
    summary: '发出工作通知：指定阅知人，可设办理时限',
    access: ['clerk', 'dept_head', 'leader', 'office_manager', 'supervisor'],
    body: v.object({
      title: text('标题', 60, 4),
      body: text('正文', 2000),
      urgency: v.optional(v.picklist(urgencies, '「紧急程度」的取值不对'), 'normal'),
      deadline: v.optional(isoTime('办理时限')),
      readerIds: v.pipe(
        v.array(id('阅知人'), '「阅知人」格式不对'),
        v.minLength(1, '请至少选择一位阅知人'),
        v.maxLength(50, '一次最多发给 50 人'),
        v.title('阅知人'),
      ),
    }),
    response: noticeSchema,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  get: route({
    method: 'GET',
    path: '/notices/:id',
    summary: '工作通知详情：正文、阅知情况、可执行操作',
    access: 'staff',
    params: noticeId,
    response: noticeSchema,
    errors: ['NOT_FOUND'],
  }),
  read: route({
    method: 'POST',
    path: '/notices/:id/read',
    summary: '阅知：标记已阅，可附意见',
    access: 'staff',
    params: noticeId,
    body: v.object({ version, opinion: optionalText('阅知意见', 500) }),
    response: noticeSchema,
    errors: ['NOT_FOUND', 'VERSION_CONFLICT', 'INVALID_STATE'],
  }),
  remind: route({
    method: 'POST',
    path: '/notices/:id/remind',
    summary: '催阅：提醒尚未阅知的人（发起人）',
    access: 'staff',
    params: noticeId,
    body: v.object({ version, note: optionalText('催阅说明', 200) }),
    response: noticeSchema,
    errors: ['NOT_FOUND', 'VERSION_CONFLICT', 'INVALID_STATE', 'FORBIDDEN'],
  }),
}
