/**
 * Every route × every seeded role × an object owned by someone else → only 403/404, never data.
 * Routes that act only on the caller's own data instead must return nothing of anyone else's.
 * Adding a route without adding its probe here fails the completeness test.
 */
import { roles, type Role } from '../../src/contract/common'
import { allRoutes, routes } from '../../src/contract/routes'
import type { Route } from '../../src/contract/route'
import { canSeeDocument, DEFAULT_PHRASES } from '../../mock/handlers/documents'
import { canSeeItem } from '../../mock/handlers/supervision'
import { officeOf } from '../../mock/lib/org'
import { caseAccess } from '../../mock/handlers/cases'
import { testBff } from '../support/bff'
import { VIDEO_SEED } from '../../mock/seed/video'
import { emit, notifyTables } from '../../mock/lib/notify'
import { tabView } from '../../mock/lib/inbox-index'
import { toIso } from '../../src/core/time'

type T = ReturnType<typeof testBff>
type Probe =
  | { kind: 'denied'; call: (t: T, me: string) => Promise<{ status: number; body: unknown }> }
  | { kind: 'own'; call: (t: T, me: string) => Promise<{ status: number; body: unknown }>; check: (t: T, me: string, body: unknown) => void }
  | { kind: 'public'; why: string }
  /** routes whose objects some roles see by office (the 督查室 sees every 督办事项): 200 exactly when `mayRead` */
  | { kind: 'scoped'; call: (t: T, me: string) => Promise<{ status: number; body: unknown }>; mayRead: (t: T, me: string) => boolean }

/** A notice between two people who are never the caller. */
async function foreignNotice(t: T, me: string) {
  const sender = me === 'u-head-02' ? 'u-head-03' : 'u-head-02'
  const reader = me === 'u-handler-02' ? 'u-handler-03' : 'u-handler-02'
  const n = await t.ok(sender, routes.notices.create, { body: { title: '只发给别人的通知', body: '与您无关。', readerIds: [reader] } })
  return n.id
}

