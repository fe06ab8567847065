import { modelSeed } from '../support/model-seed'
import * as fc from 'fast-check'
import {
  caseActions,
  mediationModes,
  mediationRoutes,
  referrals,
  streetNames,
  type CaseAction,
  type CaseDetail,
  type CaseStatus,
} from '../../src/contract/mediation'
import { buildPath, type Route } from '../../src/contract/route'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { toIso } from '../../src/core/time'
import { createMockBff } from '../../mock/app'
import { verifyAudit } from '../../mock/lib/audit'
import { signaturePng } from '../../mock/lib/png'
import type { Db, MediationCaseRow } from '../../mock/db'
import { FIXED_NOW, testBff } from '../support/bff'

/**
 * Model-based: random sequences by random people — applicants, the people they invite, strangers, the
 * dispatcher, the mediators of three committees, their heads, a staff member with no part — on seeded
 * cases and fresh applications, booking and racing for slots, answering invitations, adding and taking
 * down availability, with the clock jumping ahead so cut-offs pass and the 30-day limit comes near.
 * Mostly they try what the server offers them, sometimes what it does not. After every step:
 *   · never a 500; a refusal changes nothing (but the system's own 督办, on the record)
 *   · audit entries = successful state changes, plus the system's escalations; the chain verifies
 *   · a slot is held by at most one case and the case holds it back; no mediator and no room is booked twice
 *     at once; refused, declined and withdrawn cases hold no slot
 *   · the state and the record agree: accepted cases have a number, a mediator and a 30-day clock;
 *     已排期 has a slot; 达成协议 has a record and a 协议书; 履行中 has all three signatures
 *   · 一案一档 always has the 申请书, and a 协议书 exactly when there is an agreement
 *   · one open work item per person, step and case; a finished case leaves nobody anything to do
 *   · after a look at the queue, every open case near its limit has been 督办ed, and its head has the item
 *   · no answer carries a plaintext phone or ID number
 *
 *   MEDIATION_MODEL_RUNS=10000 npx jest test/unit/mediation-model.test.ts    the long run
 *   MEDIATION_MODEL_SEED=… MEDIATION_MODEL_PATH=…                            replay a failure fast-check printed
 */

const RUNS = Number(process.env.MEDIATION_MODEL_RUNS ?? 1000)
const SEED = modelSeed('MEDIATION_MODEL_SEED', 20261125)
const PATH = process.env.MEDIATION_MODEL_PATH
const MAX_STEPS = 30

const RESIDENTS = ['r-resident-01', 'r-resident-02', 'r-resident-03', 'r-resident-08']
const DISPATCHER = 'u-dispatch-01'
const MEDIATORS = ['u-mediator-01', 'u-mediator-02', 'u-mediator-03']
const STRANGER = 'u-handler-01'
const PEOPLE = [...RESIDENTS, DISPATCHER, ...MEDIATORS, STRANGER]
const PHONES = ['13827461093', '13902817364', '18820460915', '13500001111']
const ALLOWED = new Set([200, 400, 403, 404, 409])
const HOLDS_NO_SLOT: CaseStatus[] = ['refused', 'declined', 'cancelled']
const TAKEN_ON: CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'agreed', 'failed', 'performing', 'visited']
const OPEN: CaseStatus[] = ['applied', 'accepted', 'scheduled', 'in_session']
/** finished for everyone (a declined case stays with its mediator, who may still 上门调解) */
const CLOSED: CaseStatus[] = ['visited', 'refused', 'cancelled']

const BASE = (() => {
  const t = testBff()
  const tokens: Record<string, string> = {}
  return {
    t,
    tokens,
    ready: (async () => {
      for (const u of PEOPLE) tokens[u] = await t.signIn(u)
      // every party of a seeded case can act on it
      for (const c of t.db.mediationCases) for (const u of [c.applicantId, c.otherPartyUserId]) if (u && !tokens[u]) tokens[u] = await t.signIn(u)
      for (const c of t.db.mediationCommittees) if (!tokens[c.headId]) tokens[c.headId] = await t.signIn(c.headId)
      // a case booked on any committee's slot lands with that slot's mediator
      for (const x of t.db.mediators) if (!tokens[x.userId]) tokens[x.userId] = await t.signIn(x.userId)
      // the seeded 督办 has fired before any sequence starts
      await t.ok(DISPATCHER, mediationRoutes.queue, { query: { tab: 'new' } })
      // a week of the seeded two weeks' calendars: the same situations, half the slots to copy per sequence
      const weekOut = toIso(new Date(FIXED_NOW.getTime() + 7 * 86400_000))
      t.db.mediationSlots = t.db.mediationSlots.filter((s) => s.caseId || s.start < weekOut)
      for (const s of t.db.sessions) s.expiresAt = toIso(new Date(FIXED_NOW.getTime() + 12 * 3600_000))
    })(),
  }
})()

