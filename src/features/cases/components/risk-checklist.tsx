import { Text, View } from '@tarojs/components'
import { riskFactors, scoreRisk, type RiskFactor } from '../../../contract/cases'
import { StatusTag } from '../../../components/status-tag'
import { riskTone, riskWords } from './tones'

/** 危险性评估: tick what applies; the colour the server will give shows as she answers. */
export function RiskChecklist({ value, onChange }: { value: RiskFactor[]; onChange(next: RiskFactor[]): void }) {
  const r = scoreRisk(value)
  return (
    <View className="cs-risk" role="group" aria-label="危险性评估">
      {riskFactors.map((f) => {
        const on = value.includes(f.key)
        return (
          <View key={f.key} role="checkbox" aria-checked={on} className={`cs-risk-item ${on ? 'is-on' : ''}`} onClick={() => onChange(on ? value.filter((x) => x !== f.key) : [...value, f.key])}>
            <Text className="cs-risk-box">{on ? '✓' : ''}</Text>
            <Text className="cs-risk-label">{f.label}</Text>
          </View>
        )
      })}
      <View className="row cs-risk-result" aria-live="polite">
        <StatusTag tone={riskTone[r.level]}>{riskWords[r.level]}</StatusTag>
        <Text className="muted">{r.reasons.at(-1)}</Text>
      </View>
    </View>
  )
}
