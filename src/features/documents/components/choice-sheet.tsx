import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import { FieldError } from '../../../components/field-error'

export interface Choice {
  value: string
  label: string
  note?: string
}

interface Props {
  visible: boolean
  title: string
  choices: readonly Choice[]
  confirmLabel: string
  /** what to say when 确定 is tapped with nothing chosen */
  emptyMessage: string
  onClose(): void
  onConfirm(value: string): void
}

/** Pick one of a short list the server gave (退回到哪个环节, 呈哪位领导批办); nothing is preselected. */
export function ChoiceSheet({ visible, title, choices, confirmLabel, emptyMessage, onClose, onConfirm }: Props) {
  const [picked, setPicked] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (!visible) return
    setPicked(null)
    setProblem(null)
  }, [visible])

  return (
    <Popup visible={visible} position="bottom" round closeable title={title} onClose={onClose}>
      <View className="picker">
        <View className="picker-list" role="radiogroup" aria-label={title}>
          {choices.map((c) => {
            const on = picked === c.value
            return (
              <View
                key={c.value}
                className={`picker-item ${on ? 'is-on' : ''}`}
                role="radio"
                aria-checked={on}
                aria-label={c.label}
                onClick={() => {
                  setPicked(c.value)
                  setProblem(null)
                }}
              >
                <Text className="picker-check">{on ? '✓' : ''}</Text>
                <Text className="picker-name">{c.label}</Text>
                {c.note ? <Text className="muted"> {c.note}</Text> : null}
              </View>
            )
          })}
        </View>
        <FieldError message={problem} />
        <Button block type="primary" onClick={() => (picked ? onConfirm(picked) : setProblem(emptyMessage))}>
          {confirmLabel}
        </Button>
      </View>
    </Popup>
  )
}
