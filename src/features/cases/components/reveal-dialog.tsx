import { Text, View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { caseFieldLabels, type CaseField } from '../../../contract/cases'
import { FieldError } from '../../../components/field-error'
import { showError } from '../../../core/errors'

const reasons = ['联系求助人', '陪同报警', '协助申请保护令', '转介庇护']

/** Asks why before a masked value is shown; the reason goes into the audit trail with the caller's name. */
export function RevealDialog({ field, onClose, onReveal }: { field: CaseField | null; onClose(): void; onReveal(field: CaseField, reason: string): Promise<void> }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  async function confirm() {
    if (!field || busy) return
    if (reason.trim().length < 4) return setProblem('请写明查看事由（至少 4 个字）')
    setBusy(true)
    try {
      await onReveal(field, reason.trim())
      setReason('')
      setProblem(null)
      onClose()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Popup visible={field !== null} position="bottom" round closeable onClose={() => !busy && onClose()} title={field ? `查看${caseFieldLabels[field]}` : ''}>
      <View className="opinion-sheet cs-reveal">
        <Text className="muted">查看完整信息会记入审计（谁、何时、为什么），3 分钟后自动隐藏。</Text>
        <Text className="opinion-label">查看事由</Text>
        <View className="row opinion-phrases">
          {reasons.map((r) => (
            <Text key={r} className="opinion-phrase" onClick={() => setReason(r)}>
              {r}
            </Text>
          ))}
        </View>
        <TextArea value={reason} onChange={(v) => setReason(v)} maxLength={100} showCount placeholder="必填" />
        <FieldError message={problem} />
        <Button block type="primary" loading={busy} disabled={busy} onClick={() => void confirm()}>
          说明事由并查看
        </Button>
      </View>
    </Popup>
  )
}
