/**
 * Fit and finish (issue #7), end to end at 375 × 667 in normal and 长辈模式: the approval ActionBar lays
 * itself out so no label wraps or is cut, long unbroken text stays on its card, times never split, and a
 * signature drawn with the mouse (pointer events) leaves ink. `layoutProblems` is the page check the
 * journeys here run on every page they visit.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { apiSignIn, bff, button, check, elder, eventually, firstPageDrawn, nameOf as nameOfUser, shown, signInAs, type Journey } from './harness'

/**
 * What a person would see as broken on the page as it is now: a text cut off or running out of its box,
 * a text past the screen's edge, a label on two lines where it must be one (buttons, times).
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  // tsx keeps function names with a helper (__name) that the page does not have
  await page.evaluate('window.__name = window.__name || ((f) => f)')
  return page.evaluate(() => {
    const out: string[] = []
    const vw = window.innerWidth
    const visible = (el: Element) => {
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0
    }
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').trim().split(/\s+/).slice(0, 2).join('.')} 「${(el.textContent ?? '').trim().slice(0, 24)}」`
    // the page that is showing (Taro keeps earlier pages in the DOM, hidden)
    const roots = Array.from(document.querySelectorAll('.taro_page, .taro-tabbar__panel')).filter(visible)
    for (const root of roots.length ? roots : [document.body]) {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (!visible(el)) continue
        const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim())
        if (!own) continue
        const s = getComputedStyle(el)
        if (s.position === 'fixed' && el.closest('.watermark')) continue
        if (el.closest('.watermark, .sr-only, textarea, input, [aria-hidden="true"]')) continue
        const r = el.getBoundingClientRect()
        // a strip that scrolls sideways (常用意见 chips) shows the rest by scrolling: only the strip must fit
        const scroller = (() => {
          for (let a = el.parentElement; a && a !== root; a = a.parentElement) if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return a
          return null
        })()
        const box = scroller ? scroller.getBoundingClientRect() : r
        if (box.right > vw + 1 || box.left < -1) out.push(`off the screen (${Math.round(r.left)}–${Math.round(r.right)} of ${vw} px): ${name(el)}`)
        // cut off: more text than box, where the box hides the rest (an ellipsis is a choice, not a cut)
        const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible'
        if (clips && s.textOverflow !== 'ellipsis' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2)) out.push(`cut off (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}): ${name(el)}`)
        // a time (11-25 09:30, 09:00–11:00) is read as one thing: never split over two lines
        for (const n of Array.from(el.childNodes)) {
          if (n.nodeType !== 3) continue
          const text = n.textContent ?? ''
          const times = /(?:\d{4}-\u2060?)?(?:\d\d-\u2060?\d\d[\s\u00a0])?\d\d:\d\d(?:[–-]\d\d:\d\d)?/g
          for (let m = times.exec(text); m; m = times.exec(text)) {
            const range = document.createRange()
            range.setStart(n, m.index)
            range.setEnd(n, m.index + m[0].length)
            const bottoms = new Set(Array.from(range.getClientRects()).filter((x) => x.width > 0).map((x) => Math.round(x.bottom)))
            if (bottoms.size > 1) out.push(`a time splits over two lines 「${m[0]}」: ${name(el)}`)
          }
        }
        // a button's label and a time are one line
        const oneLine = el.closest('.nut-button, .nowrap, .timeline-time')
        if (oneLine) {
          const lines = new Set<number>()
          for (const n of Array.from(el.childNodes)) {
            if (n.nodeType !== 3 || !(n.textContent ?? '').trim()) continue
            const range = document.createRange()
            range.selectNodeContents(n)
            for (const x of Array.from(range.getClientRects())) if (x.width > 0) lines.add(Math.round(x.bottom))
          }
          if (lines.size > 1) out.push(`breaks onto ${lines.size} lines: ${name(el)}`)
        }
      }
    }
    return out
  })
}

async function expectTidy(page: Page, where: string) {
  const problems = await layoutProblems(page)
  check(!problems.length, `${where}: ${problems.slice(0, 5).join(' · ')}`)
}

/** A request whose 事由 is one long Latin word and a URL, waiting on 吴振宇 (the applicant's 科长). */
async function longLeave(base: string): Promise<string> {
  const token = await apiSignIn(base, 'u-handler-01')
  const r = await bff<{ id: string }>(base, 'POST', '/api/v1/requests', {
    token,
    body: {
      itemId: 'leave',
      values: { kind: '事假', start: '2026-11-30', end: '2026-12-01', reason: `VisaAppointmentAtTheConsulateGeneralOfTheFederalRepublic https://consulate.example.org/appointments/2026/confirm?ref=AB12CD34EF56` },
    },
  })
  return r.id
}

