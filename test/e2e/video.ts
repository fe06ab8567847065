/**
 * 视频调解 end to end: a mediator and both parties in three browser contexts with Chromium's fake
 * camera and microphone, connecting peer to peer through the mock BFF's signalling (loopback ICE, no
 * STUN/TURN: see VIDEO-FACTS.md). Each sees the other two videos actually playing; one party's page is
 * closed (the others see 对方网络不稳定) and reopened (back in the same room); a stranger is refused;
 * the mediator ends the session for all and the attendance is on record. A party whose camera
 * permission is refused gets the plain-Chinese help. Screenshots at 375 px, normal and 长辈模式.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { VIDEO_SEED } from '../../mock/seed/video'
import { NOW, WAIT_MS, apiSignIn, bff, button, check, elder, eventually, modal, nameOf, shotOf, shown, signInAs, signInResident, type Journey } from './harness'

const precheckUrl = (base: string, app: 'staff' | 'resident', caseId: string) => `${base}/${app}/#/features/video/pages/precheck/index?caseId=${caseId}`

async function videoCaseId(base: string): Promise<string> {
  const token = await apiSignIn(base, VIDEO_SEED.applicant)
  const mine = await bff<{ items: { id: string; mode: string; status: string }[] }>(base, 'GET', '/api/v1/mediation/cases/mine?limit=50', { token })
  const c = mine.items.find((x) => x.mode === 'video' && x.status === 'scheduled')
  check(c, 'the seed has no scheduled video appointment for the applicant')
  return c.id
}

async function context(browser: Browser, media: boolean): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(media ? { permissions: ['camera', 'microphone'] } : {}),
  })
  await ctx.clock.install({ time: NOW })
  await ctx.clock.resume()
  ctx.setDefaultTimeout(WAIT_MS)
  return ctx
}

/** Each person signs in on their own phone and lands on the first page, drawn, before going anywhere. */
async function signIn(page: Page, base: string, app: 'staff' | 'resident', userId: string) {
  await (app === 'staff' ? signInAs(page, base, userId) : signInResident(page, base, userId))
}

/** The pre-check has found the camera and the network; then 进入调解室 (or 重新进入调解室). */
async function precheckAndEnter(page: Page, label: RegExp = /进入调解室/) {
  await shown(page, '[aria-label="摄像头"] .video-check-state.ok').waitFor()
  await eventually('the pre-check preview shows the camera', () => page.locator('video.video-local:visible').evaluate((v: HTMLVideoElement) => v.videoWidth), (w) => w > 0)
  await shown(page, '[aria-label="网络"] .video-check-state', /网络/).waitFor()
  const enter = shown(page, '.video-enter .nut-button', label)
  await enter.waitFor()
  await enter.click()
  await page.waitForURL(/video\/pages\/room/)
}

/** Every remote <video> on the page: its size and whether its clock moves (it is really playing). */
async function playingRemotes(page: Page): Promise<number> {
  const read = () => page.locator('video.video-remote:visible').evaluateAll((vs) => vs.map((v) => ({ w: (v as HTMLVideoElement).videoWidth, t: (v as HTMLVideoElement).currentTime })))
  const a = await read()
  await page.waitForTimeout(700)
  const b = await read()
  return b.filter((x, i) => x.w > 0 && a[i] && x.t > a[i].t).length
}

async function seesPlaying(page: Page, who: string, n: number) {
  await eventually(`${who} sees ${n} remote videos playing`, () => playingRemotes(page), (k) => k === n, 30_000)
}

