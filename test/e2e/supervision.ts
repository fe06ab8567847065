/**
 * 督查督办, end to end in Chromium:
 *   supervision-item: on a 批办 公文's page the supervisor taps 转督办 → the 立项 form is prefilled, a 协办
 *     is added, a basis file uploaded and the deadline picked from the date picker → 审核 → 交办 to the
 *     主办 and the 协办 → both sign → the 主办 head splits, reports, finishes the sub-task, reports again
 *     with the document's result attached in one tap → asks for 延期 (a picked date) → the supervisor and
 *     the 牵头领导 approve → 申请办结 → 复核退回 with a reason → 申请办结 → 复核通过 → 归档;
 *   supervision-decline: a 街道 sent an item that is not its own 退回s it with the reason; the supervisor
 *     reads it and 交办s to another unit;
 *   supervision-workbench: the workbench and the statistics bars show the seeded figures (as the BFF
 *     counts them), one tap 催办s, at 375 px, normally and in 长辈模式.
 */
import type { Page } from 'playwright-core'
import { apiSignIn, bff, button, check, elder, eventually, newStaffPage, shotOf, shown, signInAs, workbenchLink, type Journey } from './harness'

const SUPER = 'u-super-01'
const HEAD = 'u-staff-07'
const DATA_HEAD = 'u-head-02'
const CIVIL_HEAD = 'u-head-03'
const LEADER = 'u-leader-01'
const HR_LIAISON = 'u-hr-01'
const BATCH_DOC = '关于报送2026年度政府信息公开工作年度报告的通知'

/**
 * Picks a day in Taro's H5 date picker as a person does: opens it, drags each column (year, month, day)
 * a few rows at a time until the wanted value sits in the indicator, and taps 确定.
 */
async function pickDay(page: Page, label: string, day: string) {
  await shown(page, `[aria-label="${label}"]`).click()
  // one picker sheet is open at a time
  const sheet = page.locator('.weui-picker:visible')
  await sheet.waitFor()
  await page.waitForTimeout(400)
  const [y, m, d] = day.split('-')
  const wanted = [`${y}年`, `${m}月`, `${d}日`]
  for (let col = 0; col < 3; col++) {
    const group = sheet.locator('taro-picker-group').nth(col)
    for (let tries = 0; ; tries++) {
      const at = await group.evaluate((g, want) => {
        const items = Array.from(g.querySelectorAll('.weui-picker__item'))
        const ind = g.querySelector('.weui-picker__indicator')!.getBoundingClientRect()
        const mid = ind.top + ind.height / 2
        let cur = 0
        let best = Infinity
        items.forEach((it, i) => {
          const r = it.getBoundingClientRect()
          const dist = Math.abs(r.top + r.height / 2 - mid)
          if (dist < best) [best, cur] = [dist, i]
        })
        return { cur, target: items.findIndex((it) => it.textContent === want), h: items[0]?.getBoundingClientRect().height ?? 34 }
      }, wanted[col])
      check(at.target >= 0, `the date picker offers no ${wanted[col]}`)
      if (at.cur === at.target) break
      check(tries < 30, `the date picker's column ${col} does not move to ${wanted[col]}`)
      // at most 3 rows a drag: the column ends the drag when the pointer leaves it
      const rows = Math.max(-3, Math.min(3, at.cur - at.target))
      const box = (await group.boundingBox())!
      const x = box.x + box.width / 2
      const y0 = box.y + box.height / 2
      await page.mouse.move(x, y0)
      await page.mouse.down()
      await page.mouse.move(x, y0 + rows * at.h, { steps: 8 })
      await page.mouse.up()
      await page.waitForTimeout(350)
    }
  }
  await sheet.locator('.weui-picker__action', { hasText: '确定' }).click()
  await shown(page, `[aria-label="${label}"]`, `${label}：${day}`).waitFor()
}

