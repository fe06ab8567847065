import type { AvailableAction } from '../../src/contract/common'
import { type BundleDetail, type BundlePartStatus, type SlotSuggestion } from '../../src/contract/requests'
import { routes } from '../../src/contract/routes'
import { addDays, cstDate, toIso } from '../../src/core/time'
import { isWorkday, OFFICE_PERIODS } from '../../src/core/workdays'
import type { BundleRequestRow, Db, NoticeRow, RequestRow, UserRow } from '../db'
import { bundleCatalogue, type BundleRow } from '../seed/bundles'
import { audit, checkVersion, nextId, requireUser, userById, visibleOr404, type Ctx, type Registry } from '../context'
import { fail, HttpError } from '../lib/errors'
import { closeWorkItem, openWorkItem, updateWorkItem } from '../lib/workitems'
import { openNoticeItems } from './notices'
import { checkSlot, checkValues, createRequest, dueFrom, escalateOverdue, FINISHED, HOLDING, itemOf, known, partHooks, statusWords, withdrawRequest } from './requests'

/**
 * 一件事: one form, one submission, several ordinary 零跑动 requests. Everything a submission needs is
 * checked before anything is written, so a refusal leaves no bundle and no part behind; the route's
 * idempotency key then covers the whole fan-out. Parts that depend on others are created (from values
 * checked at submission) when those are done.
 */

export const bundleLink = (id: string) => `/features/requests/pages/bundle/index?id=${id}`

const defsOf = (db: Db): BundleRow[] => db.bundleCatalogue ?? bundleCatalogue
const bundlesOf = (db: Db): BundleRequestRow[] => (db.bundles ??= [])
const defOf = (db: Db, id: string) => defsOf(db).find((b) => b.id === id)
const currentOf = (db: Db, p: BundleRequestRow['parts'][number]) => (p.requestIds.length ? db.requests.find((r) => r.id === p.requestIds[p.requestIds.length - 1]) : undefined)
const nameOfPart = (db: Db, def: BundleRow, key: string) => itemOf(db, def.parts.find((p) => p.key === key)?.itemId ?? '')?.name ?? key

/** What a part's item asks for, taken from the bundle's form (same key) or implied by the bundle. */
function partValues(db: Db, part: BundleRow['parts'][number], values: Record<string, string | number>): Record<string, string | number> {
  const item = itemOf(db, part.itemId)!
  const out: Record<string, string | number> = {}
  for (const f of item.fields) {
    if (f.prefill && f.prefill !== 'phone') continue
    const fixed = part.fixed?.[f.key]
    if (fixed !== undefined) out[f.key] = typeof fixed === 'string' ? fixed.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? '')) : fixed
    else if (values[f.key] !== undefined) out[f.key] = values[f.key]
  }
  return out
}

/** 参会人员 in the users' words: names from the directory, separated by 、，, or spaces. */
function resolveAttendees(db: Db, me: UserRow, text: string): string[] {
  const names = [...new Set(text.split(/[、，,;；\s]+/).map((n) => n.trim()).filter(Boolean))]
  const ids: string[] = []
  for (const name of names) {
    const found = db.users.filter((u) => u.kind === 'staff' && u.name === name)
    if (!found.length) fail('BAD_REQUEST', `通讯录里没有「${name}」，请核对参会人员的姓名`, { field: 'body.values.attendeeNames' })
    if (found.length > 1) fail('BAD_REQUEST', `通讯录里有 ${found.length} 位「${name}」，请联系办公室确认`, { field: 'body.values.attendeeNames' })
    if (found[0].id !== me.id) ids.push(found[0].id)
  }
  if (!ids.length) fail('BAD_REQUEST', '请填写至少一位参会人员（不含您自己）', { field: 'body.values.attendeeNames' })
  return ids
}

const taken = (db: Db, resourceId: string, start: number, end: number, ignore: Set<string>) =>
  db.requests.some((r) => !ignore.has(r.id) && HOLDING.has(r.status) && r.slot?.resourceId === resourceId && Date.parse(r.slot.start) < end && start < Date.parse(r.slot.end))

