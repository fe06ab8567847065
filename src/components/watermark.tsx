import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { clock } from '../core/clock'
import { formatTime } from '../core/format'
import './watermark.scss'

/** Name + time across the page, so a photo of the screen says who looked and when. */
export function Watermark({ name, at = clock.now() }: { name: string; at?: Date }) {
  const text = `${name} ${formatTime(at)}`
  const cells = useMemo(() => Array.from({ length: 24 }, (_, i) => i), [])
  return (
    <View className="watermark" aria-hidden>
      {cells.map((i) => (
        <View key={i} className="watermark-cell">
          {text}
        </View>
      ))}
    </View>
  )
}
