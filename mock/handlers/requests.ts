import type { AvailableAction } from '../../src/contract/common'
import { requestStatusLabels, resourceTypeLabels, type RequestAction, type RequestDetail } from '../../src/contract/requests'
import type { RouteArgs } from '../../src/contract/route'
import { routes } from '../../src/contract/routes'
import { maskIdNumber, maskName } from '../../src/core/mask'
import { cstDate, toIso } from '../../src/core/time'
import { addWorkingMinutes, dueAfterWorkdays, workingMinutesBetween } from '../../src/core/workdays'
import type { Db, RequestRow, UserRow } from '../db'
import type { CatalogueRow } from '../seed/catalogue'
import { audit, checkVersion, deptName, nextId, requireUser, SYSTEM_ACTOR, userById, visibleOr404, type Ctx, type Registry } from '../context'
import { fail } from '../lib/errors'
import { headOf } from '../lib/org'
import { sha256Hex } from '../lib/hash'
import { paginate } from '../lib/paging'
import { closeWorkItem, openWorkItem, updateWorkItem, urgeWorkItem } from '../lib/workitems'

/** A step must have waited this long (office time) before the applicant may chase it, and between chases. */
export const URGE_AFTER_MINUTES = 120
/** The cc item a holder's head gets when a promise runs out. */
const ESCALATION_STEP = '超时督办'
/** Statuses whose booking keeps the resource taken. */
export const HOLDING = new Set(['pending', 'returned', 'approved', 'in_use', 'done'])
export const FINISHED = new Set(['done', 'rejected', 'withdrawn'])

export const requestLink = (id: string) => `/features/requests/pages/detail/index?id=${id}`

export const itemOf = (db: Db, id: string) => db.catalogue.find((c) => c.id === id)

// ---------------------------------------------------------------------------------------------
// who holds a step

function resolveHolder(db: Db, step: CatalogueRow['chain'][number], applicant: UserRow, slot: RequestRow['slot']): string | null {
  if (step.kind === 'dept_head') return headOf(db, applicant.deptId, applicant.id)?.id ?? null
  if (step.kind === 'resource_owner') return db.resources.find((r) => r.id === slot?.resourceId)?.ownerId ?? null
  return db.users.find((u) => u.deptId === step.deptId && u.roles.includes(step.role) && u.id !== applicant.id)?.id ?? null
}

// ---------------------------------------------------------------------------------------------
// the form: values checked against the item's own field definitions

/** What the directory knows about a person (三不提交): never asked for, never taken from the form. */
export function known(db: Db, me: UserRow): Record<NonNullable<CatalogueRow['fields'][number]['prefill']>, string> {
  return { name: me.name, deptName: deptName(db, me.deptId) ?? '', position: me.position ?? '', phone: me.phone }
}

export function checkValues(item: Pick<CatalogueRow, 'id' | 'fields'>, input: Record<string, string | number>, nowIso: string, directory: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  // identity comes from the directory, not from the form; a different contact phone may be given
  const values: Record<string, string | number> = { ...input }
  for (const f of item.fields) {
    if (f.prefill && (f.prefill !== 'phone' || values[f.key] === undefined || values[f.key] === '')) values[f.key] = directory[f.prefill]
  }
  const bad = (field: string, message: string): never => fail('BAD_REQUEST', message, { field: `body.values.${field}` })
  for (const key of Object.keys(values)) if (!item.fields.some((f) => f.key === key)) bad(key, '表单中有本事项不需要的内容，请刷新页面后重新填写')
  for (const f of item.fields) {
    const raw = values[f.key]
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')
    if (empty) {
      if (f.required) bad(f.key, `请填写「${f.label}」`)
      continue
    }
    if (f.type === 'number') {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim())
      if (!Number.isInteger(n)) bad(f.key, `「${f.label}」应填写整数`)
      if (f.min !== null && n < f.min) bad(f.key, `「${f.label}」不能少于 ${f.min}`)
      if (f.max !== null && n > f.max) bad(f.key, `「${f.label}」不能多于 ${f.max}`)
      out[f.key] = n
      continue
    }
    const text = String(raw).trim()
    if (f.type === 'date') {
      // Date.parse lets 2027-02-30 through (as 2027-03-02): the day must read back as written
      const day = Date.parse(`${text}T00:00:00+08:00`)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(day) || cstDate(new Date(day)) !== text) bad(f.key, `「${f.label}」日期格式不对`)
    } else if (f.type === 'select') {
      if (!f.options?.includes(text)) bad(f.key, `请从列表中选择「${f.label}」`)
    } else if (f.max !== null && text.length > f.max) {
      bad(f.key, `「${f.label}」不能超过 ${f.max} 个字`)
    }
    out[f.key] = text
  }
  if (typeof out.start === 'string' && typeof out.end === 'string') {
    if (out.end < out.start) bad('end', '「结束日期」不能早于「开始日期」')
    if (item.id === 'trip' && out.start < cstDate(new Date(nowIso))) bad('start', '「开始日期」不能早于今天，外出要先报备')
  }
  return out
}

