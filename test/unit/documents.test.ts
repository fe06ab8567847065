import { routes } from '../../src/contract/routes'
import type { Route, RouteInput } from '../../src/contract/route'
import type { DocumentAction, DocumentDetail, DraftInput } from '../../src/contract/documents'
import { toIso } from '../../src/core/time'
import { verifyAudit } from '../../mock/lib/audit'
import { encodeGreyPng, signaturePng } from '../../mock/lib/png'
import { DEFAULT_PHRASES, canSeeDocument, documentLink } from '../../mock/handlers/documents'
import { errorOf, expectRefusal, setClock, testBff } from '../support/bff'
import { draftOf } from '../support/documents'

/**
 * 公文流转 as the people who use it notice it: the detail (status, stage, what they may do), their
 * inbox, the numbers on the documents, and what they are told when something is refused. Every
 * refusal is checked to leave the documents, the inbox, the files, the counters and the audit log
 * exactly as they were.
 */

type T = ReturnType<typeof testBff>
type ActExtra = Omit<RouteInput<typeof routes.documents.act>['body'], 'action' | 'version'> & { version?: number }


const rowOf = (t: T, id: string) => t.db.documents.find((d) => d.id === id)!
const keys = (d: DocumentDetail) => d.availableActions.map((a) => a.key)
const openHolders = (t: T, id: string) => rowOf(t, id).tasks.filter((x) => x.state === 'open').map((x) => x.userId)
let sigSeed = 0
const sig = () => signaturePng(sigSeed++)

function create(t: T, who: string, x: Partial<DraftInput> = {}) {
  return t.ok(who, routes.documents.create, { body: draftOf(x) })
}
function act(t: T, who: string, id: string, action: DocumentAction, extra: ActExtra = {}) {
  return t.ok(who, routes.documents.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } })
}
function view(t: T, who: string, id: string) {
  return t.ok(who, routes.documents.get, { params: { id } })
}
/** The holder of the open step approves it, with what the step asks for. */
async function approveStep(t: T, id: string, who = openHolders(t, id)[0], extra: ActExtra = {}) {
  const stage = rowOf(t, id).stage
  const needs: ActExtra =
    stage === 'sign'
      ? { signature: sig() }
      : stage === 'propose'
        ? { opinion: '拟请罗家明同志阅示。', toUserId: 'u-leader-01' }
        : stage === 'instruct'
          ? { opinion: '请区政数局牵头办理。', signature: sig(), mainDeptId: 'dept-data' }
          : stage === 'handle'
            ? { opinion: '已办理完毕。' }
            : {}
  return act(t, who, id, 'approve', { ...needs, ...extra })
}
/** Drives an outgoing document from its draft up to `until`. */
async function flowTo(t: T, id: string, until: 'review' | 'countersign' | 'sign' | 'number' | 'distribute' | 'done') {
  const order = ['review', 'countersign', 'sign', 'number', 'distribute', 'done']
  const d = rowOf(t, id)
  if (d.status === 'draft' || d.status === 'returned') await act(t, d.drafterId!, id, 'submit')
  while (d.status === 'in_progress' && order.indexOf(d.stage) < order.indexOf(until)) await approveStep(t, id)
  expect(d.stage).toBe(until)
}

/** The caller's inbox entries for a document under a tab, as the inbox shows them. */
async function inbox(t: T, who: string, tab: 'todo' | 'done' | 'initiated' | 'cc', id: string) {
  const page = await t.ok(who, routes.inbox.list, { query: { tab, module: 'documents', limit: 100 } })
  return page.items.filter((i) => i.objectId === id)
}


/** A refused call: the status, a Chinese message, and nothing changed anywhere. */
function refuse<R extends Route>(t: T, who: string, route: R, input: RouteInput<R>, status: number, message?: string | RegExp) {
  return expectRefusal(t, who, route, input, status, message, () => ({
    documents: t.db.documents,
    items: t.db.workItems,
    files: t.db.files.length,
    counters: t.db.counters,
    phrases: t.db.phrases,
    audit: { length: t.db.audit.length, head: t.db.audit.at(-1)?.hash },
  }))
}
function refuseAct(t: T, who: string, id: string, action: DocumentAction, status: number, message?: string | RegExp, extra: ActExtra = {}) {
  return refuse(t, who, routes.documents.act, { params: { id }, body: { action, version: rowOf(t, id).version, ...extra } }, status, message)
}

const NOT_FOUND = '该事项不存在，或您无权查看'
/** the catalogue's words, or the document's own (an action no longer offered on a changed page) */
const STALE = /^该(事项|公文)已被他人处理，请刷新后重试$/
const NOT_NOW = '您现在不能进行这个操作'
const FINISHED = '该公文已办结，不能再办理'

// ---------------------------------------------------------------------------------------------

