import { render, screen, waitFor } from '@testing-library/react'
import { ActionBar } from '../../src/components/action-bar'
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
