import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { circulationReaderLabels, type DocumentDetail } from '../../../contract/documents'
import { StatusTag } from '../../../components/status-tag'
import { showError } from '../../../core/errors'
import { formatTime } from '../../../core/format'

type Circulation = DocumentDetail['circulations'][number]

const readerTone = { unread: 'warn', read: 'ok', opinion: 'primary' } as const

interface Props {
  circulations: readonly Circulation[]
  /** 催阅; resolves once the server has the reminder */
  onRemind(circulationId: string): Promise<unknown>
}

/**
 * 传阅情况: who it went to and why, who has read it and what they wrote. The sender sees every reader and
 * may 催阅 those who have not read it; a reader sees only their own line (the server filters).
 */
export function CirculationTracker({ circulations, onRemind }: Props) {
  const [busy, setBusy] = useState<string | null>(null)

  async function remind(c: Circulation) {
    if (busy) return
    setBusy(c.id)
    try {
      await onRemind(c.id)
    } catch (err) {
      showError(err)
    } finally {
      setBusy(null)
    }
  }

  if (!circulations.length) return null
  return (
    <View className="doc-circulations">
      {circulations.map((c) => {
        const count = (s: keyof typeof circulationReaderLabels) => c.readers.filter((r) => r.status === s).length
        return (
          <View key={c.id} className="card doc-circulation" role="group" aria-label={`传阅：${c.purpose}`}>
            <Text className="doc-circulation-purpose">传阅目的：{c.purpose}</Text>
            <Text className="muted">
              {c.senderName} 发起 · {formatTime(c.at)}
            </Text>
            <View className="row doc-circulation-counts" aria-label="阅读情况">
              <Text className="doc-count doc-count--unread">未读 {count('unread')}</Text>
              <Text className="doc-count doc-count--read">已读 {count('read')}</Text>
              <Text className="doc-count doc-count--opinion">已签意见 {count('opinion')}</Text>
            </View>
            <View className="doc-readers" role="list">
              {c.readers.map((r) => (
                <View key={r.userId} className="doc-reader" role="listitem" aria-label={r.name}>
                  <View className="row">
                    <Text className="doc-reader-name">{r.name}</Text>
                    <Text className="muted">{r.deptName}</Text>
                    <StatusTag tone={readerTone[r.status]}>{circulationReaderLabels[r.status]}</StatusTag>
                    {r.status === 'unread' && r.urgedAt ? <StatusTag tone="warn">已催阅</StatusTag> : null}
                    {r.readAt ? <Text className="muted doc-reader-time">{formatTime(r.readAt)}</Text> : null}
                  </View>
                  {r.opinion ? <Text className="doc-reader-opinion">“{r.opinion}”</Text> : null}
                </View>
              ))}
            </View>
            {c.canRemind ? (
              <Button size="small" fill="outline" type="primary" loading={busy === c.id} disabled={busy !== null} onClick={() => void remind(c)}>
                催阅
              </Button>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
