/**
 * 督查督办, end to end in Chromium: a supervisor turns a 批办 document into an item (转督办) → the
 * 督查室 head 审核 → 交办 → the 主办's 联络员 签收 → reports once with a known result attached in one
 * tap → the head 申请办结 → the supervisor 复核退回 with a reason, then passes it → 归档; the workbench
 * shows the seeded lights and figures, at 375 px, normally and in 长辈模式.
 */
import type { Page } from 'playwright-core'
import { button, check, newStaffPage, shotOf, shown, signInAs, workbenchLink, type Journey } from './harness'

const SUPER = 'u-super-01'
const HEAD = 'u-staff-07'
const LIAISON = 'u-staff-06'
const DATA_HEAD = 'u-head-02'

async function openItem(page: Page, base: string, id: string) {
  await page.goto(`${base}/staff/#/features/supervision/pages/detail/index?id=${id}`)
  await shown(page, '.sv-head').waitFor()
}

/** Taps an ActionBar button; where the server asks for words, writes them and confirms. */
async function barAction(page: Page, label: string, opinion?: string) {
  await shown(page, '.action-bar').locator('.nut-button', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).click()
  const sheet = shown(page, '.opinion-sheet')
  if (opinion === undefined) {
    // an optional opinion still opens the sheet; an action without one sends at once
    if (await sheet.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
      await button(sheet, `确定${label}`).click()
      await sheet.waitFor({ state: 'hidden' })
    }
    return
  }
  await sheet.waitFor()
  await sheet.locator('textarea').fill(opinion)
  await button(sheet, `确定${label}`).click()
  await sheet.waitFor({ state: 'hidden' })
}

async function statusIs(page: Page, words: string | RegExp) {
  await shown(page, '.sv-head .status-tag', words).first().waitFor()
}

async function elder(page: Page, base: string, on: boolean) {
  await page.goto(`${base}/staff/#/features/me/pages/index/index`)
  const toggle = shown(page, '[aria-label="长辈模式"]').locator('input[type=checkbox]')
  await toggle.waitFor({ state: 'attached' })
  // the switch and its inner checkbox both carry the name (inner fields are labelled for screen readers): tap the box
  if ((await toggle.isChecked()) !== on) await toggle.click()
}

const itemJourney: Journey = {
  name: 'supervision-item',
  async run({ base, page: superPage, shot }) {
    // each person on their own phone
    const phones = new Map<string, Page>([[SUPER, superPage]])
    const as = async (userId: string) => {
      let p = phones.get(userId)
      if (!p) {
        p = await newStaffPage(superPage)
        phones.set(userId, p)
        await signInAs(p, base, userId)
      }
      return p
    }
    let page = superPage
    // 转督办 from a 批办 document
    await signInAs(page, base, SUPER)
    await workbenchLink(page, '督办事项').click()
    await page.waitForURL(/features\/supervision\/pages\/index/)
    await shown(page, '.sv-item').first().waitFor()
    await shot('list')
    await page.goto(`${base}/staff/#/features/supervision/pages/compose/index`)
    await shown(page, '.sv-evidence', '关于报送2026年度政府信息公开工作年度报告的通知').click()
    await shown(page, '.muted', '已按公文批办意见预填').waitFor()
    await page.locator('[aria-label="办结时限"] input').fill('2026-12-31')
    await shot('compose-prefilled')
    await button(page.locator('.sv-form').last(), '立项并送审').click()
    await page.waitForURL(/features\/supervision\/pages\/detail/)
    const id = new URL(page.url().replace('#', '')).searchParams.get('id') ?? /id=([\w-]+)/.exec(page.url())![1]
    await statusIs(page, '待审核')
    check(await shown(page, '.sv-v', '关于报送2026年度政府信息公开工作年度报告的通知').isVisible(), 'the item does not link back to its document')

    // 审核 by the 督查室 head, 交办 by the supervisor
    page = await as(HEAD)
    await openItem(page, base, id)
    await barAction(page, '审核通过')
    await statusIs(page, '待交办')
    page = await as(SUPER)
    await openItem(page, base, id)
    await barAction(page, '交办')
    await statusIs(page, /待签收/)

    // the 联络员 signs and reports, attaching the document's 办结 result with one tap
    page = await as(LIAISON)
    await openItem(page, base, id)
    await barAction(page, '签收')
    await statusIs(page, '办理中')
    await page.locator('[aria-label="工作进展"] textarea').fill('已按市政府办公厅要求完成年度报告编制并报送。')
    await page.locator('[aria-label="下一步计划"] textarea').fill('跟踪市政府办公厅审核意见。')
    await page.locator('[aria-label="完成进度"] input').fill('90')
    await shown(page, '.sv-evidence', '公文办理结果').click()
    await shotOf(page, 'supervision-item', 'feedback')
    await button(page.locator('.sv-feedback'), '提交反馈').click()
    await shown(page, '.sv-sub', '第 1 次反馈').waitFor()
    check(await shown(page, '.sv-sub', '佐证：公文办理结果').isVisible(), 'the evidence is not on the feedback')

    // the head asks to finish; the supervisor refuses once with a reason, then passes and archives
    page = await as(DATA_HEAD)
    await openItem(page, base, id)
    await barAction(page, '申请办结', '年度报告已按时报送。')
    await statusIs(page, '待复核')
    page = await as(SUPER)
    await openItem(page, base, id)
    await barAction(page, '复核退回', '请附上市政府办公厅的接收回执。')
    await statusIs(page, '办理中')
    page = await as(DATA_HEAD)
    await openItem(page, base, id)
    await barAction(page, '申请办结', '已补充接收回执。')
    page = await as(SUPER)
    await openItem(page, base, id)
    await barAction(page, '复核通过')
    await statusIs(page, '已办结')
    await barAction(page, '归档')
    await statusIs(page, '已归档')
    await shotOf(page, 'supervision-item', 'archived')
    return `item ${id} 立项 → 归档`
  },
}

const workbenchJourney: Journey = {
  name: 'supervision-workbench',
  async run({ base, page, shot }) {
    await signInAs(page, base, SUPER)
    await page.goto(`${base}/staff/#/features/supervision/pages/workbench/index`)
    await shown(page, '.sv-count').first().waitFor()
    const red = Number(await shown(page, '.sv-light--red .sv-count-n').innerText())
    check(red > 0, 'the workbench shows no red item')
    await shown(page, '.sv-stats', '区教育局').first().waitFor()
    await shot('workbench')
    await page.goto(`${base}/staff/#/features/supervision/pages/detail/index?id=sup-006`)
    await shown(page, '.sv-light--red').first().waitFor()
    await shot('red-item')
    await elder(page, base, true)
    await page.goto(`${base}/staff/#/features/supervision/pages/workbench/index`)
    await shown(page, '.app-root.elder .sv-count').first().waitFor()
    await shot('workbench-elder')
    await page.goto(`${base}/staff/#/features/supervision/pages/detail/index?id=sup-006`)
    await shown(page, '.app-root.elder .sv-head').waitFor()
    await shot('red-item-elder')
    return `${red} red on the workbench`
  },
}

export const supervisionJourneys = [itemJourney, workbenchJourney]
