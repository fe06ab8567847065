import { modelSeed } from '../support/model-seed'
import * as fc from 'fast-check'
import { routes } from '../../src/contract/routes'
import { buildPath, type Route } from '../../src/contract/route'
import { documentActions, documentBoxes, documentStages, type DocumentAction, type DocumentDetail, type DraftInput } from '../../src/contract/documents'
import { toIso } from '../../src/core/time'
import { createMockBff } from '../../mock/app'
import { GENESIS_HASH, verifyAudit } from '../../mock/lib/audit'
import { canonicalJson, sha256Hex } from '../../mock/lib/hash'
import { signaturePng } from '../../mock/lib/png'
import { canSeeDocument } from '../../mock/handlers/documents'
import type { Db, DocumentRow } from '../../mock/db'
import { FIXED_NOW, errorOf, testBff } from '../support/bff'
import { draftOf } from '../support/documents'

/**
 * Model-based: random sequences of actions by random people (drafters, holders of steps, the office's
 * 文书, leaders, outsiders, people without clearance) on a few fresh documents and the seeded ones.
 * The actors mostly pick among the actions the server offers them, and sometimes ask for what they
 * may not do. After every step the invariants of 公文流转 must hold, whatever was asked and refused.
 *
 *   DOCUMENTS_MODEL_RUNS=20000 npx jest test/unit/documents-model.test.ts   a longer run
 *   DOCUMENTS_MODEL_SEED=… DOCUMENTS_MODEL_PATH=…                           replay a failure fast-check printed
 */

const RUNS = Number(process.env.DOCUMENTS_MODEL_RUNS ?? 1000)
const SEED = modelSeed('DOCUMENTS_MODEL_SEED', 20261125)
const PATH = process.env.DOCUMENTS_MODEL_PATH
const MAX_STEPS = 24

/** people who may draft: 文书, a 处室 head, a leader who heads an office (机密), a handler without clearance */
const DRAFTERS = ['u-clerk-01', 'u-staff-02', 'u-clerk-02', 'u-head-02', 'u-leader-02', 'u-staff-03']
const EVERYONE = [
  ...DRAFTERS,
  'u-staff-04', // 文电科科长: 核稿, 初审
  'u-staff-05', // 文电科 clerk
  'u-head-01',
  'u-head-03',
  'u-leader-01',
  'u-staff-01',
  'u-staff-14',
  'u-staff-13',
  'u-staff-06', // 区政数局, no clearance
  'u-handler-01',
  'u-super-02', // an outsider
]
/** for 加签, 转办, 拟办, 传阅: colleagues, strangers, leaders, the uncleared, a resident, nobody */
const PEOPLE = [...EVERYONE, 'u-staff-15', 'r-resident-01', 'u-nobody']
const DEPTS = ['dept-data', 'dept-civil', 'dept-finance', 'dept-gov-office', 'dept-edu', 'dept-inspection']
const SIGNERS = ['u-leader-01', 'u-staff-01', 'u-leader-02', 'u-head-01']
const FINISHED = new Set(['done', 'sent_back'])
const ALLOWED_STATUS = new Set([200, 400, 403, 404, 409])
/** drawn once: encoding a PNG per call would cost more than the call */
const SIGNATURES = Array.from({ length: 7 }, (_, i) => signaturePng(i))
const CIRCULATION_ACTIONS = new Set(['circulate', 'read', 'remind', 'circulate_opinion'])

// ---------------------------------------------------------------------------------------------
// one seeded world, with three fresh drafts, signed in once and copied for every run

