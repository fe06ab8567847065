import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import ComposePage from '../../src/features/documents/pages/compose/index'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { alerts, buttonNamed, choose, errorBeside, fieldCard, innerInput, openPageAs, pinDateToMockClock, queryButtonsNamed, recordCalls, settle, tap, typeIn } from './dom'

/** 黄雅婷, 文书 of 区政府办公室文电科: drafts for 区政府办公室; 文电科科长 钟秀琴 does her 核稿. */
const ME = 'u-clerk-01'
const REVIEWER = 'u-staff-04'
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

const BODY = '请各单位按照区委区政府部署，于12月10日前报送本年度工作总结和明年工作计划。'
const creates = (calls: string[]) => calls.filter((c) => c === 'POST /api/v1/documents')
const mine = (t: T) => t.db.documents.filter((d) => d.drafterId === ME)

async function openCompose(params: Record<string, string> = {}, t: T = testRootStore()) {
  const view = await openPageAs(t, ME, ComposePage, { params, readyWhen: () => screen.getByRole('radiogroup', { name: '文种' }) })
  return { t, view }
}

const openEdit = (t: T, id: string) => openPageAs(t, ME, ComposePage, { params: { id } })

const chosen = (group: string) =>
  within(screen.getByRole('radiogroup', { name: group }))
    .queryAllByRole('radio')
    .filter((r) => r.getAttribute('aria-checked') === 'true')
    .map((r) => r.getAttribute('aria-label') ?? r.textContent)
const chipsOf = (label: string) => Array.from(fieldCard(label).querySelectorAll('.form-chip')).map((c) => c.textContent?.replace(/\s*×$/, ''))

/** Opens the unit picker of a field, ticks the units by name and confirms. */
async function pickUnits(label: string, names: string[]) {
  tap(within(fieldCard(label)).getByRole('button', { name: `选择${label}` }))
  await waitFor(() => expect(screen.getAllByRole('checkbox').length).toBeGreaterThan(3))
  for (const n of names) tap(screen.getByRole('checkbox', { name: n }))
  tap(buttonNamed(`确定（${names.length + chipsOf(label).length}）`))
  await sheetClosed()
}

/** NutUI's sheet animates open and shut on timers; let them finish inside act(). */
async function sheetClosed() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 400))
  })
}

async function fillValid() {
  choose('文种', '通知')
  await typeIn('标题', '关于报送2026年度工作总结的通知')
  await pickUnits('主送', ['区政务服务数据管理局', '区民政局'])
  tap(screen.getByRole('radio', { name: '罗家明' }))
  await typeIn('正文', BODY)
  await settle()
}

