import type { Tone } from '../../../components/status-tag'
import type { CaseStatus, ReferralState, RiskLevel } from '../../../contract/cases'

export const riskTone: Record<RiskLevel, Tone> = { red: 'danger', orange: 'warn', yellow: 'ok' }
export const riskWords: Record<RiskLevel, string> = { red: '红色', orange: '橙色', yellow: '黄色' }
export const statusTone: Record<CaseStatus, Tone> = {
  registered: 'primary',
  accepted: 'primary',
  handling: 'primary',
  referred: 'primary',
  supervising: 'warn',
  closed: 'ok',
  approved: 'ok',
  visited: 'ok',
  archived: 'neutral',
  declined: 'neutral',
}
export const referralTone: Record<ReferralState, Tone> = { sent: 'warn', accepted: 'primary', returned: 'danger', done: 'ok' }
