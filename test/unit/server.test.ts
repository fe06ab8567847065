/** The mock BFF over real HTTP: what the H5 preview and a real BFF's contract tests see. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Server } from 'node:http'
import { startServer } from '../../mock/server'
import { routes } from '../../src/contract/routes'
import { createApiClient } from '../../src/core/api'
import { FIXED_NOW } from '../support/bff'

const servers: Server[] = []
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))))

async function start(opts: Parameters<typeof startServer>[0] = {}) {
  const s = await startServer({ port: 0, quiet: true, now: () => FIXED_NOW, ...opts })
  servers.push(s.server)
  return s
}

async function signIn(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/preview`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `signin-${userId}-${Math.random()}` }, body: JSON.stringify({ userId }) })
  if (!res.ok) throw new Error(`sign-in answered ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

describe('mock BFF over HTTP', () => {
  it('serves the OpenAPI document', async () => {
    const { url } = await start()
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { openapi: string }
    expect(doc.openapi).toBe('3.1.0')
  })

  it('a reset starts the sign-in rate windows afresh: under a frozen clock they would never end', async () => {
    const { url } = await start()
    const tryOnce = () => fetch(`${url}/api/v1/auth/preview`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `rl-${Math.random()}` }, body: JSON.stringify({ userId: 'u-clerk-01' }) })
    for (let i = 0; i < 10; i++) expect((await tryOnce()).status).toBe(200)
    const limited = await tryOnce()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect((await fetch(`${url}/__mock/reset`, { method: 'POST' })).ok).toBe(true)
    expect((await tryOnce()).status).toBe(200)
  })

  it('refuses the preview sign-in when not in preview mode', async () => {
    const { url } = await start({ preview: false })
    const res = await fetch(`${url}/api/v1/auth/preview`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'preview-off-01' }, body: JSON.stringify({ userId: 'u-clerk-01' }) })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { code: string }).code).toBe('PREVIEW_DISABLED')
    const users = await fetch(`${url}/api/v1/auth/preview-users`)
    expect(users.status).toBe(403)
  })

  it('answers malformed JSON with a Chinese 400, and unknown paths with a 404 in the same shape', async () => {
    const { url } = await start()
    const token = await signIn(url, 'u-head-01')
    const bad = await fetch(`${url}/api/v1/notices`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'bad-json-0001' }, body: '{"title": ' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toBe('提交的内容格式不对，请刷新页面后重试')
    const missing = await fetch(`${url}/api/v1/nothing-here`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
  })

  it('uploads a file as multipart, lets its owner download it, and refuses others', async () => {
    const { url } = await start()
    const token = await signIn(url, 'u-clerk-01')
    const form = new FormData()
    form.set('file', new Blob(['%PDF-1.4 请示正文'], { type: 'application/pdf' }), '关于申请经费的请示.pdf')
    const up = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'upload-key-0001' }, body: form })
    expect(up.status).toBe(200)
    const meta = (await up.json()) as { id: string; name: string; size: number; sha256: string }
    expect(meta.name).toBe('关于申请经费的请示.pdf')
    const again = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'upload-key-0001' }, body: form })
    expect(((await again.json()) as { id: string }).id).toBe(meta.id)
    const down = await fetch(`${url}/api/v1/files/${meta.id}/content`, { headers: { authorization: `Bearer ${token}` } })
    expect(down.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await down.arrayBuffer()).toString('utf8')).toBe('%PDF-1.4 请示正文')
    const other = await signIn(url, 'u-clerk-02')
    expect((await fetch(`${url}/api/v1/files/${meta.id}/content`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404)
  })

  it('refuses an exe, an oversize upload and a form without a file with a message a person can act on', async () => {
    const { url } = await start()
    const token = await signIn(url, 'u-clerk-01')
    const none = new FormData()
    none.set('note', '忘了选文件')
    const r0 = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'upload-key-0009' }, body: none })
    expect(r0.status).toBe(400)
    expect(((await r0.json()) as { message: string }).message).toBe('请选择要上传的文件')
    const exe = new FormData()
    exe.set('file', new Blob(['MZ'], { type: 'application/x-msdownload' }), 'a.exe')
    const r1 = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'upload-key-0002' }, body: exe })
    expect(r1.status).toBe(415)
    const big = new FormData()
    big.set('file', new Blob([new Uint8Array(11 * 1024 * 1024)], { type: 'application/pdf' }), 'big.pdf')
    const r2 = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'upload-key-0003' }, body: big })
    expect(r2.status).toBe(413)
    expect(((await r2.json()) as { message: string }).message).toContain('10 MB')
  })

  it('keeps state across a restart in MOCK_DATA_FILE, written atomically', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mock-')), 'data.json')
    const first = await start({ dataFile: file })
    const token = await signIn(first.url, 'u-head-01')
    const res = await fetch(`${first.url}/api/v1/notices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'persist-key-0001' },
      body: JSON.stringify({ title: '关于重启后仍在的通知', body: '演示数据', readerIds: ['u-handler-01'] }),
    })
    const created = (await res.json()) as { id: string }
    expect(fs.readdirSync(path.dirname(file))).toEqual(['data.json'])
    await new Promise((r) => first.server.close(r))
    const second = await start({ dataFile: file })
    expect(second.bff.db.notices.some((n) => n.id === created.id)).toBe(true)
  })

  it('with half the requests failing, the api client still lands a mutation exactly once', async () => {
    const { url, bff } = await start({ failureRate: 0.5 })
    let token: string | undefined
    for (let i = 0; i < 60 && !token; i++) token = await signIn(url, 'u-head-01').catch(() => undefined)
    expect(token).toBeDefined()
    const api = createApiClient({ baseURL: url, getToken: () => token ?? null, reauthenticate: async () => false, retries: 12, backoffMs: 1, sleep: async () => undefined })
    const before = bff.db.notices.length
    const auditBefore = bff.db.audit.length
    const created = await api.call(routes.notices.create, { body: { title: '关于弱网重试的通知', body: '只应出现一次', readerIds: ['u-handler-01'] } })
    expect(created.title).toBe('关于弱网重试的通知')
    expect(bff.db.notices.length).toBe(before + 1)
    expect(bff.db.audit.length).toBe(auditBefore + 1)
  })
})
