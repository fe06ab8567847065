import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, oneOf } from './schema'
import { modules } from './common'

/**
 * Notifications: a module emits an event (mock/lib/notify.ts), the server decides who, by which channel
 * and when. Staff are told by WeCom app messages of the miniprogram_notice kind, residents by WeChat
 * one-time subscription messages while a subscription is left; every notification also lands in the
 * in-app 消息 list. Outside office hours only 特急 and red 妇联 cases go out; the rest wait for the
 * next office hour and go out as one digest per person.
 */
export const messageSchema = v.object({
  id: v.string(),
  title: v.string(),
  body: v.string(),
  /** the page that lands on the item with its actions */
  link: v.string(),
  module: v.nullable(v.picklist(modules)),
  urgent: v.boolean(),
  read: v.boolean(),
  createdAt: v.string(),
})
export type Message = v.InferOutput<typeof messageSchema>

const hhmm = (label: string) =>
  v.pipe(v.string(`「${label}」应为时间`), v.maxLength(5, `「${label}」格式不对`), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, `「${label}」应为 时:分，如 09:00`), v.title(label))

/** Office hours are 09:00–18:00 on working days; a person may only narrow the window in which they are told. */
export const quietSettingsSchema = v.object({
  sendFrom: v.string(),
  sendUntil: v.string(),
})
export type QuietSettings = v.InferOutput<typeof quietSettingsSchema>

/** The one-time subscription message templates residents may accept, at most 3 per request. */
export const subscribeTemplates = ['appointment', 'progress', 'message'] as const
export type SubscribeTemplate = (typeof subscribeTemplates)[number]
export const subscribeTemplateLabels: Record<SubscribeTemplate, string> = { appointment: '预约提醒', progress: '办理进度通知', message: '新消息提醒' }

const outboxEntrySchema = v.object({
  id: v.string(),
  at: v.string(),
  recipientId: v.string(),
  channel: v.picklist(['wecom', 'wechat']),
  /** sent; no_subscription: a resident with no subscription left for the template (nothing went out) */
  status: v.picklist(['sent', 'no_subscription']),
  kind: v.picklist(['single', 'digest']),
  /** the event keys this message carries (a digest carries several) */
  events: v.array(v.string()),
  /** WeCom: msgtype miniprogram_notice */
  wecom: v.nullable(
    v.object({
      title: v.string(),
      description: v.string(),
      page: v.string(),
      emphasisFirstItem: v.boolean(),
      contentItem: v.array(v.object({ key: v.string(), value: v.string() })),
      enableDuplicateCheck: v.boolean(),
      duplicateCheckInterval: v.number(),
    }),
  ),
  /** WeChat: a subscription message */
  wechat: v.nullable(v.object({ template: v.picklist(subscribeTemplates), page: v.string(), data: v.record(v.string(), v.object({ value: v.string() })) })),
})
export type OutboxEntry = v.InferOutput<typeof outboxEntrySchema>

export const notificationRoutes = {
  list: route({
    method: 'GET',
    path: '/messages',
    summary: '消息：我收到的通知，新的在前，带已读状态',
    access: 'user',
    query: v.object({ ...cursorQuery }),
    response: v.object({ items: v.array(messageSchema), nextCursor: v.nullable(v.string()), unread: v.number() }),
    errors: [],
  }),
  markRead: route({
    method: 'POST',
    path: '/messages/:id/read',
    summary: '把一条消息标为已读',
    access: 'user',
    params: v.object({ id: id('消息编号') }),
    response: v.object({ unread: v.number() }),
    errors: ['NOT_FOUND'],
  }),
  markAllRead: route({
    method: 'POST',
    path: '/messages/read-all',
    summary: '全部标为已读',
    access: 'user',
    response: v.object({ unread: v.number() }),
    errors: [],
  }),
  settings: route({
    method: 'GET',
    path: '/messages/settings',
    summary: '我的免打扰：在工作时间（工作日 09:00–18:00）之内，何时可以提醒我',
    access: 'staff',
    response: quietSettingsSchema,
    errors: [],
  }),
  saveSettings: route({
    method: 'PUT',
    path: '/messages/settings',
    summary: '设置免打扰：只能在工作时间之内收窄；特急和红色妇联案件不受限制',
    access: 'staff',
    body: v.object({ sendFrom: hhmm('开始提醒'), sendUntil: hhmm('停止提醒') }),
    response: quietSettingsSchema,
    errors: [],
  }),
  subscribe: route({
    method: 'POST',
    path: '/messages/subscriptions',
    summary: '群众在 requestSubscribeMessage 中同意的订阅消息（一次性，每个模板一次同意发一条）',
    access: 'resident',
    body: v.object({
      results: v.pipe(
        v.array(v.object({ template: oneOf('模板', subscribeTemplates), status: oneOf('结果', ['accept', 'reject', 'ban', 'filter'] as const) })),
        v.minLength(1, '请至少选择一个模板'),
        v.maxLength(3, '一次最多订阅 3 个模板'),
      ),
    }),
    response: v.object({ left: v.record(v.string(), v.number()) }),
    errors: [],
  }),
  outbox: route({
    method: 'GET',
    path: '/messages/outbox',
    summary: '发件箱：BFF 已发出（或因无订阅未发）的企业微信和微信消息（审计/纪检、机关事务管理员）',
    access: ['auditor', 'office_manager'],
    query: v.object({ recipientId: v.optional(id('接收人')), ...cursorQuery }),
    response: v.object({ items: v.array(outboxEntrySchema), nextCursor: v.nullable(v.string()) }),
    errors: ['FORBIDDEN'],
  }),
}