describe('发文: 拟稿 → 核稿 → 会签 → 签发 → 编号用印 → 分发 → 办结', () => {
  it('each step lands on its holder, in the inbox, until the document is numbered, distributed and done', async () => {
    const t = testBff()
    const d0 = await create(t, 'u-clerk-01')
    expect(d0).toMatchObject({ kind: 'outgoing', status: 'draft', stage: 'draft', stageText: '草稿', docNumber: null, officeName: '区政府办公室' })
    expect(keys(d0)).toEqual(['submit'])
    expect(d0.draft).toEqual({ mainToDeptIds: ['dept-data', 'dept-civil'], ccDeptIds: ['dept-finance'], countersignDeptIds: ['dept-data', 'dept-civil'], signerId: 'u-leader-01' })
    // a draft is nobody else's business, not even the office's
    for (const who of ['u-staff-04', 'u-staff-05', 'u-leader-02']) await refuse(t, who, routes.documents.get, { params: { id: d0.id } }, 404, NOT_FOUND)
    expect(t.db.workItems.filter((w) => w.objectId === d0.id)).toEqual([])

    // 送审 → 核稿 by the head of 文电科
    const d1 = await act(t, 'u-clerk-01', d0.id, 'submit')
    expect(d1).toMatchObject({ status: 'in_progress', stage: 'review', stageText: '待核稿', draft: null })
    expect(keys(d1)).toEqual(['withdraw', 'urge', 'comment'])
    const [review] = await inbox(t, 'u-staff-04', 'todo', d0.id)
    expect(review).toMatchObject({ step: '核稿', summary: '通知 · 黄雅婷拟稿，待您核稿', tags: ['todo'], link: documentLink(d0.id), initiatorName: '黄雅婷' })
    expect(await inbox(t, 'u-clerk-01', 'initiated', d0.id)).toMatchObject([{ status: 'open', step: '核稿', summary: '待核稿' }])
    const r = await view(t, 'u-staff-04', d0.id)
    expect(keys(r)).toEqual(['approve', 'return', 'add_signer', 'transfer', 'comment'])
    expect(r.availableActions[0]).toMatchObject({ label: '核稿通过', opinion: 'optional' })
    expect(r.returnTargets).toEqual([{ stage: 'draft', label: '拟稿人（退回修改）' }])
    expect(r.approveNeeds).toEqual([])
    expect(r.draft).toBeNull()

    // 核稿 → 会签: both heads at once
    const d2 = await act(t, 'u-staff-04', d0.id, 'approve', { opinion: '文字已核。' })
    expect(d2).toMatchObject({ stage: 'countersign', stageText: '会签中（0/2）' })
    expect(await inbox(t, 'u-staff-04', 'todo', d0.id)).toEqual([])
    expect(await inbox(t, 'u-staff-04', 'done', d0.id)).toHaveLength(1)
    expect(openHolders(t, d0.id).sort()).toEqual(['u-head-02', 'u-head-03'])
    for (const who of ['u-head-02', 'u-head-03']) expect((await inbox(t, who, 'todo', d0.id)).map((i) => i.step)).toEqual(['会签'])
    const seenByBoth = rowOf(t, d0.id).version

    // one has signed: still 会签, and the other still holds their share
    const d3 = await act(t, 'u-head-02', d0.id, 'approve', { opinion: '同意。' })
    expect(d3).toMatchObject({ stage: 'countersign', stageText: '会签中（1/2）' })
    expect(keys(d3)).toEqual(['comment'])
    expect(await inbox(t, 'u-head-02', 'todo', d0.id)).toEqual([])
    expect(await inbox(t, 'u-head-03', 'todo', d0.id)).toHaveLength(1)
    // the other signs on the page they opened before: their own share is not stale
    const d4 = await t.ok('u-head-03', routes.documents.act, { params: { id: d0.id }, body: { action: 'approve', version: seenByBoth, opinion: '同意。' } })
    expect(d4).toMatchObject({ stage: 'sign', stageText: '待签发' })
    expect(d4.steps.find((s) => s.stage === 'countersign')).toMatchObject({ state: 'done', holders: [{ state: 'done' }, { state: 'done' }] })

    // 签发 needs a handwritten signature
    const s = await view(t, 'u-leader-01', d0.id)
    expect(s.approveNeeds).toEqual(['signature'])
    expect(s.availableActions[0]).toMatchObject({ key: 'approve', label: '签发' })
    expect(keys(s)).not.toContain('transfer')
    await refuseAct(t, 'u-leader-01', d0.id, 'approve', 400, '请先手写签名')
    await refuseAct(t, 'u-leader-01', d0.id, 'approve', 400, '「手写签名」格式不对，请清除后重新签', { signature: 'data:image/png;base64,AAAAAAAA' })
    await refuseAct(t, 'u-leader-01', d0.id, 'approve', 400, '「手写签名」格式不对，请清除后重新签', { signature: 'data:image/png;base64,' + btoa('GIF89a'.repeat(20)) })
    // an empty canvas is a valid PNG but not a signature
    const blank = 'data:image/png;base64,' + Buffer.from(encodeGreyPng(160, 60, () => 255)).toString('base64')
    await refuseAct(t, 'u-leader-01', d0.id, 'approve', 400, '手写签名是空白的，请在签名框内写上您的名字后再提交', { signature: blank })
    const drawn = sig()
    const d5 = await act(t, 'u-leader-01', d0.id, 'approve', { opinion: '同意印发。', signature: drawn })
    expect(d5).toMatchObject({ stage: 'number', stageText: '待编号用印' })
    expect(d5.opinions.find((o) => o.stageLabel === '签发')).toMatchObject({ name: '罗家明', text: '同意印发。', signature: drawn })
    expect(t.db.files.at(-1)).toMatchObject({ mime: 'image/png', uploadedBy: 'u-leader-01' })

    // 编号用印 by the office's 文书: the year's next number
    expect((await inbox(t, 'u-clerk-01', 'todo', d0.id)).map((i) => i.step)).toEqual(['编号用印'])
    const d6 = await act(t, 'u-clerk-01', d0.id, 'approve')
    expect(d6).toMatchObject({ stage: 'distribute', docNumber: '深宝府办〔2026〕2号' })
    expect(d6.timeline.at(-1)).toMatchObject({ action: '编号用印：深宝府办〔2026〕2号' })

    // 分发: 主送 offices receive it for 签收, 抄送 heads a copy, and the document is done
    const before = t.db.documents.length
    const d7 = await act(t, 'u-clerk-01', d0.id, 'approve')
    expect(d7).toMatchObject({ status: 'done', stage: 'done', stageText: '已办结' })
    expect(keys(d7)).toEqual([])
    expect(await inbox(t, 'u-clerk-01', 'initiated', d0.id)).toMatchObject([{ status: 'done', step: '已办结' }])
    const received = t.db.documents.slice(before)
    expect(received.map((x) => [x.officeId, x.registrarId, x.kind, x.stage, x.docNumber, x.fromUnit, x.sourceDocId])).toEqual([
      ['dept-data', 'u-clerk-02', 'incoming', 'receive', '深宝府办〔2026〕2号', '区政府办公室', d0.id],
      ['dept-civil', 'u-head-03', 'incoming', 'receive', '深宝府办〔2026〕2号', '区政府办公室', d0.id],
    ])
    for (const x of received) {
      const [item] = await inbox(t, x.registrarId!, 'todo', x.id)
      expect(item).toMatchObject({ step: '签收', summary: '通知 · 区政府办公室来文，待您签收' })
      expect(keys(await view(t, x.registrarId!, x.id))).toContain('approve')
    }
    expect(await inbox(t, 'u-staff-14', 'cc', d0.id)).toMatchObject([{ step: '抄送阅知', summary: '深宝府办〔2026〕2号 抄送贵单位，请阅知', status: 'open' }])
    expect((await view(t, 'u-staff-14', d0.id)).status).toBe('done')

    // done is done
    await refuseAct(t, 'u-clerk-01', d0.id, 'approve', 409, FINISHED)
    await refuseAct(t, 'u-clerk-01', d0.id, 'comment', 409, FINISHED, { opinion: '补充一句' })
    await refuseAct(t, 'u-staff-04', d0.id, 'return', 409, FINISHED, { opinion: '再看看' })
    expect(verifyAudit(t.db.audit).ok).toBe(true)
    expect(t.db.audit.filter((e) => e.objectId === d0.id).map((e) => e.action)).toEqual([
      'document.create',
      'document.submit',
      ...Array(6).fill('document.approve'),
    ])
  })

  it('numbering never repeats: many documents numbered at once get distinct, consecutive numbers', async () => {
    const t = testBff()
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const d = await create(t, i % 2 ? 'u-clerk-01' : 'u-staff-02', { countersignDeptIds: [], title: `关于编号测试的第${i + 1}号通知` })
      await flowTo(t, d.id, 'number')
      ids.push(d.id)
    }
    const results = await Promise.all(ids.map((id) => approveStep(t, id)))
    const numbers = results.map((d) => d.docNumber!)
    expect(new Set(numbers).size).toBe(12)
    const ns = numbers.map((n) => Number(/^深宝府办〔2026〕(\d+)号$/.exec(n)![1])).sort((a, b) => a - b)
    expect(ns).toEqual(Array.from({ length: 12 }, (_, i) => i + 2))
    // and the next one follows on
    const next = await create(t, 'u-clerk-01', { countersignDeptIds: [] })
    await flowTo(t, next.id, 'number')
    expect((await approveStep(t, next.id)).docNumber).toBe('深宝府办〔2026〕14号')
  })

  it('会签 finishes only when every countersigner has signed; 加签 at 会签 adds one at once, at 核稿 for later', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    // 加签 at 核稿: nothing for them yet
    await refuseAct(t, 'u-staff-04', d.id, 'add_signer', 400, '拟稿人不需要会签', { toUserId: 'u-clerk-01' })
    await refuseAct(t, 'u-staff-04', d.id, 'add_signer', 400, '吴振宇已在会签人中', { toUserId: 'u-head-02' })
    await refuseAct(t, 'u-staff-04', d.id, 'add_signer', 400, '请选择人员')
    await refuseAct(t, 'u-staff-04', d.id, 'add_signer', 400, '不能选择这个人，请重新选择', { toUserId: 'u-staff-04' })
    await refuseAct(t, 'u-staff-04', d.id, 'add_signer', 400, '不能选择这个人，请重新选择', { toUserId: 'r-resident-01' })
    await refuseAct(t, 'u-staff-05', d.id, 'add_signer', 403, NOT_NOW, { toUserId: 'u-staff-13' })
    await refuseAct(t, 'u-head-02', d.id, 'add_signer', 404, NOT_FOUND, { toUserId: 'u-staff-13' })
    await act(t, 'u-staff-04', d.id, 'add_signer', { toUserId: 'u-staff-13', opinion: '涉及机关事务' })
    expect(await inbox(t, 'u-staff-13', 'todo', d.id)).toEqual([])
    expect(rowOf(t, d.id).stage).toBe('review')
    await approveStep(t, d.id)
    expect(openHolders(t, d.id).sort()).toEqual(['u-head-02', 'u-head-03', 'u-staff-13'])

    // 加签 at 会签: immediately in the new signer's inbox
    const added = await act(t, 'u-head-02', d.id, 'add_signer', { toUserId: 'u-staff-14' })
    expect(added.stageText).toBe('会签中（0/4）')
    expect((await inbox(t, 'u-staff-14', 'todo', d.id)).map((i) => i.step)).toEqual(['会签'])
    for (const who of ['u-head-02', 'u-head-03', 'u-staff-13']) {
      const x = await approveStep(t, d.id, who)
      expect(x.stage).toBe('countersign')
    }
    expect((await view(t, 'u-clerk-01', d.id)).stageText).toBe('会签中（3/4）')
    expect((await approveStep(t, d.id, 'u-staff-14')).stage).toBe('sign')
  })

  it('加签 cannot give a second share to someone already holding one (a colleague a share was transferred to)', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await flowTo(t, d.id, 'countersign')
    await act(t, 'u-head-02', d.id, 'transfer', { toUserId: 'u-staff-06' })
    await refuseAct(t, 'u-head-03', d.id, 'add_signer', 400, '刘思远已在办理这份公文', { toUserId: 'u-staff-06' })
    expect(openHolders(t, d.id).sort()).toEqual(['u-head-03', 'u-staff-06'])
  })

  it('a countersigner acting on a stale version is accepted for their own share, not for another step or a future version', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await flowTo(t, d.id, 'countersign')
    const opened = rowOf(t, d.id).version
    await approveStep(t, d.id, 'u-head-02')
    // a comment on the old page is stale: it is about the document, not a share of it
    await refuse(t, 'u-head-03', routes.documents.act, { params: { id: d.id }, body: { action: 'comment', version: opened, opinion: '看法' } }, 409, STALE)
    // a version that never existed is not the page they saw
    await refuse(t, 'u-head-03', routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: opened + 5 } }, 409, STALE)
    // a version from before their share opened is not theirs either
    await refuse(t, 'u-head-03', routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: opened - 1 } }, 409, STALE)
    const x = await t.ok('u-head-03', routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: opened } })
    expect(x.stage).toBe('sign')
  })

  it('two approvals of one step at once: exactly one goes through, the other is told it was handled', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    const v = rowOf(t, d.id).version
    // the holder on two devices
    const twice = await Promise.all([1, 2].map(() => t.as('u-staff-04', routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: v } })))
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409])
    expect(errorOf(twice.find((r) => r.status === 409)!).message).toMatch(/已被他人处理/)
    expect(rowOf(t, d.id).tasks.filter((x) => x.stage === 'review' && x.state === 'done')).toHaveLength(1)
    // a countersigner on two devices
    const v2 = rowOf(t, d.id).version
    const both = await Promise.all([1, 2].map(() => t.as('u-head-02', routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: v2 } })))
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    expect(errorOf(both.find((r) => r.status === 409)!).message).toMatch(/已被他人处理/)
    expect((await view(t, 'u-clerk-01', d.id)).stageText).toBe('会签中（1/2）')
  })

  it('the holder and the colleague it was transferred to approve at once: one goes through', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    const seen = rowOf(t, d.id).version
    await act(t, 'u-staff-04', d.id, 'transfer', { toUserId: 'u-staff-05', opinion: '请曾俊杰核稿' })
    const [old, now] = await Promise.all([
      t.as('u-staff-04', routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: seen } }),
      t.as('u-staff-05', routes.documents.act, { params: { id: d.id }, body: { action: 'approve', version: rowOf(t, d.id).version } }),
    ])
    expect([old.status, now.status]).toEqual([409, 200])
    expect(errorOf(old).message).toMatch(STALE)
    expect(rowOf(t, d.id).stage).toBe('countersign')
    // transfer and approve by the holder at once
    const e = await create(t, 'u-clerk-01', { countersignDeptIds: [] })
    await act(t, 'u-clerk-01', e.id, 'submit')
    const v = rowOf(t, e.id).version
    const res = await Promise.all([
      t.as('u-staff-04', routes.documents.act, { params: { id: e.id }, body: { action: 'transfer', version: v, toUserId: 'u-staff-05' } }),
      t.as('u-staff-04', routes.documents.act, { params: { id: e.id }, body: { action: 'approve', version: v } }),
    ])
    expect(res.map((r) => r.status)).toEqual([200, 409])
    expect(openHolders(t, e.id)).toEqual(['u-staff-05'])
  })
})

