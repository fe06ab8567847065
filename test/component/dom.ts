/**
 * What a person does on a page rendered with Taro's H5 components: tap a button by its words, type into
 * an opinion box. Taro's <Button>, <Switch> and <Textarea> are custom elements (taro-*-core) that carry no
 * ARIA role, so buttons are found by their visible text.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import type { MockBff } from '../../mock/app'

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

/** Lets pending promises (the in-process BFF, mobx reactions) settle inside act(). */
export async function settle(rounds = 3) {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0))
    })
  }
}

/**
 * Pins only Date to the mock's clock (the slot picker's "today", the countdown, drafts' age read the
 * device clock); timers stay real, so Stencil, debounces and waitFor behave as in a browser.
 */
export function pinDateToMockClock(now: Date) {
  beforeAll(() =>
    jest.useFakeTimers({
      now,
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    }),
  )
  afterAll(() => jest.useRealTimers())
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
