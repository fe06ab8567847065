import type { Department } from '../src/contract/directory'
import type { Role, TimelineEntry, Urgency, WorkItem, WorkTag } from '../src/contract/common'
import type { AuditEntry } from '../src/contract/audit'
import type { FileMeta } from '../src/contract/files'
import type { RequestStatus } from '../src/contract/requests'
import type { CatalogueRow, ResourceRow } from './seed/catalogue'

/** A person as the back office knows them: full contact data lives here and is masked on the way out. */
export interface UserRow {
  id: string
  kind: 'staff' | 'resident'
  name: string
  /** full mobile number, e.g. 13800138000 */
  phone: string
  /** 18-character resident ID number (residents; staff may have one too) */
  idNumber: string | null
  /** home address (residents) */
  address: string | null
  roles: Role[]
  deptId: string | null
  position: string | null
  streetName: string | null
  /** for ordering opinions by rank: 1 = 区领导 … 9 = 一般工作人员 */
  rank: number
  /** 密级 clearance: which classified documents this person may read */
  clearance: 'none' | 'confidential' | 'secret'
  /** WeCom userid (staff) or WeChat openid (residents) the sign-in code resolves to */
  externalId: string
}

export type DepartmentRow = Department

export interface WorkItemRow extends Omit<WorkItem, 'assigneeName' | 'initiatorName' | 'tags'> {
  /** stored tags; 逾期 is added at read time from the deadline */
  tags: WorkTag[]
  urgedAt: string | null
}

export interface NoticeReaderRow {
  userId: string
  status: 'unread' | 'read' | 'opinion'
  readAt: string | null
  opinion: string | null
  urgedAt: string | null
}

export interface NoticeRow {
  id: string
  title: string
  body: string
  urgency: Urgency
  deadline: string | null
  senderId: string
  createdAt: string
  version: number
  readers: NoticeReaderRow[]
  timeline: TimelineEntry[]
}

export interface FileRow extends FileMeta {
  /** base64 of the content: the mock keeps files in memory (and in MOCK_DATA_FILE) */
  data: string
}

export interface SessionRow {
  token: string
  userId: string
  expiresAt: string
}

export interface IdempotencyRow {
  state: 'pending' | 'done'
  bodyHash: string
  status: number
  response: unknown
  createdAt: string
}

export interface RequestStepRow {
  label: string
  kind: CatalogueRow['chain'][number]['kind']
  holderId: string | null
  state: 'waiting' | 'current' | 'approved' | 'skipped'
  /** when it became current: the 催办 threshold counts from here */
  since: string | null
}

export interface RequestRow {
  id: string
  itemId: string
  applicantId: string
  values: Record<string, string | number>
  slot: { resourceId: string; start: string; end: string } | null
  status: RequestStatus
  steps: RequestStepRow[]
  /** index of the current step while pending; the returning step while returned */
  stepIndex: number
  submittedAt: string
  dueAt: string
  finishedAt: string | null
  escalatedAt: string | null
  lastUrgedAt: string | null
  certificateCode: string | null
  rating: { stars: number; comment: string | null } | null
  version: number
  timeline: TimelineEntry[]
}

export interface CertificateRow {
  code: string
  requestId: string
  holderId: string
  title: string
  body: string
  issuer: string
  issuedAt: string
}

export interface Db {
  departments: DepartmentRow[]
  users: UserRow[]
  workItems: WorkItemRow[]
  notices: NoticeRow[]
  files: FileRow[]
  catalogue: CatalogueRow[]
  resources: ResourceRow[]
  requests: RequestRow[]
  certificates: CertificateRow[]
  audit: AuditEntry[]
  sessions: SessionRow[]
  /** keyed by `${userId}|${method} ${path}|${idempotencyKey}` */
  idempotency: Record<string, IdempotencyRow>
  /** per-sequence counters for ids (and later 发文字号) */
  counters: Record<string, number>
}
