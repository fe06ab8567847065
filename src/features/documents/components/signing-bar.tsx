import { ScrollView, Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useMemo, useRef, useState } from 'react'
import type { AvailableAction } from '../../../contract/common'
import { FormDraft } from '../../../core/draft'
import { showError } from '../../../core/errors'
import { useStores } from '../../../core/store-context'
import { FieldError } from '../../../components/field-error'

/** 'cancelled': the person backed out of a follow-up sheet (signature, target); keep what they wrote. */
export type ActOutcome = 'done' | 'cancelled'

export interface ExtraButton {
  key: string
  label: string
  run(): Promise<unknown> | void
}

interface Props {
  /** exactly what the server said this person may do now */
  actions: readonly AvailableAction[]
  /** buttons the server allowed by a flag rather than an action (传阅 when canCirculate) */
  extras?: readonly ExtraButton[]
  phrases: readonly string[]
  onAction(action: AvailableAction, opinion: string): Promise<ActOutcome>
  onManagePhrases(): void
  /** where the half-written opinion is kept, so a lost network or a closed app loses nothing */
  draftKey?: string
}

/**
 * 一屏签批: the opinion box and the buttons stay fixed at the bottom while the document scrolls above, so
 * a leader reads and signs without leaving the text. The box is shared by every action: 同意 takes what is
 * written (or nothing), 退回/退文/评论 refuse an empty box. One action in flight at a time.
 */
export function DocumentSigningBar({ actions, extras = [], phrases, onAction, onManagePhrases, draftKey }: Props) {
  const { storage } = useStores()
  const draft = useMemo(() => (draftKey ? new FormDraft<{ opinion: string }>(storage, draftKey) : null), [storage, draftKey])
  const [opinion, setOpinionState] = useState(() => draft?.restore()?.opinion ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  // state updates land after the event; a ref stops the second tap of a double tap in the same tick
  const inFlight = useRef(false)

  function setOpinion(text: string) {
    setOpinionState(text)
    if (!draft) return
    if (text.trim()) draft.save({ opinion: text })
    else draft.clear()
  }

  if (!actions.length && !extras.length) return null
  const wantsOpinion = actions.some((a) => a.opinion !== 'none')

  async function guard(key: string, run: () => Promise<unknown>) {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(key)
    try {
      await run()
    } catch (err) {
      showError(err)
    } finally {
      inFlight.current = false
      setBusy(null)
    }
  }

  function press(a: AvailableAction) {
    if (inFlight.current) return
    const text = a.opinion === 'none' ? '' : opinion.trim()
    if (a.opinion === 'required' && !text) {
      setProblem(`请填写${a.opinionLabel ?? '意见'}`)
      return
    }
    setProblem(null)
    void guard(a.key, async () => {
      const outcome = await onAction(a, text)
      if (outcome === 'done' && a.opinion !== 'none') setOpinion('')
    })
  }

  const required = actions.filter((a) => a.opinion === 'required').map((a) => a.label)
  const placeholder = required.length ? `填写意见（${required.join('、')}时必填）` : '填写意见（可不填）'

  return (
    <View className="doc-signing-bar" role="region" aria-label="签批">
      {wantsOpinion ? (
        <View className="doc-signing-opinion">
          <View className="row doc-signing-phrases-row">
            <ScrollView scrollX className="doc-signing-phrases" aria-label="常用意见">
              {phrases.map((p) => (
                <Text
                  key={p}
                  className="opinion-phrase doc-phrase"
                  onClick={() => {
                    setOpinion(p)
                    setProblem(null)
                  }}
                >
                  {p}
                </Text>
              ))}
              {!phrases.length ? <Text className="muted">还没有常用意见</Text> : null}
            </ScrollView>
            <View className="doc-signing-manage" role="link" onClick={onManagePhrases}>
              管理
            </View>
          </View>
          <TextArea
            className="doc-signing-input"
            value={opinion}
            onChange={(v) => {
              setOpinion(v)
              if (problem && v.trim()) setProblem(null)
            }}
            maxLength={500}
            rows={2}
            placeholder={placeholder}
          />
          <FieldError message={problem} />
        </View>
      ) : null}
      <View className="doc-signing-actions" role="toolbar" aria-label="可执行的操作">
        {actions.map((a) => (
          <Button
            key={a.key}
            className="doc-signing-button"
            type={a.style === 'primary' ? 'primary' : a.style === 'danger' ? 'danger' : 'default'}
            disabled={busy !== null}
            loading={busy === a.key}
            onClick={() => press(a)}
          >
            {a.label}
          </Button>
        ))}
        {extras.map((x) => (
          <Button key={x.key} className="doc-signing-button" disabled={busy !== null} loading={busy === x.key} onClick={() => void guard(x.key, async () => x.run())}>
            {x.label}
          </Button>
        ))}
      </View>
    </View>
  )
}