export function checkSlot(db: Db, item: CatalogueRow, slot: RequestRow['slot'] | undefined, now: Date, ignoreRequestId: string | null): RequestRow['slot'] {
  if (!item.resourceType) {
    if (slot) fail('BAD_REQUEST', '本事项不需要选择时段', { field: 'body.slot' })
    return null
  }
  if (!slot) return fail('BAD_REQUEST', `请选择${resourceTypeLabels[item.resourceType]}和时段`, { field: 'body.slot' })
  const resource = db.resources.find((r) => r.id === slot.resourceId && r.type === item.resourceType)
  if (!resource) fail('BAD_REQUEST', '所选资源不存在，请重新选择', { field: 'body.slot' })
  const start = Date.parse(slot.start)
  const end = Date.parse(slot.end)
  if (!(end > start)) fail('BAD_REQUEST', '结束时间要晚于开始时间', { field: 'body.slot' })
  if (start < now.getTime()) fail('BAD_REQUEST', '不能预约已经过去的时间', { field: 'body.slot' })
  if (cstDate(new Date(start)) !== cstDate(new Date(end - 1))) fail('BAD_REQUEST', '一次只能预约同一天内的时段', { field: 'body.slot' })
  if (item.maxSlotHours && end - start > item.maxSlotHours * 3600_000) fail('BAD_REQUEST', `一次最多预约 ${item.maxSlotHours} 小时`, { field: 'body.slot' })
  const clash = db.requests.find(
    (r) => r.id !== ignoreRequestId && HOLDING.has(r.status) && r.slot?.resourceId === slot.resourceId && Date.parse(r.slot.start) < end && start < Date.parse(r.slot.end),
  )
  if (clash) {
    const who = userById(db, clash.applicantId)
    fail('INVALID_STATE', `${resource!.name}在 ${toIso(new Date(Date.parse(clash.slot!.start))).slice(11, 16)}–${toIso(new Date(Date.parse(clash.slot!.end))).slice(11, 16)} 已被${who ? maskName(who.name) : '他人'}预约，请换个时段或资源`, { field: 'body.slot' })
  }
  return { resourceId: slot.resourceId, start: toIso(new Date(start)), end: toIso(new Date(end)) }
}

export function dueFrom(item: CatalogueRow, from: Date): string {
  const p = item.guide.promise
  return toIso(p.unit === 'hour' ? addWorkingMinutes(from, p.amount * 60) : dueAfterWorkdays(from, p.amount))
}

// ---------------------------------------------------------------------------------------------
// inbox items follow the request

function openItems(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow) {
  return ctx.db.workItems.filter((w) => w.module === 'requests' && w.objectId === r.id && w.status === 'open')
}

function itemBase(db: Db, r: RequestRow) {
  const item = itemOf(db, r.itemId)!
  const applicant = userById(db, r.applicantId)
  return {
    module: 'requests' as const,
    objectType: 'request',
    objectId: r.id,
    title: `${item.name}：${String(r.values.title ?? r.values.reason ?? r.values.purpose ?? r.values.kind ?? applicant?.name ?? '')}`.slice(0, 60),
    initiatorId: r.applicantId,
    urgency: 'normal' as const,
    deadline: r.dueAt,
    link: requestLink(r.id),
  }
}

function openStepItem(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow) {
  const step = r.steps[r.stepIndex]
  if (!step?.holderId) return
  const applicant = userById(ctx.db, r.applicantId)
  openWorkItem(ctx, { ...itemBase(ctx.db, r), summary: `${applicant?.name ?? ''}的申请，待您${step.label}`, step: step.label, audience: 'assignee', assigneeId: step.holderId })
}

function closeItemsFor(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow, who: (w: { audience: string; assigneeId: string }) => boolean, outcome?: (w: { assigneeId: string }) => string | undefined) {
  for (const w of openItems(ctx, r)) if (who(w)) closeWorkItem(ctx, w, outcome?.(w))
}

