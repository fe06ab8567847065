import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ErrorCode } from '../contract/errors'
import { ApiError, userMessage } from '../core/errors'
import { homePage } from '../core/use-signed-in'

/** Answers that loading again cannot change: the person may not see this, or it is not there. */
const FINAL = new Set<ErrorCode>(['FORBIDDEN', 'NOT_FOUND'])

function leave() {
  if ((Taro.getCurrentPages?.() ?? []).length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: homePage() })
}

/**
 * A failed load says what happened in plain words and never leaves a blank page. When trying again
 * can help (the network, the server) it offers 重新加载; when it cannot (no permission, not there)
 * it offers the way back instead of a button that would fail the same way.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const final = error instanceof ApiError && FINAL.has(error.code)
  return (
    <View className="state-box" role="alert">
      <Text className="state-title">{final ? '打不开这一页' : '没有加载出来'}</Text>
      <Text className="muted">{userMessage(error)}</Text>
      <Button type="primary" fill="outline" size="small" onClick={final ? leave : onRetry}>
        {final ? '返回' : '重新加载'}
      </Button>
    </View>
  )
}
