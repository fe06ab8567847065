import { modelSeed } from '../support/model-seed'
import * as fc from 'fast-check'
import { caseActions, caseFields, caseOutcomes, casesRoutes, riskFactorKeys, type CaseDetail, type RiskFactor } from '../../src/contract/cases'
import { helpRoutes } from '../../src/contract/help'
import { contactChannels, type SafeContact } from '../../src/contract/safe-contact'
import { buildPath, type Route } from '../../src/contract/route'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { toIso } from '../../src/core/time'
import { createMockBff } from '../../mock/app'
import { verifyAudit } from '../../mock/lib/audit'
import { federationHead } from '../../mock/handlers/cases'
import type { CaseRow, Db } from '../../mock/db'
import { FIXED_NOW, testBff } from '../support/bff'

/**
 * Model-based: random sequences by random people — the owner, the head, colleagues of other streets,
 * partner liaisons with and without a referral, a counsellor, a 执委, an auditor, a resident — on the
 * seeded cases and fresh ones, with the clock jumping ahead so red clocks and referral deadlines run out.
 * Mostly they try what the server offers them, sometimes what it does not. After every step:
 *   · never a 500; a refusal changes nothing (but the clocks, which the system moves, on the record)
 *   · audit entries = successful state changes + reveals + views, plus the system's escalations; the chain verifies
 *   · the 首接 owner, once set, never changes; who owns matches the state
 *   · referrals: a returned one has its reason, a reported one its report, one live referral per unit at most
 *   · red, open and unacted: the clock is set and the head has it in her inbox
 *   · no answer carries a plaintext phone or ID number, except the reveal that was asked for
 *   · 案例库: one entry per case, only of a finished case; published only by a reviewer who did not send it;
 *     a refusal has its reason; no entry holds the case's names or numbers
 *
 *   CASES_MODEL_RUNS=10000 npx jest test/unit/cases-model.test.ts    the long run
 *   CASES_MODEL_SEED=… CASES_MODEL_PATH=…                            replay a failure fast-check printed
 */

const RUNS = Number(process.env.CASES_MODEL_RUNS ?? 1000)
const SEED = modelSeed('CASES_MODEL_SEED', 20261125)
const PATH = process.env.CASES_MODEL_PATH
const MAX_STEPS = 30

const STAFF = ['u-fed-02', 'u-staff-08', 'u-staff-20', 'u-partner-police-02', 'u-partner-police-01', 'u-partner-civil-01', 'u-partner-court-01', 'u-staff-23', 'u-counsel-01', 'u-fedexec-01', 'u-auditor-01']
const RESIDENTS = ['r-resident-09', 'r-resident-07']
const PEOPLE = [...STAFF, ...RESIDENTS, 'u-ysw-01', 'u-nobody']
const UNITS = ['dept-police', 'dept-civil', 'dept-court', 'street-xixiang-sfs', 'dept-hospital', 'dept-finance']
const ACTIVE = new Set(['registered', 'accepted', 'handling', 'referred', 'supervising'])
const AFTER_CLOSE = new Set(['closed', 'approved', 'visited', 'archived'])
const ALLOWED = new Set([200, 400, 403, 404, 409])
const safeContact: SafeContact = { channels: ['sms', 'phone'], window: 'any', doNotCallHome: true }

