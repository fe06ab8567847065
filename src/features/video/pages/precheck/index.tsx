import { Camera, Input, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { formatTime } from '../../../../core/format'
import { currentPlatform } from '../../../../core/platform'
import { showError, toast } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { PermissionHelp } from '../../components/permission-help'
import { gradeLabels, helpFor, measureNetwork, meterLevel, openCamera, playTone, problemOf, shellOf, stopStream, type MediaProblem } from '../../media'
import { holdStream } from '../../stream-holder'
import { useVideoStore } from '../../store'
import '../../components/video.scss'

const WEAPP = process.env.TARO_ENV === 'weapp'
const roomUrl = (caseId: string) => `/features/video/pages/room/index?caseId=${caseId}`

type CamState = 'idle' | 'asking' | 'ok' | MediaProblem

/** Before anyone waits for them: camera, microphone, speaker and network, with help when one fails. */
function PrecheckPage() {
  const root = useStores()
  const store = useVideoStore(root)
  const signedIn = useSignedIn()
  const params = useRouter().params
  const caseId = params.caseId ?? ''
  const code = params.code ?? ''
  const [cam, setCam] = useState<CamState>('idle')
  const [level, setLevel] = useState(0)
  const [heard, setHeard] = useState<'untested' | 'playing' | 'asked' | 'yes' | 'no'>('untested')
  const [net, setNet] = useState<{ ms: number; grade: keyof typeof gradeLabels } | null>(null)
  const [assisted, setAssisted] = useState(false)
  const [helper, setHelper] = useState({ name: '', relation: '' })
  const [relation, setRelation] = useState('')
  const [helperCode, setHelperCode] = useState<string | null>(null)
  const stream = useRef<MediaStream | null>(null)
  const stopMeter = useRef<() => void>(() => undefined)
  const preview = useRef<HTMLVideoElement | null>(null)
  const shell = WEAPP ? (currentPlatform() === 'wecom' ? 'wecom' : 'wechat') : shellOf(typeof navigator === 'undefined' ? '' : navigator.userAgent)
  const isResident = root.session.user?.kind === 'resident'

  useEffect(() => {
    if (signedIn && caseId && !code) void store.load(caseId, WEAPP ? 'weapp' : 'h5')
  }, [signedIn, caseId, code, store])

  async function checkMedia() {
    setCam('asking')
    stopMeter.current()
    stopStream(stream.current)
    stream.current = null
    if (WEAPP) {
      // the mini-program asks at a tap, once per scope; a refusal is only undone in 设置
      try {
        await Taro.authorize({ scope: 'scope.camera' })
        await Taro.authorize({ scope: 'scope.record' })
        setCam('ok')
      } catch {
        setCam('denied')
      }
      return
    }
    try {
      const s = await openCamera()
      stream.current = s
      if (preview.current) preview.current.srcObject = s
      stopMeter.current = meterLevel(s, setLevel)
      setCam('ok')
    } catch (err) {
      setCam(problemOf(err))
    }
  }

  async function checkNetwork() {
    if (WEAPP) {
      try {
        const t = await Taro.getNetworkType()
        setNet({ ms: 0, grade: t.networkType === 'wifi' || t.networkType === '4g' || t.networkType === '5g' ? 'good' : t.networkType === 'none' ? 'poor' : 'fair' })
      } catch {
        setNet({ ms: 0, grade: 'poor' })
      }
      return
    }
    try {
      setNet(await measureNetwork(() => store.load(caseId)))
    } catch {
      setNet({ ms: 0, grade: 'poor' })
    }
  }

  useEffect(() => {
    if (!signedIn || !caseId) return
    void checkMedia()
    void checkNetwork()
    return () => stopMeter.current()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, caseId])

  useEffect(() => {
    if (preview.current && stream.current && preview.current.srcObject !== stream.current) preview.current.srcObject = stream.current
  })

  // closing the page (or leaving it for the room) stops the meter; a stream handed to the room stays open
  useEffect(
    () => () => {
      stopMeter.current()
      if (!holdStream.has(stream.current)) stopStream(stream.current)
    },
    [],
  )

  async function testSpeaker() {
    setHeard('playing')
    await playTone()
    setHeard('asked')
  }

  async function enter() {
    try {
      if (code && !store.caseId) store.caseId = caseId
      const extra = code ? { helperCode: code, relation: relation || undefined } : assisted && helper.name && helper.relation ? { assistedBy: { name: helper.name, relation: helper.relation } } : {}
      if (!code && assisted && (!helper.name || !helper.relation)) {
        toast('请填写家属的姓名和与您的关系')
        return
      }
      store.caseId = caseId
      await store.join(extra)
      holdStream.set(stream.current)
      await Taro.redirectTo({ url: roomUrl(caseId) })
    } catch (err) {
      showError(err)
    }
  }

  async function getHelperCode() {
    try {
      const c = await store.helperCode()
      setHelperCode(c.code)
    } catch (err) {
      showError(err)
    }
  }

  const room = store.room?.caseId === caseId ? store.room : null
  if (store.error && !room && !code) return <PageShell><ErrorState error={store.error} onRetry={() => void store.load(caseId)} /></PageShell>
  const canJoin = code ? true : !!room?.availableActions.some((a) => a.key === 'join')
  const problem = cam !== 'idle' && cam !== 'asking' && cam !== 'ok' ? cam : null

  return (
    <PageShell className="video-page">
      <View className="card video-precheck-head">
        <Text className="video-title">视频调解前检查</Text>
        {room ? (
          <>
            <Text>{room.title}</Text>
            <Text className="muted">
              调解员 {room.mediatorName} · {formatTime(room.start)} 开始
            </Text>
            {room.message ? <Text className="video-message">{room.message}</Text> : null}
          </>
        ) : code ? (
          <Text>您作为家属协助参加视频调解，进入后请等调解员准许。</Text>
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </View>

      <View className="card video-check" aria-label="摄像头">
        <View className="row video-check-row">
          <Text className="video-check-name">① 摄像头</Text>
          <Text className={`video-check-state ${cam === 'ok' ? 'ok' : problem ? 'bad' : ''}`}>{cam === 'ok' ? '正常' : problem ? '没有打开' : '正在打开…'}</Text>
        </View>
        {WEAPP ? (
          cam === 'ok' ? <Camera className="video-preview" devicePosition="front" flash="off" /> : null
        ) : (
          <video className={`video-preview video-local ${cam === 'ok' ? '' : 'is-off'}`} ref={preview} autoPlay playsInline muted />
        )}
        {cam === 'ok' ? <Text className="muted">能看到自己吗？请让脸在画面中间，光线亮一些更好。</Text> : null}
      </View>

      {problem ? <PermissionHelp help={helpFor(problem, shell)} onRetry={() => void checkMedia()} onOpenSettings={WEAPP ? () => void Taro.openSetting() : undefined} /> : null}

      <View className="card video-check" aria-label="麦克风">
        <View className="row video-check-row">
          <Text className="video-check-name">② 麦克风</Text>
          <Text className={`video-check-state ${level > 3 ? 'ok' : ''}`}>{WEAPP ? (cam === 'ok' ? '已允许' : '未允许') : level > 3 ? '听到声音了' : '请说句话'}</Text>
        </View>
        {WEAPP ? null : (
          <View className="video-meter" aria-label={`音量 ${level}`}>
            <View className="video-meter-bar" style={{ width: `${level}%` }} />
          </View>
        )}
      </View>

      <View className="card video-check" aria-label="扬声器">
        <View className="row video-check-row">
          <Text className="video-check-name">③ 扬声器</Text>
          <Text className={`video-check-state ${heard === 'yes' ? 'ok' : heard === 'no' ? 'bad' : ''}`}>{heard === 'yes' ? '正常' : heard === 'no' ? '没听到' : ''}</Text>
        </View>
        {WEAPP ? (
          <Text className="muted">进入调解室后，请先确认能听到调解员的声音。</Text>
        ) : heard === 'asked' ? (
          <View className="row">
            <Text>听到“嘟”的一声了吗？</Text>
            <Button size="small" type="primary" onClick={() => setHeard('yes')}>听到了</Button>
            <Button size="small" onClick={() => setHeard('no')}>没听到</Button>
          </View>
        ) : (
          <Button size="small" disabled={heard === 'playing'} onClick={() => void testSpeaker()}>
            {heard === 'playing' ? '正在播放…' : '播放提示音'}
          </Button>
        )}
        {heard === 'no' ? <Text className="video-help-text">请把手机音量调大（按手机侧面的音量键），关掉静音；戴着耳机的请确认耳机已连好。然后再点“播放提示音”。</Text> : null}
      </View>

      <View className="card video-check" aria-label="网络">
        <View className="row video-check-row">
          <Text className="video-check-name">④ 网络</Text>
          <Text className={`video-check-state ${net?.grade === 'good' ? 'ok' : net?.grade === 'poor' ? 'bad' : ''}`}>{net ? gradeLabels[net.grade] : '正在检查…'}</Text>
        </View>
        {net && net.ms ? <Text className="muted">往返 {net.ms} 毫秒</Text> : null}
      </View>

      {isResident && !code && room ? (
        <View className="card video-helper" aria-label="家属协助">
          <View className="row">
            <Text className="form-label">家属在我身边一起参加</Text>
            <Switch aria-label="家属在我身边一起参加" checked={assisted} onChange={(e) => setAssisted(e.detail.value)} />
          </View>
          {assisted ? (
            <>
              <Input className="form-input" aria-label="家属姓名" value={helper.name} maxlength={20} placeholder="家属姓名" onInput={(e) => setHelper({ ...helper, name: e.detail.value })} />
              <Input className="form-input" aria-label="与您的关系" value={helper.relation} maxlength={10} placeholder="与您的关系，如：女儿" onInput={(e) => setHelper({ ...helper, relation: e.detail.value })} />
              <Text className="muted">调解员和对方会看到“家属协助”的说明。</Text>
            </>
          ) : null}
          <Text className="form-label">家属用自己的手机参加</Text>
          {helperCode ? (
            <Text className="video-code">协助码 {helperCode}：请家属打开您转发的链接并输入这个码，调解员准许后即可进入。</Text>
          ) : (
            <Button size="small" onClick={() => void getHelperCode()}>取协助码</Button>
          )}
        </View>
      ) : null}

      {code ? (
        <View className="card">
          <Input className="form-input" aria-label="您与当事人的关系" value={relation} maxlength={10} placeholder="您与当事人的关系，如：女儿" onInput={(e) => setRelation(e.detail.value)} />
        </View>
      ) : null}

      <View className="video-enter">
        <Button block type="primary" disabled={!canJoin || store.busy || (!WEAPP && cam !== 'ok')} onClick={() => void enter()}>
          {!WEAPP && cam !== 'ok' ? '请先让摄像头和麦克风正常' : room?.availableActions.find((a) => a.key === 'join')?.label ?? '进入调解室'}
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(PrecheckPage)