interface World {
  db: Db
  now: Date
  call(who: string, route: Route, input: { params?: Record<string, string>; body?: unknown; query?: Record<string, string> }): Promise<{ status: number; body: unknown }>
  advance(minutes: number): void
}

let keySeq = 0
function world(): World {
  const db = structuredClone(BASE.t.db)
  const w: World = {
    db,
    now: FIXED_NOW,
    call(who, route, input) {
      const headers: Record<string, string> = {}
      if (BASE.tokens[who]) headers.authorization = `Bearer ${BASE.tokens[who]}`
      else if (who !== 'nobody') throw new Error(`the model has no session for ${who}`)
      if (route.method !== 'GET') headers['idempotency-key'] = `mmodel-${++keySeq}`
      if (input.body !== undefined) headers['content-type'] = 'application/json'
      const qs = input.query ? '?' + new URLSearchParams(input.query).toString() : ''
      return bff.handle({ method: route.method, url: buildPath(route.path, input.params) + qs, headers, body: input.body })
    },
    advance(minutes) {
      w.now = new Date(w.now.getTime() + minutes * 60_000)
      for (const s of db.sessions) if (Date.parse(s.expiresAt) < w.now.getTime() + 3600_000) s.expiresAt = toIso(new Date(w.now.getTime() + 12 * 3600_000))
    },
  }
  const bff = createMockBff({ preview: true, db, now: () => w.now })
  return w
}

// ---------------------------------------------------------------------------------------------

type Step =
  | { kind: 'apply'; who: number; mode: number; street: number; phone: number }
  | { kind: 'act'; who: number; c: number; smart: number; action: number; pick: number; text: boolean }
  | { kind: 'race'; c: number; d: number }
  | { kind: 'respond'; who: number; c: number; answer: number; pick: number }
  | { kind: 'addSlot'; who: number; hours: number; minutes: number; mode: number; room: number }
  | { kind: 'removeSlot'; who: number; pick: number }
  | { kind: 'look'; who: number }
  | { kind: 'clock'; minutes: number }

const nat = (n: number) => fc.nat({ max: n - 1 })
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('apply' as const), who: nat(RESIDENTS.length), mode: nat(2), street: nat(streetNames.length), phone: nat(PHONES.length) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('act' as const), who: nat(10), c: nat(64), smart: nat(10), action: nat(caseActions.length), pick: nat(8), text: fc.nat({ max: 9 }).map((n) => n < 8) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('race' as const), c: nat(64), d: nat(64) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('respond' as const), who: nat(RESIDENTS.length), c: nat(64), answer: nat(3), pick: nat(6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addSlot' as const), who: nat(MEDIATORS.length + 1), hours: fc.constantFrom(-2, 3, 26, 50, 51, 74), minutes: fc.constantFrom(30, 60, 90), mode: nat(2), room: nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeSlot' as const), who: nat(MEDIATORS.length), pick: nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('look' as const), who: nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), minutes: fc.constantFrom(60, 720, 1440, 5 * 1440) }) },
)

/** Fresh applications most of the time, any seeded case sometimes. */
function pickCase(w: World, n: number): MediationCaseRow {
  const seeded = BASE.t.db.mediationCases.length
  const fresh = w.db.mediationCases.slice(seeded)
  return n < 44 && fresh.length ? fresh[n % fresh.length] : w.db.mediationCases[n % w.db.mediationCases.length]
}

const headOf = (w: World, c: MediationCaseRow) => w.db.mediationCommittees.find((x) => x.id === c.committeeId)?.headId

