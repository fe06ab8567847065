import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <View className="state-box" role="status">
      <Text className="state-title">{title}</Text>
      {hint ? <Text className="muted">{hint}</Text> : null}
      {action}
    </View>
  )
}
