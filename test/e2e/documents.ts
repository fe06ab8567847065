/**
 * 公文流转, end to end in Chromium: a 发文 from 拟稿 to 分发 with a handwritten 签发; a 收文 signed for,
 * registered and sent back at 初审; a 传阅 whose readers' statuses change as they read; and the
 * one-screen signing promise on a 375×667 phone while reading a long document.
 */
import type { Page } from 'playwright-core'
import { apiSignIn, bff, button, check, eventually, modal, nameOf, newStaffPage, drawSignature, shown, signInAs, toInbox, type Journey } from './harness'

const detailUrl = (base: string, id: string) => `${base}/staff/#/features/documents/pages/detail/index?id=${id}`

async function openDoc(page: Page, base: string, id: string) {
  await page.goto(detailUrl(base, id))
  await shown(page, '.doc-title').waitFor()
}

/** Signs `userId` in on a phone of their own, runs `fn`, and puts the phone away. */
async function asPerson<T>(page: Page, base: string, userId: string, fn: (p: Page) => Promise<T>): Promise<T> {
  const other = await newStaffPage(page)
  try {
    await signInAs(other, base, userId)
    // these steps start where a person goes to act: the 统一待办 tab
    await toInbox(other)
    return await fn(other)
  } finally {
    await other.context().close()
  }
}

const barButton = (page: Page, label: string) => shown(page, '.doc-signing-actions .nut-button', new RegExp(`^\\s*${label}\\s*$`))

/** Types into the opinion box that stays at the bottom of the page. */
async function typeOpinion(page: Page, text: string) {
  await shown(page, '.doc-signing-input textarea').fill(text)
}

async function pickDepartments(page: Page, names: string[]) {
  const sheet = shown(page, '.picker').last()
  for (const name of names) {
    await sheet.locator('.picker-search input').fill(name)
    await sheet.locator('[role=checkbox]', { hasText: name }).first().click()
  }
  await button(sheet, '确定').click()
  await sheet.waitFor({ state: 'hidden' })
}

/** Approves what is open with an optional opinion; signs when the step asks for a signature. */
async function approve(page: Page, label: string, opts: { phrase?: string; opinion?: string; sign?: boolean; confirm?: RegExp } = {}) {
  if (opts.phrase) await shown(page, '.doc-phrase', opts.phrase).first().click()
  if (opts.opinion) await typeOpinion(page, opts.opinion)
  await barButton(page, label).click()
  if (opts.confirm) {
    // an irreversible step says what will happen first
    await modal(page).waitFor()
    const said = await modal(page).innerText()
    check(opts.confirm.test(said), `「${label}」 asks: ${said}`)
    await modal(page).locator('.taro-model__confirm').click()
  }
  if (opts.sign) {
    await drawSignature(page)
    await button(shown(page, '.signature-pad-actions'), `确定${label}`).click()
  }
  await eventually(`「${label}」landed`, () => barButton(page, label).count(), (n) => n === 0)
}

const stepState = (page: Page, label: string) => shown(page, '.doc-step', label).first().getAttribute('class')

// ---------------------------------------------------------------------------------------------------------

