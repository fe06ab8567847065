import type { Route, RouteInput, RouteResult } from '../../src/contract/route'
import { buildPath, declaredStatuses, isMutation } from '../../src/contract/route'
import { allRoutes } from '../../src/contract/routes'
import type { ErrorBody } from '../../src/contract/errors'
import { createMockBff, type MockOptions } from '../../mock/app'
import { deserialize, serialize } from 'node:v8'
import { createSeed } from '../../mock/seed'
import type { Db } from '../../mock/db'
import { createInProcessAdapter } from '../../mock/adapter'
import { RootStore } from '../../src/core/root-store'
import { memoryStorage } from '../../src/core/storage'
import { toIso } from '../../src/core/time'
import { clock } from '../../src/core/clock'

/** Wednesday 25 Nov 2026, 10:00 Beijing time: a working day, in office hours. */
export const FIXED_NOW = new Date('2026-11-25T10:00:00+08:00')

const declared = new Map(allRoutes().map(({ name, route }) => [name, declaredStatuses(route)]))
/** every answer of every test BFF in this test file whose status its route does not declare */
const undeclared = new Set<string>()
const checkDeclared: NonNullable<MockOptions['onAnswer']> = (name, res) => {
  if (name && !declared.get(name)?.includes(res.status)) undeclared.add(`${name} answered ${res.status} ${(res.body as { code?: string } | null)?.code ?? ''}`)
}
// What the mock answers across the whole suite is compared with what each route declares (the OpenAPI
// document is generated from the same declarations): a real BFF built from the document must know to
// send every status the mock does.
if (typeof afterAll === 'function') afterAll(() => expect([...undeclared]).toEqual([]))

/**
 * Seeding the district takes ~110 ms and a test file may build a thousand test BFFs (the authorization
 * matrix, the model tests): each gets a deep copy of one pristine seed per clock instead (~12 ms), made with the structured clone algorithm (node:v8: jsdom has no global structuredClone).
 * The seed is a pure function of the clock, so the copy is exactly what a fresh seed would be.
 */
const pristine = new Map<number, Db>()
function seeded(now: Date): Db {
  let db = pristine.get(now.getTime())
  if (!db) pristine.set(now.getTime(), (db = createSeed(now)))
  return deserialize(serialize(db))
}

/** how many 零跑动 requests each test BFF's database started with (the seeded month) */
const seededRequests = new WeakMap<Db, number>()

/** The 零跑动 requests a test filed itself, oldest first: the seeded month comes before them (the table only grows). */
export const filedRequests = (t: { db: Db }) => t.db.requests.slice(seededRequests.get(t.db) ?? 0)

export function testBff(options: MockOptions = {}) {
  let clock = options.now?.() ?? FIXED_NOW
  const bff = createMockBff({ preview: true, now: () => clock, onAnswer: checkDeclared, ...options, db: options.db ?? seeded(clock) })
  seededRequests.set(bff.db, bff.db.requests.length)
  let keySeq = 0
  const tokens = new Map<string, string>()

  async function raw(method: string, url: string, init: { token?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) }
    if (init.token) headers.authorization = `Bearer ${init.token}`
    if (init.key) headers['idempotency-key'] = init.key
    if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
    return bff.handle({ method, url, headers, body: init.body })
  }

  async function signIn(userId: string): Promise<string> {
    const cached = tokens.get(userId)
    if (cached) return cached
    const res = await raw('POST', '/api/v1/auth/preview', { body: { userId }, key: `signin-${userId}-${++keySeq}` })
    if (res.status !== 200) throw new Error(`sign-in as ${userId} failed: ${JSON.stringify(res.body)}`)
    const token = (res.body as { token: string }).token
    tokens.set(userId, token)
    return token
  }

  function url<R extends Route>(route: R, input: RouteInput<R>) {
    const path = buildPath(route.path, (input as { params?: Record<string, string> }).params)
    const q = (input as { query?: Record<string, unknown> }).query
    const qs = q ? new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString() : ''
    return qs ? `${path}?${qs}` : path
  }

  /** Calls a route as a person; resolves to the status and body, never throws on an error status. */
  async function as<R extends Route>(userId: string | null, route: R, input: RouteInput<R> = {} as RouteInput<R>) {
    const token = userId ? await signIn(userId) : undefined
    const key = isMutation(route) ? (input.idempotencyKey ?? `key-${++keySeq}-${Date.now()}`) : undefined
    const res = await raw(route.method, url(route, input), { token, body: (input as { body?: unknown }).body, key })
    return res as { status: number; body: unknown; headers: Record<string, string> }
  }

  /** Like `as`, but expects success and returns the typed result. */
  async function ok<R extends Route>(userId: string, route: R, input: RouteInput<R> = {} as RouteInput<R>): Promise<RouteResult<R>> {
    const res = await as(userId, route, input)
    if (res.status !== 200) throw new Error(`${route.method} ${route.path} as ${userId} → ${res.status} ${JSON.stringify(res.body)}`)
    return res.body as RouteResult<R>
  }

  return {
    bff,
    db: bff.db,
    raw,
    as,
    ok,
    signIn,
    setNow(d: Date) {
      clock = d
    },
    get now() {
      return clock
    },
  }
}

export const errorOf = (res: { body: unknown }) => res.body as ErrorBody

/** A RootStore wired to an in-process mock BFF, as a unit test drives it: no rendering, no network. */
export function testRootStore(options: MockOptions = {}) {
  const t = testBff(options)
  // the client reads the mock's clock, as it would follow a real BFF's X-Server-Time
  clock.pin(() => t.now)
  const storage = memoryStorage()
  const root = new RootStore({
    baseURL: '',
    adapter: createInProcessAdapter(t.bff),
    storage,
    platform: 'h5',
    loginCode: async () => 'mock:u-clerk-01',
    sleep: async () => undefined,
  })
  return { ...t, root, storage }
}

type TestBff = ReturnType<typeof testBff>

/** Moves the mock's clock; sessions that would lapse meanwhile are stretched, as a person would sign in again. */
export function setClock(t: TestBff, iso: string) {
  const now = new Date(iso)
  t.setNow(now)
  for (const s of t.db.sessions) if (Date.parse(s.expiresAt) < now.getTime() + 3600_000) s.expiresAt = toIso(new Date(now.getTime() + 12 * 3600_000))
}

/**
 * A refused call: the status, a Chinese message (exactly, or matching), and nothing changed anywhere
 * `snapshot` looks; each module's tests say what "anywhere" means for them.
 */
export async function expectRefusal<R extends Route>(
  t: TestBff,
  who: string | null,
  route: R,
  input: RouteInput<R>,
  status: number,
  message: string | RegExp | undefined,
  snapshot: () => unknown,
) {
  if (who) await t.signIn(who)
  const before = structuredClone(snapshot())
  const res = await t.as(who, route, input)
  expect(res.status).toBe(status)
  const err = errorOf(res)
  expect(err.message).toMatch(/[\u4e00-\u9fff]/)
  if (typeof message === 'string') expect(err.message).toBe(message)
  else if (message) expect(err.message).toMatch(message)
  expect(structuredClone(snapshot())).toEqual(before)
  return err
}
