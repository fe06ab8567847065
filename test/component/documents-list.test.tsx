import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { errorCatalog } from '../../src/contract/errors'
import { routes } from '../../src/contract/routes'
import DocumentListPage from '../../src/features/documents/pages/index/index'
import type { MockOptions } from '../../mock/app'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, openPageAs, pinDateToMockClock, queryButtonsNamed, recordCalls, settle, tap } from './dom'

type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

// seeded documents (mock/seed/documents.ts), by the title a person reads
const ARRIVED = '深圳市人民政府办公厅关于印发《深圳市数字政府建设2027年工作要点》的通知'
const RETURNED = '关于调整区政府办公室值班安排的通知'
const MINUTES = '区政府第45次常务会议纪要'
const WINTER = '关于做好2026年冬季安全生产工作的通知'
const LETTER = '关于商请协助开展政务数据共享专项检查的函'
const REPORT = '关于2026年第三季度政务公开工作情况的报告'
const UNSENT = '关于开展2027年元旦春节期间走访慰问活动的通知'
const PLAN = '关于报送2027年度政务服务事项目录调整意见的通知'
const FUNDS = '关于申请2027年度政务信息化项目资金的请示'

async function openList(userId: string, options: MockOptions = {}, beforeRender?: (t: T) => void) {
  const t = testRootStore(options)
  const view = await openPageAs(t, userId, DocumentListPage, { beforeRender: () => beforeRender?.(t) })
  return { t, view }
}

const tabNamed = (label: string) => {
  const found = screen.getAllByRole('tab').find((el) => el.textContent === label)
  if (!found) throw new Error(`no tab 「${label}」`)
  return found
}
const rows = () => screen.queryAllByRole('link')
const titles = () => rows().map((r) => r.querySelector('.doc-title')?.textContent)
const rowOf = (title: string) => {
  const found = rows().find((r) => r.querySelector('.doc-title')?.textContent === title)
  if (!found) throw new Error(`no document 「${title}」 in the list: ${titles().join(' / ')}`)
  return found
}
const tagsOf = (title: string) => Array.from(rowOf(title).querySelectorAll('.status-tag')).map((el) => el.textContent)

async function openBox(label: string) {
  tap(tabNamed(label))
  await settle()
}

async function searchBox() {
  const host = screen.getByLabelText('搜索标题或文号')
  return waitFor(() => {
    const el = host.querySelector('input')
    if (!el) throw new Error('the search box has not rendered its input yet')
    return el
  })
}
/** Types, then waits the pause after which the list searches by itself. */
async function search(text: string) {
  fireEvent.input(await searchBox(), { target: { value: text } })
  await act(async () => {
    await new Promise((r) => setTimeout(r, 650))
  })
  await settle()
}

function openFilters() {
  if (!screen.queryByRole('radiogroup', { name: '类型' })) tap(screen.getByText(/^筛选/))
}
async function choose(group: string, option: string) {
  openFilters()
  tap(within(screen.getByRole('radiogroup', { name: group })).getByText(option))
  await settle()
}
async function pickDate(label: '开始日期' | '结束日期', day: string) {
  openFilters()
  const picker = screen.getByLabelText(label).closest('taro-picker-core')
  if (!picker) throw new Error(`no date picker for 「${label}」`)
  await act(async () => {
    picker.dispatchEvent(new CustomEvent('change', { detail: { value: day } }))
  })
  await settle()
}

