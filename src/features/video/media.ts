/**
 * Camera and microphone in H5 (getUserMedia), and what to tell a person when they do not work. The
 * help is plain Chinese for someone who has never opened a settings page: where to tap, in which app.
 */

export type MediaProblem = 'denied' | 'no_device' | 'busy' | 'unsupported' | 'other'

export function problemOf(err: unknown): MediaProblem {
  const name = (err as { name?: string } | null)?.name ?? ''
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return 'no_device'
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy'
  if (name === 'TypeError' || name === 'NotSupportedError') return 'unsupported'
  return 'other'
}

export type Shell = 'wechat' | 'wecom' | 'browser'

export interface Help {
  title: string
  steps: string[]
}

/** What to do, by what went wrong and where the person is (微信, 企业微信 or a browser). */
export function helpFor(problem: MediaProblem, shell: Shell): Help {
  const app = shell === 'wecom' ? '企业微信' : '微信'
  switch (problem) {
    case 'denied':
      return {
        title: '没有得到摄像头和麦克风的使用许可',
        steps:
          shell === 'browser'
            ? [
                '点网址左边的小锁图标（或“网站设置”），把“摄像头”和“麦克风”都改成“允许”',
                '在微信里打开的：点右上角的“···”，选“设置”，把“摄像头”和“麦克风”都打开；还不行就到手机的“设置”里允许微信使用“相机”和“麦克风”',
                '回到本页，点“重新检查”',
              ]
            : [
                `在${app}里：点右上角的“···”，选“设置”，把“摄像头”和“麦克风”都打开`,
                `如果还不行，打开手机的“设置”：苹果手机找到“${app}”，打开“相机”和“麦克风”；安卓手机在“应用管理”里找到“${app}”→“权限”，允许“相机”和“麦克风”`,
                '回到本页，点“重新检查”',
              ],
      }
    case 'no_device':
      return { title: '没有找到摄像头或麦克风', steps: ['请换一部带摄像头的手机再试', '也可以请家属用他们的手机陪您一起参加'] }
    case 'busy':
      return { title: '摄像头正被别的应用占用', steps: ['请关掉正在通话、录像或直播的其他应用', '回到本页，点“重新检查”'] }
    case 'unsupported':
      return {
        title: '这个浏览器不能进行视频',
        steps: shell === 'browser' ? ['请用手机自带的浏览器或微信打开本页', '也可以在微信里搜索“宝安智慧调解”小程序进入'] : [`请把${app}升级到最新版本后再试`],
      }
    default:
      return { title: '摄像头或麦克风没有打开', steps: ['请关掉本页后重新进入', '仍然不行，请致电调委会，调解员会电话联系您'] }
  }
}

export function shellOf(userAgent: string): Shell {
  if (/wxwork/i.test(userAgent)) return 'wecom'
  if (/MicroMessenger/i.test(userAgent)) return 'wechat'
  return 'browser'
}

export async function openCamera(): Promise<MediaStream> {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined
  if (!md?.getUserMedia) throw Object.assign(new Error('no getUserMedia'), { name: 'NotSupportedError' })
  return md.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' } })
}

export function stopStream(s: MediaStream | null | undefined) {
  s?.getTracks().forEach((t) => t.stop())
}

type AudioCtx = AudioContext
const AudioContextCtor = (): (new () => AudioCtx) | null =>
  typeof window === 'undefined' ? null : ((window as unknown as { AudioContext?: new () => AudioCtx; webkitAudioContext?: new () => AudioCtx }).AudioContext ?? (window as unknown as { webkitAudioContext?: new () => AudioCtx }).webkitAudioContext ?? null)

/** The microphone's loudness, 0–100, reported about ten times a second until stopped. */
export function meterLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const Ctor = AudioContextCtor()
  if (!Ctor || !stream.getAudioTracks().length) return () => undefined
  const ctx = new Ctor()
  const source = ctx.createMediaStreamSource(stream)
  const analyser = ctx.createAnalyser()
  analyser.fftSize = 512
  source.connect(analyser)
  const data = new Uint8Array(analyser.fftSize)
  const timer = setInterval(() => {
    analyser.getByteTimeDomainData(data)
    let sum = 0
    for (const x of data) sum += ((x - 128) / 128) ** 2
    onLevel(Math.min(100, Math.round(Math.sqrt(sum / data.length) * 300)))
  }, 100)
  return () => {
    clearInterval(timer)
    void ctx.close()
  }
}

/** A one-second tone through the speaker, for “听得到吗？”. */
export async function playTone(): Promise<boolean> {
  const Ctor = AudioContextCtor()
  if (!Ctor) return false
  const ctx = new Ctor()
  const osc = ctx.createOscillator()
  const gain = ctx.createGain()
  osc.frequency.value = 660
  gain.gain.value = 0.2
  osc.connect(gain).connect(ctx.destination)
  osc.start()
  await new Promise((r) => setTimeout(r, 1000))
  osc.stop()
  await ctx.close()
  return true
}

/** Round trips to the BFF, as milliseconds (median of a few), with a word for it. */
export async function measureNetwork(ping: () => Promise<unknown>, tries = 3): Promise<{ ms: number; grade: 'good' | 'fair' | 'poor' }> {
  const times: number[] = []
  const mono = () => (typeof performance !== 'undefined' ? performance.now() : 0)
  for (let i = 0; i < tries; i++) {
    const t0 = mono()
    await ping()
    times.push(mono() - t0)
  }
  times.sort((a, b) => a - b)
  const ms = Math.round(times[Math.floor(times.length / 2)])
  return { ms, grade: ms < 300 ? 'good' : ms < 1000 ? 'fair' : 'poor' }
}

export const gradeLabels = { good: '网络良好', fair: '网络一般，视频可能卡顿', poor: '网络较差，建议换到信号好的地方或连上 Wi-Fi' } as const