/**
 * The next free slots of the same length when the one asked for is taken: later on the same
 * resource (that day and the next two working days, in office hours), then other resources of the
 * same type at the time asked for.
 */
export function nextFreeSlots(db: Db, now: Date, wanted: { resourceId: string; start: string; end: string }, ignore = new Set<string>()): SlotSuggestion[] {
  const resource = db.resources.find((r) => r.id === wanted.resourceId)!
  const start = Date.parse(wanted.start)
  const length = Date.parse(wanted.end) - start
  const out: SlotSuggestion[] = []
  const add = (resourceId: string, s: number) => out.push({ resourceId, resourceName: db.resources.find((r) => r.id === resourceId)!.name, start: toIso(new Date(s)), end: toIso(new Date(s + length)) })
  let day = cstDate(new Date(start))
  for (let d = 0; d < 3 && out.length < 3; ) {
    if (isWorkday(day)) {
      for (const [from, to] of OFFICE_PERIODS) {
        for (let m = from; m + length / 60_000 <= to && out.length < 3; m += 30) {
          const s = Date.parse(`${day}T00:00:00+08:00`) + m * 60_000
          if (s <= start || s < now.getTime()) continue
          if (!taken(db, resource.id, s, s + length, ignore)) add(resource.id, s)
        }
      }
      d++
    }
    day = addDays(day, 1)
  }
  for (const other of db.resources) {
    if (other.type !== resource.type || other.id === resource.id || out.length >= 5) continue
    if (!taken(db, other.id, start, start + length, ignore)) add(other.id, start)
  }
  return out
}

/** checkSlot, but a clash answers with the next free slots, so the form can offer them without losing anything. */
function checkBundleSlot(ctx: Ctx, item: NonNullable<ReturnType<typeof itemOf>>, label: string, field: string, slot: { resourceId: string; start: string; end: string }, ignore: Set<string>, others: NonNullable<RequestRow['slot']>[]) {
  const s = Date.parse(slot.start)
  const e = Date.parse(slot.end)
  const resource = ctx.db.resources.find((r) => r.id === slot.resourceId && r.type === item.resourceType)
  if (resource && e > s && (taken(ctx.db, resource.id, s, e, ignore) || others.some((o) => o.resourceId === resource.id && Date.parse(o.start) < e && s < Date.parse(o.end)))) {
    const suggestions = nextFreeSlots(ctx.db, ctx.now, slot, ignore)
    throw new HttpError('INVALID_STATE', `${resource.name}在您选的时段已被预约，请改选${label}${suggestions.length ? '，下面是最近的空闲时段' : ''}；其他填写的内容都还在`, { field, suggestions })
  }
  try {
    return checkSlot(ctx.db, item, slot, ctx.now, null)
  } catch (err) {
    if (err instanceof HttpError && err.details?.field === 'body.slot') throw new HttpError(err.code, `${label}：${err.message}`, { ...err.details, field })
    throw err
  }
}

/** Each part's planned promise: its own, counted from when the parts before it are due (the longest path). */
function plan(db: Db, def: BundleRow, now: Date): Record<string, string> {
  const due: Record<string, string> = {}
  const visit = (key: string): string => {
    if (due[key]) return due[key]
    const part = def.parts.find((p) => p.key === key)!
    const startAt = part.after.map(visit).reduce((a, b) => (a > b ? a : b), toIso(now))
    due[key] = dueFrom(itemOf(db, part.itemId)!, new Date(startAt))
    return due[key]
  }
  for (const p of def.parts) visit(p.key)
  return due
}

// ---------------------------------------------------------------------------------------------
// following the parts

