import type { Department } from '../src/contract/directory'
import type { Role, TimelineEntry, Urgency, WorkItem, WorkTag } from '../src/contract/common'
import type { AuditEntry } from '../src/contract/audit'
import type { FileMeta } from '../src/contract/files'

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

export interface Db {
  departments: DepartmentRow[]
  users: UserRow[]
  workItems: WorkItemRow[]
  notices: NoticeRow[]
  files: FileRow[]
  audit: AuditEntry[]
  sessions: SessionRow[]
  /** keyed by `${userId}|${method} ${path}|${idempotencyKey}` */
  idempotency: Record<string, IdempotencyRow>
  /** per-sequence counters for ids (and later 发文字号) */
  counters: Record<string, number>
}
