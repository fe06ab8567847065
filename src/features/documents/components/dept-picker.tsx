import { Input, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'

export interface DeptOption {
  id: string
  name: string
}

interface Props {
  visible: boolean
  title: string
  multiple: boolean
  selected: string[]
  options: DeptOption[]
  onClose(): void
  onConfirm(ids: string[]): void
}

/**
 * 选单位: a bottom sheet over a list the caller already holds (主送、抄送、会签、主办、协办), searched
 * by name. The choice is committed only on 确定, so closing the sheet leaves the form as it was; ids come
 * back in the order they were picked, which is the order 主送 units are listed on the document.
 */
export function DeptPicker({ visible, title, multiple, selected, options, onClose, onConfirm }: Props) {
  const [query, setQuery] = useState('')
  const [picked, setPicked] = useState<string[]>(selected)

  useEffect(() => {
    if (!visible) return
    setPicked(selected)
    setQuery('')
    // only on opening: the caller's `selected` is a fresh array on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible])

  const q = query.trim()
  const shown = q ? options.filter((o) => o.name.includes(q)) : options

  const toggle = (id: string) => {
    const on = picked.includes(id)
    if (!multiple) return setPicked(on ? [] : [id])
    setPicked(on ? picked.filter((x) => x !== id) : [...picked, id])
  }

  return (
    <Popup visible={visible} position="bottom" round closeable title={title} onClose={onClose}>
      <View className="picker">
        <Input className="picker-search" value={query} placeholder="输入单位名称查找" aria-label={`搜索${title}`} onInput={(e) => setQuery(e.detail.value)} />
        <View className="picker-list" role={multiple ? 'group' : 'radiogroup'} aria-label={title}>
          {shown.map((o) => {
            const on = picked.includes(o.id)
            return (
              <View key={o.id} className={`picker-item ${on ? 'is-on' : ''}`} role={multiple ? 'checkbox' : 'radio'} aria-checked={on} aria-label={o.name} onClick={() => toggle(o.id)}>
                <Text className="picker-check">{on ? '✓' : ''}</Text>
                <Text className="picker-name">{o.name}</Text>
              </View>
            )
          })}
          {!shown.length ? <Text className="muted">没有找到，请换个关键词</Text> : null}
        </View>
        <Button block type="primary" onClick={() => onConfirm([...picked])}>
          确定（{picked.length}）
        </Button>
      </View>
    </Popup>
  )
}
