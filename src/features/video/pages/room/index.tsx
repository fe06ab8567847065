import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { reaction } from 'mobx'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import { formatElapsed, type Participant, type SignalKind } from '../../../../contract/video'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { clock } from '../../../../core/clock'
import { formatTime } from '../../../../core/format'
import { showError } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { useSignedIn } from '../../../../core/use-signed-in'
import { WeappStage } from '../../components/weapp-stage'
import { openCamera, stopStream } from '../../media'
import { Mesh, type RemotePeer } from '../../mesh'
import { SignalSocket } from '../../signal-socket'
import { holdStream } from '../../stream-holder'
import { useVideoStore } from '../../store'
import '../../components/video.scss'

const WEAPP = process.env.TARO_ENV === 'weapp'

function Tile({ p, stream, state, local }: { p: Participant; stream: MediaStream | null; state?: RemotePeer['state']; local?: boolean }) {
  const ref = useRef<HTMLVideoElement | null>(null)
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream
  })
  const unstable = !local && (p.unstable || state === 'unstable')
  return (
    <View className={`video-tile ${p.hand ? 'is-hand' : ''}`} data-pid={p.id}>
      {WEAPP ? null : local ? (
        <video className="video-local" ref={ref} autoPlay playsInline muted />
      ) : (
        <video className="video-remote" data-pid={p.id} ref={ref} autoPlay playsInline />
      )}
      {!p.camera ? <Text className="video-off">摄像头已关闭</Text> : null}
      {!local && !stream ? <Text className="video-off">正在连接…</Text> : null}
      {unstable ? <Text className="video-unstable">对方网络不稳定，正在重连…</Text> : null}
      <View className="video-tile-flags">
        {p.hand ? <Text className="video-flag hand">举手</Text> : null}
        {!p.mic ? <Text className="video-flag">已静音</Text> : null}
      </View>
      <View className="video-tile-name">
        <Text>{local ? `${p.name}（我）` : p.name}</Text>
        <Text className="video-tile-role">{p.roleLabel}</Text>
      </View>
    </View>
  )
}