const BASE = (() => {
  const t = testBff()
  const tokens: Record<string, string> = {}
  return {
    t,
    tokens,
    ready: (async () => {
      // everyone on staff: a step may be transferred to anybody's colleague
      for (const u of t.db.users.filter((x) => x.kind === 'staff')) tokens[u.id] = await t.signIn(u.id)
      tokens['r-resident-01'] = await t.signIn('r-resident-01')
      const fresh: [string, Partial<DraftInput>][] = [
        ['u-clerk-01', {}],
        ['u-staff-02', { secrecy: 'confidential', countersignDeptIds: ['dept-finance'], ccDeptIds: ['dept-civil'] }],
        ['u-clerk-02', { countersignDeptIds: ['dept-civil', 'dept-finance'], mainToDeptIds: ['dept-gov-office', 'dept-civil'], signerId: 'u-staff-01' }],
        // 机密: only leaders are cleared, so its 编号用印 and the receiving offices must be found among them
        ['u-leader-02', { secrecy: 'secret', countersignDeptIds: [], mainToDeptIds: ['dept-data', 'dept-edu'], ccDeptIds: ['dept-finance'] }],
      ]
      for (const [who, x] of fresh) await t.ok(who, routes.documents.create, { body: draftOf(x) })
      // and the seeded 来文 just arrived is signed for and registered: it waits for 初审 (or 退文)
      for (let i = 0; i < 2; i++) await t.ok('u-clerk-01', routes.documents.act, { params: { id: 'doc-015' }, body: { action: 'approve', version: t.db.documents.find((d) => d.id === 'doc-015')!.version } })
      // the fresh drafts start a working day at 09:00, a little before the model's clock
      for (const s of t.db.sessions) s.expiresAt = toIso(new Date(FIXED_NOW.getTime() + 12 * 3600_000))
    })(),
  }
})()

interface World {
  db: Db
  now: Date
  call(who: string | null, route: Route, input: { params?: Record<string, string>; query?: Record<string, string | number>; body?: unknown }): Promise<{ status: number; body: unknown }>
  advance(minutes: number): void
}

let keySeq = 0
function world(): World {
  const db = structuredClone(BASE.t.db)
  const w: World = {
    db,
    now: FIXED_NOW,
    async call(who, route, input) {
      const qs = input.query ? '?' + new URLSearchParams(Object.entries(input.query).map(([k, v]) => [k, String(v)])).toString() : ''
      const headers: Record<string, string> = {}
      if (who && BASE.tokens[who]) headers.authorization = `Bearer ${BASE.tokens[who]}`
      if (route.method !== 'GET') headers['idempotency-key'] = `model-${++keySeq}`
      if (input.body !== undefined) headers['content-type'] = 'application/json'
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
// actions, as plain descriptors

type Act = {
  kind: 'act'
  doc: number
  smart: boolean
  who: number
  pick: number
  action: DocumentAction
  opinion: boolean
  signature: 0 | 1 | 2
  to: number
  toStage: number
  main: number
  assists: number
  version: -1 | 0 | 1
}
type Action =
  | { kind: 'create'; who: number; secrecy: number; cs: number; mainTo: number; cc: number; signer: number }
  | Act
  | { kind: 'race'; doc: number; other: boolean; to: number }
  | { kind: 'circulate'; doc: number; smart: boolean; who: number; readers: number; purpose: boolean; version: -1 | 0 }
  | { kind: 'read'; doc: number; smart: boolean; who: number }
  | { kind: 'remind'; doc: number; smart: boolean; who: number; version: -1 | 0 }
  | { kind: 'update'; doc: number; smart: boolean; who: number; secrecy: number; version: -1 | 0 }
  | { kind: 'look'; doc: number; who: number; box: number }
  | { kind: 'clock'; minutes: number }

const often = (w: number) => fc.oneof({ weight: w, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })
const versionSkew = fc.oneof({ weight: 12, arbitrary: fc.constant(0 as const) }, { weight: 1, arbitrary: fc.constant(-1 as const) }, { weight: 1, arbitrary: fc.constant(1 as const) })

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), who: fc.nat(), secrecy: fc.nat(), cs: fc.nat(), mainTo: fc.nat(), cc: fc.nat(), signer: fc.nat() }) },
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      doc: fc.nat(),
      smart: often(6),
      who: fc.nat(),
      pick: fc.nat(),
      action: fc.constantFrom(...documentActions),
      opinion: often(8),
      signature: fc.oneof({ weight: 8, arbitrary: fc.constant(1 as const) }, { weight: 1, arbitrary: fc.constantFrom(0 as const, 2 as const) }),
      to: fc.nat(),
      toStage: fc.nat(),
      main: fc.nat(),
      assists: fc.nat(),
      version: versionSkew,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('race' as const), doc: fc.nat(), other: fc.boolean(), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('circulate' as const), doc: fc.nat(), smart: often(4), who: fc.nat(), readers: fc.nat(), purpose: often(8), version: fc.constantFrom(0 as const, 0 as const, 0 as const, -1 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), doc: fc.nat(), smart: often(3), who: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remind' as const), doc: fc.nat(), smart: often(3), who: fc.nat(), version: fc.constantFrom(0 as const, 0 as const, -1 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('update' as const), doc: fc.nat(), smart: often(4), who: fc.nat(), secrecy: fc.nat(), version: fc.constantFrom(0 as const, 0 as const, -1 as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('look' as const), doc: fc.nat(), who: fc.nat(), box: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), minutes: fc.oneof(fc.integer({ min: 5, max: 120 }), fc.constant(60)) }) },
)

