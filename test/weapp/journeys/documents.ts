/** 公文流转 on the staff weapp: from the inbox to an approved step. */
import { check, type WeappJourney } from './types'

export const documentJourneys: WeappJourney[] = [
  {
    name: 'documents-approve-from-inbox',
    build: 'staff',
    platform: 'wecom',
    user: 'u-staff-04',
    async run(d) {
      await d.tapTab('统一待办')
      await d.waitForText('核稿')
      await d.tap('关于商请协助开展政务数据共享专项')
      await d.waitForText('当前：待核稿')
      check((await d.stack()).at(-1) === 'features/documents/pages/detail/index', 'the 公文 did not open on its detail page')
      await d.type('填写意见', '同意，请按程序会签。')
      await d.tap('核稿通过')
      check((await d.waitForRequest('POST', '/api/v1/documents/')) === 200, 'the approval was refused')
      await d.waitForText('当前：待签发')
      await d.waitForText('同意，请按程序会签。')
      return '统一待办 → 公文 detail → opinion typed → 核稿通过 → 待签发, opinion on record'
    },
  },
]
