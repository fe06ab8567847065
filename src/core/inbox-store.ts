import { makeAutoObservable, runInAction } from 'mobx'
import type { WorkItem } from '../contract/common'
import { inboxRoutes, type InboxCounts, type InboxTab } from '../contract/inbox'
import { authRoutes } from '../contract/auth'
import type { RouteResult } from '../contract/route'
import type { ApiClient } from './api'
import { toApiError, type ApiError } from './errors'

interface TabState {
  items: WorkItem[]
  nextCursor: string | null
  loaded: boolean
  loading: boolean
  error: ApiError | null
}

const emptyTab = (): TabState => ({ items: [], nextCursor: null, loaded: false, loading: false, error: null })

/** The unified inbox (统一待办): four tabs, each paged, and the counts on the tab headers. */
export class InboxStore {
  tab: InboxTab = 'todo'
  tabs: Record<InboxTab, TabState> = { todo: emptyTab(), done: emptyTab(), initiated: emptyTab(), cc: emptyTab() }
  counts: InboxCounts | null = null
  /** what this person may start (the server decides by role) */
  startables: RouteResult<typeof authRoutes.startables>['items'] = []

  constructor(private readonly api: () => ApiClient) {
    makeAutoObservable<InboxStore, 'api'>(this, { api: false })
  }

  get current() {
    return this.tabs[this.tab]
  }

  select(tab: InboxTab) {
    this.tab = tab
    if (!this.tabs[tab].loaded) void this.load(tab)
  }

  /** First page (or a pull-to-refresh): replaces the list. */
  async load(tab: InboxTab = this.tab) {
    const state = this.tabs[tab]
    state.loading = true
    state.error = null
    try {
      const [page, counts] = await Promise.all([this.api().call(inboxRoutes.list, { query: { tab, limit: 20 } }), this.api().call(inboxRoutes.counts)])
      runInAction(() => {
        state.items = page.items
        state.nextCursor = page.nextCursor
        state.loaded = true
        this.counts = counts
      })
    } catch (err) {
      runInAction(() => (state.error = toApiError(err)))
    } finally {
      runInAction(() => (state.loading = false))
    }
  }

  async loadMore(tab: InboxTab = this.tab) {
    const state = this.tabs[tab]
    if (state.loading || !state.nextCursor) return
    state.loading = true
    try {
      const page = await this.api().call(inboxRoutes.list, { query: { tab, cursor: state.nextCursor, limit: 20 } })
      runInAction(() => {
        const seen = new Set(state.items.map((i) => i.id))
        state.items.push(...page.items.filter((i) => !seen.has(i.id)))
        state.nextCursor = page.nextCursor
      })
    } catch (err) {
      runInAction(() => (state.error = toApiError(err)))
    } finally {
      runInAction(() => (state.loading = false))
    }
  }

  async loadStartables() {
    try {
      const r = await this.api().call(authRoutes.startables)
      runInAction(() => (this.startables = r.items))
    } catch {
      // the entry simply does not show; the inbox itself still works
    }
  }

  /** After acting somewhere else: every tab may have changed. */
  invalidate() {
    for (const t of Object.keys(this.tabs) as InboxTab[]) this.tabs[t].loaded = false
  }

  reset() {
    this.tabs = { todo: emptyTab(), done: emptyTab(), initiated: emptyTab(), cc: emptyTab() }
    this.counts = null
    this.startables = []
    this.tab = 'todo'
  }
}