async function foreignFile(t: T, me: string) {
  const owner = me === 'u-clerk-02' ? 'u-clerk-01' : 'u-clerk-02'
  t.setNow(t.now)
  const res = await t.bff.handle({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${await t.signIn(owner)}`, 'idempotency-key': `file-${owner}-${me}` },
    file: { name: '请示.pdf', mime: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4 test') },
  })
  return (res.body as { id: string }).id
}

/** A 调离/退休一件事 of someone who is never the caller (its parts go to HR, 机关事务, 信息中心, 办公室). */
async function foreignBundle(t: T, me: string) {
  const applicant = me === 'u-handler-02' ? 'u-handler-01' : 'u-handler-02'
  return t.ok(applicant, routes.requests.bundleSubmit, { body: { bundleId: 'departure', values: { leaveDate: '2026-12-15', destination: '退休', handover: '刘思远' } } })
}

/** A 外出报备 between two people who are never the caller. */
async function foreignRequest(t: T, me: string) {
  const applicant = me === 'u-handler-02' ? 'u-handler-01' : 'u-handler-02'
  const r = await t.ok(applicant, routes.requests.submit, {
    body: { itemId: 'trip', values: { destination: '广州', start: '2026-11-26', end: '2026-11-27', transport: '高铁', reason: '参加业务培训' } },
  })
  return r
}

/**
 * A 发文 the caller is no party to: drafted in an office that is not the caller's, submitted, so it
 * waits for 核稿 by that office's head, and circulated by its drafter to a reader who is not the caller.
 * `stage: 'draft'` leaves it an unsent draft, which only its drafter sees.
 */
async function foreignDocument(t: T, me: string, stage: 'draft' | 'review' = 'review') {
  const myOffice = officeOf(t.db, t.db.users.find((u) => u.id === me)?.deptId ?? null)
  const drafter = myOffice === 'dept-data' || me === 'u-clerk-02' ? 'u-staff-02' : 'u-clerk-02'
  const d = await t.ok(drafter, routes.documents.create, {
    body: {
      docType: '函',
      title: '只在别的单位流转的公文',
      secrecy: 'none',
      urgency: 'normal',
      mainToDeptIds: ['dept-finance'],
      ccDeptIds: [],
      countersignDeptIds: [],
      signerId: 'u-staff-01',
      body: '与调用者无关的正文内容。',
      attachmentIds: [],
    },
  })
  if (stage === 'draft') return d
  const sent = await t.ok(drafter, routes.documents.act, { params: { id: d.id }, body: { action: 'submit', version: d.version } })
  const reader = drafter === 'u-clerk-02' ? 'u-staff-14' : 'u-head-01'
  const c = await t.ok(drafter, routes.documents.circulate, { params: { id: d.id }, body: { version: sent.version, readerIds: [reader === me ? 'u-staff-13' : reader], purpose: '请阅知' } })
  const row = t.db.documents.find((x) => x.id === d.id)!
  // the premise of every probe that uses it
  expect(canSeeDocument(t.db, row, t.db.users.find((u) => u.id === me)!)).toBe(false)
  return c
}

const documentDraft = {
  docType: '通知' as const,
  title: '矩阵测试公文',
  secrecy: 'none' as const,
  urgency: 'normal' as const,
  mainToDeptIds: ['dept-civil'],
  ccDeptIds: [],
  countersignDeptIds: [],
  signerId: 'u-leader-01',
  body: '矩阵测试公文的正文内容。',
  attachmentIds: [],
}

/**
 * A yellow 石岩 case taken in by that street's 妇联, referred to 宝安法院 only: nobody the matrix plays
 * (a 干事 of 石岩妇联 excepted, who is never a persona) has a part in it.
 */
async function foreignCase(t: T, me: string) {
  const c = await t.ok('u-staff-49', routes.cases.create, {
    body: {
      channel: 'hotline', category: 'marriage_family', streetName: '石岩街道', summary: '与调用者无关的案件情况。', minor: false, riskAnswers: [],
      subject: { name: '测试求助人', phone: '13800001111' }, safeContact: { channels: ['phone'], window: 'any', doNotCallHome: false },
    },
  })
  const referred = await t.ok('u-staff-49', routes.cases.refer, { params: { id: c.id }, body: { version: c.version, items: [{ unitId: 'dept-court', task: '请提供法律咨询', acceptHours: 24 }] } })
  const row = t.db.cases.find((x) => x.id === c.id)!
  if (me !== 'u-partner-court-01') expect(caseAccess(t.db, row, t.db.users.find((u) => u.id === me)!)).toBeNull()
  return referred
}
/** The seeded 案例 that 区妇联 refused, sent again by its owner (新桥妇联): it waits for 区妇联's review. */
const PENDING_ENTRY = 'lib-003'
async function pendingLibraryEntry(t: T) {
  const row = t.db.caseLibrary!.find((e) => e.id === PENDING_ENTRY)!
  expect(row.submittedById).toBe('u-staff-39')
  return t.ok('u-staff-39', routes.cases.libraryReview, { params: { entryId: row.id }, body: { action: 'resubmit', version: row.version, lesson: '调解前先分别听取双方，再请司法所主持调解。' } })
}
/** published for every federation colleague; otherwise its submitter and 区妇联's reviewers */
function libraryMayRead(t: T, me: string, entryId: string) {
  const u = t.db.users.find((x) => x.id === me)!
  const row = t.db.caseLibrary!.find((e) => e.id === entryId)!
  return u.roles.includes('federation_staff') && (row.state === 'published' || row.submittedById === me || u.deptId === 'dept-wf')
}

/** A seeded 督办事项 of 区政数局 and 区财政局, led by 郑婉清: none of the matrix personas works on it. */
const FOREIGN_ITEM = 'sup-007'
const seesForeignItem = (t: T, me: string) => canSeeItem(t.db, t.db.supervision.items.find((s) => s.id === FOREIGN_ITEM)!, t.db.users.find((u) => u.id === me)!)

const probes: Record<string, Probe> = {
  'cases.list': {
    kind: 'own',
    call: async (t, me) => {
      await foreignCase(t, me)
      return t.as(me, routes.cases.list, { query: { limit: 100 } })
    },
    // only cases the caller has a part in
    check: (t, me, body) => {
      const user = t.db.users.find((u) => u.id === me)!
      for (const item of (body as { items: { id: string }[] }).items) expect(caseAccess(t.db, t.db.cases.find((c) => c.id === item.id)!, user)).not.toBeNull()
    },
  },
  'cases.partners': { kind: 'own', call: (t, me) => t.as(me, routes.cases.partners), check: (_t, _me, body) => expect((body as { units: unknown[] }).units.length).toBeGreaterThan(5) },
  'cases.create': {
    kind: 'own',
    call: (t, me) =>
      t.as(me, routes.cases.create, {
        body: {
          channel: 'exec_report', category: 'other', streetName: '西乡街道', summary: '矩阵测试上报的情况。', minor: false, riskAnswers: [],
          subject: { name: '测试求助人' }, safeContact: { channels: ['sms'], window: 'any', doNotCallHome: true },
        },
      }),
    check: (t, me, body) => {
      const c = t.db.cases.find((x) => x.id === (body as { id: string }).id)!
      expect(c.reporterId ?? c.ownerId).toBe(me)
    },
  },
  'cases.get': { kind: 'denied', call: async (t, me) => t.as(me, routes.cases.get, { params: { id: (await foreignCase(t, me)).id } }) },
  'cases.act': { kind: 'denied', call: async (t, me) => { const c = await foreignCase(t, me); return t.as(me, routes.cases.act, { params: { id: c.id }, body: { action: 'supervise', version: c.version, opinion: '督办' } }) } },
  'cases.assess': { kind: 'denied', call: async (t, me) => { const c = await foreignCase(t, me); return t.as(me, routes.cases.assess, { params: { id: c.id }, body: { version: c.version, answers: ['weapon'] } }) } },
  'cases.refer': { kind: 'denied', call: async (t, me) => { const c = await foreignCase(t, me); return t.as(me, routes.cases.refer, { params: { id: c.id }, body: { version: c.version, items: [{ unitId: 'dept-police', task: '请核实', acceptHours: 4 }] } }) } },
  'cases.answerReferral': {
    kind: 'denied',
    call: async (t, me) => {
      const c = await foreignCase(t, me)
      // the court's own liaison is the one person with a part: she is played by a colleague's unit instead
      const id = me === 'u-partner-court-01' ? 'case-002' : c.id
      return t.as(me, routes.cases.answerReferral, { params: { id, referralId: c.referrals[0].id }, body: { action: 'accept', version: c.version } })
    },
  },
  'cases.reveal': { kind: 'denied', call: async (t, me) => t.as(me, routes.cases.reveal, { params: { id: (await foreignCase(t, me)).id }, body: { field: 'subject.phone', reason: '矩阵测试事由' } }) },
  'cases.contact': { kind: 'denied', call: async (t, me) => t.as(me, routes.cases.contact, { params: { id: (await foreignCase(t, me)).id }, body: { channel: 'phone', note: '矩阵测试' } }) },
  'cases.libraryDraft': { kind: 'denied', call: async (t, me) => t.as(me, routes.cases.libraryDraft, { params: { id: (await foreignCase(t, me)).id } }) },
  'cases.librarySubmit': {
    kind: 'denied',
    call: async (t, me) => t.as(me, routes.cases.librarySubmit, { params: { id: (await foreignCase(t, me)).id }, body: { title: '矩阵测试案例', story: '矩阵测试的案情与办理经过，足够二十个字。', lesson: '矩阵测试启示', outcome: 'other' } }),
  },
  'cases.library': {
    kind: 'own',
    call: async (t, me) => {
      await pendingLibraryEntry(t)
      return t.as(me, routes.cases.library, { query: { box: 'review', limit: 50 } })
    },
    check: (t, me, body) => {
      for (const e of (body as { items: { id: string }[] }).items) expect(libraryMayRead(t, me, e.id)).toBe(true)
    },
  },
  'cases.libraryGet': { kind: 'scoped', call: async (t, me) => t.as(me, routes.cases.libraryGet, { params: { entryId: (await pendingLibraryEntry(t)).id } }), mayRead: (t, me) => libraryMayRead(t, me, PENDING_ENTRY) },
  'cases.libraryReview': {
    kind: 'scoped',
    call: async (t, me) => {
      const e = await pendingLibraryEntry(t)
      return t.as(me, routes.cases.libraryReview, { params: { entryId: e.id }, body: { action: 'approve', version: e.version } })
    },
    mayRead: (t, me) => libraryMayRead(t, me, PENDING_ENTRY) && me !== 'u-staff-39',
  },
  'cases.stats': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.cases.stats),
    check: (_t, _me, body) => expect(JSON.stringify(body)).not.toMatch(/梁雪芬|13926581047/),
  },
  'help.submit': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.help.submit, { body: { situations: ['talk'], inDangerNow: false, streetName: '西乡街道', anonymous: false, safeContact: { channels: ['sms'], window: 'any', doNotCallHome: true } } }),
    check: (t, me, body) => expect(t.db.cases.find((c) => c.id === (body as { id: string }).id)!.residentId).toBe(me),
  },
  'help.mine': {
    kind: 'own',
    call: async (t, me) => {
      await t.ok('r-resident-05', routes.help.submit, { body: { situations: ['talk'], inDangerNow: false, streetName: '航城街道', anonymous: false, safeContact: { channels: ['sms'], window: 'any', doNotCallHome: true } } })
      return t.as(me, routes.help.mine)
    },
    check: (t, me, body) => {
      for (const i of (body as { items: { id: string }[] }).items) expect(t.db.cases.find((c) => c.id === i.id)!.residentId).toBe(me)
    },
  },
  'help.get': {
    kind: 'denied',
    call: async (t, me) => {
      const other = me === 'r-resident-05' ? 'r-resident-07' : 'r-resident-05'
      const h = await t.ok(other, routes.help.submit, { body: { situations: ['talk'], inDangerNow: false, streetName: '航城街道', anonymous: false, safeContact: { channels: ['sms'], window: 'any', doNotCallHome: true } } })
      return t.as(me, routes.help.get, { params: { id: h.id } })
    },
  },
  'auth.wecomLogin': { kind: 'public', why: 'signs in by a code; a resident code is refused (tested in session tests)' },
  'auth.wechatLogin': { kind: 'public', why: 'signs in by a code' },
  'auth.previewLogin': { kind: 'public', why: 'preview mode only; refused when preview is off (server test)' },
  'auth.previewUsers': { kind: 'public', why: 'preview mode only; names and departments only' },
  'auth.logout': {
    kind: 'own',
    call: async (t, me) => {
      await t.signIn(me === 'u-head-02' ? 'u-head-03' : 'u-head-02')
      return t.as(me, routes.auth.logout)
    },
    // signing out ends the caller's session and nobody else's
    check: (t, me) => {
      expect(t.db.sessions.some((s) => s.userId !== me)).toBe(true)
      expect(t.db.sessions.some((s) => s.userId === me)).toBe(false)
    },
  },
  'auth.me': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.auth.me),
    check: (_t, me, body) => expect((body as { id: string }).id).toBe(me),
  },
  'auth.startables': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.auth.startables),
    // offered exactly when the caller may create what it links to
    check: (t, me, body) => {
      const roles = t.db.users.find((u) => u.id === me)!.roles
      const may = (access: unknown) => roles.some((r) => (access as readonly string[]).includes(r))
      const keys = (body as { items: { key: string }[] }).items.map((i) => i.key)
      expect(keys.includes('notice')).toBe(may(routes.notices.create.access))
      expect(keys.includes('requests-stats')).toBe(may(routes.requests.stats.access))
      expect(keys.includes('requests')).toBe(roles[0] !== 'resident')
      expect(keys.includes('documents')).toBe(may(routes.documents.create.access))
      expect(keys.includes('documents-list')).toBe(roles[0] !== 'resident')
      expect(keys.includes('cases-stats')).toBe(may(routes.cases.stats.access))
      expect(keys.includes('cases')).toBe(roles.some((r) => ['federation_staff', 'federation_exec', 'partner_liaison', 'counsellor', 'youth_social_worker', 'youth_league'].includes(r)))
    },
  },
  'directory.departments': { kind: 'own', call: (t, me) => t.as(me, routes.directory.departments), check: () => undefined },
  'directory.people': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.directory.people, { query: { limit: 100 } }),
    check: (_t, _me, body) => {
      for (const p of (body as { items: { phone: string }[] }).items) expect(p.phone).toMatch(/\*\*\*\*/)
    },
  },
  'directory.revealContact': {
    kind: 'denied',
    // a resident is not in the staff directory: nobody can reveal them through it
    call: (t, me) => t.as(me, routes.directory.revealContact, { params: { id: me === 'r-resident-02' ? 'r-resident-03' : 'r-resident-02' }, body: { reason: '核实身份' } }),
  },
  'inbox.list': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.inbox.list, { query: { tab: 'todo', limit: 100 } }),
    check: (_t, me, body) => {
      for (const i of (body as { items: { assigneeId: string }[] }).items) expect(i.assigneeId).toBe(me)
    },
  },
  'inbox.counts': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.inbox.counts),
    check: (t, me, body) => expect((body as { todo: number }).todo).toBe(t.db.workItems.filter((w) => w.assigneeId === me && w.audience === 'assignee' && w.status === 'open').length),
  },
  'notices.create': { kind: 'own', call: (t, me) => t.as(me, routes.notices.create, { body: { title: '矩阵测试通知', body: '内容', readerIds: [me === 'u-head-02' ? 'u-head-03' : 'u-head-02'] } }), check: () => undefined },
  'notices.get': { kind: 'denied', call: async (t, me) => t.as(me, routes.notices.get, { params: { id: await foreignNotice(t, me) } }) },
  'notices.read': { kind: 'denied', call: async (t, me) => t.as(me, routes.notices.read, { params: { id: await foreignNotice(t, me) }, body: { version: 1 } }) },
  'notices.remind': { kind: 'denied', call: async (t, me) => t.as(me, routes.notices.remind, { params: { id: await foreignNotice(t, me) }, body: { version: 1 } }) },
  'audit.list': { kind: 'own', call: (t, me) => t.as(me, routes.audit.list), check: () => undefined },
  'audit.verify': { kind: 'own', call: (t, me) => t.as(me, routes.audit.verify), check: () => undefined },
  'requests.catalogue': { kind: 'own', call: (t, me) => t.as(me, routes.requests.catalogue), check: (_t, _me, body) => expect((body as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(8) },
  'requests.prefill': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.requests.prefill, { params: { id: 'room' } }),
    // what the directory knows about the caller, and about nobody else
    check: (t, me, body) => expect((body as { values: { applicantName: string } }).values.applicantName).toBe(t.db.users.find((u) => u.id === me)!.name),
  },
  'requests.resources': { kind: 'own', call: (t, me) => t.as(me, routes.requests.resources, { query: { type: 'room', date: '2026-11-26' } }), check: () => undefined },
  'requests.submit': { kind: 'public', why: 'creates the caller’s own request; every refusal is in requests.test.ts' },
  'requests.get': { kind: 'denied', call: async (t, me) => t.as(me, routes.requests.get, { params: { id: (await foreignRequest(t, me)).id } }) },
  'requests.act': {
    kind: 'denied',
    call: async (t, me) => {
      const r = await foreignRequest(t, me)
      return t.as(me, routes.requests.act, { params: { id: r.id }, body: { action: 'approve', version: r.version } })
    },
  },
  'requests.resubmit': {
    kind: 'denied',
    call: async (t, me) => {
      const r = await foreignRequest(t, me)
      return t.as(me, routes.requests.resubmit, { params: { id: r.id }, body: { version: r.version, values: {} } })
    },
  },
  'requests.mine': {
    kind: 'own',
    call: async (t, me) => {
      await foreignRequest(t, me)
      return t.as(me, routes.requests.mine, { query: { limit: 100 } })
    },
    check: (t, me, body) => {
      for (const i of (body as { items: { id: string }[] }).items) expect(t.db.requests.find((r) => r.id === i.id)?.applicantId).toBe(me)
    },
  },
  'requests.verifyCertificate': { kind: 'public', why: 'anyone holding the code may check it; the holder’s name comes masked' },
  'requests.stats': { kind: 'own', call: (t, me) => t.as(me, routes.requests.stats), check: () => undefined },
  'requests.bundles': { kind: 'own', call: (t, me) => t.as(me, routes.requests.bundles), check: (_t, _me, body) => expect((body as { bundles: unknown[] }).bundles.length).toBe(4) },
  'requests.bundleSubmit': { kind: 'public', why: 'creates the caller’s own bundle; every refusal is in requests-bundles.test.ts' },
  // the owners of its parts see their part as a request, never the bundle
  'requests.bundleGet': { kind: 'denied', call: async (t, me) => t.as(me, routes.requests.bundleGet, { params: { id: (await foreignBundle(t, me)).id } }) },
  'requests.bundleAct': {
    kind: 'denied',
    call: async (t, me) => {
      const b = await foreignBundle(t, me)
      return t.as(me, routes.requests.bundleAct, { params: { id: b.id }, body: { action: 'withdraw', version: b.version } })
    },
  },
  'files.upload': { kind: 'public', why: 'creates the caller’s own file; covered by the server test' },
  'files.meta': { kind: 'denied', call: async (t, me) => t.as(me, routes.files.meta, { params: { id: await foreignFile(t, me) } }) },
  'files.download': { kind: 'denied', call: async (t, me) => t.as(me, routes.files.download, { params: { id: await foreignFile(t, me) } }) },
  'documents.list': {
    kind: 'own',
    // every box, with a foreign document in flight: only what the caller may see, in the caller's own boxes
    call: async (t, me) => {
      await foreignDocument(t, me)
      await foreignDocument(t, me, 'draft')
      const boxes: Record<string, unknown> = {}
      for (const box of ['todo', 'done', 'drafted', 'circulated'] as const) {
        const res = await t.as(me, routes.documents.list, { query: { box, limit: 100 } })
        if (res.status !== 200) return res
        boxes[box] = res.body
      }
      return { status: 200, body: boxes }
    },
    check: (t, me, body) => {
      const user = t.db.users.find((u) => u.id === me)!
      const boxes = body as Record<'todo' | 'done' | 'drafted' | 'circulated', { items: { id: string }[] }>
      const rows = (box: keyof typeof boxes) => boxes[box].items.map((i) => t.db.documents.find((d) => d.id === i.id)!)
      for (const box of Object.keys(boxes) as (keyof typeof boxes)[]) for (const d of rows(box)) expect(canSeeDocument(t.db, d, user)).toBe(true)
      for (const d of rows('todo')) expect(d.tasks.some((x) => x.state === 'open' && x.userId === me) || (d.status === 'returned' && d.drafterId === me)).toBe(true)
      for (const d of rows('done')) expect(d.tasks.some((x) => x.state === 'done' && x.userId === me)).toBe(true)
      for (const d of rows('drafted')) expect(d.drafterId).toBe(me)
      for (const d of rows('circulated')) expect(d.circulations.some((c) => c.readers.some((r) => r.userId === me))).toBe(true)
      expect(rows('todo').concat(rows('drafted')).some((d) => d.title === '只在别的单位流转的公文')).toBe(false)
    },
  },
  'documents.options': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.documents.options),
    // the picker's choices: leaders' names and posts, never their contacts
    check: (t, _me, body) => {
      const { leaders, departments } = body as { leaders: Record<string, unknown>[]; departments: { id: string }[] }
      for (const l of leaders) {
        expect(Object.keys(l).sort()).toEqual(['deptName', 'id', 'name', 'position'])
        expect(t.db.users.find((u) => u.id === l.id)!.roles).toContain('leader')
      }
      for (const d of departments) expect(t.db.departments.find((x) => x.id === d.id)!.parentId).toBeNull()
    },
  },
  'documents.create': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.documents.create, { body: documentDraft }),
    // a draft of the caller's own, in front of nobody else yet
    check: (t, me, body) => {
      const d = t.db.documents.find((x) => x.id === (body as { id: string }).id)!
      expect(d.drafterId).toBe(me)
      expect(d.status).toBe('draft')
      expect(t.db.workItems.filter((w) => w.objectId === d.id)).toEqual([])
      for (const u of t.db.users.filter((x) => x.id !== me && x.kind === 'staff')) expect(canSeeDocument(t.db, d, u)).toBe(false)
    },
  },
  'documents.update': {
    kind: 'denied',
    call: async (t, me) => {
      const d = await foreignDocument(t, me, 'draft')
      return t.as(me, routes.documents.update, { params: { id: d.id }, body: { ...documentDraft, version: d.version } })
    },
  },
  'documents.get': { kind: 'denied', call: async (t, me) => t.as(me, routes.documents.get, { params: { id: (await foreignDocument(t, me)).id } }) },
  'documents.act': {
    kind: 'denied',
    call: async (t, me) => {
      const d = await foreignDocument(t, me)
      return t.as(me, routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: d.version, opinion: '同意' } })
    },
  },
  'documents.circulate': {
    kind: 'denied',
    call: async (t, me) => {
      const d = await foreignDocument(t, me)
      return t.as(me, routes.documents.circulate, { params: { id: d.id }, body: { version: d.version, readerIds: [me === 'u-head-03' ? 'u-head-02' : 'u-head-03'], purpose: '请阅知' } })
    },
  },
  'documents.read': { kind: 'denied', call: async (t, me) => t.as(me, routes.documents.read, { params: { id: (await foreignDocument(t, me)).id } }) },
  'documents.remind': {
    kind: 'denied',
    call: async (t, me) => {
      const d = await foreignDocument(t, me)
      return t.as(me, routes.documents.remind, { params: { id: d.id, circulationId: d.circulations[0].id }, body: { version: d.version } })
    },
  },
  'documents.phrases': {
    kind: 'own',
    call: async (t, me) => {
      await t.ok(me === 'u-head-02' ? 'u-head-03' : 'u-head-02', routes.documents.savePhrases, { body: { phrases: ['别人的常用意见'] } })
      return t.as(me, routes.documents.phrases)
    },
    // the caller's own list (still the defaults), never someone else's
    check: (_t, _me, body) => expect((body as { phrases: string[] }).phrases).toEqual(DEFAULT_PHRASES),
  },
  'supervision.list': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.supervision.list, { query: { box: 'handling', limit: 100 } }),
    check: (t, me, body) => {
      const u = t.db.users.find((x) => x.id === me)!
      for (const i of (body as { items: { id: string }[] }).items) expect(canSeeItem(t.db, t.db.supervision.items.find((s) => s.id === i.id)!, u)).toBe(true)
    },
  },
  'supervision.options': { kind: 'own', call: (t, me) => t.as(me, routes.supervision.options), check: () => undefined },
  'supervision.documentSources': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.supervision.documentSources),
    check: (t, me, body) => {
      const u = t.db.users.find((x) => x.id === me)!
      for (const i of (body as { items: { id: string }[] }).items) expect(canSeeDocument(t.db, t.db.documents.find((d) => d.id === i.id)!, u)).toBe(true)
    },
  },
  'supervision.prefill': { kind: 'denied', call: async (t, me) => t.as(me, routes.supervision.prefill, { params: { documentId: (await foreignDocument(t, me)).id } }) },
  'supervision.create': { kind: 'public', why: 'creates the caller’s own item; every refusal is in supervision.test.ts' },
  'supervision.get': { kind: 'scoped', call: (t, me) => t.as(me, routes.supervision.get, { params: { id: FOREIGN_ITEM } }), mayRead: seesForeignItem },
  'supervision.act': {
    kind: 'scoped',
    call: (t, me) => t.as(me, routes.supervision.act, { params: { id: FOREIGN_ITEM }, body: { action: 'request_finish', version: t.db.supervision.items.find((s) => s.id === FOREIGN_ITEM)!.version, opinion: '已完成' } }),
    // the 督查室 sees it but may not 申请办结 for the 主办: 403, never a change
    mayRead: () => false,
  },
  'supervision.feedback': {
    kind: 'scoped',
    call: (t, me) =>
      t.as(me, routes.supervision.feedback, { params: { id: FOREIGN_ITEM }, body: { version: t.db.supervision.items.find((s) => s.id === FOREIGN_ITEM)!.version, progress: '不是我的事项', nextStep: '暂无安排', percent: 10, evidence: [], attachmentIds: [] } }),
    mayRead: () => false,
  },
  'supervision.workbench': { kind: 'own', call: (t, me) => t.as(me, routes.supervision.workbench), check: () => undefined },
  'supervision.stats': { kind: 'own', call: (t, me) => t.as(me, routes.supervision.stats), check: () => undefined },
  'documents.savePhrases': {
    kind: 'own',
    call: async (t, me) => {
      await t.ok(me === 'u-head-02' ? 'u-head-03' : 'u-head-02', routes.documents.savePhrases, { body: { phrases: ['别人的常用意见'] } })
      return t.as(me, routes.documents.savePhrases, { body: { phrases: ['我的常用意见'] } })
    },
    check: (t, me, body) => {
      expect(body).toEqual({ phrases: ['我的常用意见'] })
      expect(t.db.phrases[me]).toEqual(['我的常用意见'])
      expect(t.db.phrases[me === 'u-head-02' ? 'u-head-03' : 'u-head-02']).toEqual(['别人的常用意见'])
    },
  },
}


/** 调解: med-013 was withdrawn before 受理, so only its applicant (r-resident-08) may see it. */
const foreignMediationCase = (t: T) => t.db.mediationCases.find((c) => c.id === 'med-013')!
/** med-004's invitation was answered by r-resident-06: its code now opens for nobody else. */
const answeredInvite = (t: T) => t.db.mediationCases.find((c) => c.id === 'med-004')!.inviteCode
const mediationProbes: Record<string, Probe> = {
  'mediation.committees': { kind: 'own', call: (t, me) => t.as(me, routes.mediation.committees), check: (_t, _me, body) => expect((body as { items: unknown[] }).items.length).toBe(11) },
  'mediation.slots': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.mediation.slots, { query: { limit: 50 } }),
    // free slots only, and nobody's case behind them
    check: (_t, _me, body) => expect((body as { items: { caseId: string | null }[] }).items.every((s) => s.caseId === null)).toBe(true),
  },
  'mediation.apply': { kind: 'public', why: 'creates the caller’s own case; every refusal is in mediation.test.ts' },
  'mediation.mine': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.mediation.mine, { query: { limit: 100 } }),
    check: (t, me, body) => {
      for (const i of (body as { items: { id: string }[] }).items) {
        const c = t.db.mediationCases.find((x) => x.id === i.id)!
        expect([c.applicantId, c.otherPartyUserId]).toContain(me)
      }
    },
  },
  'mediation.get': { kind: 'denied', call: (t, me) => t.as(me, routes.mediation.get, { params: { id: foreignMediationCase(t).id } }) },
  'mediation.act': { kind: 'denied', call: (t, me) => t.as(me, routes.mediation.act, { params: { id: foreignMediationCase(t).id }, body: { action: 'accept', version: foreignMediationCase(t).version } }) },
  'mediation.document': { kind: 'denied', call: (t, me) => t.as(me, routes.mediation.document, { params: { id: foreignMediationCase(t).id, kind: 'application' } }) },
  'mediation.invitation': { kind: 'denied', call: (t, me) => t.as(me, routes.mediation.invitation, { params: { code: answeredInvite(t) } }) },
  'mediation.respond': { kind: 'denied', call: (t, me) => t.as(me, routes.mediation.respond, { params: { code: answeredInvite(t) }, body: { answer: 'accept' } }) },
  'mediation.queue': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.mediation.queue, { query: { tab: 'all', limit: 100 } }),
    check: (t, me, body) => {
      const u = t.db.users.find((x) => x.id === me)!
      const mine = t.db.mediators.find((m) => m.userId === me)
      for (const i of (body as { items: { id: string }[] }).items) {
        const c = t.db.mediationCases.find((x) => x.id === i.id)!
        if (!u.roles.includes('dispatcher')) expect(c.mediatorId === me || c.committeeId === mine?.committeeId).toBe(true)
        expect(c.status === 'cancelled' && !c.acceptedAt).toBe(false)
      }
    },
  },
  'mediation.suggestions': { kind: 'denied', call: (t, me) => t.as(me, routes.mediation.suggestions, { params: { id: foreignMediationCase(t).id } }) },
  'mediation.calendar': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.mediation.calendar),
    check: (t, me, body) => {
      const mine = t.db.mediators.find((m) => m.userId === me)
      if (mine) for (const s of (body as { items: { committeeId: string }[] }).items) expect(s.committeeId).toBe(mine.committeeId)
    },
  },
  'mediation.addSlot': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.mediation.addSlot, { body: { start: '2026-11-28T10:00:00+08:00', minutes: 60, mode: 'video' } }),
    check: (t, me, body) => expect(t.db.mediationSlots.find((s) => s.id === (body as { id: string }).id)?.mediatorId).toBe(me),
  },
  'mediation.removeSlot': {
    kind: 'denied',
    call: (t, me) => t.as(me, routes.mediation.removeSlot, { params: { id: t.db.mediationSlots.find((s) => s.mediatorId !== me && !s.caseId)!.id } }),
  },
  'mediation.stats': { kind: 'own', call: (t, me) => t.as(me, routes.mediation.stats), check: (_t, _me, body) => expect((body as { items: unknown[] }).items.length).toBe(11) },
}
Object.assign(probes, mediationProbes)

/** The seeded 视频调解 (mock/seed/video.ts) belongs to r-resident-02, r-resident-04 and u-staff-10: nobody's persona. */
const videoCase = (t: T) => t.db.mediationCases.find((c) => c.mode === 'video' && c.mediatorId === VIDEO_SEED.mediator)!.id
const videoProbes: Record<string, Probe> = {
  'video.room': { kind: 'denied', call: (t, me) => t.as(me, routes.video.room, { params: { caseId: videoCase(t) } }) },
  'video.join': { kind: 'denied', call: (t, me) => t.as(me, routes.video.join, { params: { caseId: videoCase(t) }, body: { clientId: 'probe-1' } }) },
  'video.act': { kind: 'denied', call: (t, me) => t.as(me, routes.video.act, { params: { caseId: videoCase(t) }, body: { clientId: 'probe-1', action: 'end' } }) },
  'video.ticket': { kind: 'denied', call: (t, me) => t.as(me, routes.video.ticket, { params: { caseId: videoCase(t) }, body: { clientId: 'probe-1', client: 'h5' } }) },
  'video.helperCode': { kind: 'denied', call: (t, me) => t.as(me, routes.video.helperCode, { params: { caseId: videoCase(t) } }) },
  'video.signal': { kind: 'denied', call: (t, me) => t.as(me, routes.video.signal, { params: { caseId: videoCase(t) }, body: { clientId: 'probe-1', to: 'vp-1', toEpoch: 1, kind: 'offer', data: 'v=0' } }) },
  'video.poll': { kind: 'denied', call: (t, me) => t.as(me, routes.video.poll, { params: { caseId: videoCase(t) }, query: { clientId: 'probe-1' } }) },
}
Object.assign(probes, videoProbes)
/** 工作台 and 消息: each person's own; someone else's message is a 404 like one never issued. */
const otherPersonsMessage = (t: T, me: string) => {
  const other = me === 'u-handler-02' ? 'u-handler-01' : 'u-handler-02'
  emit({ db: t.db, nowIso: '2026-11-25T10:00:00+08:00' }, { kind: 'task', module: 'notice', key: `probe-${me}`, recipientIds: [other], subject: '关于开展消防安全检查的通知', step: '阅知', link: '/x' })
  return notifyTables(t.db).messages.find((m) => m.userId === other)!.id
}
Object.assign(probes, {
  'workbench.get': {
    kind: 'own',
    call: (t, me) => t.as(me, routes.workbench.get),
    // someone's 工作台 counts only their own 待办
    check: (t, me, body) => expect((body as { todo: number }).todo).toBe(tabView(t.db, me, 'todo', toIso(t.now)).rows.length),
  },
  'notifications.list': { kind: 'own', call: (t, me) => t.as(me, routes.notifications.list), check: (t, me, body) => expect((body as { items: unknown[] }).items.length).toBe(notifyTables(t.db).messages.filter((m) => m.userId === me).length) },
  'notifications.markRead': { kind: 'denied', call: (t, me) => t.as(me, routes.notifications.markRead, { params: { id: otherPersonsMessage(t, me) } }) },
  'notifications.markAllRead': { kind: 'own', call: (t, me) => t.as(me, routes.notifications.markAllRead), check: (_t, _me, body) => expect((body as { unread: number }).unread).toBe(0) },
  'notifications.settings': { kind: 'own', call: (t, me) => t.as(me, routes.notifications.settings), check: (_t, _me, body) => expect(body).toEqual({ sendFrom: '09:00', sendUntil: '18:00' }) },
  'notifications.saveSettings': { kind: 'own', call: (t, me) => t.as(me, routes.notifications.saveSettings, { body: { sendFrom: '10:00', sendUntil: '17:00' } }), check: (t, me) => expect(notifyTables(t.db).settings[me]).toEqual({ sendFrom: '10:00', sendUntil: '17:00' }) },
  'notifications.subscribe': { kind: 'own', call: (t, me) => t.as(me, routes.notifications.subscribe, { body: { results: [{ template: 'progress', status: 'accept' }] } }), check: (t, me) => expect(notifyTables(t.db).subscriptions[me]).toEqual({ progress: 1 }) },
  'notifications.outbox': { kind: 'own', call: (t, me) => t.as(me, routes.notifications.outbox), check: (_t, _me, body) => expect(Array.isArray((body as { items: unknown[] }).items)).toBe(true) },
} satisfies Record<string, Probe>)

function allowedByRouteGate(route: Route, role: Role): boolean {
  const a = route.access
  if (a === 'public' || a === 'preview' || a === 'user') return true
  if (a === 'staff') return role !== 'resident'
  if (a === 'resident') return role === 'resident'
  return a.includes(role)
}

describe('authorization matrix', () => {
  const t0 = testBff()
  const personaOf = (role: Role) => {
    const u = t0.db.users.find((x) => x.roles[0] === role && x.roles.length === 1) ?? t0.db.users.find((x) => x.roles.includes(role))
    if (!u) throw new Error(`no seeded person with role ${role}`)
    return u.id
  }

  it('has a probe for every route in the contract', () => {
    expect(Object.keys(probes).sort()).toEqual(allRoutes().map((r) => r.name).sort())
  })

  for (const { name, route } of allRoutes()) {
    const probe = probes[name]
    if (!probe || probe.kind === 'public') continue
    it.each(roles.map((r) => [r]))(`${name} as %s`, async (role) => {
      const t = testBff()
      const me = personaOf(role as Role)
      const res = await probe.call(t, me)
      if (!allowedByRouteGate(route, role as Role)) {
        expect(res.status).toBe(403)
        return
      }
      if (probe.kind === 'scoped') {
        if (probe.mayRead(t, me)) expect(res.status).toBe(200)
        else expect([403, 404]).toContain(res.status)
        return
      }
      if (probe.kind === 'denied') {
        expect([403, 404]).toContain(res.status)
        expect(Object.keys(res.body as object).sort()).toEqual(['code', 'message', 'requestId'])
      } else {
        expect(res.status).toBe(200)
        probe.check(t, me, res.body)
      }
    })
  }

  it('signed out, every non-public route answers 401 and nothing else', async () => {
    const t = testBff()
    for (const { route } of allRoutes()) {
      if (route.access === 'public' || route.access === 'preview') continue
      const url = '/api/v1' + route.path.replace(/:([A-Za-z]+)/g, 'x1')
      const res = await t.raw(route.method, url, { key: 'anon-key-0001', body: {} })
      expect(res.status).toBe(401)
      expect((res.body as { message: string }).message).toBe('登录已过期，请重新登录')
    }
  })
})