const BASE = (() => {
  const t = testBff()
  const tokens: Record<string, string> = {}
  return {
    t,
    tokens,
    ready: (async () => {
      for (const u of [...STAFF, ...RESIDENTS, 'u-ysw-01']) tokens[u] = await t.signIn(u)
      const body = { channel: 'hotline', category: 'domestic_violence', streetName: '西乡街道', summary: '模型测试的案件情况。', otherName: '对方', minor: false, safeContact, riskAnswers: [] as RiskFactor[] } as const
      await t.ok('u-fed-02', casesRoutes.create, { body: { ...body, subject: { name: '甲女士', phone: '13800001111', idNumber: '440306199001011238', address: '宝安区西乡街道某路1号', whereabouts: '亲戚家' }, riskAnswers: ['weapon', 'threat_to_kill'] } })
      await t.ok('u-fed-02', casesRoutes.create, { body: { ...body, category: 'minor_rights', minor: true, childName: '小乙', subject: { name: '乙女士', phone: '13800002222' } } })
      await t.ok('r-resident-09', helpRoutes.submit, { body: { situations: ['hurt'], inDangerNow: true, streetName: '西乡街道', anonymous: false, safeContact: { channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true } } })
      // a finished one, for the case library to work on
      const done = await t.ok('u-fed-02', casesRoutes.create, { body: { ...body, subject: { name: '丙女士', phone: '13800003333' } } })
      const v = () => t.db.cases.find((c) => c.id === done.id)!.version
      await t.ok('u-fed-02', casesRoutes.act, { params: { id: done.id }, body: { action: 'start', version: v() } })
      await t.ok('u-fed-02', casesRoutes.act, { params: { id: done.id }, body: { action: 'close', version: v(), opinion: '丙女士已安置', outcome: 'shelter' } })
      await t.ok('u-staff-08', casesRoutes.act, { params: { id: done.id }, body: { action: 'approve', version: v() } })
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
      if (route.method !== 'GET') headers['idempotency-key'] = `model-${++keySeq}`
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
  | { kind: 'act'; who: number; c: number; smart: number; action: number; opinion: boolean; to: number; stars: number }
  | { kind: 'assess'; who: number; c: number; answers: number }
  | { kind: 'refer'; who: number; c: number; units: number; hours: number; task: boolean }
  | { kind: 'answer'; who: number; c: number; r: number; action: number; note: boolean; smart: boolean }
  | { kind: 'reveal'; who: number; c: number; field: number; reason: boolean }
  | { kind: 'contact'; who: number; c: number; channel: number }
  | { kind: 'help'; who: number; danger: boolean }
  | { kind: 'clock'; minutes: number }
  | { kind: 'library'; who: number; c: number; e: number; action: number; lesson: boolean }

const nat = (n: number) => fc.nat({ max: n - 1 })
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('act' as const), who: nat(STAFF.length), c: nat(64), smart: nat(10), action: nat(caseActions.length), opinion: fc.nat({ max: 9 }).map((n) => n < 8), to: nat(PEOPLE.length), stars: fc.nat({ max: 6 }).map((n) => Math.min(n, 5)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('assess' as const), who: nat(STAFF.length), c: nat(64), answers: nat(2048) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refer' as const), who: nat(STAFF.length), c: nat(64), units: nat(64), hours: fc.constantFrom(1, 4, 24, 72), task: fc.nat({ max: 9 }).map((n) => n < 8) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('answer' as const), who: nat(STAFF.length), c: nat(64), r: nat(4), action: nat(3), note: fc.nat({ max: 9 }).map((n) => n < 8), smart: fc.nat({ max: 9 }).map((n) => n < 8) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reveal' as const), who: nat(STAFF.length), c: nat(64), field: nat(caseFields.length), reason: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('contact' as const), who: nat(STAFF.length), c: nat(64), channel: nat(contactChannels.length) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('help' as const), who: nat(RESIDENTS.length), danger: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), minutes: fc.constantFrom(30, 240, 1440, 1500) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('library' as const), who: nat(STAFF.length), c: nat(64), e: nat(8), action: nat(6), lesson: fc.nat({ max: 9 }).map((n) => n < 8) }) },
)

/** The cases a sequence works on: the fresh ones most of the time, any seeded one sometimes. */
function pickCase(w: World, n: number): CaseRow {
  const fresh = w.db.cases.slice(15)
  return n < 48 && fresh.length ? fresh[n % fresh.length] : w.db.cases[n % w.db.cases.length]
}

interface Done {
  label: string
  status: number
  body: unknown
  /** entries a success of this call writes (a change, a reveal or a view) */
  writes: 0 | 1
  reveal: boolean
}

