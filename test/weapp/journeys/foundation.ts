/** Signing in on both builds and both shells, and the inbox that greets staff. */
import { check, type WeappJourney } from './types'

export const foundationJourneys: WeappJourney[] = [
  {
    name: 'staff-wecom-sign-in',
    build: 'staff',
    platform: 'wecom',
    user: 'u-clerk-01',
    async run(d) {
      // no sign-in page in a mini-program: wx.qy.login's code is exchanged silently, then the inbox loads
      check((await d.waitForRequest('POST', '/api/v1/auth/wecom')) === 200, 'the WeCom code exchange failed')
      // staff land on the 工作台; the inbox is the next tab
      await d.waitForText('公文流转')
      check((await d.stack()).join() === 'features/workbench/pages/index/index', `the landing page is ${(await d.stack()).join(' → ')}`)
      await d.tapTab('统一待办')
      await d.waitForText('退回修改')
      await d.waitForText('关于调整区政府办公室值班安排的通知')
      check((await d.stack()).join() === 'features/inbox/pages/index/index', `the stack is ${(await d.stack()).join(' → ')}`)
      await d.pullDownRefresh()
      check((await d.waitForRequest('GET', '/api/v1/inbox?')) === 200, 'pull to refresh did not reload the inbox')
      return 'wx.qy.login → POST /auth/wecom → 工作台 → 统一待办 with 黄雅婷\'s 4 items; pull to refresh reloads'
    },
  },
  {
    name: 'staff-wechat-refused',
    build: 'staff',
    platform: 'wechat',
    user: 'u-clerk-01',
    async run(d) {
      // plain WeChat has no wx.qy: the app signs in with wx.login, which the BFF accepts for residents only
      check((await d.waitForRequest('POST', '/api/v1/auth/wechat')) === 403, 'a staff member was let in through plain WeChat')
      await d.waitForText('请在微信中打开群众端')
      await d.waitForText('重新登录')
      const calls = (await d.requests()).map((r) => r.url.split('?')[0])
      check(!calls.some((u) => u.startsWith('/api/v1/auth/wecom')), 'the app called the WeCom exchange without wx.qy')
      check(!calls.some((u) => u.startsWith('/api/v1/inbox')), 'the inbox was asked for without a session')
      return 'plain WeChat: wx.login → POST /auth/wechat 403 → the refusal in Chinese with 重新登录; no inbox call'
    },
  },
  {
    name: 'staff-inprocess-preview',
    build: 'staff-inprocess',
    platform: 'wecom',
    user: 'u-clerk-01',
    async run(d) {
      // the phone preview bundles the mock BFF: signing in and the inbox make no server call at all
      await d.waitForText('公文列表')
      await d.tapTab('统一待办')
      await d.waitForText('关于调整区政府办公室值班安排的通知')
      await d.tapTab('工作台')
      await d.tap('公文列表')
      await d.waitForText('拟稿')
      const calls = await d.requests()
      check(calls.length === 0, `the in-process build called a server: ${calls.map((c) => `${c.method} ${c.url}`).join(', ')}`)
      return 'in-process preview: silent sign-in, 统一待办 and 公文流转 with zero wx.request calls'
    },
  },
  {
    name: 'resident-sign-in',
    build: 'resident',
    platform: 'wechat',
    user: 'r-resident-01',
    async run(d) {
      check((await d.waitForRequest('POST', '/api/v1/auth/wechat')) === 200, 'the WeChat code exchange failed')
      const stack = await d.stack()
      check(stack.join() === 'features/home/pages/index/index', `the resident lands on ${stack.join(' → ')}`)
      await d.waitForText('您好')
      await d.waitForText('我的事项')
      await d.tapTab('我的')
      await d.waitForText('136****043')
      check((await d.stack()).join() === 'features/me/pages/index/index', `the 我的 tab did not open: ${(await d.stack()).join(' → ')}`)
      return 'wx.login → POST /auth/wechat → 首页 greets 陈淑芬; the 我的 tab shows her masked phone'
    },
  },
]
