import { modelSeed } from '../support/model-seed'
import * as fc from 'fast-check'
import { routes } from '../../src/contract/routes'
import { bundleActions, requestActions, type BundleAction, type RequestAction } from '../../src/contract/requests'
import { addDays, cstDate, toIso } from '../../src/core/time'
import { verifyAudit } from '../../mock/lib/audit'
import type { BundleRequestRow, RequestRow } from '../../mock/db'
import { errorOf, filedRequests, testBff } from '../support/bff'

/**
 * Model-based: random sequences of actions by random people (applicants, approvers, resource keepers,
 * outsiders) against a fresh mock BFF, with the clock moving on. After every step the invariants of
 * 零跑动 must hold, whatever was asked and whatever was refused. 一件事 bundles take part in the same
 * sequences: their parts are ordinary requests, so every invariant of a request holds for a part too,
 * and no part outlives its bundle, a done bundle has every part done.
 *
 *   REQUESTS_MODEL_RUNS=20000 npx jest test/unit/requests-model.test.ts   a longer run
 *   REQUESTS_MODEL_SEED=… REQUESTS_MODEL_PATH=…                          replay a failure fast-check printed
 */

const RUNS = Number(process.env.REQUESTS_MODEL_RUNS ?? 1000)
/** a fresh seed each run, printed with any failure (fast-check's counterexample, or the coverage check below) */
const SEED = modelSeed('REQUESTS_MODEL_SEED', 20261125)
const PATH = process.env.REQUESTS_MODEL_PATH
const MAX_STEPS = 20

type T = ReturnType<typeof testBff>

const APPLICANTS = ['u-handler-01', 'u-handler-02', 'u-staff-06', 'u-fed-01', 'u-clerk-01', 'u-office-01', 'u-head-02', 'u-hr-01']
const APPROVERS = ['u-head-02', 'u-head-03', 'u-hr-01', 'u-office-01', 'u-clerk-01', 'u-staff-13', 'u-staff-04', 'u-leader-01']
const OUTSIDERS = ['u-super-02', 'u-staff-12', 'u-clerk-02']
const EVERYONE = [...new Set([...APPLICANTS, ...APPROVERS, ...OUTSIDERS])]
/** for transfers: colleagues, strangers, a resident, nobody */
const TRANSFER_TARGETS = ['u-staff-06', 'u-clerk-02', 'u-partner-civil-01', 'u-staff-15', 'u-staff-13', 'u-staff-05', 'u-head-03', 'r-resident-01', 'u-nobody']
/** every item; the seal twice, as its 用印登记 comes only after two approvals */
const ITEMS = ['seal', 'seal', 'car', 'room', 'leave', 'employment-cert', 'income-cert', 'supplies', 'trip']
const RESOURCES = ['room-1-301', 'room-1-502', 'car-b1', 'car-b2', 'seal-gov']
const FINISHED = new Set(['done', 'rejected', 'withdrawn'])
const HOLDING = new Set(['pending', 'returned', 'approved', 'in_use', 'done'])
const ALLOWED_STATUS = new Set([200, 400, 403, 404, 409])
/** meeting and outing book resources; departure has a chain of three */
const BUNDLES = ['meeting', 'outing', 'departure', 'meeting', 'onboarding']
const ATTENDEES = ['吴振宇', '刘思远', '谢婉婷', '袁静', '黄雅婷']

// ---------------------------------------------------------------------------------------------
// actions, as plain descriptors

type SlotPick = { res: number; day: number; start: number; len: number }
type Action =
  | { kind: 'submit'; who: number; item: number; slot: SlotPick; values: number; bad: number }
  | { kind: 'act'; req: number; action: RequestAction; smart: boolean; who: number; reason: boolean; stars: number | null; to: number; stale: boolean; part?: boolean }
  | { kind: 'resubmit'; req: number; smart: boolean; who: number; slot: SlotPick | null; values: number; bad: number; stale: boolean }
  | { kind: 'look'; req: number; who: number }
  | { kind: 'clock'; minutes: number }
  | { kind: 'bundle'; who: number; bundle: number; room: SlotPick; car: SlotPick; values: number; bad: number }
  | { kind: 'bundleAct'; bundle: number; action: BundleAction; smart: boolean; who: number; stale: boolean; stars: number; values: number; bad: number }