/** The browser's file chooser, answered with one small PDF. */
async function attachPdf(page: Page, buttonLabel: string, name: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown(page, `[aria-label="${buttonLabel}"]`).click()])
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) })
  await shown(page, '.sv-attachment-name', name).waitFor()
}

/** The extra form under the ActionBar (分解, 延期, 交办 again): confirm it. */
async function confirmExtra(page: Page, label: string) {
  const form = shown(page, `.sv-extra[aria-label="${label}"]`)
  await button(form, '确定').click()
  await form.waitFor({ state: 'hidden' })
}

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
    await signInAs(page, base, SUPER)
    await workbenchLink(page, '督办事项').click()
    await page.waitForURL(/features\/supervision\/pages\/index/)
    await shown(page, '.sv-item').first().waitFor()
    await shot('list')

    // 转督办 from the 批办 document's own page
    const token = await apiSignIn(base, SUPER)
    const sources = await bff<{ items: { id: string; title: string; linkedItemId: string | null }[] }>(base, 'GET', '/api/v1/supervision/document-sources', { token })
    const doc = sources.items.find((x) => x.title === BATCH_DOC && !x.linkedItemId)
    check(doc, 'the seeded 批办 document is not offered for 转督办')
    await page.goto(`${base}/staff/#/features/documents/pages/detail/index?id=${doc.id}`)
    await shown(page, '.doc-head').waitFor()
    await shot('document')
    await button(shown(page, '.doc-signing-actions'), '转督办').click()
    await page.waitForURL(/features\/supervision\/pages\/compose\/index\?documentId=/)
    await shown(page, '.muted', '已按公文批办意见预填').waitFor()
    check((await shown(page, '[aria-label="立项依据"] textarea').inputValue()).includes('批示'), 'the 批办 instruction is not in the basis')
    // a 协办 the instruction did not name, a file for the basis, and the deadline from the picker
    await shown(page, '[aria-label="协办单位"] .sv-chip', '区民政局').click()
    await attachPdf(page, '添加依据附件', '政务公开工作要点.pdf')
    await pickDay(page, '办结时限', '2026-12-31')
    await shot('compose-prefilled')
    await button(page.locator('.sv-form').last(), '立项并送审').click()
    await page.waitForURL(/features\/supervision\/pages\/detail/)
    const id = /id=([\w-]+)/.exec(page.url())![1]
    await statusIs(page, '待审核')
    check(await shown(page, '.sv-v', BATCH_DOC).isVisible(), 'the item does not link back to its document')
    check(await shown(page, '.attachment-name', '政务公开工作要点.pdf').isVisible(), 'the basis file is not on the item')

    // 审核 by the 督查室 head, 交办 by the supervisor to the 主办 and the 协办
    page = await as(HEAD)
    await openItem(page, base, id)
    await barAction(page, '审核通过')
    await statusIs(page, '待交办')
    page = await as(SUPER)
    await openItem(page, base, id)
    await barAction(page, '交办')
    await statusIs(page, /待签收/)
    check(await shown(page, '.sv-v', /区民政局（待签收）/).isVisible(), 'the 协办 was not assigned')

    // both units sign
    page = await as(CIVIL_HEAD)
    await openItem(page, base, id)
    await barAction(page, '签收')
    page = await as(DATA_HEAD)
    await openItem(page, base, id)
    await barAction(page, '签收')
    await statusIs(page, /办理中/)

    // the 主办 head splits the item and finishes the sub-task
    await barAction(page, '分解任务')
    await shown(page, '.sv-extra [aria-label="子任务"] input').fill('编制年度报告并报市政府办公厅')
    await shown(page, '.sv-extra .sv-chip').first().click()
    await pickDay(page, '子任务时限', '2026-12-18')
    await confirmExtra(page, '分解任务')
    await shown(page, '[role="treeitem"]', '编制年度报告并报市政府办公厅').waitFor()
    await shot('split')

    // the first report: what was done, no evidence yet
    const report = async (progress: string, next: string, percent: string) => {
      await shown(page, '[aria-label="工作进展"] textarea').fill(progress)
      await shown(page, '[aria-label="下一步计划"] textarea').fill(next)
      await shown(page, '[aria-label="完成进度"] input').fill(percent)
    }
    await report('已成立专班，完成年度报告初稿。', '征求各科室意见后定稿。', '40')
    await button(page.locator('.sv-feedback'), '提交反馈').click()
    await shown(page, '.sv-sub', '第 1 次反馈').waitFor()

    await barAction(page, '完成子任务', '年度报告已定稿并报送。')
    await confirmExtra(page, '完成子任务')
    await shown(page, '.sv-sub.is-done', '编制年度报告并报市政府办公厅').waitFor()

    // the second report attaches what the system already knows, with one tap
    await report('年度报告已按时报送市政府办公厅。', '跟踪审核意见。', '90')
    await shown(page, '.sv-evidence', '公文办理结果').click()
    await shotOf(page, 'supervision-item', 'feedback')
    await button(page.locator('.sv-feedback'), '提交反馈').click()
    await shown(page, '.sv-sub', '第 2 次反馈').waitFor()
    check(await shown(page, '.sv-sub', '佐证：公文办理结果').isVisible(), 'the evidence is not on the feedback')

    // 延期: asked by the 主办 head, approved by the supervisor and then the 牵头领导 (区级)
    await barAction(page, '申请延期', '需等待市政府办公厅审核意见后整改。')
    await pickDay(page, '延期至', '2027-01-15')
    await confirmExtra(page, '申请延期')
    await shown(page, '.sv-sub', /2026-12-31 → 2027-01-15/).waitFor()
    page = await as(SUPER)
    await openItem(page, base, id)
    await barAction(page, '同意延期')
    page = await as(LEADER)
    await openItem(page, base, id)
    await barAction(page, '同意延期')
    await shown(page, '.sv-v', /2027-01-15（原定 2026-12-31，已延期）/).waitFor()
    await shot('extended')

    // 申请办结 → refused once with a reason → again → passed → 归档
    page = await as(DATA_HEAD)
    await openItem(page, base, id)
    await barAction(page, '申请办结', '年度报告已按时报送。')
    await statusIs(page, '待复核')
    page = await as(SUPER)
    await openItem(page, base, id)
    await barAction(page, '复核退回', '请附上市政府办公厅的接收回执。')
    await statusIs(page, /办理中/)
    page = await as(DATA_HEAD)
    await openItem(page, base, id)
    // the page may draw the item it had before the server's answer comes: wait for the reason, do not glance
    await eventually('the 主办 sees why it came back', () => shown(page, '.timeline', '请附上市政府办公厅的接收回执。').count(), (n) => n > 0)
    await barAction(page, '申请办结', '已补充接收回执。')
    page = await as(SUPER)
    await openItem(page, base, id)
    await barAction(page, '复核通过')
    await statusIs(page, '已办结')
    await barAction(page, '归档')
    await statusIs(page, '已归档')
    await shotOf(page, 'supervision-item', 'archived')
    return `item ${id}: 转督办 → 交办 2 units → 分解 → 2 reports → 延期 → 复核退回 → 归档`
  },
}

