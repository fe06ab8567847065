import { makeAutoObservable, runInAction } from 'mobx'
import type { User } from '../contract/common'
import { authRoutes, type SessionResult } from '../contract/auth'
import type { ApiClient } from './api'
import type { Platform } from './platform'
import type { KeyValueStore } from './storage'
import { clock } from './clock'

const KEY = 'session'

interface Saved {
  token: string
  expiresAt: string
  user: User
}

export type SessionStatus = 'signed-out' | 'signing-in' | 'signed-in'

/**
 * Who is signed in. Mini-programs sign in silently (wx.qy.login in WeCom, wx.login in WeChat) and the
 * BFF exchanges the code; H5 has only the preview sign-in page, which the mock BFF alone accepts.
 */
export class SessionStore {
  token: string | null = null
  expiresAt: string | null = null
  user: User | null = null
  status: SessionStatus = 'signed-out'
  private pending: Promise<boolean> | null = null

  constructor(
    private readonly api: () => ApiClient,
    private readonly storage: KeyValueStore,
    readonly platform: Platform,
    private readonly loginCode: () => Promise<string>,
  ) {
    makeAutoObservable<SessionStore, 'api' | 'storage' | 'loginCode' | 'pending'>(this, { api: false, storage: false, loginCode: false, pending: false })
    this.restore()
  }

  get signedIn() {
    return this.status === 'signed-in' && !!this.user
  }

  get isStaff() {
    return this.user?.kind === 'staff'
  }

  /** Silent sign-in is possible everywhere but H5, where a person must pick who they are. */
  get canSignInSilently() {
    return this.platform !== 'h5'
  }

  private restore() {
    const saved = this.storage.get<Saved>(KEY)
    if (saved && Date.parse(saved.expiresAt) > clock.nowMs()) this.accept(saved)
  }

  private accept(s: SessionResult | Saved) {
    this.token = s.token
    this.expiresAt = s.expiresAt
    this.user = s.user
    this.status = 'signed-in'
    this.storage.set(KEY, { token: s.token, expiresAt: s.expiresAt, user: s.user } satisfies Saved)
  }

  /** One sign-in at a time: three pages asking at once share the same attempt. */
  signInSilently(): Promise<boolean> {
    if (!this.canSignInSilently) return Promise.resolve(false)
    if (!this.pending) {
      this.status = 'signing-in'
      this.pending = (async () => {
        try {
          const code = await this.loginCode()
          const route = this.platform === 'wecom' ? authRoutes.wecomLogin : authRoutes.wechatLogin
          const s = await this.api().call(route, { body: { code } })
          runInAction(() => this.accept(s))
          return true
        } catch (err) {
          runInAction(() => this.clear())
          throw err
        } finally {
          this.pending = null
        }
      })()
    }
    return this.pending
  }

  async previewSignIn(userId: string) {
    const s = await this.api().call(authRoutes.previewLogin, { body: { userId } })
    runInAction(() => this.accept(s))
  }

  async refreshMe() {
    const user = await this.api().call(authRoutes.me)
    runInAction(() => {
      this.user = user
      if (this.token && this.expiresAt) this.storage.set(KEY, { token: this.token, expiresAt: this.expiresAt, user } satisfies Saved)
    })
  }

  /** For the api client's 401: try once to get a fresh session without bothering the user. */
  async reauthenticate(): Promise<boolean> {
    this.clear()
    try {
      return await this.signInSilently()
    } catch {
      return false
    }
  }

  async signOut() {
    try {
      if (this.token) await this.api().call(authRoutes.logout)
    } catch {
      // signing out locally is what matters; the server session expires on its own
    }
    runInAction(() => this.clear())
  }

  clear() {
    this.token = null
    this.expiresAt = null
    this.user = null
    this.status = 'signed-out'
    this.storage.remove(KEY)
  }
}
