import { LivePlayer, LivePusher, Text, View } from '@tarojs/components'
import type { Participant, VideoTicket } from '../../../contract/video'

/**
 * The mini-program's video: WeChat's live-pusher (this phone) and one live-player per other person,
 * in RTC mode, fed by Tencent TRTC (trtc-wx-sdk builds the push and play URLs from the ticket the BFF
 * signs). Kept at page level, not inside a CustomWrapper: TRTC's SDK looks them up by context id.
 * They run on real phones only (DevTools cannot render them), and only when the BFF hands out a TRTC
 * ticket; without one this says so plainly instead of showing black boxes.
 */
export function WeappStage({ ticket, others, mic, camera }: { ticket: VideoTicket | null; others: Participant[]; mic: boolean; camera: boolean }) {
  const t = ticket?.trtc
  if (!t) {
    return (
      <View className="video-note" aria-label="小程序视频说明">
        <Text>小程序里的视频通话需要腾讯云实时音视频（TRTC）。当前环境没有配置 TRTC，这里不能显示视频画面。</Text>
        <Text>您仍可在这里看到谁在调解室、等候和举手；需要视频时请用浏览器打开调解链接，或等调解员电话联系。</Text>
      </View>
    )
  }
  const base = `room://cloud.tencent.com/rtc?sdkappid=${t.sdkAppId}&roomid=${t.roomId}&userid=${t.userId}&usersig=${encodeURIComponent(t.userSig)}&privatemapkey=${encodeURIComponent(t.privateMapKey)}`
  return (
    <View className="video-tiles">
      <View className="video-tile">
        <LivePusher id="pusher" className="video-tile-media" url={`${base}&pureaudio=0`} mode="RTC" autopush muted={!mic} enableCamera={camera} orientation="vertical" />
        <View className="video-tile-name"><Text>我</Text></View>
      </View>
      {others.map((p) => (
        <View key={p.id} className="video-tile">
          <LivePlayer id={`player-${p.id}`} className="video-tile-media" src={`${base}&streamid=${p.id}`} mode="RTC" autoplay objectFit="fillCrop" />
          <View className="video-tile-name">
            <Text>{p.name}</Text>
            <Text className="video-tile-role">{p.roleLabel}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
