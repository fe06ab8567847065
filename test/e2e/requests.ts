/**
 * 零跑动, end to end in Chromium: a room booked and confirmed (then taken for others); a request
 * returned, edited, resubmitted and approved; two people racing for one slot; a draft that survives a
 * reload in 长辈模式.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { button, check, eventually, isShown, nameOf, newStaffPage, shown, SHOTS, signInAs, sleep, workbenchLink, type Journey } from './harness'

// f–i. 零跑动: book a room and have it confirmed (the slot is then taken for others); return → edit →
//      resubmit → approve; two people race for one slot; a draft survives a reload in 长辈模式

async function openItem(page: Page, base: string, itemName: string) {
  await page.goto(`${base}/staff/#/features/requests/pages/index/index`)
  await shown(page, '.rq-item-name', itemName).first().click()
  await page.waitForURL(/features\/requests\/pages\/apply/)
  await shown(page, '.rq-guide-title', itemName).waitFor()
}

const fieldBox = (page: Page, label: string) => shown(page, '.form-field').filter({ has: page.locator('.form-label', { hasText: label }) }).first()

async function fillRoom(page: Page, title: string, roomName: string) {
  await fieldBox(page, '会议名称').locator('input').fill(title)
  await fieldBox(page, '参会人数').locator('input').fill('8')
  await shown(page, '.slot-day').nth(1).click()
  await shown(page, '.slot-resource', roomName).click()
  await shown(page, '.slot-summary').waitFor()
}

async function approveOpen(page: Page, label: string) {
  await shown(page, '.action-bar').locator('.nut-button', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).click()
  const sheet = shown(page, '.opinion-sheet')
  await sheet.waitFor()
  await button(sheet, `确定${label}`).click()
  await sheet.waitFor({ state: 'hidden' })
}

async function openFromInbox(page: Page, titlePart: string) {
  await page.goto(page.url().replace(/#.*$/, '#/features/inbox/pages/index/index'))
  await shown(page, '.inbox-title', titlePart).first().click()
  await page.waitForURL(/features\/requests\/pages\/detail/)
}

const roomJourney: Journey = {
  name: 'requests-room',
  async run({ base, page, shot }) {
    await signInAs(page, base, 'u-handler-01')
    await workbenchLink(page, '零跑动办事').click()
    await page.waitForURL(/features\/requests\/pages\/index/)
    await shown(page, '.rq-item-name', '会议室预约').waitFor()
    await shot('catalogue')
    await shown(page, '.rq-item-name', '会议室预约').click()
    await page.waitForURL(/features\/requests\/pages\/apply/)
    await shown(page, '.rq-prefilled', nameOf('u-handler-01')).waitFor()
    await fillRoom(page, '数据共享专题协调会', '502')
    await shot('apply')
    await button(page.locator('.form-actions'), '提交申请').click()
    await page.waitForURL(/features\/requests\/pages\/detail/)
    await shown(page, '.rq-step--current', '会议室管理员确认').waitFor()
    check(/剩余|承诺时限/.test(await shown(page, '.rq-left').innerText()), 'the promise countdown is missing')
    await shot('submitted')

    const owner = await newStaffPage(page)
    try {
      await signInAs(owner, base, 'u-office-01')
      await openFromInbox(owner, '数据共享专题协调会')
      await approveOpen(owner, '同意')
      await shown(owner, '.status-tag', '已办结').first().waitFor()
      await owner.screenshot({ path: path.join(SHOTS, 'requests-room-approved.png') })
    } finally {
      await owner.context().close()
    }

    const other = await newStaffPage(page)
    try {
      await signInAs(other, base, 'u-handler-02')
      await openItem(other, base, '会议室预约')
      await shown(other, '.slot-day').nth(1).click()
      const busy = shown(other, '.slot-resource', '502').locator('.slot-busy-chip')
      await eventually('the booked hour shows as taken for others', () => busy.allInnerTexts(), (ts) => ts.some((t) => t.includes('09:00–10:00')))
      await other.screenshot({ path: path.join(SHOTS, 'requests-room-taken.png') })
    } finally {
      await other.context().close()
    }
    return 'booked → confirmed → taken for others'
  },
}

const returnJourney: Journey = {
  name: 'requests-return',
  async run({ base, page, shot }) {
    await signInAs(page, base, 'u-handler-01')
    await openItem(page, base, '办公用品领用')
    await shown(page, '.form-option', '硒鼓').click()
    await fieldBox(page, '数量').locator('input').fill('12')
    await fieldBox(page, '用途').locator('input').fill('打印年度报表')
    await button(page.locator('.form-actions'), '提交申请').click()
    await page.waitForURL(/features\/requests\/pages\/detail/)
    const id = new URL(page.url().replace('#/', '')).searchParams.get('id')

    const head = await newStaffPage(page)
    try {
      await signInAs(head, base, 'u-head-02')
      await openFromInbox(head, '办公用品领用')
      await button(shown(head, '.action-bar'), '退回修改').click()
      const sheet = shown(head, '.opinion-sheet')
      await button(sheet, '确定退回修改').click()
      await shown(head, '.opinion-sheet [role=alert]', '请填写退回理由').waitFor()
      await sheet.locator('textarea').fill('硒鼓数量偏多，请按季度实际需要填写')
      await button(sheet, '确定退回修改').click()
      await shown(head, '.status-tag', '退回修改').first().waitFor()
    } finally {
      await head.context().close()
    }

    await page.goto(`${base}/staff/#/features/inbox/pages/index/index`)
    const card = shown(page, '.inbox-item', '办公用品领用').first()
    await card.locator('.status-tag', { hasText: '退回' }).waitFor()
    await shot('returned-inbox')
    await card.click()
    await page.waitForURL(/features\/requests\/pages\/detail/)
    await button(shown(page, '.action-bar'), '修改后重新提交').click()
    await page.waitForURL(/features\/requests\/pages\/apply\/index\?id=/)
    const qty = fieldBox(page, '数量').locator('input')
    await eventually('the returned values come back for editing', () => qty.inputValue(), (v) => v === '12')
    await qty.fill('4')
    await button(page.locator('.form-actions'), '修改后重新提交').click()
    await page.waitForURL(/features\/requests\/pages\/detail/)
    await shown(page, '.rq-step--current', '部门负责人审批').waitFor()

    for (const approver of ['u-head-02', 'u-office-01']) {
      const p = await newStaffPage(page)
      try {
        await signInAs(p, base, approver)
        await p.goto(`${base}/staff/#/features/requests/pages/detail/index?id=${id}`)
        await approveOpen(p, '同意')
      } finally {
        await p.context().close()
      }
    }
    await page.reload()
    await shown(page, '.status-tag', '已办结').first().waitFor()
    await eventually('the edited quantity stands', () => shown(page, '.rq-fields').innerText(), (t) => t.includes('4'))
    await shot('done')
    return 'returned with a reason → edited → resubmitted → approved twice → done'
  },
}

const raceJourney: Journey = {
  name: 'requests-race',
  async run({ base, page, shot }) {
    const second = await newStaffPage(page)
    try {
      const pages = [page, second]
      const people = ['u-handler-01', 'u-handler-02']
      for (let i = 0; i < 2; i++) {
        await signInAs(pages[i], base, people[i])
        await openItem(pages[i], base, '会议室预约')
        await fillRoom(pages[i], `抢同一时段的会议${i + 1}`, '301')
      }
      await Promise.all(pages.map((p) => button(p.locator('.form-actions'), '提交申请').click()))
      const outcome = await Promise.all(
        pages.map((p) =>
          Promise.race([
            p.waitForURL(/features\/requests\/pages\/detail/).then(() => 'won'),
            shown(p, '.form-error', '已被').waitFor().then(() => 'told'),
          ]),
        ),
      )
      check([...outcome].sort().join(',') === 'told,won', `the race ended ${outcome.join(' / ')}`)
      const loser = outcome[0] === 'told' ? pages[0] : pages[1]
      await loser.screenshot({ path: path.join(SHOTS, 'requests-race-loser.png') })
      await shot('race')
      return 'one booking, the other told why'
    } finally {
      await second.context().close()
    }
  },
}

const draftElderJourney: Journey = {
  name: 'requests-draft-elder',
  async run({ base, page, shot }) {
    await signInAs(page, base, 'u-handler-01')
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await shown(page, '[aria-label="长辈模式"]').locator('input[type=checkbox]').click()
    await shown(page, '.app-root.elder').first().waitFor()
    await openItem(page, base, '外出/出差报备')
    await shown(page, '.app-root.elder').first().waitFor()
    await fieldBox(page, '目的地').locator('input').fill('广州市政务服务数据管理局')
    await fieldBox(page, '事由').locator('textarea').fill('学习一网通办经验')
    await sleep(700)
    await page.reload()
    await shown(page, '.form-restored').waitFor()
    const dest = await fieldBox(page, '目的地').locator('input').inputValue()
    check(dest === '广州市政务服务数据管理局', `the draft came back as "${dest}"`)
    await shot('restored-elder')
    // every control is still reachable and at least a thumb tall at the large size
    const submit = button(page.locator('.form-actions'), '提交申请')
    await submit.scrollIntoViewIfNeeded()
    const box = await submit.boundingBox()
    check(!!box && box.height >= 40 && box.width >= 300, `the submit button is ${JSON.stringify(box)}`)
    await submit.click()
    await shown(page, '.form-error').first().waitFor()
    await shot('elder-errors')
    return 'draft restored after reload; form usable in 长辈模式'
  },
}

async function openPartFromInbox(page: Page, base: string, userId: string, titlePart: string, label: string) {
  await signInAs(page, base, userId)
  await openFromInbox(page, titlePart)
  await approveOpen(page, label)
}

// j. 一件事: a clerk applies for 会议保障一件事 once; the room admin and the car's two approvers each act
//    on their own part; the attendees get the notice; the clerk sees the bundle finish on one page
const meetingBundleJourney: Journey = {
  name: 'requests-bundle-meeting',
  async run({ base, page, shot }) {
    const title = '数据共享季度推进会'
    await signInAs(page, base, 'u-clerk-02')
    await page.goto(`${base}/staff/#/features/requests/pages/index/index`)
    await shown(page, '.rq-item-name', '会议保障一件事').click()
    await page.waitForURL(/features\/requests\/pages\/bundle-apply/)
    await shown(page, '.bd-part', '会议通知').waitFor()
    await fieldBox(page, '会议名称').locator('input').fill(title)
    await fieldBox(page, '参会人数').locator('input').fill('12')
    await fieldBox(page, '参会人员').locator('textarea').fill('吴振宇、刘思远')
    await fieldBox(page, '用车出发地').locator('input').fill('区政府大院')
    await fieldBox(page, '用车目的地').locator('input').fill('西乡街道办事处')
    await fieldBox(page, '乘车人数').locator('input').fill('3')
    for (const [card, resource] of [['选择会议室和时段', '502'], ['选择车辆和用车时段', 'F6M32']]) {
      const box = fieldBox(page, card)
      await box.locator('.slot-day').nth(1).click()
      await box.locator('.slot-resource', { hasText: resource }).click()
      await box.locator('.slot-summary').waitFor()
    }
    await shot('bundle-apply')
    await button(page.locator('.form-actions'), '一次申报').click()
    await page.waitForURL(/features\/requests\/pages\/bundle\/index/)
    const bundleUrl = page.url()
    await shown(page, '.bd-part', '会议通知').waitFor()
    // the page may first draw the parts from the submission's answer, then from the server's own view
    await eventually('the notice waits for the room', () => shown(page, '.bd-part', '会议通知').innerText(), (t) => t.includes('等待前序事项'))
    check(/整件事承诺/.test(await shown(page, '.rq-head .rq-left').innerText()), 'the bundle’s promise is missing')
    await shot('bundle-submitted')

    const owner = await newStaffPage(page)
    try {
      await openPartFromInbox(owner, base, 'u-office-01', `会议室预约：${title}`, '同意')
      await shown(owner, '.status-tag', '已办结').first().waitFor()
    } finally {
      await owner.context().close()
    }
    const head = await newStaffPage(page)
    try {
      await openPartFromInbox(head, base, 'u-head-02', `公务用车：会议用车：${title}`, '同意')
      // 吴振宇 is an attendee too: the notice went out when the room was confirmed
      await head.goto(head.url().replace(/#.*$/, '#/features/inbox/pages/index/index'))
      await eventually('the attendee has the meeting notice', () => head.locator('.inbox-title').allInnerTexts(), (ts) => ts.some((t) => t.includes(`会议通知：${title}`)))
      await head.screenshot({ path: path.join(SHOTS, 'requests-bundle-meeting-attendee.png') })
    } finally {
      await head.context().close()
    }
    const cars = await newStaffPage(page)
    try {
      await openPartFromInbox(cars, base, 'u-office-01', `公务用车：会议用车：${title}`, '同意')
      await shown(cars, '.status-tag', '已办结').first().waitFor()
    } finally {
      await cars.context().close()
    }

    await page.goto(bundleUrl)
    await page.reload()
    await shown(page, '.rq-head .status-tag', '已办结').waitFor()
    const issued = await shown(page, '.bd-issued').innerText()
    check(issued.includes('502') && issued.includes('F6M32') && issued.includes(`会议通知：${title}`), `the issued list reads "${issued}"`)
    await shot('bundle-done')
    return 'one submission, three parts by their owners, notice delivered, bundle done'
  },
}

// k. 一件事 with a part refused and corrected: a newcomer's 入职一件事 goes to seven owners at once; the
//    门禁卡 keeper refuses it for a wrong office; the applicant sees what that means for the rest, corrects
//    only that part's office and re-applies; the keeper agrees, the other parts never stopped
/** An ActionBar button by its label, from the bar or, when the bar tucked it away, from its 更多 sheet. */
async function barButton(page: Page, label: string) {
  const inBar = shown(page, '.action-bar .nut-button', label)
  await shown(page, '.action-bar .nut-button').first().waitFor()
  if (!(await isShown(inBar))) await button(shown(page, '.action-bar'), '更多').click()
  await shown(page, '.nut-button', label).first().click()
}

