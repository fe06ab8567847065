/**
 * 工作台 and notifications, end to end in Chromium: a supervisor, a federation officer and a mediator each
 * land on a 工作台 of their own modules with the server's counts; 长辈模式 keeps the inbox tabs on one
 * line and the tab bar grows; a 特急 notice at 20:00 goes out at once, two 平件 at 20:00 go out as the next
 * morning's digest (the mock's clock moved by /__mock/clock), and tapping the message lands on the notice
 * with its 已阅 button.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { Workbench } from '../../src/contract/workbench'
import type { OutboxEntry } from '../../src/contract/notifications'
import { apiSignIn, bff, button, check, eventually, fontPx, newStaffPage, shown, signInAs, SHOTS, toInbox, type Journey } from './harness'

const parts = async (page: Page) => (await shown(page, '.wb-part-title').allInnerTexts()).map((t) => t.trim())
const countOf = async (page: Page, part: string, label: string) => Number((await shown(page, `.wb-part[aria-label="${part}"] [aria-label^="${label} "] .wb-count-n`).first().innerText()).trim())

async function landsOnOwnWorkbench(page: Page, base: string, userId: string, first: string, absent: string[]) {
  await signInAs(page, base, userId)
  const api = await bff<Workbench>(base, 'GET', '/api/v1/workbench', { token: await apiSignIn(base, userId) })
  const shownParts = await parts(page)
  check(shownParts[0] === first, `${userId} lands on ${shownParts.join('/')} instead of ${first} first`)
  check(JSON.stringify(shownParts) === JSON.stringify(api.parts.map((p) => p.label)), `the parts shown (${shownParts.join('/')}) are not the server's`)
  for (const a of absent) check(!shownParts.includes(a), `${userId} sees ${a}, which they have no part in`)
  const mine = api.parts[0]
  const todo = await countOf(page, first, '待办')
  check(todo === mine.counts.todo, `${first} shows ${todo} 待办, the server says ${mine.counts.todo}`)
  check((await countOf(page, first, '逾期')) === mine.counts.overdue, `${first}'s 逾期 is not the server's`)
  const badge = shown(page, '.weui-tabbar__item', '统一待办').locator('.weui-badge')
  if (api.todo > 0) await eventually('the inbox tab wears the 待办 count', async () => ((await badge.count()) ? (await badge.innerText()).trim() : ''), (t) => t === String(api.todo))
  return api
}

const rolesJourney: Journey = {
  name: 'workbench-roles',
  async run({ base, page, shot }) {
    const sv = await landsOnOwnWorkbench(page, base, 'u-super-01', '督查督办', ['妇联案件', '调解'])
    await shot('supervisor')
    const fed = await newStaffPage(page)
    const cases = await landsOnOwnWorkbench(fed, base, 'u-fed-02', '妇联案件', ['督查督办', '调解', '公文流转'])
    await fed.screenshot({ path: path.join(SHOTS, 'workbench-roles-federation.png') })
    const med = await newStaffPage(page)
    const mediation = await landsOnOwnWorkbench(med, base, 'u-mediator-01', '调解', ['督查督办', '妇联案件', '公文流转'])
    await med.screenshot({ path: path.join(SHOTS, 'workbench-roles-mediator.png') })
    // the inbox keeps only the inbox: no module chips above it
    await toInbox(page)
    await shown(page, '.inbox-item').first().waitFor()
    check((await page.locator('.inbox-start-button').count()) === 0, 'module chips are still above the inbox')
    await shot('inbox')

    // 长辈模式: the tabs stay on one line inside 375 px, the badge on its tab, the tab bar grows
    const label = shown(page, '.weui-tabbar__item', '工作台').locator('.weui-tabbar__label')
    const labelBefore = await fontPx(label)
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await shown(page, '[aria-label="长辈模式"]').locator('input[type=checkbox]').click()
    await shown(page, '.app-root.elder').first().waitFor()
    const labelAfter = await fontPx(label)
    check(labelAfter > labelBefore, `the tab bar's text did not grow (${labelBefore}px → ${labelAfter}px)`)
    await toInbox(page)
    await shown(page, '.app-root.elder .inbox-item').first().waitFor()
    const tabs = await page.locator('.inbox-tab:visible').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect()
        const text = el.querySelector('.inbox-tab-label')!
        const t = text.getBoundingClientRect()
        const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || t.height
        const badge = el.querySelector('.inbox-count')?.getBoundingClientRect()
        return { label: text.textContent, left: r.left, right: r.right, lines: Math.round(t.height / lineHeight), badgeInside: !badge || (badge.left >= r.left - 0.5 && badge.right <= r.right + 0.5 && badge.top >= r.top - 0.5 && badge.bottom <= r.bottom + 0.5) }
      }),
    )
    for (const t of tabs) {
      check(t.lines === 1, `「${t.label}」 wraps to ${t.lines} lines in 长辈模式`)
      check(t.badgeInside, `the badge of 「${t.label}」 leaves its tab`)
      check(t.left >= 0 && t.right <= 375.5, `「${t.label}」 runs off the screen (${t.left}–${t.right})`)
    }
    await shot('inbox-elder')
    await page.locator('.weui-tabbar__item', { hasText: '工作台' }).click()
    await shown(page, '.app-root.elder .wb-part').first().waitFor()
    await shot('supervisor-elder')
    return `督查督办 ${sv.parts[0].counts.todo} 待办 · 妇联案件 ${cases.parts[0].counts.todo} · 调解 ${mediation.parts[0].counts.todo}; 长辈模式 tabs ${tabs.length} on one line, tab bar ${labelBefore}→${labelAfter}px`
  },
}

const notifyJourney: Journey = {
  name: 'workbench-notify',
  async run({ base, page, shot }) {
    const sender = 'u-head-01'
    const reader = 'u-handler-02'
    const clock = (now: string | null) => bff(base, 'POST', '/__mock/clock', { body: { now } })
    const outbox = async () => (await bff<{ items: OutboxEntry[] }>(base, 'GET', `/api/v1/messages/outbox?recipientId=${reader}&limit=100`, { token: await apiSignIn(base, 'u-auditor-01') })).items
    const send = async (title: string, urgency: 'normal' | 'very_urgent') =>
      bff<{ id: string }>(base, 'POST', '/api/v1/notices', { token: await apiSignIn(base, sender), body: { title, body: '请按要求办理。', urgency, readerIds: [reader] } })

    await clock('2026-11-25T20:00:00+08:00') // Wednesday evening
    const urgent = await send('关于寒潮应急值守的紧急通知', 'very_urgent')
    await send('关于报送年度工作总结的通知', 'normal')
    await send('关于做好元旦期间安全检查的通知', 'normal')
    let out = await outbox()
    check(out.length === 1 && out[0].wecom?.title === '待办提醒' && out[0].at === '2026-11-25T20:00:00+08:00', `at 20:00 only the 特急 should go out: ${JSON.stringify(out.map((o) => [o.at, o.kind]))}`)
    check(out[0].wecom!.page === `/features/notice/pages/detail/index?id=${urgent.id}`, 'the 特急 message does not land on its notice')

    await clock('2026-11-26T08:59:00+08:00')
    check((await outbox()).length === 1, 'something went out before office hours')
    await clock('2026-11-26T09:00:00+08:00')
    out = await outbox()
    const digest = out.find((o) => o.kind === 'digest')
    check(out.length === 2 && digest && digest.at === '2026-11-26T09:00:00+08:00', `the next morning should bring one digest: ${JSON.stringify(out.map((o) => [o.at, o.kind]))}`)
    check(digest!.wecom!.contentItem[0].value === '您有 2 件待办', `the digest says ${digest!.wecom!.contentItem[0].value}`)

    // the reader opens 消息 from the 工作台 and taps the 特急 one: the notice, with its 已阅 button
    await signInAs(page, base, reader)
    await shown(page, '.wb-messages', '消息').click()
    await page.waitForURL(/features\/messages\/pages\/index/)
    const cards = shown(page, '.msg-item')
    await cards.first().waitFor()
    check((await cards.count()) === 3, `消息 holds ${await cards.count()} messages, not 3`)
    check((await shown(page, '.msg-unread').innerText()).includes('3 条未读'), 'the unread count is not 3')
    await shot('messages')
    await shown(page, '.msg-item', '关于寒潮应急值守的紧急通知').click()
    await page.waitForURL(new RegExp(`notice/pages/detail/index\\?id=${urgent.id}`))
    await button(shown(page, '.action-bar'), '已阅').waitFor()
    await shot('landed-on-notice')
    await page.goBack()
    await eventually('the message tapped is read', () => shown(page, '.msg-unread').innerText(), (t) => t.includes('2 条未读'))
    await clock(null)
    return `20:00 特急 at once; 2 平件 → one digest at 09:00 next day; 消息 → notice with 已阅`
  },
}

export const workbenchJourneys = [rolesJourney, notifyJourney]
