import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailableAction } from '../../contract/common'
import { requestRoutes, type CatalogueItem, type RequestDetail, type RequestAction } from '../../contract/requests'
import type { RouteResult } from '../../contract/route'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

export type Slot = { resourceId: string; start: string; end: string }
type Mine = RouteResult<typeof requestRoutes.mine>['items']

/** 零跑动 as one person sees it: the catalogue, their requests, the one they are looking at. */
export class RequestsStore {
  catalogue: CatalogueItem[] = []
  catalogueError: ApiError | null = null
  mine: Mine = []
  detail: RequestDetail | null = null
  detailError: ApiError | null = null

  constructor(private readonly root: RootStore) {
    makeAutoObservable<RequestsStore, 'root'>(this, { root: false })
  }

  get api() {
    return this.root.api
  }

  item(id: string) {
    return this.catalogue.find((c) => c.id === id) ?? null
  }

  async loadCatalogue() {
    this.catalogueError = null
    try {
      const [c, mine] = await Promise.all([this.api.call(requestRoutes.catalogue), this.api.call(requestRoutes.mine, { query: { limit: 20 } })])
      runInAction(() => {
        this.catalogue = c.items
        this.mine = mine.items
      })
    } catch (err) {
      runInAction(() => (this.catalogueError = toApiError(err)))
    }
  }

  async load(id: string) {
    this.detailError = null
    try {
      const d = await this.api.call(requestRoutes.get, { params: { id } })
      runInAction(() => (this.detail = d))
    } catch (err) {
      runInAction(() => (this.detailError = toApiError(err)))
    }
  }

  /** Sends what the server offered. A version conflict reloads, so the person sees what changed. */
  async act(action: AvailableAction, opinion: string, extra: { toUserId?: string; stars?: number } = {}) {
    const d = this.detail
    if (!d) return
    try {
      const next = await this.api.call(requestRoutes.act, {
        params: { id: d.id },
        body: { action: action.key as RequestAction, version: d.version, opinion: opinion || undefined, ...extra },
      })
      runInAction(() => (this.detail = next))
      this.root.inbox.invalidate()
    } catch (err) {
      const e = toApiError(err)
      if (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_STATE') await this.load(d.id)
      throw e
    }
  }
}

export const useRequestsStore = (root: RootStore) => root.feature('requests', (r) => new RequestsStore(r))
