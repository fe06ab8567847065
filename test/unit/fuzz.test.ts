/**
 * Our own fuzzer over the whole contract (issue #9). For every route in allRoutes() — so a module added
 * later is fuzzed the day it lands — it sends generated requests to the mock BFF: inputs drawn from the
 * route's own valibot schemas (with real ids from the seed, so some get deep into the handlers) and
 * hostile shapes (deep nesting, huge strings, invisible and control text, wrong types, extra fields,
 * broken percent-encoding, wrong Content-Type, missing or reused keys). Every answer must be
 *   · below 500,
 *   · a status the route declares (declaredStatuses: what the OpenAPI document says),
 *   · on error, the contract's error body with a Chinese message,
 *   · free of plaintext mobile and ID numbers (but for the fields a route reveals on purpose).
 * FUZZ_RUNS (default 200 per route) and FUZZ_SEED reproduce or lengthen a run:
 *   FUZZ_RUNS=5000 npx jest test/unit/fuzz.test.ts
 */
import fc from 'fast-check'
import type * as v from 'valibot'
import { allRoutes } from '../../src/contract/routes'
import { API_PREFIX, declaredStatuses, isMutation, type Route } from '../../src/contract/route'
import { isErrorBody } from '../../src/contract/errors'
import { createSeed } from '../../mock/seed'
import { FIXED_NOW, testBff } from '../support/bff'

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const SEED = Number(process.env.FUZZ_SEED ?? 20261125)
// the same rule as the mock's own outgoing check (src/core/mask.ts): a hex hash can hold eleven digits in a row
const PHONE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g

type S = { type: string; entries?: Record<string, S>; wrapped?: S; pipe?: { type: string; requirement?: unknown }[]; options?: unknown[]; item?: S; literal?: unknown; key?: S; value?: S }

const seed = createSeed(FIXED_NOW)
/** ids and values that exist, so generated requests reach past "not found" into the handlers */
const realIds = [
  ...seed.users.map((u) => u.id),
  ...seed.departments.map((d) => d.id),
  ...seed.notices.map((n) => n.id),
  ...seed.documents.map((d) => d.id),
  ...seed.documents.flatMap((d) => d.circulations.map((c) => c.id)),
  ...seed.requests.map((r) => r.id),
  ...seed.files.map((f) => f.id),
  ...seed.catalogue.map((c) => c.id),
  ...seed.resources.map((r) => r.id),
].slice(0, 400)
const goodTimes = ['2026-12-01T18:00:00+08:00', '2026-11-26T09:00:00+08:00', '2026-11-26', '2026-11-27']

const hostileStrings: fc.Arbitrary<string>[] = [
  fc.constantFrom('\u200b\u200c\u200d\u2060', '\u0000', '\u001b[31m红', '\u202e知通', '\ud800', '\udc00x', '   ', '', '\ufeff', 'ﾠ', '\u3164'),
  fc.constantFrom('2030-12-01T10:00:00+08', '2026-02-30T10:00:00+08:00', 'NaN', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '%E0%A4%A', '__proto__', 'constructor'),
  fc.integer({ min: 1, max: 3 }).map((n) => '测'.repeat(n * 40_000)),
]
const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...realIds) },
  { weight: 2, arbitrary: fc.constantFrom(...goodTimes) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom('同意', '请阅知', '关于开展冬季消防安全检查的通知', '联系会签事宜', '各有关单位：请按要求做好工作。') },
  { weight: 2, arbitrary: fc.oneof(...hostileStrings) },
)
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.double())

const unwrap = (s: S): S => (s.pipe && s.type !== 'string' && s.type !== 'number' ? s : s)

/** An arbitrary for a valibot schema: mostly its own shape, sometimes the wrong one. */
function arb(s: S, depth = 0): fc.Arbitrary<unknown> {
  const own = ownArb(unwrap(s), depth)
  return fc.oneof({ weight: 9, arbitrary: own }, { weight: 1, arbitrary: wrongType })
}

