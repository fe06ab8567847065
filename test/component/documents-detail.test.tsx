import { screen, waitFor, within } from '@testing-library/react'
import { fireEvent } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import DocumentDetailPage from '../../src/features/documents/pages/detail/index'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, opinionBox, opinionText, openPageAs, pinDateToMockClock, queryButtonsNamed, recordCalls, settle, tap, typeInto } from './dom'
import { drawOnPad, fakeH5CanvasEachTest } from './signature'
import { signaturePng } from '../../mock/lib/png'

const CLERK = 'u-clerk-01' // 黄雅婷, 文电科 文书: drafts for 区政府办公室
const DOCS_HEAD = 'u-staff-04' // 钟秀琴, 文电科科长: 核稿
const LEADER = 'u-leader-01' // 罗家明, 副区长: 签发
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())
// jsdom plays the H5 build: the signature pad draws on a DOM canvas
const canvas = fakeH5CanvasEachTest()

const docByTitle = (t: T, title: string) => {
  const d = t.db.documents.find((x) => x.title === title)
  if (!d) throw new Error(`no seeded document 「${title}」`)
  return d
}
const LETTER = '关于商请协助开展政务数据共享专项检查的函' // waiting for 钟秀琴's 核稿
const REPORT = '关于2026年第三季度政务公开工作情况的报告' // waiting for 罗家明 to 签发
const NOTICE = '关于做好2026年冬季安全生产工作的通知' // all the way through, numbered and distributed

async function openDetail(t: T, who: string, id: string) {
  await openPageAs(t, who, DocumentDetailPage, { params: { id }, readyWhen: '.doc-head' })
}

const headTags = () => Array.from(document.querySelectorAll('.doc-head .status-tag')).map((el) => el.textContent)
const field = (label: string) => {
  const row = Array.from(document.querySelectorAll('.doc-field')).find((el) => el.querySelector('.doc-field-label')?.textContent === label)
  return row?.querySelector('.doc-field-value')?.textContent ?? null
}
const barButtons = () => Array.from(document.querySelectorAll('.doc-signing-actions taro-button-core')).map((b) => b.textContent?.trim())
const step = (label: string) => {
  const el = document.querySelector(`.doc-step[aria-label="${label}"]`)
  if (!el) return null
  return {
    state: el.querySelector('.status-tag')?.textContent,
    holders: Array.from(el.querySelectorAll('.doc-holder')).map((h) => h.getAttribute('aria-label')),
  }
}
const opinions = () =>
  Array.from(document.querySelectorAll('.doc-opinion')).map((el) => ({
    who: el.querySelector('.doc-opinion-name')?.textContent,
    stage: el.querySelector('.doc-opinion-stage')?.textContent,
    text: el.querySelector('.doc-opinion-text')?.textContent ?? null,
    signature: el.querySelector('.doc-opinion-signature')?.getAttribute('src') ?? null,
  }))
/** Types into a Taro <Input>; Stencil draws its inner <input> a tick after the host. */
async function typeIntoInput(host: Element, value: string) {
  const inner = await waitFor(() => {
    const el = host.querySelector('input')
    if (!el) throw new Error('no <input> inside yet')
    return el
  })
  fireEvent.input(inner, { target: { value } })
}
/** A button inside the same sheet as `inside` (hidden sheets stay in the DOM). */
const sheetButton = (inside: Element, label: string) => {
  const sheet = inside.closest('.nut-popup')!
  const b = Array.from(sheet.querySelectorAll('taro-button-core')).find((x) => x.textContent?.trim() === label)
  if (!b) throw new Error(`no button 「${label}」 in that sheet`)
  return b
}
const posts = (calls: string[]) => calls.filter((c) => c.startsWith('POST'))