const outgoingJourney: Journey = {
  name: 'documents-outgoing',
  async run({ base, page, shot }) {
    await signInAs(page, base, 'u-clerk-01')
    await page.goto(`${base}/staff/#/features/documents/pages/compose/index`)
    await shown(page, '.form-option', '通知').first().click()
    await shown(page, 'input[aria-label="标题"], [aria-label="标题"] input').first().fill('关于开展2026年度机关节能降耗专项检查的通知')
    await shown(page, '[aria-label="选择主送"]').click()
    await pickDepartments(page, ['区政务服务数据管理局'])
    await shown(page, '[aria-label="选择会签单位"]').click()
    await pickDepartments(page, ['区政务服务数据管理局', '区民政局'])
    await shown(page, '.doc-compose-signer', nameOf('u-leader-01')).click()
    await shown(page, 'textarea[aria-label="正文"], [aria-label="正文"] textarea').first().fill('各有关单位：\n\n为落实公共机构节能工作要求，区机关事务管理局将于12月对各单位开展节能降耗专项检查，请提前做好自查。')
    await shot('compose')
    await button(shown(page, '.doc-compose-actions'), '送审').click()
    await page.waitForURL(/documents\/pages\/detail/)
    const id = new URL(page.url().replace('#', '')).searchParams.get('id')!
    check(id, 'the detail page has no document id')
    await shown(page, '.doc-stage', '待核稿').waitFor()
    await shot('submitted')

    // the head finds it in the unified inbox and passes it with a saved phrase
    await asPerson(page, base, 'u-staff-04', async (p) => {
      await shown(p, '.inbox-title', '节能降耗').first().click()
      await p.waitForURL(/documents\/pages\/detail/)
      await approve(p, '核稿通过', { phrase: '同意。' })
      await shown(p, '.doc-stage', '会签中（0/2）').waitFor()
    })
    // two departments countersign, in parallel
    for (const [who, i] of [['u-head-02', 1], ['u-head-03', 2]] as const) {
      await asPerson(page, base, who, async (p) => {
        await openDoc(p, base, id)
        await approve(p, '同意会签', { opinion: `${nameOf(who)}：同意。` })
        await shown(p, '.doc-stage', i === 1 ? '会签中（1/2）' : '待签发').waitFor()
        if (i === 2) await p.screenshot({ path: 'test-results/screenshots/documents-outgoing-countersigned.png' })
      })
    }
    // the leader signs by hand
    await asPerson(page, base, 'u-leader-01', async (p) => {
      await openDoc(p, base, id)
      await typeOpinion(p, '同意印发。')
      await barButton(p, '签发').click()
      await button(shown(p, '.signature-pad-actions'), '确定签发').click()
      await shown(p, '.signature-pad .field-error', '请先签名').waitFor()
      await drawSignature(p)
      await p.screenshot({ path: 'test-results/screenshots/documents-outgoing-signature.png' })
      await button(shown(p, '.signature-pad-actions'), '确定签发').click()
      await shown(p, '.doc-stage', '待编号用印').waitFor()
      const img = shown(p, '.doc-opinion-signature img, img.doc-opinion-signature').first()
      await img.scrollIntoViewIfNeeded()
      await eventually('the signature image shows', () => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), (w) => w > 0)
      await p.screenshot({ path: 'test-results/screenshots/documents-outgoing-signed.png' })
    })
    // the clerk numbers, seals and distributes it
    await page.goto(detailUrl(base, id))
    await page.reload()
    await shown(page, '.doc-stage', '待编号用印').waitFor()
    await approve(page, '编号用印', { confirm: /发文字号/ })
    const number = await shown(page, '.doc-field', '发文字号').innerText()
    check(/深宝府办〔2026〕\d+号/.test(number), `no 发文字号 after 编号用印: ${number}`)
    await approve(page, '分发', { confirm: /分发给主送/ })
    await shown(page, '.status-tag', '已办结').first().waitFor()
    check((await stepState(page, '会签'))?.includes('done'), 'the 会签 step is not shown done')
    await shot('done')

    // 区政数局 received it for 签收
    const token = await apiSignIn(base, 'u-clerk-02')
    const list = await bff<{ items: { title: string; stage: string; docNumber: string }[] }>(base, 'GET', `/api/v1/documents?box=todo&q=${encodeURIComponent('节能降耗')}`, { token })
    check(list.items.some((d) => d.stage === 'receive' && number.includes(d.docNumber)), `区政数局 did not receive it: ${JSON.stringify(list.items)}`)
    return `${number.replace(/\s+/g, ' ').trim()}; 核稿 → 会签 2/2 → 手写签发 → 编号 → 分发 → 区政数局待签收`
  },
}