async function perform(w: World, s: Step, tally: Record<string, number>): Promise<Done | null> {
  if (s.kind === 'clock') {
    w.advance(s.minutes)
    return null
  }
  if (s.kind === 'help') {
    const res = await w.call(RESIDENTS[s.who], helpRoutes.submit, { body: { situations: ['talk'], inDangerNow: s.danger, streetName: '西乡街道', anonymous: s.danger, safeContact } })
    return { label: 'help', ...res, writes: 1, reveal: false }
  }
  // the library works on finished cases: mostly the fresh one, sometimes a seeded one
  const finished = w.db.cases.filter((x, i) => ['approved', 'visited', 'archived'].includes(x.status) && (s.kind !== 'library' || s.c < 40 ? i >= 15 : true))
  const c = s.kind === 'library' && s.c < 48 && finished.length ? finished[s.c % finished.length] : pickCase(w, s.c)
  // mostly someone with a part in it: the owner (or the head, or the street's staff while unowned)
  const partOf = c.status === 'closed' || s.who === 6 ? 'u-staff-08' : (c.ownerId ?? (c.orgDeptId === 'street-xixiang-wf' ? 'u-fed-02' : 'u-staff-08'))
  let who = s.kind !== 'answer' && s.who < 7 && STAFF.includes(partOf) ? partOf : STAFF[s.who]
  const params = { id: c.id }
  switch (s.kind) {
    case 'act': {
      let action: string = caseActions[s.action]
      if (s.smart < 7) {
        // most of the time, what the server offers: looking is a view, on the record
        const seen = await w.call(who, casesRoutes.get, { params })
        tally.views += seen.status === 200 ? 1 : 0
        const offered = seen.status === 200 ? (seen.body as CaseDetail).availableActions.filter((a) => (caseActions as readonly string[]).includes(a.key)) : []
        if (offered.length) action = offered[s.action % offered.length].key
      }
      const body = { action, version: c.version, opinion: s.opinion ? '模型测试意见' : undefined, toUserId: PEOPLE[s.to], satisfaction: s.stars || undefined, outcome: s.stars ? caseOutcomes[s.stars] : undefined }
      const res = await w.call(who, casesRoutes.act, { params, body })
      return { label: `act:${action}`, ...res, writes: 1, reveal: false }
    }
    case 'assess': {
      const answers = riskFactorKeys.filter((_, i) => s.answers & (1 << i))
      return { label: 'assess', ...(await w.call(who, casesRoutes.assess, { params, body: { version: c.version, answers } })), writes: 1, reveal: false }
    }
    case 'refer': {
      const items = UNITS.filter((_, i) => s.units & (1 << i)).map((unitId) => ({ unitId, task: s.task ? '请协助处理' : '', acceptHours: s.hours }))
      return { label: 'refer', ...(await w.call(who, casesRoutes.refer, { params, body: { version: c.version, items } })), writes: 1, reveal: false }
    }
    case 'answer': {
      const live = c.referrals.filter((x) => x.state === 'sent' || x.state === 'accepted')
      const r = s.smart && live.length ? live[s.r % live.length] : c.referrals[s.r % Math.max(1, c.referrals.length)]
      if (s.smart && r) {
        // the liaison it landed on, answering in the order things happen
        const liaison = STAFF.find((id) => w.db.users.find((u) => u.id === id)?.deptId === r.unitId && (r.unitId !== 'dept-police' || id === 'u-partner-police-02'))
        if (liaison) who = liaison
      }
      const action = s.smart && r ? (r.state === 'sent' ? (s.action === 1 ? 'return' : 'accept') : 'report') : (['accept', 'return', 'report'] as const)[s.action]
      const res = await w.call(who, casesRoutes.answerReferral, { params: { id: c.id, referralId: r?.id ?? `${c.id}-r9` }, body: { action, version: c.version, note: s.note ? '模型测试说明' : undefined } })
      return { label: `answer:${action}`, ...res, writes: 1, reveal: false }
    }
    case 'reveal': {
      const res = await w.call(who, casesRoutes.reveal, { params, body: { field: caseFields[s.field], reason: s.reason ? '模型测试事由' : '' } })
      return { label: 'reveal', ...res, writes: 1, reveal: true }
    }
    case 'library': {
      // 0: the draft, 1–2: submit, 3: pass, 4: refuse (mostly with a reason), 5: the sender mends a refused one
      const entries = w.db.caseLibrary ?? []
      if (s.action === 0) {
        const res = await w.call(who, casesRoutes.libraryDraft, { params })
        return { label: 'library:draft', ...res, writes: 0, reveal: false }
      }
      if (s.action <= 2) {
        const body = { title: '模型测试案例', story: `模型测试的案情与办理经过，${c.subject.name}，足够二十个字。`, lesson: s.lesson ? '模型测试的办案启示' : '', outcome: caseOutcomes[s.e % caseOutcomes.length] }
        const res = await w.call(who, casesRoutes.librarySubmit, { params, body })
        return { label: 'library:submit', ...res, writes: 1, reveal: false }
      }
      // mostly one still in review (a fresh one if there is), sometimes any
      const open = entries.filter((x) => x.state !== 'published' && BASE.tokens[x.submittedById])
      const e = s.e < 7 && open.length ? open[s.e % open.length] : entries[s.e % Math.max(1, entries.length)]
      if (!e) return null
      const action = (['approve', 'refuse', 'resubmit'] as const)[s.action - 3]
      const mostly = action === 'resubmit' ? e.submittedById : 'u-staff-08'
      const by = s.who < 7 && BASE.tokens[mostly] ? mostly : STAFF[s.who]
      const res = await w.call(by, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action, version: e.version, note: s.lesson ? '模型测试审核意见' : undefined, lesson: action === 'resubmit' ? '模型测试修改后的启示' : undefined } })
      return { label: `library:${action}`, ...res, writes: 1, reveal: false }
    }
    case 'contact': {
      const res = await w.call(who, casesRoutes.contact, { params, body: { channel: contactChannels[s.channel], note: '模型测试联系' } })
      return { label: 'contact', ...res, writes: 1, reveal: false }
    }
  }
}

