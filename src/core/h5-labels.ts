/**
 * H5 only: Taro draws <Input>, <Textarea> and <Switch> as a host element (taro-input-core…) with the real
 * <input>/<textarea> inside, and puts our aria-label on the host, where a screen reader does not look for
 * a field's name. This hands the host's label to the field inside, for every field on every page, as
 * they appear. (In a mini-program the native components take aria-label themselves.)
 */
const HOSTS = 'taro-input-core, taro-textarea-core, taro-switch-core, taro-checkbox-core, taro-radio-core'

export function labelInnerFields(root: ParentNode) {
  for (const host of Array.from(root.querySelectorAll(HOSTS))) {
    const label = host.getAttribute('aria-label')
    if (!label) continue
    for (const field of Array.from(host.querySelectorAll('input, textarea'))) if (!field.getAttribute('aria-label')) field.setAttribute('aria-label', label)
  }
}

/** Taro's H5 title bar draws 返回 and 回到首页 as bare <div>s around an icon: buttons with names. */
const NAV_BUTTONS: [string, string][] = [
  ['#taro-navigation-bar .taro-navigation-bar-back', '返回'],
  ['#taro-navigation-bar .taro-navigation-bar-home', '回到首页'],
]

export function labelNavigationBar(root: ParentNode) {
  for (const [css, name] of NAV_BUTTONS) {
    const el = root.querySelector(css)
    if (!el || el.getAttribute('aria-label')) continue
    el.setAttribute('role', 'button')
    el.setAttribute('aria-label', name)
    el.setAttribute('tabindex', '0')
    el.querySelector('svg')?.setAttribute('aria-hidden', 'true')
    el.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key
      if (key === 'Enter' || key === ' ') (el as HTMLElement).click()
    })
  }
}

/**
 * A page (Taro scrolls each .taro_page itself) and a <ScrollView> scroll with the finger, and with a
 * keyboard only once focused: a page of text with nothing to tab to (a 工作通知 to read) could not be
 * scrolled without a mouse. Each scroller takes focus.
 */
export function focusableScrollers(root: ParentNode) {
  for (const el of Array.from(root.querySelectorAll('.taro_page, taro-scroll-view-core'))) if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
}

export function startLabellingInnerFields() {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
  let queued = false
  const run = () => {
    queued = false
    labelInnerFields(document)
    labelNavigationBar(document)
    focusableScrollers(document)
  }
  new MutationObserver(() => {
    if (queued) return
    queued = true
    requestAnimationFrame(run)
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] })
  run()
}
