import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { moduleLabels } from '../../../../contract/common'
import { EmptyState } from '../../../../components/empty-state'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { WorkTagList } from '../../../../components/status-tag'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import './index.scss'

interface Entry {
  key: string
  title: string
  hint: string
  /** a page in its module's subpackage, once that module ships */
  url: string | null
}

const entries: Entry[] = [
  { key: 'mediation', title: '申请调解', hint: '邻里、婚姻家庭、劳动、物业纠纷，线上申请、预约时间', url: '/features/mediation/pages/apply/index' },
  { key: 'invite', title: '收到调解邀请', hint: '对方邀请您调解，输入邀请码查看、答复', url: '/features/mediation/pages/invite/index' },
  { key: 'video', title: '视频调解', hint: '不用跑腿，在手机上参加调解：预约视频时段，到时从预约里进入视频调解室', url: '/features/mediation/pages/apply/index?mode=video' },
  { key: 'help', title: '妇联求助', hint: '家庭暴力、婚姻家庭、未成年人权益，保护您的隐私', url: '/features/help/pages/index/index' },
]

/** The hotlines a resident may need before a service opens: tapped, the phone dials. */
export const HOTLINES = [
  { number: '12348', label: '法律服务' },
  { number: '12338', label: '妇女维权' },
] as const

export async function offerHotlines(title: string) {
  const r = await Taro.showModal({ title, content: '该服务正在接入，开通后会在这里直接办理。急事请拨打 12348（法律服务）或 12338（妇女维权）。', cancelText: '知道了', confirmText: '拨打热线' })
  if (!r.confirm) return
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList: HOTLINES.map((h) => `拨打 ${h.number}（${h.label}）`) })
    const line = HOTLINES[tapIndex]
    if (line) await Taro.makePhoneCall({ phoneNumber: line.number })
  } catch {
    // closed the sheet or did not call: nothing to say
  }
}

function HomePage() {
  const { session, inbox } = useStores()
  const signedIn = useSignedIn()

  useDidShow(() => {
    if (signedIn) {
      inbox.tab = 'initiated'
      void inbox.load('initiated')
    }
  })

  const mine = inbox.tabs.initiated
  const open = (e: Entry) => {
    if (e.url) void Taro.navigateTo({ url: e.url })
    else void offerHotlines(e.title)
  }

  return (
    <PageShell>
      <View className="home-hero">
        <Text className="home-hello">{session.user ? `${session.user.name}，您好` : '您好'}</Text>
        <Text className="home-sub">有纠纷，找调解；有困难，找妇联</Text>
      </View>
      <View className="home-entries">
        {entries.map((e) => (
          <View key={e.key} className="home-entry card" role="button" onClick={() => open(e)}>
            <Text className="home-entry-title">{e.title}</Text>
            <Text className="muted">{e.hint}</Text>
            {!e.url ? <Text className="home-soon">即将开通</Text> : null}
          </View>
        ))}
      </View>
      <Text className="section-title">我的事项</Text>
      {mine.error && !mine.items.length ? (
        <ErrorState error={mine.error} onRetry={() => void inbox.load('initiated')} />
      ) : mine.loaded && !mine.items.length ? (
        <EmptyState title="您还没有办理中的事项" hint="申请调解或求助后，进度会显示在这里" />
      ) : (
        mine.items.map((item) => (
          <View key={item.id} className="card home-item" role="link" onClick={() => void Taro.navigateTo({ url: item.link })}>
            <View className="row">
              <Text className="muted">{moduleLabels[item.module]}</Text>
              <WorkTagList tags={item.tags} />
            </View>
            <Text className="home-entry-title">{item.title}</Text>
            <Text className="muted">
              {item.step} · {formatTime(item.updatedAt)}
            </Text>
          </View>
        ))
      )}
    </PageShell>
  )
}

export default observer(HomePage)
