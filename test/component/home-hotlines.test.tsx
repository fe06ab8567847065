import { offerHotlines } from '../../src/features/home/pages/index/index'
import { fake } from '../support/taro-fake'

beforeEach(() => fake.reset())

describe('群众端 hotlines can be called (issue #7: 12348 and 12338 could not be tapped)', () => {
  it('拨打热线 → 12338 dials it', async () => {
    fake.actionSheetAnswer = 1
    await offerHotlines('视频调解')
    expect(fake.modals).toEqual([expect.objectContaining({ title: '视频调解' })])
    expect(fake.actionSheets).toEqual([['拨打 12348（法律服务）', '拨打 12338（妇女维权）']])
    expect(fake.phoneCalls).toEqual(['12338'])
  })

  it('知道了 or closing the sheet dials nothing', async () => {
    fake.modalAnswer = false
    await offerHotlines('视频调解')
    expect(fake.actionSheets).toEqual([])
    fake.modalAnswer = true
    fake.actionSheetAnswer = null
    await offerHotlines('视频调解')
    expect(fake.phoneCalls).toEqual([])
  })
})
