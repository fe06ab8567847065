/**
 * 督查督办, model-based: random sequences of actions by random people — legal ones (what the server
 * offers) mixed with deliberate illegal ones (wrong person, wrong time, stale version, bad input) and
 * the clock moving — driven through the same functions the routes call. After every step:
 *   - a refusal changed nothing (items, inbox, audit);
 *   - a change left exactly one audit entry, plus one per automatic ladder step; the chain links;
 *   - every item's open inbox tasks are exactly what its state asks of people;
 *   - no illegal state: running ⇔ started with a signed 主办, sub-tasks within the deadline in force,
 *     at most one 延期 pending, the ladder climbs in order and stops at 红色督办单;
 *   - an archived item never changes again; nothing but a refusal is ever thrown.
 *
 *   SUPERVISION_MODEL_RUNS=10000 npx jest test/unit/supervision-model.test.ts   a longer run
 *   SUPERVISION_MODEL_SEED=… SUPERVISION_MODEL_PATH=…                           replay a failure
 */
import { modelSeed } from '../support/model-seed'
import fc from 'fast-check'
import { ladderSteps, supervisionActions, supervisionStatuses, type SupervisionAction } from '../../src/contract/supervision'
import { toIso } from '../../src/core/time'
import type { Ctx } from '../../mock/context'
import type { Db } from '../../mock/db'
import { HttpError } from '../../mock/lib/errors'
import { verifyAudit } from '../../mock/lib/audit'
import { act, actionsFor, createItem, deadlineOf, feedback, runLadder, wantedOf, evidenceOffers } from '../../mock/handlers/supervision'
import { createSeed } from '../../mock/seed'
import { FIXED_NOW } from '../support/bff'

const RUNS = Number(process.env.SUPERVISION_MODEL_RUNS ?? 1000)
const SEED = modelSeed('SUPERVISION_MODEL_SEED', 20261125)
const PATH = process.env.SUPERVISION_MODEL_PATH
const MAX_STEPS = 24

const BASE = createSeed(FIXED_NOW)
const PEOPLE = [
  'u-super-01', 'u-super-02', 'u-staff-07', // 督查室
  'u-leader-01', 'u-staff-01', 'u-leader-02', // 牵头领导
  'u-head-02', 'u-staff-06', 'u-head-03', 'u-handler-02', 'u-staff-14', 'u-sup-02', 'u-sup-01', 'u-staff-12', 'u-sup-03', 'u-handler-03', // heads and 联络员
  'u-handler-01', 'u-partner-civil-01', // sub-task owners
  'u-clerk-01', 'u-auditor-01', // nobody's business
]
const DEPTS = ['dept-data', 'dept-civil', 'dept-finance', 'dept-edu', 'street-xixiang', 'dept-wf']

type Step =
  | { kind: 'act'; item: number; who: number; action: SupervisionAction; smart: boolean; opinion: boolean; stale: boolean; dept: number; day: number; owner: number }
  | { kind: 'feedback'; item: number; who: number; smart: boolean; percent: number; evidence: boolean; stale: boolean }
  | { kind: 'create'; who: number; dept: number; assist: number; day: number; level: boolean }
  | { kind: 'look'; hours: number }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('act' as const), item: fc.nat(), who: fc.nat(), action: fc.constantFrom(...supervisionActions), smart: fc.boolean(), opinion: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), stale: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), dept: fc.nat(), day: fc.integer({ min: -3, max: 60 }), owner: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('feedback' as const), item: fc.nat(), who: fc.nat(), smart: fc.boolean(), percent: fc.integer({ min: 0, max: 100 }), evidence: fc.boolean(), stale: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), who: fc.nat(), dept: fc.nat(), assist: fc.nat(), day: fc.integer({ min: -2, max: 40 }), level: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('look' as const), hours: fc.integer({ min: 1, max: 72 }) }) },
)

interface World {
  db: Db
  now: Date
}

const ctxOf = (w: World, userId: string): Ctx => ({ db: w.db, now: w.now, nowIso: toIso(w.now), user: w.db.users.find((u) => u.id === userId)!, sessionToken: null, requestId: 'model', preview: false })
const dayAhead = (w: World, n: number) => toIso(new Date(w.now.getTime() + n * 86400_000))
const snap = (w: World) => JSON.stringify([w.db.supervision.items, w.db.workItems.filter((x) => x.module === 'supervision'), w.db.counters])

