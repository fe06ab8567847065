import { casesRoutes, type LibraryEntry } from '../../src/contract/cases'
import type { Route, RouteInput } from '../../src/contract/route'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { verifyAudit } from '../../mock/lib/audit'
import { anonymise } from '../../mock/lib/anonymise'
import { expectRefusal, testBff } from '../support/bff'

/**
 * 维权案例库 as its people notice it: the owner of a finished case sends an anonymised copy, 区妇联 reviews
 * it, and then every federation colleague can find it by category, outcome and words — without a name,
 * a street, a day or a number that leads back to the woman.
 */

type T = ReturnType<typeof testBff>
const OWNER = 'u-fed-02' // 周小红, 西乡妇联
const HEAD = 'u-staff-08' // 卢美玲, 区妇联权益部部长, reviews
const COLLEAGUE = 'u-staff-20' // 新安妇联
const POLICE = 'u-partner-police-02'

const rowOf = (t: T, id: string) => t.db.cases.find((c) => c.id === id)!

/** A hotline case taken all the way to 核准, its words full of what must not reach the library. */
async function finishedCase(t: T) {
  const c = await t.ok(OWNER, casesRoutes.create, {
    body: {
      channel: 'hotline',
      category: 'domestic_violence',
      streetName: '西乡街道',
      summary: '11月3日 21:30 林秀娟来电，丈夫黄大勇在固戍社区固戍二路9号家中打人，电话 13912345678。',
      subject: { name: '林秀娟', phone: '13912345678', idNumber: '440306199001011238', address: '宝安区西乡街道固戍社区固戍二路9号', whereabouts: '暂住娘家' },
      otherName: '黄大勇',
      minor: false,
      safeContact: { channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true },
      riskAnswers: ['injuries'],
    },
  })
  const act = (who: string, action: 'start' | 'close' | 'approve', extra: object = {}) => t.ok(who, casesRoutes.act, { params: { id: c.id }, body: { action, version: rowOf(t, c.id).version, ...extra } })
  await act(OWNER, 'start')
  await act(OWNER, 'close', { opinion: '黄大勇已被西乡派出所出具告诫书，林秀娟暂住娘家', outcome: 'warning_letter' })
  await act(HEAD, 'approve')
  return c.id
}

const known = ['林秀娟', '黄大勇', '13912345678', '440306199001011238', '固戍', '西乡', '宝安', '周小红', '11月3日', '21:30', '暂住娘家', '宝妇维']

function refuse<R extends Route>(t: T, who: string, route: R, input: RouteInput<R>, status: number, message?: string | RegExp) {
  return expectRefusal(t, who, route, input, status, message, () => ({ library: t.db.caseLibrary, cases: t.db.cases, audit: t.db.audit.length }))
}

describe('case library: anonymised on the server', () => {
  it('the draft keeps what happened and drops every name, place, day and number', async () => {
    const t = testBff()
    const id = await finishedCase(t)
    const draft = await t.ok(OWNER, casesRoutes.libraryDraft, { params: { id } })
    for (const k of known) expect({ k, found: `${draft.title}${draft.story}`.includes(k) }).toEqual({ k, found: false })
    expect(findUnmaskedPersonalData(draft.story)).toBeNull()
    expect(draft.story).toContain('丈夫对方在某社区某处家中打人')
    expect(draft.story).toContain('第 1 天 · 妇联：办结（对方已被辖区派出所出具告诫书，求助人某处）')
    expect(draft.outcome).toBe('warning_letter')
    expect(draft.title).toBe('家庭暴力：告诫书')
    expect(draft.period).toMatch(/^\d{4} 年$/)
  })

  it('what the owner types is anonymised again before it is kept', async () => {
    const t = testBff()
    const id = await finishedCase(t)
    const e = await t.ok(OWNER, casesRoutes.librarySubmit, {
      params: { id },
      body: { title: '林秀娟案：告诫书', story: '林秀娟 2026-11-03 在翠湖花园被黄大勇殴打，身份证 440306199001011238，当晚报警，次日出具告诫书。', lesson: '周小红回访时先问林女士是否方便说话。', outcome: 'warning_letter' },
    })
    for (const k of [...known, '翠湖花园', '2026-11-03', '林女士']) expect({ k, found: `${e.title}${e.story}${e.lesson}`.includes(k) }).toEqual({ k, found: false })
    expect(e.story).toContain('求助人 某日在某小区被对方殴打')
    expect(e.lesson).toBe('工作人员回访时先问当事人是否方便说话。')
  })

  it('anonymise: a table of what becomes what', () => {
    const k = { replace: [['林秀娟', '求助人']] as [string, string][] }
    const cases: [string, string][] = [
      ['林秀娟来电', '求助人来电'],
      ['陈女士再次来电', '当事人再次来电'],
      ['暂住流塘社区朋友家', '暂住某社区朋友家'],
      ['住航城大道102号', '住某处'],
      ['11月3日 21:30', '某日 某时'],
      ['2026年11月5日', '某日'],
      ['电话13912345678', '电话（电话已删去）'],
      ['带孩子去沙井', '带孩子去某街道'],
      ['西乡派出所出警', '辖区派出所出警'],
      ['民政临时救助与社区岗位一起用', '民政临时救助与社区岗位一起用'],
      ['已转社区人民调解委员会', '已转社区人民调解委员会'],
      ['梁**的丈夫', '当事人的丈夫'],
    ]
    expect(cases.map(([from]) => [from, anonymise(from, k)])).toEqual(cases)
  })
})

