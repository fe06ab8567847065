import type { Department } from '../src/contract/directory'
import type { Role, TimelineEntry, Urgency, WorkItem, WorkTag } from '../src/contract/common'
import type { AuditEntry } from '../src/contract/audit'
import type { FileMeta } from '../src/contract/files'
import type { RequestStatus } from '../src/contract/requests'
import type { DocType, DocumentKind, DocumentStage, DocumentStatus, Secrecy } from '../src/contract/documents'
import type { CatalogueRow, ResourceRow } from './seed/catalogue'
import type { BundleRow } from './seed/bundles'
import type { CaseCategory, CaseChannel, CaseOutcome, CaseStatus, PartnerKind, ReferralState, RiskFactor, RiskLevel } from '../src/contract/cases'
import type { SafeContact } from '../src/contract/safe-contact'
import type { SupervisionTables } from './supervision-db'
import type { VideoTables } from './handlers/video'
import type { CaseDocKind, CaseStatus as MediationCaseStatus, Dialect, DisputeType, InviteStatus, MediationMode, Referral } from '../src/contract/mediation'

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
  /** the 一件事 this request is a part of (absent: a request on its own) */
  bundle?: { id: string; partKey: string }
}

/** One submission of a 一件事: the parts are ordinary requests pointing back here. */
export interface BundleRequestRow {
  id: string
  bundleId: string
  applicantId: string
  values: Record<string, string | number>
  /** the checked values and slot of every part, so a part that starts later cannot fail then */
  parts: { key: string; values: Record<string, string | number>; slot: RequestRow['slot']; requestIds: string[]; plannedDueAt: string }[]
  /** 会议通知: the attendees named in the form, resolved against the directory at submission */
  attendeeIds: string[]
  noticeId: string | null
  status: 'in_progress' | 'waiting_fix' | 'done' | 'withdrawn'
  submittedAt: string
  dueAt: string
  finishedAt: string | null
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

/** One person's share of a step: a step in parallel (会签, 承办) has several. */
export interface DocTaskRow {
  id: string
  stage: DocumentStage
  userId: string
  role: 'single' | 'countersign' | 'main' | 'assist'
  state: 'open' | 'done' | 'cancelled'
  /** submissions of the draft: a return to 拟稿 and a new 送审 start the next round */
  round: number
  /** each entry into a step is a pass; the step's current holders are its tasks of the latest pass */
  pass: number
  openedAt: string
  /** the document's version when this task opened: an action by its holder is not stale before it */
  openedVersion: number
  doneAt: string | null
  /** opened again by a 退回 */
  reopened: boolean
}

export interface DocOpinionRow {
  stage: DocumentStage
  userId: string
  text: string
  signatureFileId: string | null
  at: string
}

export interface CirculationRow {
  id: string
  senderId: string
  purpose: string
  at: string
  lastRemindAt: string | null
  readers: NoticeReaderRow[]
}

export interface DocumentRow {
  id: string
  kind: DocumentKind
  docType: DocType
  title: string
  /** 发文字号 (assigned at 编号) or, for incoming, the sender's 文号 */
  docNumber: string | null
  /** 收文编号, assigned at 登记 */
  receiveNumber: string | null
  secrecy: Secrecy
  urgency: Urgency
  deadline: string | null
  /** the office that drafts (outgoing) or receives (incoming) it */
  officeId: string
  drafterId: string | null
  /** incoming: 来文单位, and the outgoing document it was distributed from */
  fromUnit: string | null
  sourceDocId: string | null
  mainToDeptIds: string[]
  ccDeptIds: string[]
  countersignDeptIds: string[]
  /** people added by 加签 */
  extraSignerIds: string[]
  signerId: string | null
  body: string
  attachmentIds: string[]
  status: DocumentStatus
  stage: DocumentStage
  round: number
  pass: number
  tasks: DocTaskRow[]
  opinions: DocOpinionRow[]
  circulations: CirculationRow[]
  /** incoming: the clerk who signs for and registers it */
  registrarId: string | null
  /** incoming: the leader 拟办 proposes for 批办; the departments 批办 names */
  leaderId: string | null
  mainDeptId: string | null
  assistDeptIds: string[]
  /** who got a copy at 分发 */
  ccUserIds: string[]
  lastUrgedAt: string | null
  createdAt: string
  updatedAt: string
  version: number
  timeline: TimelineEntry[]
}

/** A referral of a case to one partner unit: its task, its deadline to accept, its answer. */
export interface CaseReferralRow {
  id: string
  unitId: string
  task: string
  state: ReferralState
  sentById: string
  sentAt: string
  acceptBy: string
  escalatedAt: string | null
  answeredAt: string | null
  answeredById: string | null
  returnReason: string | null
  report: string | null
}

/** A 妇联维权 case. Personal fields are held in full here and leave only masked or through a reveal. */
/** 维权案例库: an anonymised copy of a finished case; only the text the server anonymised is kept */
export interface CaseLibraryRow {
  id: string
  caseId: string
  category: CaseCategory
  outcome: CaseOutcome
  risk: RiskLevel | null
  minor: boolean
  partnerKinds: PartnerKind[]
  period: string
  title: string
  story: string
  lesson: string
  state: 'pending' | 'published' | 'refused'
  submittedById: string
  submittedAt: string
  reviewedById: string | null
  reviewedAt: string | null
  reviewNote: string | null
  version: number
}

export interface CaseRow {
  id: string
  number: string
  category: CaseCategory
  channel: CaseChannel
  streetName: string
  /** the federation that handles it: a street's 妇联, or 区妇联 */
  orgDeptId: string
  status: CaseStatus
  summary: string
  subject: { name: string; phone: string | null; idNumber: string | null; address: string | null; whereabouts: string | null }
  otherName: string | null
  childName: string | null
  minor: boolean
  anonymous: boolean
  safeContact: SafeContact
  residentId: string | null
  reporterId: string | null
  photoId: string | null
  riskAnswers: RiskFactor[]
  riskScore: number | null
  risk: RiskLevel | null
  riskReasons: string[]
  assessedAt: string | null
  redDueAt: string | null
  redActedAt: string | null
  redEscalatedAt: string | null
  /** people told at once of a red case (the street's 公安 liaison): they may read it */
  alertedIds: string[]
  /** 首接负责: the first federation staff who took it on; a referral never changes it */
  ownerId: string | null
  helpers: { userId: string; task: string }[]
  /** minors' cases: staff given need-to-know by the federation's head */
  accessGrants: string[]
  referrals: CaseReferralRow[]
  result: string | null
  /** what it came to, chosen at 办结; absent in databases saved before it existed */
  outcome?: CaseOutcome | null
  followUp: { satisfaction: number; note: string | null; nextAt: string | null } | null
  /** what the resident is told, in neutral words */
  residentUpdates: { at: string; text: string }[]
  createdAt: string
  updatedAt: string
  version: number
  timeline: TimelineEntry[]
}

/** 调解: a people's mediation committee (one per street, and the district's) */
export interface MediationCommitteeRow {
  id: string
  name: string
  streetName: string
  address: string
  /** 调委会主任: cases near the 30-day limit escalate to them */
  headId: string
}

export interface MediatorRow {
  userId: string
  committeeId: string
  dialects: Dialect[]
  expertise: DisputeType[]
}

export interface MediationRoomRow {
  id: string
  committeeId: string
  name: string
}

/** One bookable hour of one mediator (and, on site, one room): booked when caseId is set. */
export interface MediationSlotRow {
  id: string
  mediatorId: string
  committeeId: string
  roomId: string | null
  mode: MediationMode
  start: string
  end: string
  caseId: string | null
}

export interface MediationCaseRow {
  id: string
  caseNumber: string | null
  status: MediationCaseStatus
  disputeType: DisputeType
  applicantId: string
  assistedBy: { name: string; relation: string } | null
  otherPartyName: string
  /** full number: masked on every way out */
  otherPartyPhone: string
  /** the resident who opened the invitation and answered it */
  otherPartyUserId: string | null
  inviteCode: string
  inviteStatus: InviteStatus
  inviteNote: string | null
  facts: string
  claims: string
  attachmentIds: string[]
  mode: MediationMode
  streetName: string
  dialect: Dialect
  committeeId: string | null
  mediatorId: string | null
  slotId: string | null
  offeredSlotId: string | null
  remind: 'subscribed' | 'in_app'
  acceptedAt: string | null
  dueAt: string | null
  extensions: { days: number; reason: string; at: string }[]
  escalatedAt: string | null
  refusal: { reason: string; referral: Referral } | null
  record: string | null
  agreement: { terms: string; at: string } | null
  signatures: { role: 'applicant' | 'other_party' | 'mediator'; userId: string; at: string; png: string }[]
  performance: { text: string; at: string; fulfilled: boolean } | null
  visit: { text: string; at: string } | null
  rating: { stars: number; comment: string | null } | null
  /** 一案一档: when each document came into being */
  docs: { kind: CaseDocKind; at: string }[]
  finishedAt: string | null
  submittedAt: string
  version: number
  timeline: TimelineEntry[]
}

/** One sign-in or sign-out: who, when, how; never the token. */
export interface SessionLogRow {
  at: string
  event: 'sign-in' | 'sign-out'
  userId: string
  userName: string
  /** the sign-in route: wecom | wechat | preview */
  via: string
  requestId: string
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
  /** 一件事 definitions and submissions; absent in databases saved before bundles existed */
  bundleCatalogue?: BundleRow[]
  bundles?: BundleRequestRow[]
  certificates: CertificateRow[]
  documents: DocumentRow[]
  cases: CaseRow[]
  /** 维权案例库; absent in databases saved before it existed */
  caseLibrary?: CaseLibraryRow[]
  supervision: SupervisionTables
  mediationCommittees: MediationCommitteeRow[]
  mediators: MediatorRow[]
  mediationRooms: MediationRoomRow[]
  mediationSlots: MediationSlotRow[]
  mediationCases: MediationCaseRow[]
  /** 视频调解室 (mock/handlers/video.ts); created on first use */
  video?: VideoTables
  /** 常用意见 per person; absent = the defaults */
  phrases: Record<string, string[]>
  audit: AuditEntry[]
  /** sign-ins and sign-outs, beside the business audit; absent in databases saved before it existed */
  sessionLog?: SessionLogRow[]
  sessions: SessionRow[]
  /** keyed by `${userId}|${route name}|${decoded params}|${idempotencyKey}` */
  idempotency: Record<string, IdempotencyRow>
  /** per-sequence counters for ids (and later 发文字号) */
  counters: Record<string, number>
}