/** Who would act on this case: the people with a part in it, by turns; now and then someone without one. */
function actorFor(w: World, c: MediationCaseRow, n: number): string {
  const cast = [c.applicantId, c.otherPartyUserId ?? RESIDENTS[(n + 1) % RESIDENTS.length], DISPATCHER, c.mediatorId ?? MEDIATORS[n % 3], headOf(w, c) ?? DISPATCHER, c.mediatorId ?? DISPATCHER, c.applicantId, DISPATCHER, c.mediatorId ?? MEDIATORS[0], PEOPLE[n % PEOPLE.length]]
  return cast[n % cast.length]
}

/** A free slot the case could take: its mediator's, else its committee's or its street's, same mode. */
function slotFor(w: World, c: MediationCaseRow, pick: number): string | undefined {
  const soon = toIso(new Date(w.now.getTime() + 2 * 3600_000))
  const near = w.db.mediationCommittees.filter((x) => x.streetName === c.streetName || x.streetName === '宝安区').map((x) => x.id)
  const free = w.db.mediationSlots.filter((s) => !s.caseId && s.start > soon && s.mode === c.mode && (c.mediatorId ? s.mediatorId === c.mediatorId : c.committeeId ? s.committeeId === c.committeeId : near.includes(s.committeeId)))
  // now and then a slot that is not free, to meet the refusals
  if (pick === 7) return w.db.mediationSlots.find((s) => s.caseId && s.caseId !== c.id)?.id
  return free[pick % Math.max(1, free.length)]?.id
}

function extrasFor(w: World, c: MediationCaseRow, action: CaseAction, pick: number, text: boolean): Record<string, unknown> {
  const say = (s: string) => (text ? s : undefined)
  switch (action) {
    case 'book':
    case 'offer':
      return { slotId: slotFor(w, c, pick), remind: pick % 2 ? 'subscribed' : 'in_app' }
    case 'accept': {
      const slot = w.db.mediationSlots.find((s) => s.id === c.slotId)
      return { mediatorId: pick === 6 ? MEDIATORS[(pick + 1) % 3] : (slot?.mediatorId ?? MEDIATORS[pick % 3]) }
    }
    case 'refuse':
      return { reason: say('不属于人民调解受理范围'), referral: pick === 5 ? undefined : referrals[pick % referrals.length] }
    case 'agree':
      return { record: c.record ? undefined : say('双方陈述并协商，同意以下条款。'), terms: say('一、对方于 10 日内赔偿 800 元；二、双方不再追究。') }
    case 'fail':
      return { reason: say('双方分歧较大'), record: c.record ? undefined : say('双方各执一词，未能达成一致。') }
    case 'record':
      return { record: say('第一次调解：双方陈述事实。') }
    case 'sign':
      return text ? { signature: signaturePng(pick + 1) } : {}
    case 'perform':
      return { note: say('对方已按期支付赔偿款。'), fulfilled: pick % 3 !== 0 }
    case 'visit':
      return { note: say('电话回访，双方满意。') }
    case 'extend':
      return { reason: say('当事人住院，需延期'), days: [5, 10, 15, 30][pick % 4] }
    case 'home_visit':
      return { reason: say('上门沟通后对方同意调解') }
    case 'withdraw':
      return { reason: say('已私下和解') }
    case 'rate':
      return { stars: text ? (pick % 5) + 1 : undefined, reason: say('调解员很耐心') }
    default:
      return {}
  }
}

interface Done {
  label: string
  status: number
  body: unknown
  /** audit entries a success writes */
  writes: number
}

