/**
 * H5 only. Taro's <Input> and <Textarea> (Stencil components) copy a new `value` into their inner field
 * from a watcher, and Stencil starts watching before the component has drawn that field: a value set in
 * between — a draft restored as the page opens — threw "TypeError: Cannot read properties of undefined
 * (reading 'value')" from watchValue (issue #7). The first render writes the value into the field anyway,
 * so until the field exists the watcher has nothing to do.
 */
const FIELDS: [tag: string, ref: string][] = [
  ['taro-input-core', 'inputRef'],
  ['taro-textarea-core', 'textareaRef'],
]

type Watched = { watchValue?: (this: Record<string, unknown>, value: unknown) => void; __fieldGuard?: true }

export function guardFieldWatcher(proto: Watched, ref: string) {
  const original = proto.watchValue
  if (!original || proto.__fieldGuard) return
  proto.__fieldGuard = true
  proto.watchValue = function (this: Record<string, unknown>, value: unknown) {
    if (this[ref]) original.call(this, value)
  }
}

export function guardFieldWatchers() {
  if (typeof customElements === 'undefined') return
  for (const [tag, ref] of FIELDS)
    void customElements.whenDefined(tag).then(() => {
      const ctor = customElements.get(tag)
      if (ctor) guardFieldWatcher(ctor.prototype as Watched, ref)
    })
}
