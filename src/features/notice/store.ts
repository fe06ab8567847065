import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailableAction } from '../../contract/common'
import { noticeRoutes, type Notice } from '../../contract/notices'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

/** One 工作通知 as the person looking at it sees it, and what they may do with it. */
export class NoticeStore {
  notice: Notice | null = null
  loading = false
  error: ApiError | null = null

  constructor(private readonly root: RootStore) {
    makeAutoObservable<NoticeStore, 'root'>(this, { root: false })
  }

  async load(id: string) {
    this.loading = true
    this.error = null
    try {
      const n = await this.root.api.call(noticeRoutes.get, { params: { id } })
      runInAction(() => (this.notice = n))
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  /** Sends what the server offered; a version conflict reloads so the person sees what changed. */
  async act(action: AvailableAction, opinion: string) {
    const n = this.notice
    if (!n) return
    try {
      const next =
        action.key === 'read'
          ? await this.root.api.call(noticeRoutes.read, { params: { id: n.id }, body: { version: n.myItem?.version ?? 0, opinion: opinion || undefined } })
          : await this.root.api.call(noticeRoutes.remind, { params: { id: n.id }, body: { version: n.version, note: opinion || undefined } })
      runInAction(() => (this.notice = next))
      this.root.inbox.invalidate()
    } catch (err) {
      const e = toApiError(err)
      if (e.code !== 'VERSION_CONFLICT' && e.code !== 'INVALID_STATE') throw e
      await this.load(n.id)
      // Every answer to an earlier tap was lost, but the read itself landed: that is success, not an error.
      if (action.key === 'read' && this.notice?.myItem?.status === 'done') {
        this.root.inbox.invalidate()
        return
      }
      throw e
    }
  }
}

export const useNoticeStore = (root: RootStore) => root.feature('notice', (r) => new NoticeStore(r))
