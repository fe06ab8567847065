/**
 * The 视频调解 pre-check when the camera does not open: the person is told, in plain Chinese, what
 * happened and which taps fix it (in WeChat, where most residents open it), and can check again.
 */
import { screen, waitFor } from '@testing-library/react'
import PrecheckPage from '../../src/features/video/pages/precheck/index'
import { VIDEO_SEED } from '../../mock/seed/video'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { openPageAs, pinDateToMockClock, queryButtonsNamed, settle, tap } from './dom'

pinDateToMockClock(FIXED_NOW)

const fakeStream = () => ({ getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] }) as unknown as MediaStream
const refusal = (name: string) => Object.assign(new Error(name), { name })

function givenCamera(getUserMedia: jest.Mock) {
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true })
}

function inWeChat() {
  Object.defineProperty(navigator, 'userAgent', { value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.50', configurable: true })
}

async function openPrecheck() {
  const t = testRootStore()
  const caseId = t.db.mediationCases.find((c) => c.mode === 'video' && c.mediatorId === VIDEO_SEED.mediator)!.id
  await openPageAs(t, VIDEO_SEED.applicant, PrecheckPage, { params: { caseId }, readyWhen: '.video-precheck-head' })
  await settle(5)
  return t
}

beforeEach(() => {
  fake.reset()
  inWeChat()
})

describe('视频调解 pre-check, camera refused', () => {
  it('says the permission was refused and how to allow it in WeChat’s settings, and will not let them wait in a room they cannot be seen in', async () => {
    givenCamera(jest.fn().mockRejectedValue(refusal('NotAllowedError')))
    await openPrecheck()
    await waitFor(() => expect(screen.getByText('没有得到摄像头和麦克风的使用许可')).toBeTruthy())
    const help = document.querySelector('.video-help')!
    expect(help.textContent).toContain('在微信里：点右上角的“···”，选“设置”，把“摄像头”和“麦克风”都打开')
    expect(help.textContent).toContain('苹果手机找到“微信”，打开“相机”和“麦克风”')
    expect(help.textContent).toContain('安卓手机在“应用管理”里找到“微信”→“权限”')
    expect(queryButtonsNamed('重新检查')).toHaveLength(1)
    expect(document.querySelector('[aria-label="摄像头"] .video-check-state')!.textContent).toBe('没有打开')
    expect(queryButtonsNamed('请先让摄像头和麦克风正常')).toHaveLength(1)
    expect(queryButtonsNamed('进入调解室')).toHaveLength(0)
  })

  it('after they allow it, 重新检查 opens the camera, the help goes and 进入调解室 appears', async () => {
    const getUserMedia = jest.fn().mockRejectedValueOnce(refusal('NotAllowedError')).mockResolvedValue(fakeStream())
    givenCamera(getUserMedia)
    await openPrecheck()
    await waitFor(() => expect(document.querySelector('.video-help')).not.toBeNull())
    tap(queryButtonsNamed('重新检查')[0])
    await settle(5)
    await waitFor(() => expect(document.querySelector('.video-help')).toBeNull())
    expect(getUserMedia).toHaveBeenCalledTimes(2)
    expect(document.querySelector('[aria-label="摄像头"] .video-check-state')!.textContent).toBe('正常')
    expect(queryButtonsNamed('进入调解室')).toHaveLength(1)
  })

  it('no camera at all, or one another app holds: each gets its own plain words', async () => {
    givenCamera(jest.fn().mockRejectedValue(refusal('NotFoundError')))
    await openPrecheck()
    await waitFor(() => expect(screen.getByText('没有找到摄像头或麦克风')).toBeTruthy())
    expect(document.querySelector('.video-help')!.textContent).toContain('请家属用他们的手机陪您一起参加')

    givenCamera(jest.fn().mockRejectedValue(refusal('NotReadableError')))
    tap(queryButtonsNamed('重新检查')[0])
    await waitFor(() => expect(screen.getByText('摄像头正被别的应用占用')).toBeTruthy())
  })
})
