import { makeAutoObservable, runInAction } from 'mobx'
import { auditRoutes, type AuditEntry } from '../../contract/audit'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

export interface AuditQuery {
  objectId: string
  actorId: string
  date: string
}

/** 审计/纪检: the trail searched by object, actor and day, and the chain's verification. */
export class AuditStore {
  query: AuditQuery = { objectId: '', actorId: '', date: '' }
  items: AuditEntry[] = []
  nextCursor: string | null = null
  loaded = false
  error: ApiError | null = null
  verdict: { ok: boolean; count: number; headHash: string; brokenAt: number | null; problem: string | null } | null = null

  constructor(private readonly root: RootStore) {
    makeAutoObservable<AuditStore, 'root'>(this, { root: false })
  }

  set(patch: Partial<AuditQuery>) {
    Object.assign(this.query, patch)
  }

  private params(cursor?: string) {
    const q = this.query
    return { objectId: q.objectId.trim() || undefined, actorId: q.actorId.trim() || undefined, date: q.date || undefined, limit: 30, cursor }
  }

  async search() {
    this.error = null
    try {
      const [page, verdict] = await Promise.all([this.root.api.call(auditRoutes.list, { query: this.params() }), this.root.api.call(auditRoutes.verify)])
      runInAction(() => {
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.verdict = verdict
        this.loaded = true
      })
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }

  async more() {
    if (!this.nextCursor) return
    try {
      const page = await this.root.api.call(auditRoutes.list, { query: this.params(this.nextCursor) })
      runInAction(() => {
        this.items.push(...page.items)
        this.nextCursor = page.nextCursor
      })
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }
}

export const useAuditStore = (root: RootStore) => root.feature('audit', (r) => new AuditStore(r))