const actionBarJourney: Journey = {
  name: 'finish-action-bar',
  async run({ base, page, shot }) {
    // what browsers ask for by themselves, and the icon index.html names
    for (const at of ['/favicon.ico', '/staff/favicon.ico', '/staff/favicon.png', '/resident/favicon.png']) {
      const r = await fetch(`${base}${at}`)
      check(r.status === 200 && (r.headers.get('content-type') ?? '').startsWith('image/'), `${at} answers ${r.status}`)
    }
    const id = await longLeave(base)
    await signInAs(page, base, 'u-head-02')
    const detail = `${base}/staff/#/features/requests/pages/detail/index?id=${id}`
    const bar = shown(page, '.action-bar')
    const seen: string[] = []
    for (const on of [false, true]) {
      await page.goto(detail)
      if (on) await elder(page, true)
      await bar.waitFor()
      const rows = await bar.locator('.action-bar-row').evaluateAll((rs) => rs.map((r) => Array.from(r.querySelectorAll('.nut-button')).map((b) => (b.textContent ?? '').trim())))
      check(rows[0]?.length === 1 && rows[0][0] === '同意', `the primary action is not alone on the first row: ${JSON.stringify(rows)}`)
      seen.push(`${on ? '长辈' : '普通'} ${JSON.stringify(rows)}`)
      // every button inside the screen, label on one line, nothing cut
      const boxes = await bar.locator('.nut-button').evaluateAll((bs) =>
        bs.map((b) => {
          const r = b.getBoundingClientRect()
          const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT)
          const bottoms = new Set<number>()
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!(n.textContent ?? '').trim()) continue
            const range = document.createRange()
            range.selectNodeContents(n)
            for (const x of Array.from(range.getClientRects())) if (x.width > 0) bottoms.add(Math.round(x.bottom))
          }
          const lines = bottoms.size
          return { label: (b.textContent ?? '').trim(), left: r.left, right: r.right, height: r.height, lines, cut: b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1 }
        }),
      )
      for (const b of boxes) {
        check(b.lines === 1 && !b.cut, `「${b.label}」 wraps or is cut (${b.lines} lines)${on ? ' in 长辈模式' : ''}`)
        check(b.left >= 0 && b.right <= 375, `「${b.label}」 runs off the screen`)
        check(b.height >= 44, `「${b.label}」 is only ${b.height} px tall`)
      }
      // the long Latin 事由 and the URL stay on their card
      const cards = await shown(page, '.card').evaluateAll((cs) => cs.map((c) => ({ text: (c.textContent ?? '').slice(0, 20), over: c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > window.innerWidth + 1 })))
      const over = cards.filter((c) => c.over)
      check(!over.length, `a card's text runs off it: ${JSON.stringify(over)}`)
      await expectTidy(page, `request detail${on ? ' (长辈模式)' : ''}`)
      await shot(on ? 'bar-elder' : 'bar')
      // the opinion sheet opens from the second row, with 退回's own phrases
      await button(bar, '退回修改').click()
      const sheet = shown(page, '.opinion-sheet')
      await sheet.waitFor()
      const phrases = await sheet.locator('.opinion-phrase').allInnerTexts()
      check(phrases.length > 0 && !phrases.some((p) => p.startsWith('同意')), `退回 is offered approval phrases: ${phrases.join(' / ')}`)
      await shot(on ? 'return-sheet-elder' : 'return-sheet')
    }
    // the same page in the inbox list: the long word does not push the card wider than the screen
    await page.goto(`${base}/staff/#/features/requests/pages/index/index`)
    await eventually('the list is shown', () => shown(page, '.card').count(), (n) => n > 0)
    await expectTidy(page, 'requests list (长辈模式)')
    await shot('list-elder')
    return seen.join('; ')
  },
}

