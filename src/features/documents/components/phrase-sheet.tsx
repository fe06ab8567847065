import { Input, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import { MAX_PHRASE_CHARS, MAX_PHRASES } from '../../../contract/documents'
import { userMessage } from '../../../core/errors'
import { FieldError } from '../../../components/field-error'


interface Props {
  visible: boolean
  phrases: readonly string[]
  onClose(): void
  /** saves the whole list; rejects with the server's words when it refuses */
  onSave(phrases: string[]): Promise<void>
}

/** 管理常用意见: add, change, delete, then 保存 the list as a whole (closing without saving keeps the old one). */
export function PhraseSheet({ visible, phrases, onClose, onSave }: Props) {
  const [list, setList] = useState<string[]>([...phrases])
  const [adding, setAdding] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!visible) return
    setList([...phrases])
    setAdding('')
    setProblem(null)
    // only on opening: edits in progress are not overwritten by a re-render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible])

  function add() {
    const p = adding.trim()
    if (!p) return setProblem('请先输入要添加的意见')
    if (list.includes(p)) return setProblem('这条意见已经有了')
    if (list.length >= MAX_PHRASES) return setProblem(`常用意见最多 ${MAX_PHRASES} 条`)
    setList([...list, p])
    setAdding('')
    setProblem(null)
  }

  async function save() {
    if (busy) return
    const cleaned = [...new Set(list.map((p) => p.trim()).filter(Boolean))]
    const long = cleaned.find((p) => p.length > MAX_PHRASE_CHARS)
    if (long) return setProblem(`每条意见不超过 ${MAX_PHRASE_CHARS} 个字`)
    if (cleaned.length > MAX_PHRASES) return setProblem(`常用意见最多 ${MAX_PHRASES} 条`)
    setBusy(true)
    try {
      await onSave(cleaned)
      onClose()
    } catch (err) {
      setProblem(userMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Popup visible={visible} position="bottom" round closeable title="管理常用意见" onClose={() => !busy && onClose()}>
      <View className="picker doc-phrase-sheet">
        <View className="picker-list" role="list" aria-label="我的常用意见">
          {list.map((p, i) => (
            <View key={i} className="picker-item doc-phrase-item" role="listitem">
              <Input
                className="picker-search doc-phrase-edit"
                value={p}
                maxlength={MAX_PHRASE_CHARS}
                aria-label={`常用意见 ${i + 1}`}
                onInput={(e) => setList(list.map((x, j) => (j === i ? e.detail.value : x)))}
              />
              <View className="doc-phrase-delete" role="button" aria-label={`删除「${p}」`} onClick={() => setList(list.filter((_, j) => j !== i))}>
                删除
              </View>
            </View>
          ))}
          {!list.length ? <Text className="muted">还没有常用意见，在下面添加</Text> : null}
        </View>
        <View className="row doc-phrase-add">
          <Input className="picker-search doc-phrase-new" value={adding} maxlength={MAX_PHRASE_CHARS} placeholder="输入新的常用意见" aria-label="新的常用意见" onInput={(e) => setAdding(e.detail.value)} />
          <Button size="small" onClick={add}>
            添加
          </Button>
        </View>
        <FieldError message={problem} />
        <Button block type="primary" loading={busy} disabled={busy} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </Popup>
  )
}