function refreshApplicantItem(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow, summary: string) {
  const w = ctx.db.workItems.find((x) => x.module === 'requests' && x.objectId === r.id && x.audience === 'initiator')
  if (!w) return
  updateWorkItem(ctx, w, { summary, step: statusWords(r) })
  if (FINISHED.has(r.status) && w.status === 'open') closeWorkItem(ctx, w)
}

export function statusWords(r: RequestRow): string {
  if (r.status === 'pending') return r.steps[r.stepIndex]?.label ?? '审批中'
  return requestStatusLabels[r.status]
}

// ---------------------------------------------------------------------------------------------
// transitions

function startChain(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow, from: number) {
  const next = r.steps.findIndex((s, i) => i >= from && s.state !== 'skipped' && s.state !== 'approved')
  if (next === -1) return finishApproval(ctx, r)
  r.stepIndex = next
  r.steps[next].state = 'current'
  r.steps[next].since = ctx.nowIso
  r.status = 'pending'
  openStepItem(ctx, r)
}

function finishApproval(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow) {
  const item = itemOf(ctx.db, r.itemId)!
  if (item.confirmAfterUse) {
    r.status = 'in_use'
    const owner = ctx.db.resources.find((x) => x.id === r.slot?.resourceId)?.ownerId
    if (owner) openWorkItem(ctx, { ...itemBase(ctx.db, r), summary: '用印后请登记', step: '用印登记', audience: 'assignee', assigneeId: owner })
    return
  }
  if (item.issuesCertificate) issueCertificate(ctx, r, item)
  r.status = 'done'
  r.finishedAt = ctx.nowIso
}

function issueCertificate(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow, item: CatalogueRow) {
  const holder = userById(ctx.db, r.applicantId)!
  const code = sha256Hex(`${r.id}|${r.submittedAt}|${ctx.nowIso}`).slice(0, 12).toUpperCase()
  const title = item.id === 'income-cert' ? '收入证明' : '在职证明'
  const dept = deptName(ctx.db, holder.deptId) ?? ''
  const idText = holder.idNumber ? `（身份证号 ${maskIdNumber(holder.idNumber)}）` : ''
  const body =
    item.id === 'income-cert'
      ? `兹证明 ${holder.name}${idText}系${dept}${holder.position ?? '工作人员'}，其收入情况以工资系统记录为准，可凭核验码 ${code} 向本单位核实。用途：${r.values.purpose}。特此证明。`
      : `兹证明 ${holder.name}${idText}系${dept}${holder.position ?? '工作人员'}，现在职在岗。用途：${r.values.purpose}。特此证明。`
  ctx.db.certificates.push({ code, requestId: r.id, holderId: holder.id, title, body, issuer: '深圳市宝安区人力资源局', issuedAt: ctx.nowIso })
  r.certificateCode = code
}

function releaseAll(ctx: Pick<Ctx, 'db' | 'nowIso'>, r: RequestRow, actorId?: string, outcome?: string, others?: string) {
  closeItemsFor(ctx, r, (w) => w.audience === 'assignee', (w) => (w.assigneeId === actorId ? outcome : others))
}

/**
 * When a promise runs out, the step is escalated once to its holder's head (催办), with no one asking:
 * the audit names the system as the actor. Runs before every 零跑动 call, so time passing is enough.
 */
export function escalateOverdue(ctx: Ctx) {
  for (const r of ctx.db.requests) {
    if (r.status !== 'pending' || r.escalatedAt || r.dueAt > ctx.nowIso) continue
    const holder = userById(ctx.db, r.steps[r.stepIndex]?.holderId ?? '')
    const head = holder ? headOf(ctx.db, holder.deptId, holder.id) : undefined
    r.escalatedAt = ctx.nowIso
    for (const w of openItems(ctx, r)) if (w.audience === 'assignee') urgeWorkItem(ctx, w)
    if (head) {
      openWorkItem(ctx, { ...itemBase(ctx.db, r), summary: `${holder?.name ?? ''}处超过承诺时限未办，请督促`, step: ESCALATION_STEP, audience: 'cc', assigneeId: head.id, tags: ['urge'] })
    }
    r.version++
    r.timeline.push({ at: ctx.nowIso, actorName: SYSTEM_ACTOR.name, action: '超时提醒', note: head ? `已超过承诺时限，已提醒${head.name}督促` : '已超过承诺时限' })
    audit(ctx, 'request.escalate', 'request', r.id, `超过承诺时限，升级提醒${head ? ` ${head.name}` : ''}`, SYSTEM_ACTOR)
  }
}

