import { Text, View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { AvailableAction } from '../contract/common'
import { showError } from '../core/errors'
import { FieldError } from './field-error'

interface Props {
  /** exactly what the server said this user may do now */
  actions: readonly AvailableAction[]
  onAction(action: AvailableAction, opinion: string): Promise<void>
  /** 常用意见: tap to fill the opinion box */
  phrases?: readonly string[]
}

/**
 * Sticky at the bottom, in thumb reach while reading. Renders the server's availableActions and nothing
 * else; asks for an opinion or reason first where the action needs one. A second tap while the first is
 * in flight does nothing.
 */
export function ActionBar({ actions, onAction, phrases = [] }: Props) {
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState<AvailableAction | null>(null)
  const [opinion, setOpinion] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  if (!actions.length) return null

  async function run(action: AvailableAction, text: string) {
    if (busy) return
    setBusy(true)
    try {
      await onAction(action, text.trim())
      setAsking(null)
      setOpinion('')
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  function press(action: AvailableAction) {
    if (busy) return
    if (action.opinion === 'none') {
      void run(action, '')
      return
    }
    setProblem(null)
    setAsking(action)
  }

  function confirm() {
    if (!asking) return
    if (asking.opinion === 'required' && !opinion.trim()) {
      setProblem(`请填写${asking.opinionLabel ?? '意见'}`)
      return
    }
    void run(asking, opinion)
  }

  return (
    <>
      <View className="action-bar" role="toolbar" aria-label="可执行的操作">
        {actions.map((a) => (
          <Button
            key={a.key}
            className="action-bar-button"
            type={a.style === 'primary' ? 'primary' : a.style === 'danger' ? 'danger' : 'default'}
            disabled={busy}
            loading={busy && asking === null}
            onClick={() => press(a)}
          >
            {a.label}
          </Button>
        ))}
      </View>
      <Popup visible={asking !== null} position="bottom" round closeable onClose={() => !busy && setAsking(null)} title={asking?.label}>
        <View className="opinion-sheet">
          <Text className="opinion-label">{asking?.opinionLabel ?? '意见'}</Text>
          {phrases.length ? (
            <View className="row opinion-phrases">
              {phrases.map((p) => (
                <Text key={p} className="opinion-phrase" onClick={() => setOpinion(p)}>
                  {p}
                </Text>
              ))}
            </View>
          ) : null}
          <TextArea value={opinion} onChange={(v) => setOpinion(v)} maxLength={500} showCount placeholder={asking?.opinion === 'required' ? '必填' : '可不填'} />
          <FieldError message={problem} />
          <Button block type="primary" loading={busy} disabled={busy} onClick={confirm}>
            确定{asking?.label}
          </Button>
        </View>
      </Popup>
    </>
  )
}
