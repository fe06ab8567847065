/** 妇联维权案件 on the staff weapp: a 执委's report with a photo taken by chooseImage → uploadFile; the 案例库 searched. */
import { check, type WeappJourney } from './types'

export const caseJourneys: WeappJourney[] = [
  {
    name: 'cases-exec-photo',
    build: 'staff',
    platform: 'wecom',
    user: 'u-fedexec-01',
    async run(d, api) {
      check((await d.waitForRequest('POST', '/api/v1/auth/')) === 200, 'the WeCom sign-in was refused')
      await d.open('/features/cases/pages/intake/index')
      await d.waitForText('拍照或选照片')
      await d.offerFiles([{ name: 'IMG_0412.jpg', mime: 'image/jpeg' }])
      await d.tap('拍照或选照片')
      check((await d.waitForRequest('POST', '/api/v1/files')) === 200, 'the photo upload was refused')
      await d.waitForText(/✓ 现场照片\.jpg/)
      await d.type('发生了什么、现在是否安全', '走访时见其手臂有淤青，称被丈夫打。')
      await d.type('可只写姓氏，如：陈女士', '许女士')
      await d.tap(/^\s*西乡\s*$/)
      await d.tap(/^\s*上报\s*$/)
      check((await d.waitForRequest('POST', '/api/v1/cases')) === 200, 'the report was refused')
      await d.waitForText('现场照片')
      const mine = await api.as('u-fedexec-01', 'GET', '/api/v1/cases?box=all&limit=50')
      const id = (mine.body as { items: { id: string; channel: string }[] }).items.find((c) => c.channel === 'exec_report')?.id
      check(id, 'the report is not among the 执委’s cases')
      const c = await api.as('u-fed-02', 'GET', `/api/v1/cases/${id}`)
      // chooseImage gives a temp path (tmp_…), never the album's name: the photo is stored as what it is
      check((c.body as { photo: { name: string } | null }).photo?.name === '现场照片.jpg', `the street 妇联 does not see the photo by its name: ${JSON.stringify((c.body as { photo: unknown }).photo)}`)
      return 'chooseImage → uploadFile → 上报 with the photo; the street 妇联 sees it on the case'
    },
  },
  {
    name: 'cases-library',
    build: 'staff',
    platform: 'wecom',
    user: 'u-staff-20',
    async run(d) {
      check((await d.waitForRequest('POST', '/api/v1/auth/')) === 200, 'the WeCom sign-in was refused')
      await d.open('/features/cases/pages/library/index')
      await d.waitForText('困境帮扶：救助帮扶')
      await d.tap('救助帮扶', 1)
      check((await d.waitForRequest('GET', '/api/v1/cases/library')) === 200, 'the search was refused')
      await d.tap('困境帮扶：救助帮扶')
      await d.waitForText('办案启示')
      check((await d.stack()).at(-1) === 'features/cases/pages/library-entry/index', 'the entry did not open')
      return '维权案例库 → filtered by 办理结果 → an entry opens with its lesson'
    },
  },
]
