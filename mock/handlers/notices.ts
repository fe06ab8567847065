import type { AvailableAction } from '../../src/contract/common'
import type { Notice } from '../../src/contract/notices'
import { routes } from '../../src/contract/routes'
import type { Db, NoticeRow, UserRow, WorkItemRow } from '../db'
import { audit, checkVersion, deptName, nextId, requireUser, userById, visibleOr404, type Ctx, type Registry } from '../context'
import { fail } from '../lib/errors'
import { closeWorkItem, openWorkItem, updateWorkItem, urgeWorkItem } from '../lib/workitems'

const REMIND_INTERVAL_MS = 3600_000

export const noticeLink = (id: string) => `/features/notice/pages/detail/index?id=${id}`

const readAction: AvailableAction = { key: 'read', label: '已阅', opinion: 'optional', opinionLabel: '阅知意见（可不填）', style: 'primary' }
const remindAction: AvailableAction = { key: 'remind', label: '催阅', opinion: 'optional', opinionLabel: '催阅说明（可不填）', style: 'default' }

function itemsOf(db: Db, noticeId: string) {
  return db.workItems.filter((w) => w.module === 'notice' && w.objectId === noticeId)
}

function myItem(db: Db, noticeId: string, userId: string): WorkItemRow | undefined {
  return itemsOf(db, noticeId).find((w) => w.audience === 'assignee' && w.assigneeId === userId)
}

const isParty = (n: NoticeRow, u: UserRow) => n.senderId === u.id || n.readers.some((r) => r.userId === u.id)

function lastRemindAt(n: NoticeRow): number {
  return Math.max(0, ...n.readers.map((r) => (r.urgedAt ? Date.parse(r.urgedAt) : 0)))
}

export function readProgress(n: Pick<NoticeRow, 'readers'>): string {
  const done = n.readers.filter((r) => r.status !== 'unread').length
  return `已阅 ${done}/${n.readers.length}`
}

function present(ctx: Ctx, n: NoticeRow): Notice {
  const me = requireUser(ctx)
  const sender = userById(ctx.db, n.senderId)
  const mine = myItem(ctx.db, n.id, me.id)
  const isSender = n.senderId === me.id
  const actions: AvailableAction[] = []
  if (mine?.status === 'open') actions.push(readAction)
  if (isSender && n.readers.some((r) => r.status === 'unread') && ctx.now.getTime() - lastRemindAt(n) >= REMIND_INTERVAL_MS) actions.push(remindAction)
  return {
    id: n.id,
    title: n.title,
    body: n.body,
    urgency: n.urgency,
    deadline: n.deadline,
    senderId: n.senderId,
    senderName: sender?.name ?? '',
    senderDeptName: deptName(ctx.db, sender?.deptId ?? null) ?? '',
    createdAt: n.createdAt,
    version: n.version,
    readers: n.readers
      .filter((r) => isSender || r.userId === me.id)
      .map((r) => {
        const u = userById(ctx.db, r.userId)
        return { ...r, name: u?.name ?? '', deptName: deptName(ctx.db, u?.deptId ?? null) ?? '' }
      }),
    myItem: mine ? { id: mine.id, version: mine.version, status: mine.status } : null,
    availableActions: actions,
    timeline: n.timeline,
  }
}

function findVisible(ctx: Ctx, id: string): NoticeRow {
  const me = requireUser(ctx)
  return visibleOr404(
    ctx.db.notices.find((n) => n.id === id),
    (n) => isParty(n, me),
  )
}

/** Opens the inbox items of a new notice: one 传阅 item per reader and a 我发起的 item for the sender. */
export function openNoticeItems(ctx: Pick<Ctx, 'db' | 'nowIso'>, n: NoticeRow) {
  const base = { module: 'notice' as const, objectType: 'notice', objectId: n.id, title: n.title, initiatorId: n.senderId, urgency: n.urgency, deadline: n.deadline, link: noticeLink(n.id) }
  const sender = userById(ctx.db, n.senderId)
  for (const r of n.readers) {
    openWorkItem(ctx, { ...base, summary: `${sender?.name ?? ''}发来的工作通知，请阅知`, step: '阅知', audience: 'assignee', assigneeId: r.userId, tags: ['circulate'] })
  }
  openWorkItem(ctx, { ...base, summary: readProgress(n), step: '待阅知', audience: 'initiator', assigneeId: n.senderId, tags: [] })
}