async function perform(w: World, s: Step): Promise<Done | null> {
  switch (s.kind) {
    case 'clock':
      w.advance(s.minutes)
      return null
    case 'apply': {
      const body = {
        disputeType: 'neighbour',
        otherPartyName: '王海生',
        otherPartyPhone: PHONES[s.phone],
        facts: '楼上每天深夜拖动家具，多次沟通没有改善。',
        claims: '晚上十点以后降低噪音。',
        mode: mediationModes[s.mode],
        streetName: streetNames[s.street],
        dialect: s.street % 2 ? 'cantonese' : 'mandarin',
      }
      return { label: 'apply', ...(await w.call(RESIDENTS[s.who], mediationRoutes.apply, { body })), writes: 1 }
    }
    case 'act': {
      const c = pickCase(w, s.c)
      const who = actorFor(w, c, s.who)
      let action: CaseAction = caseActions[s.action]
      if (s.smart < 8) {
        const seen = await w.call(who, mediationRoutes.get, { params: { id: c.id } })
        const offered = seen.status === 200 ? (seen.body as CaseDetail).availableActions.map((a) => a.key as CaseAction) : []
        if (offered.length) action = offered[s.action % offered.length]
      }
      const body = { action, version: c.version, ...extrasFor(w, c, action, s.pick, s.text) }
      return { label: `act:${action}`, ...(await w.call(who, mediationRoutes.act, { params: { id: c.id }, body })), writes: 1 }
    }
    case 'race': {
      // two applicants tap the same free slot at once: at most one gets it
      const a = pickCase(w, s.c)
      const b = pickCase(w, s.d)
      const slot = slotFor(w, a, 0)
      if (a.id === b.id || !slot) return null
      const [ra, rb] = await Promise.all([
        w.call(a.applicantId, mediationRoutes.act, { params: { id: a.id }, body: { action: 'book', version: a.version, slotId: slot } }),
        w.call(b.applicantId, mediationRoutes.act, { params: { id: b.id }, body: { action: 'book', version: b.version, slotId: slot } }),
      ])
      const holders = w.db.mediationCases.filter((c) => c.slotId === slot).length
      if (holders > 1) fail('a raced slot is held by two cases', { slot, ra, rb })
      const wins = [ra, rb].filter((r) => r.status === 200).length
      if (wins > 1) fail('both racers got the slot', { slot })
      const lost = [ra, rb].find((r) => r.status === 409 && (r.body as { details?: { reason?: string } }).details?.reason === 'slot_taken')
      if (wins === 1 && lost) raceLost++
      for (const r of [ra, rb]) if (!ALLOWED.has(r.status)) fail(`race answered ${r.status}`, r.body)
      return { label: 'race', status: wins ? 200 : 409, body: [ra.body, rb.body], writes: wins }
    }
    case 'respond': {
      const c = pickCase(w, s.c)
      const who = c.otherPartyUserId && s.answer !== 2 ? c.otherPartyUserId : RESIDENTS[s.who]
      const answer = (['accept', 'propose', 'decline'] as const)[s.answer]
      const alt = answer === 'propose' ? slotFor(w, c, s.pick) : undefined
      const body = { answer, ...(alt ? { slotId: alt } : {}), ...(s.pick % 2 ? { reason: '那几天要上班' } : {}) }
      return { label: `respond:${answer}`, ...(await w.call(who, mediationRoutes.respond, { params: { code: c.inviteCode }, body })), writes: 1 }
    }
    case 'addSlot': {
      const who = s.who < MEDIATORS.length ? MEDIATORS[s.who] : DISPATCHER
      const m = w.db.mediators.find((x) => x.userId === who)
      const rooms = w.db.mediationRooms.filter((r) => r.committeeId === m?.committeeId)
      const hour = Math.floor(w.now.getTime() / 3600_000) + s.hours
      const mode = mediationModes[s.mode]
      const body = { start: toIso(new Date(hour * 3600_000)), minutes: s.minutes, mode, ...(mode === 'onsite' && rooms.length ? { roomId: rooms[s.room % rooms.length].id } : {}) }
      return { label: 'addSlot', ...(await w.call(who, mediationRoutes.addSlot, { body })), writes: 1 }
    }
    case 'removeSlot': {
      const who = MEDIATORS[s.who]
      const own = w.db.mediationSlots.filter((x) => x.mediatorId === who)
      const slot = own[s.pick % Math.max(1, own.length)]
      if (!slot) return null
      return { label: 'removeSlot', ...(await w.call(who, mediationRoutes.removeSlot, { params: { id: slot.id } })), writes: 1 }
    }
    case 'look': {
      const res = await w.call(s.who ? MEDIATORS[0] : DISPATCHER, mediationRoutes.queue, { query: { tab: 'supervise' } })
      looked = true
      return { label: 'look', ...res, writes: 0 }
    }
  }
}

