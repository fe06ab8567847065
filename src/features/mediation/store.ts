import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailableAction } from '../../contract/common'
import { mediationRoutes, type ApplyBody, type CaseAction, type CaseDetail, type CaseSummary, type Slot } from '../../contract/mediation'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'


/** 调解 as one person sees it: their cases, the one open, the slots on offer. Imports only its own contract. */
export class MediationStore {
  mine: CaseSummary[] = []
  detail: CaseDetail | null = null
  error: ApiError | null = null
  slots: Slot[] = []
  /** after a lost race: the next free slots the server offered */
  alternatives: Slot[] = []

  constructor(private readonly root: RootStore) {
    makeAutoObservable<MediationStore, 'root'>(this, { root: false })
  }

  get api() {
    return this.root.api
  }

  async loadMine() {
    try {
      const page = await this.api.call(mediationRoutes.mine, { query: { limit: 50 } })
      runInAction(() => (this.mine = page.items))
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }

  async apply(body: ApplyBody, idempotencyKey: string) {
    const c = await this.api.call(mediationRoutes.apply, { body, idempotencyKey })
    runInAction(() => (this.detail = c))
    this.root.inbox.invalidate()
    return c
  }

  async load(id: string) {
    this.error = null
    try {
      const d = await this.api.call(mediationRoutes.get, { params: { id } })
      runInAction(() => (this.detail = d))
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }

  async loadSlots(query: { committeeId?: string; streetName?: CaseDetail['streetName']; mode?: CaseDetail['mode']; dialect?: CaseDetail['dialect']; expertise?: CaseDetail['disputeType'] }) {
    const res = await this.api.call(mediationRoutes.slots, { query: { ...query, limit: 40 } as never })
    runInAction(() => (this.slots = res.items))
  }

  /** Sends what the server offered; a lost slot race keeps the alternatives it came back with. */
  async act(action: CaseAction | AvailableAction, extra: Record<string, unknown> = {}) {
    const d = this.detail
    if (!d) return
    const key = (typeof action === 'string' ? action : action.key) as CaseAction
    try {
      const next = await this.api.call(mediationRoutes.act, { params: { id: d.id }, body: { action: key, version: d.version, ...extra } })
      runInAction(() => {
        this.detail = next
        this.alternatives = []
      })
      this.root.inbox.invalidate()
      return next
    } catch (err) {
      const e = toApiError(err)
      runInAction(() => {
        const alt = e.details?.alternatives
        this.alternatives = Array.isArray(alt) ? (alt as Slot[]) : []
      })
      if (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_STATE') await this.load(d.id)
      throw e
    }
  }
}

export const useMediationStore = (root: RootStore) => root.feature('mediation', (r) => new MediationStore(r))