const incomingJourney: Journey = {
  name: 'documents-incoming-return',
  async run({ base, page, shot }) {
    await signInAs(page, base, 'u-clerk-01')
    const token = await apiSignIn(base, 'u-clerk-01')
    const todo = await bff<{ items: { id: string; title: string; stage: string }[] }>(base, 'GET', '/api/v1/documents?box=todo&kind=incoming', { token })
    const arrived = todo.items.find((d) => d.stage === 'receive')
    check(arrived, 'no incoming document waiting for 签收 in the seed')
    await page.goto(`${base}/staff/#/features/documents/pages/index/index`)
    await shown(page, '.doc-item', arrived.title.slice(0, 12)).first().click()
    await page.waitForURL(/documents\/pages\/detail/)
    await shown(page, '.doc-title', arrived.title.slice(0, 12)).waitFor()
    await shot('arrived')
    // the attachment opens in the page, fetched with the reader's token
    const attachment = shown(page, '.attachment-row').first()
    const attachmentName = (await attachment.locator('.attachment-name').innerText()).trim()
    await attachment.click()
    const viewer = shown(page, '.attachment-viewer')
    await viewer.waitFor()
    const src = await viewer.locator('iframe').getAttribute('src')
    check(src?.startsWith('blob:'), `the viewer does not show the fetched file (${src})`)
    const bytes = await page.evaluate(async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer()).slice(0, 5).join(','), src!)
    check(bytes === '37,80,68,70,45', `the attachment is not a PDF (${bytes})`)
    check((await viewer.locator('.watermark-cell').first().innerText()).includes(nameOf('u-clerk-01')), 'the attachment viewer has no watermark')
    await page.waitForTimeout(500)
    await shot('attachment')
    await button(viewer, '关闭').click()
    await viewer.waitFor({ state: 'hidden' })
    await approve(page, '签收')
    await approve(page, '登记')
    const receiveNo = await shown(page, '.doc-field', '收文编号').innerText()
    check(/收〔2026〕\d+号/.test(receiveNo), `no 收文编号 after 登记: ${receiveNo}`)

    await asPerson(page, base, 'u-staff-04', async (p) => {
      await openDoc(p, base, arrived.id)
      await barButton(p, '退文').click()
      await shown(p, '.doc-signing-bar .field-error', '请填写退文理由').waitFor()
      await p.screenshot({ path: 'test-results/screenshots/documents-incoming-return-needs-reason.png' })
      await typeOpinion(p, '来文应由区政务服务数据管理局办理，请改送该局。')
      await barButton(p, '退文').click()
      await shown(p, '.status-tag', '已退文').first().waitFor()
      await shown(p, '.doc-opinion-text', '改送该局').first().waitFor()
      await p.screenshot({ path: 'test-results/screenshots/documents-incoming-return-sent-back.png' })
    })
    return `附件「${attachmentName}」在页内打开 → 签收 → 登记 ${receiveNo.replace(/\s+/g, ' ').trim()} → 初审退文（理由必填）`
  },
}

const circulationJourney: Journey = {
  name: 'documents-circulate',
  async run({ base, page, shot }) {
    const readers = ['u-head-01', 'u-head-03', 'u-staff-04']
    await signInAs(page, base, 'u-leader-02')
    await openDoc(page, base, 'doc-006')
    await barButton(page, '传阅').click()
    await shown(page, '.doc-circulate-sheet .form-add').click()
    const picker = shown(page, '.picker').last()
    for (const r of readers) {
      await picker.locator('.picker-search input').fill(nameOf(r))
      await shown(page, '.picker-item', nameOf(r)).first().click()
    }
    await button(picker, '确定').click()
    await shown(page, '.doc-circulate-sheet input').fill('请各位阅知，提出修改意见。')
    await shot('circulate')
    await button(shown(page, '.doc-circulate-sheet'), '确定传阅').click()
    const tracker = shown(page, '.doc-circulation').last()
    const count = (kind: 'unread' | 'read' | 'opinion') => tracker.locator(`.doc-count--${kind}`).innerText()
    await eventually('three readers, none has read', () => count('unread'), (t) => t.includes('3'))
    await shot('sent')

    // the first reader opens it on their phone
    await asPerson(page, base, readers[0], async (p) => {
      await shown(p, '.inbox-title', '政务公开').first().click()
      await p.waitForURL(/documents\/pages\/detail/)
      await shown(p, '.doc-reader', nameOf(readers[0])).waitFor()
    })
    await page.reload()
    await eventually('one has read', () => count('read'), (t) => t.includes('1'))
    await shot('one-read')

    // the second reads and signs an opinion
    await asPerson(page, base, readers[1], async (p) => {
      await openDoc(p, base, 'doc-006')
      await typeOpinion(p, '已阅，民政部分数据无误。')
      await barButton(p, '签署阅文意见').click()
      await shown(p, '.doc-reader-opinion', '民政部分数据无误').waitFor()
    })
    await page.reload()
    await eventually('one has signed an opinion', () => count('opinion'), (t) => t.includes('1'))
    check((await count('unread')).includes('1'), 'the third reader should still be unread')
    const third = tracker.locator('.doc-reader', { hasText: nameOf(readers[2]) })
    check(/未读/.test(await third.innerText()), 'the unread reader is not marked 未读')
    await button(tracker, '催阅').click()
    await eventually('催阅 is spent for the hour', () => button(tracker, '催阅').count(), (n) => n === 0)
    await shot('statuses')
    return '未读 3 → 已读 1 → 已签意见 1 → 催阅 the last'
  },
}

