import type { TimelineEntry, Urgency } from '../src/contract/common'
import type { Evidence, FeedbackRhythm, LadderStep, SupervisionLevel, SupervisionSource, SupervisionStatus } from '../src/contract/supervision'

/** Tables of 督查督办; `Db.supervision` holds them. */

export interface SupDeptRow {
  deptId: string
  role: 'main' | 'assist'
  state: 'pending' | 'signed' | 'declined'
  assignedAt: string
  signedAt: string | null
  declineReason: string | null
}

export interface SupSubtaskRow {
  id: string
  title: string
  ownerId: string
  deptId: string
  deadline: string
  state: 'open' | 'done'
  doneAt: string | null
  result: string | null
  blockedBy: string | null
}

export interface SupFeedbackRow {
  id: string
  at: string
  byId: string
  deptId: string
  role: 'main' | 'assist'
  progress: string
  difficulty: string | null
  nextStep: string
  percent: number
  evidence: Evidence[]
  attachmentIds: string[]
}

export interface SupExtensionRow {
  id: string
  byId: string
  at: string
  from: string
  to: string
  reason: string
  state: 'pending_supervisor' | 'pending_leader' | 'approved' | 'refused'
  decisions: { userId: string; at: string; approved: boolean; note: string | null }[]
}

export interface SupEscalationRow {
  step: LadderStep
  at: string
  byId: string
  toIds: string[]
  note: string | null
  automatic: boolean
}

export interface SupItemRow {
  id: string
  /** 督办编号, 宝督〔年〕序号 */
  code: string
  title: string
  source: SupervisionSource
  basis: string
  attachmentIds: string[]
  /** the deadline set at 立项; an approved 延期 moves the one in force */
  deadline: string
  level: SupervisionLevel
  urgency: Urgency
  leaderId: string
  rhythm: FeedbackRhythm
  documentId: string | null
  creatorId: string
  status: SupervisionStatus
  depts: SupDeptRow[]
  /** when every department had signed: the feedback rhythm counts from here */
  startedAt: string | null
  subtasks: SupSubtaskRow[]
  feedbacks: SupFeedbackRow[]
  extensions: SupExtensionRow[]
  escalations: SupEscalationRow[]
  finishRequestedAt: string | null
  finishedAt: string | null
  createdAt: string
  updatedAt: string
  version: number
  timeline: TimelineEntry[]
}

/** 督查联络员 roster: who signs for a unit and who answers for it. A unit not on it cannot be assigned. */
export interface SupUnitRow {
  deptId: string
  headId: string
  liaisonId: string
}

/** The rules a supervisor can trust because they are data: per level, in working days. */
export interface SupRules {
  yellowWithin: Record<SupervisionLevel, number>
  signWithin: number
  rhythmWorkdays: Record<FeedbackRhythm, number | null>
  /** the automatic ladder steps up at most once per this many working days */
  ladderEvery: number
}

export interface SupervisionTables {
  items: SupItemRow[]
  units: SupUnitRow[]
  rules: SupRules
}

export const defaultSupRules = (): SupRules => ({
  yellowWithin: { district: 3, department: 2 },
  signWithin: 1,
  rhythmWorkdays: { weekly: 5, biweekly: 10, monthly: 21, milestone: null },
  ladderEvery: 1,
})
