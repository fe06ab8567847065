/**
 * 调解预约, end to end in Chromium, each person on their own phone (a browser context each):
 *   · mediation-flow: a resident applies (视频调解, 粤语) and books a real video slot → the other party opens
 *     the invitation in a second context and accepts → the dispatcher 受理并分拨 → the mediator starts,
 *     records the session and reaches an agreement, the 协议书 is a real PDF → the mediator and both parties
 *     sign by hand → 履行 → 回访 → the resident rates it; the calendars and 在线考核 pages on the staff side
 *   · mediation-race: two residents tap 预约 on the same slot at the same moment: exactly one gets it, the
 *     other is told so and offered the next free ones, and books one of them
 *   · mediation-elder: the resident's pages in 长辈模式 at 375 px, nothing wider than the screen
 *
 *   E2E_ONLY=mediation-flow,mediation-race,mediation-elder npx tsx test/e2e/journeys.ts
 */
import type { Page } from 'playwright-core'
import { SLOT_TAKEN_MESSAGE } from '../../src/contract/mediation'
import { apiSignIn, barAction, bff, button, check, drawSignature, elder, eventually, fontPx, nameOf, newStaffPage, shotOf, shown, signInAs, signInResident, type Journey } from './harness'

const RES = 'r-resident-01'
const OTHER = 'r-resident-02'
const THIRD = 'r-resident-03'
const DISPATCHER = 'u-dispatch-01'
const MEDIATOR = 'u-mediator-01'

interface CaseBody {
  id: string
  status: string
  version: number
  inviteCode: string | null
  slot: { id: string; start: string } | null
  signatures: { role: string }[]
}

/** A hash change keeps the earlier page instance; a reload shows the page alone, fresh from the server. */
async function open(page: Page, url: string, ready = '.med-status') {
  await page.goto(url)
  await page.reload()
  await shown(page, ready).first().waitFor()
}

const caseUrl = (base: string, id: string) => `${base}/resident/#/features/mediation/pages/case/index?id=${id}`
const handleUrl = (base: string, id: string) => `${base}/staff/#/features/mediation/pages/handle/index?id=${id}`

const statusIs = (page: Page, text: string) => eventually(`the page says ${text}`, () => shown(page, '.med-status').first().innerText(), (s) => s.includes(text))

async function sign(page: Page, label: string, confirm: string) {
  await barAction(page, label)
  await drawSignature(page)
  await button(shown(page, '.signature-pad-actions'), confirm).click()
  await shown(page, '.signature-pad-canvas').waitFor({ state: 'hidden' })
}

const fill = (page: Page, label: string, value: string) => shown(page, `[aria-label="${label}"] input, [aria-label="${label}"] textarea`).first().fill(value)
const choose = (page: Page, group: string, option: string) => shown(page, `[role=radiogroup][aria-label="${group}"] [role=radio]`).filter({ hasText: new RegExp(`^\\s*${option}\\s*$`) }).first().click()

/** one preview sign-in per person and journey (the mock limits sign-ins per minute); cleared as each journey starts */
const tokens = new Map<string, string>()
async function tokenOf(base: string, who: string) {
  const known = tokens.get(who)
  if (known) return known
  const t = await apiSignIn(base, who)
  tokens.set(who, t)
  return t
}

async function caseOf(base: string, who: string, id: string) {
  return bff<CaseBody>(base, 'GET', `/api/v1/mediation/cases/${id}`, { token: await tokenOf(base, who) })
}

/** Nothing on the page is wider than the phone. */
async function fitsWidth(page: Page, what: string) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth)
  check(wide <= 376, `${what} is ${wide} px wide on a 375 px phone`)
}

// ---------------------------------------------------------------------------------------------------------