/** A 请示 waiting for 罗家明's 签发. */
async function waitingForSignature(base: string): Promise<string> {
  const clerk = await apiSignIn(base, 'u-clerk-01')
  const created = await bff<{ id: string; version: number }>(base, 'POST', '/api/v1/documents', {
    token: clerk,
    body: { docType: '请示', title: '关于调整区政务服务中心周末服务时间的请示', secrecy: 'none', urgency: 'normal', mainToDeptIds: ['dept-gov-office'], ccDeptIds: [], countersignDeptIds: [], signerId: 'u-leader-01', body: '区政府：\n\n为方便群众办事，拟自 12 月起周六上午开放综合窗口。\n\n妥否，请批示。', attachmentIds: [] },
  })
  const sent = await bff<{ version: number }>(base, 'POST', `/api/v1/documents/${created.id}/actions`, { token: clerk, body: { action: 'submit', version: created.version } })
  const head = await apiSignIn(base, 'u-staff-04')
  await bff(base, 'POST', `/api/v1/documents/${created.id}/actions`, { token: head, body: { action: 'approve', version: sent.version, opinion: '同意。' } })
  return created.id
}

/** The dark pixels on the pad's canvas, as the person sees them. */
const inkOnCanvas = (page: Page) =>
  shown(page, '.signature-pad-canvas').evaluate((host) => {
    const c = (host.tagName === 'CANVAS' ? host : host.querySelector('canvas')) as HTMLCanvasElement
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    let n = 0
    for (let i = 3; i < d.length; i += 4) if (d[i] > 64) n++
    return n
  })

const signatureJourney: Journey = {
  name: 'finish-signature-mouse',
  async run({ base, page, shot }) {
    const id = await waitingForSignature(base)
    await signInAs(page, base, 'u-leader-01')
    await page.goto(`${base}/staff/#/features/documents/pages/detail/index?id=${id}`)
    await shown(page, '.doc-title').waitFor()
    await shown(page, '.doc-signing-actions .nut-button', /^\s*签发\s*$/).click()
    const canvas = shown(page, '.signature-pad-canvas')
    await canvas.waitFor()
    await page.waitForTimeout(400)
    const box = (await canvas.boundingBox())!
    // a mouse (or a pen on desktop WeCom): pointer events, no touch
    await page.mouse.move(box.x + 20, box.y + box.height / 2)
    await page.mouse.down()
    for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 30), box.y + box.height / 2 + Math.sin(i / 3) * (box.height / 4), { steps: 2 })
    await page.mouse.up()
    await eventually('the pad sees ink', () => shown(page, '.signature-pad-box').getAttribute('data-inked'), (v) => v === 'yes')
    const ink = await eventually('the mouse left ink on the canvas', () => inkOnCanvas(page), (n) => n > 100)
    await shot('drawn')
    await button(shown(page, '.signature-pad-actions'), '确定签发').click()
    await shown(page, '.doc-stage', '待编号用印').waitFor()
    return `${ink} inked pixels from the mouse; 签发 landed`
  },
}

