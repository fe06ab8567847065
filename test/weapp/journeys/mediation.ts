/** 调解预约 on the weapps: the resident applies and books, the other party answers an invitation, a mediator keeps her calendar. */
import { check, type WeappJourney } from './types'

const application = {
  disputeType: 'neighbour',
  otherPartyName: '李建国',
  otherPartyPhone: '13902817364',
  facts: '楼上住户每天深夜拖动家具，多次上门沟通没有改善。',
  claims: '晚上十点以后降低噪音。',
  mode: 'video',
  streetName: '西乡街道',
  dialect: 'cantonese',
}

export const mediationJourneys: WeappJourney[] = [
  {
    name: 'mediation-apply-book',
    build: 'resident',
    platform: 'wechat',
    user: 'r-resident-01',
    async run(d) {
      await d.waitForText('我的事项')
      check(!(await d.hasText('即将开通')), 'an entry of the home page still says 即将开通')
      await d.tap('申请调解')
      await d.waitForText('遇到了什么纠纷')
      await d.tap('邻里纠纷')
      await d.type('对方姓名或单位', '王海生')
      await d.type('对方电话', '13827461093')
      await d.type('事情经过', application.facts)
      await d.type('您的诉求', application.claims)
      await d.tap('提交申请，去预约时间')
      check((await d.waitForRequest('POST', '/api/v1/mediation/cases')) === 200, 'the application was refused')
      await d.waitForText('选一个您方便的时间')
      check((await d.stack()).at(-1) === 'features/mediation/pages/book/index', `after applying the stack is ${(await d.stack()).join(' → ')}`)
      await d.tap(/\d+月\d+日 周./)
      await d.tap(/^预约 \d+月/)
      check((await d.waitForRequest('POST', '/api/v1/mediation/cases/')) === 200, 'the booking was refused')
      await d.waitForText('调解时间')
      // the first free slot may be today: then the page says changes are closed instead of naming a past time
      await d.waitForText(/前可以改约或取消|不能再改约或取消/)
      check((await d.stack()).at(-1) === 'features/mediation/pages/case/index', `after booking the stack is ${(await d.stack()).join(' → ')}`)
      return '首页 → 申请调解 → 邻里纠纷, 对方, 经过, 诉求 → 提交 → a real slot → 预约 → the case shows the time and the cut-off'
    },
  },
  {
    name: 'mediation-invitation',
    build: 'resident',
    platform: 'wechat',
    user: 'r-resident-02',
    async run(d, api) {
      const c = await api.as('r-resident-01', 'POST', '/api/v1/mediation/cases', application)
      check(c.status === 200, `the setup application failed: ${JSON.stringify(c.body)}`)
      const { inviteCode } = c.body as { inviteCode: string }
      await d.waitForText('我的事项')
      await d.open(`features/mediation/pages/invite/index?code=${inviteCode}`)
      await d.waitForText('陈淑芬邀请您参加人民调解')
      check(!(await d.hasText('拖动家具')), 'the other party sees the applicant’s facts')
      await d.tap('同意参加调解')
      check((await d.waitForRequest('POST', `/api/v1/mediation/invitations/${inviteCode}`)) === 200, 'accepting was refused')
      await d.waitForText('已申请')
      check((await d.stack()).at(-1) === 'features/mediation/pages/case/index', `after accepting the stack is ${(await d.stack()).join(' → ')}`)
      return `the invitation ${inviteCode} opens in the other party's WeChat → 同意参加调解 → their view of the case`
    },
  },
  {
    name: 'mediation-calendar',
    build: 'staff',
    platform: 'wecom',
    user: 'u-mediator-01',
    async run(d) {
      await d.waitForText('待办')
      await d.open('features/mediation/pages/workbench/index')
      await d.waitForText('我承办的')
      await d.tap('日程与调解室')
      await d.waitForText('登记可预约时段')
      await d.tap('视频调解')
      await d.tap('19:00')
      await d.tap('登记这个时段')
      check((await d.waitForRequest('POST', '/api/v1/mediation/slots')) === 200, 'adding the slot was refused')
      await d.waitForText('撤下这个时段')
      return '工作台 → 日程与调解室 → 视频 19:00 tomorrow → 登记 → on the calendar, free'
    },
  },
]
