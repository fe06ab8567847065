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
  {
    name: 'requests-bundle-meeting',
    build: 'staff',
    platform: 'wecom',
    user: 'u-clerk-02',
    async run(d) {
      await d.tap('零跑动办事')
      await d.tap('会议保障一件事')
      await d.waitForText('一次申报，包含 3 个事项：')
      await d.type('会议名称', '数据共享季度推进会')
      await d.type('参会人数', '12')
      await d.type('参会人员', '吴振宇、刘思远')
      await d.type('用车出发地', '区政府大院')
      await d.type('用车目的地', '西乡街道办事处')
      await d.type('乘车人数', '3')
      // the day chips of the two pickers read exactly 11-26 (the room's 已选 line also holds the date)
      await d.tap(/^11-26$/, 0)
      await d.tap('502')
      await d.tap(/^11-26$/, 1)
      await d.tap('F6M32')
      await d.tap(/^一次申报$/)
      for (const said of ['请填写「会议名称」', '请填写「参会人员」', '请填写「参会人数」', '请填写「用车出发地」', '请填写「乘车人数」', '请选择会议室和时段', '请选择车辆和用车时段']) check(!(await d.hasText(said)), `the form says ${said}`)
      check((await d.waitForRequest('POST', '/api/v1/requests/bundles')) === 200, 'the bundle was refused')
      await d.waitForText('等待前序事项')
      check((await d.stack()).at(-1) === 'features/requests/pages/bundle/index', `after submitting the stack is ${(await d.stack()).join(' → ')}`)
      return '零跑动办事 → 会议保障一件事 → one form, two slots → 一次申报 → the bundle page, 会议通知 waiting for the room'
    },
  },
]
