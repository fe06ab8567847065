import { Switch as TaroSwitch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { roleLabels } from '../../../../contract/common'
import { PageShell } from '../../../../components/page-shell'
import { StatusTag } from '../../../../components/status-tag'
import { useStores } from '../../../../core/store-context'
import { SIGN_IN_PAGE, useSignedIn } from '../../../../core/use-signed-in'
import './index.scss'

function MePage() {
  const root = useStores()
  const { session, ui } = root
  useSignedIn()
  const user = session.user

  async function signOut() {
    const r = await Taro.showModal({ title: '退出登录', content: '退出后需要重新登录才能处理事项，确定退出吗？', confirmText: '退出', cancelText: '取消', confirmColor: '#b42318' })
    if (!r.confirm) return
    await root.signOut()
    void Taro.reLaunch({ url: SIGN_IN_PAGE })
  }

  return (
    <PageShell>
      {user ? (
        <View className="card me-card">
          <View className="me-avatar" aria-hidden>
            {user.name.slice(-2)}
          </View>
          <View className="me-info">
            <Text className="me-name">{user.name}</Text>
            <Text className="muted">{user.kind === 'staff' ? [user.deptName, user.position].filter(Boolean).join(' · ') : (user.streetName ?? '')}</Text>
            <View className="row">
              {user.roles.map((r) => (
                <StatusTag key={r} tone="primary">
                  {roleLabels[r]}
                </StatusTag>
              ))}
            </View>
            <Text className="muted">手机 {user.phone}</Text>
          </View>
        </View>
      ) : null}

      <View className="card me-setting" role="link" onClick={() => void Taro.navigateTo({ url: '/features/messages/pages/index/index' })}>
        <View className="me-setting-text">
          <Text className="me-setting-name">消息</Text>
          <Text className="muted">{user?.kind === 'staff' ? '待办、催办的提醒，免打扰时段' : '预约和办理进展的提醒'}</Text>
        </View>
        <Text className="muted" aria-hidden>
          ›
        </Text>
      </View>

      <Text className="section-title">阅读与显示</Text>
      <View className="card me-setting">
        <View className="me-setting-text">
          <Text className="me-setting-name">长辈模式</Text>
          <Text className="muted">字更大、按钮更大{ui.elderChoice === null ? '，目前跟随手机字体设置' : ''}</Text>
        </View>
        <TaroSwitch aria-label="长辈模式" checked={ui.elderMode} color={APP_TARGET === 'resident' ? '#b8430b' : '#1a5fb4'} onChange={(e) => ui.setElderMode(e.detail.value)} />
      </View>

      <View className="me-actions">
        <Button block type="danger" fill="outline" onClick={() => void signOut()}>
          退出登录
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(MePage)
