import type { RequestStatus } from '../../../contract/requests'
import type { Tone } from '../../../components/status-tag'

/** How each request status is coloured wherever it is listed. */
export const statusTone: Record<RequestStatus, Tone> = { pending: 'primary', returned: 'danger', approved: 'ok', in_use: 'warn', done: 'ok', rejected: 'neutral', withdrawn: 'neutral' }