describe('公文 detail: what is on the screen', () => {
  it('the finished 通知 shows its head, body, attachment, the flow with each 会签 head, and the opinions', async () => {
    const t = testRootStore()
    const d = docByTitle(t, NOTICE)
    await openDetail(t, CLERK, d.id)

    expect(screen.getByText(NOTICE)).toBeTruthy()
    expect(headTags()).toEqual(['发文 · 通知', '已办结'])
    expect(field('发文字号')).toBe(d.docNumber)
    expect(d.docNumber).toMatch(/^深宝府办〔2026〕\d+号$/)
    expect(field('拟稿单位')).toBe('区政府办公室')
    expect(field('拟稿人')).toBe('黄雅婷（区政府办公室文电科）')
    expect(field('签发人')).toBe('罗家明（副区长）')
    expect(field('主送')).toBe('区政务服务数据管理局、区民政局')
    expect(field('抄送')).toBe('区教育局')
    // the body, all of it
    const paras = [...document.querySelectorAll('.doc-body-text')]
    expect(paras.map((p) => p.textContent).join('\n')).toBe(d.body.split(/\n+/).filter(Boolean).join('\n'))
    expect(paras[paras.length - 1].textContent).toBe('请各单位于2026年12月20日前将排查整治情况报区政府办公室。')
    // the 主送 line is flush left (GB/T 9704); the paragraphs are indented
    expect(paras[0].textContent).toBe('各有关单位：')
    expect(paras[0].className).toContain('is-flush')
    expect(paras[1].className).not.toContain('is-flush')
    // attachments by name and size
    const att = screen.getByRole('listitem', { name: '附件1：冬季安全生产隐患排查表.pdf' })
    expect(within(att).getByText('PDF')).toBeTruthy()
    expect(att.querySelector('.attachment-size')!.textContent).toMatch(/^\d+ (B|KB)$/)
    // 会签: both department heads have signed
    expect(step('会签')).toEqual({ state: '已完成', holders: ['吴振宇 已办', '张丽娟 已办'] })
    expect(step('签发')).toEqual({ state: '已完成', holders: ['罗家明 已办'] })
    // 签发 carries 罗家明's handwritten signature as an image
    const sign = opinions().find((o) => o.stage === '签发')!
    expect(sign).toMatchObject({ who: '罗家明', text: '同意印发。' })
    expect(sign.signature).toMatch(/^data:image\/png;base64,/)
    // the leader's opinion comes first (rank), the 核稿 head's after
    expect(opinions()[0].who).toBe('罗家明')
    // the whole page is under the reader's watermark
    expect(document.querySelector('.watermark')!.textContent).toContain('黄雅婷')
    // finished: nothing to sign, but 传阅 is still possible
    expect(document.querySelector('.doc-signing-opinion')).toBeNull()
    expect(barButtons()).toEqual(['传阅'])
  })

  it('a 秘密, 加急 document says so in its tags, and 逾期 when past its deadline', async () => {
    const t = testRootStore()
    const ask = docByTitle(t, '关于申请2027年度政务信息化项目资金的请示')
    await openDetail(t, 'u-clerk-02', ask.id)
    expect(headTags()).toEqual(['发文 · 请示', '加急', '流转中', '逾期'])
    expect(screen.getByText('当前：会签中（1/2）')).toBeTruthy()
    const minutes = docByTitle(t, '区政府第45次常务会议纪要')
    await openDetail(t, 'u-staff-02', minutes.id)
    expect(headTags()).toEqual(['发文 · 纪要', '秘密', '流转中'])
  })

  it('only the server’s actions become buttons: 核稿 sees 核稿通过 / 退回 / 加签 / 转办 / 评论, the drafter 撤回 / 催办, nobody 签发', async () => {
    const t = testRootStore()
    const letter = docByTitle(t, LETTER)
    await openDetail(t, DOCS_HEAD, letter.id)
    expect(barButtons()).toEqual(['核稿通过', '退回', '加签', '转办', '评论', '传阅'])
    expect(queryButtonsNamed('签发')).toHaveLength(0)

    await openDetail(t, CLERK, letter.id)
    expect(barButtons()).toEqual(['撤回', '催办', '评论', '传阅'])
    expect(queryButtonsNamed('核稿通过')).toHaveLength(0)
  })

  it('the drafter of a returned 通知 sees the reason and a 修改稿件 link to the compose page', async () => {
    const t = testRootStore()
    const duty = docByTitle(t, '关于调整区政府办公室值班安排的通知')
    await openDetail(t, CLERK, duty.id)
    expect(headTags()).toContain('退回修改')
    expect(opinions()[0].text).toBe('退回：值班表缺少1月1日至3日的带班领导，请补充后再送。')
    expect(barButtons()).toEqual(['修改后重新送审', '评论'])
    tap(buttonNamed('修改稿件'))
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/features/documents/pages/compose/index?id=${duty.id}` }])
    // someone else opening it does not get the link
    await openDetail(t, DOCS_HEAD, duty.id)
    expect(queryButtonsNamed('修改稿件')).toHaveLength(0)
  })
})

describe('一屏签批: reading and signing on one screen', () => {
  it('with a long body the opinion box and buttons stay in the fixed panel, outside the text', async () => {
    const t = testRootStore()
    const long = Array.from({ length: 60 }, (_, i) => `${i + 1}、各街道、各部门要按照职责分工抓好落实，确保各项任务按时保质完成，有关情况及时报区政府办公室。`).join('\n')
    const draft = await t.ok(CLERK, routes.documents.create, {
      body: {
        docType: '意见',
        title: '关于进一步加强政务信息报送工作的意见',
        secrecy: 'none',
        urgency: 'normal',
        mainToDeptIds: ['dept-data'],
        ccDeptIds: [],
        countersignDeptIds: [],
        signerId: 'u-leader-02',
        body: long,
        attachmentIds: [],
      },
    })
    await t.ok(CLERK, routes.documents.act, { params: { id: draft.id }, body: { action: 'submit', version: draft.version } })
    await openDetail(t, DOCS_HEAD, draft.id)

    const body = document.querySelector('.doc-body')!
    expect(body.textContent!.length).toBeGreaterThan(2500)
    const panel = screen.getByRole('region', { name: '签批' })
    expect(panel.className).toContain('doc-signing-bar')
    expect(body.contains(panel)).toBe(false)
    expect(panel.contains(opinionBox())).toBe(true)
    expect(within(panel).getByRole('toolbar', { name: '可执行的操作' })).toBeTruthy()
    expect(panel.querySelector('taro-button-core')!.textContent).toBe('核稿通过')
    // the page leaves room at the bottom so the panel never hides the end of the flow
    expect(document.querySelector('.doc-has-signing-bar')).not.toBeNull()
  })

  it('a reviewer fills the box with a 常用意见 and 核稿通过: the 函 goes on to 签发', async () => {
    const t = testRootStore()
    const letter = docByTitle(t, LETTER)
    await openDetail(t, DOCS_HEAD, letter.id)
    const chips = Array.from(document.querySelectorAll('.doc-phrase')).map((c) => c.textContent)
    expect(chips).toContain('同意。')
    tap(screen.getByText('同意。'))
    await waitFor(() => expect(opinionText()).toBe('同意。'))
    tap(buttonNamed('核稿通过'))
    await settle()

    const row = t.db.documents.find((x) => x.id === letter.id)!
    expect(row.stage).toBe('sign')
    expect(row.opinions.at(-1)).toMatchObject({ stage: 'review', userId: DOCS_HEAD, text: '同意。' })
    // what she sees now: 待签发, her opinion, no more 核稿 buttons, an empty box
    expect(screen.getByText('当前：待签发')).toBeTruthy()
    expect(opinions()).toEqual([{ who: '钟秀琴', stage: '核稿', text: '同意。', signature: null }])
    expect(queryButtonsNamed('核稿通过')).toHaveLength(0)
    expect(step('核稿')).toEqual({ state: '已完成', holders: ['钟秀琴 已办'] })
    expect(step('签发')).toEqual({ state: '办理中', holders: ['叶国栋 办理中'] })
  })

  it('a double tap on 核稿通过 sends once', async () => {
    const t = testRootStore()
    const letter = docByTitle(t, LETTER)
    await openDetail(t, DOCS_HEAD, letter.id)
    const calls = recordCalls(t)
    const button = buttonNamed('核稿通过')
    tap(button)
    tap(button)
    await settle()
    expect(posts(calls)).toEqual([`POST /api/v1/documents/${letter.id}/actions`])
    expect(fake.modals).toEqual([])
  })

  it('退回 needs a reason, then a chosen step: 罗家明 sends the 报告 back to 核稿', async () => {
    const t = testRootStore()
    const report = docByTitle(t, REPORT)
    await openDetail(t, LEADER, report.id)
    const calls = recordCalls(t)

    tap(buttonNamed('退回'))
    expect(screen.getByRole('alert').textContent).toBe('请填写退回理由')
    expect(posts(calls)).toEqual([])

    await typeInto(opinionBox(), '第三部分问题分析不够，请补充后再报。')
    await waitFor(() => expect(opinionText()).toBe('第三部分问题分析不够，请补充后再报。'))
    tap(buttonNamed('退回'))
    await settle()
    const targets = screen.getByRole('radiogroup', { name: '退回到哪个环节' })
    expect(within(targets).getAllByRole('radio').map((r) => r.getAttribute('aria-label'))).toEqual(['拟稿人（退回修改）', '核稿', '会签'])
    tap(buttonNamed('确定退回'))
    expect(screen.getByRole('alert').textContent).toBe('请选择退回到哪个环节')
    expect(posts(calls)).toEqual([])

    tap(within(targets).getByRole('radio', { name: '核稿' }))
    tap(buttonNamed('确定退回'))
    await settle()
    const row = t.db.documents.find((x) => x.id === report.id)!
    expect(row.stage).toBe('review')
    expect(row.tasks.filter((x) => x.state === 'open').map((x) => x.userId)).toEqual([DOCS_HEAD])
    expect(opinions().map((o) => o.text)).toContain('退回：第三部分问题分析不够，请补充后再报。')
    expect(screen.getByText('当前：待核稿')).toBeTruthy()
    expect(queryButtonsNamed('签发')).toHaveLength(0)
  })

  it('closing the 退回 sheet sends nothing and keeps the reason typed', async () => {
    const t = testRootStore()
    const report = docByTitle(t, REPORT)
    await openDetail(t, LEADER, report.id)
    const calls = recordCalls(t)
    await typeInto(opinionBox(), '请补充数据来源。')
    await waitFor(() => expect(opinionText()).toBe('请补充数据来源。'))
    tap(buttonNamed('退回'))
    await settle()
    const sheet = screen.getByRole('radiogroup', { name: '退回到哪个环节' }).closest('.nut-popup')!
    tap(sheet.querySelector('.nut-popup-title-right')!)
    await settle()
    expect(posts(calls)).toEqual([])
    expect(opinionText()).toBe('请补充数据来源。')
    expect(t.db.documents.find((x) => x.id === report.id)!.stage).toBe('sign')
    // and the buttons work again
    expect(buttonNamed('签发').hasAttribute('disabled')).toBe(false)
  })

  it('签发 needs a handwritten signature: an empty pad says 请先签名; signed, it lands with the signature image', async () => {
    const t = testRootStore()
    const report = docByTitle(t, REPORT)
    await openDetail(t, LEADER, report.id)
    const calls = recordCalls(t)

    await typeInto(opinionBox(), '同意报出。')
    await waitFor(() => expect(opinionText()).toBe('同意报出。'))
    tap(buttonNamed('签发'))
    await settle()
    expect(screen.getByText('签发：手写签名')).toBeTruthy()
    tap(buttonNamed('确定签发'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请先签名')
    expect(posts(calls)).toEqual([])

    await drawOnPad()
    tap(buttonNamed('确定签发'))
    await settle(5)
    expect(posts(calls)).toEqual([`POST /api/v1/documents/${report.id}/actions`])
    const row = t.db.documents.find((x) => x.id === report.id)!
    expect(row.stage).toBe('number')
    const mine = row.opinions.at(-1)!
    expect(mine).toMatchObject({ stage: 'sign', userId: LEADER, text: '同意报出。' })
    // the server kept exactly the PNG the pad drew
    const file = t.db.files.find((f) => f.id === mine.signatureFileId)!
    expect(`data:image/png;base64,${file.data}` === canvas.png).toBe(true)

    const signed = opinions().find((o) => o.stage === '签发')!
    expect(signed).toMatchObject({ who: '罗家明', text: '同意报出。' })
    expect(signed.signature === canvas.png).toBe(true)
    // Taro's <Image> draws an <img> with that source
    const img = await waitFor(() => {
      const el = document.querySelector<HTMLImageElement>('[aria-label="罗家明的手写签名"] img')
      if (!el) throw new Error('signature image not drawn yet')
      return el
    })
    expect(img.getAttribute('src') === canvas.png).toBe(true)
    expect(screen.getByText('当前：待编号用印')).toBeTruthy()
  })

  it('批办 asks for 主办, then 协办 (may be none), then the signature; the 收文 goes to its handlers', async () => {
    const t = testRootStore()
    const plan = docByTitle(t, '关于报送2027年度政务服务事项目录调整意见的通知')
    await openDetail(t, LEADER, plan.id)
    expect(barButtons()).toContain('批办')
    const calls = recordCalls(t)
    tap(buttonNamed('批办'))
    expect(screen.getByRole('alert').textContent).toBe('请填写批示')

    await typeInto(opinionBox(), '请区政数局牵头，区民政局配合，按时报送。')
    await waitFor(() => expect(opinionText()).toBe('请区政数局牵头，区民政局配合，按时报送。'))
    tap(buttonNamed('批办'))
    await settle()
    const main = screen.getByRole('radiogroup', { name: '主办单位' })
    tap(within(main).getByRole('radio', { name: '区政务服务数据管理局' }))
    tap(sheetButton(main, '确定（1）'))
    await settle()
    const assist = screen.getByRole('group', { name: '协办单位（可不选）' })
    tap(within(assist).getByRole('checkbox', { name: '区民政局' }))
    tap(sheetButton(assist, '确定（1）'))
    await settle()
    expect(screen.getByText('批办：手写签名')).toBeTruthy()
    expect(posts(calls)).toEqual([])
    await drawOnPad()
    tap(buttonNamed('确定批办'))
    await settle(5)

    const row = t.db.documents.find((x) => x.id === plan.id)!
    expect(row).toMatchObject({ stage: 'handle', mainDeptId: 'dept-data', assistDeptIds: ['dept-civil'] })
    expect(row.opinions.at(-1)!.signatureFileId).not.toBeNull()
    expect(step('承办')).toEqual({ state: '办理中', holders: ['吴振宇 办理中', '张丽娟 办理中'] })
  })

  it('拟办 asks which leader is to 批办', async () => {
    const t = testRootStore()
    const secret = docByTitle(t, '关于加强2026年度重点项目保密管理工作的通知')
    const proposer = secret.tasks.find((x) => x.state === 'open')!.userId
    await openDetail(t, proposer, secret.id)
    await typeInto(opinionBox(), '拟请罗家明同志阅示。')
    await waitFor(() => expect(opinionText()).toBe('拟请罗家明同志阅示。'))
    tap(buttonNamed('拟办'))
    await settle()
    const leaders = screen.getByRole('radiogroup', { name: '呈哪位领导批办' })
    tap(buttonNamed('确定'))
    expect(screen.getByRole('alert').textContent).toBe('请选择批办领导')
    tap(within(leaders).getByRole('radio', { name: '罗家明' }))
    tap(buttonNamed('确定'))
    await settle()
    const row = t.db.documents.find((x) => x.id === secret.id)!
    expect(row).toMatchObject({ stage: 'instruct', leaderId: LEADER })
  })

  it('a stale page: the drafter 撤回 while 钟秀琴 reads; her 核稿通过 says so and the page shows the draft as it is now', async () => {
    const t = testRootStore()
    const letter = docByTitle(t, LETTER)
    await openDetail(t, DOCS_HEAD, letter.id)
    expect(barButtons()).toContain('核稿通过')
    // meanwhile, on 黄雅婷's phone
    await t.ok(CLERK, routes.documents.act, { params: { id: letter.id }, body: { action: 'withdraw', version: letter.version } })

    tap(buttonNamed('核稿通过'))
    await settle(6)
    expect(fake.modals.map((m) => m.content)).toEqual(['该公文已被他人处理，请刷新后重试'])
    expect(headTags()).toContain('草稿')
    expect(queryButtonsNamed('核稿通过')).toHaveLength(0)
    expect(t.db.documents.find((x) => x.id === letter.id)!.status).toBe('draft')
  })
})

describe('常用意见 and 传阅 from the signing panel', () => {
  it('管理 adds a phrase and deletes one; the chips follow and the server keeps the list', async () => {
    const t = testRootStore()
    const letter = docByTitle(t, LETTER)
    await openDetail(t, DOCS_HEAD, letter.id)
    tap(screen.getByRole('link', { name: '管理' }))
    await settle()
    await typeIntoInput(screen.getByLabelText('新的常用意见'), '文字已核，请领导签发。')
    tap(buttonNamed('添加'))
    tap(screen.getByRole('button', { name: '删除「已阅。」' }))
    tap(buttonNamed('保存'))
    await settle()
    expect(t.db.phrases[DOCS_HEAD]).toEqual(['同意。', '拟同意，请领导审示。', '请按程序办理。', '请相关单位抓紧办理，按时反馈。', '文字已核，请领导签发。'])
    const chips = Array.from(document.querySelectorAll('.doc-phrase')).map((c) => c.textContent)
    expect(chips).toContain('文字已核，请领导签发。')
    expect(chips).not.toContain('已阅。')
  })

  it('传阅 asks for readers and a purpose before it sends', async () => {
    const t = testRootStore()
    const letter = docByTitle(t, LETTER)
    await openDetail(t, DOCS_HEAD, letter.id)
    const calls = recordCalls(t)
    tap(buttonNamed('传阅'))
    await settle()
    tap(buttonNamed('确定传阅'))
    expect(screen.getByRole('alert').textContent).toBe('请选择传阅人')
    tap(screen.getByRole('button', { name: '＋ 选择传阅人' }))
    await waitFor(() => expect(screen.getByRole('option', { name: /林启航/ })).toBeTruthy(), { timeout: 2000 })
    tap(screen.getByRole('option', { name: /林启航/ }))
    tap(buttonNamed('确定（已选 1 人）'))
    await settle()
    tap(buttonNamed('确定传阅'))
    expect(screen.getByRole('alert').textContent).toBe('请填写传阅目的')
    await typeIntoInput(screen.getByLabelText('传阅目的'), '请秘书科阅知，配合做好检查准备。')
    tap(buttonNamed('确定传阅'))
    await settle()
    expect(posts(calls)).toEqual([`POST /api/v1/documents/${letter.id}/circulations`])
    const c = t.db.documents.find((x) => x.id === letter.id)!.circulations.at(-1)!
    expect(c).toMatchObject({ senderId: DOCS_HEAD, purpose: '请秘书科阅知，配合做好检查准备。' })
    expect(c.readers.map((r) => r.userId)).toEqual(['u-head-01'])
    expect(screen.getByText('传阅目的：请秘书科阅知，配合做好检查准备。')).toBeTruthy()
    expect(fake.toasts).toContain('已传阅')
  })
})

describe('a half-written opinion', () => {
  it('survives the page closing (a lost network, a call coming in) and is gone once it has been sent', async () => {
    const t = testRootStore()
    const report = docByTitle(t, REPORT)
    await openDetail(t, LEADER, report.id)
    await typeInto(opinionBox(), '同意，请补充第三季度的对比数据后印发。')
    await waitFor(() => expect(opinionText()).toBe('同意，请补充第三季度的对比数据后印发。'))
    await new Promise((r) => setTimeout(r, 400)) // the draft is written a moment after typing stops

    // the page is closed and opened again: the words are still there
    await openDetail(t, LEADER, report.id)
    expect(opinionText()).toBe('同意，请补充第三季度的对比数据后印发。')

    // once it has been sent as the reason of a 退回, the box starts empty next time
    tap(buttonNamed('退回'))
    await settle()
    tap(within(screen.getByRole('radiogroup', { name: '退回到哪个环节' })).getByRole('radio', { name: '核稿' }))
    tap(buttonNamed('确定退回'))
    await settle()
    expect(t.db.documents.find((x) => x.id === report.id)!.stage).toBe('review')
    await openDetail(t, LEADER, report.id)
    expect(opinionText()).toBe('') // he may still comment or circulate: the box is there, and empty
    expect(t.storage.get(`draft:document-opinion:${LEADER}:${report.id}`)).toBeNull()
  })
})


describe('irreversible steps ask first (issue #7: 编号用印 used up a 发文字号 on one tap)', () => {
  it('编号用印 and 分发 say what will happen; 再看看 sends nothing, the yes goes through', async () => {
    const t = testRootStore()
    const report = docByTitle(t, REPORT)
    await t.ok(LEADER, routes.documents.act, { params: { id: report.id }, body: { action: 'approve', version: report.version, opinion: '同意。', signature: signaturePng(7) } })
    const clerk = report.tasks.find((x) => x.state === 'open' && x.stage === 'number')!.userId
    const numbersBefore = JSON.stringify(t.db.documents.map((d) => d.docNumber))
    await openDetail(t, clerk, report.id)
    const calls = recordCalls(t)
    fake.modalAnswer = false
    tap(buttonNamed('编号用印'))
    await settle(5)
    expect(fake.modals.at(-1)).toMatchObject({ title: '编号用印' })
    expect(fake.modals.at(-1)!.content).toContain('发文字号')
    expect(fake.modals.at(-1)!.content).toContain('不能退回')
    expect(posts(calls)).toEqual([])
    expect(JSON.stringify(t.db.documents.map((d) => d.docNumber))).toBe(numbersBefore)
    fake.modalAnswer = true
    tap(buttonNamed('编号用印'))
    await settle(5)
    expect(t.db.documents.find((x) => x.id === report.id)!.stage).toBe('distribute')
    await waitFor(() => expect(queryButtonsNamed('分发')).toHaveLength(1))
    fake.modalAnswer = false
    tap(buttonNamed('分发'))
    await settle(5)
    expect(fake.modals.at(-1)).toMatchObject({ title: '分发' })
    expect(fake.modals.at(-1)!.content).toMatch(/^将把公文分发给主送.+，对方会立即收到。分发后不能撤回/)
    expect(t.db.documents.find((x) => x.id === report.id)!.stage).toBe('distribute')
  })
})

describe('转督办 on a 批办 document', () => {
  it('the 督查室 sees 转督办 beside 传阅 and lands on the 立项 form for this document; others do not see it', async () => {
    const t = testRootStore()
    const free = (await t.ok('u-super-01', routes.supervision.documentSources)).items.find((x) => !x.linkedItemId)!
    await openDetail(t, 'u-super-01', free.id)
    expect(barButtons()).toContain('转督办')
    tap(buttonNamed('转督办'))
    await waitFor(() => expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/features/supervision/pages/compose/index?documentId=${free.id}` }]))
    const leader = t.db.documents.find((d) => d.id === free.id)!.opinions.find((o) => o.stage === 'instruct')!.userId
    await openDetail(t, leader, free.id)
    expect(barButtons()).not.toContain('转督办')
  })
})