// ---------------------------------------------------------------------------------------------
// what this person may do now

const A = (key: RequestAction | 'resubmit', label: string, opinion: AvailableAction['opinion'], opinionLabel: string | null, style: AvailableAction['style']): AvailableAction => ({ key, label, opinion, opinionLabel, style })

function canSee(db: Db, r: RequestRow, me: UserRow): boolean {
  if (r.applicantId === me.id) return true
  if (r.steps.some((s) => s.holderId === me.id && s.state !== 'waiting')) return true
  if (db.workItems.some((w) => w.module === 'requests' && w.objectId === r.id && w.assigneeId === me.id)) return true
  return false
}

function actionsFor(ctx: Ctx, r: RequestRow, me: UserRow): AvailableAction[] {
  const out: AvailableAction[] = []
  const step = r.steps[r.stepIndex]
  const holder = r.status === 'pending' && step?.holderId === me.id
  const applicant = r.applicantId === me.id
  if (holder) {
    out.push(A('approve', '同意', 'optional', '审批意见（可不填）', 'primary'))
    out.push(A('return', '退回修改', 'required', '退回理由', 'default'))
    out.push(A('reject', '不同意', 'required', '不同意的理由', 'danger'))
    out.push(A('transfer', '转办', 'optional', '转办说明（可不填）', 'default'))
  }
  // a part of a 一件事 is withdrawn and rated with its bundle, never on its own
  const single = !r.bundle
  if (single && applicant && r.status === 'pending' && r.steps.every((s) => s.state !== 'approved')) out.push(A('withdraw', '撤回', 'none', null, 'default'))
  if (applicant && r.status === 'pending' && urgeAllowed(ctx, r)) out.push(A('urge', '催办', 'optional', '催办留言（可不填）', 'default'))
  if (applicant && r.status === 'returned') out.push(A('resubmit', '修改后重新提交', 'none', null, 'primary'))
  if (single && applicant && r.status === 'returned') out.push(A('withdraw', '撤回', 'none', null, 'default'))
  if (r.status === 'in_use' && ctx.db.resources.find((x) => x.id === r.slot?.resourceId)?.ownerId === me.id) out.push(A('confirm_use', '用印登记', 'optional', '用印情况（可不填）', 'primary'))
  if (single && applicant && r.status === 'done' && !r.rating) out.push(A('rate', '评价', 'optional', '评价（可不填）', 'default'))
  return out
}

function urgeAllowed(ctx: Ctx, r: RequestRow): boolean {
  const since = r.steps[r.stepIndex]?.since
  if (!since) return false
  const waited = workingMinutesBetween(new Date(since), ctx.now)
  const sinceUrge = r.lastUrgedAt ? workingMinutesBetween(new Date(r.lastUrgedAt), ctx.now) : Infinity
  return waited >= URGE_AFTER_MINUTES && sinceUrge >= URGE_AFTER_MINUTES
}

function present(ctx: Ctx, r: RequestRow): RequestDetail {
  const me = requireUser(ctx)
  const item = itemOf(ctx.db, r.itemId)!
  const applicant = userById(ctx.db, r.applicantId)
  const resource = ctx.db.resources.find((x) => x.id === r.slot?.resourceId)
  const cert = r.certificateCode ? ctx.db.certificates.find((c) => c.code === r.certificateCode) : undefined
  const showValue = (v: string | number | undefined) => (v === undefined ? '' : String(v))
  return {
    id: r.id,
    itemId: r.itemId,
    itemName: item.name,
    applicantId: r.applicantId,
    applicantName: applicant?.name ?? '',
    applicantDeptName: deptName(ctx.db, applicant?.deptId ?? null) ?? '',
    status: r.status,
    fields: item.fields.filter((f) => r.values[f.key] !== undefined && f.key !== 'phone').map((f) => ({ key: f.key, label: f.label, value: showValue(r.values[f.key]) })),
    values: r.applicantId === me.id ? r.values : {},
    slot: r.slot && resource ? { ...r.slot, resourceName: resource.name } : null,
    chain: r.steps.map((s) => ({ label: s.label, holderName: s.holderId ? (userById(ctx.db, s.holderId)?.name ?? null) : null, state: s.state })),
    submittedAt: r.submittedAt,
    dueAt: r.dueAt,
    finishedAt: r.finishedAt,
    overdue: r.finishedAt ? r.finishedAt > r.dueAt : ctx.nowIso > r.dueAt && !FINISHED.has(r.status),
    certificate: cert && r.applicantId === me.id ? { code: cert.code, title: cert.title, body: cert.body, issuedAt: cert.issuedAt, issuer: cert.issuer } : null,
    rating: r.rating,
    version: r.version,
    availableActions: actionsFor(ctx, r, me),
    timeline: r.timeline,
  }
}