// ---------------------------------------------------------------------------------------------
// turning descriptors into calls

const pick = <X>(list: readonly X[], n: number): X => list[n % list.length]
const subset = <X>(list: readonly X[], n: number): X[] => list.filter((_, i) => (n >> i) & 1)
const userOf = (db: Db, id: string) => db.users.find((u) => u.id === id)

interface Call {
  status: number
  body: unknown
  /** the audit entries this step should have added */
  audits: number
  /** the document acted on, when the call changes one */
  target: string | null
  action: string
  caller: string | null
  /** successful changes to `target` (0, 1; 2 would be a broken race) */
  changes: number
  /** before the call: the caller's open tasks on the target (for 会签 and 承办 completion checks) */
  openBefore: { userId: string; stage: string; role: string }[]
}

/** A document to act on: mostly the fresh ones (and what they sent), else any still moving, now and then any at all. */
function docFor(db: Db, n: number): DocumentRow {
  const moving = db.documents.filter((d) => !FINISHED.has(d.status))
  const fresh = moving.filter((d) => d.id >= 'doc-015')
  if (n % 8 === 0) return pick(db.documents, n >> 3)
  if (n % 8 < 6 && fresh.length) return pick(fresh, n >> 3)
  return moving.length ? pick(moving, n >> 3) : pick(db.documents, n >> 3)
}

/** Someone with a stake in the document: a holder, its drafter or registrar, its leader, a reader. */
function partyOf(d: DocumentRow, n: number): string {
  const open = d.tasks.filter((t) => t.state === 'open').map((t) => t.userId)
  const others = [d.drafterId, d.registrarId, d.leaderId, ...d.circulations.flatMap((c) => [c.senderId, ...c.readers.map((r) => r.userId)])].filter((x): x is string => !!x && !!BASE.tokens[x])
  const pool = open.length && n % 3 !== 0 ? open : [...open, ...others]
  return pool.length ? pick(pool, n >> 2) : pick(EVERYONE, n)
}

function isViewAudited(d: DocumentRow | undefined, status: number) {
  return status === 200 && !!d && d.secrecy !== 'none'
}