function startPart(ctx: Ctx, b: BundleRequestRow, key: string, action = '随「一件事」提交') {
  const def = defOf(ctx.db, b.bundleId)!
  const me = userById(ctx.db, b.applicantId)!
  const cfg = def.parts.find((p) => p.key === key)!
  const part = b.parts.find((p) => p.key === key)!
  const row = createRequest(ctx, me, itemOf(ctx.db, cfg.itemId)!, part.values, part.slot, { id: b.id, partKey: key }, action)
  part.requestIds.push(row.id)
  if (cfg.itemId === 'meeting-notice' && row.status === 'done') sendMeetingNotice(ctx, b, row)
}

/** 会议通知 goes out as a 工作通知 from the applicant, naming the room the bundle booked. */
function sendMeetingNotice(ctx: Ctx, b: BundleRequestRow, row: RequestRow) {
  const room = b.parts.map((p) => currentOf(ctx.db, p)).find((r) => r?.slot && ctx.db.resources.find((x) => x.id === r.slot!.resourceId)?.type === 'room')
  const roomName = ctx.db.resources.find((x) => x.id === room?.slot?.resourceId)?.name ?? ''
  const when = room?.slot ? `${room.slot.start.slice(5, 10).replace('-', '月')}日 ${room.slot.start.slice(11, 16)}–${room.slot.end.slice(11, 16)}` : ''
  const me = userById(ctx.db, b.applicantId)!
  const n: NoticeRow = {
    id: nextId(ctx.db, 'notice'),
    title: `会议通知：${String(b.values.title ?? '')}`.slice(0, 60),
    body: `定于${when}在${roomName}召开「${String(b.values.title ?? '')}」，请准时参加。联系人：${me.name}，${me.phone}。`,
    urgency: 'normal',
    deadline: null,
    senderId: me.id,
    createdAt: ctx.nowIso,
    version: 1,
    readers: b.attendeeIds.map((userId) => ({ userId, status: 'unread', readAt: null, opinion: null, urgedAt: null })),
    timeline: [{ at: ctx.nowIso, actorName: me.name, action: '发出通知', note: `会议保障一件事，发给 ${b.attendeeIds.length} 人` }],
  }
  ctx.db.notices.push(n)
  openNoticeItems(ctx, n)
  b.noticeId = n.id
  row.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `工作通知已发给 ${b.attendeeIds.length} 位参会人员`, note: null })
}

function statusOf(db: Db, b: BundleRequestRow): BundleRequestRow['status'] {
  if (b.status === 'withdrawn') return 'withdrawn'
  const current = b.parts.map((p) => currentOf(db, p))
  if (current.every((r) => r?.status === 'done')) return 'done'
  if (current.some((r) => r?.status === 'rejected')) return 'waiting_fix'
  return 'in_progress'
}

/** After any change to a part: start the parts now free to start, then settle the bundle's status. */
function sync(ctx: Ctx, b: BundleRequestRow) {
  if (b.status === 'withdrawn' || b.status === 'done') return
  const def = defOf(ctx.db, b.bundleId)!
  for (let moved = true; moved; ) {
    moved = false
    for (const cfg of def.parts) {
      const part = b.parts.find((p) => p.key === cfg.key)!
      if (part.requestIds.length || !cfg.after.every((k) => currentOf(ctx.db, b.parts.find((p) => p.key === k)!)?.status === 'done')) continue
      startPart(ctx, b, cfg.key, `「${cfg.after.map((k) => nameOfPart(ctx.db, def, k)).join('」「')}」办结后开始`)
      b.timeline.push({ at: ctx.nowIso, actorName: '系统', action: `「${nameOfPart(ctx.db, def, cfg.key)}」开始办理`, note: null })
      b.version++
      moved = true
    }
  }
  const status = statusOf(ctx.db, b)
  if (status !== b.status) {
    b.status = status
    b.version++
    if (status === 'done') {
      b.finishedAt = ctx.nowIso
      b.timeline.push({ at: ctx.nowIso, actorName: '系统', action: '全部事项办结', note: null })
    }
    if (status === 'waiting_fix') b.timeline.push({ at: ctx.nowIso, actorName: '系统', action: '有事项未批准，待修改后重新申请', note: null })
  }
  refreshBundleItem(ctx, b)
}

