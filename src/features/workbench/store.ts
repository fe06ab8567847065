import { makeAutoObservable, runInAction } from 'mobx'
import { workbenchRoutes, type Workbench } from '../../contract/workbench'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

/** 工作台: what one call answers, kept while the tab is open and refreshed each time it shows. */
export class WorkbenchStore {
  data: Workbench | null = null
  error: ApiError | null = null
  loading = false

  constructor(private readonly root: RootStore) {
    makeAutoObservable<WorkbenchStore, 'root'>(this, { root: false })
  }

  async load() {
    this.loading = true
    this.error = null
    try {
      const data = await this.root.api.call(workbenchRoutes.get)
      runInAction(() => (this.data = data))
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }
}

export const useWorkbenchStore = (root: RootStore) => root.feature('workbench', (r) => new WorkbenchStore(r))