describe('退回, 撤回, 转办, 催办, 评论', () => {
  it('退回 to the drafter needs a reason; the drafter edits and resubmits; the flow starts again at 核稿', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    await refuseAct(t, 'u-staff-04', d.id, 'return', 400, '请填写退回理由')
    await refuseAct(t, 'u-staff-04', d.id, 'return', 400, '请填写退回理由', { opinion: '   ' })
    await refuseAct(t, 'u-staff-04', d.id, 'return', 400, '请选择退回到哪个环节', { opinion: '重写', toStage: 'sign' })
    await refuseAct(t, 'u-staff-04', d.id, 'return', 400, '请选择退回到哪个环节', { opinion: '重写', toStage: 'register' })
    const x = await act(t, 'u-staff-04', d.id, 'return', { opinion: '请补充检查时间安排。' })
    expect(x).toMatchObject({ status: 'returned', stage: 'draft', stageText: '退回修改' })
    expect(await inbox(t, 'u-staff-04', 'todo', d.id)).toEqual([])
    expect(await inbox(t, 'u-clerk-01', 'todo', d.id)).toMatchObject([{ step: '退回修改', summary: '钟秀琴退回：请补充检查时间安排。', tags: ['todo', 'returned'] }])
    expect(x.opinions.at(-1)).toMatchObject({ stageLabel: '核稿', text: '退回：请补充检查时间安排。' })

    const mine = await view(t, 'u-clerk-01', d.id)
    expect(mine.availableActions[0]).toMatchObject({ key: 'submit', label: '修改后重新送审' })
    expect(mine.draft).not.toBeNull()
    const todo = await t.ok('u-clerk-01', routes.documents.list, { query: { box: 'todo' } })
    expect(todo.items.map((i) => i.id)).toContain(d.id)
    // only the drafter edits, only while it is back with them
    await refuse(t, 'u-staff-04', routes.documents.update, { params: { id: d.id }, body: { ...draftOf(), version: rowOf(t, d.id).version } }, 403, '只有拟稿人可以修改稿件')
    await refuse(t, 'u-clerk-01', routes.documents.update, { params: { id: d.id }, body: { ...draftOf(), version: rowOf(t, d.id).version - 1 } }, 409, STALE)
    const edited = await t.ok('u-clerk-01', routes.documents.update, { params: { id: d.id }, body: { ...draftOf({ title: '关于开展冬季消防安全检查的通知（修改稿）' }), version: rowOf(t, d.id).version } })
    expect(edited.title).toBe('关于开展冬季消防安全检查的通知（修改稿）')
    // a submit on the page from before the edit is stale
    await refuse(t, 'u-clerk-01', routes.documents.act, { params: { id: d.id }, body: { action: 'submit', version: edited.version - 1 } }, 409, STALE)
    const again = await act(t, 'u-clerk-01', d.id, 'submit')
    expect(again).toMatchObject({ status: 'in_progress', stage: 'review' })
    expect(again.timeline.at(-1)).toMatchObject({ action: '修改后重新送审' })
    expect(await inbox(t, 'u-clerk-01', 'todo', d.id)).toEqual([])
    expect(await inbox(t, 'u-staff-04', 'todo', d.id)).toMatchObject([{ step: '核稿', tags: ['todo'] }])
    await refuse(t, 'u-clerk-01', routes.documents.update, { params: { id: d.id }, body: { ...draftOf(), version: again.version } }, 409, '稿件已送审，撤回或被退回后才能修改')
  })

  it('退回 from 签发 to 会签 reopens it for exactly the previous countersigners, tagged 退回', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await flowTo(t, d.id, 'countersign')
    await act(t, 'u-head-02', d.id, 'transfer', { toUserId: 'u-staff-06' })
    await approveStep(t, d.id, 'u-staff-06')
    await approveStep(t, d.id, 'u-head-03')
    const s = await view(t, 'u-leader-01', d.id)
    expect(s.returnTargets.map((x) => x.stage)).toEqual(['draft', 'review', 'countersign'])
    const back = await act(t, 'u-leader-01', d.id, 'return', { toStage: 'countersign', opinion: '请区民政局再核实数据。' })
    expect(back).toMatchObject({ status: 'in_progress', stage: 'countersign', stageText: '会签中（0/2）' })
    // the one who signed (刘思远, to whom it was transferred), not the head who passed it on
    expect(openHolders(t, d.id).sort()).toEqual(['u-head-03', 'u-staff-06'])
    for (const who of ['u-head-03', 'u-staff-06']) expect(await inbox(t, who, 'todo', d.id)).toMatchObject([{ step: '会签', tags: ['todo', 'returned'], summary: expect.stringContaining('（退回重办）') }])
    expect(await inbox(t, 'u-head-02', 'todo', d.id)).toEqual([])
    expect(await inbox(t, 'u-leader-01', 'todo', d.id)).toEqual([])
    await approveStep(t, d.id, 'u-head-03')
    expect((await approveStep(t, d.id, 'u-staff-06')).stage).toBe('sign')
    // from 编号用印 back to 核稿: only the reviewer again
    await approveStep(t, d.id)
    expect(rowOf(t, d.id).stage).toBe('number')
    const n = await view(t, 'u-clerk-01', d.id)
    expect(n.returnTargets.map((x) => x.stage)).toEqual(['draft', 'review', 'countersign', 'sign'])
    await act(t, 'u-clerk-01', d.id, 'return', { toStage: 'review', opinion: '文号前请再核一遍。' })
    expect(openHolders(t, d.id)).toEqual(['u-staff-04'])
    expect(rowOf(t, d.id).stage).toBe('review')
    // 核稿 returned to is not a fresh start: the drafter may no longer withdraw it
    expect(keys(await view(t, 'u-clerk-01', d.id))).not.toContain('withdraw')
  })

  it('撤回: only the drafter, only before 核稿 has acted', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    await refuseAct(t, 'u-staff-04', d.id, 'withdraw', 403, NOT_NOW)
    await refuse(t, 'u-clerk-01', routes.documents.act, { params: { id: d.id }, body: { action: 'withdraw', version: rowOf(t, d.id).version - 1 } }, 409, STALE)
    const x = await act(t, 'u-clerk-01', d.id, 'withdraw')
    expect(x).toMatchObject({ status: 'draft', stage: 'draft', stageText: '草稿' })
    expect(keys(x)).toEqual(['submit'])
    expect(await inbox(t, 'u-staff-04', 'todo', d.id)).toEqual([])
    expect(openHolders(t, d.id)).toEqual([])
    await act(t, 'u-clerk-01', d.id, 'submit')
    await approveStep(t, d.id)
    await refuseAct(t, 'u-clerk-01', d.id, 'withdraw', 403, NOT_NOW)
  })

  it('转办 moves a step to a colleague of the same 处室, cleared for the document, and nowhere else', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    await refuseAct(t, 'u-staff-04', d.id, 'transfer', 400, '只能转办给本处室的同事', { toUserId: 'u-head-01' })
    await refuseAct(t, 'u-staff-04', d.id, 'transfer', 400, '请选择人员', { toUserId: 'u-nobody' })
    const x = await act(t, 'u-staff-04', d.id, 'transfer', { toUserId: 'u-staff-05', opinion: '请曾俊杰核稿' })
    expect(x.timeline.at(-1)).toMatchObject({ action: '转办给曾俊杰', note: '请曾俊杰核稿' })
    expect(await inbox(t, 'u-staff-04', 'todo', d.id)).toEqual([])
    expect((await inbox(t, 'u-staff-05', 'todo', d.id)).map((i) => i.step)).toEqual(['核稿'])
    await refuseAct(t, 'u-staff-04', d.id, 'approve', 403, NOT_NOW)
    await refuseAct(t, 'u-staff-05', d.id, 'transfer', 400, '不能选择这个人，请重新选择', { toUserId: 'u-staff-05' })

    // 秘密: not to a colleague without clearance
    const c = await create(t, 'u-staff-02', { secrecy: 'confidential', countersignDeptIds: [], ccDeptIds: [] })
    await act(t, 'u-staff-02', c.id, 'submit')
    expect(openHolders(t, c.id)).toEqual(['u-head-01'])
    await refuseAct(t, 'u-head-01', c.id, 'transfer', 400, '邓子轩没有秘密公文的知悉权限', { toUserId: 'u-staff-03' })
    // 签发 and 批办 are not passed on
    const s = await create(t, 'u-clerk-01', { countersignDeptIds: [] })
    await flowTo(t, s.id, 'sign')
    await refuseAct(t, 'u-leader-01', s.id, 'transfer', 403, NOT_NOW, { toUserId: 'u-staff-01' })
  })

  it('催办: the drafter chases the holders at most once an hour; the holder’s item is tagged 催办', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    await refuseAct(t, 'u-staff-04', d.id, 'urge', 403, NOT_NOW)
    const x = await act(t, 'u-clerk-01', d.id, 'urge', { opinion: '请尽快核稿' })
    expect(x.timeline.at(-1)).toMatchObject({ action: '催办钟秀琴', note: '请尽快核稿' })
    expect(keys(x)).not.toContain('urge')
    expect((await inbox(t, 'u-staff-04', 'todo', d.id))[0].tags).toContain('urge')
    expect((await t.ok('u-staff-04', routes.inbox.counts)).urged).toBeGreaterThanOrEqual(1)
    await refuseAct(t, 'u-clerk-01', d.id, 'urge', 409, '刚刚催办过，请 1 小时后再催')
    setClock(t, '2026-11-25T10:59:00+08:00')
    await refuseAct(t, 'u-clerk-01', d.id, 'urge', 409, '刚刚催办过，请 1 小时后再催')
    setClock(t, '2026-11-25T11:00:00+08:00')
    await refuse(t, 'u-clerk-01', routes.documents.act, { params: { id: d.id }, body: { action: 'urge', version: rowOf(t, d.id).version - 1 } }, 409, STALE)
    expect(keys(await view(t, 'u-clerk-01', d.id))).toContain('urge')
    await act(t, 'u-clerk-01', d.id, 'urge')
    // 会签: every countersigner who has not signed is chased, nobody who has
    await approveStep(t, d.id)
    await approveStep(t, d.id, 'u-head-02')
    setClock(t, '2026-11-25T12:00:00+08:00')
    const y = await act(t, 'u-clerk-01', d.id, 'urge')
    expect(y.timeline.at(-1)!.action).toBe('催办张丽娟')
  })

  it('评论 needs text, is open to whoever sees an open document, and not on a draft', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await refuseAct(t, 'u-clerk-01', d.id, 'comment', 403, NOT_NOW, { opinion: '草稿上评论' })
    await act(t, 'u-clerk-01', d.id, 'submit')
    await refuseAct(t, 'u-staff-04', d.id, 'comment', 400, '请填写评论内容')
    const x = await act(t, 'u-staff-05', d.id, 'comment', { opinion: '附件格式请统一。' })
    expect(x.timeline.at(-1)).toMatchObject({ actorName: '曾俊杰', action: '评论', note: '附件格式请统一。' })
    expect(openHolders(t, d.id)).toEqual(['u-staff-04'])
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'document.comment', actorId: 'u-staff-05', summary: '评论：附件格式请统一。' })
  })
})

