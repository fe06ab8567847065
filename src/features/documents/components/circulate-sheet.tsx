import { Input, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import { PersonPicker, type PickedPerson } from '../../../components/person-picker'
import { userMessage } from '../../../core/errors'
import { FieldError } from '../../../components/field-error'

interface Props {
  visible: boolean
  onClose(): void
  /** sends the 传阅; rejects with the server's words when it refuses */
  onSend(readerIds: string[], purpose: string): Promise<unknown>
}

/** 传阅: whom to, and why — a 传阅 without a stated purpose leaves readers guessing what is asked of them. */
export function CirculateSheet({ visible, onClose, onSend }: Props) {
  const [readers, setReaders] = useState<PickedPerson[]>([])
  const [purpose, setPurpose] = useState('')
  const [picking, setPicking] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!visible) return
    setReaders([])
    setPurpose('')
    setProblem(null)
  }, [visible])

  async function send() {
    if (busy) return
    if (!readers.length) return setProblem('请选择传阅人')
    const p = purpose.trim()
    if (p.length < 2) return setProblem('请填写传阅目的')
    setBusy(true)
    setProblem(null)
    try {
      await onSend(
        readers.map((r) => r.id),
        p,
      )
      onClose()
    } catch (err) {
      setProblem(userMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Popup visible={visible && !picking} position="bottom" round closeable title="传阅" onClose={() => !busy && !picking && onClose()}>
        <View className="picker doc-circulate-sheet">
          <View className="form-field">
            <Text className="form-label">传阅人</Text>
            <View className="row">
              {readers.map((r) => (
                <Text key={r.id} className="form-chip">
                  {r.name}
                </Text>
              ))}
              <View className="form-add" role="button" onClick={() => setPicking(true)}>
                {readers.length ? '重新选择' : '＋ 选择传阅人'}
              </View>
            </View>
          </View>
          <View className="form-field">
            <Text className="form-label">传阅目的</Text>
            <Input className="form-input" value={purpose} maxlength={200} placeholder="如：请阅知，按职责抓好落实" aria-label="传阅目的" onInput={(e) => setPurpose(e.detail.value)} />
          </View>
          <FieldError message={problem} />
          <Button block type="primary" loading={busy} disabled={busy} onClick={() => void send()}>
            确定传阅
          </Button>
        </View>
      </Popup>
      <PersonPicker
        visible={visible && picking}
        multiple
        selected={readers}
        onClose={() => setPicking(false)}
        onConfirm={(people) => {
          setReaders(people)
          setPicking(false)
          setProblem(null)
        }}
      />
    </>
  )
}
