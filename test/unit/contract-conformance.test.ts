/**
 * The contract as any caller sees it, runnable against the mock (in-process, in `npm test`) and against
 * a real BFF over HTTP, so the team building it can check their work against the same table:
 *
 *   BFF_URL=https://bff.example.gov.cn BFF_TOKEN=<a staff user's bearer token> npx jest test/unit/contract-conformance.test.ts
 *
 * It checks what a client relies on without knowing the data behind it: every GET answer the caller may
 * have is shaped as its route says; every refusal has the one error shape with a Chinese message and a
 * code the route declares; no route answers without a session unless it is public; an id nobody issued
 * is a 404 the route declared. By default it writes nothing.
 *
 * Writes are opt-in against a real BFF, on a test tenant only (BFF_WRITES=1, with BFF_TOKEN an applicant
 * and BFF_APPROVER_TOKEN the head who approves their 外出报备): exactly one effect under 20 concurrent
 * identical requests, 409 to the loser of two concurrent approvals, 422 on a key reused with another
 * body — what a multi-instance BFF must guarantee without the mock's single thread. Against the mock
 * they always run, with latency injected so the requests truly overlap.
 */
import * as v from 'valibot'
import { commonErrors, errorCatalog, isErrorBody, type ErrorCode } from '../../src/contract/errors'
import { allRoutes } from '../../src/contract/routes'
import { API_PREFIX, buildPath, isMutation, type Route } from '../../src/contract/route'
import { routes } from '../../src/contract/routes'
import { testBff } from '../support/bff'

type Answer = { status: number; body: unknown }
type Send = (method: string, url: string, token: string | null) => Promise<Answer>

const REMOTE = process.env.BFF_URL?.replace(/\/$/, '')

function remote(base: string): Send {
  return async (method, url, token) => {
    const headers: Record<string, string> = {}
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(`${base}${url}`, { method, headers })
    const text = await res.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // a binary route, or a broken answer: the checks below say which
    }
    return { status: res.status, body }
  }
}

let send: Send
let token: string

beforeAll(async () => {
  if (REMOTE) {
    if (!process.env.BFF_TOKEN) throw new Error('BFF_URL needs BFF_TOKEN: the bearer token of a signed-in staff user')
    send = remote(REMOTE)
    token = process.env.BFF_TOKEN
    return
  }
  const t = testBff()
  send = async (method, url, tok) => t.raw(method, url, { token: tok ?? undefined })
  // 黄雅婷, 文书: an ordinary staff member who may draft, but is neither a leader nor an office manager
  token = await t.signIn('u-clerk-01')
})

/** Queries for GET routes that cannot be called without one. A new such route must add its sample. */
const sampleQueries: Record<string, Record<string, string>> = {
  'inbox.list': { tab: 'todo' },
  'documents.list': { box: 'todo' },
  'supervision.list': { box: 'handling' },
  'requests.resources': { type: 'room', date: '2026-11-26' },
  'mediation.queue': { tab: 'new' },
}

type Entries = Record<string, { type: string }>
const requiredQueryKeys = (r: Route) => Object.entries(((r.query as unknown as { entries?: Entries } | undefined)?.entries ?? {}) as Entries).filter(([, s]) => s.type !== 'optional').map(([k]) => k)

const gets = allRoutes().filter(({ route }) => route.method === 'GET' && !route.path.includes(':') && route.responseType !== 'binary' && route.access !== 'preview')
const withParams = allRoutes().filter(({ route }) => route.method === 'GET' && route.path.includes(':') && route.access !== 'preview')
const guarded = allRoutes().filter(({ route }) => route.access !== 'public' && route.access !== 'preview')

const urlOf = (r: Route, params?: Record<string, string>, query?: Record<string, string>) => {
  const qs = query ? new URLSearchParams(query).toString() : ''
  return buildPath(r.path, params) + (qs ? `?${qs}` : '')
}
const NEVER_ISSUED = 'NOPE0000NEVER'
const placeholders = (r: Route) => Object.fromEntries([...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => [m[1], NEVER_ISSUED]))