const flowJourney: Journey = {
  name: 'mediation-flow',
  async run({ base, page, shot }) {
    tokens.clear()
    // the resident's phone
    await signInResident(page, base, RES)
    const entries = await shown(page, '.home-entry').allInnerTexts()
    check(entries.some((e) => e.includes('申请调解')) && entries.some((e) => e.includes('视频调解')), `the home page lacks the 调解 entries: ${entries.join(' / ')}`)
    check(!entries.some((e) => /(申请调解|视频调解|调解邀请)[\s\S]*即将开通/.test(e)), 'a 调解 entry still says 即将开通')
    await shot('home')
    await shown(page, '.home-entry', '申请调解').click()
    await page.waitForURL(/mediation\/pages\/apply/)
    await choose(page, '遇到了什么纠纷', '邻里纠纷')
    await fill(page, '对方姓名或单位', nameOf(OTHER))
    await fill(page, '对方电话', '13902817364')
    await fill(page, '事情经过', '楼上住户每天深夜拖动家具，多次上门沟通没有改善，老人睡不好。')
    await fill(page, '您的诉求', '晚上十点以后不再拖动家具，给家具加装脚垫。')
    await choose(page, '调解方式', '视频调解')
    await choose(page, '希望用什么话沟通', '粤语')
    await shot('apply')
    await button(page.locator('.form-actions'), '提交申请，去预约时间').click()
    await page.waitForURL(/mediation\/pages\/book\/index\?id=/)
    const caseId = new URL(page.url().replace('#', '')).searchParams.get('id')!
    const slots = shown(page, '.med-slot')
    await slots.first().waitFor()
    check((await slots.count()) >= 3, 'fewer than three free slots offered')
    // one of 吴桂兰's: she mediates for 西乡 and speaks 粤语 (the district's mediators are offered too)
    const hers = shown(page, `.med-slot[aria-label$=" ${nameOf(MEDIATOR)}"]`).first()
    const firstSlot = (await hers.getAttribute('aria-label'))!
    await hers.click()
    await shot('book')
    await shown(page, '.action-bar .nut-button', '预约').click()
    await page.waitForURL(/mediation\/pages\/case\/index\?id=/)
    await statusIs(page, '已申请')
    const when = await shown(page, '[aria-label="调解时间"]').innerText()
    check(when.includes(firstSlot.split(' ').slice(0, 3).join(' ')), `the case does not show the booked time ${firstSlot}: ${when}`)
    check(/前可以改约或取消|不能再改约或取消/.test(when), `the cut-off for changes is not said: ${when}`)
    const code = (await shown(page, '.med-code').innerText()).trim()
    check(/^[A-Z0-9]{8}$/.test(code), `no invitation code on the case page: ${code}`)
    await shot('case-booked')

    // the other party, on their own phone: opens the invitation, sees what concerns them, accepts
    const other = await newStaffPage(page)
    try {
      await signInResident(other, base, OTHER)
      await open(other, `${base}/resident/#/features/mediation/pages/invite/index?code=${code}`)
      const inv = await shown(other, '.med-section.card').first().innerText()
      check(inv.includes(`${nameOf(RES)}邀请您参加人民调解`) && inv.includes('加装脚垫'), `the invitation does not say who asks what: ${inv}`)
      check(!(await other.locator('body').innerText()).includes('老人睡不好'), 'the other party sees the applicant’s facts')
      await shotOther(other, 'mediation-flow', 'invite')
      await button(other.locator('.med-section').last(), '同意参加调解').click()
      await other.waitForURL(/mediation\/pages\/case\/index/)
      check((await caseOf(base, RES, caseId)) !== null, 'the case is gone')

      // the dispatcher: 受理并分拨 to the mediator whose slot was booked
      const staff = await newStaffPage(page)
      try {
        await signInAs(staff, base, DISPATCHER)
        await open(staff, handleUrl(base, caseId))
        check((await shown(staff, '[aria-label="分拨建议"]').innerText()).includes(nameOf(MEDIATOR)), 'the suggestions do not name the mediator')
        await shotOther(staff, 'mediation-flow', 'dispatch')
        await barAction(staff, '受理并分拨')
        await statusIs(staff, '已排期')
        await open(staff, `${base}/staff/#/features/mediation/pages/stats/index`, '.med-bar')
        await shotOther(staff, 'mediation-flow', 'stats')
      } finally {
        await staff.context().close()
      }

      // the mediator: the session, the record, the 协议书, her signature
      const med = await newStaffPage(page)
      try {
        await signInAs(med, base, MEDIATOR)
        await open(med, handleUrl(base, caseId))
        await barAction(med, '开始调解')
        await statusIs(med, '调解中')
        await fill(med, '调解记录', '双方到场（视频）。楼上承认夜间搬动家具，同意加装脚垫。')
        await barAction(med, '调解记录')
        await eventually('the record is saved', () => shown(med, '.timeline').innerText(), (t) => t.includes('调解记录'))
        await fill(med, '调解记录', '一、王海生于 3 日内给家具加装脚垫；二、每晚十点后不再搬动家具。')
        await barAction(med, '达成协议')
        await statusIs(med, '达成协议')
        const file = shown(med, '[aria-label="一案一档"]')
        await eventually('the 协议书 is in the case file', () => file.innerText(), (t) => t.includes('人民调解协议书.pdf') && t.includes('尚缺：履行情况、回访记录'))
        // the 协议书 is a real PDF
        const pdf = await fetch(`${base}/api/v1/mediation/cases/${caseId}/documents/agreement`, { headers: { authorization: `Bearer ${await tokenOf(base, MEDIATOR)}` } })
        const bytes = Buffer.from(await pdf.arrayBuffer())
        check(pdf.status === 200 && pdf.headers.get('content-type')?.includes('application/pdf') && bytes.subarray(0, 5).toString() === '%PDF-', `the 协议书 is not a PDF (${pdf.status} ${pdf.headers.get('content-type')})`)
        await file.locator('.attachment-row', { hasText: '人民调解协议书.pdf' }).click()
        await shown(med, '.attachment-viewer iframe').waitFor()
        await shotOther(med, 'mediation-flow', 'agreement-pdf')
        await button(shown(med, '.attachment-viewer-bar'), '关闭').click()
        await sign(med, '调解员签名', '确认签名')
        await eventually('the mediator has signed', async () => (await caseOf(base, MEDIATOR, caseId)).signatures.length, (n) => n === 1)
        await shotOther(med, 'mediation-flow', 'record')

        // both parties sign on their own phones
        await open(page, caseUrl(base, caseId))
        await statusIs(page, '达成协议')
        await shot('agreement')
        await sign(page, '签署协议书', '确认签署')
        await open(other, caseUrl(base, caseId))
        await sign(other, '签署协议书', '确认签署')
        await statusIs(other, '履行中')
        await shotOther(other, 'mediation-flow', 'signed')

        // 履行 and 回访
        await open(med, handleUrl(base, caseId))
        await fill(med, '调解记录', '已加装脚垫，楼下确认夜间安静。')
        await barAction(med, '登记履行情况')
        await eventually('the 履行 is on record', () => shown(med, '.timeline').innerText(), (t) => t.includes('登记履行情况'))
        await fill(med, '调解记录', '电话回访，双方满意，邻里关系恢复。')
        await barAction(med, '登记回访')
        await statusIs(med, '已回访')
        await eventually('the case file is complete', () => shown(med, '[aria-label="一案一档"]').innerText(), (t) => t.includes('案卷齐全'))
        await shotOther(med, 'mediation-flow', 'visited')

        // the mediator's calendar shows the booked session
        await open(med, `${base}/staff/#/features/mediation/pages/calendar/index`, '.med-slot')
        await shotOther(med, 'mediation-flow', 'calendar')
      } finally {
        await med.context().close()
      }

      await open(page, caseUrl(base, caseId))
      await statusIs(page, '已回访')
      check((await shown(page, '[aria-label="履行与回访"]').innerText()).includes('双方满意'), 'the resident does not see the 回访')
      await choose(page, '评分', '5 星')
      await barAction(page, '评价本次调解', '')
      await eventually('the rating is saved', async () => JSON.stringify(await caseOf(base, RES, caseId)), (s) => s.includes('"stars":5'))
      await shot('rated')
      const last = await caseOf(base, RES, caseId)
      check(last.status === 'visited' && last.signatures.length === 3, `the case ended as ${last.status} with ${last.signatures.length} signatures`)
    } finally {
      await other.context().close()
    }
    return `case ${caseId}: applied → booked → accepted → 分拨 → 协议书 (PDF) → 3 signatures → 履行 → 回访 → rated`
  },
}

