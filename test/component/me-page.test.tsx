import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { StoreProvider } from '../../src/core/store-context'
import { UiStore } from '../../src/core/ui-store'
import { SIGN_IN_PAGE } from '../../src/core/use-signed-in'
import MePage from '../../src/features/me/pages/index/index'
import { deptName } from '../../mock/context'
import { testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, settle, tap } from './dom'

const ME = 'u-head-01'

async function openMe() {
  const t = testRootStore()
  await t.root.session.previewSignIn(ME)
  render(
    <StoreProvider store={t.root}>
      <MePage />
    </StoreProvider>,
  )
  await settle()
  return t
}

const pageRoot = () => {
  const el = document.querySelector('.app-root')
  if (!el) throw new Error('no page root')
  return el
}

/** Flips the Taro <Switch> as a finger would: its inner checkbox changes. */
async function flipSwitch(label: string) {
  const host = screen.getByLabelText(label)
  const box = await waitFor(() => {
    const el = host.querySelector('input[type="checkbox"]')
    if (!el) throw new Error('switch not rendered yet')
    return el
  })
  fireEvent.click(box)
  await settle()
}

beforeEach(() => fake.reset())

describe('我的 page, signed in as a department head', () => {
  it('shows the name, department, role and a masked phone', async () => {
    const t = await openMe()
    const row = t.db.users.find((u) => u.id === ME)!
    expect(screen.getByText(row.name)).toBeTruthy()
    const dept = deptName(t.db, row.deptId)
    expect(dept).toBeTruthy()
    expect(screen.getByText((text) => text.startsWith(`${dept}`))).toBeTruthy()
    expect(screen.getByText('处室负责人')).toBeTruthy()

    const phone = screen.getByText(/^手机 /).textContent ?? ''
    expect(phone).toContain('****')
    const text = document.body.textContent ?? ''
    expect(text).not.toMatch(/\d{11}/)
    expect(text).not.toContain(row.phone)
  })

  it('长辈模式 switches the page to large text and is remembered', async () => {
    const t = await openMe()
    expect(pageRoot().classList.contains('elder')).toBe(false)
    expect(screen.getByText(/目前跟随手机字体设置/)).toBeTruthy()

    await flipSwitch('长辈模式')
    expect(pageRoot().classList.contains('elder')).toBe(true)
    expect(t.root.ui.elderChoice).toBe(true)
    expect(screen.queryByText(/目前跟随手机字体设置/)).toBeNull()
    expect(t.storage.get('ui.elderMode')).toBe(true)
    expect(new UiStore(t.storage).elderMode).toBe(true)

    await flipSwitch('长辈模式')
    expect(pageRoot().classList.contains('elder')).toBe(false)
    expect(t.root.ui.elderChoice).toBe(false)
    expect(new UiStore(t.storage).elderMode).toBe(false)
  })

  it('退出登录, confirmed, signs out and goes to the sign-in page', async () => {
    const t = await openMe()
    fake.modalAnswer = true
    tap(buttonNamed('退出登录'))
    await settle()
    expect(fake.modals.map((m) => m.title)).toEqual(['退出登录'])
    expect(t.root.session.signedIn).toBe(false)
    expect(t.storage.get('session')).toBeNull()
    expect(fake.navigations).toEqual([{ kind: 'reLaunch', url: SIGN_IN_PAGE }])
  })

  it('退出登录, cancelled, keeps the session and stays', async () => {
    const t = await openMe()
    fake.modalAnswer = false
    tap(buttonNamed('退出登录'))
    await settle()
    expect(fake.modals).toHaveLength(1)
    expect(t.root.session.signedIn).toBe(true)
    expect(t.root.session.user?.id).toBe(ME)
    expect(fake.navigations).toEqual([])
    expect(screen.getByText('处室负责人')).toBeTruthy()
  })
})