describe('case library: reviewed before publishing', () => {
  it('submit → 待审核 (the head has it, nobody else sees it) → 不通过 with a reason → 修改后重新提交 → 通过 → every colleague finds it', async () => {
    const t = testBff()
    const id = await finishedCase(t)
    const audit0 = t.db.audit.length
    const draft = await t.ok(OWNER, casesRoutes.libraryDraft, { params: { id } })
    const sent = await t.ok(OWNER, casesRoutes.librarySubmit, { params: { id }, body: { title: draft.title, story: draft.story, lesson: '短', outcome: 'warning_letter' } }).catch((e: Error) => e)
    expect(String(sent)).toContain('400')
    const e = await t.ok(OWNER, casesRoutes.librarySubmit, { params: { id }, body: { title: draft.title, story: draft.story, lesson: '告诫书要及时，回访要单独通话。', outcome: 'warning_letter' } })
    expect(e).toMatchObject({ state: 'pending', submittedBy: '周小红', caseId: id, availableActions: [] })
    // pending: only the submitter and the reviewer know of it
    expect((await t.as(COLLEAGUE, casesRoutes.libraryGet, { params: { entryId: e.id } })).status).toBe(404)
    expect((await t.ok(COLLEAGUE, casesRoutes.library, { query: {} })).items.map((x) => x.id)).not.toContain(e.id)
    const review = await t.ok(HEAD, casesRoutes.library, { query: { box: 'review' } })
    expect(review.items.map((x) => x.id)).toContain(e.id)
    expect(t.db.workItems.filter((w) => w.objectId === e.id && w.status === 'open').map((w) => [w.assigneeId, w.step])).toEqual([[HEAD, '待审核入库']])
    // the submitter cannot pass her own; a refusal needs a reason; a second submission is refused
    await refuse(t, OWNER, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action: 'approve', version: e.version } }, 403, '不能审核自己提交的案例')
    await refuse(t, HEAD, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action: 'refuse', version: e.version } }, 400, '请填写不通过的理由')
    await refuse(t, OWNER, casesRoutes.librarySubmit, { params: { id }, body: { title: draft.title, story: draft.story, lesson: '再交一次看看', outcome: 'warning_letter' } }, 409, '这个案件已提交入库，正在审核')
    const refused = await t.ok(HEAD, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action: 'refuse', version: e.version, note: '请写明告诫书之后如何跟进' } })
    expect(refused).toMatchObject({ state: 'refused', reviewNote: '请写明告诫书之后如何跟进' })
    expect(t.db.workItems.filter((w) => w.objectId === e.id && w.status === 'open')).toEqual([])
    const mine = await t.ok(OWNER, casesRoutes.libraryGet, { params: { entryId: e.id } })
    expect(mine.availableActions.map((a) => a.key)).toEqual(['resubmit'])
    await refuse(t, HEAD, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action: 'approve', version: refused.version } }, 409)
    const again = await t.ok(OWNER, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action: 'resubmit', version: refused.version, lesson: '告诫书出具后一周内回访，请派出所同步回访情况。' } })
    expect(again.state).toBe('pending')
    await refuse(t, HEAD, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action: 'approve', version: refused.version } }, 409)
    const published = await t.ok(HEAD, casesRoutes.libraryReview, { params: { entryId: e.id }, body: { action: 'approve', version: again.version } })
    expect(published.state).toBe('published')
    // published: a colleague of another street finds it, without who sent it or from which case
    const seen = await t.ok(COLLEAGUE, casesRoutes.libraryGet, { params: { entryId: e.id } })
    expect(seen).toMatchObject({ state: 'published', caseId: null, submittedBy: null, reviewNote: null, lesson: '告诫书出具后一周内回访，请派出所同步回访情况。', availableActions: [] })
    expect(t.db.audit.slice(audit0).map((a) => a.action)).toEqual(['case.library_submit', 'case.library_refuse', 'case.library_resubmit', 'case.library_approve'])
    expect(verifyAudit(t.db.audit).ok).toBe(true)
    await refuse(t, OWNER, casesRoutes.librarySubmit, { params: { id }, body: { title: draft.title, story: draft.story, lesson: '再交一次看看', outcome: 'warning_letter' } }, 409, '这个案件已在案例库中')
  })

  it('only a finished case, only its owner or the head; partner units and helpers have no library', async () => {
    const t = testBff()
    const live = t.db.cases.find((c) => c.ownerId === OWNER && c.status === 'referred')!
    await refuse(t, OWNER, casesRoutes.libraryDraft, { params: { id: live.id } }, 409, '案件核准之后才能提交入库')
    const id = await finishedCase(t)
    t.db.users.push({ ...t.db.users.find((u) => u.id === OWNER)!, id: 'u-test-xx', name: '测试同事', externalId: 'wecom-u-test-xx' })
    await refuse(t, 'u-test-xx', casesRoutes.libraryDraft, { params: { id } }, 403, '只有首接负责人或区妇联负责人可以把案件提交入库')
    await refuse(t, COLLEAGUE, casesRoutes.libraryDraft, { params: { id } }, 404)
    for (const who of [POLICE, 'u-counsel-01', 'u-fedexec-01', 'u-auditor-01']) expect({ who, status: (await t.as(who, casesRoutes.library, { query: {} })).status }).toEqual({ who, status: 403 })
  })
})

