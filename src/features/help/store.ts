import { makeAutoObservable, runInAction } from 'mobx'
import { helpRoutes, type HelpItem, type HelpSituation } from '../../contract/help'
import type { RouteInput } from '../../contract/route'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

export type HelpBody = RouteInput<typeof helpRoutes.submit>['body']

/**
 * The resident's help requests, held in memory only: no draft and no cache on her phone, and gone at
 * sign-out (RootStore clears features) or at 一键离开.
 */
export class HelpStore {
  items: HelpItem[] = []
  loaded = false
  error: ApiError | null = null

  constructor(private readonly root: RootStore) {
    makeAutoObservable<HelpStore, 'root'>(this, { root: false })
  }

  async load() {
    this.error = null
    try {
      const r = await this.root.api.call(helpRoutes.mine)
      runInAction(() => {
        this.items = r.items
        this.loaded = true
      })
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }

  async submit(body: HelpBody, idempotencyKey: string) {
    const item = await this.root.api.call(helpRoutes.submit, { body, idempotencyKey })
    runInAction(() => (this.items = [item, ...this.items.filter((i) => i.id !== item.id)]))
    return item
  }

  forget() {
    this.items = []
    this.loaded = false
    this.error = null
  }
}

export const useHelpStore = (root: RootStore) => root.feature('help', (r) => new HelpStore(r))
export type { HelpSituation }