function progressWords(db: Db, b: BundleRequestRow): string {
  const parts = b.parts.map((p) => currentOf(db, p))
  const done = parts.filter((r) => r?.status === 'done').length
  if (b.status === 'done') return '全部事项已办结'
  if (b.status === 'withdrawn') return '已撤回'
  if (b.status === 'waiting_fix') return `有事项未批准，请修改后重新申请（已办结 ${done}/${parts.length}）`
  return `已办结 ${done}/${parts.length} 项`
}

function refreshBundleItem(ctx: Ctx, b: BundleRequestRow) {
  const w = ctx.db.workItems.find((x) => x.module === 'requests' && x.objectId === b.id && x.audience === 'initiator')
  if (!w) return
  updateWorkItem(ctx, w, { summary: progressWords(ctx.db, b), step: { in_progress: '办理中', waiting_fix: '待补正', done: '已办结', withdrawn: '已撤回' }[b.status] })
  if ((b.status === 'done' || b.status === 'withdrawn') && w.status === 'open') closeWorkItem(ctx, w)
}

// ---------------------------------------------------------------------------------------------
// what the applicant sees

const A = (key: string, label: string, opinion: AvailableAction['opinion'], opinionLabel: string | null, style: AvailableAction['style']): AvailableAction => ({ key, label, opinion, opinionLabel, style })

function actionsFor(ctx: Ctx, b: BundleRequestRow, me: UserRow): AvailableAction[] {
  if (b.applicantId !== me.id) return []
  const def = defOf(ctx.db, b.bundleId)!
  const out: AvailableAction[] = []
  if (b.status === 'waiting_fix') {
    for (const p of b.parts) if (currentOf(ctx.db, p)?.status === 'rejected') out.push(A(`reapply:${p.key}`, `修改后重新申请「${nameOfPart(ctx.db, def, p.key)}」`, 'none', null, 'primary'))
  }
  if (b.status === 'in_progress' || b.status === 'waiting_fix') out.push(A('withdraw', '撤回整件事', 'none', null, 'danger'))
  if (b.status === 'done' && !b.rating) out.push(A('rate', '评价', 'optional', '评价（可不填）', 'default'))
  return out
}

function noteFor(db: Db, def: BundleRow, b: BundleRequestRow, key: string, r: RequestRow | undefined): string | null {
  const cfg = def.parts.find((p) => p.key === key)!
  const dependents = def.parts.filter((p) => p.after.includes(key)).map((p) => `「${nameOfPart(db, def, p.key)}」`)
  if (!r) return b.status === 'withdrawn' ? '整件事已撤回，此项未开始' : `等${cfg.after.map((k) => `「${nameOfPart(db, def, k)}」`).join('')}办结后自动开始`
  if (r.status === 'rejected') {
    const why = [...r.timeline].reverse().find((t) => t.action === '不同意')?.note
    return `未批准${why ? `：${why}` : ''}。其他事项照常办理${dependents.length ? `；${dependents.join('')}要等此项办结后才开始` : ''}；请修改后重新申请此项，整件事才能办结`
  }
  if (r.status === 'returned') return '被退回修改：请打开此项，修改后重新提交，其他事项不受影响'
  return null
}

const hm = (iso: string) => `${iso.slice(5, 10).replace('-', '月')}日 ${iso.slice(11, 16)}`

