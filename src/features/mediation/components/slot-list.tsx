import { Text, View } from '@tarojs/components'
import { dialectLabels, mediationModeLabels, type Slot } from '../../../contract/mediation'
import { slotWhen } from './format'

/** Real slots from mediators' calendars: when, who, which language, where. Tapping one picks it. */
export function SlotList({ slots, selected, onPick }: { slots: readonly Slot[]; selected?: string | null; onPick(s: Slot): void }) {
  return (
    <View className="med-slots" role="list">
      {slots.map((s) => (
        <View key={s.id} role="button" aria-label={`${slotWhen(s.start)} ${s.mediatorName}`} className={`med-slot card ${selected === s.id ? 'is-on' : ''}`} onClick={() => onPick(s)}>
          <Text className="med-slot-when">{slotWhen(s.start)}</Text>
          <Text>
            {s.mediatorName} 调解员 · {s.dialects.map((d) => dialectLabels[d]).join('、')}
          </Text>
          <Text className="muted">
            {s.committeeName} · {s.roomName ?? mediationModeLabels[s.mode]}
          </Text>
        </View>
      ))}
    </View>
  )
}