/** The room: everyone's video, names and roles, mute and camera, 举手, a timer; the mediator's controls. */
function RoomPage() {
  const root = useStores()
  const store = useVideoStore(root)
  const signedIn = useSignedIn()
  const caseId = useRouter().params.caseId ?? ''
  const [local, setLocal] = useState<MediaStream | null>(null)
  const [remotes, setRemotes] = useState<RemotePeer[]>([])
  const [mic, setMic] = useState(true)
  const [camera, setCamera] = useState(true)
  const [elapsed, setElapsed] = useState(0)
  const mesh = useRef<Mesh | null>(null)
  const sock = useRef<SignalSocket | null>(null)
  /** the admission epoch the socket was opened for (a rejoin needs a new ticket and socket) */
  const sockEpoch = useRef(-1)
  const [weappNote, setWeappNote] = useState<string | null>(null)

  /** H5: the signalling socket, opened with a fresh room ticket whenever this phone is (again) in the room. */
  async function ensureSignalling(m: Mesh) {
    const room = store.room
    if (!store.inRoom || !room?.me) {
      sock.current?.close()
      sock.current = null
      sockEpoch.current = -1
      return
    }
    if (sockEpoch.current === room.me.epoch) return
    sock.current?.close()
    sock.current = null
    const epoch = room.me.epoch
    sockEpoch.current = epoch
    try {
      const t = await store.getTicket('h5')
      const url = SignalSocket.url(t, store.baseURL || window.location.href)
      // no socket served here (the in-process preview): the BFF's long poll carries the signals
      if (!url || sockEpoch.current !== epoch) return
      sock.current = new SignalSocket(
        url,
        (msg) => void m.handle(msg).catch(() => undefined),
        (end) => {
          sock.current = null
          sockEpoch.current = -1
          // the network went: a new ticket and socket; otherwise the room says what happened
          if (end.kind === 'lost') setTimeout(() => void ensureSignalling(m), 1000)
          else void store.load(caseId)
        },
      )
    } catch {
      sockEpoch.current = -1
    }
  }

  useEffect(() => {
    if (!signedIn || !caseId) return
    let cancelled = false
    store.caseId = caseId
    void (async () => {
      if (!store.room || store.room.caseId !== caseId) await store.load(caseId, WEAPP ? 'weapp' : 'h5')
      if (WEAPP || cancelled) {
        store.startPolling(0)
        return
      }
      if (store.room?.provider === 'trtc') {
        setWeappNote('本调解室使用腾讯云实时音视频（TRTC）。浏览器版暂未接入 TRTC，请在微信小程序中进入；您仍可在这里看到谁在调解室、等候和举手。')
        store.startPolling()
        return
      }
      let s = holdStream.take()
      if (!s) {
        try {
          s = await openCamera()
        } catch {
          await Taro.redirectTo({ url: `/features/video/pages/precheck/index?caseId=${caseId}` })
          return
        }
      }
      if (cancelled) return stopStream(s)
      setLocal(s)
      const send = (to: string, toEpoch: number, kind: SignalKind, data: string) => {
        if (sock.current?.open) return Promise.resolve(sock.current.send(to, toEpoch, kind, data))
        return store.signal(to, toEpoch, kind, data)
      }
      const m = new Mesh(s, send, setRemotes, store.ticket?.iceServers ?? [])
      mesh.current = m
      // signals that went through the BFF (socket not yet open, or none served) arrive with the poll
      store.onSignal((msg) => void m.handle(msg).catch(() => undefined))
      if (store.room) {
        m.sync(store.room)
        void ensureSignalling(m)
      }
      store.startPolling()
    })()
    const stopSync = reaction(
      () => store.room,
      (room) => {
        // weapp: the TRTC ticket for this admission (a rejoin is a new one)
        if (WEAPP && room && store.inRoom && room.me && sockEpoch.current !== room.me.epoch) {
          sockEpoch.current = room.me.epoch
          void store.getTicket('weapp').catch(() => (sockEpoch.current = -1))
        }
        if (!room || !mesh.current) return
        mesh.current.sync(room)
        void ensureSignalling(mesh.current)
      },
    )
    return () => {
      cancelled = true
      stopSync()
    }
  }, [signedIn, caseId, store])

  // the timer runs on this phone from the BFF's start time, so it keeps going between updates
  const startedAt = store.room?.startedAt
  useEffect(() => {
    if (!startedAt) return
    const base = Math.max(0, (clock.nowMs() - Date.parse(startedAt)) / 1000)
    let ticks = 0
    setElapsed(base)
    const timer = setInterval(() => setElapsed(base + ++ticks), 1000)
    return () => clearInterval(timer)
  }, [startedAt])

  const localRef = useRef<MediaStream | null>(null)
  localRef.current = local
  useEffect(
    () => () => {
      store.stop()
      sock.current?.close()
      mesh.current?.close()
      stopStream(localRef.current)
    },
    [store],
  )

  async function run(action: 'leave' | 'end' | 'hand_up' | 'hand_down' | 'admit' | 'remove' | 'record_start' | 'record_stop' | 'record_consent' | 'record_decline', participantId?: string) {
    try {
      if (action === 'record_start') {
        const ok = await Taro.showModal({ title: '请求录音录像', content: '室内每一位参加人都会被告知，并须各自同意；有一人不同意就不录制。同意与否都会写入调解记录。', confirmText: '发出请求', cancelText: '取消' })
        if (!ok.confirm) return
      }
      if (action === 'end') {
        const ok = await Taro.showModal({ title: '结束视频调解', content: '所有人都会离开调解室，不能再进入。确定结束吗？', confirmText: '结束', cancelText: '再想想' })
        if (!ok.confirm) return
      }
      await store.act(action, participantId ? { participantId } : {})
      if (action === 'leave' || action === 'end') mesh.current?.sync(store.room!)
    } catch (err) {
      showError(err)
    }
  }

  async function toggle(kind: 'mic' | 'camera') {
    const next = kind === 'mic' ? !mic : !camera
    if (kind === 'mic') {
      setMic(next)
      mesh.current?.setMic(next)
    } else {
      setCamera(next)
      mesh.current?.setCamera(next)
    }
    try {
      await store.act('media', { [kind]: next })
    } catch (err) {
      showError(err)
    }
  }

  async function rejoin() {
    try {
      await store.join()
      store.startPolling(WEAPP ? 0 : undefined)
    } catch (err) {
      showError(err)
    }
  }

  const room = store.room?.caseId === caseId ? store.room : null
  if (store.error && !room) return <PageShell><ErrorState error={store.error} onRetry={() => void store.load(caseId)} /></PageShell>
  if (!room) return <PageShell className="video-room"><Text className="video-note">正在进入调解室…</Text></PageShell>

  const me = room.me
  const isMediator = me?.role === 'mediator'
  const inRoom = store.inRoom
  const keys = room.availableActions.map((a) => a.key)
  const hands = room.participants.filter((p) => p.hand && !p.me)
  const helpers = room.participants.filter((p) => p.sharedDevice && p.state === 'admitted')
  const streamOf = (id: string) => remotes.find((r) => r.id === id)

  return (
    <PageShell className="video-room">
      <View className="video-bar">
        <Text className="video-bar-title">{room.title}</Text>
        {room.startedAt && room.phase === 'open' ? <Text className="video-timer" aria-label="调解用时">{formatElapsed(elapsed)}</Text> : null}
      </View>

      {room.message ? (
        <View className="video-note" aria-live="polite">
          <Text>{room.message}</Text>
          {keys.includes('join') ? <Button type="primary" onClick={() => void rejoin()}>{room.availableActions.find((a) => a.key === 'join')!.label}</Button> : null}
        </View>
      ) : !inRoom && keys.includes('join') ? (
        <View className="video-note">
          <Text>您已离开调解室。</Text>
          <Button type="primary" onClick={() => void rejoin()}>{room.availableActions.find((a) => a.key === 'join')!.label}</Button>
        </View>
      ) : null}

      {hands.length ? (
        <Text className="video-cue" aria-live="polite">
          {hands.map((p) => `${p.name}（${p.roleLabel}）`).join('、')}举手了{isMediator ? '，请示意其发言' : '，等调解员示意后发言'}
        </Text>
      ) : null}

      {weappNote && inRoom ? <Text className="video-note">{weappNote}</Text> : null}

      {room.recording.text ? (
        <View className={`video-recording is-${room.recording.state}`} aria-label="录音录像" aria-live="polite">
          <Text>{room.recording.state === 'on' ? '● ' : ''}{room.recording.text}</Text>
          {keys.includes('record_consent') ? (
            <View className="video-recording-answer">
              <Button type="primary" onClick={() => void run('record_consent')}>同意录制</Button>
              <Button onClick={() => void run('record_decline')}>不同意</Button>
            </View>
          ) : null}
        </View>
      ) : null}

      {inRoom && me && !weappNote ? (
        WEAPP ? (
          <WeappStage ticket={store.ticket} others={store.others} mic={mic} camera={camera} />
        ) : (
          <View className="video-tiles">
            <Tile p={{ ...me, mic, camera }} stream={local} local />
            {store.others.map((p) => (
              <Tile key={`${p.id}-${p.epoch}`} p={p} stream={streamOf(p.id)?.stream ?? null} state={streamOf(p.id)?.state} />
            ))}
          </View>
        )
      ) : null}

      {helpers.length && inRoom ? (
        <View className="video-note" aria-label="家属协助">
          {helpers.map((h) => (
            <Text key={h.id}>
              家属 {h.name} 在场协助：{h.roleLabel}
            </Text>
          ))}
        </View>
      ) : null}

      {isMediator && room.phase === 'open' && store.waiting.length ? (
        <View className="video-waiting" aria-label="等候室">
          <Text className="video-bar-title">等候室（{store.waiting.length} 人）</Text>
          {store.waiting.map((p) => (
            <View key={p.id} className="video-waiting-row">
              <Text className="video-waiting-name">
                {p.name} · {p.roleLabel}
              </Text>
              {p.actions.includes('admit') ? <Button size="small" type="primary" onClick={() => void run('admit', p.id)}>准许进入</Button> : null}
              {p.actions.includes('remove') ? <Button size="small" onClick={() => void run('remove', p.id)}>请离开</Button> : null}
            </View>
          ))}
        </View>
      ) : null}

      {isMediator && inRoom ? (
        <View className="video-waiting" aria-label="室内人员">
          {room.participants
            .filter((p) => p.state === 'admitted' && p.actions.includes('remove'))
            .map((p) => (
              <View key={p.id} className="video-waiting-row">
                <Text className="video-waiting-name">
                  {p.name} · {p.roleLabel}
                </Text>
                <Button size="small" onClick={() => void run('remove', p.id)}>请出</Button>
              </View>
            ))}
        </View>
      ) : null}

      {room.recording.consents.length ? (
        <View className="video-attendance" aria-label="录制同意记录">
          <Text className="video-bar-title">录制同意记录</Text>
          {room.recording.consents.map((c, i) => (
            <Text key={`${c.name}-${i}`} className="video-attendance-row">
              {c.roleLabel} {c.name}：{c.agreed ? '同意' : '不同意'}（{formatTime(c.at)}）
            </Text>
          ))}
        </View>
      ) : null}

      {isMediator && room.attendance.length ? (
        <View className="video-attendance" aria-label="出席记录">
          <Text className="video-bar-title">出席记录（写入调解记录）</Text>
          {room.attendance.map((a, i) => (
            <View key={`${a.name}-${a.from}-${i}`} className="video-attendance-row">
              <Text>
                {a.roleLabel} {a.name}
              </Text>
              <Text className="muted">
                {formatTime(a.from)} — {a.to ? formatTime(a.to) : '仍在室内'}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {inRoom ? (
        <View className="video-controls">
          <Button onClick={() => void toggle('mic')}>{mic ? '静音' : '取消静音'}</Button>
          <Button onClick={() => void toggle('camera')}>{camera ? '关摄像头' : '开摄像头'}</Button>
          {keys.includes('hand_up') ? <Button onClick={() => void run('hand_up')}>举手发言</Button> : null}
          {keys.includes('hand_down') ? <Button onClick={() => void run('hand_down')}>放下手</Button> : null}
          <Button onClick={() => void run('leave')}>离开</Button>
          {keys.includes('record_start') ? <Button onClick={() => void run('record_start')}>请求录音录像</Button> : null}
          {keys.includes('record_stop') ? <Button onClick={() => void run('record_stop')}>{room.availableActions.find((a) => a.key === 'record_stop')!.label}</Button> : null}
          {keys.includes('end') ? <Button type="danger" onClick={() => void run('end')}>结束调解</Button> : null}
        </View>
      ) : null}
    </PageShell>
  )
}

export default observer(RoomPage)