/** The search pill's text sits in its middle, and the 正文 box writes in the page's font (not monospace). */
const fieldsJourney: Journey = {
  name: 'finish-fields',
  async run({ base, page, shot }) {
    await signInAs(page, base, 'u-clerk-01')
    await page.goto(`${base}/staff/#/features/documents/pages/index/index`)
    const pill = shown(page, '.doc-search')
    await pill.waitFor()
    const offset = await pill.evaluate((host) => {
      const box = host.getBoundingClientRect()
      const field = (host.querySelector('input') ?? host).getBoundingClientRect()
      return Math.round(field.top + field.height / 2 - (box.top + box.height / 2))
    })
    check(Math.abs(offset) <= 2, `the search text sits ${offset} px off the middle of its box`)
    await page.goto(`${base}/staff/#/features/documents/pages/compose/index`)
    const body = shown(page, '[aria-label="正文"] textarea, textarea[aria-label="正文"]').first()
    await body.waitFor()
    const fonts = await body.evaluate((el) => ({ field: getComputedStyle(el).fontFamily, page: getComputedStyle(document.body).fontFamily }))
    check(fonts.field === fonts.page && !/monospace/.test(fonts.field), `正文 is written in ${fonts.field}, the page in ${fonts.page}`)
    await body.scrollIntoViewIfNeeded()
    await shot('compose-body')
    return `search text ${offset} px from the middle; 正文 in the page's font`
  },
}

export const finishJourneys: Journey[] = [actionBarJourney, signatureJourney, fieldsJourney]

// ---------------------------------------------------------------------------------------------------------
// the sweep: every page that opens without an id, in both apps, at 375 px, normal and 长辈模式

interface SweepApp {
  app: 'staff' | 'resident'
  user: string
  pages: string[]
}

export const SWEEP: SweepApp[] = [
  { app: 'staff', user: 'u-clerk-01', pages: ['inbox/pages/index/index', 'me/pages/index/index', 'documents/pages/index/index', 'documents/pages/compose/index', 'notice/pages/compose/index', 'requests/pages/index/index', 'requests/pages/verify/index', 'requests/pages/stats/index', 'documents/pages/detail/index?id=doc-005', 'notice/pages/detail/index?id=notice-002'] },
  { app: 'staff', user: 'u-fed-02', pages: ['cases/pages/index/index', 'cases/pages/intake/index', 'cases/pages/stats/index', 'cases/pages/detail/index?id=case-001'] },
  { app: 'staff', user: 'u-super-01', pages: ['supervision/pages/index/index', 'supervision/pages/workbench/index', 'supervision/pages/compose/index', 'supervision/pages/detail/index?id=sup-006'] },
  { app: 'resident', user: 'RESIDENT', pages: ['home/pages/index/index', 'me/pages/index/index', 'help/pages/index/index', 'help/pages/mine/index', 'mediation/pages/apply/index', 'mediation/pages/invite/index'] },
]

export interface PageFindings {
  layout: string[]
  smallTargets: string[]
  /** axe-core: serious */
  axe: string[]
  /** axe-core: critical (always a failure) */
  critical: string[]
}

/** Tap targets under 44 × 44 px and axe-core's serious and critical findings on the page as it is now. */
export async function auditPage(page: Page): Promise<PageFindings> {
  const layout = await layoutProblems(page)
  const smallTargets = await page.evaluate(() => {
    const out: string[] = []
    const sel = '.nut-button, [role=button], [role=tab], [role=radio], [role=checkbox], [role=link], taro-button-core, input[type=checkbox]'
    for (const el of Array.from(document.querySelectorAll(sel))) {
      const r = el.getBoundingClientRect()
      if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue
      if (!el.closest('.taro_page:not([style*="display: none"]), .taro-tabbar__panel') && !el.closest('body > *')) continue
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) out.push(`${Math.round(r.width)}×${Math.round(r.height)} 「${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 16)}」`)
    }
    return [...new Set(out)]
  })
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const axe = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    // the watermark (reader and time over a document) is faint on purpose and aria-hidden: not text to read
    const r = await w.axe.run({ exclude: [['.watermark']] }, { resultTypes: ['violations'] })
    // the count, and where the first one is (SWEEP_REPORT prints it)
    const show = (v: { id: string; nodes: { target: string[] }[] }) => `${v.id}×${v.nodes.length} (${String(v.nodes[0]?.target ?? '').slice(0, 60)})`
    return { serious: r.violations.filter((v) => v.impact === 'serious').map(show), critical: r.violations.filter((v) => v.impact === 'critical').map(show) }
  })
  return { layout, smallTargets, axe: axe.serious, critical: axe.critical }
}

