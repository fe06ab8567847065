import { clock } from '../../src/core/clock'
import { FormDraft } from '../../src/core/draft'
import { memoryStorage } from '../../src/core/storage'
import { UiStore } from '../../src/core/ui-store'
import { SessionStore } from '../../src/core/session-store'
import { testRootStore } from '../support/bff'

describe('RootStore driven with the in-process mock BFF', () => {
  it('preview sign-in, then the inbox loads its first page and counts', async () => {
    const { root, db } = testRootStore()
    expect(root.session.signedIn).toBe(false)
    await root.session.previewSignIn('u-handler-01')
    expect(root.session.user?.name).toBe(db.users.find((u) => u.id === 'u-handler-01')!.name)
    await root.inbox.load('todo')
    const open = db.workItems.filter((w) => w.assigneeId === 'u-handler-01' && w.audience === 'assignee' && w.status === 'open')
    expect(root.inbox.tabs.todo.items.map((i) => i.id).sort()).toEqual(open.map((w) => w.id).sort())
    expect(root.inbox.counts?.todo).toBe(open.length)
  })

  it('pages through 已办 without duplicates', async () => {
    const { root, db } = testRootStore()
    await root.session.previewSignIn('u-head-01')
    await root.inbox.load('done')
    while (root.inbox.tabs.done.nextCursor) await root.inbox.loadMore('done')
    const done = db.workItems.filter((w) => w.assigneeId === 'u-head-01' && w.audience === 'assignee' && w.status === 'done')
    expect(root.inbox.tabs.done.items).toHaveLength(done.length)
  })

  it('a failed load keeps a Chinese error for the page, and a retry clears it', async () => {
    const { root, bff } = testRootStore({ random: () => 0 })
    await root.session.previewSignIn('u-head-01')
    bff.settings.failureRate = 1
    await root.inbox.load('todo')
    expect(root.inbox.tabs.todo.error?.message).toBe('网络不太稳定，请稍后重试')
    bff.settings.failureRate = 0
    await root.inbox.load('todo')
    expect(root.inbox.tabs.todo.error).toBeNull()
  })

  it('the session survives a restart through storage, and sign-out forgets it on both ends', async () => {
    const { root, storage, db } = testRootStore()
    await root.session.previewSignIn('u-clerk-01')
    const again = new SessionStore(() => root.api, storage, 'h5', async () => '')
    expect(again.user?.id).toBe('u-clerk-01')
    const sessions = db.sessions.length
    await root.signOut()
    expect(root.session.signedIn).toBe(false)
    expect(db.sessions.length).toBe(sessions - 1)
    expect(new SessionStore(() => root.api, storage, 'h5', async () => '').signedIn).toBe(false)
  })

  it('in a mini-program, an expired session signs in again silently on the next call', async () => {
    const { root, db } = testRootStore()
    await root.session.previewSignIn('u-clerk-01')
    Object.assign(root.session, { platform: 'wecom' })
    db.sessions = []
    const me = await root.api.call((await import('../../src/contract/routes')).routes.auth.me)
    expect(me.id).toBe('u-clerk-01')
    expect(root.session.signedIn).toBe(true)
  })
})

describe('长辈模式', () => {
  it('follows the system font size until the person chooses, and keeps the choice', () => {
    const storage = memoryStorage()
    const ui = new UiStore(storage)
    expect(ui.elderMode).toBe(false)
    ui.setSystem({ fontSizeSetting: 22 })
    expect(ui.elderMode).toBe(true)
    expect(ui.rootClass).toContain('elder')
    ui.setElderMode(false)
    expect(ui.elderMode).toBe(false)
    const later = new UiStore(storage)
    later.setSystem({ fontSizeSetting: 22 })
    expect(later.elderMode).toBe(false)
    later.setElderMode(true)
    expect(new UiStore(storage).elderMode).toBe(true)
  })

  it('dark mode follows the system theme', () => {
    const ui = new UiStore(memoryStorage())
    ui.setSystem({ theme: 'dark' })
    expect(ui.rootClass).toContain('dark')
  })
})

describe('form drafts', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it('saves as the user types, restores after a restart, and is gone after submit', () => {
    const storage = memoryStorage()
    const draft = new FormDraft<{ title: string }>(storage, 'notice-create')
    draft.save({ title: '关于' })
    draft.save({ title: '关于召开' })
    expect(new FormDraft(storage, 'notice-create').restore()).toBeNull()
    jest.advanceTimersByTime(400)
    expect(new FormDraft<{ title: string }>(storage, 'notice-create').restore()).toEqual({ title: '关于召开' })
    draft.clear()
    expect(new FormDraft(storage, 'notice-create').restore()).toBeNull()
  })

  it('a corrupt or ancient draft is ignored, not a crash', () => {
    const storage = memoryStorage()
    storage.set('draft:x', { savedAt: clock.nowMs() - 40 * 24 * 3600_000, value: { a: 1 } })
    expect(new FormDraft(storage, 'x').restore()).toBeNull()
  })
})

describe('NoticeStore', () => {
  it('a read whose answers were all lost is shown as done on the next tap, not as an error', async () => {
    const { NoticeStore } = await import('../../src/features/notice/store')
    const { routes } = await import('../../src/contract/routes')
    const { root, db, ok } = testRootStore()
    const notice = db.notices.find((n) => n.readers.some((r) => r.userId === 'u-handler-01' && r.status === 'unread'))!
    await root.session.previewSignIn('u-handler-01')
    const store = new NoticeStore(root)
    await store.load(notice.id)
    const action = store.notice!.availableActions.find((a) => a.key === 'read')!
    // the first tap landed on the server, but the phone never heard back
    await ok('u-handler-01', routes.notices.read, { params: { id: notice.id }, body: { version: store.notice!.myItem!.version } })
    await expect(store.act(action, '')).resolves.toBeUndefined()
    expect(store.notice!.myItem!.status).toBe('done')
    expect(store.notice!.availableActions).toEqual([])
  })

  it('a real conflict still tells the person', async () => {
    const { NoticeStore } = await import('../../src/features/notice/store')
    const { routes } = await import('../../src/contract/routes')
    const { root, db, ok } = testRootStore()
    const notice = db.notices.find((n) => n.senderId === 'u-head-01' && n.readers.some((r) => r.status === 'unread'))!
    await root.session.previewSignIn('u-head-01')
    const store = new NoticeStore(root)
    await store.load(notice.id)
    const remind = store.notice!.availableActions.find((a) => a.key === 'remind')
    if (!remind) throw new Error('the seed should let u-head-01 chase an unread notice')
    await ok('u-head-01', routes.notices.remind, { params: { id: notice.id }, body: { version: store.notice!.version } })
    await expect(store.act(remind, '')).rejects.toMatchObject({ code: expect.stringMatching(/VERSION_CONFLICT|INVALID_STATE/) })
  })
})
