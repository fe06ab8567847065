import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailableAction } from '../../contract/common'
import { requestRoutes, type Bundle, type BundleAction, type BundleDetail, type CatalogueItem, type RequestDetail, type RequestAction } from '../../contract/requests'
import type { RouteResult } from '../../contract/route'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

export type Slot = { resourceId: string; start: string; end: string }
type Mine = RouteResult<typeof requestRoutes.mine>['items']
type MineBundles = RouteResult<typeof requestRoutes.bundles>['mine']

/** 零跑动 as one person sees it: the catalogue, their requests, the one they are looking at. */
export class RequestsStore {
  catalogue: CatalogueItem[] = []
  catalogueError: ApiError | null = null
  mine: Mine = []
  detail: RequestDetail | null = null
  detailError: ApiError | null = null
  bundles: Bundle[] = []
  mineBundles: MineBundles = []
  bundle: BundleDetail | null = null
  bundleError: ApiError | null = null

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
      const [c, mine, b] = await Promise.all([this.api.call(requestRoutes.catalogue), this.api.call(requestRoutes.mine, { query: { limit: 20 } }), this.api.call(requestRoutes.bundles)])
      runInAction(() => {
        this.catalogue = c.items
        this.mine = mine.items
        this.bundles = b.bundles
        this.mineBundles = b.mine
      })
    } catch (err) {
      runInAction(() => (this.catalogueError = toApiError(err)))
    }
  }

  bundleDef(id: string) {
    return this.bundles.find((b) => b.id === id) ?? null
  }

  async loadBundle(id: string) {
    this.bundleError = null
    try {
      const d = await this.api.call(requestRoutes.bundleGet, { params: { id } })
      runInAction(() => (this.bundle = d))
    } catch (err) {
      runInAction(() => (this.bundleError = toApiError(err)))
    }
  }

  /** 撤回整件事 or 评价; a version conflict reloads, so the applicant sees what the owners did meanwhile. */
  async actBundle(action: BundleAction, extra: { opinion?: string; stars?: number; partKey?: string; values?: Record<string, string | number>; slot?: { resourceId: string; start: string; end: string } } = {}, idempotencyKey?: string) {
    const d = this.bundle
    if (!d) return
    try {
      const next = await this.api.call(requestRoutes.bundleAct, { params: { id: d.id }, body: { action, version: d.version, ...extra, opinion: extra.opinion || undefined }, ...(idempotencyKey ? { idempotencyKey } : {}) })
      runInAction(() => (this.bundle = next))
      this.root.inbox.invalidate()
    } catch (err) {
      const e = toApiError(err)
      if (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_STATE') await this.loadBundle(d.id)
      throw e
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