function findVisible(ctx: Ctx, id: string): RequestRow {
  const me = requireUser(ctx)
  return visibleOr404(
    ctx.db.requests.find((r) => r.id === id),
    (r) => canSee(ctx.db, r, me),
  )
}

// ---------------------------------------------------------------------------------------------

/**
 * A new request, with its chain started. Everything about it must have been checked: a 一件事 creates
 * several at once (and some later), and none of them may fail half-way. A part gets no 我发起的 item of
 * its own: the applicant follows the bundle.
 */
export function createRequest(ctx: Ctx, me: UserRow, item: CatalogueRow, values: RequestRow['values'], slot: RequestRow['slot'], bundle: RequestRow['bundle'] | null, submitAction = '提交申请'): RequestRow {
  const row: RequestRow = {
    id: nextId(ctx.db, 'req'),
    itemId: item.id,
    applicantId: me.id,
    values,
    slot,
    status: 'pending',
    steps: item.chain.map((s) => {
      const holderId = resolveHolder(ctx.db, s, me, slot)
      return { label: s.label, kind: s.kind, holderId, state: holderId && holderId !== me.id ? 'waiting' : 'skipped', since: null }
    }),
    stepIndex: 0,
    submittedAt: ctx.nowIso,
    dueAt: dueFrom(item, ctx.now),
    finishedAt: null,
    escalatedAt: null,
    lastUrgedAt: null,
    certificateCode: null,
    rating: null,
    version: 1,
    timeline: [{ at: ctx.nowIso, actorName: me.name, action: submitAction, note: null }],
    ...(bundle ? { bundle } : {}),
  }
  ctx.db.requests.push(row)
  if (!bundle) openWorkItem(ctx, { ...itemBase(ctx.db, row), summary: '已提交', step: '审批中', audience: 'initiator', assigneeId: me.id, tags: [] })
  startChain(ctx, row, 0)
  refreshApplicantItem(ctx, row, row.status === 'done' ? '已办结' : `等待${row.steps[row.stepIndex]?.label ?? '办理'}`)
  return row
}

/** 撤回 of one request: the applicant's own, or every open part of a withdrawn 一件事. */
export function withdrawRequest(ctx: Ctx, row: RequestRow, me: UserRow, note: string) {
  row.status = 'withdrawn'
  row.finishedAt = ctx.nowIso
  for (const s of row.steps) if (s.state === 'current') s.state = 'waiting'
  releaseAll(ctx, row, me.id, '您已撤回', '申请人已撤回')
  for (const w of openItems(ctx, row)) if (w.audience === 'cc' && w.step === ESCALATION_STEP) closeWorkItem(ctx, w)
  row.timeline.push({ at: ctx.nowIso, actorName: me.name, action: note, note: null })
  row.version++
  refreshApplicantItem(ctx, row, statusWords(row))
}

/** How a 一件事 hears that one of its parts moved (set by request-bundles.ts, which owns the bundles). */
export const partHooks: { changed: (ctx: Ctx, row: RequestRow) => void } = { changed: () => undefined }

/** 提交: a single request from the catalogue (a 一件事 creates its parts through createRequest). */
export function submitRequest(ctx: Ctx, { body }: RouteArgs<typeof routes.requests.submit>): RequestDetail {
  escalateOverdue(ctx)
  const me = requireUser(ctx)
  const item = itemOf(ctx.db, body.itemId) ?? fail('NOT_FOUND', '没有这个事项，请从服务目录重新选择')
  if (item.standalone === false) fail('NOT_FOUND', '这个事项只在「一件事」中一并申请，请从服务目录的「一件事」进入')
  const values = checkValues(item, body.values, ctx.nowIso, known(ctx.db, me))
  const slot = checkSlot(ctx.db, item, body.slot, ctx.now, null)
  const row = createRequest(ctx, me, item, values, slot, null)
  audit(ctx, 'request.submit', 'request', row.id, `提交「${item.name}」申请`)
  return present(ctx, row)
}

