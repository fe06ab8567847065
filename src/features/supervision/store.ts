import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailableAction } from '../../contract/common'
import type { RouteInput, RouteResult } from '../../contract/route'
import { supervisionRoutes, type Light, type SupervisionAction, type SupervisionBox, type SupervisionDetail, type SupervisionSource, type SupervisionSummary } from '../../contract/supervision'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

export interface SupervisionFilter {
  q: string
  light: Light | null
  source: SupervisionSource | null
  /** only what is due within this many working days */
  dueWithin: number | null
  /** only the items this unit takes part in */
  deptId: string | null
}

const NO_FILTER: SupervisionFilter = { q: '', light: null, source: null, dueWithin: null, deptId: null }

export type ActExtra = Omit<RouteInput<typeof supervisionRoutes.act>['body'], 'action' | 'version' | 'opinion'>
export type FeedbackInput = Omit<RouteInput<typeof supervisionRoutes.feedback>['body'], 'version'>

/** 督查督办 as one person sees it: their three lists, the item open, the workbench and the figures. */
export class SupervisionStore {
  box: SupervisionBox = 'handling'
  filter: SupervisionFilter = { ...NO_FILTER }
  /** the units a supervisor may filter by (the 督查室's roster) */
  units: { id: string; name: string }[] = []
  items: SupervisionSummary[] = []
  listLoaded = false
  listError: ApiError | null = null
  detail: SupervisionDetail | null = null
  detailError: ApiError | null = null
  workbench: RouteResult<typeof supervisionRoutes.workbench> | null = null
  stats: RouteResult<typeof supervisionRoutes.stats> | null = null
  boardError: ApiError | null = null
  private seq = 0

  constructor(private readonly root: RootStore) {
    makeAutoObservable<SupervisionStore, 'root' | 'seq'>(this, { root: false, seq: false })
  }

  get api() {
    return this.root.api
  }

  /** Supervisors start on 我督办的, leaders on 我牵头的, everyone else on 我承办的. */
  initBox() {
    const roles = this.root.session.user?.roles ?? []
    if (!this.listLoaded) this.box = roles.includes('supervisor') ? 'supervising' : roles.includes('leader') ? 'leading' : 'handling'
  }

  /** The roster for the 单位 filter: only the 督查室 filters by unit (a unit sees its own items anyway). */
  async loadUnits() {
    if (this.units.length || !this.root.session.user?.roles.includes('supervisor')) return
    try {
      const o = await this.api.call(supervisionRoutes.options)
      runInAction(() => (this.units = o.departments))
    } catch {
      // the list works without the filter; it is offered again next time the page shows
    }
  }

  /** Opened from the 工作台's 红灯 / 黄灯 / 绿灯 count: that box, only that light, nothing else filtered. */
  openLight(box: SupervisionBox, light: Light) {
    this.box = box
    this.filter = { ...NO_FILTER, light }
  }

  setBox(box: SupervisionBox) {
    this.box = box
    void this.loadList()
  }

  setFilter(patch: Partial<SupervisionFilter>) {
    this.filter = { ...this.filter, ...patch }
    void this.loadList()
  }

  async loadList() {
    const seq = ++this.seq
    const f = this.filter
    try {
      const page = await this.api.call(supervisionRoutes.list, {
        query: { box: this.box, q: f.q.trim() || undefined, light: f.light ?? undefined, source: f.source ?? undefined, dueWithin: f.dueWithin ?? undefined, deptId: f.deptId ?? undefined, limit: 50 },
      })
      if (seq !== this.seq) return
      runInAction(() => {
        this.items = page.items
        this.listLoaded = true
        this.listError = null
      })
    } catch (err) {
      if (seq === this.seq) runInAction(() => (this.listError = toApiError(err)))
    }
  }

  async load(id: string) {
    this.detailError = null
    try {
      const d = await this.api.call(supervisionRoutes.get, { params: { id } })
      runInAction(() => (this.detail = d))
    } catch (err) {
      runInAction(() => (this.detailError = toApiError(err)))
    }
  }

  /** Sends what the server offered; a conflict reloads so the person sees what changed. */
  async act(action: AvailableAction | SupervisionAction, opinion: string, extra: ActExtra = {}) {
    const d = this.detail
    if (!d) return
    const key = (typeof action === 'string' ? action : action.key) as SupervisionAction
    try {
      const next = await this.api.call(supervisionRoutes.act, { params: { id: d.id }, body: { action: key, version: d.version, opinion: opinion || undefined, ...extra } })
      runInAction(() => (this.detail = next))
      this.root.inbox.invalidate()
    } catch (err) {
      const e = toApiError(err)
      if (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_STATE') await this.load(d.id)
      throw e
    }
  }

  async feedback(input: FeedbackInput, idempotencyKey?: string) {
    const d = this.detail
    if (!d) return
    try {
      const next = await this.api.call(supervisionRoutes.feedback, { params: { id: d.id }, body: { ...input, version: d.version }, idempotencyKey })
      runInAction(() => (this.detail = next))
      this.root.inbox.invalidate()
    } catch (err) {
      const e = toApiError(err)
      if (e.code === 'VERSION_CONFLICT') await this.load(d.id)
      throw e
    }
  }

  /**
   * 催办 from the workbench in one tap: the item's next ladder step, as the server offers it to this
   * person now (opened fresh, so the version is current); the board is reloaded to show what changed.
   * Answers what was sent ("蓝色督办单"), or null when the server offers no step any more.
   */
  async urgeFromBoard(id: string): Promise<string | null> {
    const d = await this.api.call(supervisionRoutes.get, { params: { id } })
    const step = d.availableActions.find((a) => a.key === 'escalate')
    if (!step) return null
    const next = await this.api.call(supervisionRoutes.act, { params: { id }, body: { action: 'escalate', version: d.version } })
    runInAction(() => {
      if (this.detail?.id === id) this.detail = next
    })
    this.root.inbox.invalidate()
    await this.loadBoard()
    return step.label
  }

  async loadBoard() {
    this.boardError = null
    try {
      const [wb, st] = await Promise.all([this.api.call(supervisionRoutes.workbench), this.api.call(supervisionRoutes.stats)])
      runInAction(() => {
        this.workbench = wb
        this.stats = st
      })
    } catch (err) {
      runInAction(() => (this.boardError = toApiError(err)))
    }
  }
}

export const useSupervisionStore = (root: RootStore) => root.feature('supervision', (r) => new SupervisionStore(r))
