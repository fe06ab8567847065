import { Text, View } from '@tarojs/components'
import { contactChannelLabels, contactChannels, contactWindowLabels, contactWindows, safeContactWords, type SafeContact } from '../contract/safe-contact'

interface Props {
  value: SafeContact
  onChange(next: SafeContact): void
  /** the resident speaks of herself (我), staff of the person they write down (她) */
  firstPerson?: boolean
}

/** How and when it is safe to reach her: the staff screen shows the same words back and the server enforces them. */
export function SafeContactPicker({ value, onChange, firstPerson }: Props) {
  const toggle = (c: (typeof contactChannels)[number]) => {
    const has = value.channels.includes(c)
    const channels = has ? value.channels.filter((x) => x !== c) : [...value.channels, c]
    if (channels.length) onChange({ ...value, channels })
  }
  return (
    <View className="safe-contact-picker">
      <Text className="form-label">{firstPerson ? '怎样联系我比较安全' : '安全的联系方式'}</Text>
      <View className="row" role="group" aria-label="联系方式">
        {contactChannels.map((c) => (
          <View key={c} role="checkbox" aria-checked={value.channels.includes(c)} className={`form-option ${value.channels.includes(c) ? 'is-on' : ''}`} onClick={() => toggle(c)}>
            {contactChannelLabels[c]}
          </View>
        ))}
      </View>
      <Text className="form-label">{firstPerson ? '什么时候联系我' : '可以联系的时间'}</Text>
      <View className="row" role="radiogroup" aria-label="联系时间">
        {contactWindows.map((w) => (
          <View key={w} role="radio" aria-checked={value.window === w} className={`form-option ${value.window === w ? 'is-on' : ''}`} onClick={() => onChange({ ...value, window: w })}>
            {contactWindowLabels[w]}
          </View>
        ))}
      </View>
      <View role="checkbox" aria-checked={value.doNotCallHome} className={`form-option safe-contact-home ${value.doNotCallHome ? 'is-on' : ''}`} onClick={() => onChange({ ...value, doNotCallHome: !value.doNotCallHome })}>
        {value.doNotCallHome ? '✓ ' : ''}勿拨打家中电话
      </View>
      <Text className="muted">将显示为：{safeContactWords(value).join('，')}</Text>
    </View>
  )
}