/** One step on a request: 同意, 退回, 不同意, 撤回, 转办, 催办, 用印登记, 评价. */
export function actOnRequest(ctx: Ctx, { params, body }: RouteArgs<typeof routes.requests.act>): RequestDetail {
  escalateOverdue(ctx)
  const me = requireUser(ctx)
  const row = findVisible(ctx, params.id)
  const offered = actionsFor(ctx, row, me).find((a) => a.key === body.action)
  if (!offered && body.action === 'urge' && row.applicantId === me.id && row.status === 'pending' && row.version === body.version) {
    fail('INVALID_STATE', `当前步骤等待满 ${URGE_AFTER_MINUTES / 60} 个工作小时后才能催办，两次催办也要间隔 ${URGE_AFTER_MINUTES / 60} 个工作小时`)
  }
  if (!offered) {
    const stillOpen = !FINISHED.has(row.status)
    fail(stillOpen && row.version !== body.version ? 'VERSION_CONFLICT' : stillOpen ? 'FORBIDDEN' : 'INVALID_STATE', stillOpen && row.version === body.version ? '您现在不能进行这个操作' : undefined)
  }
  checkVersion(row.version, body.version)
  const opinion = body.opinion?.trim() || null
  if (offered!.opinion === 'required' && !opinion) fail('BAD_REQUEST', `请填写${offered!.opinionLabel}`, { field: 'body.opinion' })
  const step = row.steps[row.stepIndex]
  const stepBefore = row.stepIndex
  const note = (text: string) => row.timeline.push({ at: ctx.nowIso, actorName: me.name, action: text, note: opinion })

  switch (body.action) {
    case 'approve': {
      step.state = 'approved'
      closeItemsFor(ctx, row, (w) => w.audience === 'assignee' && w.assigneeId === me.id, () => '您已同意')
      note(step.label.replace(/审批|审核|确认|知悉|派车$/, '') + '同意')
      startChain(ctx, row, row.stepIndex + 1)
      audit(ctx, 'request.approve', 'request', row.id, `${step.label}：同意${opinion ? `，${opinion}` : ''}`)
      break
    }
    case 'reject': {
      row.status = 'rejected'
      row.finishedAt = ctx.nowIso
      releaseAll(ctx, row, me.id, '您已不同意')
      note('不同意')
      audit(ctx, 'request.reject', 'request', row.id, `${step.label}：不同意，${opinion}`)
      break
    }
    case 'return': {
      row.status = 'returned'
      step.state = 'waiting'
      releaseAll(ctx, row, me.id, '您已退回修改')
      openWorkItem(ctx, { ...itemBase(ctx.db, row), summary: `${me.name}退回：${opinion}`, step: '退回修改', audience: 'assignee', assigneeId: row.applicantId, tags: ['todo', 'returned'] })
      note('退回修改')
      audit(ctx, 'request.return', 'request', row.id, `${step.label}：退回修改，${opinion}`)
      break
    }
    case 'withdraw': {
      row.status = 'withdrawn'
      row.finishedAt = ctx.nowIso
      for (const s of row.steps) if (s.state === 'current') s.state = 'waiting'
      releaseAll(ctx, row, me.id, '您已撤回', '申请人已撤回')
      note('撤回申请')
      audit(ctx, 'request.withdraw', 'request', row.id, '申请人撤回')
      break
    }
    case 'transfer': {
      const to = userById(ctx.db, body.toUserId ?? '') ?? fail('BAD_REQUEST', '请选择转办给谁', { field: 'body.toUserId' })
      if (to.kind !== 'staff' || to.id === me.id || to.id === row.applicantId) fail('BAD_REQUEST', '不能转办给这个人，请重新选择', { field: 'body.toUserId' })
      if (to.deptId !== me.deptId) fail('BAD_REQUEST', '只能转办给本单位的同事', { field: 'body.toUserId' })
      closeItemsFor(ctx, row, (w) => w.audience === 'assignee' && w.assigneeId === me.id, () => `您已转办给${to.name}`)
      step.holderId = to.id
      step.since = ctx.nowIso
      openStepItem(ctx, row)
      row.timeline.push({ at: ctx.nowIso, actorName: me.name, action: `转办给${to.name}`, note: opinion })
      audit(ctx, 'request.transfer', 'request', row.id, `${step.label}：转办给 ${to.name}`)
      break
    }
    case 'urge': {
      row.lastUrgedAt = ctx.nowIso
      for (const w of openItems(ctx, row)) if (w.audience === 'assignee' && w.assigneeId === step.holderId) urgeWorkItem(ctx, w)
      note(`催办${userById(ctx.db, step.holderId ?? '')?.name ?? ''}`)
      audit(ctx, 'request.urge', 'request', row.id, `催办 ${step.label}`)
      break
    }
    case 'confirm_use': {
      row.status = 'done'
      row.finishedAt = ctx.nowIso
      closeItemsFor(ctx, row, (w) => w.audience === 'assignee' && w.assigneeId === me.id, () => '您已用印登记')
      note('用印登记')
      audit(ctx, 'request.confirm_use', 'request', row.id, `用印登记${opinion ? `：${opinion}` : ''}`)
      break
    }
    case 'rate': {
      if (!body.stars) fail('BAD_REQUEST', '请选择评分（1–5 星）', { field: 'body.stars' })
      row.rating = { stars: body.stars!, comment: opinion }
      note(`评价 ${body.stars} 星`)
      audit(ctx, 'request.rate', 'request', row.id, `评价 ${body.stars} 星`)
      break
    }
  }
  // the head was asked to chase a step that has now moved on: nothing is left to chase
  if (row.status !== 'pending' || row.stepIndex !== stepBefore || body.action === 'transfer') {
    for (const w of openItems(ctx, row)) if (w.audience === 'cc' && w.step === ESCALATION_STEP) closeWorkItem(ctx, w)
  }
  row.version++
  refreshApplicantItem(ctx, row, statusWords(row))
  if (row.bundle) partHooks.changed(ctx, row)
  return present(ctx, row)
}

