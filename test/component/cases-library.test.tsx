import { screen, waitFor, within } from '@testing-library/react'
import { casesRoutes } from '../../src/contract/cases'
import IntakePage from '../../src/features/cases/pages/intake/index'
import CaseDetailPage from '../../src/features/cases/pages/detail/index'
import LibraryPage from '../../src/features/cases/pages/library/index'
import LibraryEntryPage from '../../src/features/cases/pages/library-entry/index'
import LibrarySubmitPage from '../../src/features/cases/pages/library-submit/index'
import StatsPage from '../../src/features/cases/pages/stats/index'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { alerts, buttonNamed, choose, openPageAs, pinDateToMockClock, settle, tap, typeIn, typeInto } from './dom'

/**
 * 办结 with its 办理结果类别, the 维权案例库 (the anonymised draft, review, search) and the 执委's photo, as the
 * people using them see them.
 */

const OWNER = 'u-fed-02'
const HEAD = 'u-staff-08'
const COLLEAGUE = 'u-staff-20'
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

const sms = { channels: ['sms' as const], window: 'weekday_daytime' as const, doNotCallHome: true }
const rowOf = (t: T, id: string) => t.db.cases.find((c) => c.id === id)!
async function handlingCase(t: T) {
  const c = await t.ok(OWNER, casesRoutes.create, {
    body: { channel: 'hotline', category: 'domestic_violence', streetName: '西乡街道', summary: '林秀娟来电称被丈夫黄大勇殴打，住固戍社区。', subject: { name: '林秀娟', phone: '13912345678' }, otherName: '黄大勇', minor: false, safeContact: sms, riskAnswers: [] },
  })
  await t.ok(OWNER, casesRoutes.act, { params: { id: c.id }, body: { action: 'start', version: rowOf(t, c.id).version } })
  return c.id
}
async function approvedCase(t: T) {
  const id = await handlingCase(t)
  await t.ok(OWNER, casesRoutes.act, { params: { id }, body: { action: 'close', version: rowOf(t, id).version, opinion: '已请派出所出具告诫书', outcome: 'warning_letter' } })
  await t.ok(HEAD, casesRoutes.act, { params: { id }, body: { action: 'approve', version: rowOf(t, id).version } })
  return id
}
const sheet = () => document.querySelector('.opinion-sheet') as HTMLElement

describe('办结 says what it came to', () => {
  it('after the result is typed, a sheet asks for the 办理结果类别, and nothing is sent without one', async () => {
    const t = testRootStore()
    const id = await handlingCase(t)
    await openPageAs(t, OWNER, CaseDetailPage, { params: { id }, readyWhen: '.cs-title' })
    tap(buttonNamed('办结'))
    await settle()
    await typeInto(document.querySelector('.opinion-sheet taro-textarea-core, .opinion-sheet .nut-textarea')!, '已出具告诫书并回访')
    tap(buttonNamed('确定办结'))
    await waitFor(() => expect(screen.getByRole('radiogroup', { name: '办理结果类别' })).toBeTruthy())
    // 确定办结 without a category: told, nothing sent
    tap(within(screen.getByRole('radiogroup', { name: '办理结果类别' }).parentElement!).getByText('确定办结'))
    await settle()
    expect(fake.toasts.at(-1)).toBe('请选择办理结果类别')
    expect(rowOf(t, id).status).toBe('handling')
    choose('办理结果类别', '告诫书')
    tap(within(screen.getByRole('radiogroup', { name: '办理结果类别' }).parentElement!).getByText('确定办结'))
    await waitFor(() => expect(rowOf(t, id).status).toBe('closed'))
    expect(rowOf(t, id)).toMatchObject({ outcome: 'warning_letter', result: '已出具告诫书并回访' })
    await waitFor(() => expect(document.body.textContent).toContain('办理结果：告诫书'))
  })
})