const slotPick = fc.record({ res: fc.nat(), day: fc.nat(2), start: fc.nat(19), len: fc.integer({ min: 1, max: 9 }) })
/** 0 = valid; otherwise one kind of bad input (about one in eight) */
const badness = fc.oneof({ weight: 7, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) })

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('submit' as const), who: fc.nat(), item: fc.nat(), slot: slotPick, values: fc.nat(), bad: badness }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      req: fc.nat(),
      action: fc.oneof(
        { weight: 6, arbitrary: fc.constant<RequestAction>('approve') },
        { weight: 3, arbitrary: fc.constantFrom<RequestAction>('return', 'confirm_use', 'rate', 'urge') },
        { weight: 1, arbitrary: fc.constantFrom<RequestAction>(...requestActions) },
      ),
      smart: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      who: fc.nat(),
      reason: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      stars: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 6 }),
      to: fc.nat(),
      stale: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
  // the owner of a bundle's part acts on it: mostly approves, sometimes refuses (so bundles finish, and re-apply)
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      req: fc.nat(),
      action: fc.constantFrom<RequestAction>('approve', 'approve', 'reject'),
      smart: fc.constant(true),
      who: fc.nat(),
      reason: fc.constant(true),
      stars: fc.constant(null),
      to: fc.nat(),
      stale: fc.constant(false),
      part: fc.constant(true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('resubmit' as const),
      req: fc.nat(),
      smart: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      who: fc.nat(),
      slot: fc.option(slotPick, { freq: 2 }),
      values: fc.nat(),
      bad: badness,
      stale: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('look' as const), req: fc.nat(), who: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bundle' as const), who: fc.nat(), bundle: fc.nat(), room: slotPick, car: slotPick, values: fc.nat(), bad: badness }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('bundleAct' as const),
      bundle: fc.nat(),
      action: fc.constantFrom<BundleAction>('withdraw', 'reapply', 'reapply', 'rate', 'rate'),
      smart: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      who: fc.nat(),
      stale: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      stars: fc.integer({ min: 0, max: 5 }),
      values: fc.nat(),
      bad: badness,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('clock' as const),
      minutes: fc.oneof(fc.integer({ min: 5, max: 240 }), fc.constantFrom(60, 120, 121, 600, 1440, 4320)),
    }),
  },
)

// ---------------------------------------------------------------------------------------------
// turning descriptors into requests

const pick = <X>(list: readonly X[], n: number): X => list[n % list.length]

function slotFor(t: T, p: SlotPick, resourceId: string) {
  const day = addDays(cstDate(t.now), p.day)
  const start = new Date(Date.parse(`${day}T08:00:00+08:00`) + p.start * 30 * 60_000)
  const end = new Date(start.getTime() + p.len * 30 * 60_000)
  return { resourceId, start: toIso(start), end: toIso(end) }
}

/** Valid values for an item, varied by `n`; `bad` spoils one of them in one of seven ways. */
function valuesFor(t: T, itemId: string, n: number, bad: number, fields = t.db.catalogue.find((c) => c.id === itemId)!.fields): Record<string, string | number> {
  const item = { fields }
  const today = cstDate(t.now)
  const out: Record<string, string | number> = {}
  let k = n
  const next = (m: number) => {
    const r = k % m
    k = Math.floor(k / m) + 7
    return r
  }
  const start = addDays(today, next(4))
  for (const f of item.fields) {
    if (f.prefill) {
      if (f.prefill === 'phone' && next(5) === 0) out.phone = '0755-27771234'
      continue
    }
    if (!f.required && next(2) === 0) continue
    if (f.type === 'select') out[f.key] = pick(f.options!, next(f.options!.length))
    else if (f.type === 'number') out[f.key] = f.min! + next(f.max! - f.min! + 1)
    else if (f.type === 'date') out[f.key] = f.key === 'end' ? addDays(start, next(3)) : start
    else if (f.key === 'attendeeNames') out[f.key] = [pick(ATTENDEES, next(5)), pick(ATTENDEES, next(5))].join('、')
    else out[f.key] = '因工作需要办理'.slice(0, 1 + next(Math.min(f.max ?? 7, 7)))
  }
  const textField = item.fields.find((f) => !f.prefill && (f.type === 'text' || f.type === 'textarea'))
  const numberField = item.fields.find((f) => f.type === 'number')
  const selectField = item.fields.find((f) => f.type === 'select')
  const requiredField = item.fields.find((f) => !f.prefill && f.required)
  switch (bad) {
    case 1:
      if (textField) out[textField.key] = '长'.repeat((textField.max ?? 50) + 1)
      break
    case 2:
      out.salary = 9000
      break
    case 3:
      if (numberField) out[numberField.key] = (numberField.max ?? 0) + 1
      break
    case 4:
      if (selectField) out[selectField.key] = '不在列表中'
      break
    case 5:
      if (requiredField) delete out[requiredField.key]
      break
    case 6:
      if (out.start) out.start = addDays(today, -2)
      break
    case 7:
      if (out.start) out.start = '2027-02-30'
      break
  }
  return out
}

