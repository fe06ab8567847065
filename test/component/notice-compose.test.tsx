import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { StoreProvider } from '../../src/core/store-context'
import ComposePage from '../../src/features/notice/pages/compose/index'
import { testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, settle, tap } from './dom'

const ME = 'u-head-01'

async function openCompose(t = testRootStore({ latencyMs: 20 })) {
  await t.root.session.previewSignIn(ME)
  const view = render(
    <StoreProvider store={t.root}>
      <ComposePage />
    </StoreProvider>,
  )
  await settle()
  return { t, view }
}

async function typeIn(label: string, value: string) {
  const host = screen.getByLabelText(label)
  const inner = await waitFor(() => {
    const el = host.querySelector('input, textarea')
    if (!el) throw new Error(`the 「${label}」 box has not rendered its input yet`)
    return el as HTMLInputElement
  })
  fireEvent.input(inner, { target: { value } })
}

async function pickReader(name: string) {
  tap(screen.getByText('＋ 选择人员'))
  await settle()
  await waitFor(() => expect(document.querySelector('.picker-item')).not.toBeNull(), { timeout: 8000 })
  const search = screen.getByLabelText('搜索人员')
  const box = await waitFor(() => {
    const el = search.querySelector('input')
    if (!el) throw new Error('the search box has not rendered its input yet')
    return el
  })
  fireEvent.input(box, { target: { value: name } })
  await waitFor(
    () => {
      const items = Array.from(document.querySelectorAll('.picker-item')).filter((el) => el.textContent?.includes(name))
      expect(items.length).toBeGreaterThan(0)
    },
    { timeout: 8000 },
  )
  const item = Array.from(document.querySelectorAll('.picker-item')).find((el) => el.textContent?.includes(name))!
  tap(item)
  tap(buttonNamed('确定（已选 1 人）'))
  await settle()
}

beforeEach(() => fake.reset())

describe('发工作通知', () => {
  it('says beside each field what is missing, in the contract’s words, and sends nothing', async () => {
    const { t } = await openCompose()
    const before = t.db.notices.length
    tap(buttonNamed('发出通知'))
    await settle()
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent)
    expect(alerts).toEqual(expect.arrayContaining(['请填写「标题」', '请填写「正文」', '请至少选择一位阅知人']))
    expect(t.db.notices.length).toBe(before)
  })

  it('picks readers from the directory, sends once however often it is tapped, and opens the notice', async () => {
    const { t } = await openCompose()
    const reader = t.db.users.find((u) => u.id === 'u-handler-02')!
    await typeIn('标题', '关于报送年度工作总结的通知')
    await typeIn('正文', '请于本周五前报送。')
    await pickReader(reader.name)
    expect(screen.getByText(`${reader.name} ×`)).toBeTruthy()
    const before = t.db.notices.length
    const send = buttonNamed('发出通知')
    tap(send)
    tap(send)
    tap(send)
    await settle(10)
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    expect(t.db.notices.length).toBe(before + 1)
    const created = t.db.notices.at(-1)!
    expect(created.readers.map((r) => r.userId)).toEqual([reader.id])
    expect(fake.navigations.find((n) => n.kind === 'redirectTo')?.url).toBe(`/features/notice/pages/detail/index?id=${created.id}`)
  })

  it('keeps a half-written notice as a draft and brings it back next time', async () => {
    const t = testRootStore()
    const first = await openCompose(t)
    await typeIn('标题', '关于端午节值班安排的通知')
    await new Promise((r) => setTimeout(r, 400))
    first.view.unmount()
    await openCompose(t)
    expect(screen.getByText('已恢复上次未发出的草稿')).toBeTruthy()
    const title = screen.getByLabelText('标题')
    const inner = (title.querySelector('input') ?? title) as HTMLInputElement
    expect(inner.value ?? title.getAttribute('value')).toBe('关于端午节值班安排的通知')
  })
})