describe('收文: 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 → 办结', () => {
  it('walks every step with what each one asks for; the main unit waits for every assisting unit', async () => {
    const t = testBff()
    const id = 'doc-015'
    const r0 = await view(t, 'u-clerk-01', id)
    expect(r0).toMatchObject({ kind: 'incoming', stage: 'receive', stageText: '待签收', fromUnit: '深圳市人民政府办公厅' })
    expect(r0.availableActions[0]).toMatchObject({ key: 'approve', label: '签收' })
    expect(r0.returnTargets).toEqual([])
    const r1 = await approveStep(t, id)
    expect(r1).toMatchObject({ stage: 'register', stageText: '待登记' })
    const r2 = await approveStep(t, id)
    expect(r2).toMatchObject({ stage: 'check', receiveNumber: '区府办收〔2026〕6号' })
    expect(r2.timeline.at(-1)!.action).toBe('登记：区府办收〔2026〕6号')

    const c = await view(t, 'u-staff-04', id)
    expect(keys(c)).toEqual(['approve', 'send_back', 'transfer', 'comment'])
    expect(c.availableActions[0]).toMatchObject({ label: '初审通过' })
    const r3 = await act(t, 'u-staff-04', id, 'approve', { opinion: '来文要素齐全。' })
    expect(r3).toMatchObject({ stage: 'propose', stageText: '待拟办' })

    const p = await view(t, 'u-leader-02', id)
    expect(p.approveNeeds).toEqual(['leader'])
    expect(p.returnTargets.map((x) => x.stage)).toEqual(['register', 'check'])
    await refuseAct(t, 'u-leader-02', id, 'approve', 400, '请填写拟办意见', { toUserId: 'u-leader-01' })
    await refuseAct(t, 'u-leader-02', id, 'approve', 400, '请选择批办的领导', { opinion: '拟请阅示' })
    await refuseAct(t, 'u-leader-02', id, 'approve', 400, '请选择批办的领导', { opinion: '拟请阅示', toUserId: 'u-head-01' })
    const r4 = await act(t, 'u-leader-02', id, 'approve', { opinion: '拟请罗家明同志阅示。', toUserId: 'u-leader-01' })
    expect(r4).toMatchObject({ stage: 'instruct', stageText: '待批办' })

    const i = await view(t, 'u-leader-01', id)
    expect(i.approveNeeds).toEqual(['signature', 'departments'])
    expect(i.availableActions[0]).toMatchObject({ label: '批办', opinion: 'required', opinionLabel: '批示' })
    const ok = { opinion: '请区民政局牵头，区政数局、区财政局配合。', signature: sig() }
    await refuseAct(t, 'u-leader-01', id, 'approve', 400, '请先手写签名', { opinion: ok.opinion, mainDeptId: 'dept-civil' })
    await refuseAct(t, 'u-leader-01', id, 'approve', 400, '请选择主办单位', ok)
    await refuseAct(t, 'u-leader-01', id, 'approve', 400, '区教育局暂无负责人在本系统，请另选承办单位', { ...ok, mainDeptId: 'dept-edu' })
    await refuseAct(t, 'u-leader-01', id, 'approve', 400, '所选协办单位不在通讯录中', { ...ok, mainDeptId: 'dept-civil', assistDeptIds: ['dept-nowhere'] })
    const r5 = await act(t, 'u-leader-01', id, 'approve', { ...ok, mainDeptId: 'dept-civil', assistDeptIds: ['dept-data', 'dept-finance', 'dept-civil'] })
    expect(r5).toMatchObject({ stage: 'handle', stageText: '承办中（2 个协办单位未反馈）' })
    expect(r5.opinions.find((o) => o.stageLabel === '批办')).toMatchObject({ name: '罗家明', signature: expect.stringMatching(/^data:image\/png;base64,/) })
    expect((await inbox(t, 'u-head-03', 'todo', id)).map((x) => x.step)).toEqual(['主办'])
    for (const who of ['u-head-02', 'u-staff-14']) expect((await inbox(t, who, 'todo', id)).map((x) => x.step)).toEqual(['协办'])

    await refuseAct(t, 'u-head-03', id, 'approve', 409, '协办单位尚未全部反馈（还差吴振宇、胡立新），请等待或提醒后再办结', { opinion: '已办结' })
    const a = await view(t, 'u-head-02', id)
    expect(a.availableActions[0]).toMatchObject({ key: 'approve', label: '反馈协办意见', opinion: 'required' })
    expect(keys(a)).not.toContain('return')
    await refuseAct(t, 'u-head-02', id, 'approve', 400, '请填写协办意见')
    await act(t, 'u-head-02', id, 'approve', { opinion: '已提供数据。' })
    expect((await view(t, 'u-clerk-01', id)).stageText).toBe('承办中（1 个协办单位未反馈）')
    // the registrar and the instructing leader may chase the units
    expect(keys(await view(t, 'u-leader-01', id))).toContain('urge')
    await act(t, 'u-clerk-01', id, 'urge')
    expect((await inbox(t, 'u-staff-14', 'todo', id))[0].tags).toContain('urge')
    await refuseAct(t, 'u-head-03', id, 'approve', 409, '协办单位尚未全部反馈（还差胡立新），请等待或提醒后再办结', { opinion: '已办结' })
    await act(t, 'u-staff-14', id, 'approve', { opinion: '经费已落实。' })
    expect((await view(t, 'u-clerk-01', id)).stageText).toBe('承办中')
    const done = await act(t, 'u-head-03', id, 'approve', { opinion: '已按要求办理完毕。' })
    expect(done).toMatchObject({ status: 'done', stage: 'done', stageText: '已办结' })
    expect(t.db.workItems.filter((w) => w.objectId === id && w.status === 'open' && w.audience === 'assignee')).toEqual([])
    await refuseAct(t, 'u-head-03', id, 'approve', 409, FINISHED, { opinion: '再办一次' })
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })

  it('退文 at 初审 needs a reason and goes back to the sender: the source drafter is told', async () => {
    const t = testBff()
    const id = 'doc-002' // the seeded 通知 as received by 区政数局
    await approveStep(t, id, 'u-clerk-02')
    await approveStep(t, id, 'u-clerk-02')
    expect(openHolders(t, id)).toEqual(['u-head-02'])
    await refuseAct(t, 'u-head-02', id, 'send_back', 400, '请填写退文理由（将告知来文单位）')
    await refuseAct(t, 'u-clerk-02', id, 'send_back', 403, NOT_NOW, { opinion: '不属于本单位' })
    const x = await act(t, 'u-head-02', id, 'send_back', { opinion: '本通知不属于我局职责范围。' })
    expect(x).toMatchObject({ status: 'sent_back', stage: 'done', stageText: '已退文' })
    expect(keys(x)).toEqual([])
    expect(x.canCirculate).toBe(false)
    expect(await inbox(t, 'u-clerk-01', 'cc', 'doc-001')).toMatchObject([
      { step: '被退文', summary: '区政务服务数据管理局退文：本通知不属于我局职责范围。', tags: ['returned'], status: 'open' },
    ])
    expect(await inbox(t, 'u-head-02', 'todo', id)).toEqual([])
    for (const a of ['approve', 'return', 'comment', 'urge'] as const) await refuseAct(t, 'u-head-02', id, a, 409, FINISHED, { opinion: '再看看' })
    await refuse(t, 'u-head-02', routes.documents.circulate, { params: { id }, body: { version: x.version, readerIds: ['u-staff-06'], purpose: '请阅知' } }, 409, '草稿和已退文的公文不能传阅')
  })

  it('退回 to a chosen earlier step restores its last holders; an illegal target is refused', async () => {
    const t = testBff()
    const id = 'doc-011' // 承办: 区民政局 主办, 区政数局 has replied as 协办
    const h = await view(t, 'u-head-03', id)
    expect(h.returnTargets.map((x) => x.stage)).toEqual(['register', 'check', 'propose', 'instruct'])
    await refuseAct(t, 'u-head-03', id, 'return', 400, '请选择退回到哪个环节', { opinion: '重新拟办', toStage: 'receive' })
    await refuseAct(t, 'u-head-03', id, 'return', 400, '请选择退回到哪个环节', { opinion: '重新拟办', toStage: 'draft' })
    await refuseAct(t, 'u-head-03', id, 'return', 400, '请填写退回理由', { toStage: 'propose' })
    const x = await act(t, 'u-head-03', id, 'return', { toStage: 'propose', opinion: '应由区政数局主办，请重新拟办。' })
    expect(x).toMatchObject({ stage: 'propose', stageText: '待拟办' })
    expect(openHolders(t, id)).toEqual(['u-leader-02'])
    expect(await inbox(t, 'u-leader-02', 'todo', id)).toMatchObject([{ step: '拟办', tags: ['todo', 'returned'] }])
    expect(await inbox(t, 'u-head-03', 'todo', id)).toEqual([])
    await act(t, 'u-leader-02', id, 'approve', { opinion: '拟请郑婉清同志阅示。', toUserId: 'u-staff-01' })
    expect(openHolders(t, id)).toEqual(['u-staff-01'])
    await act(t, 'u-staff-01', id, 'approve', { opinion: '请区政数局主办。', signature: sig(), mainDeptId: 'dept-data' })
    expect(rowOf(t, id).tasks.filter((x) => x.state === 'open').map((x) => [x.userId, x.role])).toEqual([['u-head-02', 'main']])
    // the step before: 批办 returned to 拟办 by the leader
    const y = await act(t, 'u-head-02', id, 'return', { toStage: 'instruct', opinion: '请明确协办单位。' })
    expect(y.stage).toBe('instruct')
    expect(openHolders(t, id)).toEqual(['u-staff-01'])
  })
})

