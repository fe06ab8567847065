/** 零跑动 on the staff weapp. */
import { check, type WeappJourney } from './types'

export const requestJourneys: WeappJourney[] = [
  {
    name: 'requests-meeting-room',
    build: 'staff',
    platform: 'wecom',
    user: 'u-handler-01',
    async run(d) {
      await d.tap('零跑动办事')
      await d.tap('会议室预约')
      await d.waitForText('由通讯录带入')
      await d.type('会议名称', '数据共享专题协调会')
      await d.type('参会人数', '8')
      await d.tap('11-26')
      await d.tap('502')
      await d.tap('提交申请')
      check((await d.waitForRequest('POST', '/api/v1/requests')) === 200, 'the application was refused')
      await d.waitForText('会议室管理员确认')
      check((await d.stack()).at(-1) === 'features/requests/pages/detail/index', `after submitting the stack is ${(await d.stack()).join(' → ')}`)
      return '零跑动办事 → 会议室预约 → 502 on 11-26 → 提交申请 → waiting for 会议室管理员确认'
    },
  },
]
