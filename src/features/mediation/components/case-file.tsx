import { Text, View } from '@tarojs/components'
import { mediationRoutes, type CaseDetail } from '../../../contract/mediation'
import { buildPath } from '../../../contract/route'
import { AttachmentList } from '../../../components/attachment-list'
import { formatTime } from '../../../core/format'

/**
 * 一案一档: every document the case has so far, each a PDF the BFF generates and a tap opens; for staff
 * also what the statutory list still misses at this point of the case.
 */
export function CaseFile({ d, showMissing }: { d: CaseDetail; showMissing: boolean }) {
  const files = d.caseFile.items.map((i) => ({ id: i.kind, name: `${i.label}.pdf`, size: 0, mime: 'application/pdf', detail: formatTime(i.at) }))
  return (
    <View className="med-section card" aria-label="一案一档">
      <Text className="form-label">{showMissing ? '一案一档' : '调解文书'}</Text>
      <AttachmentList files={files} pathOf={(f) => buildPath(mediationRoutes.document.path, { id: d.id, kind: f.id })} />
      {showMissing ? (
        d.caseFile.missing.length ? (
          <Text className="med-warn" aria-label="案卷尚缺">
            尚缺：{d.caseFile.missing.join('、')}
          </Text>
        ) : (
          <Text className="med-note">案卷齐全</Text>
        )
      ) : null}
    </View>
  )
}
