import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { PersonPicker, type PickedPerson } from '../../src/components/person-picker'
import { StoreProvider } from '../../src/core/store-context'
import { testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, settle, tap } from './dom'

const g = globalThis as unknown as { wx?: unknown }

afterEach(() => {
  delete g.wx
  fake.reset()
})

async function open(onConfirm: (p: PickedPerson[]) => void, onClose = () => undefined) {
  const t = testRootStore()
  await t.root.session.previewSignIn('u-clerk-01')
  render(
    <StoreProvider store={t.root}>
      <PersonPicker visible selected={[]} onClose={onClose} onConfirm={onConfirm} />
    </StoreProvider>,
  )
  await settle()
  return t
}

describe('选人', () => {
  it('inside WeCom, opens the enterprise contact picker and returns who was chosen', async () => {
    const calls: { mode: string }[] = []
    g.wx = {
      qy: {
        login: () => undefined,
        selectEnterpriseContact: (o: { mode: string; success(r: unknown): void }) => {
          calls.push({ mode: o.mode })
          o.success({ result: { userList: [{ id: 'u-head-02', name: '企业微信里选的人' }] } })
        },
      },
    }
    const picked: PickedPerson[][] = []
    await open((p) => picked.push(p))
    expect(calls).toEqual([{ mode: 'multi' }])
    expect(picked).toEqual([[{ id: 'u-head-02', name: '企业微信里选的人' }]])
    expect(document.querySelector('.picker')).toBeNull()
  })

  it('elsewhere, searches the directory over the BFF with masked phones never shown, and confirms the choice', async () => {
    const picked: PickedPerson[][] = []
    const t = await open((p) => picked.push(p))
    const target = t.db.users.find((u) => u.id === 'u-head-03')!
    const search = screen.getByLabelText('搜索人员')
    const box = await waitFor(() => {
      const el = search.querySelector('input')
      if (!el) throw new Error('the search box has not rendered its input yet')
      return el
    })
    fireEvent.input(box, { target: { value: target.name } })
    await waitFor(() => expect(Array.from(document.querySelectorAll('.picker-item')).some((el) => el.textContent?.includes(target.name))).toBe(true), { timeout: 8000 })
    expect(document.body.textContent).not.toContain(target.phone)
    tap(Array.from(document.querySelectorAll('.picker-item')).find((el) => el.textContent?.includes(target.name))!)
    tap(buttonNamed('确定（已选 1 人）'))
    expect(picked).toHaveLength(1)
    expect(picked[0][0]).toMatchObject({ id: target.id, name: target.name })
  })

  it('will not confirm an empty choice', async () => {
    const picked: PickedPerson[][] = []
    await open((p) => picked.push(p))
    tap(buttonNamed('确定（已选 0 人）'))
    expect(picked).toEqual([])
    expect(fake.toasts).toContain('请至少选择一人')
  })
})