function present(ctx: Ctx, b: BundleRequestRow): BundleDetail {
  const me = requireUser(ctx)
  const def = defOf(ctx.db, b.bundleId)!
  const applicant = userById(ctx.db, b.applicantId)
  const issued: BundleDetail['issued'] = []
  const parts = def.parts.map((cfg) => {
    const part = b.parts.find((p) => p.key === cfg.key)!
    const r = currentOf(ctx.db, part)
    const item = itemOf(ctx.db, cfg.itemId)!
    const step = r ? (r.status === 'pending' ? r.steps[r.stepIndex] : [...r.steps].reverse().find((s) => s.state !== 'waiting' && s.state !== 'skipped' && s.holderId)) : undefined
    const resource = ctx.db.resources.find((x) => x.id === r?.slot?.resourceId)
    if (r?.status === 'done') {
      const cert = r.certificateCode ? ctx.db.certificates.find((c) => c.code === r.certificateCode) : undefined
      if (cert) issued.push({ partName: item.name, kind: 'certificate', title: cert.title, detail: `核验码 ${cert.code}` })
      if (resource && r.slot) issued.push({ partName: item.name, kind: 'resource', title: resource.name, detail: `${hm(r.slot.start)}–${r.slot.end.slice(11, 16)}` })
      if (cfg.itemId === 'meeting-notice' && b.noticeId) {
        const n = ctx.db.notices.find((x) => x.id === b.noticeId)
        if (n) issued.push({ partName: item.name, kind: 'notice', title: n.title, detail: `已发给 ${n.readers.length} 人，已阅 ${n.readers.filter((x) => x.status !== 'unread').length} 人` })
      }
    }
    const status: BundlePartStatus = r ? r.status : b.status === 'withdrawn' ? 'withdrawn' : 'waiting'
    const dueAt = r?.dueAt ?? part.plannedDueAt
    return {
      key: cfg.key,
      itemId: cfg.itemId,
      name: item.name,
      requestId: r?.id ?? null,
      status,
      ownerName: step?.holderId ? (userById(ctx.db, step.holderId)?.name ?? null) : null,
      stepLabel: r ? (r.status === 'pending' ? statusWords(r) : null) : null,
      dueAt,
      overdue: r ? (r.finishedAt ? r.finishedAt > r.dueAt : ctx.nowIso > r.dueAt && !FINISHED.has(r.status)) : b.status !== 'withdrawn' && ctx.nowIso > dueAt,
      after: cfg.after.map((k) => nameOfPart(ctx.db, def, k)),
      note: noteFor(ctx.db, def, b, cfg.key, r),
      slot: r?.slot && resource ? { resourceName: resource.name, start: r.slot.start, end: r.slot.end } : null,
      earlier: part.requestIds.slice(0, -1),
    }
  })
  return {
    id: b.id,
    bundleId: b.bundleId,
    name: def.name,
    applicantId: b.applicantId,
    applicantName: applicant?.name ?? '',
    status: b.status,
    fields: def.fields.filter((f) => b.values[f.key] !== undefined && f.key !== 'phone').map((f) => ({ key: f.key, label: f.label, value: String(b.values[f.key]) })),
    values: b.applicantId === me.id ? b.values : {},
    parts,
    issued,
    submittedAt: b.submittedAt,
    dueAt: b.dueAt,
    finishedAt: b.finishedAt,
    overdue: b.finishedAt ? b.finishedAt > b.dueAt : b.status !== 'withdrawn' && ctx.nowIso > b.dueAt,
    rating: b.rating,
    version: b.version,
    availableActions: actionsFor(ctx, b, me),
    timeline: b.timeline,
  }
}

function findVisible(ctx: Ctx, id: string): BundleRequestRow {
  const me = requireUser(ctx)
  // only the applicant follows the whole bundle; each owner sees their own part as a request
  return visibleOr404(
    bundlesOf(ctx.db).find((b) => b.id === id),
    (b) => b.applicantId === me.id,
  )
}

// ---------------------------------------------------------------------------------------------