let raceLost = 0
let looked = false

// ---------------------------------------------------------------------------------------------

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(detail).slice(0, 1500)}`)
}

/**
 * What a refusal must leave alone: the cases (without the signature images, which only ever get added and
 * are counted), who holds which slot, the module's work items.
 */
const stateOf = (w: World) =>
  w.db.mediationCases.map((c) => JSON.stringify({ ...c, signatures: c.signatures.map((x) => `${x.role}:${x.userId}:${x.at}:${x.png.length}`) })).join() +
  w.db.mediationSlots.length +
  w.db.mediationSlots.filter((s) => s.caseId).map((s) => `${s.id}:${s.caseId}`).join() +
  w.db.workItems.filter((x) => x.module === 'mediation').map((x) => `${x.id}:${x.status}:${x.version}:${x.step}:${x.tags.join('+')}`).join()

function check(w: World, versions: Map<string, number>, afterLook: boolean) {
  const db = w.db
  // slots
  const byId = new Map(db.mediationSlots.map((s) => [s.id, s]))
  const held = new Map<string, string>()
  for (const c of db.mediationCases) {
    const before = versions.get(c.id)
    if (before !== undefined && c.version < before) fail('a version went back', { id: c.id, before, now: c.version })
    versions.set(c.id, c.version)
    if (c.slotId) {
      if (held.has(c.slotId)) fail('one slot held by two cases', { slot: c.slotId, a: held.get(c.slotId), b: c.id })
      held.set(c.slotId, c.id)
      if (byId.get(c.slotId)?.caseId !== c.id) fail('a case holds a slot that does not hold it back', { id: c.id, slot: c.slotId })
    }
    if (HOLDS_NO_SLOT.includes(c.status) && c.slotId) fail('a refused, declined or withdrawn case still holds a slot', { id: c.id, status: c.status })
    if (TAKEN_ON.includes(c.status) && (!c.caseNumber || !c.mediatorId || !c.dueAt || !c.acceptedAt)) fail('a case taken on without number, mediator or clock', { id: c.id, status: c.status })
    if (c.status === 'applied' && (c.caseNumber || c.mediatorId)) fail('an application not yet 受理 has a number or mediator', c.id)
    if (c.status === 'scheduled' && !c.slotId) fail('已排期 without a slot', c.id)
    if (c.status === 'agreed' && (!c.agreement || !c.record)) fail('达成协议 without record or 协议书', c.id)
    if (c.status === 'performing') {
      const roles = new Set(c.signatures.map((s) => s.role))
      if (roles.size !== 3) fail('履行 before all three signed', { id: c.id, roles: [...roles] })
    }
    if (c.signatures.length !== new Set(c.signatures.map((s) => s.role)).size) fail('someone signed twice', c.id)
    if (c.status === 'visited' && !c.visit) fail('回访 without its record', c.id)
    if (c.refusal && c.status !== 'refused') fail('a refusal on a case not refused', c.id)
    if (c.status === 'refused' && !c.refusal?.reason) fail('refused without a reason and referral', c.id)
    const kinds = c.docs.map((d) => d.kind)
    if (!kinds.includes('application')) fail('一案一档 without its 申请书', c.id)
    if (kinds.includes('agreement') !== !!c.agreement) fail('一案一档 and the agreement disagree', { id: c.id, kinds })
    if (new Set(kinds).size !== kinds.length) fail('a document twice in the case file', { id: c.id, kinds })
  }
  for (const s of db.mediationSlots) {
    if (s.caseId && held.get(s.id) !== s.caseId) fail('a slot held by a case that does not hold it', { slot: s.id, caseId: s.caseId })
  }
  // per mediator and per room, sorted by start: a clash is a neighbour that starts before the last one ends
  const byKey = new Map<string, typeof db.mediationSlots>()
  for (const s of db.mediationSlots) {
    for (const key of [`m:${s.mediatorId}`, ...(s.roomId ? [`r:${s.roomId}`] : [])]) {
      const list = byKey.get(key)
      if (list) list.push(s)
      else byKey.set(key, [s])
    }
  }
  for (const [key, list] of byKey) {
    list.sort((a, b) => (a.start < b.start ? -1 : 1))
    for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].end) fail('a mediator or room booked twice at once', { key, a: list[i - 1].id, b: list[i].id })
  }
  // work items
  const open = db.workItems.filter((x) => x.module === 'mediation' && x.status === 'open' && x.audience === 'assignee')
  const seen = new Set<string>()
  for (const i of open) {
    const k = `${i.objectId}|${i.assigneeId}|${i.step}`
    if (seen.has(k)) fail('two open items for one person and step', k)
    seen.add(k)
    const c = db.mediationCases.find((x) => x.id === i.objectId)
    if (c && CLOSED.includes(c.status)) fail('a closed case still has work for someone', { id: c.id, status: c.status, step: i.step })
  }
  if (afterLook) {
    for (const c of db.mediationCases) {
      if (!OPEN.includes(c.status) || !c.dueAt) continue
      if (Date.parse(c.dueAt) - 5 * 86400_000 > w.now.getTime()) continue
      if (!c.escalatedAt) fail('an open case near its limit was not 督办ed after a look at the queue', { id: c.id, dueAt: c.dueAt })
      const head = headOf(w, c)
      if (head && !db.workItems.some((x) => x.objectId === c.id && x.assigneeId === head && x.step === '督办')) fail('督办 without the head’s item', c.id)
    }
  }
}

describe('调解预约, model-based', () => {
  it(
    `${RUNS} random sequences of up to ${MAX_STEPS} steps never reach an illegal state`,
    async () => {
      await BASE.ready
      const tally: Record<string, number> = { calls: 0, s200: 0, s400: 0, s403: 0, s404: 0, s409: 0, escalations: 0 }
      const succeeded: Record<string, number> = {}
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 8, maxLength: MAX_STEPS }), async (steps) => {
          const w = world()
          const versions = new Map<string, number>()
          check(w, versions, false)
          for (const s of steps) {
            const before = { state: stateOf(w), audit: w.db.audit.length }
            looked = false
            const done = await perform(w, s)
            if (!done) continue
            tally.calls++
            if (!ALLOWED.has(done.status)) fail(`${done.label} answered ${done.status}`, done.body)
            tally[`s${done.status}`]++
            if (done.status === 200) succeeded[done.label] = (succeeded[done.label] ?? 0) + 1
            const added = w.db.audit.slice(before.audit)
            const system = added.filter((a) => a.actorId === 'system').length
            tally.escalations += system
            const expected = done.status === 200 ? done.writes : done.label === 'race' ? done.writes : 0
            if (added.length - system !== expected) fail('audit entries ≠ state changes', { step: s, label: done.label, status: done.status, added: added.map((a) => a.action) })
            if (done.status !== 200 && !system) {
              if (stateOf(w) !== before.state) fail('a refusal changed something', { step: s, label: done.label, body: done.body })
            }
            const leaked = findUnmaskedPersonalData(JSON.stringify(done.body))
            if (leaked) fail('a plaintext phone or ID number in an answer', { label: done.label, leaked })
            check(w, versions, looked)
          }
          const v = verifyAudit(w.db.audit)
          if (!v.ok) fail('the audit chain does not verify', v)
        }),
        { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) },
      )
      const reached = {
        seed: SEED,
        mostlyAnswered: tally.s200 > tally.calls / 4,
        everyRefusal: [400, 403, 404, 409].filter((s) => !tally[`s${s}`]),
        escalations: tally.escalations > 0,
        raceLost: raceLost > 0,
        missing: [
          'apply', 'act:book', 'act:cancel_slot', 'act:accept_offer', 'act:withdraw', 'act:accept', 'act:refuse', 'act:offer', 'act:start', 'act:record', 'act:agree', 'act:fail', 'act:sign',
          'act:perform', 'act:visit', 'act:extend', 'act:rate', 'respond:accept', 'respond:propose', 'respond:decline', 'addSlot', 'removeSlot', 'race',
        ].filter((l) => !succeeded[l]),
      }
      expect(reached).toEqual({ seed: SEED, mostlyAnswered: true, everyRefusal: [], escalations: true, raceLost: true, missing: [] })
    },
    Math.max(60_000, RUNS * 150),
  )
})
