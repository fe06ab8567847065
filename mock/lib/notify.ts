import { moduleLabels, type ModuleName, type Urgency } from '../../src/contract/common'
import type { Message, OutboxEntry, QuietSettings, SubscribeTemplate } from '../../src/contract/notifications'
import { findUnmaskedPersonalData, maskIdNumber, maskPhone } from '../../src/core/mask'
import { addDays, cstAt, cstDate, cstParts, parseIso, toIso } from '../../src/core/time'
import { isWorkday, OFFICE_PERIODS, workingMinutesBetween } from '../../src/core/workdays'
import type { Db, UserRow } from '../db'

/**
 * The one way anything tells a person: a module emits an event, this file decides recipients' channel,
 * content and time. Staff get WeCom app messages (msgtype miniprogram_notice), residents WeChat one-time
 * subscription messages; everyone gets an in-app 消息 at once. Outside office hours (the working-day
 * calendar of src/core/workdays.ts, narrowed by the person's own setting) only 特急 — a red 妇联 case is
 * 特急 — goes out; the rest waits for the next office hour and goes out as one digest per person.
 */
export type NotifyKind = 'task' | 'urge' | 'supervision_order' | 'deadline_near' | 'referral' | 'red_case' | 'appointment' | 'outcome' | 'message'

export interface NotifyEvent {
  kind: NotifyKind
  module: ModuleName
  /** what makes two emits one event: a person is never told twice about the same key */
  key: string
  recipientIds: string[]
  /** the item's title (never shown to residents) */
  subject: string
  /** the step waiting for the person, e.g. 核稿 */
  step: string
  /** the page that lands on the item with its actions */
  link: string
  urgency?: Urgency
  deadline?: string | null
  /** who caused it, for the staff message */
  from?: string
}

export const OFFICE_START = '09:00'
export const OFFICE_END = '18:00'
/** WeCom's duplicate check window (seconds; its default is 1800, at most 4 h) */
export const WECOM_DUPLICATE_WINDOW = 1800
const WECOM_TITLE = { min: 4, max: 12 }
const WECOM_ROWS = 10

const titles: Record<NotifyKind, string> = {
  task: '待办提醒',
  urge: '催办提醒',
  supervision_order: '督办通知',
  deadline_near: '时限将到',
  referral: '转办待签收',
  red_case: '红色预警',
  appointment: '预约提醒',
  outcome: '办理结果',
  message: '新消息',
}

const residentTemplate = (kind: NotifyKind): SubscribeTemplate => (kind === 'appointment' ? 'appointment' : kind === 'outcome' ? 'progress' : 'message')
/** What a resident is told: the kind of thing, never a case's subject or a dispute's details. */
const residentTitle: Record<SubscribeTemplate, string> = { appointment: '您有一个预约提醒', progress: '您的事项有了新进展', message: '您有一条新消息' }

interface MessageRow extends Message {
  userId: string
  eventKey: string
}
interface PendingRow {
  userId: string
  dueAt: string
  key: string
  kind: NotifyKind
  module: ModuleName
  subject: string
  step: string
  link: string
  overdue: boolean
}
export interface NotifyTables {
  messages: MessageRow[]
  pending: PendingRow[]
  outbox: OutboxEntry[]
  /** `${eventKey}|${userId}` of everything already told */
  told: Record<string, true>
  settings: Record<string, QuietSettings>
  /** resident → template → one-time subscriptions left */
  subscriptions: Record<string, Partial<Record<SubscribeTemplate, number>>>
  seq: number
  /** the instant timed events were last looked at (a frozen clock looks once) */
  lastTick?: string
}

type DbWithNotify = Db & { notify?: NotifyTables }

/** Lazily there: databases saved before notifications existed simply start with none. */
export function notifyTables(db: Db): NotifyTables {
  const d = db as DbWithNotify
  if (!d.notify) d.notify = { messages: [], pending: [], outbox: [], told: {}, settings: {}, subscriptions: {}, seq: 0 }
  return d.notify
}

const nextSeq = (t: NotifyTables, prefix: string) => `${prefix}-${String(++t.seq).padStart(4, '0')}`
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export function quietSettingsOf(db: Db, userId: string): QuietSettings {
  return notifyTables(db).settings[userId] ?? { sendFrom: OFFICE_START, sendUntil: OFFICE_END }
}

/** A person's window can only be narrowed inside office hours; anything else is clamped to them. */
export function clampSettings(s: QuietSettings): QuietSettings {
  const lo = minutes(OFFICE_START)
  const hi = minutes(OFFICE_END)
  const from = Math.min(Math.max(minutes(s.sendFrom), lo), hi - 60)
  const until = Math.max(Math.min(minutes(s.sendUntil), hi), from + 60)
  const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return { sendFrom: fmt(from), sendUntil: fmt(until) }
}

