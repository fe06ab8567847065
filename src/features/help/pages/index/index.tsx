import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import { helpSituationLabels, helpSituations, helpStreets, type HelpSituation } from '../../../../contract/help'
import type { SafeContact } from '../../../../contract/safe-contact'
import { PageShell } from '../../../../components/page-shell'
import { SafeContactPicker } from '../../../../components/safe-contact-picker'
import { FieldError } from '../../../../components/field-error'
import { showError, toApiError } from '../../../../core/errors'
import { newIdempotencyKey } from '../../../../core/ids'
import { useStores } from '../../../../core/store-context'
import { QuickExit } from '../../components/quick-exit'
import { useHelpStore } from '../../store'
import './index.scss'

/**
 * 一键求助: what happened in a few taps, how and when it is safe to be contacted, optionally without a
 * name. Nothing is kept on the phone while she writes: a draft could be found by the person she fears.
 */
function HelpPage() {
  const root = useStores()
  const store = useHelpStore(root)
  const street = root.session.user?.streetName ?? ''
  const [situations, setSituations] = useState<HelpSituation[]>([])
  const [danger, setDanger] = useState<boolean | null>(null)
  const [streetName, setStreetName] = useState((helpStreets as readonly string[]).includes(street) ? street : '')
  const [words, setWords] = useState('')
  const [anonymous, setAnonymous] = useState(false)
  const [safeContact, setSafeContact] = useState<SafeContact>({ channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true })
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const key = useRef(newIdempotencyKey())

  const toggle = (s: HelpSituation) => setSituations((x) => (x.includes(s) ? x.filter((y) => y !== s) : [...x, s]))

  async function send() {
    if (sending) return
    if (!situations.length) return setProblem('请至少选一项情况')
    if (danger === null) return setProblem('请告诉我们您现在是否安全')
    if (!streetName) return setProblem('请选择您所在的街道')
    setProblem(null)
    setSending(true)
    try {
      await store.submit({ situations, inDangerNow: danger, words: words.trim() || undefined, streetName: streetName as (typeof helpStreets)[number], anonymous, safeContact }, key.current)
      key.current = newIdempotencyKey()
      // redirect, not navigate: the flow keeps one history entry, which 一键离开 replaces
      void Taro.redirectTo({ url: '/features/help/pages/mine/index?sent=1' })
    } catch (err) {
      const e = toApiError(err)
      if (!e.transient) key.current = newIdempotencyKey()
      showError(e)
    } finally {
      setSending(false)
    }
  }

  return (
    <PageShell>
      <QuickExit />
      <View className="hp-top">
        <Text className="hp-title">我们在，您说</Text>
        <Text className="muted">只有妇联工作人员能看到。右上角「一键离开」随时退出，不留记录。</Text>
        <View className="form-add" role="link" onClick={() => void Taro.redirectTo({ url: '/features/help/pages/mine/index' })}>
          查看我的留言
        </View>
      </View>
      <View className="card hp-form">
        <Text className="form-label">您现在安全吗？</Text>
        <View className="row" role="radiogroup" aria-label="现在是否安全">
          <View role="radio" aria-checked={danger === false} className={`form-option ${danger === false ? 'is-on' : ''}`} onClick={() => setDanger(false)}>
            现在安全
          </View>
          <View role="radio" aria-checked={danger === true} className={`form-option ${danger === true ? 'is-on' : ''}`} onClick={() => setDanger(true)}>
            现在有危险
          </View>
        </View>
      </View>
      {danger ? (
        <View className="card hp-danger" role="alert">
          <Text className="hp-danger-title">有危险请先拨打 110</Text>
          <Text>我们收到后会马上联系您和当地派出所。</Text>
          <Button type="danger" onClick={() => void Taro.makePhoneCall({ phoneNumber: '110' })}>
            拨打 110
          </Button>
        </View>
      ) : null}
      <View className="card hp-form">
        <Text className="form-label">发生了什么（可多选）</Text>
        <View role="group" aria-label="情况" className="hp-form">
          {helpSituations.map((s) => (
            <View key={s} role="checkbox" aria-checked={situations.includes(s)} className={`form-option hp-situation ${situations.includes(s) ? 'is-on' : ''}`} onClick={() => toggle(s)}>
              {situations.includes(s) ? '✓ ' : ''}
              {helpSituationLabels[s]}
            </View>
          ))}
        </View>
        <Text className="form-label">想说的话（可不填）</Text>
        <Textarea className="form-textarea" value={words} maxlength={300} placeholder="写多写少都可以" aria-label="想说的话" onInput={(e) => setWords(e.detail.value)} />
        <Text className="form-label">您在哪个街道</Text>
        <View className="row" role="radiogroup" aria-label="所在街道">
          {helpStreets.map((s) => (
            <View key={s} role="radio" aria-checked={streetName === s} className={`form-option ${streetName === s ? 'is-on' : ''}`} onClick={() => setStreetName(s)}>
              {s.replace('街道', '')}
            </View>
          ))}
        </View>
      </View>
      <View className="card">
        <SafeContactPicker value={safeContact} onChange={setSafeContact} firstPerson />
      </View>
      <View className="card">
        <View role="checkbox" aria-checked={anonymous} className={`form-option ${anonymous ? 'is-on' : ''}`} onClick={() => setAnonymous(!anonymous)}>
          {anonymous ? '✓ ' : ''}不留姓名（匿名）
        </View>
      </View>
      <View className="form-actions">
        <FieldError message={problem} />
        <Button block type="primary" loading={sending} disabled={sending} onClick={() => void send()}>
          发送
        </Button>
      </View>
    </PageShell>
  )
}

export default observer(HelpPage)
