/**
 * 视频调解 in the weapp builds. live-pusher / live-player cannot run here (WeChat renders them on
 * real phones only, and no TRTC account is configured), so these prove what does run: the pre-check
 * asks for scope.camera / scope.record and, refused, shows the WeChat settings help with 打开设置; the
 * mediator's room page renders, says plainly that TRTC is not configured, and admits from the
 * waiting room through the same BFF routes as H5.
 */
import { VIDEO_SEED } from '../../../mock/seed/video'
import { check, type WeappJourney } from './types'

async function videoCaseId(api: Parameters<WeappJourney['run']>[1]): Promise<string> {
  const mine = await api.as(VIDEO_SEED.applicant, 'GET', '/api/v1/mediation/cases/mine?limit=50')
  const c = (mine.body as { items: { id: string; mode: string; status: string }[] }).items.find((x) => x.mode === 'video' && x.status === 'scheduled')
  check(c, 'no seeded video appointment')
  return c.id
}

export const videoJourneys: WeappJourney[] = [
  {
    name: 'video-precheck-refused',
    build: 'resident',
    platform: 'wechat',
    user: VIDEO_SEED.applicant,
    async run(d, api) {
      const caseId = await videoCaseId(api)
      await d.open(`/features/video/pages/precheck/index?caseId=${caseId}`)
      await d.waitForText('视频调解前检查')
      await d.waitForText('没有得到摄像头和麦克风的使用许可')
      await d.waitForText(/在微信里：点右上角的“···”/)
      check(await d.hasText('打开设置'), 'the refused help has no 打开设置 button')
      await d.tap('打开设置')
      await d.tap('重新检查')
      await d.waitForText('没有得到摄像头和麦克风的使用许可')
      return 'pre-check → scope.camera refused → WeChat settings help, 打开设置, 重新检查'
    },
  },
  {
    name: 'video-room-mediator',
    build: 'staff',
    platform: 'wecom',
    user: VIDEO_SEED.mediator,
    async run(d, api) {
      const caseId = await videoCaseId(api)
      const waiting = await api.as(VIDEO_SEED.applicant, 'POST', `/api/v1/video/rooms/${caseId}/join`, { clientId: 'weapp-journey-app' })
      check(waiting.status === 200, `the applicant could not enter the waiting room: ${waiting.status}`)
      await d.open(`/features/video/pages/precheck/index?caseId=${caseId}`)
      await d.waitForText('视频调解前检查')
      // the room has answered (the button is live only then)
      await d.waitForText(/调解员 郭惠芳/)
      await d.tap(/^进入调解室$/)
      check((await d.waitForRequest('POST', `/api/v1/video/rooms/${caseId}/join`)) === 200, 'the mediator could not enter')
      await d.waitForText('当前环境没有配置 TRTC')
      check((await d.stack()).at(-1) === 'features/video/pages/room/index', `after entering the stack is ${(await d.stack()).join(' → ')}`)
      await d.waitForText('等候室（1 人）')
      await d.tap('准许进入')
      check((await d.waitForRequest('POST', `/api/v1/video/rooms/${caseId}/actions`)) === 200, 'the admission was refused')
      await d.waitForText('出席记录（写入调解记录）')
      await d.waitForText('申请人 李建国')
      return 'pre-check → 进入调解室 → TRTC not configured, said plainly → 准许进入 from the waiting room → attendance'
    },
  },
]
