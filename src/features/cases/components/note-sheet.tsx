import { Text, View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import { FieldError } from '../../../components/field-error'
import { showError } from '../../../core/errors'

export interface NoteAsk {
  title: string
  label: string
  required: boolean
  /** shown above the box, e.g. her safe-contact words before a contact is recorded */
  hint?: string
  send(note: string): Promise<void>
}

/** One short text before an answer is sent: a referral's return reason, a contact note. */
export function NoteSheet({ ask, onClose }: { ask: NoteAsk | null; onClose(): void }) {
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    setNote('')
    setProblem(null)
  }, [ask])
  async function confirm() {
    if (!ask || busy) return
    if (ask.required && !note.trim()) return setProblem(`请填写${ask.label}`)
    setBusy(true)
    try {
      await ask.send(note.trim())
      onClose()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Popup visible={ask !== null} position="bottom" round closeable onClose={() => !busy && onClose()} title={ask?.title}>
      <View className="opinion-sheet">
        {ask?.hint ? <Text className="cs-safe-word">{ask.hint}</Text> : null}
        <Text className="opinion-label">{ask?.label}</Text>
        <TextArea value={note} onChange={(v) => setNote(v)} maxLength={300} showCount placeholder={ask?.required ? '必填' : '可不填'} />
        <FieldError message={problem} />
        <Button block type="primary" loading={busy} disabled={busy} onClick={() => void confirm()}>
          确定{ask?.title}
        </Button>
      </View>
    </Popup>
  )
}