const sweepJourney: Journey = {
  name: 'finish-sweep',
  async run({ base, page, shot }) {
    const figures: string[] = []
    let checked = 0
    const problems: string[] = []
    // known findings (small tap targets, axe serious) recorded per page view: the count may only go down
    const baselineFile = path.join(__dirname, 'sweep-baseline.json')
    const baseline = JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as Record<string, { targets: number; axe: number }>
    const measured: Record<string, { targets: number; axe: number }> = {}
    let totals = { targets: 0, axe: 0, critical: 0 }
    for (const s of SWEEP) {
      await page.context().clearCookies()
      await page.goto(`${base}/${s.app}/`)
      await page.evaluate(() => localStorage.clear())
      await page.goto(`${base}/${s.app}/`)
      await shown(page, '.signin-banner').waitFor()
      const names = shown(page, '.signin-name')
      if (s.user === 'RESIDENT') await names.first().click()
      else await names.getByText(nameOfUser(s.user), { exact: true }).click()
      await firstPageDrawn(page)
      for (const elderOn of [false, true]) {
        await elder(page, elderOn)
        for (const p of s.pages) {
          await page.goto(`${base}/${s.app}/#/features/${p}`)
          await page.waitForTimeout(900)
          const f = await auditPage(page)
          checked++
          const tag = `${s.app}/${p.split('/')[0]}/${p.split('/')[2]}${elderOn ? ' 长辈' : ''}`
          figures.push(`${tag}: layout ${f.layout.length}, targets ${f.smallTargets.length}, axe ${f.axe.length}${[...f.smallTargets, ...f.axe].map((x) => `\n    ${x}`).join('')}`)
          const known = baseline[tag] ?? { targets: 0, axe: 0 }
          measured[tag] = { targets: f.smallTargets.length, axe: f.axe.length }
          totals = { targets: totals.targets + f.smallTargets.length, axe: totals.axe + f.axe.length, critical: totals.critical + f.critical.length }
          if (f.layout.length) problems.push(`${tag} layout: ${f.layout.slice(0, 3).join(' · ')}`)
          if (f.critical.length) problems.push(`${tag} axe critical: ${f.critical.join(', ')}`)
          if (f.axe.length > known.axe) problems.push(`${tag} axe serious ${f.axe.length} > ${known.axe} known: ${f.axe.join(', ')}`)
          if (f.smallTargets.length > known.targets) problems.push(`${tag} small targets ${f.smallTargets.length} > ${known.targets} known: ${f.smallTargets.slice(0, 4).join(', ')}`)
          await shot(`${s.app}-${p.split('/')[0]}-${p.split('/')[2]}${elderOn ? '-elder' : ''}`)
        }
      }
    }
    if (process.env.SWEEP_REPORT) console.log(figures.join('\n') + '\n' + problems.join('\n'))
    // SWEEP_BASELINE=write records what was measured (only ever after fixing: the counts must not grow)
    if (process.env.SWEEP_BASELINE === 'write') fs.writeFileSync(baselineFile, JSON.stringify(measured, null, 1) + '\n')
    check(!problems.length, `${problems.length} findings on ${checked} page views: ${problems.slice(0, 6).join(' | ')}`)
    return `${checked} page views (${SWEEP.reduce((n, s) => n + s.pages.length, 0)} pages × 2 font modes): 0 layout, ${totals.critical} axe critical; known and not growing: ${totals.targets} small tap targets, ${totals.axe} axe serious`
  },
}

finishJourneys.push(sweepJourney)