const declineJourney: Journey = {
  name: 'supervision-decline',
  async run({ base, page, shot }) {
    // an item sent to the wrong unit: 校园食堂 is the 区教育局's, not the 区人力资源局's
    const title = '推进校园食堂“明厨亮灶”全覆盖'
    const [sup, head] = await Promise.all([apiSignIn(base, SUPER), apiSignIn(base, HEAD)])
    type D = { id: string; version: number }
    let d = await bff<D>(base, 'POST', '/api/v1/supervision/items', {
      token: sup,
      body: { title, source: 'meeting', basis: '区政府第47次常务会议决定：年底前全区中小学校食堂实现“明厨亮灶”全覆盖。', attachmentIds: [], deadline: '2026-12-31T18:00:00+08:00', level: 'department', urgency: 'normal', leaderId: LEADER, mainDeptId: 'dept-hr', assistDeptIds: [], rhythm: 'weekly' },
    })
    d = await bff<D>(base, 'POST', `/api/v1/supervision/items/${d.id}/actions`, { token: head, body: { action: 'approve', version: d.version } })
    d = await bff<D>(base, 'POST', `/api/v1/supervision/items/${d.id}/actions`, { token: sup, body: { action: 'assign', version: d.version } })

    // the unit's 联络员 finds it among what the unit handles and sends it back, saying why
    await signInAs(page, base, HR_LIAISON)
    await workbenchLink(page, '督办事项').click()
    await shown(page, '.sv-item', title).click()
    await statusIs(page, '待签收')
    await barAction(page, '退回', '校园食堂属区教育局职责，不属于本单位职责。')
    await shot('declined')

    // the supervisor reads the reason and 交办s to the right unit
    const p = await newStaffPage(page)
    await signInAs(p, base, SUPER)
    await openItem(p, base, d.id)
    await statusIs(p, '待交办')
    await shown(p, '.sv-v', '已退回：校园食堂属区教育局职责，不属于本单位职责。').waitFor()
    await barAction(p, '交办')
    const form = shown(p, '.sv-extra[aria-label="交办"]')
    await form.waitFor()
    check(!(await form.locator('.sv-chip', { hasText: '区人力资源局' }).count()), 'the unit that sent it back is offered again')
    await form.locator('.sv-chip', { hasText: '区教育局' }).click()
    await shotOf(p, 'supervision-decline', 'reassign')
    await confirmExtra(p, '交办')
    await statusIs(p, '待签收')
    await shown(p, '.sv-v', /区教育局（待签收）/).waitFor()
    // and the unit that sent it back no longer sees it
    await page.goto(`${base}/staff/#/features/supervision/pages/index/index`)
    await shown(page, '.sv-item').first().waitFor()
    // the list first shows what it had loaded before, then the server's answer
    await eventually('the unit that sent it back no longer lists it', () => shown(page, '.sv-item', title).count(), (n) => n === 0)
    return '区人力资源局 退回 with its reason, 交办 to 区教育局'
  },
}