/** Moves the clock; sessions are stretched as if people signed in again the next morning. */
function advance(t: T, minutes: number) {
  const now = new Date(t.now.getTime() + minutes * 60_000)
  t.setNow(now)
  for (const s of t.db.sessions) if (Date.parse(s.expiresAt) < now.getTime() + 3600_000) s.expiresAt = toIso(new Date(now.getTime() + 12 * 3600_000))
}

function smartActor(t: T, row: RequestRow, action: RequestAction | 'resubmit'): string {
  if (action === 'approve' || action === 'reject' || action === 'return' || action === 'transfer') return row.steps[row.stepIndex]?.holderId ?? row.applicantId
  if (action === 'confirm_use') return t.db.resources.find((r) => r.id === row.slot?.resourceId)?.ownerId ?? row.applicantId
  return row.applicantId
}

function transferTarget(t: T, row: RequestRow, a: Extract<Action, { kind: 'act' }>): string {
  if (!a.smart || a.to % 4 === 0) return pick(TRANSFER_TARGETS, a.to)
  const holder = t.db.users.find((u) => u.id === row.steps[row.stepIndex]?.holderId)
  const colleagues = t.db.users.filter((u) => u.kind === 'staff' && u.deptId === holder?.deptId && u.id !== holder?.id && u.id !== row.applicantId)
  return colleagues.length ? pick(colleagues, a.to).id : pick(TRANSFER_TARGETS, a.to)
}

interface Call {
  status: number
  body: unknown
  mutating: boolean
  caller: string | null
  target: string | null
  action: RequestAction | 'submit' | 'resubmit' | 'look' | 'clock' | 'bundle' | `bundle_${BundleAction}`
}

const bundles = (t: T): BundleRequestRow[] => t.db.bundles ?? []
/**
 * The requests the sequence filed itself. The seeded month (done, late, open, returned) is there too and
 * every invariant is checked on it as well, but the sequence acts on its own requests, as it did when
 * the table started empty.
 */
const own = filedRequests
const currentPart = (t: T, p: BundleRequestRow['parts'][number]) => t.db.requests.find((r) => r.id === p.requestIds.at(-1))

