/**
 * 督查督办 on the staff weapp: 转督办 from the 公文 page into the prefilled 立项 form, a basis file through
 * chooseMessageFile → uploadFile, the deadline from WeChat's own date picker, and the item created.
 */
import { check, type WeappJourney } from './types'

export const supervisionJourneys: WeappJourney[] = [
  {
    name: 'supervision-from-document',
    build: 'staff',
    platform: 'wecom',
    user: 'u-super-01',
    async run(d, api) {
      check((await d.waitForRequest('POST', '/api/v1/auth/')) === 200, 'the WeCom sign-in was refused')
      const sources = (await api.as('u-super-01', 'GET', '/api/v1/supervision/document-sources')).body as { items: { id: string; linkedItemId: string | null }[] }
      const doc = sources.items.find((x) => !x.linkedItemId)
      check(doc, 'no 批办 document to turn into an item in the seed')
      await d.open(`/features/documents/pages/detail/index?id=${doc.id}`)
      await d.tap('转督办')
      await d.waitForText('已按公文批办意见预填')
      check((await d.stack()).at(-1) === 'features/supervision/pages/compose/index', `转督办 opened ${(await d.stack()).join(' → ')}`)
      await d.offerFiles([{ name: '领导批示扫描件.pdf' }])
      await d.tap('＋ 添加依据附件')
      check((await d.waitForRequest('POST', '/api/v1/files')) === 200, 'the upload was refused')
      await d.waitForText('领导批示扫描件.pdf')
      await d.pick('办结时限', '2026-12-31')
      await d.waitForText('办结时限：2026-12-31')
      await d.tap('立项并送审')
      check((await d.waitForRequest('POST', '/api/v1/supervision/items')) === 200, 'the 立项 was refused')
      await d.waitForText('待审核')
      check((await d.stack()).at(-1) === 'features/supervision/pages/detail/index', 'the new item did not open')
      await d.waitForText('领导批示扫描件.pdf')
      return '公文 → 转督办 → prefilled 立项, chooseMessageFile → uploadFile, picker → 2026-12-31, 待审核 with its file'
    },
  },
]
