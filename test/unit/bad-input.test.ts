/**
 * For every route: malformed bodies, wrong types, missing fields, oversize strings and bad path or
 * query parameters → 400 with a Chinese message naming the problem; never a 500, never a stack trace.
 * The variants are generated from the contract's own schemas, so a new route is covered when it lands.
 */
import type * as v from 'valibot'
import { allRoutes } from '../../src/contract/routes'
import type { Route } from '../../src/contract/route'
import { signaturePng } from '../../mock/lib/png'
import { errorOf, testBff } from '../support/bff'

const draft = {
  docType: '通知',
  title: '关于测试公文的通知',
  secrecy: 'none',
  urgency: 'urgent',
  deadline: '2026-12-01T18:00:00+08:00',
  mainToDeptIds: ['dept-data'],
  ccDeptIds: ['dept-civil'],
  countersignDeptIds: ['dept-finance'],
  signerId: 'u-leader-01',
  body: '各有关单位：请按要求做好测试工作。',
  attachmentIds: [],
}

type S = { type: string; entries?: Record<string, S>; wrapped?: S; pipe?: { type: string; requirement?: unknown }[]; options?: unknown[]; item?: S }

const safeContact = { channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true, note: '先问方便说话吗' }
const valid: Record<string, { params?: Record<string, string>; query?: Record<string, unknown>; body?: Record<string, unknown>; as: string }> = {
  'cases.list': { query: { box: 'todo', status: 'handling', risk: 'red', limit: 10 }, as: 'u-fed-02' },
  'cases.create': {
    body: { channel: 'hotline', category: 'domestic_violence', streetName: '西乡街道', summary: '来电称被丈夫殴打。', subject: { name: '测试人', phone: '13800001111' }, otherName: '对方', childName: '孩子', minor: false, safeContact, riskAnswers: ['weapon'], photoId: 'file-001' },
    as: 'u-fed-02',
  },
  'cases.get': { params: { id: 'case-001' }, as: 'u-fed-02' },
  'cases.act': { params: { id: 'case-001' }, body: { action: 'note', version: 1, opinion: '进展', toUserId: 'u-counsel-01', satisfaction: 5, nextAt: '2026-12-01T10:00:00+08:00' }, as: 'u-fed-02' },
  'cases.assess': { params: { id: 'case-001' }, body: { version: 1, answers: ['weapon'] }, as: 'u-fed-02' },
  'cases.refer': { params: { id: 'case-001' }, body: { version: 1, items: [{ unitId: 'dept-court', task: '请审查', acceptHours: 24 }] }, as: 'u-fed-02' },
  'cases.answerReferral': { params: { id: 'case-001', referralId: 'case-001-r1' }, body: { action: 'report', version: 1, note: '已办' }, as: 'u-partner-police-02' },
  'cases.reveal': { params: { id: 'case-001' }, body: { field: 'subject.phone', reason: '联系求助人' }, as: 'u-fed-02' },
  'cases.contact': { params: { id: 'case-001' }, body: { channel: 'sms', note: '已发短信' }, as: 'u-fed-02' },
  'cases.libraryDraft': { params: { id: 'case-010' }, as: 'u-staff-39' },
  'cases.librarySubmit': { params: { id: 'case-010' }, body: { title: '婚姻家庭：调解化解', story: '婆媳矛盾激化，丈夫不作为，女方要求调解，司法所主持调解成功。', lesson: '调解前先分别听取双方。', outcome: 'mediated' }, as: 'u-staff-39' },
  'cases.library': { query: { box: 'published', category: 'hardship', outcome: 'assistance', q: '就业', limit: 10 }, as: 'u-staff-20' },
  'cases.libraryGet': { params: { entryId: 'lib-001' }, as: 'u-staff-20' },
  'cases.libraryReview': { params: { entryId: 'lib-003' }, body: { action: 'resubmit', version: 2, note: '已补充', title: '婚姻家庭：调解化解', story: '婆媳矛盾激化，丈夫不作为，女方要求调解，司法所主持调解成功。', lesson: '调解前先分别听取双方。' }, as: 'u-staff-39' },
  'help.submit': { body: { situations: ['talk'], inDangerNow: false, words: '想找人说说', streetName: '西乡街道', anonymous: true, safeContact }, as: 'r-resident-09' },
  'help.get': { params: { id: 'case-003' }, as: 'r-resident-07' },
  'auth.wecomLogin': { body: { code: 'mock:u-clerk-01' }, as: '' },
  'auth.wechatLogin': { body: { code: 'mock:r-resident-01' }, as: '' },
  'auth.previewLogin': { body: { userId: 'u-clerk-01' }, as: '' },
  'directory.people': { query: { q: '科', limit: 10 }, as: 'u-clerk-01' },
  'directory.revealContact': { params: { id: 'u-head-01' }, body: { reason: '联系会签事宜' }, as: 'u-clerk-01' },
  'inbox.list': { query: { tab: 'todo', limit: 10 }, as: 'u-handler-01' },
  'notices.create': { body: { title: '关于测试的通知', body: '正文', readerIds: ['u-handler-01'], urgency: 'urgent', deadline: '2026-12-01T18:00:00+08:00' }, as: 'u-head-01' },
  'notices.get': { params: { id: 'notice-001' }, as: 'u-head-01' },
  'notices.read': { params: { id: 'notice-001' }, body: { version: 1, opinion: '已阅' }, as: 'u-super-01' },
  'notices.remind': { params: { id: 'notice-001' }, body: { version: 1, note: '请阅' }, as: 'u-leader-02' },
  'audit.list': { query: { objectType: 'notice', limit: 5 }, as: 'u-auditor-01' },
  'files.meta': { params: { id: 'file-001' }, as: 'u-clerk-01' },
  'files.upload': { body: { name: '现场照片.jpg' }, as: 'u-clerk-01' },
  'requests.prefill': { params: { id: 'room' }, as: 'u-handler-01' },
  'requests.resources': { query: { type: 'room', date: '2026-11-26' }, as: 'u-handler-01' },
  'requests.submit': { body: { itemId: 'trip', values: { destination: '广州', start: '2026-11-26', end: '2026-11-27', transport: '高铁', reason: '参加培训' } }, as: 'u-handler-01' },
  'requests.get': { params: { id: 'req-001' }, as: 'u-handler-01' },
  'requests.act': { params: { id: 'req-001' }, body: { action: 'approve', version: 1, opinion: '同意', toUserId: 'u-head-02', stars: 5 }, as: 'u-head-02' },
  'requests.resubmit': { params: { id: 'req-001' }, body: { version: 1, values: {} }, as: 'u-handler-01' },
  'requests.mine': { query: { limit: 10 }, as: 'u-handler-01' },
  'requests.verifyCertificate': { params: { code: 'ABC123' }, as: '' },
  'requests.bundleSubmit': { body: { bundleId: 'departure', values: { leaveDate: '2026-12-15', destination: '退休', handover: '刘思远' } }, as: 'u-handler-01' },
  'requests.bundleGet': { params: { id: 'bdl-001' }, as: 'u-handler-01' },
  'requests.bundleAct': { params: { id: 'bdl-001' }, body: { action: 'withdraw', version: 1, partKey: 'badge', values: {}, opinion: '撤回', stars: 5 }, as: 'u-handler-01' },
  'files.download': { params: { id: 'file-001' }, as: 'u-clerk-01' },
  'supervision.list': { query: { box: 'supervising', q: '整治', light: 'red', source: 'meeting', deptId: 'dept-data', dueWithin: 5, limit: 10 }, as: 'u-super-01' },
  'supervision.prefill': { params: { documentId: 'doc-009' }, as: 'u-super-01' },
  'supervision.create': {
    body: { title: '关于测试督办事项的立项', source: 'meeting', basis: '区政府常务会议决定事项。', attachmentIds: [], deadline: '2026-12-30T18:00:00+08:00', level: 'district', urgency: 'normal', leaderId: 'u-leader-01', mainDeptId: 'dept-data', assistDeptIds: ['dept-civil'], rhythm: 'weekly' },
    as: 'u-super-01',
  },
  'supervision.get': { params: { id: 'sup-004' }, as: 'u-super-01' },
  'supervision.act': {
    params: { id: 'sup-004' },
    body: { action: 'escalate', version: 1, opinion: '请抓紧', mainDeptId: 'dept-data', assistDeptIds: [], subtaskTitle: '子任务', ownerId: 'u-handler-02', blockedBy: 'sup-004-t1', deadline: '2026-12-10T18:00:00+08:00', subtaskId: 'sup-004-t1', extensionId: 'sup-008-e1' },
    as: 'u-super-01',
  },
  'supervision.feedback': { params: { id: 'sup-004' }, body: { version: 1, progress: '已完成数据比对。', difficulty: '无', nextStep: '继续走访', percent: 50, evidence: [], attachmentIds: [] }, as: 'u-handler-02' },
  'documents.list': { query: { box: 'todo', q: '通知', kind: 'outgoing', docType: '通知', urgency: 'normal', from: '2026-11-01', to: '2026-11-30', limit: 10 }, as: 'u-clerk-01' },
  'documents.create': { body: draft, as: 'u-clerk-01' },
  'documents.update': { params: { id: 'doc-008' }, body: { ...draft, version: 1 }, as: 'u-clerk-01' },
  'documents.get': { params: { id: 'doc-005' }, as: 'u-clerk-01' },
  'documents.act': {
    params: { id: 'doc-006' },
    body: { action: 'approve', version: 4, opinion: '同意印发。', signature: signaturePng(1), toStage: 'review', toUserId: 'u-leader-02', mainDeptId: 'dept-data', assistDeptIds: ['dept-civil'] },
    as: 'u-leader-01',
  },
  'documents.circulate': { params: { id: 'doc-001' }, body: { version: 12, readerIds: ['u-head-03'], purpose: '请阅知' }, as: 'u-leader-02' },
  'documents.read': { params: { id: 'doc-001' }, as: 'u-head-01' },
  'documents.remind': { params: { id: 'doc-001', circulationId: 'doc-001-c1' }, body: { version: 12 }, as: 'u-leader-02' },
  'documents.savePhrases': { body: { phrases: ['同意。', '请抓紧办理。'] }, as: 'u-clerk-01' },
  'mediation.slots': { query: { committeeId: 'street-xixiang-tjw', streetName: '西乡街道', mode: 'onsite', dialect: 'cantonese', expertise: 'neighbour', from: '2026-11-26', limit: 5 }, as: 'r-resident-01' },
  'mediation.apply': {
    body: { disputeType: 'neighbour', otherPartyName: '王海生', otherPartyPhone: '13827461093', facts: '楼上每天深夜拖动家具，多次沟通无果。', claims: '晚上十点后降低噪音。', attachmentIds: [], mode: 'onsite', streetName: '西乡街道', dialect: 'mandarin', assistedBy: { name: '陈小明', relation: '儿子' } },
    as: 'r-resident-01',
  },
  'mediation.mine': { query: { limit: 10 }, as: 'r-resident-01' },
  'mediation.get': { params: { id: 'med-005' }, as: 'r-resident-01' },
  'mediation.act': {
    params: { id: 'med-005' },
    body: { action: 'book', version: 1, slotId: 'mslot-0001', committeeId: 'street-xixiang-tjw', mediatorId: 'u-mediator-01', referral: 'judicial', reason: '理由', record: '记录', terms: '条款', note: '说明', signature: signaturePng(1), fulfilled: true, days: 10, stars: 5, remind: 'in_app' },
    as: 'r-resident-01',
  },
  'mediation.document': { params: { id: 'med-005', kind: 'application' }, as: 'r-resident-01' },
  'mediation.invitation': { params: { code: 'ABCD2345' }, as: 'r-resident-02' },
  'mediation.respond': { params: { code: 'ABCD2345' }, body: { answer: 'propose', slotId: 'mslot-0001', reason: '那天要上班' }, as: 'r-resident-02' },
  'video.room': { params: { caseId: 'med-014' }, query: { clientId: 'c-1', client: 'h5' }, as: 'r-resident-02' },
  'video.join': { params: { caseId: 'med-014' }, body: { clientId: 'c-1', assistedBy: { name: '李晓敏', relation: '女儿' }, helperCode: '123456', relation: '女儿' }, as: 'r-resident-02' },
  'video.act': { params: { caseId: 'med-014' }, body: { clientId: 'c-1', action: 'media', participantId: 'vp-1', mic: true, camera: true, unstable: false }, as: 'r-resident-02' },
  'video.helperCode': { params: { caseId: 'med-014' }, as: 'r-resident-02' },
  'video.ticket': { params: { caseId: 'med-014' }, body: { clientId: 'c-1', client: 'h5' }, as: 'r-resident-02' },
  'video.signal': { params: { caseId: 'med-014' }, body: { clientId: 'c-1', to: 'vp-1', toEpoch: 1, kind: 'offer', data: 'v=0' }, as: 'r-resident-02' },
  'video.poll': { params: { caseId: 'med-014' }, query: { clientId: 'c-1', after: 0, wait: 0 }, as: 'r-resident-02' },
  'notifications.list': { query: { limit: 10 }, as: 'u-handler-01' },
  'notifications.markRead': { params: { id: 'msg-0001' }, as: 'u-handler-01' },
  'notifications.saveSettings': { body: { sendFrom: '09:30', sendUntil: '17:30' }, as: 'u-handler-01' },
  'notifications.subscribe': { body: { results: [{ template: 'appointment', status: 'accept' }] }, as: 'r-resident-01' },
  'notifications.outbox': { query: { recipientId: 'u-handler-01', limit: 10 }, as: 'u-auditor-01' },
  'mediation.queue': { query: { tab: 'new', streetName: '西乡街道', disputeType: 'neighbour', limit: 10 }, as: 'u-dispatch-01' },
  'mediation.suggestions': { params: { id: 'med-001' }, as: 'u-dispatch-01' },
  'mediation.calendar': { query: { mediatorId: 'u-mediator-01', roomId: 'street-xixiang-tjw-room-1', from: '2026-11-26' }, as: 'u-mediator-01' },
  'mediation.addSlot': { body: { start: '2026-11-28T10:00:00+08:00', minutes: 60, mode: 'onsite', roomId: 'street-xixiang-tjw-room-1' }, as: 'u-mediator-01' },
  'mediation.removeSlot': { params: { id: 'mslot-0001' }, as: 'u-mediator-01' },
}