/** The one error shape: a known code, a message in Chinese a person can act on, a request id to quote. */
function expectErrorShape(name: string, a: Answer, declared: readonly ErrorCode[]) {
  if (!isErrorBody(a.body)) throw new Error(`${name}: ${a.status} is not the contract's error shape: ${JSON.stringify(a.body).slice(0, 200)}`)
  const body = a.body
  expect(errorCatalog[body.code].status).toBe(a.status)
  expect(body.message).toMatch(/[\u4e00-\u9fff]/)
  expect(body.message).not.toMatch(/Error|undefined|at \w+ \(/)
  expect(typeof body.requestId).toBe('string')
  expect(body.requestId.length).toBeGreaterThan(0)
  if (![...declared, ...commonErrors].includes(body.code)) throw new Error(`${name} answered ${body.code}, which its route does not declare`)
}

describe(`the contract, as a caller sees it (${REMOTE ?? 'mock BFF in-process'})`, () => {
  it('every GET route that needs a query has a sample here', () => {
    const missing = gets.filter(({ name, route }) => requiredQueryKeys(route).length && !sampleQueries[name]).map(({ name }) => name)
    expect(missing).toEqual([])
  })

  it.each(gets.map((g) => [g.name, g.route] as const))('%s answers in the shape its route says', async (name, route) => {
    const a = await send('GET', urlOf(route, undefined, sampleQueries[name]), token)
    if (a.status === 200) {
      const parsed = v.safeParse(route.response, a.body)
      if (!parsed.success) throw new Error(`${name}: the answer does not match the contract: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? ''} ${i.message}`).join('; ')}`)
    } else {
      // a staff member may be refused a route kept for certain roles, in the contract's words
      expect(Array.isArray(route.access) || route.access === 'resident').toBe(true)
      expect(a.status).toBe(403)
      expectErrorShape(name, a, route.errors)
    }
  })

  it.each(withParams.map((g) => [g.name, g.route] as const))('%s: an id nobody issued is a 404 the route declares', async (name, route) => {
    const a = await send('GET', urlOf(route, placeholders(route)), route.access === 'public' ? null : token)
    // a route kept for other roles (or for residents) refuses this staff caller before looking anything up
    if (a.status === 403 && (Array.isArray(route.access) || route.access === 'resident')) return expectErrorShape(name, a, route.errors)
    expect(a.status).toBe(404)
    expect(route.errors).toContain('NOT_FOUND')
    expectErrorShape(name, a, route.errors)
  })

  it.each(guarded.map((g) => [g.name, g.route] as const))('%s answers nobody without a session', async (name, route) => {
    const a = await send(route.method, urlOf(route, route.path.includes(':') ? placeholders(route) : undefined, sampleQueries[name]), null)
    expect(a.status).toBe(401)
    expectErrorShape(name, a, route.errors)
    expect((a.body as { code: string }).code).toBe('UNAUTHENTICATED')
  })

  it('a path outside the contract is a 404 in the same shape', async () => {
    const a = await send('GET', `${API_PREFIX}/no-such-thing`, token)
    expect(a.status).toBe(404)
    expectErrorShape('GET /no-such-thing', a, ['NOT_FOUND'])
  })

  it('covers every route: read ones are called, writing ones are checked without a session', () => {
    const reached = new Set([...gets, ...withParams, ...guarded].map((g) => g.name))
    const unreached = allRoutes()
      .filter(({ name, route }) => !reached.has(name) && !(route.access === 'preview' || (route.access === 'public' && isMutation(route))))
      .map(({ name }) => name)
    expect(unreached).toEqual([])
  })
})

type Write = (method: string, url: string, token: string, body: unknown, key: string) => Promise<Answer>
const WRITES = !REMOTE || process.env.BFF_WRITES === '1'

const describeWrites = WRITES ? describe : describe.skip
describeWrites(`writes, opt-in (${REMOTE ?? 'mock BFF in-process, 30 ms latency'})`, () => {
  let write: Write
  let applicant: string
  let approver: () => Promise<string>
  let runId = 0

  beforeAll(async () => {
    if (REMOTE) {
      if (!process.env.BFF_TOKEN || !process.env.BFF_APPROVER_TOKEN) throw new Error('BFF_WRITES needs BFF_TOKEN (an applicant) and BFF_APPROVER_TOKEN (their head)')
      write = async (method, url, tok, body, key) => {
        const res = await fetch(`${REMOTE}${url}`, { method, headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) })
        return { status: res.status, body: await res.json().catch(() => null) }
      }
      applicant = process.env.BFF_TOKEN
      const tok = process.env.BFF_APPROVER_TOKEN
      approver = async () => tok
      runId = Date.now()
      return
    }
    const t = testBff({ latencyMs: 30 })
    write = async (method, url, tok, body, key) => t.raw(method, url, { token: tok, body, key })
    applicant = await t.signIn('u-handler-01')
    approver = async () => {
      const r = t.db.requests[t.db.requests.length - 1]
      return t.signIn(r.steps.find((st) => st.state === 'current')!.holderId!)
    }
  })

  const trip = (reason: string) => ({ itemId: 'trip', values: { destination: '广州', start: '2026-11-26', end: '2026-11-27', transport: '高铁', reason } })
  const submitUrl = buildPath(routes.requests.submit.path, undefined)

  it('20 concurrent identical submissions under one key take effect exactly once', async () => {
    const key = `conf-once-${runId}-0001`
    const answers = await Promise.all(Array.from({ length: 20 }, () => write('POST', submitUrl, applicant, trip('并发同键测试'), key)))
    const ok = answers.filter((a) => a.status === 200)
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status).toBe(409)
      expectErrorShape('requests.submit', a, ['IDEMPOTENCY_IN_PROGRESS'])
    }
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(new Set(ok.map((a) => (a.body as { id: string }).id)).size).toBe(1)
    // after the first finished, the same key is a replay of the same object
    const later = await write('POST', submitUrl, applicant, trip('并发同键测试'), key)
    expect((later.body as { id: string }).id).toBe((ok[0].body as { id: string }).id)
  })

  it('of two concurrent approvals of one step, the loser gets a 409 and the step is approved once', async () => {
    const r = await write('POST', submitUrl, applicant, trip('并发审批测试'), `conf-appr-${runId}-0001`)
    expect(r.status).toBe(200)
    const { id, version } = r.body as { id: string; version: number }
    const head = await approver()
    const actUrl = buildPath(routes.requests.act.path, { id })
    const [a, b] = await Promise.all([
      write('POST', actUrl, head, { action: 'approve', version, opinion: '同意' }, `conf-appr-${runId}-a001`),
      write('POST', actUrl, head, { action: 'approve', version, opinion: '同意' }, `conf-appr-${runId}-b001`),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    expectErrorShape('requests.act', a.status === 409 ? a : b, routes.requests.act.errors)
  })

  it('a key reused with another body is a 422', async () => {
    const key = `conf-422-${runId}-0001`
    expect((await write('POST', submitUrl, applicant, trip('同键不同内容一'), key)).status).toBe(200)
    const other = await write('POST', submitUrl, applicant, trip('同键不同内容二'), key)
    expect(other.status).toBe(422)
    expectErrorShape('requests.submit', other, ['IDEMPOTENCY_MISMATCH'])
  })
})
