import { act, render, screen, waitFor } from '@testing-library/react'
import { ActionBar } from '../../src/components/action-bar'
import { BAR_WIDTH, buttonFont, labelWidth, layoutActions, rowFits } from '../../src/components/action-layout'
import { StoreProvider } from '../../src/core/store-context'
import { testRootStore } from '../support/bff'
import type { AvailableAction } from '../../src/contract/common'
import { ApiError } from '../../src/core/errors'
import { fake } from '../support/taro-fake'
import { buttonNamed, opinionBox, opinionText, queryButtonsNamed, settle, tap, typeInto } from './dom'

const approve: AvailableAction = { key: 'approve', label: '同意', opinion: 'none', opinionLabel: null, style: 'primary' }
const read: AvailableAction = { key: 'read', label: '已阅', opinion: 'optional', opinionLabel: '阅知意见（可不填）', style: 'primary' }
const reject: AvailableAction = { key: 'reject', label: '退回', opinion: 'required', opinionLabel: '退回理由', style: 'danger' }
const phrases = ['已阅。', '已阅，按要求落实。']

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => fake.reset())

describe('ActionBar', () => {
  it('renders nothing when the server offers no action', () => {
    const { container } = render(<ActionBar actions={[]} onAction={jest.fn()} />)
    expect(container.innerHTML).toBe('')
  })

  it('shows exactly the offered actions, by their labels', () => {
    render(<ActionBar actions={[approve, reject]} onAction={jest.fn()} />)
    expect(screen.getByRole('toolbar', { name: '可执行的操作' })).toBeTruthy()
    expect(queryButtonsNamed('同意')).toHaveLength(1)
    expect(queryButtonsNamed('退回')).toHaveLength(1)
    expect(document.querySelectorAll('.action-bar taro-button-core')).toHaveLength(2)
  })

  it("an action without an opinion ('none') runs at once, with no sheet", async () => {
    const onAction = jest.fn(async () => undefined)
    render(<ActionBar actions={[approve]} onAction={onAction} />)
    tap(buttonNamed('同意'))
    expect(onAction).toHaveBeenCalledTimes(1)
    expect(onAction).toHaveBeenCalledWith(approve, '')
    expect(document.querySelector('taro-textarea-core')).toBeNull()
    await settle()
  })

  it("an 'optional' opinion opens the sheet and may be confirmed empty", async () => {
    const onAction = jest.fn(async () => undefined)
    render(<ActionBar actions={[read]} phrases={phrases} onAction={onAction} />)
    tap(buttonNamed('已阅'))
    expect(onAction).not.toHaveBeenCalled()
    expect(screen.getByText('阅知意见（可不填）')).toBeTruthy()
    expect(opinionBox().getAttribute('placeholder')).toBe('可不填')
    tap(buttonNamed('确定已阅'))
    expect(onAction).toHaveBeenCalledWith(read, '')
    expect(screen.queryByRole('alert')).toBeNull()
    await settle()
  })

  it("a 'required' opinion refuses an empty box with 请填写… and sends nothing", async () => {
    const onAction = jest.fn(async () => undefined)
    render(<ActionBar actions={[reject]} onAction={onAction} />)
    tap(buttonNamed('退回'))
    expect(opinionBox().getAttribute('placeholder')).toBe('必填')
    tap(buttonNamed('确定退回'))
    expect(screen.getByRole('alert').textContent).toBe('请填写退回理由')
    await typeInto(opinionBox(), '   ')
    tap(buttonNamed('确定退回'))
    expect(screen.getByRole('alert').textContent).toBe('请填写退回理由')
    expect(onAction).not.toHaveBeenCalled()

    await typeInto(opinionBox(), '  材料不全，请补充附件。 ')
    await waitFor(() => expect(opinionText()).toBe('  材料不全，请补充附件。 '))
    tap(buttonNamed('确定退回'))
    expect(onAction).toHaveBeenCalledTimes(1)
    expect(onAction).toHaveBeenCalledWith(reject, '材料不全，请补充附件。')
    await settle()
  })

  it('tapping a 常用意见 phrase fills the box, and that text is sent', async () => {
    const onAction = jest.fn(async () => undefined)
    render(<ActionBar actions={[read]} phrases={phrases} onAction={onAction} />)
    tap(buttonNamed('已阅'))
    tap(screen.getByText('已阅，按要求落实。'))
    await waitFor(() => expect(opinionText()).toBe('已阅，按要求落实。'))
    tap(buttonNamed('确定已阅'))
    expect(onAction).toHaveBeenCalledWith(read, '已阅，按要求落实。')
    await settle()
  })

  it('a double tap while the first is in flight sends once', async () => {
    const pending = deferred()
    const onAction = jest.fn(() => pending.promise)
    render(<ActionBar actions={[approve]} onAction={onAction} />)
    tap(buttonNamed('同意'))
    tap(buttonNamed('同意'))
    expect(onAction).toHaveBeenCalledTimes(1)
    pending.resolve()
    await settle()
    tap(buttonNamed('同意'))
    expect(onAction).toHaveBeenCalledTimes(2)
    await settle()
  })

  it('a double tap on 确定 in the sheet sends once', async () => {
    const pending = deferred()
    const onAction = jest.fn(() => pending.promise)
    render(<ActionBar actions={[read]} onAction={onAction} />)
    tap(buttonNamed('已阅'))
    tap(buttonNamed('确定已阅'))
    tap(buttonNamed('确定已阅'))
    expect(onAction).toHaveBeenCalledTimes(1)
    pending.resolve()
    await settle()
  })

  it('a failure says why and keeps the typed opinion for another try', async () => {
    const onAction = jest.fn(async () => {
      throw new ApiError('INVALID_STATE', '已办结', 409)
    })
    render(<ActionBar actions={[reject]} onAction={onAction} />)
    tap(buttonNamed('退回'))
    await typeInto(opinionBox(), '材料不全')
    await waitFor(() => expect(opinionText()).toBe('材料不全'))
    tap(buttonNamed('确定退回'))
    await settle()
    expect(fake.toasts).toEqual(['已办结'])
    expect(opinionText()).toBe('材料不全')
    tap(buttonNamed('确定退回'))
    expect(onAction).toHaveBeenCalledTimes(2)
    await settle()
  })
})