describe('提交案例库', () => {
  it('the finished case offers it; the page shows the server’s anonymised draft and asks for a lesson; one tap, one entry', async () => {
    const t = testRootStore()
    const id = await approvedCase(t)
    await openPageAs(t, OWNER, CaseDetailPage, { params: { id }, readyWhen: '.cs-title' })
    tap(buttonNamed('提交案例库'))
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: `/features/cases/pages/library-submit/index?caseId=${id}` })

    await openPageAs(t, OWNER, LibrarySubmitPage, { params: { caseId: id }, readyWhen: '.cs-story' })
    const story = (document.querySelector('[aria-label="案情与办理经过"]') as HTMLTextAreaElement)
    const text = story.getAttribute('value') ?? (story as unknown as { value: string }).value
    expect(text).toContain('求助人来电称被丈夫对方殴打，住某社区')
    for (const w of ['林秀娟', '黄大勇', '固戍', '西乡']) expect(text).not.toContain(w)
    expect(screen.getByRole('radio', { name: '告诫书' }).getAttribute('aria-checked')).toBe('true')
    const before = t.db.caseLibrary!.length
    tap(buttonNamed('提交审核'))
    await settle()
    expect(alerts()).toContain('请写明办案启示（至少 5 个字）')
    expect(t.db.caseLibrary!.length).toBe(before)
    await typeIn('办案启示', '周小红回访时先问林秀娟是否方便说话。')
    tap(buttonNamed('提交审核'))
    tap(buttonNamed('提交审核'))
    await waitFor(() => expect(fake.navigations.at(-1)?.kind).toBe('redirectTo'))
    expect(t.db.caseLibrary!.length).toBe(before + 1)
    const e = t.db.caseLibrary!.at(-1)!
    expect(e).toMatchObject({ state: 'pending', lesson: '工作人员回访时先问求助人是否方便说话。', outcome: 'warning_letter' })
    expect(fake.navigations.at(-1)!.url).toBe(`/features/cases/pages/library-entry/index?id=${e.id}`)
  })
})

describe('审核 and the library', () => {
  it('the head refuses with a reason; the owner reads it, mends the lesson and sends it again; the head publishes it', async () => {
    const t = testRootStore()
    const id = await approvedCase(t)
    const draft = await t.ok(OWNER, casesRoutes.libraryDraft, { params: { id } })
    const e = await t.ok(OWNER, casesRoutes.librarySubmit, { params: { id }, body: { title: draft.title, story: draft.story, lesson: '告诫书要及时。', outcome: 'warning_letter' } })

    await openPageAs(t, HEAD, LibraryEntryPage, { params: { id: e.id }, readyWhen: '.cs-story' })
    expect(document.body.textContent).toContain('周小红 提交于')
    tap(buttonNamed('不通过'))
    await settle()
    tap(within(sheet()).getByText('确定不通过'))
    await settle()
    expect(alerts()).toContain('请填写不通过的理由')
    await typeInto(sheet().querySelector('taro-textarea-core, .nut-textarea, textarea')!, '请写明告诫书之后怎样跟进')
    tap(within(sheet()).getByText('确定不通过'))
    await waitFor(() => expect(t.db.caseLibrary!.find((x) => x.id === e.id)!.state).toBe('refused'))

    await openPageAs(t, OWNER, LibraryEntryPage, { params: { id: e.id }, readyWhen: '.cs-title' })
    expect(screen.getByLabelText('审核意见').textContent).toContain('请写明告诫书之后怎样跟进')
    await typeIn('办案启示', '告诫书出具后一周内回访，并请派出所同步回访情况。')
    tap(buttonNamed('修改后重新提交'))
    await waitFor(() => expect(t.db.caseLibrary!.find((x) => x.id === e.id)!.state).toBe('pending'))
    expect(t.db.caseLibrary!.find((x) => x.id === e.id)!.lesson).toBe('告诫书出具后一周内回访，并请派出所同步回访情况。')

    await openPageAs(t, HEAD, LibraryEntryPage, { params: { id: e.id }, readyWhen: '.cs-story' })
    tap(buttonNamed('通过并发布'))
    await settle()
    tap(within(sheet()).getByText('确定通过并发布'))
    await waitFor(() => expect(t.db.caseLibrary!.find((x) => x.id === e.id)!.state).toBe('published'))
  })

  it('a colleague searches by category, outcome and words, and sees no one behind the entries', async () => {
    const t = testRootStore()
    await openPageAs(t, COLLEAGUE, LibraryPage, { readyWhen: '.cs-lib-item' })
    const titles = () => Array.from(document.querySelectorAll('.cs-lib-item .cs-item-title')).map((x) => x.textContent)
    expect(titles()).toEqual(['困境帮扶：救助帮扶', '家庭暴力：告诫书'])
    tap(within(screen.getByRole('group', { name: '按类别' })).getByText('家庭暴力'))
    await waitFor(() => expect(titles()).toEqual(['家庭暴力：告诫书']))
    tap(within(screen.getByRole('group', { name: '按办理结果' })).getByText('救助帮扶'))
    await waitFor(() => expect(document.body.textContent).toContain('没有找到案例'))
    tap(within(screen.getByRole('group', { name: '按类别' })).getByText('家庭暴力'))
    await waitFor(() => expect(titles()).toEqual(['困境帮扶：救助帮扶']))
    tap(within(screen.getByRole('group', { name: '按办理结果' })).getByText('救助帮扶'))
    await typeIn('关键词', '告诫书')
    tap(buttonNamed('检索'))
    await waitFor(() => expect(titles()).toEqual(['家庭暴力：告诫书']))
    for (const c of t.db.cases) expect(document.body.textContent).not.toContain(c.subject.name)
    // the refused seed entry is not hers to see
    tap(screen.getByRole('tab', { name: '审核中' }))
    await waitFor(() => expect(document.body.textContent).toContain('没有审核中的案例'))
  })
})

