import { View } from '@tarojs/components'
import Taro, { useDidShow, usePageScroll } from '@tarojs/taro'
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'

interface Props<T> {
  items: readonly T[]
  keyOf(item: T): string
  renderItem(item: T): ReactNode
  /** items per block; a block is measured once drawn and stands in as one empty box when far away */
  blockSize?: number
  /** screens drawn above and below the visible one */
  overscan?: number
  /**
   * Called when the end of the list comes within a screen of view (load the next page). Our own
   * check, not the page's onReachBottom: Taro's H5 router fires that only once per page.
   */
  onEndReached?: () => void
}

type Rect = { top?: number; height?: number } | null

let seq = 0

/**
 * A long list that stays light in H5 and in mini-programs: items are drawn in blocks, and blocks more
 * than `overscan` screens away from what the person sees are replaced by one empty box of the height
 * they had, so the page keeps its length (the scroll bar and paging behave as before) while the tree
 * holds a few dozen cards, not hundreds.
 *
 * Where the screen is comes from measuring, not from remembered scroll offsets: after every draw and
 * every page scroll, one SelectorQuery reads the list's and the drawn blocks' rectangles. So a list
 * that is replaced (a refresh, another tab) or a page whose scroll the platform restores or clamps is
 * still drawn where the person looks. Cards may have any height.
 */
export function BlockList<T>({ items, keyOf, renderItem, blockSize = 10, overscan = 1, onEndReached }: Props<T>) {
  const uid = useMemo(() => `bl${++seq}`, [])
  /** the screen's top, in px from the list's top */
  const [viewTop, setViewTop] = useState(0)
  const [heights, setHeights] = useState<Record<string, number>>({})
  const screen = useRef(0)
  if (!screen.current) screen.current = Taro.getSystemInfoSync?.().windowHeight || 667

  const blocks = useMemo(() => {
    const out: { key: string; items: T[] }[] = []
    for (let i = 0; i < items.length; i += blockSize) {
      const chunk = items.slice(i, i + blockSize)
      // a block is known by its first item and its length: a new page appended leaves earlier blocks' sizes valid
      out.push({ key: `${keyOf(chunk[0])}:${chunk.length}`, items: chunk })
    }
    return out
    // a MobX list grows in place: its length is part of what the blocks depend on
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, items.length, blockSize, keyOf])

  // which blocks are drawn: every block not yet measured, and those within `overscan` screens
  const drawn: number[] = []
  let top = 0
  const from = viewTop - overscan * screen.current
  const to = viewTop + (overscan + 1) * screen.current
  blocks.forEach((b, i) => {
    const h = heights[b.key]
    if (h === undefined || (top + h >= from && top <= to)) drawn.push(i)
    top += h ?? 0
  })

  const latest = useRef({ drawn, blocks, heights, onEndReached })
  latest.current = { drawn, blocks, heights, onEndReached }
  const measuring = useRef<'idle' | 'busy' | 'again'>('idle')
  const hiddenRetries = useRef(0)

  const measure = () => {
    if (measuring.current !== 'idle') {
      measuring.current = 'again'
      return
    }
    measuring.current = 'busy'
    // a query that never answers (a page torn down or hidden mid-flight) must not stop all later ones
    const watchdog = setTimeout(() => {
      if (measuring.current === 'idle') return
      measuring.current = 'idle'
      measure()
    }, 1000)
    const { drawn: now, blocks: bs } = latest.current
    const query = Taro.createSelectorQuery()
    query.select(`#${uid}`).boundingClientRect()
    for (const i of now) query.select(`#${uid}-${i}`).boundingClientRect()
    query.exec((res: Rect[]) => {
      clearTimeout(watchdog)
      const again = measuring.current === 'again'
      measuring.current = 'idle'
      const [list, ...rects] = res ?? []
      // a page still hidden (coming back, mid-transition) measures as an empty box at the top: look again
      // shortly, since a page shown at the top of its scroll sends no scroll event to measure on
      const hidden = !list?.height && latest.current.blocks.length > 0
      if (hidden && hiddenRetries.current < 25) {
        hiddenRetries.current++
        setTimeout(measure, 120)
      }
      if (!hidden) hiddenRetries.current = 0
      if (list?.top !== undefined && !hidden) {
        setViewTop(Math.round(-list.top))
        if (list.height !== undefined && list.top + list.height <= 2 * screen.current) latest.current.onEndReached?.()
      }
      const next: Record<string, number> = {}
      let changed = false
      now.forEach((i, n) => {
        const h = rects[n]?.height
        const key = bs[i]?.key
        if (key && h && Math.abs((latest.current.heights[key] ?? -1) - h) > 0.5) {
          next[key] = h
          changed = true
        }
      })
      if (changed) setHeights((old) => ({ ...old, ...next }))
      if (again) measure()
    })
  }

  usePageScroll(() => measure())
  // coming back to the page: it may be shown at a scroll position (restored, or the top) that sends no scroll event
  useDidShow(() => {
    hiddenRetries.current = 0
    measure()
  })
  // after every draw that changed what is drawn (a font-size switch redraws the blocks too)
  const drawnKey = drawn.join(',')
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(measure, [drawnKey, blocks])

  const drawnSet = new Set(drawn)
  return (
    <View id={uid} className="block-list">
      {blocks.map((b, i) =>
        drawnSet.has(i) ? (
          <View key={b.key} id={`${uid}-${i}`} className="block-list-block">
            {b.items.map((item) => (
              <Fragment key={keyOf(item)}>{renderItem(item)}</Fragment>
            ))}
          </View>
        ) : (
          <View key={b.key} className="block-list-gap" style={{ height: `${heights[b.key]}px` }} />
        ),
      )}
    </View>
  )
}