describe('公文 list, as 文书 黄雅婷', () => {
  const ME = 'u-clerk-01'

  it('opens on 待办: what waits for her, with 文号, 密级, 紧急 and where each stands', async () => {
    await openList(ME)
    expect(screen.getAllByRole('tab').map((el) => el.textContent)).toEqual(['待办', '已办', '我起草的', '传阅给我的'])
    expect(tabNamed('待办').getAttribute('aria-selected')).toBe('true')
    expect(titles()).toEqual([ARRIVED, RETURNED, MINUTES])

    const arrived = rowOf(ARRIVED)
    expect(within(arrived).getByText('深府办函〔2026〕158号')).toBeTruthy()
    expect(within(arrived).getByText('待签收')).toBeTruthy()
    expect(arrived.textContent).toContain('收文 · 通知')
    expect(arrived.textContent).toContain('深圳市人民政府办公厅 · 11-\u206025\u00a008:30')
    expect(tagsOf(ARRIVED)).toEqual(['加急'])

    expect(tagsOf(MINUTES)).toEqual(['秘密'])
    expect(within(rowOf(MINUTES)).getByText('待编号用印')).toBeTruthy()
    expect(rowOf(MINUTES).textContent).toContain('发文 · 纪要')
    expect(within(rowOf(RETURNED)).getByText('退回修改')).toBeTruthy()
    expect(tagsOf(RETURNED)).toEqual(['加急'])
    // not numbered yet: no 文号 line
    expect(rowOf(RETURNED).querySelector('.doc-number')).toBeNull()
  })

  it('each box holds its own documents', async () => {
    await openList(ME)
    await openBox('我起草的')
    expect(tabNamed('我起草的').getAttribute('aria-selected')).toBe('true')
    expect(titles()).toEqual(expect.arrayContaining([WINTER, LETTER, REPORT, UNSENT, RETURNED]))
    expect(titles()).not.toContain(ARRIVED)
    expect(within(rowOf(UNSENT)).getByText('草稿')).toBeTruthy()
    // a 平件 非密 document on time carries no tag at all
    expect(tagsOf(UNSENT)).toEqual([])
    expect(within(rowOf(WINTER)).getByText('已办结')).toBeTruthy()
    expect(within(rowOf(WINTER)).getByText(/^深宝府办〔2026〕\d+号$/)).toBeTruthy()

    await openBox('已办')
    expect(titles()).toContain(WINTER)
    expect(titles()).not.toContain(UNSENT)
    expect(titles()).not.toContain(ARRIVED)
  })

  it('a box with nothing in it says so in plain words', async () => {
    await openList(ME)
    await openBox('传阅给我的')
    expect(rows()).toHaveLength(0)
    expect(screen.getByText('没有传阅给您的公文')).toBeTruthy()
  })

  it('tapping a document opens it', async () => {
    const { t } = await openList(ME)
    tap(rowOf(MINUTES))
    const id = t.db.documents.find((d) => d.title === MINUTES)!.id
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/features/documents/pages/detail/index?id=${id}` }])
  })

  it('searches by 文号 and by title, and 清除筛选 brings the whole box back', async () => {
    await openList(ME)
    await search('158号')
    expect(titles()).toEqual([ARRIVED])
    await search('值班')
    expect(titles()).toEqual([RETURNED])

    await search('没有这样的公文')
    expect(rows()).toHaveLength(0)
    expect(screen.getByText('没有符合条件的公文')).toBeTruthy()

    tap(screen.getByText('清除筛选'))
    await settle()
    expect(titles()).toEqual([ARRIVED, RETURNED, MINUTES])
    expect((await searchBox()).value).toBe('')
    expect(screen.queryByText('清除筛选')).toBeNull()
  })

  it('the search keyboard\'s 搜索 key searches at once, and the other boxes search the same words', async () => {
    const { t } = await openList(ME)
    const calls = recordCalls(t)
    const box = await searchBox()
    fireEvent.input(box, { target: { value: '值班' } })
    await act(async () => {
      screen.getByLabelText('搜索标题或文号').dispatchEvent(new CustomEvent('confirm', { detail: { value: '值班' } }))
    })
    await settle()
    expect(titles()).toEqual([RETURNED])
    // the pause after typing finds nothing new to search for
    await act(async () => {
      await new Promise((r) => setTimeout(r, 650))
    })
    expect(calls.filter((c) => c === 'GET /api/v1/documents')).toHaveLength(1)

    await openBox('我起草的')
    expect(titles()).toEqual([RETURNED])
    await openBox('传阅给我的')
    expect(screen.getByText('没有符合条件的公文')).toBeTruthy()
  })

  it('narrows by 类型, 文种, 紧急程度 and date, and clears them all at once', async () => {
    await openList(ME)
    await choose('类型', '收文')
    expect(titles()).toEqual([ARRIVED])
    expect(screen.getByText('筛选（1）')).toBeTruthy()
    await choose('类型', '全部')
    expect(titles()).toEqual([ARRIVED, RETURNED, MINUTES])

    await choose('文种', '纪要')
    expect(titles()).toEqual([MINUTES])
    await choose('文种', '全部')

    await choose('紧急程度', '加急')
    expect(titles()).toEqual([ARRIVED, RETURNED])
    await choose('类型', '发文')
    expect(titles()).toEqual([RETURNED])
    expect(screen.getByText('筛选（2）')).toBeTruthy()

    tap(screen.getByText('清除筛选'))
    await settle()
    expect(titles()).toEqual([ARRIVED, RETURNED, MINUTES])
    expect(screen.getByText('筛选')).toBeTruthy()
  })

  it('a date range keeps what was written or received in it', async () => {
    await openList(ME)
    // the 纪要 was drafted three days ago, the 值班 通知 two days ago, the 来文 arrived today
    await pickDate('开始日期', '2026-11-23')
    expect(titles()).toEqual([ARRIVED, RETURNED])
    await pickDate('结束日期', '2026-11-24')
    expect(titles()).toEqual([RETURNED])
    expect(screen.getByLabelText('开始日期').textContent).toBe('2026-11-23')
    expect(screen.getByLabelText('结束日期').textContent).toBe('2026-11-24')

    tap(screen.getByText('清除筛选'))
    await settle()
    expect(titles()).toEqual([ARRIVED, RETURNED, MINUTES])
    expect(screen.getByLabelText('开始日期').textContent).toBe('开始日期')
  })

  it('offers 拟稿, which opens the drafting form', async () => {
    await openList(ME)
    tap(buttonNamed('拟稿'))
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/features/documents/pages/compose/index' }])
  })

  it('when the BFF fails, says so with 重新加载, which brings the list back', async () => {
    // random() = 0 with failureRate 1 fails every read (see the inbox test)
    const { t } = await openList(ME, { random: () => 0 }, (t) => (t.bff.settings.failureRate = 1))
    const error = screen.getByRole('alert')
    expect(error.textContent).toContain('没有加载出来')
    expect(error.textContent).toContain(errorCatalog.UNAVAILABLE.message)
    expect(rows()).toHaveLength(0)

    t.bff.settings.failureRate = 0
    tap(buttonNamed('重新加载'))
    await settle()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(titles()).toEqual([ARRIVED, RETURNED, MINUTES])
  })

  it('pull-to-refresh reloads the box and stops the spinner; a failed one keeps the list and offers a retry', async () => {
    const { t } = await openList(ME, { random: () => 0 })
    expect(titles()).toEqual([ARRIVED, RETURNED, MINUTES])
    // she resubmits the returned 通知 from her computer: it leaves her 待办
    const duty = t.db.documents.find((d) => d.title === RETURNED)!
    await t.ok(ME, routes.documents.act, { params: { id: duty.id }, body: { action: 'submit', version: duty.version } })
    await act(async () => {
      await fake.pullDown[0]()
    })
    await settle()
    expect(fake.pullDownStops).toBe(1)
    expect(titles()).toEqual([ARRIVED, MINUTES])

    t.bff.settings.failureRate = 1
    await act(async () => {
      await fake.pullDown[0]()
    })
    await settle()
    expect(titles()).toEqual([ARRIVED, MINUTES])
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('刷新没有成功')
    t.bff.settings.failureRate = 0
    tap(alert)
    await settle()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('公文 list, paging', () => {
  it('reaching the bottom loads the next page, and says when there is no more', async () => {
    const ME = 'u-clerk-01'
    const t = testRootStore()
    const body = { docType: '通知' as const, secrecy: 'none' as const, urgency: 'normal' as const, mainToDeptIds: ['dept-civil'], ccDeptIds: [], countersignDeptIds: [], signerId: 'u-leader-01', body: '请各单位按要求做好相关工作，按时报送。', attachmentIds: [] }
    for (let i = 1; i <= 21; i++) await t.ok(ME, routes.documents.create, { body: { ...body, title: `关于第${i}批次材料报送的通知` } })
    const drafted = t.db.documents.filter((d) => d.drafterId === ME).length
    expect(drafted).toBeGreaterThan(20)
    await openPageAs(t, ME, DocumentListPage)
    await openBox('我起草的')
    expect(rows()).toHaveLength(20)
    expect(screen.queryByText('没有更多了')).toBeNull()
    await act(async () => {
      await fake.reachBottom[0]()
    })
    await settle()
    expect(rows()).toHaveLength(drafted)
    expect(new Set(titles()).size).toBe(drafted)
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })
})

describe('公文 list, as others', () => {
  it('区领导 罗家明 has his 签发 and 批办 waiting, and no 拟稿 button', async () => {
    await openList('u-leader-01')
    expect(titles()).toEqual(expect.arrayContaining([REPORT, PLAN]))
    expect(within(rowOf(REPORT)).getByText('待签发')).toBeTruthy()
    expect(within(rowOf(PLAN)).getByText('待批办')).toBeTruthy()
    expect(titles()).not.toContain(ARRIVED)
    expect(queryButtonsNamed('拟稿')).toEqual([])
  })

  it('叶国栋, office director as well as leader, may draft', async () => {
    await openList('u-leader-02')
    expect(buttonNamed('拟稿')).toBeTruthy()
  })

  it('文电科科长 钟秀琴 finds the 通知 circulated to her under 传阅给我的', async () => {
    await openList('u-staff-04')
    await openBox('传阅给我的')
    expect(titles()).toEqual([WINTER])
  })

  it('an urgent 请示 past its deadline is marked 逾期 for its drafter', async () => {
    await openList('u-clerk-02')
    await openBox('我起草的')
    expect(tagsOf(FUNDS)).toEqual(['加急', '逾期'])
    expect(within(rowOf(FUNDS)).getByText('会签中（1/2）')).toBeTruthy()
  })
})
