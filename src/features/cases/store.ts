import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailableAction } from '../../contract/common'
import { casesRoutes, type CaseAction, type CaseCategory, type CaseDetail, type CaseField, type CaseOutcome, type CaseSummary, type LibraryEntry, type RiskFactor } from '../../contract/cases'
import type { ContactChannel } from '../../contract/safe-contact'
import type { RouteInput, RouteResult } from '../../contract/route'
import type { RootStore } from '../../core/root-store'
import { clock } from '../../core/clock'
import { toApiError, type ApiError } from '../../core/errors'

export type CaseBox = 'todo' | 'all' | 'red'
export type Partner = RouteResult<typeof casesRoutes.partners>['units'][number]
export type IntakeBody = RouteInput<typeof casesRoutes.create>['body']
export type LibraryBox = 'published' | 'review'
export interface LibraryFilter {
  category?: CaseCategory
  outcome?: CaseOutcome
  q?: string
}
export type LibrarySubmitBody = RouteInput<typeof casesRoutes.librarySubmit>['body']

/**
 * 妇联案件 as one person sees it. Revealed values live only here, only until their hideAt, and the whole
 * store goes with sign-out (RootStore.signOut clears features): nothing of a case stays behind.
 */
export class CasesStore {
  box: CaseBox = 'todo'
  list: CaseSummary[] = []
  listError: ApiError | null = null
  loaded = false
  detail: CaseDetail | null = null
  detailError: ApiError | null = null
  partners: Partner[] = []
  revealed: Partial<Record<CaseField, { value: string; hideAt: string }>> = {}
  libraryBox: LibraryBox = 'published'
  libraryFilter: LibraryFilter = {}
  library: LibraryEntry[] = []
  libraryLoaded = false
  libraryError: ApiError | null = null
  entry: LibraryEntry | null = null
  entryError: ApiError | null = null

  constructor(private readonly root: RootStore) {
    makeAutoObservable<CasesStore, 'root'>(this, { root: false })
  }

  get api() {
    return this.root.api
  }

  async loadList(box: CaseBox = this.box) {
    this.box = box
    this.listError = null
    try {
      const page = await this.api.call(casesRoutes.list, { query: { box, limit: 50 } })
      runInAction(() => {
        if (this.box !== box) return
        this.list = page.items
        this.loaded = true
      })
    } catch (err) {
      runInAction(() => (this.listError = toApiError(err)))
    }
  }

  async load(id: string) {
    this.detailError = null
    if (this.detail?.id !== id) this.revealed = {}
    try {
      const d = await this.api.call(casesRoutes.get, { params: { id } })
      runInAction(() => (this.detail = d))
    } catch (err) {
      runInAction(() => (this.detailError = toApiError(err)))
    }
  }

  async loadPartners() {
    if (this.partners.length) return
    const r = await this.api.call(casesRoutes.partners)
    runInAction(() => (this.partners = r.units))
  }

  async create(body: IntakeBody, idempotencyKey: string) {
    const d = await this.api.call(casesRoutes.create, { body, idempotencyKey })
    runInAction(() => (this.detail = d))
    this.root.inbox.invalidate()
    return d
  }