describe('传阅: readers, read receipts, 阅文意见, 催阅', () => {
  it('the sender names a purpose; readers find it in their inbox tagged 传阅 and see only their own line', async () => {
    const t = testBff()
    const id = 'doc-005' // 核稿 by 钟秀琴
    const v = rowOf(t, id).version
    await refuse(t, 'u-clerk-01', routes.documents.circulate, { params: { id }, body: { version: v, readerIds: ['u-head-01'], purpose: '' } }, 400, '请填写「传阅目的」')
    await refuse(t, 'u-clerk-01', routes.documents.circulate, { params: { id }, body: { version: v, readerIds: ['u-clerk-01', 'u-head-01'], purpose: '请阅知' } }, 400, '传阅人不需要包括您自己')
    await refuse(t, 'u-clerk-01', routes.documents.circulate, { params: { id }, body: { version: v, readerIds: ['r-resident-01'], purpose: '请阅知' } }, 400, '所选传阅人不在通讯录中，请重新选择')
    await refuse(t, 'u-clerk-01', routes.documents.circulate, { params: { id }, body: { version: v - 1, readerIds: ['u-head-01'], purpose: '请阅知' } }, 409, STALE)
    // readers who could not see it before
    await refuse(t, 'u-staff-06', routes.documents.get, { params: { id } }, 404, NOT_FOUND)
    const c = await t.ok('u-clerk-01', routes.documents.circulate, { params: { id }, body: { version: v, readerIds: ['u-head-01', 'u-staff-06', 'u-head-01'], purpose: '请提前了解检查安排。' } })
    expect(c.circulations).toHaveLength(1)
    expect(c.circulations[0]).toMatchObject({ senderName: '黄雅婷', purpose: '请提前了解检查安排。', canRemind: true })
    expect(c.circulations[0].readers.map((r) => [r.name, r.status])).toEqual([
      ['林启航', 'unread'],
      ['刘思远', 'unread'],
    ])
    for (const who of ['u-head-01', 'u-staff-06']) expect(await inbox(t, who, 'todo', id)).toMatchObject([{ step: '传阅', tags: ['circulate'], summary: '黄雅婷传阅：请提前了解检查安排。' }])
    const mine = await view(t, 'u-staff-06', id)
    expect(mine.circulations[0].readers.map((r) => r.name)).toEqual(['刘思远'])
    expect(mine.circulations[0].canRemind).toBe(false)
    expect(keys(mine)).toEqual(['circulate_opinion', 'comment'])
    const box = await t.ok('u-staff-06', routes.documents.list, { query: { box: 'circulated' } })
    expect(box.items.map((i) => i.id)).toEqual([id])

    // the read receipt: once
    const r = await t.ok('u-staff-06', routes.documents.read, { params: { id } })
    expect(r.circulations[0].readers[0]).toMatchObject({ status: 'read', readAt: toIso(t.now) })
    expect(await inbox(t, 'u-staff-06', 'todo', id)).toEqual([])
    const audit = t.db.audit.length
    const again = await t.ok('u-staff-06', routes.documents.read, { params: { id } })
    expect(again.version).toBe(r.version)
    expect(t.db.audit.length).toBe(audit)

    // 阅文意见: needs text, once per line
    await refuseAct(t, 'u-head-01', id, 'circulate_opinion', 400, '请填写阅文意见')
    const o = await act(t, 'u-head-01', id, 'circulate_opinion', { opinion: '已阅，按要求配合。' })
    expect(o.circulations[0].readers[0]).toMatchObject({ status: 'opinion', opinion: '已阅，按要求配合。' })
    expect(keys(o)).not.toContain('circulate_opinion')
    expect(await inbox(t, 'u-head-01', 'todo', id)).toEqual([])
    await refuseAct(t, 'u-head-01', id, 'circulate_opinion', 403, NOT_NOW, { opinion: '再签一次' })
  })

  it('催阅: only the sender, only the unread, at most once an hour', async () => {
    const t = testBff()
    const id = 'doc-001' // seeded: sent by 叶国栋; 林启航 has not opened it
    const cid = 'doc-001-c1'
    const remind = (version = rowOf(t, id).version) => ({ params: { id, circulationId: cid }, body: { version } }) as const
    await refuse(t, 'u-staff-04', routes.documents.remind, remind(), 403, '只有发起传阅的人可以催阅')
    await refuse(t, 'u-leader-02', routes.documents.remind, { params: { id, circulationId: 'doc-001-c9' }, body: { version: rowOf(t, id).version } }, 404, '没有这次传阅')
    await refuse(t, 'u-leader-02', routes.documents.remind, remind(rowOf(t, id).version - 1), 409, STALE)
    const x = await t.ok('u-leader-02', routes.documents.remind, remind())
    expect(x.circulations[0].readers.map((r) => [r.name, r.urgedAt])).toEqual([
      ['林启航', toIso(t.now)],
      ['钟秀琴', null],
      ['吴振宇', null],
    ])
    expect(x.circulations[0].canRemind).toBe(false)
    expect(x.timeline.at(-1)).toMatchObject({ action: '催阅', note: '提醒 林启航' })
    expect((await inbox(t, 'u-head-01', 'todo', id))[0].tags).toEqual(['circulate', 'urge'])
    await refuse(t, 'u-leader-02', routes.documents.remind, remind(), 409, '刚刚催阅过，请 1 小时后再催')
    setClock(t, '2026-11-25T11:00:00+08:00')
    expect((await view(t, 'u-leader-02', id)).circulations[0].canRemind).toBe(true)
    await t.ok('u-leader-02', routes.documents.remind, remind())
    await t.ok('u-head-01', routes.documents.read, { params: { id } })
    setClock(t, '2026-11-25T13:00:00+08:00')
    await refuse(t, 'u-leader-02', routes.documents.remind, remind(), 409, '所有人都已阅读，无需催阅')
    // a finished document can still be circulated and read, and that changes nothing of its flow
    const row = rowOf(t, id)
    expect(row).toMatchObject({ status: 'done', stage: 'done' })
    const c2 = await t.ok('u-clerk-01', routes.documents.circulate, { params: { id }, body: { version: row.version, readerIds: ['u-staff-05'], purpose: '请存档前阅知' } })
    expect(c2.status).toBe('done')
    expect(c2.circulations.map((c) => c.senderName)).toEqual(['黄雅婷'])
  })
})

