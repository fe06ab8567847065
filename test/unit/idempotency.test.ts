import { routes } from '../../src/contract/routes'
import { errorOf, testBff } from '../support/bff'

const newNotice = { title: '关于报送年度工作总结的通知', body: '请各科室于本周五前报送年度工作总结。', readerIds: ['u-handler-01', 'u-head-02'] }

describe('idempotency: a replayed mutation lands once', () => {
  it('same user, same key, same body → the stored response, one record, one audit entry', async () => {
    const t = testBff()
    const notices = t.db.notices.length
    const audit = t.db.audit.length
    const first = await t.as('u-head-01', routes.notices.create, { body: newNotice, idempotencyKey: 'replay-key-0001' })
    const second = await t.as('u-head-01', routes.notices.create, { body: newNotice, idempotencyKey: 'replay-key-0001' })
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(second.body).toEqual(first.body)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(t.db.notices.length).toBe(notices + 1)
    expect(t.db.audit.length).toBe(audit + 1)
  })

  it('same key with another body → 422 and nothing created', async () => {
    const t = testBff()
    await t.as('u-head-01', routes.notices.create, { body: newNotice, idempotencyKey: 'replay-key-0002' })
    const count = t.db.notices.length
    const res = await t.as('u-head-01', routes.notices.create, { body: { ...newNotice, title: '关于另一件事的通知' }, idempotencyKey: 'replay-key-0002' })
    expect(res.status).toBe(422)
    expect(errorOf(res).code).toBe('IDEMPOTENCY_MISMATCH')
    expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/)
    expect(t.db.notices.length).toBe(count)
  })

  it('a concurrent duplicate while the first is in flight → 409, and only one record', async () => {
    const t = testBff({ latencyMs: 30 })
    const count = t.db.notices.length
    await t.signIn('u-head-01')
    const [a, b] = await Promise.all([
      t.as('u-head-01', routes.notices.create, { body: newNotice, idempotencyKey: 'replay-key-0003' }),
      new Promise((r) => setTimeout(r, 5)).then(() => t.as('u-head-01', routes.notices.create, { body: newNotice, idempotencyKey: 'replay-key-0003' })),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    expect(errorOf(a.status === 409 ? a : b).code).toBe('IDEMPOTENCY_IN_PROGRESS')
    expect(t.db.notices.length).toBe(count + 1)
  })

  it('keys are scoped by user: another person using the same key gets their own result', async () => {
    const t = testBff()
    const count = t.db.notices.length
    const a = await t.as('u-head-01', routes.notices.create, { body: newNotice, idempotencyKey: 'shared-key-0004' })
    const b = await t.as('u-clerk-01', routes.notices.create, { body: { ...newNotice, readerIds: ['u-handler-01'] }, idempotencyKey: 'shared-key-0004' })
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect((a.body as { id: string }).id).not.toBe((b.body as { id: string }).id)
    expect(t.db.notices.length).toBe(count + 2)
  })

  it('a mutation without an Idempotency-Key is refused with a Chinese message', async () => {
    const t = testBff()
    const token = await t.signIn('u-head-01')
    const res = await t.raw('POST', '/api/v1/notices', { token, body: newNotice })
    expect(res.status).toBe(400)
    expect(errorOf(res).code).toBe('IDEMPOTENCY_KEY_REQUIRED')
    expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('a refusal is replayed as the same refusal, not re-evaluated', async () => {
    const t = testBff()
    const n = await t.ok('u-head-01', routes.notices.create, { body: newNotice })
    const item = t.db.workItems.find((w) => w.objectId === n.id && w.assigneeId === 'u-handler-01')!
    const stale = await t.as('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: item.version + 5 }, idempotencyKey: 'stale-key-0001' })
    expect(stale.status).toBe(409)
    const again = await t.as('u-handler-01', routes.notices.read, { params: { id: n.id }, body: { version: item.version + 5 }, idempotencyKey: 'stale-key-0001' })
    expect(again.status).toBe(409)
    expect(again.headers['idempotent-replayed']).toBe('true')
  })
})