const shotOther = (p: Page, journey: string, step: string) => shotOf(p, journey, step)

// ---------------------------------------------------------------------------------------------------------

const raceJourney: Journey = {
  name: 'mediation-race',
  async run({ base, page, shot }) {
    tokens.clear()
    const body = (phone: string) => ({
      disputeType: 'property',
      otherPartyName: '某物业公司',
      otherPartyPhone: phone,
      facts: '电梯停运两周，物业一直说在等配件。',
      claims: '尽快修好电梯，减免停运期间的电梯费。',
      mode: 'onsite',
      streetName: '西乡街道',
      dialect: 'mandarin',
    })
    const a = await bff<CaseBody>(base, 'POST', '/api/v1/mediation/cases', { token: await tokenOf(base, RES), body: body('13800138001') })
    const b = await bff<CaseBody>(base, 'POST', '/api/v1/mediation/cases', { token: await tokenOf(base, THIRD), body: body('13800138002') })
    const second = await newStaffPage(page)
    try {
      await signInResident(page, base, RES)
      await signInResident(second, base, THIRD)
      const bookUrl = (id: string) => `${base}/resident/#/features/mediation/pages/book/index?id=${id}`
      await open(page, bookUrl(a.id), '.med-slot')
      await open(second, bookUrl(b.id), '.med-slot')
      const label = (await shown(page, '.med-slot').first().getAttribute('aria-label'))!
      check(label === (await shown(second, '.med-slot').first().getAttribute('aria-label')), 'the two residents are not offered the same first slot')
      await shown(page, '.med-slot').first().click()
      await shown(second, '.med-slot').first().click()
      // both tap 预约 at the same moment
      await Promise.all([shown(page, '.action-bar .nut-button', '预约').click(), shown(second, '.action-bar .nut-button', '预约').click()])
      const after = async () => [await caseOf(base, RES, a.id), await caseOf(base, THIRD, b.id)]
      const [ca, cb] = await eventually('one of them has the slot', after, ([x, y]) => !!x.slot !== !!y.slot)
      const [winner, loser] = ca.slot ? [page, second] : [second, page]
      await winner.waitForURL(/mediation\/pages\/case\/index/)
      await shown(loser, '.med-warn', SLOT_TAKEN_MESSAGE).waitFor()
      const offered = await shown(loser, '.med-slot').allInnerTexts()
      check(offered.length > 0, 'the one who lost is offered nothing')
      await (loser === page ? shot('lost') : shotOther(loser, 'mediation-race', 'lost'))
      await shown(loser, '.med-slot').first().click()
      await shown(loser, '.action-bar .nut-button', '预约').click()
      await loser.waitForURL(/mediation\/pages\/case\/index/)
      const [fa, fb] = await after()
      check(!!fa.slot && !!fb.slot && fa.slot.id !== fb.slot.id, 'both should hold different slots now')
      return `${ca.slot ? nameOf(RES) : nameOf(THIRD)} won ${label}; ${cb.slot ? nameOf(RES) : nameOf(THIRD)} was offered ${offered.length} others and booked one`
    } finally {
      await second.context().close()
    }
  },
}