export function registerRequestBundles(r: Registry) {
  partHooks.changed = (ctx, row) => {
    const b = bundlesOf(ctx.db).find((x) => x.id === row.bundle?.id)
    if (b) sync(ctx, b)
  }

  r.on(routes.requests.bundles, (ctx) => {
    escalateOverdue(ctx)
    const me = requireUser(ctx)
    return {
      mine: bundlesOf(ctx.db)
        .filter((b) => b.applicantId === me.id)
        .slice(-20)
        .reverse()
        .map((b) => ({ id: b.id, name: defOf(ctx.db, b.bundleId)?.name ?? '', status: b.status, submittedAt: b.submittedAt, dueAt: b.dueAt, overdue: b.finishedAt ? b.finishedAt > b.dueAt : b.status !== 'withdrawn' && ctx.nowIso > b.dueAt })),
      bundles: defsOf(ctx.db).map((b) => ({
        ...b,
        parts: b.parts.map((p) => {
          const item = itemOf(ctx.db, p.itemId)!
          return { key: p.key, itemId: p.itemId, name: item.name, after: p.after.map((k) => nameOfPart(ctx.db, b, k)), approvers: item.guide.approvers, promiseText: item.guide.promise.text, slot: p.slot ?? null }
        }),
      })),
    }
  })

  r.on(routes.requests.bundleSubmit, (ctx, { body }) => {
    escalateOverdue(ctx)
    const me = requireUser(ctx)
    const def = defOf(ctx.db, body.bundleId) ?? fail('NOT_FOUND', '没有这件事，请从服务目录重新选择')
    const directory = known(ctx.db, me)
    // 1. everything is checked: the form, the attendees, every slot, every part's own rules
    const values = checkValues(def, body.values, ctx.nowIso, directory)
    const attendeeIds = def.fields.some((f) => f.key === 'attendeeNames') ? resolveAttendees(ctx.db, me, String(values.attendeeNames ?? '')) : []
    for (const key of Object.keys(body.slots ?? {})) if (!def.slots.some((s) => s.key === key)) fail('BAD_REQUEST', '这件事不需要选择这个时段，请刷新页面后重新填写', { field: `body.slots.${key}` })
    const chosen: NonNullable<RequestRow['slot']>[] = []
    const slots: Record<string, RequestRow['slot']> = {}
    for (const s of def.slots) {
      const input = body.slots?.[s.key] ?? fail('BAD_REQUEST', `请选择${s.label}`, { field: `body.slots.${s.key}` })
      const item = itemOf(ctx.db, def.parts.find((p) => p.slot === s.key)!.itemId)!
      const slot = checkBundleSlot(ctx, item, s.label, `body.slots.${s.key}`, input, new Set(), chosen)!
      chosen.push(slot)
      slots[s.key] = slot
    }
    const due = plan(ctx.db, def, ctx.now)
    const parts = def.parts.map((p) => ({
      key: p.key,
      values: checkValues(itemOf(ctx.db, p.itemId)!, partValues(ctx.db, p, values), ctx.nowIso, directory),
      slot: p.slot ? slots[p.slot] : null,
      requestIds: [] as string[],
      plannedDueAt: due[p.key],
    }))
    // 2. then written, all of it
    const b: BundleRequestRow = {
      id: nextId(ctx.db, 'bdl'),
      bundleId: def.id,
      applicantId: me.id,
      values,
      parts,
      attendeeIds,
      noticeId: null,
      status: 'in_progress',
      submittedAt: ctx.nowIso,
      dueAt: Object.values(due).reduce((a, c) => (a > c ? a : c)),
      finishedAt: null,
      rating: null,
      version: 1,
      timeline: [{ at: ctx.nowIso, actorName: me.name, action: '一次申报', note: `${def.parts.length} 个事项` }],
    }
    bundlesOf(ctx.db).push(b)
    openWorkItem(ctx, { module: 'requests', objectType: 'request_bundle', objectId: b.id, title: `${def.name}${values.title ? `：${String(values.title)}` : ''}`.slice(0, 60), summary: '已提交', step: '办理中', audience: 'initiator', assigneeId: me.id, initiatorId: me.id, deadline: b.dueAt, link: bundleLink(b.id) })
    for (const p of def.parts) if (!p.after.length) startPart(ctx, b, p.key)
    sync(ctx, b)
    audit(ctx, 'bundle.submit', 'request_bundle', b.id, `一次申报「${def.name}」，${def.parts.length} 个事项`)
    return present(ctx, b)
  })

  r.on(routes.requests.bundleGet, (ctx, { params }) => {
    escalateOverdue(ctx)
    return present(ctx, findVisible(ctx, params.id))
  })

  r.on(routes.requests.bundleAct, (ctx, { params, body }) => {
    escalateOverdue(ctx)
    const me = requireUser(ctx)
    const b = findVisible(ctx, params.id)
    const def = defOf(ctx.db, b.bundleId)!
    const key = body.action === 'reapply' ? `reapply:${body.partKey ?? ''}` : body.action
    const offered = actionsFor(ctx, b, me).find((a) => a.key === key)
    if (!offered) {
      const open = b.status === 'in_progress' || b.status === 'waiting_fix'
      if (open && b.version !== body.version) fail('VERSION_CONFLICT')
      if (body.action === 'reapply' && open) fail('INVALID_STATE', body.partKey && def.parts.some((p) => p.key === body.partKey) ? '这一项没有被拒绝，不需要重新申请' : '没有这个事项，请刷新页面')
      fail('INVALID_STATE', b.status === 'done' ? (body.action === 'rate' ? '这件事已经评价过了' : '这件事已经全部办结') : b.status === 'withdrawn' ? '这件事已经撤回' : '整件事全部办结后才能评价')
    }
    checkVersion(b.version, body.version)
    const opinion = body.opinion?.trim() || null
    switch (body.action) {
      case 'withdraw': {
        // every part still open is withdrawn with it; parts not yet started never start
        let count = 0
        for (const p of b.parts) {
          const r = currentOf(ctx.db, p)
          if (r && !FINISHED.has(r.status)) {
            withdrawRequest(ctx, r, me, '随「一件事」撤回')
            count++
          }
        }
        b.status = 'withdrawn'
        b.finishedAt = ctx.nowIso
        b.timeline.push({ at: ctx.nowIso, actorName: me.name, action: '撤回整件事', note: count ? `撤回了 ${count} 个未办结的事项` : null })
        refreshBundleItem(ctx, b)
        audit(ctx, 'bundle.withdraw', 'request_bundle', b.id, `撤回「${def.name}」，${count} 个未办结的事项一并撤回`)
        break
      }
      case 'reapply': {
        const cfg = def.parts.find((p) => p.key === body.partKey)!
        const part = b.parts.find((p) => p.key === cfg.key)!
        const item = itemOf(ctx.db, cfg.itemId)!
        // what is sent replaces what the part had; the rest of its answers stay
        const values = checkValues(item, { ...part.values, ...body.values }, ctx.nowIso, known(ctx.db, me))
        const slotKey = cfg.slot
        const input = body.slot ?? part.slot ?? undefined
        if (!slotKey && body.slot) fail('BAD_REQUEST', '这一项不需要选择时段', { field: 'body.slot' })
        const slot = slotKey ? checkBundleSlot(ctx, item, def.slots.find((s) => s.key === slotKey)!.label, 'body.slot', input!, new Set(), []) : null
        part.values = values
        part.slot = slot
        startPart(ctx, b, cfg.key, '修改后重新申请')
        b.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `修改后重新申请「${item.name}」`, note: null })
        b.status = 'in_progress'
        sync(ctx, b)
        audit(ctx, 'bundle.reapply', 'request_bundle', b.id, `重新申请「${item.name}」`)
        break
      }
      case 'rate': {
        if (!body.stars) fail('BAD_REQUEST', '请选择评分（1–5 星）', { field: 'body.stars' })
        b.rating = { stars: body.stars!, comment: opinion }
        b.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `评价 ${body.stars} 星`, note: opinion })
        audit(ctx, 'bundle.rate', 'request_bundle', b.id, `评价 ${body.stars} 星`)
        break
      }
    }
    b.version++
    return present(ctx, b)
  })
}