// ---------------------------------------------------------------------------------------------

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(detail).slice(0, 1500)}`)
}

function checkCases(w: World, owners: Map<string, string>) {
  const head = federationHead(w.db)!
  const open = w.db.workItems.filter((x) => x.module === 'cases' && x.status === 'open' && x.audience === 'assignee')
  const seenItems = new Set<string>()
  for (const i of open) {
    const k = `${i.objectId}|${i.assigneeId}|${i.step}`
    if (seenItems.has(k)) fail('two open items for one person and step', k)
    seenItems.add(k)
  }
  for (const c of w.db.cases) {
    const before = owners.get(c.id)
    if (before && c.ownerId !== before) fail('the 首接 owner changed', { id: c.id, before, now: c.ownerId })
    if (c.ownerId) owners.set(c.id, c.ownerId)
    if (c.status === 'registered' && c.ownerId) fail('a registered case has an owner', c.id)
    if ((c.status !== 'registered' && c.status !== 'declined') && !c.ownerId) fail('a case taken on has no owner', { id: c.id, status: c.status })
    if (AFTER_CLOSE.has(c.status) !== (c.result !== null)) fail('the result and the state disagree', { id: c.id, status: c.status, result: c.result })
    const live = new Set<string>()
    for (const r of c.referrals) {
      if (r.state === 'returned' && !r.returnReason) fail('a returned referral without its reason', r)
      if (r.state === 'done' && !r.report) fail('a reported referral without its report', r)
      if (r.state !== 'sent' && !r.answeredAt) fail('an answered referral without its time', r)
      if (r.state === 'sent' || r.state === 'accepted') {
        if (live.has(r.unitId)) fail('two live referrals to one unit', { id: c.id, unit: r.unitId })
        live.add(r.unitId)
        if (AFTER_CLOSE.has(c.status)) fail('a closed case with a live referral', { id: c.id, r })
      }
    }
    if (c.risk === 'red' && ACTIVE.has(c.status) && !c.redActedAt) {
      if (!c.redDueAt) fail('red and unacted without its clock', c.id)
      if (!seenItems.has(`${c.id}|${head.id}|红色预警`)) fail('red and unacted, but not on the head’s desk', c.id)
    }
    const entries = (w.db.caseLibrary ?? []).filter((e) => e.caseId === c.id)
    if (entries.length > 1) fail('two library entries for one case', c.id)
    for (const e of entries) {
      if (!['approved', 'visited', 'archived'].includes(c.status)) fail('a library entry of an unfinished case', { id: c.id, status: c.status })
      if (e.state === 'published' && (!e.reviewedById || e.reviewedById === e.submittedById)) fail('published without another reviewer', e)
      if (e.state === 'refused' && !e.reviewNote) fail('refused without its reason', e)
      for (const v of [c.subject.name, c.otherName, c.childName, c.subject.phone, c.subject.idNumber, c.number]) if (v && v.length >= 2 && `${e.title}${e.story}${e.lesson}`.includes(v)) fail('a library entry names the case', { v, e })
    }
    if (!ACTIVE.has(c.status) && c.status !== 'closed' && c.status !== 'approved' && c.status !== 'visited') {
      if (open.some((i) => i.objectId === c.id)) fail('a finished case still has open work', c.id)
    }
  }
}

describe('妇联案件, model-based', () => {
  it(
    `${RUNS} random sequences of up to ${MAX_STEPS} steps never reach an illegal state`,
    async () => {
      await BASE.ready
      const tally: Record<string, number> = { calls: 0, views: 0, s200: 0, s400: 0, s403: 0, s404: 0, s409: 0, escalations: 0 }
      const succeeded: Record<string, number> = {}
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 6, maxLength: MAX_STEPS }), async (steps) => {
          const w = world()
          const owners = new Map<string, string>()
          checkCases(w, owners)
          for (const s of steps) {
            const before = { cases: JSON.stringify(w.db.cases), audit: w.db.audit.length }
            const viewsBefore = tally.views
            const done = await perform(w, s, tally)
            if (!done) continue
            tally.calls++
            if (!ALLOWED.has(done.status)) fail(`${done.label} answered ${done.status}`, done.body)
            tally[`s${done.status}`]++
            if (done.status === 200) succeeded[done.label] = (succeeded[done.label] ?? 0) + 1
            const added = w.db.audit.slice(before.audit)
            const system = added.filter((a) => a.actorId === 'system').length
            tally.escalations += system
            const expected = (done.status === 200 ? done.writes : 0) + (tally.views - viewsBefore)
            if (added.length - system !== expected) fail('audit entries ≠ changes + reveals + views', { step: s, label: done.label, status: done.status, added: added.map((a) => a.action) })
            if (done.status !== 200 && !system && tally.views === viewsBefore && JSON.stringify(w.db.cases) !== before.cases) fail('a refusal changed a case', { step: s, label: done.label, body: done.body })
            if (!done.reveal || done.status !== 200) {
              const leaked = findUnmaskedPersonalData(JSON.stringify(done.body))
              if (leaked) fail('a plaintext phone or ID number in an answer', { label: done.label, leaked })
            }
            checkCases(w, owners)
          }
          const v = verifyAudit(w.db.audit)
          if (!v.ok) fail('the audit chain does not verify', v)
        }),
        { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) },
      )
      const reached = {
        seed: SEED,
        mostlyAnswered: tally.s200 > tally.calls / 5,
        everyRefusal: [400, 403, 404, 409].filter((s) => !tally[`s${s}`]),
        escalations: tally.escalations > 0,
        missing: ['act:accept', 'act:close', 'act:approve', 'act:follow_up', 'refer', 'answer:accept', 'answer:return', 'answer:report', 'reveal', 'assess', 'help', 'library:draft', 'library:submit', 'library:approve', 'library:refuse', 'library:resubmit'].filter((l) => !succeeded[l]),
      }
      expect(reached).toEqual({ seed: SEED, mostlyAnswered: true, everyRefusal: [], escalations: true, missing: [] })
    },
    Math.max(60_000, RUNS * 100),
  )
})
