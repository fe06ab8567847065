import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { userMessage } from '../core/errors'

/** A failed load says what happened in plain words and offers to try again; it never leaves a blank page. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <View className="state-box" role="alert">
      <Text className="state-title">没有加载出来</Text>
      <Text className="muted">{userMessage(error)}</Text>
      <Button type="primary" fill="outline" size="small" onClick={onRetry}>
        重新加载
      </Button>
    </View>
  )
}