/** Runs one step; returns whether it changed something, or throws anything that is not a refusal. */
function perform(w: World, s: Step, tally: Record<string, number>): 'changed' | 'refused' | 'looked' {
  const items = w.db.supervision.items
  const run = (f: () => void) => {
    try {
      f()
      return 'changed' as const
    } catch (err) {
      if (!(err instanceof HttpError) || err.status >= 500) throw err
      tally[err.status] = (tally[err.status] ?? 0) + 1
      return 'refused' as const
    }
  }
  if (s.kind === 'look') {
    w.now = new Date(w.now.getTime() + s.hours * 3600_000)
    runLadder(ctxOf(w, 'u-super-01'))
    return 'looked'
  }
  if (s.kind === 'create') {
    const main = DEPTS[s.dept % DEPTS.length]
    return run(() =>
      createItem(ctxOf(w, PEOPLE[s.who % PEOPLE.length]), {
        title: '随机立项的督办事项',
        source: 'meeting',
        basis: '模型测试的立项依据。',
        attachmentIds: [],
        deadline: dayAhead(w, s.day),
        level: s.level ? 'district' : 'department',
        urgency: 'normal',
        leaderId: 'u-leader-01',
        mainDeptId: main,
        assistDeptIds: [DEPTS[s.assist % DEPTS.length]].filter((x) => x !== main),
        rhythm: 'weekly',
      }),
    )
  }
  const item = items[s.item % items.length]
  let who = PEOPLE[s.who % PEOPLE.length]
  let action: SupervisionAction = s.kind === 'act' ? s.action : 'submit'
  if (s.smart) {
    // someone the server offers something to, doing what it offers
    const offered = PEOPLE.flatMap((p) => actionsFor(w.db, item, w.db.users.find((u) => u.id === p)!).map((a) => [p, a.key as SupervisionAction] as const))
    const pick = offered.length ? offered[s.who % offered.length] : null
    if (pick && s.kind === 'act') [who, action] = pick
    if (s.kind === 'feedback') {
      const can = w.db.supervision.units.filter((u) => item.depts.some((d) => d.deptId === u.deptId && d.state === 'signed')).map((u) => u.liaisonId)
      if (can.length) who = can[s.who % can.length]
    }
  }
  const version = item.version + (s.stale ? -1 : 0)
  if (s.kind === 'feedback') {
    const me = w.db.users.find((u) => u.id === who)!
    const offers = evidenceOffers(w.db, item, me)
    return run(() => feedback(ctxOf(w, who), item.id, { version, progress: '按计划推进中。', nextStep: '继续推进。', percent: s.percent, evidence: s.evidence ? offers.slice(0, 1).map((e) => ({ kind: e.kind, refId: e.refId })) : [], attachmentIds: [] }))
  }
  const owners = w.db.users.filter((u) => ['u-handler-01', 'u-partner-civil-01', 'u-staff-06', 'u-handler-02', 'u-clerk-01'].includes(u.id))
  const open = item.subtasks.filter((t) => t.state === 'open')
  return run(() =>
    act(ctxOf(w, who), item.id, {
      action,
      version,
      opinion: s.opinion ? '模型测试意见。' : undefined,
      mainDeptId: action === 'assign' && s.dept % 3 === 0 ? DEPTS[s.dept % DEPTS.length] : undefined,
      subtaskTitle: action === 'add_subtask' ? '随机子任务' : undefined,
      ownerId: owners[s.owner % owners.length].id,
      deadline: dayAhead(w, s.day),
      subtaskId: open.length ? open[s.owner % open.length].id : item.subtasks[0]?.id,
      blockedBy: action === 'add_subtask' && item.subtasks.length && s.owner % 2 ? item.subtasks[s.owner % item.subtasks.length].id : undefined,
    }),
  )
}