const onboardingBundleJourney: Journey = {
  name: 'requests-bundle-onboarding',
  async run({ base, page, shot }) {
    const applicant = 'u-staff-06'
    await signInAs(page, base, applicant)
    await page.goto(`${base}/staff/#/features/requests/pages/index/index`)
    await shown(page, '.rq-item-name', '新进人员入职一件事').click()
    await page.waitForURL(/features\/requests\/pages\/bundle-apply/)
    await shown(page, '.bd-part', '政务微信').waitFor()
    // the date picker opens on today in Beijing: 确定 takes it
    await shown(page, '[aria-label="到岗日期"]').click()
    const picker = page.locator('.weui-picker:visible')
    await picker.waitFor()
    await picker.locator('.weui-picker__action', { hasText: '确定' }).click()
    await picker.waitFor({ state: 'hidden' })
    await fieldBox(page, '职务').locator('input').fill('政务数据科科员')
    await fieldBox(page, '办公地点').locator('input').fill('3 号楼 908 室')
    await shown(page, '.form-option', '笔记本').click()
    await shown(page, '.form-option', '文件盒').click()
    await fieldBox(page, '数量').locator('input').fill('2')
    await shot('onboarding-apply')
    await button(page.locator('.form-actions'), '一次申报').click()
    await page.waitForURL(/features\/requests\/pages\/bundle\/index/)
    const bundleUrl = page.url()
    await shown(page, '.bd-part', '门禁卡').waitFor()
    await eventually('the 政务微信 account waits for the 通讯录 entry', () => shown(page, '.bd-part', '政务微信').innerText(), (t) => t.includes('等待前序事项'))

    // the keeper of the doors refuses: 3 号楼 is not one of the district government's buildings
    const keeper = await newStaffPage(page)
    try {
      await signInAs(keeper, base, 'u-office-01')
      await openFromInbox(keeper, '门禁卡办理')
      await barButton(keeper, '不同意')
      const sheet = shown(keeper, '.opinion-sheet')
      await sheet.locator('textarea').fill('区政府大院没有 3 号楼，请核对办公地点（1 号楼或 2 号楼）')
      await button(sheet, '确定不同意').click()
      await sheet.waitFor({ state: 'hidden' })
      await shown(keeper, '.status-tag', '未批准').first().waitFor()
    } finally {
      await keeper.context().close()
    }

    await page.goto(bundleUrl)
    await page.reload()
    await shown(page, '.rq-head .status-tag', '待补正').waitFor()
    const note = await shown(page, '.bd-note--refused').innerText()
    check(note.includes('区政府大院没有 3 号楼') && note.includes('其他事项照常办理'), `the refusal reads "${note}"`)
    await shot('onboarding-refused')
    await barButton(page, '修改后重新申请「门禁卡办理」')
    await page.waitForURL(/bundle-apply\/index\?id=.*&part=access-card/)
    const office = fieldBox(page, '办公地点').locator('input')
    check((await office.inputValue()) === '3 号楼 908 室', 'the part’s form lost what was typed')
    const asked = await shown(page, '.form-field .form-label').allInnerTexts()
    check(asked.some((l) => l.includes('办公地点')) && !asked.some((l) => /职务|电脑需求|办公用品/.test(l)), `the corrected part asks again for ${asked.join('、')}`)
    await office.fill('2 号楼 908 室')
    await shot('onboarding-reapply')
    await button(page.locator('.form-actions'), '重新申请此项').click()
    await page.waitForURL(/features\/requests\/pages\/bundle\/index/)
    await shown(page, '.rq-head .status-tag', '办理中').waitFor()

    const again = await newStaffPage(page)
    try {
      await openPartFromInbox(again, base, 'u-office-01', '门禁卡办理', '同意')
      await shown(again, '.status-tag', '已办结').first().waitFor()
    } finally {
      await again.context().close()
    }
    await page.goto(bundleUrl)
    await page.reload()
    const card = await shown(page, '.bd-part', '门禁卡').innerText()
    check(card.includes('已办结'), `the corrected 门禁卡 part reads "${card}"`)
    check((await shown(page, '.bd-part').count()) === 7, 'the bundle does not show its seven parts once each')
    await shot('onboarding-corrected')
    return 'seven parts at once, 门禁卡 refused → corrected office → re-applied → 已办结; the other parts went on'
  },
}

export const requestJourneys: Journey[] = [roomJourney, returnJourney, raceJourney, draftElderJourney, meetingBundleJourney, onboardingBundleJourney]