const roomJourney: Journey = {
  name: 'video-room',
  async run({ base, page }) {
    const caseId = await videoCaseId(base)
    const browser = page.context().browser()!
    const contexts: BrowserContext[] = []
    const shot = (p: Page, step: string) => shotOf(p, 'video-room', step)
    try {
      const [medCtx, appCtx, othCtx] = await Promise.all([context(browser, true), context(browser, true), context(browser, true)])
      contexts.push(medCtx, appCtx, othCtx)
      const [med, app, oth] = await Promise.all([medCtx.newPage(), appCtx.newPage(), othCtx.newPage()])

      // the applicant, 68, uses 长辈模式 and comes from his appointment's 进入视频调解
      await signIn(app, base, 'resident', VIDEO_SEED.applicant)
      await elder(app, true)
      await app.goto(`${base}/resident/#/features/mediation/pages/case/index?id=${caseId}`)
      await button(shown(app, '.med-section'), '进入视频调解').click()
      await app.waitForURL(/video\/pages\/precheck/)
      await shown(app, '.video-check-state.ok').first().waitFor()
      await shot(app, 'precheck-elder')
      await precheckAndEnter(app)
      await shown(app, '.video-note', '您在等候室').waitFor()

      // the mediator opens the room from the case page she handles; the applicant is in the waiting room
      const sockets: string[] = []
      for (const p of [med, app, oth]) p.on('websocket', (ws) => sockets.push(ws.url()))
      await signIn(med, base, 'staff', VIDEO_SEED.mediator)
      await med.goto(`${base}/staff/#/features/mediation/pages/handle/index?id=${caseId}`)
      await button(shown(med, '[aria-label="视频调解"]'), '进入视频调解').click()
      await med.waitForURL(/video\/pages\/precheck/)
      await shot(med, 'precheck')
      await precheckAndEnter(med)
      const waiting = shown(med, '[aria-label="等候室"]')
      await waiting.getByText(`${nameOf(VIDEO_SEED.applicant)} · 申请人`).waitFor()

      // the other party comes too
      await signIn(oth, base, 'resident', VIDEO_SEED.otherParty)
      await oth.goto(precheckUrl(base, 'resident', caseId))
      await precheckAndEnter(oth)
      await waiting.getByText(`${nameOf(VIDEO_SEED.otherParty)} · 被申请人`).waitFor()
      await shot(med, 'waiting-room')

      // admitted one by one; each then sees the other two
      for (const who of [VIDEO_SEED.applicant, VIDEO_SEED.otherParty]) {
        const row = waiting.locator('.video-waiting-row', { hasText: nameOf(who) })
        await button(row, '准许进入').click()
        await row.waitFor({ state: 'detached' })
      }
      await Promise.all([seesPlaying(med, 'the mediator', 2), seesPlaying(app, 'the applicant', 2), seesPlaying(oth, 'the other party', 2)])
      // names and roles on the tiles
      const tiles = await shown(med, '.video-tile .video-tile-name').allInnerTexts()
      check(tiles.some((t) => t.includes(nameOf(VIDEO_SEED.applicant)) && t.includes('申请人')), `the mediator's tiles do not name the applicant: ${tiles.join(' | ')}`)
      check(tiles.some((t) => t.includes(nameOf(VIDEO_SEED.otherParty)) && t.includes('被申请人')), `the mediator's tiles do not name the other party: ${tiles.join(' | ')}`)
      await shown(med, '.video-timer').waitFor()
      // the signalling ran over the BFF's WebSocket, opened with a room ticket
      check(sockets.filter((u) => u.includes('/api/v1/video/signal?ticket=')).length >= 3, `signalling sockets: ${sockets.join(' | ')}`)

      // recording: off; the mediator asks, everyone is told, nothing is recorded until both parties agree
      check(!(await med.locator('[aria-label="录音录像"]').count()), 'a recording notice shows before anyone asked')
      await button(shown(med, '.video-controls'), '请求录音录像').click()
      await modal(med).locator('.taro-model__confirm', { hasText: '发出请求' }).click()
      for (const p of [app, oth]) await shown(p, '[aria-label="录音录像"]', '调解员请求录音录像，需要每一位参加人同意后才开始；现在没有录制').waitFor()
      await shot(app, 'recording-asked-elder')
      await button(shown(app, '[aria-label="录音录像"]'), '同意录制').click()
      await shown(med, '[aria-label="录音录像"]', `还在等：${nameOf(VIDEO_SEED.otherParty)}`).waitFor()
      await button(shown(oth, '[aria-label="录音录像"]'), '同意录制').click()
      for (const p of [med, app, oth]) await shown(p, '[aria-label="录音录像"]', '正在录音录像（每一位参加人都已同意）').waitFor()
      const consents = await shown(med, '[aria-label="录制同意记录"]').innerText()
      check(consents.includes(`申请人 ${nameOf(VIDEO_SEED.applicant)}：同意`) && consents.includes(`被申请人 ${nameOf(VIDEO_SEED.otherParty)}：同意`), `consents: ${consents}`)

      // 举手: the other party raises a hand, the mediator is cued; mute shows on her tile
      await button(shown(oth, '.video-controls'), '举手发言').click()
      await shown(med, '.video-cue', `${nameOf(VIDEO_SEED.otherParty)}（被申请人）举手了`).waitFor()
      await button(shown(oth, '.video-controls'), '静音').click()
      await shown(med, `.video-tile:has-text("${nameOf(VIDEO_SEED.otherParty)}") .video-flag`, '已静音').waitFor()
      await shot(med, 'room')
      await shot(app, 'room-elder')
      await shot(oth, 'room')

      // her page closes (a dropped network): the others see it, then she taps again and is back
      await oth.close()
      await shown(med, '.video-unstable', '对方网络不稳定').waitFor({ timeout: 45_000 })
      await shot(med, 'unstable')
      const back = await othCtx.newPage()
      await back.goto(precheckUrl(base, 'resident', caseId))
      await shown(back, '.video-message', '您刚才掉线了').waitFor()
      await precheckAndEnter(back, /重新进入调解室/)
      await Promise.all([seesPlaying(back, 'the other party after rejoining', 2), seesPlaying(med, 'the mediator after the rejoin', 2), seesPlaying(app, 'the applicant after the rejoin', 2)])
      // a new entry has not agreed yet: recording pauses until she does
      await shown(med, '[aria-label="录音录像"]', '现在没有录制').waitFor()
      await button(shown(back, '[aria-label="录音录像"]'), '同意录制').click()
      await shown(med, '[aria-label="录音录像"]', '正在录音录像').waitFor()

      // a stranger with her own account is refused at the door
      const strangerCtx = await context(browser, true)
      contexts.push(strangerCtx)
      const stranger = await strangerCtx.newPage()
      await signIn(stranger, base, 'resident', 'r-resident-05')
      await stranger.goto(precheckUrl(base, 'resident', caseId))
      await shown(stranger, '.state-box', /不存在|无权/).waitFor()
      const token = await apiSignIn(base, 'r-resident-05')
      const refused = await fetch(`${base}/api/v1/video/rooms/${caseId}`, { headers: { authorization: `Bearer ${token}` } })
      check(refused.status === 404, `a stranger's room request answered ${refused.status}`)
      const noTicket = await fetch(`${base}/api/v1/video/rooms/${caseId}/video-ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ clientId: 'stranger-1', client: 'h5' }) })
      check(noTicket.status === 404, `a stranger's ticket request answered ${noTicket.status}`)

      // the mediator ends it for all; everyone is told; the attendance is on record
      await button(shown(med, '.video-controls'), '结束调解').click()
      await modal(med).locator('.taro-model__confirm', { hasText: '结束' }).click()
      for (const [p, who] of [[med, 'mediator'], [app, 'applicant'], [back, 'other party']] as const) {
        await shown(p, '.video-note', '本次视频调解已结束').waitFor().catch(() => {
          throw new Error(`the ${who} was not told the session ended`)
        })
        check((await p.locator('video.video-remote:visible').count()) === 0, `the ${who} still shows remote videos after the end`)
      }
      const rows = await shown(med, '[aria-label="出席记录"] .video-attendance-row').allInnerTexts()
      const count = (name: string) => rows.filter((r) => r.includes(name)).length
      check(count(nameOf(VIDEO_SEED.mediator)) === 1 && count(nameOf(VIDEO_SEED.applicant)) === 1 && count(nameOf(VIDEO_SEED.otherParty)) === 2, `attendance rows: ${rows.join(' | ')}`)
      await shot(med, 'ended')
      await shot(app, 'ended-elder')
      // the mediator's case page: who attended when, and the recording answers, for the 调解记录
      await med.goto(`${base}/staff/#/features/mediation/pages/handle/index?id=${caseId}`)
      const card = shown(med, '[aria-label="视频调解出席"]')
      await card.getByText(`出席 调解员 ${nameOf(VIDEO_SEED.mediator)}`, { exact: false }).first().waitFor()
      const record = (await card.textContent()) ?? ''
      check(record.includes(`出席 调解员 ${nameOf(VIDEO_SEED.mediator)}`) && record.split(`被申请人 ${nameOf(VIDEO_SEED.otherParty)}`).length - 1 >= 2 && record.includes('同意录制'), `the case page's attendance: ${record}`)
      await shot(med, 'case-attendance')
      // the applicant's case page no longer leads into a room that has ended
      await app.goto(`${base}/resident/#/features/mediation/pages/case/index?id=${caseId}`)
      await shown(app, '.med-note', /本次视频调解已于 \d\d:\d\d 结束/).waitFor()
      const again = button(shown(app, '.med-section'), '进入视频调解')
      check((await again.getAttribute('class'))?.includes('disabled'), 'the case page still offers 进入视频调解 after the end')
      await shot(app, 'case-after-end-elder')
      return `3 contexts, ${rows.length} attendance rows, rejoin after a closed page`
    } finally {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)))
    }
  },
}

const refusedJourney: Journey = {
  name: 'video-precheck-refused',
  async run({ base, page, shot }) {
    // this context was given no camera or microphone permission: the browser refuses getUserMedia
    const caseId = await videoCaseId(base)
    await signIn(page, base, 'resident', VIDEO_SEED.applicant)
    await page.goto(precheckUrl(base, 'resident', caseId))
    const help = shown(page, '.video-help')
    await help.getByText('没有得到摄像头和麦克风的使用许可').waitFor()
    const text = await help.innerText()
    check(/允许/.test(text) && /重新检查/.test(text), `the help does not say how to allow it: ${text}`)
    check(await shown(page, '.video-enter .nut-button', '请先让摄像头和麦克风正常').isVisible(), 'the enter button does not say what is missing')
    await shot('help')
    await elder(page, true)
    await page.goto(precheckUrl(base, 'resident', caseId))
    await shown(page, '.video-help').waitFor()
    await shot('help-elder')
  },
}

export const videoJourneys = [refusedJourney, roomJourney]