function refreshInitiatorItem(ctx: Ctx, n: NoticeRow) {
  const item = itemsOf(ctx.db, n.id).find((w) => w.audience === 'initiator')
  if (!item) return
  const allRead = n.readers.every((r) => r.status !== 'unread')
  updateWorkItem(ctx, item, allRead && item.status === 'open' ? { summary: readProgress(n), step: '全部已阅' } : { summary: readProgress(n) })
  if (allRead && item.status === 'open') closeWorkItem(ctx, item)
}

export function registerNotices(r: Registry) {
  r.on(routes.notices.create, (ctx, { body }) => {
    const me = requireUser(ctx)
    const readerIds = [...new Set(body.readerIds)]
    if (readerIds.includes(me.id)) fail('BAD_REQUEST', '阅知人不需要包括您自己', { field: 'body.readerIds' })
    for (const id of readerIds) {
      const u = userById(ctx.db, id)
      if (!u || u.kind !== 'staff') fail('BAD_REQUEST', '所选阅知人不在通讯录中，请重新选择', { field: 'body.readerIds' })
    }
    if (body.deadline && Date.parse(body.deadline) <= ctx.now.getTime()) fail('BAD_REQUEST', '「办理时限」不能早于现在', { field: 'body.deadline' })
    const n: NoticeRow = {
      id: nextId(ctx.db, 'notice'),
      title: body.title,
      body: body.body,
      urgency: body.urgency,
      deadline: body.deadline ?? null,
      senderId: me.id,
      createdAt: ctx.nowIso,
      version: 1,
      readers: readerIds.map((userId) => ({ userId, status: 'unread', readAt: null, opinion: null, urgedAt: null })),
      timeline: [{ at: ctx.nowIso, actorName: me.name, action: '发出通知', note: `发给 ${readerIds.length} 人` }],
    }
    ctx.db.notices.push(n)
    openNoticeItems(ctx, n)
    audit(ctx, 'notice.create', 'notice', n.id, `发出工作通知「${n.title}」，阅知人 ${readerIds.length} 人`)
    return present(ctx, n)
  })

  r.on(routes.notices.get, (ctx, { params }) => present(ctx, findVisible(ctx, params.id)))

  r.on(routes.notices.read, (ctx, { params, body }) => {
    const me = requireUser(ctx)
    const n = findVisible(ctx, params.id)
    const reader = n.readers.find((x) => x.userId === me.id) ?? fail('FORBIDDEN', '您不是这份通知的阅知人')
    const item = myItem(ctx.db, n.id, me.id) ?? fail('INVALID_STATE')
    if (item.status !== 'open' || reader.status !== 'unread') fail('INVALID_STATE', '您已阅知这份通知')
    checkVersion(item.version, body.version)
    const opinion = body.opinion?.trim() || null
    reader.status = opinion ? 'opinion' : 'read'
    reader.readAt = ctx.nowIso
    reader.opinion = opinion
    closeWorkItem(ctx, item)
    n.version++
    n.timeline.push({ at: ctx.nowIso, actorName: me.name, action: opinion ? '签署意见' : '已阅', note: opinion })
    refreshInitiatorItem(ctx, n)
    audit(ctx, 'notice.read', 'notice', n.id, opinion ? `已阅并签署意见：${opinion}` : '已阅')
    return present(ctx, n)
  })

  r.on(routes.notices.remind, (ctx, { params, body }) => {
    const me = requireUser(ctx)
    const n = findVisible(ctx, params.id)
    if (n.senderId !== me.id) fail('FORBIDDEN', '只有发起人可以催阅')
    checkVersion(n.version, body.version)
    const unread = n.readers.filter((x) => x.status === 'unread')
    if (!unread.length) fail('INVALID_STATE', '所有人都已阅知，无需催阅')
    if (ctx.now.getTime() - lastRemindAt(n) < REMIND_INTERVAL_MS) fail('INVALID_STATE', '刚刚催阅过，请 1 小时后再催')
    for (const reader of unread) {
      reader.urgedAt = ctx.nowIso
      const item = myItem(ctx.db, n.id, reader.userId)
      if (item) urgeWorkItem(ctx, item)
    }
    n.version++
    const names = unread.map((x) => userById(ctx.db, x.userId)?.name ?? '').join('、')
    n.timeline.push({ at: ctx.nowIso, actorName: me.name, action: '催阅', note: body.note?.trim() || `提醒 ${names}` })
    audit(ctx, 'notice.remind', 'notice', n.id, `催阅 ${unread.length} 人：${names}`)
    return present(ctx, n)
  })
}
