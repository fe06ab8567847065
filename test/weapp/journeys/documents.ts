/** 公文流转 on the staff weapp: from the inbox to an approved step; attachments in and out through WeChat's own file APIs. */
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
  {
    // the weapp-only file paths: chooseMessageFile → uploadFile on the 拟稿 page, downloadFile → openDocument on a 收文
    name: 'documents-attachments',
    build: 'staff',
    platform: 'wecom',
    user: 'u-clerk-01',
    async run(d, api) {
      check((await d.waitForRequest('POST', '/api/v1/auth/')) === 200, 'the WeCom sign-in was refused')
      await d.open('/features/documents/pages/compose/index')
      await d.waitForText('添加附件')
      await d.offerFiles([{ name: '2026年第四季度工作安排.pdf' }])
      await d.tap('添加附件')
      check((await d.waitForRequest('POST', '/api/v1/files')) === 200, 'the upload was refused')
      await d.waitForText('2026年第四季度工作安排.pdf')

      const todo = await api.as('u-clerk-01', 'GET', '/api/v1/documents?box=todo&kind=incoming')
      const arrived = (todo.body as { items: { id: string; stage: string }[] }).items.find((x) => x.stage === 'receive')
      check(arrived, 'no incoming document waiting for 签收 in the seed')
      await d.open(`/features/documents/pages/detail/index?id=${arrived.id}`)
      await d.tap('深圳市数字政府建设2027年工作要点.pdf')
      check((await d.waitForRequest('GET', '/api/v1/files/')) === 200, 'the attachment did not download')
      const opened = await d.openedDocuments()
      check(opened.length === 1, `wx.openDocument was called ${opened.length} times`)
      check(opened[0].fileType === 'pdf' && opened[0].head === '%PDF-', `the phone was asked to open ${JSON.stringify(opened[0])}, not the PDF`)
      return `chooseMessageFile → uploadFile → listed; downloadFile → openDocument (pdf, ${opened[0].bytes} B)`
    },
  },
]