describe('执委/网格 report from the phone, with a photo', () => {
  const previousEnv = process.env.TARO_ENV
  let chooseNext: File[] = []
  const realClick = HTMLInputElement.prototype.click
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
    HTMLInputElement.prototype.click = function (this: HTMLInputElement) {
      if (this.type !== 'file') return realClick.call(this)
      Object.defineProperty(this, 'files', { value: chooseNext, configurable: true })
      this.onchange?.(new Event('change'))
    }
  })
  afterEach(() => {
    HTMLInputElement.prototype.click = realClick
    process.env.TARO_ENV = previousEnv
  })

  it('the photo is uploaded, goes with the report, and the street 妇联 sees it on the case', async () => {
    const t = testRootStore()
    await openPageAs(t, 'u-fedexec-01', IntakePage, { readyWhen: '.cs-risk' })
    const files0 = t.db.files.length
    chooseNext = [new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'IMG_0412.jpg', { type: 'image/jpeg' })]
    tap(buttonNamed('拍照或选照片'))
    await waitFor(() => expect(screen.getByLabelText('已添加的照片').textContent).toContain('IMG_0412.jpg'))
    expect(t.db.files.length).toBe(files0 + 1)
    await typeInto(screen.getByLabelText('情况简述'), '走访时见其手臂有淤青，称被丈夫打。')
    await typeIn('求助人姓名', '许女士')
    choose('所在街道', '西乡')
    tap(buttonNamed('上报'))
    await waitFor(() => expect(fake.navigations.at(-1)?.kind).toBe('redirectTo'))
    const c = t.db.cases.at(-1)!
    expect(c).toMatchObject({ channel: 'exec_report', reporterId: 'u-fedexec-01', photoId: t.db.files.at(-1)!.id })

    await openPageAs(t, OWNER, CaseDetailPage, { params: { id: c.id }, readyWhen: '.cs-title' })
    expect(document.body.textContent).toContain('现场照片')
    expect(document.body.textContent).toContain('IMG_0412.jpg')
    const meta = await t.as(OWNER, (await import('../../src/contract/files')).fileRoutes.meta, { params: { id: c.photoId! } })
    expect(meta.status).toBe(200)
    // a colleague of another street has no part in it, nor in its photo
    expect((await t.as(COLLEAGUE, (await import('../../src/contract/files')).fileRoutes.meta, { params: { id: c.photoId! } })).status).toBe(404)
  })
})

describe('维权统计', () => {
  it('charts outcomes and each partner unit’s turnaround, never a person', async () => {
    const t = testRootStore()
    await openPageAs(t, HEAD, StatsPage, { readyWhen: '.cs-bars' })
    const chart = (name: string) => Array.from(screen.getByRole('list', { name }).querySelectorAll('[role=listitem]')).map((x) => x.getAttribute('aria-label'))
    expect(chart('按办理结果（已办结）')).toEqual(expect.arrayContaining(['告诫书 1 件', '救助帮扶 1 件', '调解化解 1 件', '法律援助/支持起诉 1 件']))
    expect(chart('联动单位签收用时（中位数）').length).toBeGreaterThan(3)
    for (const l of chart('联动单位签收用时（中位数）')) expect(l).toMatch(/^(宝安|区|.*(所|院|局|学校)).* [\d.]+ 时$/)
    for (const u of t.db.users.filter((x) => x.roles.includes('partner_liaison'))) expect(document.body.textContent).not.toContain(u.name)
  })
})