type Row = { key: string; name: string; total: number; onTime: number; overdue: number; finished: number; avgDelayDays: number }

const workbenchJourney: Journey = {
  name: 'supervision-workbench',
  async run({ base, page, shot }) {
    await signInAs(page, base, SUPER)
    // the figures as the BFF counts them from the seed: the page must show exactly these
    const token = await apiSignIn(base, SUPER)
    const wb = await bff<{ counts: Record<'green' | 'yellow' | 'red', number>; nearDeadline: { id: string; title: string; status: string }[] }>(base, 'GET', '/api/v1/supervision/workbench', { token })
    const stats = await bff<{ byDept: Row[]; bySource: Row[] }>(base, 'GET', '/api/v1/supervision/stats', { token })
    check(wb.counts.red > 0 && wb.counts.yellow > 0 && wb.counts.green > 0, `the seed does not light every colour: ${JSON.stringify(wb.counts)}`)
    await workbenchLink(page, '督查工作台').click()
    await page.waitForURL(/features\/supervision\/pages\/workbench/)
    await shown(page, '.sv-count').first().waitFor()
    for (const [l, word] of [['red', '红灯'], ['yellow', '黄灯'], ['green', '绿灯']] as const) {
      const n = Number(await shown(page, `.sv-light--${l} .sv-count-n`).innerText())
      check(n === wb.counts[l], `${word}: the workbench shows ${n}, the BFF counts ${wb.counts[l]}`)
    }
    check((await shown(page, '.sv-near').count()) === wb.nearDeadline.length, 'the items near their deadline are not all listed')
    await shot('workbench')
    // the statistics bars: every unit and every source with its figures, one bar each
    const said = (r: Row) => `${r.name}：${r.total} 件，办结 ${r.finished}，按期 ${r.onTime}，逾期 ${r.overdue}${r.avgDelayDays ? `，平均逾期 ${r.avgDelayDays} 个工作日` : ''}`
    for (const [k, title] of [['byDept', '按单位统计'], ['bySource', '按来源统计']] as const) {
      const card = shown(page, '.sv-stats').nth(k === 'byDept' ? 0 : 1)
      await card.scrollIntoViewIfNeeded()
      const rows = await card.locator('.sv-bar-row').allInnerTexts()
      check(rows.length === stats[k].length, `${title}: ${rows.length} bars for ${stats[k].length} rows`)
      for (const r of stats[k]) check(rows.some((x) => x.trim() === said(r)), `${title}: no bar says 「${said(r)}」`)
      // a bar is as long as its figures: the 按期 segment's share of the row
      const first = stats[k].find((r) => r.onTime > 0)
      if (first) {
        const row = card.locator('.sv-bar-row', { hasText: `${first.name}：` }).first()
        const [whole, part] = await Promise.all([row.locator('.sv-bar').boundingBox(), row.locator('.sv-bar-seg--ontime').boundingBox()])
        check(whole && part && Math.abs(part.width / whole.width - first.onTime / first.total) < 0.02, `${title}: the 按期 bar of ${first.name} is not ${first.onTime}/${first.total} long`)
      }
    }
    check(!(await page.getByText(/排名|打卡|在线时长|截图/).count()), 'the workbench shows a ranking, 打卡, online time or screenshots')
    await shown(page, '.sv-stats').last().scrollIntoViewIfNeeded()
    await shot('statistics')

    // one tap 催办 on an item near its deadline
    await page.evaluate(() => window.scrollTo(0, 0))
    const near = wb.nearDeadline.find((x) => x.status === 'in_progress')
    check(near, 'no running item near its deadline')
    const before = await bff<{ escalations: unknown[] }>(base, 'GET', `/api/v1/supervision/items/${near.id}`, { token })
    await button(shown(page, '.sv-near', near.title), '催办').click()
    await shown(page, '.taro__toast, .taro-toast', /已发出/).first().waitFor().catch(() => undefined)
    const after = await bff<{ escalations: { label: string }[] }>(base, 'GET', `/api/v1/supervision/items/${near.id}`, { token })
    check(after.escalations.length === before.escalations.length + 1, 'the 催办 did not go out')
    check(page.url().includes('workbench'), 'the 催办 button opened the item instead')

    // 红灯 N 件 opens exactly those items
    await shown(page, '.sv-count.sv-light--red').click()
    await page.waitForURL(/supervision\/pages\/index\/index\?light=red/)
    await eventually('the list holds the red items only', () => shown(page, '.sv-item').evaluateAll((xs) => xs.map((x) => !!x.querySelector('.sv-light--red'))), (reds) => reds.length === wb.counts.red && reds.every(Boolean))
    await page.goBack()
    await page.waitForURL(/supervision\/pages\/workbench/)

    await page.goto(`${base}/staff/#/features/supervision/pages/detail/index?id=sup-006`)
    await shown(page, '.sv-light--red').first().waitFor()
    await shot('red-item')
    await elder(page, true)
    await page.goto(`${base}/staff/#/features/supervision/pages/workbench/index`)
    await shown(page, '.app-root.elder .sv-count').first().waitFor()
    await shot('workbench-elder')
    await shown(page, '.sv-stats').last().scrollIntoViewIfNeeded()
    await shot('statistics-elder')
    await page.goto(`${base}/staff/#/features/supervision/pages/detail/index?id=sup-006`)
    await shown(page, '.app-root.elder .sv-head').waitFor()
    await shot('red-item-elder')
    return `红 ${wb.counts.red} · 黄 ${wb.counts.yellow} · 绿 ${wb.counts.green}; ${stats.byDept.length} units and ${stats.bySource.length} sources as the BFF counts them; ${after.escalations.at(-1)?.label} sent in one tap`
  },
}

export const supervisionJourneys = [itemJourney, declineJourney, workbenchJourney]
