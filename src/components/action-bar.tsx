import { Text, View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { AvailableAction } from '../contract/common'
import { showError } from '../core/errors'
import { useOptionalStores } from '../core/store-context'
import { layoutActions, MORE_LABEL } from './action-layout'
import { FieldError } from './field-error'

interface Props {
  /** exactly what the server said this user may do now */
  actions: readonly AvailableAction[]
  onAction(action: AvailableAction, opinion: string): Promise<void>
  /**
   * 常用意见: tap to fill the opinion box. They belong to an action — 同意 and 退回 are not said in the same
   * words — so they are given per action key; a plain list is for a bar whose actions all say the same.
   */
  phrases?: readonly string[] | Readonly<Record<string, readonly string[]>>
}

function phrasesFor(phrases: Props['phrases'], action: AvailableAction): readonly string[] {
  if (!phrases) return []
  if (Array.isArray(phrases)) return phrases
  return (phrases as Readonly<Record<string, readonly string[]>>)[action.key] ?? []
}

/**
 * Sticky at the bottom, in thumb reach while reading. Renders the server's availableActions and nothing
 * else; asks for an opinion or reason first where the action needs one. A second tap while the first is
 * in flight does nothing. The bar lays itself out (`layoutActions`): the primary action full width, the
 * others in a second row while their labels fit on one line at the current font, the rest behind 更多.
 */
export const ActionBar = observer(function ActionBar({ actions, onAction, phrases = [] }: Props) {
  const stores = useOptionalStores()
  const elder = stores?.ui.elderMode ?? false
  const [busy, setBusy] = useState(false)
  const [showMore, setShowMore] = useState(false)
  const [asking, setAsking] = useState<AvailableAction | null>(null)
  const [opinion, setOpinion] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  if (!actions.length) return null
  const layout = layoutActions(actions, { elder })
  // PageShell's room at the bottom is for one row; a second row adds its own
  const twoRows = layout.primary !== null && (layout.row.length > 0 || layout.more.length > 0)
  const offered = asking ? phrasesFor(phrases, asking) : []

  const button = (a: AvailableAction) => (
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
  )

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
    setShowMore(false)
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
      {twoRows ? <View className="action-bar-spacer" /> : null}
      <View className={`action-bar ${elder ? 'is-elder' : ''}`} role="toolbar" aria-label="可执行的操作">
        {layout.primary ? <View className="action-bar-row">{button(layout.primary)}</View> : null}
        {layout.row.length || layout.more.length ? (
          <View className="action-bar-row">
            {layout.row.map(button)}
            {layout.more.length ? (
              <Button key="more" className="action-bar-button" disabled={busy} onClick={() => setShowMore(true)}>
                {MORE_LABEL}
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>
      <Popup visible={showMore} position="bottom" round closeable title="更多操作" onClose={() => setShowMore(false)}>
        <View className="action-more-sheet" role="group" aria-label="更多操作">
          {layout.more.map((a) => (
            <Button key={a.key} block className="action-more-button" type={a.style === 'danger' ? 'danger' : 'default'} disabled={busy} onClick={() => press(a)}>
              {a.label}
            </Button>
          ))}
        </View>
      </Popup>
      <Popup visible={asking !== null} position="bottom" round closeable onClose={() => !busy && setAsking(null)} title={asking?.label}>
        <View className="opinion-sheet">
          <Text className="opinion-label">{asking?.opinionLabel ?? '意见'}</Text>
          {offered.length ? (
            <View className="row opinion-phrases">
              {offered.map((p) => (
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
})
