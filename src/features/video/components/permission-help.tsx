import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Help } from '../media'

/** What went wrong with the camera or microphone, and the taps that fix it, in order. */
export function PermissionHelp({ help, onRetry, onOpenSettings }: { help: Help; onRetry: () => void; onOpenSettings?: () => void }) {
  return (
    <View className="card video-help" aria-live="polite">
      <Text className="video-help-title">{help.title}</Text>
      <Text className="muted">请这样做：</Text>
      {help.steps.map((s, i) => (
        <View key={s} className="video-help-step">
          <Text className="video-help-no">{i + 1}</Text>
          <Text className="video-help-text">{s}</Text>
        </View>
      ))}
      <View className="row video-help-buttons">
        {onOpenSettings ? (
          <Button type="primary" onClick={onOpenSettings}>
            打开设置
          </Button>
        ) : null}
        <Button type={onOpenSettings ? 'default' : 'primary'} onClick={onRetry}>
          重新检查
        </Button>
      </View>
      <Text className="muted">实在不行也没关系：请致电调委会，调解员会改用电话联系您。</Text>
    </View>
  )
}