function checkState(w: World, archived: Map<string, string>) {
  const problems: string[] = []
  for (const s of w.db.supervision.items) {
    const where = `${s.id} (${s.status})`
    if (!supervisionStatuses.includes(s.status)) problems.push(`${where}: unknown status`)
    const main = s.depts.find((d) => d.role === 'main' && d.state !== 'declined')
    const running = ['in_progress', 'checking', 'done', 'archived'].includes(s.status)
    if (running && (!s.startedAt || main?.state !== 'signed')) problems.push(`${where}: running without a signed 主办`)
    if (s.status === 'signing' && !s.depts.some((d) => d.state === 'pending')) problems.push(`${where}: 待签收 with nobody to sign`)
    if (s.depts.filter((d) => d.role === 'main' && d.state !== 'declined').length > 1) problems.push(`${where}: two 主办`)
    const end = deadlineOf(s)
    for (const t of s.subtasks) if (t.deadline > end && !s.extensions.some((e) => e.state === 'approved')) problems.push(`${where}: sub-task past the deadline`)
    if (s.extensions.filter((e) => e.state === 'pending_supervisor' || e.state === 'pending_leader').length > 1) problems.push(`${where}: two 延期 pending`)
    s.escalations.forEach((e, i) => {
      if (e.step !== ladderSteps[i]) problems.push(`${where}: the ladder skipped a rung`)
    })
    const open = w.db.workItems.filter((x) => x.objectId === s.id && x.module === 'supervision' && x.audience === 'assignee' && x.status === 'open').map((x) => `${x.assigneeId}|${x.step}|${x.summary}`)
    const want = wantedOf(w.db, s)
    if (JSON.stringify(open.sort()) !== JSON.stringify([...want].sort())) problems.push(`${where}: inbox ${JSON.stringify(open)} ≠ ${JSON.stringify(want)}`)
    if (s.status === 'archived') {
      const now = JSON.stringify(s)
      const seen = archived.get(s.id)
      if (seen !== undefined && seen !== now) problems.push(`${where}: an archived item changed`)
      archived.set(s.id, now)
    }
  }
  if (problems.length) throw new Error(problems.join('\n'))
}

describe('督查督办, model-based', () => {
  it(
    `${RUNS} random sequences of up to ${MAX_STEPS} actions never reach an illegal state`,
    () => {
      const tally: Record<string, number> = {}
      let runs = 0
      // supervision never writes documents, files or people: those are shared, the rest is copied per run
      const mutable = JSON.stringify({ supervision: BASE.supervision, workItems: BASE.workItems, audit: BASE.audit, counters: BASE.counters })
      fc.assert(
        fc.property(fc.array(stepArb, { minLength: 5, maxLength: MAX_STEPS }), (steps) => {
          const w: World = { db: { ...BASE, ...(JSON.parse(mutable) as Pick<Db, 'supervision' | 'workItems' | 'audit' | 'counters'>) }, now: FIXED_NOW }
          const archived = new Map<string, string>()
          checkState(w, archived)
          for (const step of steps) {
            const before = snap(w)
            const auditBefore = w.db.audit.length
            const autoBefore = w.db.supervision.items.reduce((n, s) => n + s.escalations.filter((e) => e.automatic).length, 0)
            const outcome = perform(w, step, tally)
            const auto = w.db.supervision.items.reduce((n, s) => n + s.escalations.filter((e) => e.automatic).length, 0) - autoBefore
            if (outcome === 'refused') {
              if (snap(w) !== before || w.db.audit.length !== auditBefore) throw new Error(`a refusal changed something: ${JSON.stringify(step)}`)
            } else {
              const expected = (outcome === 'changed' ? 1 : 0) + auto
              if (w.db.audit.length - auditBefore !== expected) throw new Error(`${w.db.audit.length - auditBefore} audit entries for ${expected} changes: ${JSON.stringify(step)}`)
              if (outcome === 'changed') tally[`ok:${step.kind === 'act' ? step.action : step.kind}`] = (tally[`ok:${step.kind === 'act' ? step.action : step.kind}`] ?? 0) + 1
              for (let i = Math.max(1, auditBefore); i < w.db.audit.length; i++) if (w.db.audit[i].prevHash !== w.db.audit[i - 1].hash) throw new Error('the audit chain broke')
            }
            checkState(w, archived)
          }
          // the whole chain re-hashed now and then (every entry's link is checked at every step above)
          if (++runs % 50 === 0 && !verifyAudit(w.db.audit).ok) throw new Error('the audit chain does not verify')
        }),
        { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) },
      )
      // the sequences reach the interesting places, not only refusals
      const missing = supervisionActions.filter((a) => !tally[`ok:${a}`])
      expect({ seed: SEED, missing, refusals: [400, 403, 404, 409].filter((s) => !tally[s]) }).toEqual({ seed: SEED, missing: [], refusals: [] })
    },
    Math.max(60_000, RUNS * 100),
  )
})