async function perform(w: World, a: Action): Promise<Call> {
  const db = w.db
  const base = { audits: 0, target: null, caller: null, changes: 0, openBefore: [] }
  switch (a.kind) {
    case 'clock':
      w.advance(a.minutes)
      return { ...base, status: 200, body: null, action: 'clock' }
    case 'create': {
      const who = pick(DRAFTERS, a.who)
      const body = draftOf({
        secrecy: pick(['none', 'none', 'none', 'confidential', 'secret'] as const, a.secrecy),
        countersignDeptIds: a.cs % 3 === 0 ? [] : subset(DEPTS, (a.cs >> 2) % 64).slice(0, 2),
        mainToDeptIds: subset(DEPTS, (a.mainTo % 63) + 1),
        ccDeptIds: subset(['dept-finance', 'dept-edu', 'dept-inspection'], a.cc),
        signerId: pick(SIGNERS, a.signer),
      })
      const res = await w.call(who, routes.documents.create, { body })
      return { ...base, ...res, audits: res.status === 200 ? 1 : 0, action: 'create', caller: who, changes: res.status === 200 ? 1 : 0 }
    }
    case 'act': {
      const d = docFor(db, a.doc)
      const who = a.smart ? partyOf(d, a.who) : pick(EVERYONE, a.who)
      let action = a.action
      let audits = 0
      let detail: DocumentDetail | null = null
      if (a.smart) {
        // look first, as a person would, and take one of the actions offered
        const seen = await w.call(who, routes.documents.get, { params: { id: d.id } })
        if (isViewAudited(d, seen.status)) audits++
        if (seen.status === 200) {
          detail = seen.body as DocumentDetail
          // moving the document on is what people mostly do with it
          const offered = detail.availableActions.map((x) => x.key as DocumentAction)
          if (offered.includes('approve') && a.pick % 4 < 2) action = 'approve'
          else if (offered.length) action = pick(offered, a.pick >> 2)
        }
      }
      const openBefore = d.tasks.filter((t) => t.state === 'open').map((t) => ({ userId: t.userId, stage: t.stage, role: t.role }))
      const me = userOf(db, who)
      const colleagues = db.users.filter((u) => u.kind === 'staff' && u.deptId === me?.deptId && u.id !== who)
      const to =
        action === 'approve' ? pick(['u-leader-01', 'u-staff-01', 'u-leader-01', 'u-head-01'], a.to) : a.smart && colleagues.length && a.to % 3 !== 0 ? pick(colleagues, a.to).id : pick(PEOPLE, a.to)
      const targets = detail?.returnTargets.map((x) => x.stage) ?? []
      const body = {
        action,
        version: d.version + a.version,
        ...(a.opinion ? { opinion: '按程序办理。' } : {}),
        ...(a.signature === 1 ? { signature: SIGNATURES[a.to % 7] } : a.signature === 2 ? { signature: 'data:image/png;base64,R0lGODlhAQABAAAAACw=' } : {}),
        ...(a.to % 5 !== 0 ? { toUserId: to } : {}),
        ...(action === 'return' && (targets.length && a.toStage % 4 !== 0) ? { toStage: pick(targets, a.toStage) } : a.toStage % 3 === 0 ? { toStage: pick(documentStages, a.toStage) } : {}),
        ...(a.main % 6 !== 0 ? { mainDeptId: pick(DEPTS, a.main) } : {}),
        ...(a.assists % 3 === 0 ? {} : { assistDeptIds: subset(DEPTS, a.assists % 64).slice(0, 3) }),
      }
      const res = await w.call(who, routes.documents.act, { params: { id: d.id }, body })
      const ok = res.status === 200
      return { ...res, audits: audits + (ok ? 1 : 0), target: d.id, action, caller: who, changes: ok ? 1 : 0, openBefore }
    }
    case 'race': {
      // the same step approved twice at once: the holder on two devices, or the holder and the one it was just transferred to
      const d = docFor(db, a.doc)
      const task = d.tasks.find((t) => t.state === 'open')
      const holder = task?.userId ?? partyOf(d, a.doc)
      const openBefore = d.tasks.filter((t) => t.state === 'open').map((t) => ({ userId: t.userId, stage: t.stage, role: t.role }))
      const stage = d.stage
      const body = {
        action: 'approve' as const,
        version: d.version,
        opinion: '同意。',
        signature: SIGNATURES[1],
        toUserId: 'u-leader-01',
        mainDeptId: 'dept-finance',
      }
      let audits = 0
      let second = holder
      if (a.other && task) {
        const colleague = db.users.find((u) => u.kind === 'staff' && u.deptId === userOf(db, holder)?.deptId && u.id !== holder && !d.tasks.some((t) => t.state === 'open' && t.userId === u.id))
        if (colleague) {
          const moved = await w.call(holder, routes.documents.act, { params: { id: d.id }, body: { action: 'transfer', version: d.version, toUserId: colleague.id } })
          if (moved.status === 200) {
            audits++
            second = colleague.id
          }
        }
      }
      // both pages were opened before either tap: the holder's from before the transfer, the colleague's after it
      const seen = d.version
      const [x, y] = await Promise.all([
        w.call(holder, routes.documents.act, { params: { id: d.id }, body }),
        w.call(second, routes.documents.act, { params: { id: d.id }, body: { ...body, version: seen } }),
      ])
      const wins = [x, y].filter((r) => r.status === 200).length
      if (wins > 1) throw new Error(`two approvals of one ${stage} step both went through: ${JSON.stringify({ holder, second, d: d.id })}`)
      const winner = x.status === 200 ? x : y.status === 200 ? y : x
      return { ...winner, status: x.status === 200 || y.status === 200 ? 200 : x.status, audits: audits + wins, target: d.id, action: 'race', caller: holder, changes: audits + wins, openBefore }
    }
    case 'circulate': {
      const d = docFor(db, a.doc)
      const who = a.smart ? partyOf(d, a.who) : pick(EVERYONE, a.who)
      const readerIds = subset(PEOPLE, a.readers % 4096).slice(0, 4)
      const res = await w.call(who, routes.documents.circulate, {
        params: { id: d.id },
        body: { version: d.version + a.version, readerIds: readerIds.length ? readerIds : [pick(PEOPLE, a.readers)], purpose: a.purpose ? '请阅知并抓好落实。' : '阅' },
      })
      const ok = res.status === 200
      return { ...base, ...res, audits: ok ? 1 : 0, target: d.id, action: 'circulate', caller: who, changes: ok ? 1 : 0 }
    }
    case 'read': {
      const circulated = db.documents.filter((d) => d.circulations.length)
      const d = a.smart && circulated.length ? pick(circulated, a.doc) : docFor(db, a.doc)
      const readers = d.circulations.flatMap((c) => c.readers.map((r) => r.userId)).filter((x) => BASE.tokens[x])
      const who = a.smart && readers.length ? pick(readers, a.who) : pick(EVERYONE, a.who)
      const unread = d.circulations.some((c) => c.readers.some((r) => r.userId === who && r.status === 'unread'))
      const res = await w.call(who, routes.documents.read, { params: { id: d.id } })
      const changed = res.status === 200 && unread
      return { ...base, ...res, audits: changed ? 1 : 0, target: d.id, action: 'read', caller: who, changes: changed ? 1 : 0 }
    }
    case 'remind': {
      const circulated = db.documents.filter((d) => d.circulations.length)
      const d = a.smart && circulated.length ? pick(circulated, a.doc) : docFor(db, a.doc)
      const c = d.circulations.length ? pick(d.circulations, a.who) : null
      const who = a.smart && c ? c.senderId : pick(EVERYONE, a.who)
      const res = await w.call(who, routes.documents.remind, { params: { id: d.id, circulationId: c?.id ?? `${d.id}-c1` }, body: { version: d.version + a.version } })
      const ok = res.status === 200
      return { ...base, ...res, audits: ok ? 1 : 0, target: d.id, action: 'remind', caller: who, changes: ok ? 1 : 0 }
    }
    case 'update': {
      const editable = db.documents.filter((d) => d.status === 'draft' || d.status === 'returned')
      const d = a.smart && editable.length ? pick(editable, a.doc) : docFor(db, a.doc)
      const who = a.smart && d.drafterId ? d.drafterId : pick(EVERYONE, a.who)
      const body = {
        ...draftOf({
          title: '关于开展模型测试工作的通知（修改稿）',
          secrecy: pick(['none', 'none', 'confidential', 'secret'] as const, a.secrecy),
          countersignDeptIds: d.countersignDeptIds.length ? d.countersignDeptIds : [],
          mainToDeptIds: d.mainToDeptIds.length ? d.mainToDeptIds : ['dept-data'],
          ccDeptIds: d.ccDeptIds,
          signerId: d.signerId ?? 'u-leader-01',
        }),
        version: d.version + a.version,
      }
      const res = await w.call(who, routes.documents.update, { params: { id: d.id }, body })
      const ok = res.status === 200
      return { ...base, ...res, audits: ok ? 1 : 0, target: d.id, action: 'update', caller: who, changes: ok ? 1 : 0 }
    }
    case 'look': {
      const d = pick(db.documents, a.doc)
      const who = pick(EVERYONE, a.who)
      const sees = canSeeDocument(db, d, userOf(db, who)!)
      const res = await w.call(who, routes.documents.get, { params: { id: d.id } })
      if (res.status !== (sees ? 200 : 404)) throw new Error(`${who} ${sees ? 'may see' : 'may not see'} ${d.id} but got ${res.status}`)
      const list = await w.call(who, routes.documents.list, { query: { box: pick(documentBoxes, a.box), limit: 100 } })
      if (list.status !== 200) throw new Error(`list refused: ${JSON.stringify(list.body)}`)
      for (const item of (list.body as { items: { id: string }[] }).items) {
        const row = db.documents.find((x) => x.id === item.id)!
        if (!canSeeDocument(db, row, userOf(db, who)!)) throw new Error(`${who} was listed ${row.id}, which they may not see`)
      }
      return { ...base, ...res, audits: isViewAudited(d, res.status) ? 1 : 0, action: 'look', caller: who }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the invariants

function fail(message: string, detail?: unknown): never {
  throw new Error(`${message}${detail === undefined ? '' : `\n${JSON.stringify(detail, null, 1)}`}`)
}

/** What a finished document keeps forever: everything but its circulation (传阅 goes on after 办结). */
const frozen = (d: DocumentRow) => JSON.stringify({ ...d, version: 0, updatedAt: '', timeline: [], circulations: [] })

function checkState(w: World, verifyChain: boolean) {
  const db = w.db
  const numbers = new Map<string, string>()
  const openItems = db.workItems.filter((x) => x.module === 'documents' && x.status === 'open')
  for (const d of db.documents) {
    const open = d.tasks.filter((t) => t.state === 'open')
    // in_progress ⇔ someone holds a step, and every open task is of the current step
    if ((d.status === 'in_progress') !== open.length > 0) fail(`a ${d.status} document with ${open.length} open tasks`, d)
    for (const t of open) if (t.stage !== d.stage) fail('an open task of another step than the current one', d)
    // nobody holds two shares of one document
    const holders = open.map((t) => t.userId)
    if (new Set(holders).size !== holders.length) fail('someone holds two open tasks on one document', d)
    // every holder has exactly one 待办 for it, and nobody else one (but the drafter of a returned document)
    const todo = openItems.filter((x) => x.objectId === d.id && x.audience === 'assignee' && x.tags.includes('todo')).map((x) => x.assigneeId)
    const expected = [...holders, ...(d.status === 'returned' ? [d.drafterId!] : [])]
    if (JSON.stringify([...todo].sort()) !== JSON.stringify([...expected].sort())) fail('the 待办 items do not match the holders', { d: d.id, todo, expected })
    // nobody holds, or is sent, a document they may not read
    for (const t of open) if (!canSeeDocument(db, d, userOf(db, t.userId)!)) fail(`${t.userId} holds a step of ${d.id} they cannot see`, d)
    if (d.kind === 'outgoing' && d.docNumber) {
      if (numbers.has(d.docNumber)) fail(`发文字号 ${d.docNumber} given twice`, [numbers.get(d.docNumber), d.id])
      numbers.set(d.docNumber, d.id)
    }
  }
  for (const x of openItems) {
    const d = db.documents.find((y) => y.id === x.objectId)!
    if (!canSeeDocument(db, d, userOf(db, x.assigneeId)!)) fail(`${x.assigneeId} has an inbox item for ${d.id}, which they cannot see`, { x, d })
  }
  if (verifyChain) {
    const verdict = verifyAudit(db.audit)
    if (!verdict.ok) fail('the audit chain does not verify', verdict)
  }
}

/** The entries added in one step extend the chain: sequence, link and hash (the whole chain is verified at each run's start and end). */
function checkChainTail(w: World, from: number) {
  const log = w.db.audit
  for (let i = from; i < log.length; i++) {
    const e = log[i]
    const prevHash = i ? log[i - 1].hash : GENESIS_HASH
    const { prevHash: p, hash, ...content } = e
    if (e.seq !== i + 1 || p !== prevHash || sha256Hex(prevHash + canonicalJson(content)) !== hash) fail('the audit chain does not verify', e)
  }
}

interface Before {
  docs: Map<string, string>
  versions: Map<string, number>
  count: number
  audit: number
  stage: Map<string, string>
}

function snapshot(w: World): Before {
  return {
    docs: new Map(w.db.documents.map((d) => [d.id, JSON.stringify(d)])),
    versions: new Map(w.db.documents.map((d) => [d.id, d.version])),
    count: w.db.documents.length,
    audit: w.db.audit.length,
    stage: new Map(w.db.documents.map((d) => [d.id, d.stage])),
  }
}

function checkStep(w: World, b: Before, call: Call, finished: Map<string, string>) {
  const db = w.db
  if (!ALLOWED_STATUS.has(call.status)) fail(`status ${call.status} is outside 200/400/403/404/409`, call)
  if (call.status !== 200 && !/[\u4e00-\u9fff]/.test(errorOf(call).message)) fail('a refusal without a Chinese message', call)

  // audit: one entry per change, one per view of a 密级 document, none for a refusal
  const added = db.audit.slice(b.audit)
  if (added.length !== call.audits) fail(`${added.length} audit entries where ${call.audits} were due`, { call: { ...call, body: undefined }, added })
  for (const e of added) if (e.actorId !== call.caller && call.action !== 'race') fail('an audit entry names someone else', { call, e })

  // the document acted on moved by one version per change, and a refused call left every document as it was
  for (const d of db.documents) {
    const was = b.docs.get(d.id)
    if (was === undefined) continue
    const mine = d.id === call.target
    if (mine && call.changes) {
      if (d.version !== b.versions.get(d.id)! + call.changes) fail('a change did not move the version by one', { call: { ...call, body: undefined }, was: b.versions.get(d.id), now: d.version })
    } else if (JSON.stringify(d) !== was) {
      // distributing creates new documents and touches no other
      fail('a document changed that nobody changed', { call: { ...call, body: undefined }, d: d.id })
    }
  }
  const created = db.documents.length - b.count
  const target = db.documents.find((d) => d.id === call.target)
  const distributed = call.changes > 0 && !!target && target.kind === 'outgoing' && b.stage.get(target.id) === 'distribute' && target.status === 'done'
  if (call.action === 'create' && created !== (call.status === 200 ? 1 : 0)) fail('create added the wrong number of documents', created)
  if (call.action !== 'create' && created && !distributed) fail('documents appeared from nowhere', created)
  if (distributed) for (const x of db.documents.slice(b.count)) if (x.sourceDocId !== target!.id || x.stage !== 'receive') fail('a distributed copy is not waiting for 签收', x)

  // 会签 ends only when the last countersigner signs; 承办 only when the main unit finishes after every 协办
  if (target && call.changes && (call.action === 'approve' || call.action === 'race')) {
    const from = b.stage.get(target.id)
    if (from === 'countersign' && target.stage !== 'countersign') {
      const cs = call.openBefore.filter((t) => t.stage === 'countersign')
      if (cs.length !== 1) fail('会签 finished while others had not signed', { target: target.id, openBefore: call.openBefore })
    }
    if (from === 'handle' && target.status === 'done') {
      if (call.openBefore.length !== 1 || call.openBefore[0].role !== 'main') fail('承办 finished with 协办 still open', { target: target.id, openBefore: call.openBefore })
    }
  }

  // finished documents never change again but for 传阅
  for (const d of db.documents) {
    const seen = finished.get(d.id)
    if (!FINISHED.has(d.status)) {
      if (seen !== undefined) fail('a finished document was reopened', d)
      continue
    }
    const now = frozen(d)
    if (seen !== undefined && seen !== now) fail('a finished document changed', { d, call: { ...call, body: undefined } })
    if (seen !== undefined && d.version !== b.versions.get(d.id) && !(d.id === call.target && CIRCULATION_ACTIONS.has(call.action)))
      fail('a finished document’s version moved without 传阅', { d: d.id, call: { ...call, body: undefined } })
    finished.set(d.id, now)
  }
}

// ---------------------------------------------------------------------------------------------

describe('公文流转, model-based', () => {
  it(
    `${RUNS} random sequences of up to ${MAX_STEPS} actions never reach an illegal state`,
    async () => {
      await BASE.ready
      const tally = { calls: 0, statuses: {} as Record<number, number>, succeeded: {} as Record<string, number>, finished: 0, numbered: 0, views: 0 }
      const started = Date.now()
      await fc.assert(
        fc.asyncProperty(fc.array(actionArb, { minLength: 6, maxLength: MAX_STEPS, size: 'max' }), async (actions) => {
          const w = world()
          const finished = new Map<string, string>()
          checkState(w, true)
          for (const d of w.db.documents) if (FINISHED.has(d.status)) finished.set(d.id, frozen(d))
          const finishedBefore = new Set(finished.keys())
          for (const a of actions) {
            const b = snapshot(w)
            const call = await perform(w, a)
            checkStep(w, b, call, finished)
            checkChainTail(w, b.audit)
            checkState(w, false)
            if (call.action !== 'clock') {
              tally.calls++
              tally.statuses[call.status] = (tally.statuses[call.status] ?? 0) + 1
              if (call.changes) tally.succeeded[call.action] = (tally.succeeded[call.action] ?? 0) + 1
            }
          }
          checkState(w, true)
          tally.finished += w.db.documents.filter((d) => FINISHED.has(d.status) && !finishedBefore.has(d.id)).length
          tally.numbered += w.db.documents.filter((d) => d.kind === 'outgoing' && d.docNumber && d.docNumber !== '深宝府办〔2026〕1号').length
          tally.views += w.db.audit.filter((e) => e.action === 'document.view').length
        }),
        { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) },
      )
      if (process.env.DOCUMENTS_MODEL_DEBUG) console.log(JSON.stringify({ seed: SEED, ms: Date.now() - started, ...tally }))
      // the sequences reach the interesting places, not only refusals
      const reached = {
        seed: SEED,
        mostlyAnswered: tally.statuses[200] > tally.calls / 4,
        finished: tally.finished > RUNS / 20,
        numbered: tally.numbered > RUNS / 20,
        views: tally.views > 0,
        everyRefusal: [400, 403, 404, 409].filter((s) => !tally.statuses[s]),
        everyChange: [...documentActions, 'create', 'circulate', 'read', 'remind', 'update', 'race'].filter((a) => !tally.succeeded[a]),
      }
      expect(reached).toEqual({ seed: SEED, mostlyAnswered: true, finished: true, numbered: true, views: true, everyRefusal: [], everyChange: [] })
    },
    Math.max(120_000, RUNS * 200),
  )
})
