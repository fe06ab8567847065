/**
 * 妇联维权案件, end to end in Chromium: a resident asks for help with a safe-contact choice and leaves by
 * 一键离开 (nothing on Back); staff take it on, assess it red (the 24-hour clock shows), refer it to 公安
 * and 民政; 公安 accepts, 民政 returns with a reason, it is re-sent, both report; 办结 → 核准 → 回访; a
 * reveal asks for a reason and lands in the audit trail; a partner liaison cannot open another case; the
 * finished case goes to the 维权案例库 anonymised, 区妇联 publishes it and a colleague finds it by category and outcome.
 * Screenshots at 375 px, normal and 长辈模式.
 *
 *   E2E_ONLY=cases-help,cases-flow npx tsx test/e2e/journeys.ts
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { apiSignIn, barAction as sharedBarAction, bff, button, check, elder, newStaffPage, shown, SHOTS, signInAs, signInResident, nameOf, workbenchLink, type Journey } from './harness'

/** on the preview sign-in page (it lists the first six of each role) */
const SIGN_IN_RESIDENT = 'r-resident-01'
/** the flow's resident signs in by API: no seeded help requests of her own */
const RESIDENT = 'r-resident-09'
const OWNER = 'u-fed-02'
const HEAD = 'u-staff-08'
const POLICE = 'u-partner-police-02'
const CIVIL = 'u-partner-civil-01'

const caseUrl = (base: string, id: string) => `${base}/staff/#/features/cases/pages/detail/index?id=${id}`

/** A hash change keeps the earlier page instance around; a reload shows the case alone, fresh from the server. */
async function openCase(page: Page, base: string, id: string) {
  await page.goto(caseUrl(base, id))
  await page.reload()
  await shown(page, '.cs-title').waitFor()
}

/** ActionBar buttons, and those the case page tucks under its 更多 */
const barAction = (page: Page, label: string, text?: string) => sharedBarAction(page, label, text, '.action-bar .nut-button, .cs-more .nut-button')

async function referralAnswer(page: Page, unit: string, label: string, text?: string) {
  const ref = shown(page, '.cs-ref', unit).last()
  await button(ref, label).click()
  if (text === undefined) return
  const sheet = shown(page, '.opinion-sheet')
  await sheet.waitFor()
  await sheet.locator('textarea').fill(text)
  await button(sheet, `确定${label}`).click()
  await sheet.waitFor({ state: 'hidden' })
}

async function refer(page: Page, units: { name: string; task: string }[]) {
  await barAction(page, '联动转办')
  const sheet = shown(page, '.cs-refer')
  await sheet.waitFor()
  for (const u of units) {
    await sheet.locator('.cs-unit', { hasText: u.name }).first().click()
    await sheet.locator(`[aria-label="请${u.name}做什么"] textarea`).fill(u.task)
  }
  return sheet
}

// ---------------------------------------------------------------------------------------------------------

const helpJourney: Journey = {
  name: 'cases-help',
  async run({ base, page, shot }) {
    await signInResident(page, base, SIGN_IN_RESIDENT)
    await shown(page, '.home-entry', '妇联求助').click()
    await page.waitForURL(/features\/help\/pages\/index/)
    await shown(page, '.hp-exit').waitFor()
    await shot('form')
    await shown(page, '[role=radio]', '现在安全').click()
    await shown(page, '.hp-situation', '家里有人打我').click()
    await shown(page, '[aria-label="所在街道"] [role=radio]', '西乡').click()
    await page.locator('[aria-label="想说的话"] textarea').fill('他喝了酒就动手，晚上不方便接电话')
    check((await shown(page, '.safe-contact-picker .muted').innerText()).includes('勿拨打家中电话，仅工作日白天短信'), 'the safe-contact words are not shown back')
    await shot('filled')
    await button(page.locator('.form-actions'), '发送').click()
    await page.waitForURL(/features\/help\/pages\/mine/)
    await shown(page, '.hp-stage', '已收到').waitFor()
    const text = await page.locator('body').innerText()
    for (const w of ['家庭暴力', '妇联', '公安', '案件']) check(!text.includes(w), `我的留言 names "${w}"`)
    await shot('sent')

    // 一键离开: lands on the front page, and Back does not bring the help flow back
    await shown(page, '.hp-exit').click()
    await page.waitForURL(/features\/home\/pages\/index/)
    await shown(page, '.home-hello').waitFor()
    await page.goBack().catch(() => undefined)
    await page.waitForTimeout(800)
    check(!/features\/help/.test(page.url()), `Back after 一键离开 shows the help flow again (${page.url()})`)
    check(!(await shown(page, '.hp-title').count()), 'a help page is on screen after Back')
    await shot('after-exit-back')
    // nothing of it in the phone's storage
    const stored = await page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage))))
    check(!/喝了酒|help|求助/.test(stored), 'the help request left something in local storage')

    await elder(page, true)
    await page.goto(`${base}/resident/#/features/help/pages/index/index`)
    await shown(page, '.hp-exit').waitFor()
    await shot('form-elder')
    return 'sent with 仅工作日白天短信; quick exit leaves nothing on Back or in storage'
  },
}

