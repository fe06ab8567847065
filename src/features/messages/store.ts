import { makeAutoObservable, runInAction } from 'mobx'
import { notificationRoutes, type Message, type QuietSettings, type SubscribeTemplate } from '../../contract/notifications'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

/** 消息: what this person was told, newest first, with read state; staff also keep their 免打扰 here. */
export class MessagesStore {
  items: Message[] = []
  nextCursor: string | null = null
  unread = 0
  loaded = false
  error: ApiError | null = null
  settings: QuietSettings | null = null

  constructor(private readonly root: RootStore) {
    makeAutoObservable<MessagesStore, 'root'>(this, { root: false })
  }

  async load() {
    this.error = null
    try {
      const page = await this.root.api.call(notificationRoutes.list, { query: { limit: 30 } })
      runInAction(() => {
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.unread = page.unread
        this.loaded = true
      })
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }

  async loadMore() {
    if (!this.nextCursor) return
    try {
      const page = await this.root.api.call(notificationRoutes.list, { query: { limit: 30, cursor: this.nextCursor } })
      runInAction(() => {
        const seen = new Set(this.items.map((m) => m.id))
        this.items.push(...page.items.filter((m) => !seen.has(m.id)))
        this.nextCursor = page.nextCursor
      })
    } catch (err) {
      runInAction(() => (this.error = toApiError(err)))
    }
  }

  async open(m: Message) {
    if (!m.read) {
      m.read = true
      this.unread = Math.max(0, this.unread - 1)
      try {
        const r = await this.root.api.call(notificationRoutes.markRead, { params: { id: m.id } })
        runInAction(() => (this.unread = r.unread))
      } catch {
        // the next load shows the server's word
      }
    }
  }

  async readAll() {
    const r = await this.root.api.call(notificationRoutes.markAllRead)
    runInAction(() => {
      for (const m of this.items) m.read = true
      this.unread = r.unread
    })
  }

  async loadSettings() {
    try {
      const s = await this.root.api.call(notificationRoutes.settings)
      runInAction(() => (this.settings = s))
    } catch {
      // settings simply do not show
    }
  }

  async saveSettings(s: QuietSettings) {
    const next = await this.root.api.call(notificationRoutes.saveSettings, { body: s })
    runInAction(() => (this.settings = next))
  }

  async subscribed(results: { template: SubscribeTemplate; status: 'accept' | 'reject' | 'ban' | 'filter' }[]) {
    return this.root.api.call(notificationRoutes.subscribe, { body: { results } })
  }
}

export const useMessagesStore = (root: RootStore) => root.feature('messages', (r) => new MessagesStore(r))
