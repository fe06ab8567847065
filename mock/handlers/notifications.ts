import { notificationRoutes, type SubscribeTemplate } from '../../src/contract/notifications'
import { audit, requireUser, visibleOr404, type Registry } from '../context'
import { fail } from '../lib/errors'
import { addSubscriptions, clampSettings, flushDue, messagesOf, notifyTables, quietSettingsOf, unreadOf } from '../lib/notify'
import { paginate } from '../lib/paging'

export function registerNotifications(r: Registry) {
  r.on(notificationRoutes.list, (ctx, { query }) => {
    const me = requireUser(ctx)
    flushDue(ctx)
    const rows = [...messagesOf(ctx.db, me.id)].reverse()
    const page = paginate(rows, query.cursor, query.limit ?? 20)
    return { items: page.items.map(({ userId: _u, eventKey: _k, ...m }) => m), nextCursor: page.nextCursor, unread: unreadOf(ctx.db, me.id) }
  })

  r.on(notificationRoutes.markRead, (ctx, { params }) => {
    const me = requireUser(ctx)
    const m = visibleOr404(
      notifyTables(ctx.db).messages.find((x) => x.id === params.id),
      (x) => x.userId === me.id,
    )
    if (!m.read) {
      m.read = true
      audit(ctx, 'message.read', 'message', m.id, '未读 → 已读')
    }
    return { unread: unreadOf(ctx.db, me.id) }
  })

  r.on(notificationRoutes.markAllRead, (ctx) => {
    const me = requireUser(ctx)
    const unread = messagesOf(ctx.db, me.id).filter((m) => !m.read)
    if (unread.length) {
      for (const m of unread) m.read = true
      audit(ctx, 'message.read_all', 'user', me.id, `${unread.length} 条消息 未读 → 已读`)
    }
    return { unread: 0 }
  })

  r.on(notificationRoutes.settings, (ctx) => quietSettingsOf(ctx.db, requireUser(ctx).id))

  r.on(notificationRoutes.saveSettings, (ctx, { body }) => {
    const me = requireUser(ctx)
    if (body.sendFrom >= body.sendUntil) fail('BAD_REQUEST', '「开始提醒」应早于「停止提醒」')
    const before = quietSettingsOf(ctx.db, me.id)
    const next = clampSettings(body)
    notifyTables(ctx.db).settings[me.id] = next
    audit(ctx, 'message.settings', 'user', me.id, `提醒时段：${before.sendFrom}–${before.sendUntil} → ${next.sendFrom}–${next.sendUntil}`)
    return next
  })

  r.on(notificationRoutes.subscribe, (ctx, { body }) => {
    const me = requireUser(ctx)
    const accepted = body.results.filter((x) => x.status === 'accept').map((x) => x.template as SubscribeTemplate)
    const left = addSubscriptions(ctx.db, me.id, accepted)
    if (accepted.length) audit(ctx, 'message.subscribe', 'user', me.id, `订阅：${accepted.join('、')}`)
    return { left }
  })

  r.on(notificationRoutes.outbox, (ctx, { query }) => {
    requireUser(ctx)
    flushDue(ctx)
    const rows = [...notifyTables(ctx.db).outbox].reverse().filter((o) => !query.recipientId || o.recipientId === query.recipientId)
    return paginate(rows, query.cursor, query.limit ?? 50)
  })
}