/** The windows of one working day in which this person may be told, as [start, end) minutes. */
function windowsOf(s: QuietSettings): [number, number][] {
  const from = minutes(s.sendFrom)
  const until = minutes(s.sendUntil)
  return OFFICE_PERIODS.map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, until)]).filter(([a, b]) => a < b)
}

export function mayTellNow(at: Date, s: QuietSettings): boolean {
  if (!isWorkday(at)) return false
  const p = cstParts(at)
  const m = p.hour * 60 + p.minute
  return windowsOf(s).some(([a, b]) => m >= a && m < b)
}

/** The next instant at which this person may be told (at itself when it is inside a window). */
export function nextTellTime(at: Date, s: QuietSettings): Date {
  if (mayTellNow(at, s)) return at
  let day = cstDate(at)
  for (let guard = 0; guard < 60; guard++, day = addDays(day, 1)) {
    if (!isWorkday(day)) continue
    for (const [a] of windowsOf(s)) {
      const start = cstAt(day, 0, a)
      if (start.getTime() > at.getTime()) return start
    }
  }
  throw new Error('no office hour in the next 60 days')
}

/** Staff messages must not carry a phone or ID number in clear, whatever a module put in a title. */
function scrub(s: string): string {
  return s.replace(/\d{17}[\dXx]/g, (m) => maskIdNumber(m)).replace(/1[3-9]\d{9}/g, (m) => maskPhone(m))
}
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)
const shortTime = (iso: string) => {
  const p = cstParts(parseIso(iso) ?? new Date(0))
  return `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

export interface NotifyCtx {
  db: Db
  nowIso: string
}

/** Every module's one entry. Returns how many people were told now (tests read the outbox instead). */
export function emit(ctx: NotifyCtx, e: NotifyEvent): void {
  const t = notifyTables(ctx.db)
  flushDue(ctx)
  const now = parseIso(ctx.nowIso)!
  const exempt = e.urgency === 'very_urgent' || e.kind === 'red_case'
  for (const userId of new Set(e.recipientIds)) {
    const toldKey = `${e.key}|${userId}`
    if (t.told[toldKey]) continue
    const user = ctx.db.users.find((u) => u.id === userId)
    if (!user) continue
    t.told[toldKey] = true
    const resident = user.kind === 'resident'
    const template = residentTemplate(e.kind)
    t.messages.push({
      id: nextSeq(t, 'msg'),
      userId,
      eventKey: e.key,
      title: resident ? residentTitle[template] : `${titles[e.kind]}：${scrub(e.subject)}`,
      body: resident ? '请进入小程序查看' : scrub([moduleLabels[e.module], e.step, e.from ? `来自${e.from}` : ''].filter(Boolean).join(' · ')),
      link: e.link,
      module: resident ? null : e.module,
      urgent: e.urgency === 'very_urgent',
      read: false,
      createdAt: ctx.nowIso,
    })
    const overdue = !!e.deadline && e.deadline < ctx.nowIso
    const pending: PendingRow = { userId, dueAt: ctx.nowIso, key: e.key, kind: e.kind, module: e.module, subject: e.subject, step: e.step, link: e.link, overdue }
    if (exempt || mayTellNow(now, quietSettingsOf(ctx.db, userId))) send(ctx, user, [pending])
    else t.pending.push({ ...pending, dueAt: toIso(nextTellTime(now, quietSettingsOf(ctx.db, userId))) })
  }
}

/** Deferred messages whose hour has come go out, one digest per person. Called on every emit and read. */
export function flushDue(ctx: NotifyCtx): void {
  const t = notifyTables(ctx.db)
  const due = t.pending.filter((p) => p.dueAt <= ctx.nowIso)
  if (!due.length) return
  t.pending = t.pending.filter((p) => p.dueAt > ctx.nowIso)
  const byUser = new Map<string, PendingRow[]>()
  for (const p of due) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p])
  for (const [userId, rows] of byUser) {
    const user = ctx.db.users.find((u) => u.id === userId)
    if (user) send(ctx, user, rows)
  }
}

/** One message out: a single event as itself, several as a digest that replaces them. */
function send(ctx: NotifyCtx, user: UserRow, rows: PendingRow[]) {
  const t = notifyTables(ctx.db)
  const digest = rows.length > 1
  const base = { id: nextSeq(t, 'out'), at: ctx.nowIso, recipientId: user.id, kind: digest ? ('digest' as const) : ('single' as const), events: rows.map((r) => r.key) }
  if (user.kind === 'resident') {
    const template = digest ? 'message' : residentTemplate(rows[0].kind)
    const left = t.subscriptions[user.id]?.[template] ?? 0
    const title = digest ? `您有 ${rows.length} 条新消息` : residentTitle[template]
    const page = digest ? '/features/messages/pages/index/index' : rows[0].link
    if (left > 0) t.subscriptions[user.id]![template] = left - 1
    t.outbox.push({
      ...base,
      channel: 'wechat',
      status: left > 0 ? 'sent' : 'no_subscription',
      wecom: null,
      wechat: { template, page, data: { thing1: { value: title }, time2: { value: shortTime(ctx.nowIso) }, thing3: { value: '请进入小程序查看' } } },
    })
    return
  }
  const overdue = rows.filter((r) => r.overdue).length
  const title = digest ? '待办汇总' : titles[rows[0].kind]
  if (title.length < WECOM_TITLE.min || title.length > WECOM_TITLE.max) throw new Error(`WeCom title "${title}" must be 4–12 characters`)
  const contentItem = digest
    ? [
        { key: '合计', value: `您有 ${rows.length} 件待办${overdue ? `，其中 ${overdue} 件逾期` : ''}` },
        ...rows.slice(0, rows.length > WECOM_ROWS - 1 ? WECOM_ROWS - 2 : WECOM_ROWS - 1).map((r) => ({ key: clip(r.step || titles[r.kind], 10), value: clip(scrub(r.subject), 30) })),
        ...(rows.length > WECOM_ROWS - 1 ? [{ key: '更多', value: `另有 ${rows.length - (WECOM_ROWS - 2)} 件，请进入工作台查看` }] : []),
      ]
    : [
        { key: '事项', value: clip(scrub(rows[0].subject), 30) },
        { key: '环节', value: rows[0].step || titles[rows[0].kind] },
        { key: '模块', value: moduleLabels[rows[0].module] },
        ...(rows[0].overdue ? [{ key: '时限', value: '已逾期' }] : []),
      ]
  const entry: OutboxEntry = {
    ...base,
    channel: 'wecom',
    status: 'sent',
    wechat: null,
    wecom: {
      title,
      description: shortTime(ctx.nowIso),
      page: digest ? '/features/workbench/pages/index/index' : rows[0].link,
      emphasisFirstItem: digest,
      contentItem,
      enableDuplicateCheck: true,
      duplicateCheckInterval: WECOM_DUPLICATE_WINDOW,
    },
  }
  const leak = findUnmaskedPersonalData(JSON.stringify(entry.wecom))
  if (leak) throw new Error(`a staff message would carry personal data in clear: ${leak}`)
  t.outbox.push(entry)
}

/** What a resident accepted in requestSubscribeMessage: each acceptance allows one message of that template. */
export function addSubscriptions(db: Db, userId: string, accepted: SubscribeTemplate[]) {
  const t = notifyTables(db)
  const mine = (t.subscriptions[userId] ??= {})
  for (const k of accepted) mine[k] = (mine[k] ?? 0) + 1
  return { ...mine } as Record<string, number>
}

export function messagesOf(db: Db, userId: string): MessageRow[] {
  return notifyTables(db).messages.filter((m) => m.userId === userId)
}

export function unreadOf(db: Db, userId: string): number {
  return messagesOf(db, userId).filter((m) => !m.read).length
}

/** How close a deadline is, in working minutes, when its holder is told it is near. */
export const DEADLINE_NEAR_WORK_MINUTES = 120

/**
 * Time-driven events, looked at whenever a request arrives (the mock's clock only matters then; the real
 * BFF runs the same rule as a scheduled job): deferred messages whose hour has come go out, and every open
 * task whose deadline is within DEADLINE_NEAR_WORK_MINUTES working minutes tells its holder once
 * ("临近时限"). Quiet hours apply as to any event: near a deadline at 18:30 means told at 09:00.
 */
const timers: ((ctx: NotifyCtx) => void)[] = []

/** A module's own time-driven events (调解's reminder the day before), looked at with the deadlines. */
export function onTick(check: (ctx: NotifyCtx) => void): void {
  if (!timers.includes(check)) timers.push(check)
}

export function tickTimers(ctx: NotifyCtx & { requestId?: string }): void {
  if (ctx.requestId === 'seed') return
  const t = notifyTables(ctx.db)
  if (t.lastTick === ctx.nowIso) return
  t.lastTick = ctx.nowIso
  flushDue(ctx)
  const now = parseIso(ctx.nowIso)
  if (!now) return
  for (const w of ctx.db.workItems) {
    if (w.status !== 'open' || w.audience !== 'assignee' || !w.deadline || w.deadline <= ctx.nowIso) continue
    const key = `${w.id}|near`
    if (t.told[`${key}|${w.assigneeId}`]) continue
    const due = parseIso(w.deadline)
    if (!due || workingMinutesBetween(now, due) > DEADLINE_NEAR_WORK_MINUTES) continue
    emit(ctx, { kind: 'deadline_near', module: w.module, key, recipientIds: [w.assigneeId], subject: w.title, step: w.step, link: w.link, urgency: w.urgency, deadline: w.deadline })
  }
  for (const check of timers) check(ctx)
}