const flowJourney: Journey = {
  name: 'cases-flow',
  async run({ base, page, shot }) {
    // the resident's request, as the help journey sends it
    const rtoken = await apiSignIn(base, RESIDENT)
    const help = await bff<{ id: string }>(base, 'POST', '/api/v1/help', {
      token: rtoken,
      body: { situations: ['hurt', 'threatened'], inDangerNow: false, words: '他说要杀了我', streetName: '西乡街道', anonymous: false, safeContact: { channels: ['sms'], window: 'weekday_daytime', doNotCallHome: true } },
    })

    await signInAs(page, base, OWNER)
    await workbenchLink(page, '案件列表').click()
    await page.waitForURL(/features\/cases\/pages\/index/)
    await shown(page, '.cs-item').first().waitFor()
    await shot('list')
    await openCase(page, base, help.id)
    await shown(page, '.cs-safe-word', '仅工作日白天短信').waitFor()
    await barAction(page, '受理', '')
    await shown(page, '.status-tag', '受理').first().waitFor()
    // 危险性评估 → red
    await barAction(page, '危险性评估')
    const checklist = shown(page, '.cs-risk')
    await checklist.waitFor()
    await checklist.locator('.cs-risk-item', { hasText: '扬言要杀死' }).click()
    await checklist.locator('.cs-risk-item', { hasText: '刀具' }).click()
    await shown(page, '.cs-risk-result .status-tag', '红色').waitFor()
    await button(shown(page, '.opinion-sheet'), '确定评估').click()
    const clock = shown(page, '.cs-clock')
    await clock.waitFor()
    check(/剩 2[34] 小时/.test(await clock.innerText()), `the 24-hour clock reads "${await clock.innerText()}"`)
    await shown(page, '.cs-110').waitFor()
    await shot('red')

    // reveal: a reason first, then the number, and the audit has it
    await shown(page, '[aria-label="查看求助人电话"]').click()
    const dialog = shown(page, '.cs-reveal')
    await dialog.waitFor()
    await button(dialog, '说明事由并查看').click()
    await shown(page, '.cs-reveal .field-error').waitFor()
    await shot('reveal-reason')
    await dialog.locator('.opinion-phrase', { hasText: '联系求助人' }).click()
    await button(dialog, '说明事由并查看').click()
    await shown(page, '.cs-field-value.is-shown', '13751286049').waitFor()
    const auditor = await apiSignIn(base, 'u-auditor-01')
    const audit = await bff<{ items: { action: string; actorId: string; summary: string }[] }>(base, 'GET', `/api/v1/audit?objectType=case&objectId=${help.id}&limit=100`, { token: auditor })
    check(audit.items.some((a) => a.action === 'case.reveal' && a.actorId === OWNER && a.summary.includes('联系求助人')), 'the reveal is not in the audit trail')

    // 联动转办 to 公安 and 民政
    const sheet = await refer(page, [
      { name: '宝安公安分局', task: '请核实警情，视情出具告诫书' },
      { name: '区民政局', task: '请安排临时庇护' },
    ])
    await shot('referral-sheet')
    await button(sheet, '发送转办').click()
    await sheet.waitFor({ state: 'hidden' })
    await shown(page, '.cs-ref', '宝安公安分局').waitFor()
    await shot('referred')

    const other = await newStaffPage(page)
    try {
      await signInAs(other, base, POLICE)
      await openCase(other, base, help.id)
      await referralAnswer(other, '宝安公安分局', '签收', '已派民警联系')
      await shown(other, '.cs-ref .status-tag', '已签收').waitFor()
      await other.screenshot({ path: path.join(SHOTS, 'cases-flow-police.png') })
      // another case, not referred to this unit: the same answer as one that does not exist
      await other.goto(caseUrl(base, 'case-007'))
      await shown(other, '.state-box', '该事项不存在，或您无权查看').waitFor()
    } finally {
      await other.context().close()
    }
    const civil = await newStaffPage(page)
    try {
      await signInAs(civil, base, CIVIL)
      await openCase(civil, base, help.id)
      await referralAnswer(civil, '区民政局', '退回', '请先经街道民政办评估')
    } finally {
      await civil.context().close()
    }

    await openCase(page, base, help.id)
    await shown(page, '.cs-ref-note', '退回理由：请先经街道民政办评估').waitFor()
    check(!(await shown(page, '.cs-clock').count()), 'the red clock still runs after 公安 accepted')
    const again = await refer(page, [{ name: '区民政局', task: '街道已评估同意，请安排临时庇护' }])
    await button(again, '发送转办').click()
    await again.waitFor({ state: 'hidden' })

    for (const [who, unit, report] of [[CIVIL, '区民政局', '已安排救助站临时庇护'], [POLICE, '宝安公安分局', '已出具告诫书']] as const) {
      const p = await newStaffPage(page)
      try {
        await signInAs(p, base, who)
        await openCase(p, base, help.id)
        if (who === CIVIL) await referralAnswer(p, unit, '签收', '')
        await referralAnswer(p, unit, '反馈办理情况', report)
      } finally {
        await p.context().close()
      }
    }

    await openCase(page, base, help.id)
    await shot('all-units')
    // 办结: the result in words, then what it came to
    await barAction(page, '办结')
    const resultSheet = shown(page, '.opinion-sheet').first()
    await resultSheet.locator('textarea').fill('已出具告诫书并临时庇护，保护令申请已递交')
    await button(resultSheet, '确定办结').click()
    const outcomeSheet = shown(page, '.cs-outcome')
    await outcomeSheet.waitFor()
    await outcomeSheet.locator('[role=radio]', { hasText: '告诫书' }).click()
    await shot('outcome')
    await button(outcomeSheet, '确定办结').click()
    await shown(page, '.opinion-sheet').first().waitFor({ state: 'hidden' })
    await shown(page, '.status-tag', '办结').first().waitFor()

    const head = await newStaffPage(page)
    try {
      await signInAs(head, base, HEAD)
      await openCase(head, base, help.id)
      await barAction(head, '核准', '')
      await shown(head, '.status-tag', '核准').first().waitFor()
    } finally {
      await head.context().close()
    }

    await openCase(page, base, help.id)
    await shown(page, '[aria-label="满意度"] [role=radio]', '5').click()
    await barAction(page, '回访', '已安全，继续跟进保护令')
    await shown(page, '.status-tag', '回访').first().waitFor()
    await shot('visited')

    // 维权案例库: the owner sends the anonymised case, 区妇联 publishes it, a colleague of another street finds it
    await barAction(page, '提交案例库')
    await page.waitForURL(/library-submit/)
    const story = shown(page, '[aria-label="案情与办理经过"] textarea')
    await story.waitFor()
    const draftText = await story.inputValue()
    for (const w of [nameOf(RESIDENT), '13751286049', '西乡', '宝安公安分局', '区民政局']) check(!draftText.includes(w), `the library draft still says "${w}"`)
    check(draftText.includes('公安机关') && draftText.includes('民政部门'), 'the library draft lost which kinds of unit helped')
    await page.locator('[aria-label="办案启示"] textarea').fill('红色案件先请公安签收再转民政庇护；民政退回时当天补齐街道评估再转。')
    await shot('library-submit')
    await button(page.locator('.form-actions'), '提交审核').click()
    await page.waitForURL(/library-entry/)
    const entryId = new URL(page.url().replace('#', '')).searchParams.get('id')!
    await shown(page, '.status-tag', '待审核').waitFor()
    const reviewer = await newStaffPage(page)
    try {
      await signInAs(reviewer, base, HEAD)
      await reviewer.goto(`${base}/staff/#/features/cases/pages/library-entry/index?id=${entryId}`)
      await reviewer.reload()
      await shown(reviewer, '.cs-story').waitFor()
      await barAction(reviewer, '通过并发布', '')
      await shown(reviewer, '.status-tag', '已发布').waitFor()
    } finally {
      await reviewer.context().close()
    }
    const colleague = await newStaffPage(page)
    try {
      await signInAs(colleague, base, 'u-staff-20')
      await colleague.goto(`${base}/staff/#/features/cases/pages/library/index`)
      await colleague.reload()
      await shown(colleague, '.cs-lib-item').first().waitFor()
      await shown(colleague, '[aria-label="按类别"] [role=checkbox]', '家庭暴力').click()
      await shown(colleague, '[aria-label="按办理结果"] [role=checkbox]', '告诫书').click()
      await shown(colleague, '.cs-lib-item', '红色案件先请公安签收').waitFor()
      check(!(await colleague.locator('body').innerText()).includes(nameOf(RESIDENT)), 'the library names the woman')
      await colleague.screenshot({ path: path.join(SHOTS, 'cases-flow-library-search.png') })
    } finally {
      await colleague.context().close()
    }
    await openCase(page, base, help.id)

    await elder(page, true)
    await openCase(page, base, help.id)
    await shot('visited-elder')
    await page.goto(`${base}/staff/#/features/cases/pages/intake/index`)
    await shown(page, '.cs-risk').waitFor()
    await shot('intake-elder')
    return '受理 → red → 公安 accepted, 民政 returned and re-sent → 办结 (告诫书) → 核准 → 回访 → 案例库 submitted, published, found by category and outcome; reveal audited; other case 404'
  },
}

export const caseJourneys: Journey[] = [helpJourney, flowJourney]
