/**
 * What a person does on a page rendered with Taro's H5 components: tap a button by its words, type into
 * an opinion box. Taro's <Button>, <Switch> and <Textarea> are custom elements (taro-*-core) that carry no
 * ARIA role, so buttons are found by their visible text.
 */
import { act, fireEvent, render, screen, waitFor, within, type RenderResult } from '@testing-library/react'
import { createElement, type ComponentType } from 'react'
import type { MockBff } from '../../mock/app'
import { clock } from '../../src/core/clock'
import type { RootStore } from '../../src/core/root-store'
import { StoreProvider } from '../../src/core/store-context'
import { fake } from '../support/taro-fake'

/** The Taro button (NutUI Button renders <taro-button-core>) whose text is exactly `label`. */
export function buttonNamed(label: string): HTMLElement {
  const found = queryButtonsNamed(label)
  if (found.length !== 1) throw new Error(`expected one button 「${label}」, found ${found.length}:\n${document.body.innerHTML.slice(0, 2000)}`)
  return found[0]
}

export function queryButtonsNamed(label: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('taro-button-core')).filter((b) => b.textContent?.trim() === label)
}

export const tap = (el: Element) => fireEvent.click(el)

/** An accessible name that begins with `text`: a card's name is all its text (title, then promise, status…). */
export const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)

/**
 * Types into a Taro <Textarea> as the browser would: the inner <textarea> changes and fires `input`.
 * Stencil renders that inner element a tick after the host appears, hence the wait.
 */
export async function typeInto(host: Element, value: string) {
  const inner = await waitFor(() => {
    const el = host.querySelector('textarea')
    if (!el) throw new Error('no <textarea> inside the opinion box yet')
    return el
  })
  fireEvent.input(inner, { target: { value } })
}

/** The opinion box's current text, as the person sees it. */
export function opinionText(): string {
  const inner = document.querySelector<HTMLTextAreaElement>('taro-textarea-core textarea')
  if (!inner) throw new Error('the opinion box is not shown')
  return inner.value
}

export const opinionBox = () => {
  const host = document.querySelector('taro-textarea-core')
  if (!host) throw new Error('the opinion box is not shown')
  return host
}

export interface OpenPage {
  /** what the page reads from its route (Taro's router params) */
  params?: Record<string, string>
  /** what shows the page has loaded: a CSS selector, or a check that throws until it passes */
  readyWhen?: string | (() => unknown)
  /** runs once the person is signed in, just before the page renders (e.g. to make the BFF fail) */
  beforeRender?: () => void
}

let openedPage: RenderResult | null = null

/**
 * Opens `Page` on the test's phone as `userId` (if someone else is signed in, they sign out first); the route
 * carries `params`, and the page renders inside the shared RootStore. The page opened before it in the
 * same test is closed, and the last one is closed after the test. Resolves once the page shows
 * `readyWhen` and the BFF's answers have settled.
 */
export async function openPageAs(t: { root: RootStore }, userId: string, Page: ComponentType, { params = {}, readyWhen, beforeRender }: OpenPage = {}): Promise<RenderResult> {
  closePage()
  if (t.root.session.user?.id !== userId) {
    if (t.root.session.signedIn) await t.root.signOut()
    await t.root.session.previewSignIn(userId)
  }
  beforeRender?.()
  fake.router.params = { ...params }
  const view = render(createElement(StoreProvider, { store: t.root }, createElement(Page)))
  openedPage = view
  if (typeof readyWhen === 'string') {
    await waitFor(() => {
      if (!document.querySelector(readyWhen)) throw new Error(`the page has not shown ${readyWhen} yet:\n${document.body.innerHTML.slice(0, 2000)}`)
    })
  } else if (readyWhen) {
    await waitFor(readyWhen)
  }
  await settle()
  return view
}

/** Closes the page openPageAs opened, if it is still open. */
function closePage() {
  openedPage?.unmount()
  openedPage = null
}
// registered in every test file that imports this one; a no-op where no page was opened with openPageAs
afterEach(closePage)

/** The card of one form field, found by the label a person reads (an optional field's says 「（可不填）」). */
export function fieldCard(label: string): HTMLElement {
  const card = Array.from(document.querySelectorAll<HTMLElement>('.form-field')).find((el) => {
    const text = el.querySelector('.form-label')?.textContent ?? ''
    return text === label || text === `${label}（可不填）`
  })
  if (!card) throw new Error(`no field 「${label}」`)
  return card
}
/** The error said beside a form field, or null. */
export const errorBeside = (label: string) => within(fieldCard(label)).queryByRole('alert')?.textContent ?? null
/** Every error on screen, in order. */
export const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent)

/** The <input> or <textarea> inside a Taro form box labelled `label` (Stencil renders it a tick late). */
export async function innerInput(label: string) {
  const host = screen.getByLabelText(label)
  return waitFor(() => {
    const el = host.querySelector('input, textarea')
    if (!el) throw new Error(`the 「${label}」 box has not rendered its input yet`)
    return el as HTMLInputElement
  })
}
export async function typeIn(label: string, value: string) {
  fireEvent.input(await innerInput(label), { target: { value } })
}
/** Taps an option of a radio group, by the group's name and the option's words. */
export const choose = (group: string, option: string) => tap(within(screen.getByRole('radiogroup', { name: group })).getByText(option))

/** Lets pending promises (the in-process BFF, mobx reactions) settle inside act(). */
export async function settle(rounds = 3) {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0))
    })
  }
}

/**
 * Pins the client's clock (src/core/clock.ts, the one seam every "now" in the app reads) to the mock's,
 * so the slot picker's "today", countdowns and drafts' age never depend on the machine's date.
 */
export function pinDateToMockClock(now: Date | (() => Date)) {
  beforeAll(() => clock.pin(typeof now === 'function' ? now : () => now))
  afterAll(() => clock.pin(null))
}

/** Every call a page makes to the in-process BFF, as "METHOD /path". */
export function recordCalls(t: { bff: MockBff }) {
  const calls: string[] = []
  const handle = t.bff.handle
  jest.spyOn(t.bff, 'handle').mockImplementation((req) => {
    calls.push(`${req.method} ${req.url.split('?')[0]}`)
    return handle(req)
  })
  return calls
}

export { screen }
