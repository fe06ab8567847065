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

export function startLabellingInnerFields() {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
  let queued = false
  const run = () => {
    queued = false
    labelInnerFields(document)
  }
  new MutationObserver(() => {
    if (queued) return
    queued = true
    requestAnimationFrame(run)
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] })
  run()
}