describe('密级', () => {
  it('someone without clearance gets 404, even where the office would otherwise show it', async () => {
    const t = testBff()
    // a 文书 of 区政府办公室 sees its open documents; without clearance, not its 秘密 ones
    t.db.users.find((u) => u.id === 'u-staff-05')!.clearance = 'none'
    expect((await view(t, 'u-staff-05', 'doc-005')).id).toBe('doc-005')
    for (const id of ['doc-007', 'doc-014']) {
      await refuse(t, 'u-staff-05', routes.documents.get, { params: { id } }, 404, NOT_FOUND)
      await refuse(t, 'u-staff-05', routes.documents.read, { params: { id } }, 404, NOT_FOUND)
      await refuse(t, 'u-staff-05', routes.documents.act, { params: { id }, body: { action: 'comment', version: rowOf(t, id).version, opinion: '看看' } }, 404, NOT_FOUND)
      await refuse(t, 'u-staff-03', routes.documents.get, { params: { id } }, 404, NOT_FOUND)
    }
    const list = await t.ok('u-staff-05', routes.documents.list, { query: { box: 'todo' } })
    expect(list.items.filter((i) => i.secrecy !== 'none')).toEqual([])
    expect((await view(t, 'u-clerk-01', 'doc-007')).secrecy).toBe('confidential')
  })

  it('nobody without clearance can be chosen as reader, countersigner, signer, 加签 or 转办', async () => {
    const t = testBff()
    await refuse(t, 'u-staff-03', routes.documents.create, { body: draftOf({ secrecy: 'confidential', countersignDeptIds: [] }) }, 400, '您没有秘密公文的知悉权限，不能起草该密级的公文')
    await refuse(t, 'u-leader-02', routes.documents.create, { body: draftOf({ secrecy: 'secret', countersignDeptIds: ['dept-data'] }) }, 400, '区政务服务数据管理局负责人没有机密公文的知悉权限')
    t.db.users.find((u) => u.id === 'u-staff-01')!.clearance = 'none'
    await refuse(t, 'u-clerk-01', routes.documents.create, { body: draftOf({ secrecy: 'confidential', signerId: 'u-staff-01' }) }, 400, '郑婉清没有秘密公文的知悉权限，请另选签发人')
    await refuse(t, 'u-clerk-01', routes.documents.create, { body: draftOf({ signerId: 'u-head-01' }) }, 400, '「签发人」须为区领导，请重新选择')
    const id = 'doc-007'
    await refuse(t, 'u-clerk-01', routes.documents.circulate, { params: { id }, body: { version: rowOf(t, id).version, readerIds: ['u-head-01', 'u-staff-03'], purpose: '请阅知' } }, 400, '邓子轩没有秘密公文的知悉权限，不能传阅给他')
    const d = await create(t, 'u-clerk-01', { secrecy: 'confidential' })
    await act(t, 'u-clerk-01', d.id, 'submit')
    await refuseAct(t, 'u-staff-04', d.id, 'add_signer', 400, '梁嘉豪没有秘密公文的知悉权限', { toUserId: 'u-handler-01' })
    // a 拟办 may not propose a leader without clearance
    await refuseAct(t, 'u-leader-02', 'doc-014', 'approve', 400, '郑婉清没有秘密公文的知悉权限', { opinion: '拟请阅示', toUserId: 'u-staff-01' })
  })

  it('a raised 密级 may not shut out a 加签 countersigner already named', async () => {
    const t = testBff()
    const d = await create(t, 'u-clerk-01')
    await act(t, 'u-clerk-01', d.id, 'submit')
    await act(t, 'u-staff-04', d.id, 'add_signer', { toUserId: 'u-handler-01' })
    await act(t, 'u-staff-04', d.id, 'return', { opinion: '请重拟' })
    await refuse(t, 'u-clerk-01', routes.documents.update, { params: { id: d.id }, body: { ...draftOf({ secrecy: 'confidential' }), version: rowOf(t, d.id).version } }, 400, /梁嘉豪已在本文的会签或传阅中，没有秘密公文的知悉权限/)
  })

  it('every view of a 密级 document is recorded; views of the others are not', async () => {
    const t = testBff()
    const count = () => t.db.audit.filter((e) => e.action === 'document.view').length
    const before = count()
    await view(t, 'u-clerk-01', 'doc-007')
    await view(t, 'u-clerk-01', 'doc-007')
    await view(t, 'u-leader-02', 'doc-014')
    expect(count()).toBe(before + 3)
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'document.view', actorId: 'u-leader-02', objectId: 'doc-014', summary: '查阅秘密公文「关于加强2026年度重点项目保密管理工作的通知」' })
    await view(t, 'u-clerk-01', 'doc-005')
    await t.ok('u-clerk-01', routes.documents.list, { query: { box: 'todo' } })
    await refuse(t, 'u-staff-03', routes.documents.get, { params: { id: 'doc-007' } }, 404)
    expect(count()).toBe(before + 3)
    expect(verifyAudit(t.db.audit).ok).toBe(true)
  })

  it('a 机密 document only ever lands on people cleared for it, all the way to the receiving offices', async () => {
    const t = testBff()
    const d = await create(t, 'u-leader-02', { secrecy: 'secret', countersignDeptIds: [], ccDeptIds: ['dept-finance'], mainToDeptIds: ['dept-data', 'dept-edu'] })
    await act(t, 'u-leader-02', d.id, 'submit')
    const before = t.db.documents.length
    while (rowOf(t, d.id).status === 'in_progress') {
      const holders = openHolders(t, d.id)
      for (const who of holders) expect((await view(t, who, d.id)).id).toBe(d.id)
      await approveStep(t, d.id)
    }
    expect(rowOf(t, d.id).docNumber).toBe('深宝府办〔2026〕2号')
    for (const x of t.db.documents.slice(before)) {
      while (x.status === 'in_progress') {
        for (const who of openHolders(t, x.id)) expect((await view(t, who, x.id)).id).toBe(x.id)
        const [who] = openHolders(t, x.id)
        const extra = x.stage === 'instruct' ? { mainDeptId: 'dept-gov-office' } : {}
        await approveStep(t, x.id, who, extra)
      }
      expect(x.status).toBe('done')
    }
    for (const w of t.db.workItems.filter((w) => w.module === 'documents')) {
      const doc = rowOf(t, w.objectId)
      expect({ item: w.id, sees: canSeeDocument(t.db, doc, t.db.users.find((u) => u.id === w.assigneeId)!) }).toEqual({ item: w.id, sees: true })
    }
  })
})