/** 修改后重新提交 of a returned request: the chain restarts at the step that returned it. */
export function resubmitRequest(ctx: Ctx, { params, body }: RouteArgs<typeof routes.requests.resubmit>): RequestDetail {
  escalateOverdue(ctx)
  const me = requireUser(ctx)
  const row = findVisible(ctx, params.id)
  if (row.applicantId !== me.id) fail('FORBIDDEN', '只有申请人可以修改后重新提交')
  if (row.status !== 'returned') fail('INVALID_STATE', '只有被退回的申请可以修改后重新提交')
  checkVersion(row.version, body.version)
  const item = itemOf(ctx.db, row.itemId)!
  // everything is checked before anything changes: a refused resubmit leaves the request as it was
  const values = checkValues(item, body.values, ctx.nowIso, known(ctx.db, me))
  const slot = checkSlot(ctx.db, item, body.slot ?? (row.slot ? { resourceId: row.slot.resourceId, start: row.slot.start, end: row.slot.end } : undefined), ctx.now, row.id)
  // compared once normalised: a slot left out, or sent again in another notation, is the same slot
  const slotChanged = JSON.stringify(slot) !== JSON.stringify(row.slot)
  row.values = values
  row.slot = slot
  closeItemsFor(ctx, row, (w) => w.audience === 'assignee' && w.assigneeId === me.id, () => '您已修改后重新提交')
  // the chain restarts at the step that returned it; a new slot also needs its owner's word again,
  // and the owner is whoever keeps the resource now chosen
  const from = slotChanged ? Math.min(row.stepIndex, Math.max(0, row.steps.findIndex((s) => s.kind === 'resource_owner'))) : row.stepIndex
  if (slotChanged) {
    for (const s of row.steps) {
      if (s.kind !== 'resource_owner') continue
      s.holderId = resolveHolder(ctx.db, { kind: 'resource_owner', label: s.label }, me, slot)
      s.state = s.holderId && s.holderId !== me.id ? 'waiting' : 'skipped'
    }
  }
  row.dueAt = dueFrom(item, ctx.now)
  row.escalatedAt = null
  row.timeline.push({ at: ctx.nowIso, actorName: me.name, action: '修改后重新提交', note: null })
  startChain(ctx, row, from)
  row.version++
  refreshApplicantItem(ctx, row, statusWords(row))
  audit(ctx, 'request.resubmit', 'request', row.id, '修改后重新提交')
  if (row.bundle) partHooks.changed(ctx, row)
  return present(ctx, row)
}

