import { render, screen, waitFor, within } from '@testing-library/react'
import { ApiError } from '../../src/core/errors'
import { CirculationTracker } from '../../src/features/documents/components/circulation-tracker'
import DocumentDetailPage from '../../src/features/documents/pages/detail/index'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, opinionBox, opinionText, openPageAs, pinDateToMockClock, queryButtonsNamed, recordCalls, settle, tap, typeInto } from './dom'

/** The seeded 通知, 传阅 by 叶国栋 to 林启航 (not opened), 钟秀琴 (signed an opinion) and 吴振宇 (read). */
const NOTICE = '关于做好2026年冬季安全生产工作的通知'
const SENDER = 'u-leader-02'
const UNREAD = 'u-head-01' // 林启航
const READ = 'u-head-02' // 吴振宇
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

async function openAs(t: T, who: string) {
  const doc = t.db.documents.find((d) => d.title === NOTICE)!
  await openPageAs(t, who, DocumentDetailPage, { params: { id: doc.id }, readyWhen: '.doc-head' })
  return doc
}

const tracker = () => screen.getByRole('group', { name: '传阅：请各位阅知，结合分管工作抓好落实。' })
const counts = () => within(tracker()).getByLabelText('阅读情况').textContent
const lines = () =>
  within(tracker())
    .queryAllByRole('listitem')
    .map((li) => ({
      name: li.querySelector('.doc-reader-name')?.textContent,
      dept: li.querySelector('.doc-reader-name + .muted')?.textContent,
      tags: Array.from(li.querySelectorAll('.status-tag')).map((x) => x.textContent),
      opinion: li.querySelector('.doc-reader-opinion')?.textContent ?? null,
    }))

describe('传阅情况 on the document', () => {
  it('the sender sees every reader with their status, the counts, and 钟秀琴’s opinion', async () => {
    const t = testRootStore()
    await openAs(t, SENDER)
    expect(within(tracker()).getByText('叶国栋 发起 · 11-\u206023 09:00')).toBeTruthy()
    expect(counts()).toBe('未读 1已读 1已签意见 1')
    expect(lines()).toEqual([
      { name: '林启航', dept: '区政府办公室秘书科', tags: ['未读'], opinion: null },
      { name: '钟秀琴', dept: '区政府办公室文电科', tags: ['已签意见'], opinion: '“已阅，文电科将跟踪各单位报送情况。”' },
      { name: '吴振宇', dept: '区政务服务数据管理局', tags: ['已读'], opinion: null },
    ])
    expect(within(tracker()).queryAllByText('催阅')).toHaveLength(1)
  })

  it('催阅 reminds the one who has not read it, once: the button goes for the hour and the line says 已催阅', async () => {
    const t = testRootStore()
    const doc = await openAs(t, SENDER)
    const calls = recordCalls(t)
    tap(buttonNamed('催阅'))
    tap(buttonNamed('催阅'))
    await settle()
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([`POST /api/v1/documents/${doc.id}/circulations/${doc.circulations[0].id}/remind`])
    expect(fake.toasts).toEqual(['已催阅'])
    expect(lines()[0]).toMatchObject({ name: '林启航', tags: ['未读', '已催阅'] })
    expect(queryButtonsNamed('催阅')).toHaveLength(0)
    const row = t.db.documents.find((d) => d.id === doc.id)!
    expect(row.circulations[0].readers.find((r) => r.userId === UNREAD)!.urgedAt).not.toBeNull()
    expect(row.circulations[0].readers.find((r) => r.userId === READ)!.urgedAt).toBeNull()
  })

  it('a reader sees only their own line, and no 催阅; opening it is their read receipt', async () => {
    const t = testRootStore()
    await openAs(t, UNREAD)
    expect(lines()).toEqual([{ name: '林启航', dept: '区政府办公室秘书科', tags: ['已读'], opinion: null }])
    expect(counts()).toBe('未读 0已读 1已签意见 0')
    expect(queryButtonsNamed('催阅')).toHaveLength(0)
    const doc = t.db.documents.find((d) => d.title === NOTICE)!
    expect(doc.circulations[0].readers.find((r) => r.userId === UNREAD)!.status).toBe('read')

    await openAs(t, READ)
    expect(lines()).toEqual([{ name: '吴振宇', dept: '区政务服务数据管理局', tags: ['已读'], opinion: null }])
    expect(queryButtonsNamed('催阅')).toHaveLength(0)
  })

  it('as readers read and sign, the sender’s view follows; with nobody left unread there is no 催阅', async () => {
    const t = testRootStore()
    await openAs(t, UNREAD)
    tap(buttonNamed('签署阅文意见'))
    expect(screen.getByRole('alert').textContent).toBe('请填写阅文意见')
    await typeInto(opinionBox(), '已阅，秘书科将配合落实。')
    await waitFor(() => expect(opinionText()).toBe('已阅，秘书科将配合落实。'))
    tap(buttonNamed('签署阅文意见'))
    await settle()
    expect(lines()).toEqual([{ name: '林启航', dept: '区政府办公室秘书科', tags: ['已签意见'], opinion: '“已阅，秘书科将配合落实。”' }])
    expect(queryButtonsNamed('签署阅文意见')).toHaveLength(0)

    await openAs(t, SENDER)
    expect(counts()).toBe('未读 0已读 1已签意见 2')
    expect(lines().map((l) => l.tags[0])).toEqual(['已签意见', '已签意见', '已读'])
    expect(queryButtonsNamed('催阅')).toHaveLength(0)
  })

  it('someone the document was never circulated to sees no 传阅情况', async () => {
    const t = testRootStore()
    await openAs(t, 'u-clerk-01')
    expect(screen.queryByText('传阅情况')).toBeNull()
    expect(document.querySelector('.doc-circulation')).toBeNull()
  })
})

describe('CirculationTracker on its own', () => {
  const circulation = {
    id: 'c1',
    senderName: '叶国栋',
    purpose: '请阅知。',
    at: '2026-11-23T01:00:00.000Z',
    canRemind: true,
    readers: [{ userId: 'u1', name: '林启航', deptName: '秘书科', status: 'unread' as const, readAt: null, opinion: null, urgedAt: null }],
  }

  it('a refused 催阅 says why, and the button can be tapped again', async () => {
    const onRemind = jest.fn(async () => {
      throw new ApiError('INVALID_STATE', '刚刚催阅过，请 1 小时后再催', 409)
    })
    render(<CirculationTracker circulations={[circulation]} onRemind={onRemind} />)
    tap(buttonNamed('催阅'))
    await settle()
    expect(fake.modals.map((m) => m.content)).toEqual(['刚刚催阅过，请 1 小时后再催'])
    expect(buttonNamed('催阅').hasAttribute('disabled')).toBe(false)
    expect(onRemind).toHaveBeenCalledWith('c1')
  })

  it('no 催阅 when the server says it is not due (or the viewer is not the sender)', () => {
    render(<CirculationTracker circulations={[{ ...circulation, canRemind: false }]} onRemind={jest.fn()} />)
    expect(queryButtonsNamed('催阅')).toHaveLength(0)
    expect(screen.getByText('传阅目的：请阅知。')).toBeTruthy()
  })
})