const unwrap = (s: S): S => (s.wrapped ? unwrap(s.wrapped) : s)
const isOptional = (s: S) => s.type === 'optional' || s.type === 'nullish'
const maxLengthOf = (s: S) => (s.pipe ?? []).find((p) => p.type === 'max_length')?.requirement as number | undefined
const entriesOf = (schema: v.GenericSchema | undefined) => ((schema as unknown as S | undefined)?.entries ?? {}) as Record<string, S>

function wrongValueFor(s: S): unknown {
  const base = unwrap(s)
  if (base.type === 'string') return 12345
  if (base.type === 'number') return '十二'
  if (base.type === 'array') return '不是列表'
  if (base.type === 'picklist' || base.type === 'literal') return '不存在的选项'
  if (base.type === 'union') return { nested: true }
  return ['?']
}

interface Variant {
  label: string
  params?: Record<string, string>
  query?: Record<string, unknown>
  body?: unknown
}

function variantsFor(name: string, route: Route): Variant[] {
  const base = valid[name] ?? { as: '' }
  const out: Variant[] = []
  if (route.body) {
    out.push({ label: 'body is a string', body: '随便写的' }, { label: 'body is an array', body: [1, 2] }, { label: 'body is null', body: null })
    for (const [key, s] of Object.entries(entriesOf(route.body))) {
      if (!isOptional(s)) {
        const { [key]: _drop, ...rest } = base.body ?? {}
        out.push({ label: `body.${key} missing`, body: rest })
      }
      out.push({ label: `body.${key} wrong type`, body: { ...base.body, [key]: wrongValueFor(s) } })
      const base2 = unwrap(s)
      if (base2.type === 'string') out.push({ label: `body.${key} oversize`, body: { ...base.body, [key]: '长'.repeat(100_000) } })
      if (base2.type === 'number') out.push({ label: `body.${key} negative`, body: { ...base.body, [key]: -1 } })
      if (base2.type === 'array') out.push({ label: `body.${key} huge list`, body: { ...base.body, [key]: Array.from({ length: 500 }, (_, i) => `u-${i}`) } })
    }
  }
  for (const [key] of Object.entries(entriesOf(route.params))) {
    out.push({ label: `params.${key} oversize`, params: { ...base.params, [key]: 'a'.repeat(300) } })
    out.push({ label: `params.${key} odd characters`, params: { ...base.params, [key]: '<script>' } })
  }
  for (const [key, s] of Object.entries(entriesOf(route.query))) {
    const b = unwrap(s)
    const wrong = key === 'limit' ? ['abc', '1000', '0'] : b.type === 'picklist' ? ['不存在'] : ['x'.repeat(500)]
    for (const w of wrong) out.push({ label: `query.${key}=${w.slice(0, 10)}`, query: { ...base.query, [key]: w } })
  }
  return out
}