describe('拟稿', () => {
  it('offers the 文种, the leaders who may sign with their posts, and starts as 非密、平件', async () => {
    await openCompose()
    expect(within(screen.getByRole('radiogroup', { name: '文种' })).getAllByRole('radio').map((r) => r.textContent)).toEqual(['通知', '请示', '报告', '函', '纪要', '意见', '批复'])
    expect(chosen('密级')).toEqual(['非密'])
    expect(chosen('紧急程度')).toEqual(['平件'])
    const signers = within(screen.getByRole('radiogroup', { name: '签发人' }))
    expect(signers.getByRole('radio', { name: '罗家明' }).textContent).toContain('副区长')
    expect(signers.getByRole('radio', { name: '叶国栋' }).textContent).toContain('区政府办公室主任')
    expect(within(fieldCard('会签单位')).getByText('会签单位负责人并行会签，全部同意后再送签发')).toBeTruthy()
    // 平件 has no time limit to set
    expect(screen.queryByLabelText('办理时限')).toBeNull()
  })

  it('sent empty, says beside each required field what is missing, and creates nothing', async () => {
    const { t } = await openCompose()
    const before = t.db.documents.length
    const calls = recordCalls(t)
    tap(buttonNamed('送审'))
    await settle()
    expect(errorBeside('文种')).toBe('请选择「文种」')
    expect(errorBeside('标题')).toBe('请填写「标题」')
    expect(errorBeside('主送')).toBe('请选择「主送」')
    expect(errorBeside('签发人')).toBe('请选择「签发人」')
    expect(errorBeside('正文')).toBe('请填写「正文」')
    expect(errorBeside('抄送')).toBeNull()
    expect(errorBeside('会签单位')).toBeNull()
    expect(alerts()).toHaveLength(5)
    expect(fake.toasts).toEqual(['请按提示修改后再送审'])
    expect(creates(calls)).toEqual([])
    expect(t.db.documents).toHaveLength(before)
    expect(fake.navigations).toEqual([])

    // each message goes as soon as its field is right
    choose('文种', '请示')
    await settle()
    expect(errorBeside('文种')).toBeNull()
    expect(errorBeside('标题')).toBe('请填写「标题」')
  })

  it('a title or body too short gets the server\'s words beside it', async () => {
    const { t } = await openCompose()
    const before = t.db.documents.length
    await fillValid()
    await typeIn('标题', '通知')
    await typeIn('正文', '请按时报送')
    tap(buttonNamed('保存草稿'))
    await settle()
    expect(alerts()).toEqual(['「标题」至少 4 个字', '「正文」至少 10 个字'])
    expect(errorBeside('标题')).toBe('「标题」至少 4 个字')
    expect(screen.getByText('5/20000')).toBeTruthy()
    expect(t.db.documents).toHaveLength(before)

    await typeIn('标题', '关于报送材料的通知')
    await settle()
    expect(errorBeside('标题')).toBeNull()
    expect(errorBeside('正文')).toBe('「正文」至少 10 个字')
  })

  it('a valid draft is saved once however often 保存草稿 is tapped, and later saves change the same draft', async () => {
    const { t } = await openCompose()
    const before = t.db.documents.length
    await fillValid()
    await pickUnits('会签单位', ['区政务服务数据管理局'])
    expect(chipsOf('主送')).toEqual(['区政务服务数据管理局', '区民政局'])
    expect(chipsOf('会签单位')).toEqual(['区政务服务数据管理局'])
    const calls = recordCalls(t)
    const save = buttonNamed('保存草稿')
    tap(save)
    tap(save)
    tap(save)
    await waitFor(() => expect(fake.toasts).toContain('草稿已保存'))
    await settle()
    expect(creates(calls)).toHaveLength(1)
    expect(t.db.documents).toHaveLength(before + 1)
    const row = mine(t).at(-1)!
    expect(row).toMatchObject({
      kind: 'outgoing',
      status: 'draft',
      stage: 'draft',
      docType: '通知',
      title: '关于报送2026年度工作总结的通知',
      secrecy: 'none',
      urgency: 'normal',
      deadline: null,
      mainToDeptIds: ['dept-data', 'dept-civil'],
      ccDeptIds: [],
      countersignDeptIds: ['dept-data'],
      signerId: 'u-leader-01',
      body: BODY,
    })
    expect(fake.navigations).toEqual([])

    // the page now edits that draft: a second save updates it instead of creating another
    await typeIn('标题', '关于报送2026年度工作总结和2027年工作计划的通知')
    tap(buttonNamed('保存草稿'))
    await waitFor(() => expect(calls.filter((c) => c === `PUT /api/v1/documents/${row.id}`)).toHaveLength(1))
    await settle()
    expect(creates(calls)).toHaveLength(1)
    expect(t.db.documents).toHaveLength(before + 1)
    expect(row.title).toBe('关于报送2026年度工作总结和2027年工作计划的通知')
  })

  it('keeps what was typed on the phone and brings it back when the page opens again', async () => {
    const t = testRootStore()
    const first = await openCompose({}, t)
    const before = t.db.documents.length
    choose('文种', '函')
    await typeIn('标题', '关于商请协助开展数据共享的函')
    await pickUnits('主送', ['区政务服务数据管理局'])
    await typeIn('正文', '为推进政务数据共享，现商请贵局协助……')
    await new Promise((r) => setTimeout(r, 400)) // the draft is kept 300 ms after the last keystroke
    first.view.unmount()
    // kept on the phone only: nothing went to the server
    expect(t.db.documents).toHaveLength(before)

    await openCompose({}, t)
    expect(screen.getByText('已恢复上次未保存的内容')).toBeTruthy()
    expect(chosen('文种')).toEqual(['函'])
    expect((await innerInput('标题')).value).toBe('关于商请协助开展数据共享的函')
    expect(chipsOf('主送')).toEqual(['区政务服务数据管理局'])
    await waitFor(async () => expect((await innerInput('正文')).value).toBe('为推进政务数据共享，现商请贵局协助……'))
  })

  it('送审 saves the draft, sends it to 核稿 and opens the document; the phone draft is gone', async () => {
    const t = testRootStore()
    const { view } = await openCompose({}, t)
    const before = t.db.documents.length
    await fillValid()
    await new Promise((r) => setTimeout(r, 400))
    const send = buttonNamed('送审')
    tap(send)
    tap(send)
    await waitFor(() => expect(fake.navigations.some((n) => n.kind === 'redirectTo')).toBe(true))
    await settle()
    expect(t.db.documents).toHaveLength(before + 1)
    const row = mine(t).at(-1)!
    expect(row).toMatchObject({ title: '关于报送2026年度工作总结的通知', status: 'in_progress', stage: 'review' })
    expect(row.tasks.filter((x) => x.state === 'open').map((x) => x.userId)).toEqual([REVIEWER])
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/features/documents/pages/detail/index?id=${row.id}` }])
    expect(fake.modals).toEqual([])
    view.unmount()

    await openCompose({}, t)
    expect(screen.queryByText('已恢复上次未保存的内容')).toBeNull()
    expect((await innerInput('标题')).value).toBe('')
  })

  it('加急 asks for an optional time limit; left empty, the office works one out', async () => {
    const { t } = await openCompose()
    await fillValid()
    choose('紧急程度', '加急')
    await settle()
    const card = fieldCard('办理时限')
    expect(within(card).getByText('不填则按特急 1 个工作日、加急 3 个工作日自动计算')).toBeTruthy()
    expect(within(card).getByText('点此选择日期')).toBeTruthy()
    tap(buttonNamed('保存草稿'))
    await waitFor(() => expect(fake.toasts).toContain('草稿已保存'))
    const row = mine(t).at(-1)!
    expect(row.urgency).toBe('urgent')
    expect(row.deadline).not.toBeNull()

    choose('紧急程度', '平件')
    await settle()
    expect(screen.queryByLabelText('办理时限')).toBeNull()
  })

  it('a refusal from the server shows beside its field, and the corrected form then saves', async () => {
    const { t } = await openCompose()
    const before = t.db.documents.length
    await fillValid()
    // a 文书 holds 秘密 clearance, not 机密
    choose('密级', '机密')
    tap(buttonNamed('保存草稿'))
    await waitFor(() => expect(errorBeside('密级')).toBe('您没有机密公文的知悉权限，不能起草该密级的公文'))
    expect(t.db.documents).toHaveLength(before)
    expect(fake.modals).toEqual([])

    choose('密级', '秘密')
    tap(buttonNamed('保存草稿'))
    await waitFor(() => expect(fake.toasts).toContain('草稿已保存'))
    expect(t.db.documents).toHaveLength(before + 1)
    expect(mine(t).at(-1)!.secrecy).toBe('confidential')
    expect(errorBeside('密级')).toBeNull()
  })

  it('the unit picker finds units by name and keeps only what was confirmed', async () => {
    await openCompose()
    tap(within(fieldCard('抄送')).getByRole('button', { name: '选择抄送' }))
    await waitFor(() => expect(screen.getAllByRole('checkbox').length).toBeGreaterThan(3))
    const search = await waitFor(() => {
      const el = screen.getByLabelText('搜索选择抄送').querySelector('input')
      if (!el) throw new Error('the search box has not rendered its input yet')
      return el
    })
    fireEvent.input(search, { target: { value: '财政' } })
    await waitFor(() => expect(screen.getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['区财政局']))
    tap(screen.getByRole('checkbox', { name: '区财政局' }))
    expect(screen.getByRole('checkbox', { name: '区财政局' }).getAttribute('aria-checked')).toBe('true')
    tap(buttonNamed('确定（1）'))
    await sheetClosed()
    expect(chipsOf('抄送')).toEqual(['区财政局'])

    // a chip taps away
    tap(within(fieldCard('抄送')).getByRole('button', { name: '移除区财政局' }))
    await settle()
    expect(chipsOf('抄送')).toEqual([])
  })

  it('edits a saved draft: its fields come back and 保存草稿 changes that draft', async () => {
    const t = testRootStore()
    const saved = await t.ok(ME, routes.documents.create, {
      body: {
        docType: '请示',
        title: '关于申请增加政务服务窗口人员编制的请示',
        secrecy: 'none',
        urgency: 'normal',
        mainToDeptIds: ['dept-hr'],
        ccDeptIds: ['dept-finance'],
        countersignDeptIds: [],
        signerId: 'u-leader-02',
        body: '因业务量增长，拟申请增加窗口人员编制五名，妥否，请批示。',
        attachmentIds: [],
      },
    })
    const before = t.db.documents.length
    await openCompose({ id: saved.id }, t)
    expect(chosen('文种')).toEqual(['请示'])
    expect((await innerInput('标题')).value).toBe('关于申请增加政务服务窗口人员编制的请示')
    expect(chipsOf('主送')).toEqual(['区人力资源局'])
    expect(chipsOf('抄送')).toEqual(['区财政局'])
    expect(chosen('签发人')).toEqual(['叶国栋'])
    await waitFor(async () => expect((await innerInput('正文')).value).toBe('因业务量增长，拟申请增加窗口人员编制五名，妥否，请批示。'))

    const calls = recordCalls(t)
    await typeIn('标题', '关于申请增加政务服务窗口人员编制的紧急请示')
    tap(buttonNamed('保存草稿'))
    await waitFor(() => expect(fake.toasts).toContain('草稿已保存'))
    expect(calls.filter((c) => c.startsWith('POST') || c.startsWith('PUT'))).toEqual([`PUT /api/v1/documents/${saved.id}`])
    expect(t.db.documents).toHaveLength(before)
    const row = t.db.documents.find((d) => d.id === saved.id)!
    expect(row.title).toBe('关于申请增加政务服务窗口人员编制的紧急请示')
    expect(row.version).toBe(saved.version + 1)
  })

  it('a draft returned by 核稿 comes back with its 加急 time limit and goes back with 修改后重新送审', async () => {
    const t = testRootStore()
    const duty = t.db.documents.find((d) => d.title === '关于调整区政府办公室值班安排的通知')!
    expect(duty.status).toBe('returned')
    const deadline = duty.deadline!
    await openCompose({ id: duty.id }, t)
    expect(chosen('紧急程度')).toEqual(['加急'])
    expect(screen.getByLabelText('办理时限').textContent).toBe(`${deadline.slice(0, 10)} 18:00 前`)
    expect(buttonNamed('修改后重新送审')).toBeTruthy()
    expect(queryButtonsNamed('送审')).toEqual([])

    await typeIn('正文', '各科室：\n\n因元旦假期临近，对值班安排调整如下，1月1日至3日由叶国栋同志带班：……')
    tap(buttonNamed('修改后重新送审'))
    await waitFor(() => expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/features/documents/pages/detail/index?id=${duty.id}` }]))
    expect(duty).toMatchObject({ status: 'in_progress', stage: 'review' })
    expect(duty.body).toContain('叶国栋同志带班')
    // the time limit worked out when it was first saved stays as it was
    expect(duty.deadline).toBe(deadline)
    expect(duty.tasks.filter((x) => x.state === 'open').map((x) => x.userId)).toEqual([REVIEWER])
  })

  it('a draft already sent for 核稿 cannot be edited here, and someone else\'s is not found', async () => {
    const t = testRootStore()
    const body = { docType: '函' as const, title: '关于数据共享接口调整的函', secrecy: 'none' as const, urgency: 'normal' as const, mainToDeptIds: ['dept-gov-office'], ccDeptIds: [], countersignDeptIds: [], signerId: 'u-leader-01', body: '因系统升级，数据共享接口将于下周调整。', attachmentIds: [] }
    const sent = await t.ok(ME, routes.documents.create, { body })
    await t.ok(ME, routes.documents.act, { params: { id: sent.id }, body: { action: 'submit', version: sent.version } })
    const others = await t.ok('u-clerk-02', routes.documents.create, { body })

    const first = await openEdit(t, sent.id)
    await waitFor(() => expect(screen.getByText('这份公文现在不能修改')).toBeTruthy())
    expect(document.querySelector('.form-field')).toBeNull()
    first.unmount()

    await openEdit(t, others.id)
    await waitFor(() => expect(screen.getByText('没有找到这份公文')).toBeTruthy())
    expect(document.querySelector('.form-field')).toBeNull()
  })

  it('in 长辈模式 the whole form is still there to fill in', async () => {
    const t = testRootStore()
    t.root.ui.setElderMode(true)
    await openCompose({}, t)
    expect(document.querySelector('.app-root.elder')).not.toBeNull()
    for (const label of ['文种', '标题', '密级', '紧急程度', '主送', '抄送', '会签单位', '签发人', '正文']) expect(fieldCard(label)).toBeTruthy()
    expect(buttonNamed('保存草稿')).toBeTruthy()
    expect(buttonNamed('送审')).toBeTruthy()
  })
})

