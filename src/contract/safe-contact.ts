import * as v from 'valibot'
import { optionalText } from './schema'

/**
 * How and when it is safe to reach a person at risk. Shared by the resident's help request and the
 * staff case screen: it is shown wherever contact is possible, and the server refuses a contact on a
 * channel or at a time she did not choose.
 */
export const contactChannels = ['phone', 'sms', 'wechat'] as const
export type ContactChannel = (typeof contactChannels)[number]
export const contactChannelLabels: Record<ContactChannel, string> = { phone: '电话', sms: '短信', wechat: '微信消息' }

export const contactWindows = ['any', 'weekday_daytime', 'evening'] as const
export type ContactWindow = (typeof contactWindows)[number]
export const contactWindowLabels: Record<ContactWindow, string> = { any: '任何时间', weekday_daytime: '仅工作日白天', evening: '仅晚上 19–21 点' }

export const safeContactInput = v.object({
  channels: v.pipe(
    v.array(v.picklist(contactChannels, '「联系方式」的取值不对'), '「联系方式」格式不对'),
    v.minLength(1, '请至少选择一种安全的联系方式'),
    v.maxLength(3, '「联系方式」的取值不对'),
    v.title('联系方式'),
  ),
  window: v.pipe(v.picklist(contactWindows, '「联系时间」的取值不对'), v.title('联系时间')),
  doNotCallHome: v.boolean('「勿拨打家中电话」格式不对'),
  note: optionalText('联系时的注意事项', 100),
})
export type SafeContact = v.InferOutput<typeof safeContactInput>

export const safeContactSchema = v.object({
  channels: v.array(v.picklist(contactChannels)),
  window: v.picklist(contactWindows),
  doNotCallHome: v.boolean(),
  note: v.nullable(v.string()),
  /** the same preferences in the words staff read before reaching for the phone */
  words: v.array(v.string()),
})

export function safeContactWords(s: Pick<SafeContact, 'channels' | 'window' | 'doNotCallHome'>): string[] {
  const out: string[] = []
  if (s.doNotCallHome) out.push('勿拨打家中电话')
  const only = s.channels.length === 1 ? `仅${contactChannelLabels[s.channels[0]]}` : `可${s.channels.map((c) => contactChannelLabels[c]).join('、')}`
  out.push(s.window === 'any' ? only : `${contactWindowLabels[s.window]}${only.replace(/^仅/, '')}`)
  return out
}
