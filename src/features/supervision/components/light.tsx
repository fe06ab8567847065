import { Text, View } from '@tarojs/components'
import { lightLabels, type Light } from '../../../contract/supervision'

/** The server's light with its reason in words: the colour never stands alone. */
export function LightBadge({ light, reason, compact }: { light: Light | null; reason: string | null; compact?: boolean }) {
  if (!light) return null
  return (
    <View className={`sv-light sv-light--${light}`} aria-label={`${lightLabels[light]}：${reason ?? ''}`}>
      <Text className="sv-light-dot" />
      <Text className="sv-light-word">{lightLabels[light]}</Text>
      {!compact && reason ? <Text className="sv-light-reason">{reason}</Text> : null}
    </View>
  )
}
