import { render, screen } from '@testing-library/react'
import { StoreProvider } from '../../src/core/store-context'
import NoticeDetailPage from '../../src/features/notice/pages/detail/index'
import { testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, opinionBox, queryButtonsNamed, settle, tap, typeInto } from './dom'

const ME = 'u-handler-01'

async function openUnreadNotice() {
  const t = testRootStore()
  const notice = t.db.notices.find((n) => n.readers.some((r) => r.userId === ME && r.status === 'unread'))
  if (!notice) throw new Error(`the seed should have an unread notice for ${ME}`)
  await t.root.session.previewSignIn(ME)
  fake.router.params.id = notice.id
  render(
    <StoreProvider store={t.root}>
      <NoticeDetailPage />
    </StoreProvider>,
  )
  await settle()
  const me = t.db.users.find((u) => u.id === ME)!
  return { t, notice, me }
}

const myReaderRow = () => {
  const row = document.querySelector('.notice-reader')
  if (!row) throw new Error('no reader row')
  return row
}

beforeEach(() => fake.reset())

describe('工作通知 detail, an unread notice for its reader', () => {
  it('shows the title, the body, a watermark with my name, my status and the 已阅 button', async () => {
    const { notice, me } = await openUnreadNotice()
    expect(screen.getByText(notice.title)).toBeTruthy()
    expect(screen.getByText(notice.body)).toBeTruthy()

    const watermark = document.querySelector('.watermark')
    expect(watermark).not.toBeNull()
    expect(watermark!.textContent).toContain(me.name)

    expect(screen.getByText('我的阅知')).toBeTruthy()
    expect(document.querySelectorAll('.notice-reader')).toHaveLength(1)
    expect(myReaderRow().textContent).toContain(me.name)
    expect(myReaderRow().textContent).toContain('未读')
    expect(queryButtonsNamed('已阅')).toHaveLength(1)
  })

  it('已阅 with an opinion: the page shows 已签意见 and the opinion, the button goes, the mock keeps it', async () => {
    const { t, notice } = await openUnreadNotice()
    const opinion = '收到，今天下班前完成排查并报送。'
    tap(buttonNamed('已阅'))
    await typeInto(opinionBox(), opinion)
    tap(buttonNamed('确定已阅'))
    await settle()

    expect(myReaderRow().textContent).toContain('已签意见')
    expect(myReaderRow().textContent).not.toContain('未读')
    expect(screen.getByText(`“${opinion}”`)).toBeTruthy()
    expect(queryButtonsNamed('已阅')).toHaveLength(0)
    expect(queryButtonsNamed('确定已阅')).toHaveLength(0)
    expect(document.querySelector('.action-bar')).toBeNull()
    expect(fake.toasts).toEqual([])

    const stored = t.db.notices.find((n) => n.id === notice.id)!.readers.find((r) => r.userId === ME)!
    expect(stored.status).toBe('opinion')
    expect(stored.opinion).toBe(opinion)
    const item = t.db.workItems.find((w) => w.module === 'notice' && w.objectId === notice.id && w.audience === 'assignee' && w.assigneeId === ME)!
    expect(item.status).toBe('done')
  })
})