export function registerRequests(r: Registry) {
  r.on(routes.requests.catalogue, (ctx) => {
    escalateOverdue(ctx)
    return { items: ctx.db.catalogue.filter((c) => c.standalone !== false).map(({ maxSlotHours: _m, standalone: _s, ...c }) => ({ ...c, chain: c.chain.map((s) => ({ kind: s.kind, label: s.label })) })) }
  })

  r.on(routes.requests.prefill, (ctx, { params }) => {
    const me = requireUser(ctx)
    const item = itemOf(ctx.db, params.id) ?? fail('NOT_FOUND', '没有这个事项')
    const directory = known(ctx.db, me)
    // the person's own phone, to themselves: prefilled so they never type it (三不提交)
    return { values: Object.fromEntries(item.fields.filter((f) => f.prefill).map((f) => [f.key, directory[f.prefill!]])) }
  })

  r.on(routes.requests.resources, (ctx, { query }) => {
    escalateOverdue(ctx)
    const dayStart = Date.parse(`${query.date}T00:00:00+08:00`)
    const dayEnd = dayStart + 86400_000
    return {
      resources: ctx.db.resources
        .filter((x) => x.type === query.type)
        .map((x) => ({
          id: x.id,
          type: x.type,
          name: x.name,
          location: x.location,
          capacity: x.capacity,
          ownerName: userById(ctx.db, x.ownerId)?.name ?? '',
          busy: ctx.db.requests
            .filter((q) => HOLDING.has(q.status) && q.slot?.resourceId === x.id && Date.parse(q.slot.start) < dayEnd && dayStart < Date.parse(q.slot.end))
            .sort((a, b) => (a.slot!.start < b.slot!.start ? -1 : 1))
            .map((q) => ({ start: q.slot!.start, end: q.slot!.end, title: `${itemOf(ctx.db, q.itemId)?.name === '会议室预约' ? String(q.values.title ?? '') : '已预约'}` })),
        })),
    }
  })

  r.on(routes.requests.submit, submitRequest)

  r.on(routes.requests.get, (ctx, { params }) => {
    escalateOverdue(ctx)
    return present(ctx, findVisible(ctx, params.id))
  })

  r.on(routes.requests.mine, (ctx, { query }) => {
    escalateOverdue(ctx)
    const me = requireUser(ctx)
    const rows = ctx.db.requests
      .filter((x) => x.applicantId === me.id && !x.bundle)
      .slice()
      .reverse()
      .map((x) => ({ id: x.id, itemName: itemOf(ctx.db, x.itemId)?.name ?? '', status: x.status, submittedAt: x.submittedAt, dueAt: x.dueAt, overdue: x.finishedAt ? x.finishedAt > x.dueAt : ctx.nowIso > x.dueAt && !FINISHED.has(x.status) }))
    return paginate(rows, query.cursor, query.limit ?? 20)
  })

  r.on(routes.requests.act, actOnRequest)

  r.on(routes.requests.resubmit, resubmitRequest)

  r.on(routes.requests.verifyCertificate, (ctx, { params }) => {
    const cert = ctx.db.certificates.find((c) => c.code === params.code) ?? fail('NOT_FOUND', '没有查到这个核验码，证明可能是伪造的，请向开具单位核实')
    const holder = userById(ctx.db, cert.holderId)
    return { valid: true, title: cert.title, holderName: holder ? maskName(holder.name) : '', issuer: cert.issuer, issuedAt: cert.issuedAt }
  })

  r.on(routes.requests.stats, (ctx) => {
    escalateOverdue(ctx)
    return {
      // an item offered only inside a 一件事 shows once it has been asked for
      items: ctx.db.catalogue
        .filter((c) => c.standalone !== false || ctx.db.requests.some((x) => x.itemId === c.id))
        .map((c) => ({ itemId: c.id, itemName: c.name, ...timing(ctx.db.requests.filter((x) => x.itemId === c.id)) })),
      bundles: (ctx.db.bundleCatalogue ?? []).map((b) => ({ bundleId: b.id, name: b.name, ...timing((ctx.db.bundles ?? []).filter((x) => x.bundleId === b.id)) })),
    }
  })
}

/** count, finished, median working hours, on-time share, average stars: of requests, or of bundles */
export function timing(rows: { status: string; submittedAt: string; finishedAt: string | null; dueAt: string; rating: { stars: number } | null }[]) {
  const finished = rows.filter((x) => x.status === 'done' && x.finishedAt)
  const hours = finished.map((x) => workingMinutesBetween(new Date(x.submittedAt), new Date(x.finishedAt!)) / 60).sort((a, b) => a - b)
  const median = hours.length ? (hours.length % 2 ? hours[(hours.length - 1) / 2] : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2) : null
  const rated = rows.filter((x) => x.rating)
  return {
    count: rows.length,
    finished: finished.length,
    medianHours: median === null ? null : Math.round(median * 10) / 10,
    onTimeRate: finished.length ? Math.round((finished.filter((x) => x.finishedAt! <= x.dueAt).length / finished.length) * 100) / 100 : null,
    averageStars: rated.length ? Math.round((rated.reduce((s, x) => s + x.rating!.stars, 0) / rated.length) * 10) / 10 : null,
  }
}