describe('lists, search and filters', () => {
  it('boxes: 待办, 已办, 我起草的, 传阅给我的', async () => {
    const t = testBff()
    const ids = async (who: string, box: 'todo' | 'done' | 'drafted' | 'circulated', q: Record<string, string> = {}) =>
      (await t.ok(who, routes.documents.list, { query: { box, ...q } })).items.map((i) => i.id).sort()
    expect(await ids('u-clerk-01', 'todo')).toEqual(['doc-007', 'doc-009', 'doc-015'])
    expect(await ids('u-clerk-01', 'drafted')).toEqual(['doc-001', 'doc-005', 'doc-006', 'doc-008', 'doc-009'])
    expect(await ids('u-clerk-01', 'done')).toEqual(['doc-001', 'doc-010', 'doc-011', 'doc-012', 'doc-013', 'doc-014'])
    expect(await ids('u-head-01', 'circulated')).toEqual(['doc-001'])
    expect(await ids('u-leader-01', 'todo')).toEqual(['doc-006', 'doc-013'])
    // search by title and by 文号
    expect(await ids('u-clerk-01', 'drafted', { q: '值班' })).toEqual(['doc-009'])
    expect(await ids('u-clerk-01', 'drafted', { q: '深宝府办〔2026〕1号' })).toEqual(['doc-001'])
    expect(await ids('u-clerk-01', 'done', { q: '深政数函' })).toEqual(['doc-013'])
    expect(await ids('u-clerk-01', 'done', { q: '区府办收〔2026〕3号' })).toEqual(['doc-012'])
    // filters
    expect(await ids('u-clerk-01', 'todo', { kind: 'incoming' })).toEqual(['doc-015'])
    expect(await ids('u-clerk-01', 'drafted', { docType: '函' })).toEqual(['doc-005'])
    expect(await ids('u-clerk-01', 'todo', { urgency: 'urgent' })).toEqual(['doc-009', 'doc-015'])
    expect(await ids('u-clerk-01', 'drafted', { from: '2026-11-24', to: '2026-11-25' })).toEqual(['doc-005', 'doc-008'])
    expect(await ids('u-clerk-01', 'drafted', { to: '2026-11-16' })).toEqual(['doc-001'])
    await refuse(t, 'u-clerk-01', routes.documents.list, { query: { box: 'todo', from: '2026-11-25', to: '2026-11-24' } }, 400, '「开始日期」不能晚于「结束日期」')
    // summaries say where a document is, in words
    const page = await t.ok('u-clerk-02', routes.documents.list, { query: { box: 'drafted' } })
    expect(page.items).toMatchObject([
      { id: 'doc-004', stageText: '会签中（1/2）', fromName: '区政务服务数据管理局', overdue: true },
      { id: 'doc-016', stageText: '已办结', docNumber: '深宝政数〔2026〕1号', overdue: false },
    ])
  })

  it('pages through with a cursor', async () => {
    const t = testBff()
    const first = await t.ok('u-clerk-01', routes.documents.list, { query: { box: 'done', limit: 4 } })
    expect(first.items).toHaveLength(4)
    const second = await t.ok('u-clerk-01', routes.documents.list, { query: { box: 'done', limit: 4, cursor: first.nextCursor! } })
    expect([...first.items, ...second.items].map((i) => i.id).sort()).toEqual(['doc-001', 'doc-010', 'doc-011', 'doc-012', 'doc-013', 'doc-014'])
    expect(second.nextCursor).toBeNull()
  })
})