function ownArb(s: S, depth: number): fc.Arbitrary<unknown> {
  switch (s.type) {
    case 'object':
    case 'loose_object':
    case 'strict_object': {
      const entries = Object.entries(s.entries ?? {})
      const rec: Record<string, fc.Arbitrary<unknown>> = {}
      const required: string[] = []
      for (const [k, e] of entries) {
        rec[k] = arb(e, depth + 1)
        if (e.type !== 'optional' && e.type !== 'nullish') required.push(k)
      }
      const base = fc.record(rec, { requiredKeys: required })
      // extra fields: a mass-assignment attempt, or plain noise
      return fc.tuple(base, fc.option(fc.record({ id: anyString, createdBy: anyString, roles: fc.constant(['auditor']), version: fc.integer() }, { requiredKeys: [] }), { nil: undefined })).map(([b, x]) => ({ ...(x ?? {}), ...(b as object) }))
    }
    case 'optional':
    case 'nullish':
      return fc.option(arb(s.wrapped!, depth), { nil: undefined })
    case 'nullable':
      return fc.option(arb(s.wrapped!, depth), { nil: null })
    case 'string':
      return anyString
    case 'number':
      return fc.oneof(fc.integer({ min: -2, max: 30 }), fc.integer(), fc.double({ noNaN: false }))
    case 'boolean':
      return fc.boolean()
    case 'picklist':
    case 'enum':
      return fc.constantFrom(...((s.options ?? ['?']) as unknown[]))
    case 'literal':
      return fc.constant(s.literal)
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(arb(s.item!, depth + 1), { maxLength: 4 })
    case 'union':
    case 'variant':
      return fc.oneof(...((s.options ?? []) as S[]).map((o) => arb(o, depth + 1)))
    case 'record':
      return fc.dictionary(fc.constantFrom('title', 'reason', 'destination', 'start', 'end', 'attendees', '__proto__', 'x'), arb(s.value!, depth + 1), { maxKeys: 5 })
    default:
      return fc.anything({ maxDepth: 2 })
  }
}

function deepValue(levels: number): unknown {
  let cur: unknown = 1
  for (let i = 0; i < levels; i++) cur = { x: cur }
  return cur
}

interface Shot {
  params: Record<string, unknown>
  query: Record<string, unknown>
  body: unknown
  rawPath?: string
  contentType: string | null
  key: string | null
  malformed: boolean
}

function shotArb(route: Route): fc.Arbitrary<Shot> {
  const params = route.params ? (ownArb(route.params as unknown as S, 0) as fc.Arbitrary<Record<string, unknown>>) : fc.constant({})
  const query = route.query ? (ownArb(route.query as unknown as S, 0) as fc.Arbitrary<Record<string, unknown>>) : fc.constant({})
  const body = route.body
    ? fc.oneof(
        { weight: 12, arbitrary: ownArb(route.body as unknown as S, 0) },
        { weight: 1, arbitrary: fc.integer({ min: 17, max: 9000 }).map((n) => ({ unused: deepValue(n) })) },
        { weight: 1, arbitrary: wrongType },
      )
    : fc.option(fc.anything({ maxDepth: 2 }), { nil: undefined })
  return fc.record({
    params,
    query,
    body,
    rawPath: fc.option(fc.constantFrom('%E0%A4%A', '%', '..%2F..%2Fetc', '%00', 'x'.repeat(300)), { nil: undefined, freq: 12 }),
    contentType: fc.oneof({ weight: 10, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', null) }),
    key: fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[a-z0-9]{8,16}$/) }, { weight: 1, arbitrary: fc.constantFrom('fixed-key-0001', null, 'short', '键'.repeat(10)) }),
    malformed: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  }) as fc.Arbitrary<Shot>
}

function callerFor(route: Route, db: ReturnType<typeof createSeed>): string | null {
  const a = route.access
  if (a === 'public' || a === 'preview') return null
  if (a === 'resident') return 'r-resident-01'
  if (a === 'user' || a === 'staff') return 'u-clerk-01'
  return db.users.find((u) => u.roles.some((r) => a.includes(r)))?.id ?? null
}

