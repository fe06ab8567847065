/** 工作台 on the staff weapp: the landing page after the silent sign-in, its entries, 消息 from it. */
import { check, type WeappJourney } from './types'

export const workbenchJourneys: WeappJourney[] = [
  {
    name: 'workbench-supervisor-lands',
    build: 'staff',
    platform: 'wecom',
    user: 'u-super-01',
    async run(d) {
      check((await d.waitForRequest('GET', '/api/v1/workbench')) === 200, 'the 工作台 call failed')
      await d.waitForText('督查督办')
      await d.waitForText('立项督办')
      check((await d.stack()).join() === 'features/workbench/pages/index/index', `the supervisor lands on ${(await d.stack()).join(' → ')}`)
      check(!(await d.hasText('妇联案件')), 'a supervisor sees 妇联案件')
      await d.tap('督办事项')
      await d.waitForText('我督办的')
      check((await d.stack()).at(-1) === 'features/supervision/pages/index/index', `督办事项 opened ${(await d.stack()).join(' → ')}`)
      return 'wx.qy.login → 工作台 (督查督办 first, no 妇联案件) → 督办事项 opens the supervision subpackage'
    },
  },
  {
    name: 'workbench-messages-and-inbox',
    build: 'staff',
    platform: 'wecom',
    user: 'u-handler-01',
    async run(d) {
      await d.waitForText('工作通知')
      await d.tapTab('统一待办')
      await d.waitForText('抄送我的')
      check((await d.stack()).join() === 'features/inbox/pages/index/index', `the inbox tab is ${(await d.stack()).join(' → ')}`)
      await d.tapTab('工作台')
      await d.tap('消息')
      await d.waitForText('免打扰')
      check((await d.stack()).at(-1) === 'features/messages/pages/index/index', `消息 opened ${(await d.stack()).join(' → ')}`)
      check((await d.waitForRequest('GET', '/api/v1/messages/settings')) === 200, 'the 免打扰 settings did not load')
      return '工作台 → 统一待办 tab → 工作台 → 消息 (subpackage, 免打扰 loaded)'
    },
  },
]