async function perform(t: T, a: Action): Promise<Call> {
  const rows = own(t)
  switch (a.kind) {
    case 'clock':
      advance(t, a.minutes)
      return { status: 200, body: null, mutating: false, caller: null, target: null, action: 'clock' }
    case 'submit': {
      const who = pick(APPLICANTS, a.who)
      const itemId = pick(ITEMS, a.item)
      const item = t.db.catalogue.find((c) => c.id === itemId)!
      const ofType = RESOURCES.filter((r) => t.db.resources.find((x) => x.id === r)?.type === item.resourceType)
      const resourceId = a.bad === 3 || !ofType.length ? pick(RESOURCES, a.slot.res) : pick(ofType, a.slot.res)
      const withSlot = item.resourceType ? a.bad !== 5 || a.slot.res % 2 === 0 : a.bad === 2 && a.slot.res % 2 === 0
      const body = { itemId, values: valuesFor(t, itemId, a.values, a.bad), ...(withSlot ? { slot: slotFor(t, a.slot, resourceId) } : {}) }
      const res = await t.as(who, routes.requests.submit, { body })
      return { ...res, mutating: true, caller: who, target: null, action: 'submit' }
    }
    case 'act': {
      // a smart actor mostly acts on a request in a state where the action could apply
      const fits = rows.filter((r) => r.status === (a.action === 'confirm_use' ? 'in_use' : a.action === 'rate' ? 'done' : 'pending') && (!a.part || r.bundle))
      const row = a.smart && fits.length && a.req % 5 !== 0 ? pick(fits, a.req) : rows.length ? pick(rows, a.req) : undefined
      const id = row?.id ?? 'req-999'
      const who = row && a.smart ? smartActor(t, row, a.action) : pick(EVERYONE, a.who)
      const version = (row?.version ?? 1) + (a.stale ? -1 : 0)
      const body = {
        action: a.action,
        version,
        ...(a.reason ? { opinion: a.action === 'reject' || a.action === 'return' ? '材料不全，请补充' : '请尽快办理' } : {}),
        ...(a.action === 'transfer' && row ? { toUserId: transferTarget(t, row, a) } : {}),
        ...(a.action === 'rate' && a.stars !== null ? { stars: a.smart ? 1 + (a.stars % 5) : a.stars } : {}),
      }
      const res = await t.as(who, routes.requests.act, { params: { id }, body })
      return { ...res, mutating: true, caller: who, target: row?.id ?? null, action: a.action }
    }
    case 'resubmit': {
      const returned = rows.filter((r) => r.status === 'returned')
      const row = a.smart && returned.length ? pick(returned, a.req) : rows.length ? pick(rows, a.req) : undefined
      const id = row?.id ?? 'req-999'
      const who = row && a.smart ? row.applicantId : pick(EVERYONE, a.who)
      const itemId = row?.itemId ?? 'trip'
      const slot = a.slot && row?.slot ? slotFor(t, a.slot, a.slot.res % 3 === 0 ? pick(RESOURCES, a.slot.res) : row.slot.resourceId) : undefined
      const body = { version: (row?.version ?? 1) + (a.stale ? 1 : 0), values: valuesFor(t, itemId, a.values, a.bad), ...(slot ? { slot } : {}) }
      const res = await t.as(who, routes.requests.resubmit, { params: { id }, body })
      return { ...res, mutating: true, caller: who, target: row?.id ?? null, action: 'resubmit' }
    }
    case 'bundle': {
      const who = pick(APPLICANTS, a.who)
      const def = t.db.bundleCatalogue!.find((b) => b.id === pick(BUNDLES, a.bundle))!
      const pickFor = (type: string, p: SlotPick) => {
        const ofType = RESOURCES.filter((r) => t.db.resources.find((x) => x.id === r)?.type === type)
        return slotFor(t, p, a.bad === 3 ? pick(RESOURCES, p.res) : pick(ofType, p.res))
      }
      const slots = Object.fromEntries(def.slots.filter((s) => a.bad !== 5 || s.type !== 'car').map((s) => [s.key, pickFor(s.type, s.type === 'room' ? a.room : a.car)]))
      const body = { bundleId: def.id, values: valuesFor(t, '', a.values, a.bad, def.fields), ...(def.slots.length || a.bad === 2 ? { slots } : {}) }
      const res = await t.as(who, routes.requests.bundleSubmit, { body })
      return { ...res, mutating: true, caller: who, target: null, action: 'bundle' }
    }
    case 'bundleAct': {
      const all = bundles(t)
      const fits = all.filter((b) => (a.action === 'rate' ? b.status === 'done' : a.action === 'reapply' ? b.status === 'waiting_fix' : b.status === 'in_progress' || b.status === 'waiting_fix'))
      const b = a.smart && fits.length ? pick(fits, a.bundle) : all.length ? pick(all, a.bundle) : undefined
      const id = b?.id ?? 'bdl-001'
      const who = b && a.smart ? b.applicantId : pick(EVERYONE, a.who)
      const refused = b?.parts.find((p) => currentPart(t, p)?.status === 'rejected')
      const partKey = a.smart && refused ? refused.key : b ? pick(b.parts, a.values).key : 'badge'
      const itemId = b ? currentPart(t, b.parts.find((p) => p.key === partKey)!)?.itemId : undefined
      // a refused booking is re-applied for mostly with a fresh slot (the old one may have passed meanwhile)
      const oldSlot = b?.parts.find((p) => p.key === partKey)?.slot ?? null
      const body = {
        action: a.action,
        version: (b?.version ?? 1) + (a.stale ? -1 : 0),
        ...(a.action === 'reapply' ? { partKey, ...(itemId && a.values % 3 !== 0 ? { values: valuesFor(t, itemId, a.values, a.bad) } : {}), ...(oldSlot && a.values % 4 !== 0 ? { slot: slotFor(t, { res: 0, day: 1 + (a.values % 2), start: a.values % 19, len: 1 + (a.values % 4) }, oldSlot.resourceId) } : {}) } : {}),
        ...(a.action === 'rate' && a.stars ? { stars: a.stars } : {}),
      }
      const res = await t.as(who, routes.requests.bundleAct, { params: { id }, body })
      return { ...res, mutating: true, caller: who, target: b?.id ?? null, action: `bundle_${a.action}` }
    }
    case 'look': {
      const row = rows.length ? pick(rows, a.req) : undefined
      const who = pick(EVERYONE, a.who)
      const res = row ? await t.as(who, routes.requests.get, { params: { id: row.id } }) : await t.as(who, routes.requests.mine, {})
      return { ...res, mutating: false, caller: who, target: row?.id ?? null, action: 'look' }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the invariants

const clone = <X>(x: X): X => JSON.parse(JSON.stringify(x))
const overlaps = (a: NonNullable<RequestRow['slot']>, b: NonNullable<RequestRow['slot']>) => a.resourceId === b.resourceId && Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end)

function fail(message: string, detail?: unknown): never {
  throw new Error(`${message}${detail === undefined ? '' : `\n${JSON.stringify(detail, null, 1)}`}`)
}

function checkState(t: T) {
  const rows = t.db.requests
  // no two holding requests share a slot on the same resource
  const holding = rows.filter((r) => HOLDING.has(r.status) && r.slot)
  for (let i = 0; i < holding.length; i++)
    for (let j = i + 1; j < holding.length; j++) if (overlaps(holding[i].slot!, holding[j].slot!)) fail('a slot is held twice', [holding[i], holding[j]])

  for (const r of rows) {
    const open = t.db.workItems.filter((w) => w.module === 'requests' && w.objectId === r.id && w.audience === 'assignee' && w.status === 'open')
    const current = r.steps.filter((s) => s.state === 'current')
    const initiator = t.db.workItems.filter((w) => w.module === 'requests' && w.objectId === r.id && w.audience === 'initiator')
    if (r.bundle ? initiator.length !== 0 : initiator.length !== 1 || initiator[0].assigneeId !== r.applicantId) fail('the applicant does not have exactly one 我发起的 item (a part: none, its bundle has it)', { r, initiator })
    if (r.status === 'pending') {
      // exactly one current step, with exactly one holder, who has exactly one open 待办 for it
      if (current.length !== 1 || r.steps[r.stepIndex] !== current[0]) fail('a pending request has not exactly one current step', r)
      const holder = current[0].holderId
      if (!holder || holder === r.applicantId) fail('the current step has no proper holder', r)
      if (open.length !== 1 || open[0].assigneeId !== holder) fail('the holder has not exactly one open 待办 (and nobody else one)', { r, open })
      if (!t.db.users.some((u) => u.id === holder && u.kind === 'staff')) fail('the holder is not a member of staff', r)
    } else if (r.status === 'rejected') {
      // the step that said no keeps its place in the chain
      if (current.length > 1 || (current.length === 1 && r.steps[r.stepIndex] !== current[0])) fail('a rejected request marks the wrong step', r)
    } else if (current.length) fail(`a ${r.status} request still has a current step`, r)
    if (r.status === 'returned' && (open.length !== 1 || open[0].assigneeId !== r.applicantId || !open[0].tags.includes('returned')))
      fail('a returned request is not in the applicant’s 待办 as 退回', { r, open })
    if (r.status === 'in_use' && (open.length !== 1 || open[0].assigneeId !== t.db.resources.find((x) => x.id === r.slot?.resourceId)?.ownerId))
      fail('a seal in use is not in its keeper’s 待办 for 用印登记', { r, open })
    if (FINISHED.has(r.status)) {
      if (open.length) fail('a finished request still has an open 待办', { r, open })
      if (initiator[0]?.status === 'open') fail('a finished request’s 我发起的 item is still open', { r, initiator })
      if (!r.finishedAt) fail('a finished request has no finishedAt', r)
    } else if (r.finishedAt) fail('an open request has a finishedAt', r)
    const item = t.db.catalogue.find((c) => c.id === r.itemId)!
    if (r.status === 'done' && item.issuesCertificate !== !!r.certificateCode) fail('a certificate item finished without its certificate (or another with one)', r)
    if (r.rating && r.status !== 'done') fail('only a finished request can be rated', r)
    if (r.bundle && !bundles(t).some((b) => b.id === r.bundle!.id && b.parts.some((p) => p.key === r.bundle!.partKey && p.requestIds.includes(r.id)))) fail('a part is not listed by its bundle', r)
    if (r.bundle && r.rating) fail('a part is rated on its own (the bundle is rated)', r)
  }

  for (const b of bundles(t)) {
    const def = t.db.bundleCatalogue!.find((d) => d.id === b.bundleId)!
    const current = b.parts.map((p) => currentPart(t, p))
    const item = t.db.workItems.filter((w) => w.objectId === b.id && w.audience === 'initiator')
    if (item.length !== 1 || item[0].assigneeId !== b.applicantId) fail('a bundle has not exactly one 我发起的 item, its applicant’s', { b, item })
    if ((b.status === 'done' || b.status === 'withdrawn') !== (item[0].status !== 'open')) fail('a bundle’s 我发起的 item is open exactly while the bundle is', { b, item })
    // no part outlives its bundle
    if (b.status === 'done' || b.status === 'withdrawn') {
      const open = current.filter((r) => r && !FINISHED.has(r.status))
      if (open.length) fail(`a ${b.status} bundle still has an open part`, { b, open })
      if (!b.finishedAt) fail('a finished bundle has no finishedAt', b)
    } else if (b.finishedAt) fail('an open bundle has a finishedAt', b)
    if (b.status === 'done' && !current.every((r) => r?.status === 'done')) fail('a done bundle has a part not done', { b, current })
    if (b.status !== 'withdrawn' && b.status !== 'done' && current.every((r) => r?.status === 'done')) fail('every part is done but the bundle is not', b)
    if ((b.status === 'waiting_fix') !== (b.status !== 'withdrawn' && current.some((r) => r?.status === 'rejected'))) fail('待补正 exactly when a part is refused', { b, current })
    for (const [i, p] of b.parts.entries()) {
      const after = def.parts[i].after.map((k) => currentPart(t, b.parts.find((x) => x.key === k)!))
      // a part starts only after the parts it depends on are done, and as soon as they are
      if (p.requestIds.length && after.some((r) => r?.status !== 'done')) fail('a part started before the parts it depends on were done', b)
      if (!p.requestIds.length && b.status !== 'withdrawn' && after.every((r) => r?.status === 'done')) fail('a part waits though the parts before it are done', b)
      for (const id of p.requestIds.slice(0, -1)) if (t.db.requests.find((r) => r.id === id)?.status !== 'rejected') fail('an earlier request of a part was not refused', b)
      if (current[i] && current[i]!.applicantId !== b.applicantId) fail('a part belongs to someone else', b)
    }
    if (b.rating && b.status !== 'done') fail('only a done bundle can be rated', b)
    if (b.dueAt < b.submittedAt || b.parts.some((p) => p.plannedDueAt > b.dueAt)) fail('the bundle’s promise is not its longest path', b)
  }
}

/** The chain is hashed once per sequence, after its last step: an entry changed at any step breaks it there too. */
function checkAuditChain(t: T) {
  const verdict = verifyAudit(t.db.audit)
  if (!verdict.ok) fail('the audit chain does not verify', verdict)
}

interface Before {
  bundles: Map<string, string>
  items: number
  rows: Map<string, RequestRow>
  audit: number
  due: Set<string>
}

function before(t: T): Before {
  const nowIso = toIso(t.now)
  return {
    bundles: new Map(bundles(t).map((b) => [b.id, JSON.stringify(b)])),
    items: t.db.workItems.length,
    rows: new Map(t.db.requests.map((r) => [r.id, clone(r)])),
    audit: t.db.audit.length,
    due: new Set(t.db.requests.filter((r) => r.status === 'pending' && !r.escalatedAt && r.dueAt <= nowIso).map((r) => r.id)),
  }
}

function checkStep(t: T, b: Before, call: Call, finished: Map<string, string>) {
  if (!ALLOWED_STATUS.has(call.status)) fail(`status ${call.status} is outside 200/400/403/404/409`, call)
  if (call.status !== 200 && !/[\u4e00-\u9fff]/.test(errorOf(call).message)) fail('a refusal without a Chinese message', call)

  // audit: one entry per successful state change, one per escalation, none for a refusal
  const added = t.db.audit.slice(b.audit)
  const escalations = added.filter((e) => e.action === 'request.escalate')
  const changes = added.filter((e) => e.action !== 'request.escalate')
  const escalated = t.db.requests.filter((r) => b.rows.get(r.id) && !b.rows.get(r.id)!.escalatedAt && r.escalatedAt).map((r) => r.id)
  if (escalations.length !== escalated.length || escalations.some((e) => e.actorId !== 'system' || !escalated.includes(e.objectId)))
    fail('escalation entries do not match the escalated requests', { escalations, escalated })
  // escalation runs over every due request at once, or (a call refused before the handler ran) none
  if (escalated.some((id) => !b.due.has(id))) fail('a request was escalated that was not due', { escalated, due: [...b.due] })
  if (escalated.length && escalated.length !== b.due.size) fail('only some due requests were escalated', { escalated, due: [...b.due] })
  if (call.status === 200 && call.action !== 'clock' && escalated.length !== b.due.size) fail('a successful call left a due request unescalated', { escalated, due: [...b.due] })
  const succeeded = call.mutating && call.status === 200
  if (changes.length !== (succeeded ? 1 : 0)) fail(`${changes.length} audit entries for a ${succeeded ? 'successful' : 'refused'} call`, { call, added })
  if (succeeded && changes[0].actorId !== call.caller) fail('the audit entry names someone else', { call, added })
  if (succeeded && call.action !== 'submit' && call.action !== 'bundle' && changes[0].objectId !== call.target) fail('the audit entry names another request', { call, added })
  if (call.action === 'bundle') {
    const made = bundles(t).length - b.bundles.size
    // all or nothing: a refused submission leaves no bundle, no part, no inbox item behind
    if (made !== (succeeded ? 1 : 0)) fail(`${made} bundles made by a ${succeeded ? 'successful' : 'refused'} submission`, call)
    // (escalation may open 超时督办 items on older requests meanwhile: only items for something new count)
    const strays = t.db.workItems.slice(b.items).filter((w) => w.module === 'requests' && !b.rows.has(w.objectId))
    if (!succeeded && (t.db.requests.length !== b.rows.size || strays.length)) fail('a refused bundle left parts or inbox items behind', { call, strays })
    if (succeeded && t.db.requests.length === b.rows.size) fail('a bundle started no part', call)
  } else if (bundles(t).length !== b.bundles.size) fail('a bundle appeared from another call', call)
  if (call.action.startsWith('bundle_') && call.target) {
    const was = b.bundles.get(call.target)!
    const now = bundles(t).find((x) => x.id === call.target)!
    if (!succeeded && JSON.stringify(now) !== was) fail('a refused bundle action changed the bundle', { was: JSON.parse(was), now, call })
    if (succeeded && now.version <= (JSON.parse(was) as BundleRequestRow).version) fail('a bundle action did not move the version', call)
  }
  if (call.action === 'submit' && succeeded && t.db.requests.length !== b.rows.size + 1) fail('a successful submit did not add exactly one request')
  if (call.action === 'submit' && !succeeded && t.db.requests.length !== b.rows.size) fail('a refused submit added a request')

  // the request acted on: changed by exactly one version when the call succeeded, untouched when refused
  if (call.target && call.mutating && !call.action.startsWith('bundle')) {
    const was = b.rows.get(call.target)!
    const now = t.db.requests.find((r) => r.id === call.target)!
    const bump = escalated.includes(call.target) ? 1 : 0
    if (succeeded && now.version !== was.version + 1 + bump) fail('a successful change did not move the version by one', { was, now })
    if (!succeeded) {
      if (bump) {
        const strip = (r: RequestRow) => ({ ...r, version: 0, timeline: [], escalatedAt: null })
        if (JSON.stringify(strip(now)) !== JSON.stringify(strip(was)) || now.version !== was.version + 1) fail('a refused call changed its request', { was, now })
      } else if (JSON.stringify(now) !== JSON.stringify(was)) fail('a refused call changed its request', { was, now })
    }
  }

  // finished requests never change again; the one thing a finished request takes is its one rating
  for (const r of t.db.requests) {
    if (!FINISHED.has(r.status)) {
      if (finished.has(r.id)) fail('a finished request was reopened', r)
      continue
    }
    const json = JSON.stringify(r)
    const seen = finished.get(r.id)
    if (seen !== undefined && seen !== json) {
      const old = JSON.parse(seen) as RequestRow
      const ratedNow = succeeded && call.action === 'rate' && call.target === r.id
      const rest = (x: RequestRow) => JSON.stringify({ ...x, rating: null, version: 0, timeline: x.timeline.slice(0, old.timeline.length) })
      if (!ratedNow || old.rating || !r.rating || r.version !== old.version + 1 || r.timeline.length !== old.timeline.length + 1 || rest(r) !== rest(old))
        fail('a finished request changed', { old, now: r, call })
    }
    finished.set(r.id, json)
  }
  checkState(t)
}

// ---------------------------------------------------------------------------------------------

describe('零跑动, model-based', () => {
  it(
    `${RUNS} random sequences of up to ${MAX_STEPS} actions never reach an illegal state`,
    async () => {
      const tally = { calls: 0, statuses: {} as Record<number, number>, succeeded: {} as Record<string, number>, done: 0, escalations: 0, bundlesDone: 0 }
      await fc.assert(
        fc.asyncProperty(fc.array(actionArb, { minLength: 4, maxLength: MAX_STEPS, size: 'max' }), async (actions) => {
          const t = testBff()
          for (const who of EVERYONE) await t.signIn(who)
          const finished = new Map<string, string>()
          checkState(t)
          for (const a of actions) {
            const b = before(t)
            const call = await perform(t, a)
            checkStep(t, b, call, finished)
            if (call.status === 200 && call.mutating) tally.succeeded[call.action] = (tally.succeeded[call.action] ?? 0) + 1
            if (call.action !== 'clock') {
              tally.calls++
              tally.statuses[call.status] = (tally.statuses[call.status] ?? 0) + 1
            }
          }
          checkAuditChain(t)
          tally.done += own(t).filter((r) => r.status === 'done').length
          tally.bundlesDone += bundles(t).filter((b) => b.status === 'done').length
   
          const mine = new Set(own(t).map((r) => r.id))
          tally.escalations += t.db.audit.filter((e) => e.action === 'request.escalate' && mine.has(e.objectId)).length
        }),
        { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) },
      )
      if (process.env.REQUESTS_MODEL_DEBUG) console.log(JSON.stringify({ seed: SEED, ...tally }))
      // the sequences reach the interesting places, not only refusals
      const reached = {
        seed: SEED,
        mostlyAnswered: tally.statuses[200] > tally.calls / 5,
        finished: tally.done > RUNS / 5,
        escalated: tally.escalations > RUNS / 50,
        everyRefusal: [400, 403, 404, 409].filter((s) => !tally.statuses[s]),
        everyChange: ['submit', 'resubmit', ...requestActions, 'bundle', ...bundleActions.map((a) => `bundle_${a}`)].filter((a) => !tally.succeeded[a]),
        bundlesDone: tally.bundlesDone > RUNS / 50,
      }
      expect(reached).toEqual({ seed: SEED, mostlyAnswered: true, finished: true, escalated: true, everyRefusal: [], everyChange: [], bundlesDone: true })
    },
    Math.max(120_000, RUNS * 200),
  )
})