// the four actions an approver of a 零跑动 request is offered, in the server's order
const A = (key: string, label: string, style: AvailableAction['style'], opinion: AvailableAction['opinion'] = 'optional'): AvailableAction => ({ key, label, opinion, opinionLabel: null, style })
const approver = [A('approve', '同意', 'primary'), A('return', '退回修改', 'default', 'required'), A('reject', '不同意', 'danger', 'required'), A('transfer', '转办', 'default')]
const rowLabels = (row: number) => Array.from(document.querySelectorAll('.action-bar .action-bar-row')[row]?.querySelectorAll('taro-button-core') ?? []).map((b) => b.textContent?.trim())

describe('ActionBar lays itself out (issue #7: 退回修改 and 不同意 wrapped and were cut at 375 px)', () => {
  it('every row it builds fits its labels on one line, at either font, for any set of offered actions', () => {
    const labels = ['同意', '退回修改', '不同意', '转办', '撤回', '催办', '修改后重新提交', '用印登记', '评价', '签收', '反馈办理情况', 'OK']
    for (const elder of [false, true]) {
      for (let n = 1; n <= 6; n++) {
        for (let start = 0; start + n <= labels.length; start++) {
          const acts = labels.slice(start, start + n).map((l, i) => A(`k${i}`, l, i === 0 ? 'primary' : 'default'))
          const out = layoutActions(acts, { elder })
          const row = [...out.row.map((a) => a.label), ...(out.more.length ? ['更多'] : [])]
          expect(rowFits(row, buttonFont(elder))).toBe(true)
          if (out.primary) expect(labelWidth(out.primary.label, buttonFont(elder)) + 60).toBeLessThanOrEqual(BAR_WIDTH)
          // nothing lost, nothing twice, the server's order kept
          expect([out.primary, ...out.row, ...out.more].filter(Boolean).map((a) => a!.label).sort()).toEqual(acts.map((a) => a.label).sort())
        }
      }
    }
  })

  it('the primary action is full width on its own row; the others share the second', () => {
    render(<ActionBar actions={approver} onAction={jest.fn()} />)
    expect(rowLabels(0)).toEqual(['同意'])
    expect(rowLabels(1)).toEqual(['退回修改', '不同意', '转办'])
    expect(queryButtonsNamed('更多')).toHaveLength(0)
    // the page keeps room for the second row
    expect(document.querySelector('.action-bar-spacer')).not.toBeNull()
  })

  it('the old single row of four was too narrow for 退回修改 even at the normal font', () => {
    expect(rowFits(approver.map((a) => a.label), buttonFont(false))).toBe(false)
  })

  it('in 长辈模式 what does not fit goes behind 更多, and runs from there', async () => {
    const t = testRootStore()
    const onAction = jest.fn(async () => undefined)
    const five = [...approver, A('urge', '催办', 'default', 'none')]
    render(
      <StoreProvider store={t.root}>
        <ActionBar actions={five} onAction={onAction} />
      </StoreProvider>,
    )
    // four beside each other would not fit even at the normal font
    expect(rowLabels(1)).toEqual(['退回修改', '不同意', '更多'])
    act(() => t.root.ui.setElderMode(true))
    expect(document.querySelector('.action-bar.is-elder')).not.toBeNull()
    expect(rowLabels(0)).toEqual(['同意'])
    const second = rowLabels(1)
    expect(second[second.length - 1]).toBe('更多')
    expect(rowFits(second as string[], buttonFont(true))).toBe(true)
    tap(buttonNamed('更多'))
    await waitFor(() => expect(screen.getByText('更多操作')).toBeTruthy())
    expect(queryButtonsNamed('转办')).toHaveLength(1)
    await waitFor(() => expect(screen.getByText('更多操作')).toBeTruthy())
    tap(buttonNamed('催办'))
    expect(onAction).toHaveBeenCalledWith(five[4], '')
    await settle()
  })

  it('常用意见 belong to the action: 退回 is not offered 同意。', async () => {
    render(<ActionBar actions={approver} phrases={{ approve: ['同意。'], return: ['请补充相关附件。'] }} onAction={jest.fn()} />)
    tap(buttonNamed('退回修改'))
    await waitFor(() => expect(screen.getByText('请补充相关附件。')).toBeTruthy())
    expect(screen.queryByText('同意。')).toBeNull()
  })
})
