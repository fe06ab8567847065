import { makeAutoObservable, runInAction } from 'mobx'
import type { Urgency } from '../../contract/common'
import { documentRoutes, type DocType, type DocumentAction, type DocumentBox, type DocumentDetail, type DocumentKind, type DocumentStage, type DocumentSummary, type DraftInput } from '../../contract/documents'
import type { RouteResult } from '../../contract/route'
import type { RootStore } from '../../core/root-store'
import { toApiError, type ApiError } from '../../core/errors'

export interface ListFilter {
  q: string
  kind: DocumentKind | null
  docType: DocType | null
  urgency: Urgency | null
  /** YYYY-MM-DD, inclusive */
  from: string | null
  to: string | null
}

export const emptyFilter = (): ListFilter => ({ q: '', kind: null, docType: null, urgency: null, from: null, to: null })

interface ListState {
  items: DocumentSummary[]
  nextCursor: string | null
  loaded: boolean
  loading: boolean
  error: ApiError | null
}

const emptyList = (): ListState => ({ items: [], nextCursor: null, loaded: false, loading: false, error: null })

export interface ActExtra {
  signature?: string
  toStage?: DocumentStage
  toUserId?: string
  mainDeptId?: string
  assistDeptIds?: string[]
}

/** 公文流转 as one person sees it: four boxes with search and filters, the document open, their phrases. */
export class DocumentsStore {
  box: DocumentBox = 'todo'
  filter: ListFilter = emptyFilter()
  lists: Record<DocumentBox, ListState> = { todo: emptyList(), done: emptyList(), drafted: emptyList(), circulated: emptyList() }
  detail: DocumentDetail | null = null
  detailError: ApiError | null = null
  options: RouteResult<typeof documentRoutes.options> | null = null
  phrases: string[] = []
  private listSeq = 0

  constructor(private readonly root: RootStore) {
    makeAutoObservable<DocumentsStore, 'root' | 'listSeq'>(this, { root: false, listSeq: false })
  }

  get api() {
    return this.root.api
  }

  get current() {
    return this.lists[this.box]
  }

  setBox(box: DocumentBox) {
    this.box = box
    if (!this.lists[box].loaded) void this.loadList()
  }

  setFilter(patch: Partial<ListFilter>) {
    this.filter = { ...this.filter, ...patch }
    for (const b of Object.keys(this.lists) as DocumentBox[]) this.lists[b] = emptyList()
    void this.loadList()
  }

  private query(cursor?: string) {
    const f = this.filter
    return {
      box: this.box,
      q: f.q.trim() || undefined,
      kind: f.kind ?? undefined,
      docType: f.docType ?? undefined,
      urgency: f.urgency ?? undefined,
      from: f.from ?? undefined,
      to: f.to ?? undefined,
      cursor,
      limit: 20,
    }
  }

  /** First page of the current box; a newer request wins over a slower older one. */
  async loadList(more = false) {
    const box = this.box
    const state = this.lists[box]
    if (more && (!state.nextCursor || state.loading)) return
    const seq = ++this.listSeq
    state.loading = true
    state.error = null
    try {
      const page = await this.api.call(documentRoutes.list, { query: this.query(more ? state.nextCursor! : undefined) })
      runInAction(() => {
        if (seq !== this.listSeq && !more) return
        state.items = more ? [...state.items, ...page.items] : page.items
        state.nextCursor = page.nextCursor
        state.loaded = true
      })
    } catch (err) {
      runInAction(() => (state.error = toApiError(err)))
    } finally {
      runInAction(() => (state.loading = false))
    }
  }

  async load(id: string) {
    this.detailError = null
    try {
      const d = await this.api.call(documentRoutes.get, { params: { id } })
      runInAction(() => (this.detail = d))
      // opening a document circulated to me is my read receipt
      if (d.circulations.some((c) => c.readers.some((r) => r.status === 'unread' && r.userId === this.root.session.user?.id))) {
        const read = await this.api.call(documentRoutes.read, { params: { id } })
        runInAction(() => (this.detail = read))
        this.root.inbox.invalidate()
      }
    } catch (err) {
      runInAction(() => (this.detailError = toApiError(err)))
    }
  }

  private async settle(id: string, run: () => Promise<DocumentDetail>) {
    try {
      const next = await run()
      runInAction(() => (this.detail = next))
      this.root.inbox.invalidate()
      for (const b of Object.keys(this.lists) as DocumentBox[]) this.lists[b].loaded = false
      return next
    } catch (err) {
      const e = toApiError(err)
      // what the person saw is out of date: show them what it is now
      if (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_STATE') await this.load(id)
      throw e
    }
  }

  /** Sends what the server offered, with what that action asks for. */
  act(action: DocumentAction, opinion: string, extra: ActExtra = {}) {
    const d = this.detail!
    return this.settle(d.id, () =>
      this.api.call(documentRoutes.act, { params: { id: d.id }, body: { action, version: d.version, opinion: opinion || undefined, ...extra } }),
    )
  }

  circulate(readerIds: string[], purpose: string) {
    const d = this.detail!
    return this.settle(d.id, () => this.api.call(documentRoutes.circulate, { params: { id: d.id }, body: { version: d.version, readerIds, purpose } }))
  }

  remind(circulationId: string) {
    const d = this.detail!
    return this.settle(d.id, () => this.api.call(documentRoutes.remind, { params: { id: d.id, circulationId }, body: { version: d.version } }))
  }

  async loadOptions() {
    if (this.options) return this.options
    const o = await this.api.call(documentRoutes.options)
    runInAction(() => (this.options = o))
    return o
  }

  async loadPhrases() {
    try {
      const p = await this.api.call(documentRoutes.phrases)
      runInAction(() => (this.phrases = p.phrases))
    } catch {
      // phrases are a convenience: the opinion box works without them
    }
  }

  async savePhrases(phrases: string[]) {
    const p = await this.api.call(documentRoutes.savePhrases, { body: { phrases } })
    runInAction(() => (this.phrases = p.phrases))
  }

  /** Saves a new draft, or the drafter's edits to one; `idempotencyKey` makes a double tap one draft. */
  async saveDraft(input: DraftInput, existing: { id: string; version: number } | null, idempotencyKey: string) {
    const d = existing
      ? await this.api.call(documentRoutes.update, { params: { id: existing.id }, body: { ...input, version: existing.version }, idempotencyKey })
      : await this.api.call(documentRoutes.create, { body: input, idempotencyKey })
    runInAction(() => {
      this.detail = d
      // 我起草的 shows the new or changed draft when the list page comes back into view
      for (const b of Object.keys(this.lists) as DocumentBox[]) this.lists[b].loaded = false
    })
    return d
  }
}

export const useDocumentsStore = (root: RootStore) => root.feature('documents', (r) => new DocumentsStore(r))
