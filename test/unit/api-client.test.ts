import { routes } from '../../src/contract/routes'
import { ApiError } from '../../src/core/errors'
import { createApiClient } from '../../src/core/api'
import { createInProcessAdapter } from '../../mock/adapter'
import { testBff } from '../support/bff'

function sequence(values: number[]) {
  let i = 0
  return () => values[i++ % values.length]
}

describe('api client', () => {
  it('retries a lost answer with the same Idempotency-Key, so the notice exists once', async () => {
    // random(): first call fails after the handler ran (answer lost), the retry is served from the store
    const t = testBff({ failureRate: 1, random: sequence([0.9, 0.1, 0.9, 0.9]) })
    const token = await (async () => {
      t.bff.settings.failureRate = 0
      const tok = await t.signIn('u-head-01')
      t.bff.settings.failureRate = 1
      return tok
    })()
    const seenKeys: string[] = []
    const adapter = createInProcessAdapter(t.bff)
    const api = createApiClient({
      baseURL: '',
      adapter: (config) => {
        seenKeys.push(String(config.headers['Idempotency-Key']))
        return adapter(config)
      },
      getToken: () => token,
      reauthenticate: async () => false,
      sleep: async () => undefined,
    })
    const before = t.db.notices.length
    const n = await api.call(routes.notices.create, { body: { title: '关于丢包重试的通知', body: '正文', readerIds: ['u-handler-01'] } })
    expect(n.title).toBe('关于丢包重试的通知')
    expect(seenKeys.length).toBe(2)
    expect(new Set(seenKeys).size).toBe(1)
    expect(t.db.notices.length).toBe(before + 1)
  })

  it('gives up after its retries with a Chinese message, and does not retry a refusal', async () => {
    const t = testBff({ failureRate: 1, random: () => 0 })
    let calls = 0
    const adapter = createInProcessAdapter(t.bff)
    const api = createApiClient({ baseURL: '', adapter: (c) => (calls++, adapter(c)), getToken: () => null, reauthenticate: async () => false, retries: 2, sleep: async () => undefined })
    await expect(api.call(routes.auth.previewUsers)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: '网络不太稳定，请稍后重试' })
    expect(calls).toBe(3)
    t.bff.settings.failureRate = 0
    calls = 0
    await expect(api.call(routes.auth.me)).rejects.toBeInstanceOf(ApiError)
    expect(calls).toBe(1)
  })

  it('on a 401 signs in again once and repeats the call', async () => {
    const t = testBff()
    let token = 'expired-token'
    let reauths = 0
    const api = createApiClient({
      baseURL: '',
      adapter: createInProcessAdapter(t.bff),
      getToken: () => token,
      reauthenticate: async () => {
        reauths++
        token = await t.signIn('u-clerk-01')
        return true
      },
      sleep: async () => undefined,
    })
    const me = await api.call(routes.auth.me)
    expect(me.id).toBe('u-clerk-01')
    expect(reauths).toBe(1)
  })

  it('a network failure becomes a Chinese message, not an exception text', async () => {
    const api = createApiClient({
      baseURL: '',
      adapter: async () => {
        throw new Error('socket hang up')
      },
      getToken: () => null,
      reauthenticate: async () => false,
      retries: 1,
      sleep: async () => undefined,
    })
    await expect(api.call(routes.auth.previewUsers)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: '网络连接失败，请检查网络后重试' })
  })
})