function everyStringHasAMaximum(schema: S | undefined, path: string, missing: string[]) {
  if (!schema) return
  const s = unwrap(schema)
  const root = s.pipe ? unwrap(s.pipe[0] as unknown as S) : s
  if (root.type === 'string' && maxLengthOf(s) === undefined) missing.push(path)
  for (const [k, child] of Object.entries(root.entries ?? {})) everyStringHasAMaximum(child, `${path}.${k}`, missing)
  if (root.item) everyStringHasAMaximum(root.item, `${path}[]`, missing)
  if (root.options) for (const o of root.options as S[]) everyStringHasAMaximum(o, path, missing)
}

describe('bad input never reaches a handler', () => {
  it('every string a caller can send has a maximum length', () => {
    const missing: string[] = []
    for (const { name, route } of allRoutes()) {
      everyStringHasAMaximum(route.body as unknown as S, `${name}.body`, missing)
      everyStringHasAMaximum(route.query as unknown as S, `${name}.query`, missing)
      everyStringHasAMaximum(route.params as unknown as S, `${name}.params`, missing)
    }
    expect(missing).toEqual([])
  })

  it('every route that takes input has a valid example here', () => {
    const needs = allRoutes().filter(({ route }) => route.body || route.query || route.params)
    expect(needs.map((r) => r.name).filter((n) => !valid[n])).toEqual([])
  })

  for (const { name, route } of allRoutes()) {
    const variants = variantsFor(name, route)
    if (!variants.length) continue
    it(`${name}: ${variants.length} malformed requests → 400 in Chinese`, async () => {
      const t = testBff()
      const base = valid[name]
      const token = base.as ? await t.signIn(base.as) : undefined
      let n = 0
      for (const variant of variants) {
        const params = variant.params ?? base.params ?? {}
        let path = '/api/v1' + route.path.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? 'x'))
        const query = variant.query ?? base.query
        if (query) path += '?' + new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
        const body = 'body' in variant ? variant.body : base.body
        const key = `bad-input-${name}-${n++}`
        // an upload's fields come beside its file in multipart/form-data
        const res =
          route.bodyType === 'multipart'
            ? await t.bff.handle({ method: route.method, url: path, headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'multipart/form-data; boundary=x' }, body, file: { name: 'a.pdf', mime: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4') } })
            : await t.raw(route.method, path, { token, key, body })
        const err = errorOf(res)
        expect({ variant: variant.label, status: res.status }).toEqual({ variant: variant.label, status: 400 })
        expect(err.message).toMatch(/[\u4e00-\u9fa5]/)
        expect(err.message).not.toMatch(/Invalid|Expected|undefined|Error|at \w+ \(/)
        expect(JSON.stringify(res.body)).not.toMatch(/node_modules|\.ts:\d+/)
      }
    })
  }
})
