import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '../contract/common'
import { formatTime } from '../core/format'

/** The flow so far, oldest first: who did what, when, and what they said. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  if (!entries.length) return null
  return (
    <View className="timeline" role="list">
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className="timeline-item" role="listitem">
          <View className="timeline-dot" />
          <View className="timeline-body">
            <View className="row">
              <Text className="timeline-action">{e.action}</Text>
              <Text className="muted">{e.actorName}</Text>
              <Text className="muted timeline-time">{formatTime(e.at)}</Text>
            </View>
            {e.note ? <Text className="timeline-note">{e.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
