/**
 * setData the way WeChat applies it (https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#Page-prototype-setData-Object-data-Function-callback):
 * a key is a data path (`a.b`, `list[2].name`, and Taro's `root.cn.[0].cn.[2].v`); missing parents are
 * created (an array when the next step is an index); the value crosses the bridge as JSON, so functions
 * vanish and dates become strings; a value of `undefined` is not set at all (WeChat warns and skips it).
 */

export type PathStep = string | number

export function parseDataPath(key: string): PathStep[] {
  const steps: PathStep[] = []
  let i = 0
  let word = ''
  const flush = () => {
    if (word) steps.push(word)
    word = ''
  }
  while (i < key.length) {
    const ch = key[i]
    if (ch === '.') {
      flush()
      i++
    } else if (ch === '[') {
      flush()
      const close = key.indexOf(']', i)
      const inner = close < 0 ? '' : key.slice(i + 1, close)
      if (!/^\d+$/.test(inner)) throw new Error(`setData: "${key}" has an invalid index "[${inner}"`)
      steps.push(Number(inner))
      i = close + 1
    } else {
      word += ch
      i++
    }
  }
  flush()
  if (steps.length === 0) throw new Error(`setData: empty data path "${key}"`)
  return steps
}

/** What crosses WeChat's bridge: JSON. */
export function bridgeClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

export interface SetDataResult {
  /** the keys that were skipped because their value was undefined */
  skipped: string[]
}

/** Applies one setData payload to `data` in place, in key order. */
export function applySetData(data: Record<string, unknown>, patch: Record<string, unknown>): SetDataResult {
  const skipped: string[] = []
  for (const [key, raw] of Object.entries(patch)) {
    if (raw === undefined) {
      skipped.push(key)
      continue
    }
    const value = bridgeClone(raw)
    const steps = parseDataPath(key)
    let node: Record<string | number, unknown> = data
    for (let s = 0; s < steps.length - 1; s++) {
      const step = steps[s]
      let next = node[step]
      if (next === null || typeof next !== 'object') {
        next = typeof steps[s + 1] === 'number' ? [] : {}
        node[step] = next
      }
      node = next as Record<string | number, unknown>
    }
    node[steps[steps.length - 1]] = value
  }
  return { skipped }
}