describe('case library: searched by category, outcome and words', () => {
  it('the seeded library: published entries only, filtered as asked', async () => {
    const t = testBff()
    const titles = async (query: RouteInput<typeof casesRoutes.library>['query']) => (await t.ok(COLLEAGUE, casesRoutes.library, { query })).items.map((e: LibraryEntry) => `${e.category}/${e.outcome}`)
    expect(await titles({})).toEqual(['hardship/assistance', 'domestic_violence/warning_letter'])
    expect(await titles({ category: 'domestic_violence' })).toEqual(['domestic_violence/warning_letter'])
    expect(await titles({ outcome: 'assistance' })).toEqual(['hardship/assistance'])
    expect(await titles({ category: 'domestic_violence', outcome: 'assistance' })).toEqual([])
    expect(await titles({ q: '就业' })).toEqual(['hardship/assistance'])
    // the refused one is the submitter's and the reviewer's business
    expect((await t.ok('u-staff-39', casesRoutes.library, { query: { box: 'review' } })).items.map((e) => e.state)).toEqual(['refused'])
    expect((await t.ok(COLLEAGUE, casesRoutes.library, { query: { box: 'review' } })).items).toEqual([])
    // nothing that names anyone of the seed
    const all = JSON.stringify((await t.ok(HEAD, casesRoutes.library, { query: { limit: 50 } })).items)
    for (const c of t.db.cases) for (const v of [c.subject.name, c.otherName, c.subject.phone, c.number].filter(Boolean) as string[]) expect({ v, found: all.includes(v) }).toEqual({ v, found: false })
  })

  it('statistics count closed cases by outcome', async () => {
    const t = testBff()
    await finishedCase(t)
    const s = await t.ok(HEAD, casesRoutes.stats)
    const by = Object.fromEntries(s.byOutcome.map((o) => [o.key, o.count]))
    expect(by).toMatchObject({ warning_letter: 2, assistance: 1, mediated: 1, legal_aid: 1, protection_order: 0 })
  })
})