describe('常用意见', () => {
  it('defaults until saved; saving trims and dedupes; more than 20 is refused', async () => {
    const t = testBff()
    expect(await t.ok('u-head-02', routes.documents.phrases)).toEqual({ phrases: DEFAULT_PHRASES })
    const saved = await t.ok('u-head-02', routes.documents.savePhrases, { body: { phrases: ['同意。', ' 同意。 ', '请抓紧办理。'] } })
    expect(saved).toEqual({ phrases: ['同意。', '请抓紧办理。'] })
    expect(await t.ok('u-head-02', routes.documents.phrases)).toEqual({ phrases: ['同意。', '请抓紧办理。'] })
    expect(await t.ok('u-head-03', routes.documents.phrases)).toEqual({ phrases: DEFAULT_PHRASES })
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'document.phrases', actorId: 'u-head-02' })
    await refuse(t, 'u-head-02', routes.documents.savePhrases, { body: { phrases: Array.from({ length: 21 }, (_, i) => `意见${i}`) } }, 400, '「常用意见」最多 20 条')
    await refuse(t, 'u-head-02', routes.documents.savePhrases, { body: { phrases: ['长'.repeat(101)] } }, 400, '「常用意见」不能超过 100 个字')
    const empty = await t.ok('u-head-02', routes.documents.savePhrases, { body: { phrases: [] } })
    expect(empty).toEqual({ phrases: [] })
  })
})

describe('who sees what, and finished documents', () => {
  it('the office’s 文书 and head see its sent documents; outsiders do not', async () => {
    const t = testBff()
    for (const who of ['u-clerk-01', 'u-staff-05', 'u-staff-02', 'u-leader-02']) expect((await view(t, who, 'doc-006')).id).toBe('doc-006')
    for (const who of ['u-head-01', 'u-staff-03', 'u-clerk-02', 'u-staff-01']) await refuse(t, who, routes.documents.get, { params: { id: 'doc-006' } }, 404, NOT_FOUND)
    // a 文书 of the office may look but not act on another's step
    await refuseAct(t, 'u-staff-05', 'doc-006', 'approve', 403, NOT_NOW, { signature: sig() })
    // a draft: its drafter only
    await refuse(t, 'u-staff-05', routes.documents.get, { params: { id: 'doc-008' } }, 404, NOT_FOUND)
  })

  it('finished documents refuse every action, by anyone who sees them, and stay as they were', async () => {
    const t = testBff()
    for (const id of ['doc-010', 'doc-012', 'doc-001']) {
      for (const who of ['u-clerk-01', 'u-staff-04']) {
        for (const action of ['submit', 'approve', 'return', 'send_back', 'withdraw', 'add_signer', 'transfer', 'urge', 'comment'] as const) {
          await refuseAct(t, who, id, action, 409, FINISHED, { opinion: '再办一次', toUserId: 'u-staff-05', toStage: 'register' })
        }
      }
    }
  })
})

describe('答复: a 收文 that came through the system', () => {
  it('tells the drafter of the original 发文 how it was handled once the receiving office finishes it', async () => {
    const t = testBff()
    // doc-002 is 区政数局's copy of 区政府办公室's 通知 doc-001, drafted by 黄雅婷, waiting for 签收
    const incoming = rowOf(t, 'doc-002')
    expect(incoming.sourceDocId).toBe('doc-001')
    expect(await inbox(t, 'u-clerk-01', 'cc', 'doc-001')).toEqual([])
    while (rowOf(t, 'doc-002').status === 'in_progress') await approveStep(t, 'doc-002')
    expect(rowOf(t, 'doc-002').status).toBe('done')
    expect(await inbox(t, 'u-clerk-01', 'cc', 'doc-001')).toMatchObject([{ step: '办结答复', summary: '区政务服务数据管理局已办结：已办理完毕。', link: documentLink('doc-001') }])
  })

  it('a 收文 from outside the system (公文交换) finishes without anyone to answer in here', async () => {
    const t = testBff()
    const external = t.db.documents.find((d) => d.kind === 'incoming' && d.stage === 'handle' && !d.sourceDocId)!
    const items = t.db.workItems.length
    for (const open of rowOf(t, external.id).tasks.filter((x) => x.state === 'open' && x.role === 'main')) await approveStep(t, external.id, open.userId)
    expect(rowOf(t, external.id).status).toBe('done')
    expect(t.db.workItems.filter((w) => w.step === '办结答复')).toHaveLength(0)
    expect(t.db.workItems.length).toBe(items)
  })
})