const oneScreenJourney: Journey = {
  name: 'documents-one-screen',
  async run({ base, page, shot }) {
    // a long 请示 waiting for 签发
    const clerk = await apiSignIn(base, 'u-clerk-01')
    const paragraph = '一、关于全区政务数据共享交换平台升级改造。平台自2019年上线以来，日均调用量由3万次增长到52万次，现有架构已不能满足各部门实时共享需求，拟按“统一目录、统一交换、统一监管”的原则进行升级。'
    const body = `区政府：\n\n${Array.from({ length: 24 }, (_, i) => `${paragraph.replace('一、', `（${i + 1}）`)}\n`).join('\n')}\n妥否，请批示。`
    const created = await bff<{ id: string; version: number }>(base, 'POST', '/api/v1/documents', {
      token: clerk,
      body: { docType: '请示', title: '关于全区政务数据共享交换平台升级改造的请示', secrecy: 'none', urgency: 'normal', mainToDeptIds: ['dept-gov-office'], ccDeptIds: [], countersignDeptIds: [], signerId: 'u-leader-01', body, attachmentIds: [] },
    })
    const sent = await bff<{ version: number }>(base, 'POST', `/api/v1/documents/${created.id}/actions`, { token: clerk, body: { action: 'submit', version: created.version } })
    const head = await apiSignIn(base, 'u-staff-04')
    await bff(base, 'POST', `/api/v1/documents/${created.id}/actions`, { token: head, body: { action: 'approve', version: sent.version, opinion: '同意。' } })

    await signInAs(page, base, 'u-leader-01')
    await openDoc(page, base, created.id)
    const bodyText = shown(page, '.doc-body')
    const bodyBox = (await bodyText.boundingBox())!
    check(bodyBox.height > 667 * 2, `the body is not long enough to test scrolling (${bodyBox.height}px)`)
    // read halfway down the document
    await page.mouse.move(187, 300)
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 400)
    await page.waitForTimeout(400)
    const viewport = page.viewportSize()!
    const inView = async (css: string, text?: RegExp) => {
      const b = await shown(page, css, text).first().boundingBox()
      return !!b && b.y >= 0 && b.y + b.height <= viewport.height
    }
    check(await inView('.doc-signing-input'), 'the opinion box left the screen while reading')
    check(await inView('.doc-signing-actions .nut-button', /^\s*签发\s*$/), 'the 签发 button left the screen while reading')
    const scrolled = bodyBox.y - (await bodyText.boundingBox())!.y
    check(scrolled > 1000, `the page did not scroll (${scrolled}px)`)
    await shot('reading')
    await typeOpinion(page, '同意，请抓紧组织实施。')
    await barButton(page, '签发').click()
    await drawSignature(page)
    await button(shown(page, '.signature-pad-actions'), '确定签发').click()
    await shown(page, '.doc-stage', '待编号用印').waitFor()
    await shot('signed')
    return `scrolled ${Math.round(scrolled)} px into a ${Math.round(bodyBox.height)} px body; opinion box and 签发 stayed on screen`
  },
}

export const documentJourneys: Journey[] = [outgoingJourney, incomingJourney, circulationJourney, oneScreenJourney]