/** a lone surrogate cannot be URI-encoded by a well-behaved client; a hostile one sends its raw bytes */
function encodeSegment(value: unknown): string {
  try {
    return encodeURIComponent(String(value ?? ''))
  } catch {
    return '%ED%A0%80'
  }
}

function pathOf(route: Route, shot: Shot): string {
  return API_PREFIX + route.path.replace(/:([A-Za-z]+)/g, (_, k: string) => shot.rawPath ?? encodeSegment(shot.params[k]))
}

function qs(query: Record<string, unknown>): string {
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(typeof v === 'string' ? v : JSON.stringify(v))}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

/** the answer's text with the fields a route reveals on purpose taken out */
function publicText(route: Route, body: unknown): string {
  // a session token is random hex: now and then it holds 11 or 18 digits in a row, which is not a number of anyone's
  const noToken = (k: string, v: unknown) => (k === 'token' ? undefined : v)
  if (!route.reveals || !body || typeof body !== 'object') return JSON.stringify(body, noToken)
  const copy = { ...(body as Record<string, unknown>) }
  for (const f of route.reveals) delete copy[f]
  return JSON.stringify(copy, noToken)
}

const figures = { routes: 0, inputs: 0, statuses: new Map<number, number>() }

describe('fuzzing every route of the contract', () => {
  afterAll(() => {
    const byStatus = [...figures.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ')
    // the figures the closing note asks for
    console.log(`fuzz: ${figures.routes} routes, ${figures.inputs} inputs (${RUNS} per route, seed ${SEED}); statuses ${byStatus}`)
  })

  for (const { name, route } of allRoutes()) {
    it(`${name}: ${RUNS} generated and hostile inputs, never a 5xx, an undeclared status, a non-contract error or plaintext PII`, async () => {
      const t = testBff()
      const caller = callerFor(route, t.db)
      const token = caller ? await t.signIn(caller) : undefined
      // a person's own number, shown to themselves (零跑动 prefills it so they never type it), is not a leak
      const me = t.db.users.find((u) => u.id === caller)
      const own = new Set([me?.phone, me?.idNumber].filter(Boolean))
      const allowed = declaredStatuses(route)
      figures.routes++
      await fc.assert(
        fc.asyncProperty(shotArb(route), async (shot) => {
          figures.inputs++
          const headers: Record<string, string> = {}
          if (token) headers.authorization = `Bearer ${token}`
          if (isMutation(route) && shot.key) headers['idempotency-key'] = shot.key
          if (shot.contentType && shot.body !== undefined) headers['content-type'] = shot.contentType
          const res = await t.bff.handle({ method: route.method, url: pathOf(route, shot) + qs(shot.query), headers, body: shot.malformed ? undefined : shot.body, malformedBody: shot.malformed })
          figures.statuses.set(res.status, (figures.statuses.get(res.status) ?? 0) + 1)
          const where = `${name} ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`
          if (res.status >= 500) throw new Error(`5xx: ${where}`)
          // 404 for a path no route matches (an empty or over-long parameter) is the router's, declared for every parameterised route
          if (!allowed.includes(res.status)) throw new Error(`undeclared status: ${where} (declared ${allowed.join(',')})`)
          if (res.status !== 200) {
            if (!isErrorBody(res.body) || !/[\u4e00-\u9fff]/.test(res.body.message)) throw new Error(`non-contract error body: ${where}`)
          }
          if (!res.binary) {
            const text = publicText(route, res.body)
            const found = [...(text.match(PHONE) ?? []), ...(text.match(ID_NUMBER) ?? [])].filter((x) => !own.has(x))
            if (found.length) throw new Error(`plaintext personal data ${found.join(',')}: ${where}`)
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
    }, 60_000)
  }
})

// keeps the schema type import honest for readers: arbitraries are built from valibot's own schema objects
export type FuzzedSchema = v.GenericSchema