  /** Every write answers with the whole case; a version conflict reloads so the person sees what changed. */
  private async write(run: (d: CaseDetail) => Promise<CaseDetail>) {
    const d = this.detail
    if (!d) return
    try {
      const next = await run(d)
      runInAction(() => (this.detail = next))
      this.root.inbox.invalidate()
    } catch (err) {
      const e = toApiError(err)
      if (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_STATE') await this.load(d.id)
      throw e
    }
  }

  /** 维权案例库: a search is a new question; an answer to an older one is dropped */
  async loadLibrary(box: LibraryBox = this.libraryBox, filter: LibraryFilter = this.libraryFilter) {
    this.libraryBox = box
    this.libraryFilter = filter
    this.libraryError = null
    const asked = JSON.stringify([box, filter])
    try {
      const page = await this.api.call(casesRoutes.library, { query: { box, ...filter, q: filter.q?.trim() || undefined, limit: 50 } })
      runInAction(() => {
        if (JSON.stringify([this.libraryBox, this.libraryFilter]) !== asked) return
        this.library = page.items
        this.libraryLoaded = true
      })
    } catch (err) {
      runInAction(() => (this.libraryError = toApiError(err)))
    }
  }

  async loadEntry(id: string) {
    this.entryError = null
    try {
      const e = await this.api.call(casesRoutes.libraryGet, { params: { entryId: id } })
      runInAction(() => (this.entry = e))
    } catch (err) {
      runInAction(() => (this.entryError = toApiError(err)))
    }
  }

  libraryDraft(caseId: string) {
    return this.api.call(casesRoutes.libraryDraft, { params: { id: caseId } })
  }

  async submitToLibrary(caseId: string, body: LibrarySubmitBody, idempotencyKey: string) {
    const e = await this.api.call(casesRoutes.librarySubmit, { params: { id: caseId }, body, idempotencyKey })
    runInAction(() => (this.entry = e))
    this.root.inbox.invalidate()
    return e
  }

  async reviewEntry(action: 'approve' | 'refuse' | 'resubmit', note: string, edits: { lesson?: string; story?: string; title?: string } = {}) {
    const e = this.entry
    if (!e) return
    try {
      const next = await this.api.call(casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action, version: e.version, note: note || undefined, ...edits } })
      runInAction(() => (this.entry = next))
      this.root.inbox.invalidate()
    } catch (err) {
      const x = toApiError(err)
      if (x.code === 'VERSION_CONFLICT' || x.code === 'INVALID_STATE') await this.loadEntry(e.id)
      throw x
    }
  }

  act(action: AvailableAction, opinion: string, extra: { toUserId?: string; satisfaction?: number; nextAt?: string; outcome?: CaseOutcome } = {}) {
    return this.write((d) => this.api.call(casesRoutes.act, { params: { id: d.id }, body: { action: action.key as CaseAction, version: d.version, opinion: opinion || undefined, ...extra } }))
  }

  assess(answers: RiskFactor[]) {
    return this.write((d) => this.api.call(casesRoutes.assess, { params: { id: d.id }, body: { version: d.version, answers } }))
  }

  refer(items: { unitId: string; task: string; acceptHours: number }[]) {
    return this.write((d) => this.api.call(casesRoutes.refer, { params: { id: d.id }, body: { version: d.version, items } }))
  }

  answer(referralId: string, action: 'accept' | 'return' | 'report', note: string) {
    return this.write((d) => this.api.call(casesRoutes.answerReferral, { params: { id: d.id, referralId }, body: { action, version: d.version, note: note || undefined } }))
  }

  contact(channel: ContactChannel, note: string) {
    return this.write((d) => this.api.call(casesRoutes.contact, { params: { id: d.id }, body: { channel, note } }))
  }

  async reveal(field: CaseField, reason: string) {
    const d = this.detail
    if (!d) return
    const r = await this.api.call(casesRoutes.reveal, { params: { id: d.id }, body: { field, reason } })
    runInAction(() => (this.revealed = { ...this.revealed, [field]: { value: r.value, hideAt: r.hideAt } }))
  }

  /** A revealed value past its time is gone, not just hidden. */
  shown(field: CaseField): string | null {
    const r = this.revealed[field]
    if (!r) return null
    return Date.parse(r.hideAt) > clock.nowMs() ? r.value : null
  }

  forgetExpired() {
    const now = clock.nowMs()
    const kept = Object.fromEntries(Object.entries(this.revealed).filter(([, r]) => r && Date.parse(r.hideAt) > now))
    if (Object.keys(kept).length !== Object.keys(this.revealed).length) this.revealed = kept
  }
}

export const useCasesStore = (root: RootStore) => root.feature('cases', (r) => new CasesStore(r))
