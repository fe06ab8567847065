import { act, render, screen, waitFor } from '@testing-library/react'
import { createElement } from 'react'
import { authRoutes } from '../../src/contract/auth'
import { StoreProvider } from '../../src/core/store-context'
import SignInPage from '../../src/features/session/pages/sign-in/index'
import { testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { settle, tap } from './dom'

beforeEach(() => fake.reset())

const people = () => screen.queryAllByRole('button').filter((b) => b.classList.contains('signin-person'))

describe('H5 preview sign-in page', () => {
  it('draws the first screen of people at once, the rest a person per turn, and the last one drawn still signs in', async () => {
    const t = testRootStore()
    const list = await t.root.api.call(authRoutes.previewUsers)
    const staff = list.groups.filter((g) => g.role !== 'resident')
    const everyone = staff.flatMap((g) => g.people)
    expect(everyone.length).toBeGreaterThan(20)

    render(createElement(StoreProvider, { store: t.root }, createElement(SignInPage)))
    await waitFor(() => expect(people().length).toBeGreaterThan(0))
    // the first pass is the screen's worth, not the whole list
    expect(people().length).toBeLessThan(everyone.length)

    for (let i = 0; i < everyone.length && people().length < everyone.length; i++) await settle(1)
    const last = staff[staff.length - 1]
    const lastPerson = last.people[last.people.length - 1]
    expect(people().map((p) => p.querySelector('.signin-name')?.textContent)).toEqual(everyone.map((p) => p.name))
    // every group once, in the server's order
    expect(Array.from(document.querySelectorAll('.signin-group .section-title')).map((e) => e.textContent)).toEqual(staff.map((g) => g.label))

    await act(async () => tap(people().find((p) => p.querySelector('.signin-name')?.textContent === lastPerson.name)!))
    await settle()
    expect(t.root.session.user?.id).toBe(lastPerson.id)
    expect(fake.navigations.some((n) => n.kind === 'reLaunch')).toBe(true)
  })
})
