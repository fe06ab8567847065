import type { AxiosAdapter } from 'axios'
import { createApiClient, type ApiClient } from './api'
import { InboxStore } from './inbox-store'
import type { Platform } from './platform'
import { SessionStore } from './session-store'
import type { KeyValueStore } from './storage'
import { UiStore } from './ui-store'

export interface RootStoreDeps {
  baseURL: string
  adapter?: AxiosAdapter
  storage: KeyValueStore
  platform: Platform
  loginCode: () => Promise<string>
  sleep?: (ms: number) => Promise<void>
  backoffMs?: number
}

/**
 * Creates the domain stores and hands each the api client (their transport). Feature stores register
 * themselves lazily through `feature()`, so the main package never imports a module.
 */
export class RootStore {
  readonly api: ApiClient
  readonly session: SessionStore
  readonly ui: UiStore
  readonly inbox: InboxStore
  readonly storage: KeyValueStore
  private readonly features = new Map<string, unknown>()

  constructor(deps: RootStoreDeps) {
    this.storage = deps.storage
    this.session = new SessionStore(() => this.api, deps.storage, deps.platform, deps.loginCode)
    this.api = createApiClient({
      baseURL: deps.baseURL,
      adapter: deps.adapter,
      getToken: () => this.session.token,
      reauthenticate: () => this.session.reauthenticate(),
      sleep: deps.sleep,
      backoffMs: deps.backoffMs,
    })
    this.ui = new UiStore(deps.storage)
    this.inbox = new InboxStore(() => this.api)
  }

  feature<T>(key: string, create: (root: RootStore) => T): T {
    if (!this.features.has(key)) this.features.set(key, create(this))
    return this.features.get(key) as T
  }

  async signOut() {
    await this.session.signOut()
    this.inbox.reset()
    this.features.clear()
  }
}
