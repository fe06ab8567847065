/**
 * Issue #9, one test per finding of the probe: each of these answered wrongly before its fix (a 500,
 * an invisible reason audited, a NaN date stored, a write applied twice, a session handed on, a
 * preview-off sign-in, no 429, JSON taken as text/plain, an under-declared OpenAPI document).
 */
import type { Server } from 'node:http'
import { routes, allRoutes } from '../../src/contract/routes'
import { declaredStatuses, isMutation } from '../../src/contract/route'
import { sanitizeFileName } from '../../src/contract/schema'
import { parseIso } from '../../src/core/time'
import { startServer } from '../../mock/server'
import { draftOf } from '../support/documents'
import { errorOf, FIXED_NOW, testBff } from '../support/bff'

const CHINESE = /[\u4e00-\u9fff]/
const servers: Server[] = []
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))))
async function start(opts: Parameters<typeof startServer>[0] = {}) {
  const s = await startServer({ port: 0, quiet: true, now: () => FIXED_NOW, ...opts })
  servers.push(s.server)
  return s
}

/** {"x":{"x":…}} nested `depth` levels: 16 KB of text, unused by every schema. */
const deep = (depth: number) => `${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}`

describe('a body nested 8,000 levels deep', () => {
  it('is refused with a Chinese 413 by every write route, the sign-ins included, in-process and over HTTP', async () => {
    const t = testBff()
    // someone the route admits, so the body limit (not the route's gate) is what answers
    const tokenFor = (access: unknown) => {
      const roles = Array.isArray(access) ? (access as string[]) : access === 'resident' ? ['resident'] : ['dept_head']
      const who = t.db.users.find((u) => u.roles.some((r) => roles.includes(r)))!
      return t.signIn(who.id)
    }
    const nested: Record<string, unknown> = {}
    let cur = nested
    for (let i = 0; i < 8000; i++) cur = (cur.x = {}) as Record<string, unknown>
    for (const { name, route } of allRoutes()) {
      if (!isMutation(route) || route.bodyType === 'multipart' || !route.body) continue
      const url = `/api/v1${route.path.replace(/:[A-Za-z]+/g, 'x-1')}`
      const res = await t.raw(route.method, url, { token: await tokenFor(route.access), key: `deep-${name}`, body: { unused: nested } })
      expect([name, res.status]).toEqual([name, 413])
      expect(errorOf(res).message).toMatch(CHINESE)
    }
    const { url } = await start()
    const signedIn = await fetch(`${url}/api/v1/auth/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"u-head-01"}' })
    const httpToken = ((await signedIn.json()) as { token: string }).token
    for (const path of ['/api/v1/auth/preview', '/api/v1/notices']) {
      const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-http-01', authorization: `Bearer ${httpToken}` }, body: `{"userId":"u-clerk-01","unused":${deep(8000)}}` })
      expect(res.status).toBe(413)
      expect(((await res.json()) as { code: string }).code).toBe('BODY_TOO_COMPLEX')
    }
  })

  it('a field the schema drops does not change the fingerprint: the same key with junk added is a replay, not a 422', async () => {
    const t = testBff()
    const body = { reason: '联系会签事宜' }
    const first = await t.as('u-clerk-01', routes.directory.revealContact, { params: { id: 'u-head-01' }, body, idempotencyKey: 'reveal-junk-01' })
    const again = await t.as('u-clerk-01', routes.directory.revealContact, { params: { id: 'u-head-01' }, body: { ...body, junk: [1, 2, 3] } as typeof body, idempotencyKey: 'reveal-junk-01' })
    expect(first.status).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
  })
})

describe('the mock server never answers 500 to a malformed request', () => {
  it('malformed JSON to the settings endpoint is a 400; a broken percent-encoding under /staff/ is a 400', async () => {
    const { url } = await start()
    const settings = await fetch(`${url}/__mock/settings`, { method: 'POST', body: '{"failureRate": ' })
    expect(settings.status).toBe(400)
    expect(((await settings.json()) as { message: string }).message).toMatch(CHINESE)
    const wrong = await fetch(`${url}/__mock/settings`, { method: 'POST', body: '{"failureRate": 7}' })
    expect(wrong.status).toBe(400)
    expect((await fetch(`${url}/staff/%E0%A4%A`)).status).toBe(400)
    expect((await fetch(`${url}/api/v1/directory/people/%E0%A4%A/contact`, { method: 'POST' })).status).toBe(400)
  })
})

describe('invisible text is not text', () => {
  const zw = '\u200b\u200c\u200d\u2060'
  it('a reveal reason of zero-width characters shows no phone number and audits nothing', async () => {
    const t = testBff()
    const before = t.db.audit.length
    const res = await t.as('u-clerk-01', routes.directory.revealContact, { params: { id: 'u-head-01' }, body: { reason: zw } })
    expect(res.status).toBe(400)
    expect(errorOf(res).message).toBe('请填写「查看事由」')
    expect(JSON.stringify(res.body)).not.toMatch(/1[3-9]\d{9}/)
    expect(t.db.audit.length).toBe(before)
  })

  it('titles and a 传阅 purpose of zero-width characters are refused; NUL, ESC, RTL overrides and lone surrogates are refused', async () => {
    const t = testBff()
    const notice = await t.as('u-head-01', routes.notices.create, { body: { title: zw, body: '正文', readerIds: ['u-handler-01'], urgency: 'normal' } })
    expect([notice.status, errorOf(notice).message]).toEqual([400, '请填写「标题」'])
    const doc = await t.as('u-clerk-01', routes.documents.create, { body: draftOf({ title: zw }) })
    expect(doc.status).toBe(400)
    const purpose = await t.as('u-leader-02', routes.documents.circulate, { params: { id: 'doc-001' }, body: { version: 12, readerIds: ['u-head-03'], purpose: '\u200b\u200b' } })
    expect(purpose.status).toBe(400)
    for (const bad of ['关于\u0000测试的通知', '关于\u001b[31m测试', '关于\u202e知通的试测', '关于测试\ud800的通知', '\udc00关于测试的通知']) {
      const res = await t.as('u-head-01', routes.notices.create, { body: { title: bad, body: '正文', readerIds: ['u-handler-01'], urgency: 'normal' } })
      expect([bad, res.status, errorOf(res).message]).toEqual([bad, 400, '「标题」含有无法显示的字符，请删除后重新输入'])
    }
    // text is kept in NFC: the decomposed é is stored composed
    const ok = await t.ok('u-head-01', routes.notices.create, { body: { title: 'Cafe\u0301 会议通知', body: '正文', readerIds: ['u-handler-01'], urgency: 'normal' } })
    expect(ok.title).toBe('Caf\u00e9 会议通知')
  })

  it('file names are sanitised the same way', async () => {
    expect(sanitizeFileName('\u202egpj.exe')).toBe('gpj.exe')
    expect(sanitizeFileName('..\\..\\etc/passwd')).toBe('.._.._etc_passwd')
    expect(sanitizeFileName('\u200b\u200b.pdf')).toBe('未命名文件.pdf')
    expect(sanitizeFileName('请示\u0000\ud800.pdf')).toBe('请示.pdf')
    const t = testBff()
    const res = await t.bff.handle({
      method: 'POST',
      url: '/api/v1/files',
      headers: { authorization: `Bearer ${await t.signIn('u-clerk-01')}`, 'idempotency-key': 'file-name-0001' },
      file: { name: '\u202e关于经费的请示\u0000.pdf', mime: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4') },
    })
    expect((res.body as { name: string }).name).toBe('关于经费的请示.pdf')
  })

  it('a mini-program upload: the file part is named after its temp file, the name field carries the real one (sanitised; blank falls back)', async () => {
    const t = testBff()
    const token = await t.signIn('u-clerk-01')
    const upload = (key: string, body: Record<string, string> | undefined) =>
      t.bff.handle({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'multipart/form-data; boundary=x' },
        body,
        file: { name: 'tmp_0000002a.jpg', mime: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) },
      })
    expect(((await upload('file-name-0002', { name: '现场照片.jpg' })).body as { name: string }).name).toBe('现场照片.jpg')
    expect(((await upload('file-name-0003', { name: '..\\\u202e照片.jpg' })).body as { name: string }).name).toBe('.._照片.jpg')
    expect(((await upload('file-name-0004', { name: '  ' })).body as { name: string }).name).toBe('tmp_0000002a.jpg')
    expect(((await upload('file-name-0005', undefined)).body as { name: string }).name).toBe('tmp_0000002a.jpg')
    const long = await upload('file-name-0006', { name: `${'长'.repeat(201)}.jpg` })
    expect([long.status, (long.body as { message: string }).message]).toEqual([400, '「文件名」不能超过 200 个字'])
  })
})

describe('date-times', () => {
  it('"2030-12-01T10:00:00+08" is refused instead of stored as NaN; a good one is stored in Beijing time', async () => {
    const t = testBff()
    const bad = await t.as('u-head-01', routes.notices.create, { body: { title: '关于测试的通知', body: '正文', readerIds: ['u-handler-01'], urgency: 'urgent', deadline: '2030-12-01T10:00:00+08' } })
    expect([bad.status, errorOf(bad).message]).toEqual([400, '「办理时限」格式不对'])
    const good = await t.ok('u-head-01', routes.notices.create, { body: { title: '关于测试的通知', body: '正文', readerIds: ['u-handler-01'], urgency: 'urgent', deadline: '2030-12-01T02:00:00Z' } })
    expect(t.db.notices.find((n) => n.id === good.id)!.deadline).toBe('2030-12-01T10:00:00+08:00')
  })

  it('parseIso takes only the one form, with every field in range', () => {
    expect(parseIso('2026-11-25T09:30:00+08:00')?.toISOString()).toBe('2026-11-25T01:30:00.000Z')
    for (const bad of ['2030-12-01T10:00:00+08', '2026-02-30T10:00:00+08:00', '2026-11-25T24:00:00+08:00', '2026-11-25 09:30:00+08:00', '2026-11-25T09:30+08:00', '2026-11-25T09:30:00.5+08:00', '2026-W48-3T09:30:00+08:00', '+02026-11-25T09:30:00+08:00']) {
      expect([bad, parseIso(bad)]).toEqual([bad, null])
    }
  })
})

describe('one key, one effect', () => {
  it('u-head-01 and u%2Dhead%2D01 are the same person: the second is a replay and one audit entry is written', async () => {
    const t = testBff()
    const token = await t.signIn('u-clerk-01')
    const before = t.db.audit.length
    const send = (id: string) => t.raw('POST', `/api/v1/directory/people/${id}/contact`, { token, key: 'reveal-encoded-01', body: { reason: '联系会签事宜' } })
    const a = await send('u-head-01')
    const b = await send('u%2Dhead%2D01')
    expect([a.status, b.status]).toEqual([200, 200])
    expect(b.headers['idempotent-replayed']).toBe('true')
    expect(t.db.audit.length).toBe(before + 1)
  })

  it('on /requests/:id/actions the encoded id replays instead of answering 409', async () => {
    const t = testBff()
    const r = await t.ok('u-handler-01', routes.requests.submit, { body: { itemId: 'trip', values: { destination: '广州', start: '2026-11-26', end: '2026-11-27', transport: '高铁', reason: '参加培训' } } })
    const row = t.db.requests.find((x) => x.id === r.id)!
    const approver = r.chain.find((s) => s.state === 'current')!
    const holder = row.steps.find((s) => s.state === 'current')!.holderId!
    expect(approver).toBeTruthy()
    const token = await t.signIn(holder)
    const body = { action: 'approve', version: row.version, opinion: '同意' }
    const a = await t.raw('POST', `/api/v1/requests/${r.id}/actions`, { token, key: 'act-encoded-01', body })
    const b = await t.raw('POST', `/api/v1/requests/${encodeURIComponent(r.id).replace(/-/g, '%2D')}/actions`, { token, key: 'act-encoded-01', body })
    expect([a.status, b.status]).toEqual([200, 200])
    expect(b.headers['idempotent-replayed']).toBe('true')
  })

  it('two sign-ins with the same key and body get two different sessions', async () => {
    const t = testBff()
    const a = await t.raw('POST', '/api/v1/auth/preview', { key: 'same-signin-key', body: { userId: 'u-clerk-01' } })
    const b = await t.raw('POST', '/api/v1/auth/preview', { key: 'same-signin-key', body: { userId: 'u-clerk-01' } })
    expect([a.status, b.status]).toEqual([200, 200])
    expect((a.body as { token: string }).token).not.toBe((b.body as { token: string }).token)
    expect(b.headers['idempotent-replayed']).toBeUndefined()
  })
})

describe('preview off is off', () => {
  it('a mock:… code signs nobody in, and the mock-admin endpoints are not there', async () => {
    const t = testBff({ preview: false })
    for (const code of ['mock:u-auditor-01', 'anything-else']) {
      const res = await t.raw('POST', '/api/v1/auth/wecom', { key: `off-${code}`, body: { code } })
      expect([code, res.status, errorOf(res).message]).toEqual([code, 401, '登录凭证无效，请重新进入小程序'])
    }
    const res = await t.raw('POST', '/api/v1/auth/wechat', { body: { code: 'mock:r-resident-01' } })
    expect(res.status).toBe(401)
    const { url, bff } = await start({ preview: false })
    const reset = await fetch(`${url}/__mock/reset`, { method: 'POST' })
    const settings = await fetch(`${url}/__mock/settings`, { method: 'POST', body: '{"failureRate":1}' })
    expect([reset.status, settings.status]).toEqual([404, 404])
    expect(bff.settings.failureRate).toBe(0)
  })
})

describe('rate limits', () => {
  it('reveal-with-reason answers 429 with Retry-After after 10 calls an hour, and again after the wait', async () => {
    const t = testBff()
    const reveal = (i: number) => t.as('u-clerk-01', routes.directory.revealContact, { params: { id: 'u-head-01' }, body: { reason: `联系会签事宜第${i}次` } })
    for (let i = 0; i < 10; i++) expect((await reveal(i)).status).toBe(200)
    const limited = await reveal(10)
    expect(limited.status).toBe(429)
    expect(errorOf(limited).message).toMatch(/^操作太频繁，请 \d+ 秒后再试$/)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600)
    t.setNow(new Date(t.now.getTime() + 3601_000))
    for (const s of t.db.sessions) s.expiresAt = '2099-01-01T00:00:00+08:00'
    expect((await reveal(11)).status).toBe(200)
  })

  it('sign-in at one account answers 429 after 10 tries a minute; another account is not slowed', async () => {
    const t = testBff()
    for (let i = 0; i < 10; i++) expect((await t.raw('POST', '/api/v1/auth/preview', { body: { userId: 'u-clerk-01' } })).status).toBe(200)
    const limited = await t.raw('POST', '/api/v1/auth/preview', { body: { userId: 'u-clerk-01' } })
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBeDefined()
    expect((await t.raw('POST', '/api/v1/auth/preview', { body: { userId: 'u-clerk-02' } })).status).toBe(200)
  })

  it('the limits are declared in the contract', () => {
    for (const r of [routes.auth.wecomLogin, routes.auth.wechatLogin, routes.auth.previewLogin, routes.directory.revealContact, routes.files.upload]) {
      expect(r.rateLimit).toBeDefined()
      expect(declaredStatuses(r)).toContain(429)
    }
  })
})

describe('the session log', () => {
  it('records sign-in and sign-out beside the business audit, without the token', async () => {
    const t = testBff()
    const auditBefore = t.db.audit.length
    const token = await t.signIn('u-clerk-01')
    await t.raw('POST', '/api/v1/auth/logout', { token, key: 'logout-key-01' })
    expect(t.db.sessionLog!.map(({ event, userId, via }) => ({ event, userId, via }))).toEqual([
      { event: 'sign-in', userId: 'u-clerk-01', via: 'preview' },
      { event: 'sign-out', userId: 'u-clerk-01', via: 'logout' },
    ])
    expect(JSON.stringify(t.db.sessionLog)).not.toContain(token)
    expect(t.db.audit.length).toBe(auditBefore)
  })
})

describe('Content-Type', () => {
  it('JSON sent as text/plain, XML or form data is refused with a Chinese 415', async () => {
    const t = testBff()
    const token = await t.signIn('u-clerk-01')
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await t.raw('POST', '/api/v1/directory/people/u-head-01/contact', { token, key: `type-${type.length}`, body: { reason: '联系会签事宜' }, headers: { 'content-type': type } })
      expect([type, res.status, errorOf(res).message]).toEqual([type, 415, '提交的内容格式不对，请升级到最新版本后重试'])
    }
    const { url } = await start()
    const res = await fetch(`${url}/api/v1/auth/preview`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"userId":"u-clerk-01"}' })
    expect(res.status).toBe(415)
    const xml = await fetch(`${url}/api/v1/auth/preview`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<userId>u-clerk-01</userId>' })
    expect(xml.status).toBe(415)
  })
})

describe('decided: a withdrawn draft stays readable by the 核稿人 it had reached', () => {
  it('the reviewer reads it without any action; someone it never reached gets the 404 of a draft never written', async () => {
    const t = testBff()
    const d = await t.ok('u-clerk-01', routes.documents.create, { body: draftOf() })
    const row = () => t.db.documents.find((x) => x.id === d.id)!
    await t.ok('u-clerk-01', routes.documents.act, { params: { id: d.id }, body: { action: 'submit', version: row().version } })
    const reviewer = row().tasks.find((x) => x.state === 'open')!.userId
    await t.ok('u-clerk-01', routes.documents.act, { params: { id: d.id }, body: { action: 'withdraw', version: row().version } })
    const seen = await t.ok(reviewer, routes.documents.get, { params: { id: d.id } })
    expect(seen.status).toBe('draft')
    expect(seen.availableActions).toEqual([])
    const stranger = await t.as('u-staff-06', routes.documents.get, { params: { id: d.id } })
    expect(stranger.status).toBe(404)
  })
})