describe('附件', () => {
  const previousEnv = process.env.TARO_ENV
  let chooseNext: File[] = []
  const realClick = HTMLInputElement.prototype.click
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
    // the browser's file chooser: hands over whatever the test put in `chooseNext`
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

  it('uploads the chosen files, keeps them with the draft, and lets one be removed before saving', async () => {
    const { t } = await openCompose()
    await fillValid()
    const before = t.db.files.length
    chooseNext = [new File(['%PDF-1.4 工作计划'], '附件1：工作计划.pdf', { type: 'application/pdf' }), new File(['%PDF-1.4 名单'], '附件2：联系人名单.pdf', { type: 'application/pdf' })]
    tap(screen.getByRole('button', { name: '添加附件' }))
    await waitFor(() => expect(within(fieldCard('附件（可不填）')).getByText('附件2：联系人名单.pdf')).toBeTruthy())
    expect(t.db.files.length).toBe(before + 2)
    tap(screen.getByRole('button', { name: '移除附件1：工作计划.pdf' }))
    await settle()
    expect(within(fieldCard('附件（可不填）')).queryByText('附件1：工作计划.pdf')).toBeNull()
    tap(buttonNamed('保存草稿'))
    await settle()
    const saved = mine(t).at(-1)!
    expect(saved.attachmentIds.map((id) => t.db.files.find((f) => f.id === id)?.name)).toEqual(['附件2：联系人名单.pdf'])
  })

  it('says why a file is refused and keeps the form as it was', async () => {
    const { t } = await openCompose()
    await fillValid()
    const before = t.db.files.length
    chooseNext = [new File(['#!/bin/sh'], '脚本.sh', { type: 'application/x-sh' })]
    tap(screen.getByRole('button', { name: '添加附件' }))
    await waitFor(() => expect(fake.modals.at(-1)?.content ?? fake.toasts.at(-1)).toBe('不支持该文件类型，请上传 PDF、图片或 Office 文档'))
    expect(t.db.files.length).toBe(before)
    expect(within(fieldCard('附件（可不填）')).queryByText('脚本.sh')).toBeNull()
    expect(((await innerInput('标题')) as HTMLInputElement).value).toBe('关于报送2026年度工作总结的通知')
  })
})
