import { Text } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { urgencyLabels, workTagLabels, type Urgency, type WorkTag } from '../contract/common'

export type Tone = 'primary' | 'danger' | 'warn' | 'ok' | 'neutral'

/** A small coloured label: a status, a work tag, an urgency. The word carries the meaning, not only the colour. */
export function StatusTag({ tone = 'neutral', children }: PropsWithChildren<{ tone?: Tone }>) {
  return <Text className={`status-tag status-tag--${tone}`}>{children}</Text>
}

const tagTone: Record<WorkTag, Tone> = { todo: 'primary', circulate: 'primary', urge: 'warn', overdue: 'danger', returned: 'danger' }

export function WorkTagList({ tags }: { tags: readonly WorkTag[] }) {
  return (
    <>
      {tags.map((t) => (
        <StatusTag key={t} tone={tagTone[t]}>
          {workTagLabels[t]}
        </StatusTag>
      ))}
    </>
  )
}

const urgencyTone: Record<Exclude<Urgency, 'normal'>, Tone> = { urgent: 'warn', very_urgent: 'danger' }

/** 加急 amber, 特急 red, 平件 nothing: the same in the inbox, the lists and the detail pages. */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  if (urgency === 'normal') return null
  return <StatusTag tone={urgencyTone[urgency]}>{urgencyLabels[urgency]}</StatusTag>
}