// ---------------------------------------------------------------------------------------------------------

const elderJourney: Journey = {
  name: 'mediation-elder',
  async run({ base, page, shot }) {
    tokens.clear()
    await signInResident(page, base, RES)
    await elder(page, true)
    await shown(page, '.home-entry').first().waitFor()
    await fitsWidth(page, 'the home page')
    await shot('home')
    await open(page, `${base}/resident/#/features/mediation/pages/apply/index`, '.med-section')
    const px = await fontPx(shown(page, '.form-label').first())
    check(px >= 18, `labels are ${px} px in 长辈模式`)
    await fitsWidth(page, 'the application')
    await shot('apply')
    // a seeded case of hers, booked and accepted: the time, the reminder, the video entry
    const mine = await bff<{ items: { id: string; status: string; mode: string }[] }>(base, 'GET', '/api/v1/mediation/cases/mine', { token: await tokenOf(base, RES) })
    const c = mine.items.find((x) => x.status === 'scheduled') ?? mine.items[0]
    check(!!c, 'she has no seeded case')
    await open(page, caseUrl(base, c.id))
    await fitsWidth(page, 'the case page')
    await shot('case')
    const applied = await bff<CaseBody>(base, 'POST', '/api/v1/mediation/cases', {
      token: await tokenOf(base, RES),
      body: { disputeType: 'family', otherPartyName: '陈志强', otherPartyPhone: '13800138003', facts: '儿子不肯承担赡养费，多次商量无果。', claims: '每月支付赡养费 1500 元。', mode: 'video', streetName: '西乡街道', dialect: 'cantonese' },
    })
    await open(page, `${base}/resident/#/features/mediation/pages/book/index?id=${applied.id}`, '.med-slot')
    await fitsWidth(page, 'the slot picker')
    await shot('book')
    return `${px} px labels; home, apply, case and slots fit 375 px`
  },
}

export const mediationJourneys: Journey[] = [flowJourney, raceJourney, elderJourney]
