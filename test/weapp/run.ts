/**
 * `npm test`'s weapp stage (reuses the builds in dist/):
 *   1. every WXML and WXSS file of each weapp build compiles with WeChat's wcc / wcsc;
 *   2. the weapp journeys (journeys/index.ts) on the weapp runner;
 *   3. every page of both builds renders in the runner with seeded data (opened with the query the
 *      journeys opened it with, else none), shows something, and raises no problem;
 *   4. the same journeys on miniprogram-automator when WECHAT_DEVTOOLS_CLI is set; otherwise it says why not.
 * WEAPP_ONLY=name,name runs only the journeys whose name contains one of them (and skips step 3).
 * A missing build fails, except the in-process preview build, whose journeys skip with a reason.
 */
import fs from 'node:fs'
import path from 'node:path'
import { AutomatorDriver, distOf, RunnerDriver, type Build, type WeappDriver } from './driver'
import { weappJourneys } from './journeys'
import type { WeappJourney } from './journeys/types'
import { compileStyles, compileTemplates } from './render'
import { pagesOf, WeappRunner } from './runner'

const started = Date.now()
const results: { name: string; ok: boolean; detail: string; ms: number }[] = []
const only = (process.env.WEAPP_ONLY ?? '').split(',').filter(Boolean)
const chosen = only.length ? weappJourneys.filter((j) => only.some((o) => j.name.includes(o))) : weappJourneys
const JOURNEY_LIMIT_MS = 60_000

function line(ok: boolean | 'skip', name: string, detail: string, ms?: number) {
  const mark = ok === 'skip' ? '–' : ok ? '✓' : '✗'
  console.log(`${mark} ${name}${detail ? ` — ${detail}` : ''}${ms !== undefined ? ` (${ms} ms)` : ''}`)
}

async function step(name: string, fn: () => Promise<string>) {
  const t = Date.now()
  try {
    const detail = await Promise.race([fn(), new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`took longer than ${JOURNEY_LIMIT_MS / 1000} s`)), JOURNEY_LIMIT_MS).unref())])
    results.push({ name, ok: true, detail, ms: Date.now() - t })
    line(true, name, detail, Date.now() - t)
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    results.push({ name, ok: false, detail, ms: Date.now() - t })
    line(false, name, detail, Date.now() - t)
  }
}

const hasBuild = (b: Build) => fs.existsSync(path.join(distOf(b), 'app.json'))
const visited = new Map<string, Record<string, string>>()

async function runJourney(driver: WeappDriver & { api?: unknown }, j: WeappJourney) {
  await driver.start(j)
  try {
    const summary = await j.run(driver, (driver as unknown as { api: Parameters<WeappJourney['run']>[1] }).api)
    if (driver instanceof RunnerDriver) {
      driver.runner.check()
      for (const v of driver.runner.visited) if (Object.keys(v.query).length && !visited.has(`${j.build}:${v.route}`)) visited.set(`${j.build}:${v.route}`, v.query)
    }
    return summary
  } finally {
    await driver.stop()
  }
}

async function main() {
  const builds: Build[] = ['staff', 'resident', 'staff-inprocess']
  console.log('weapp: WXML and WXSS through wcc / wcsc')
  for (const b of builds) {
    if (!hasBuild(b)) {
      if (b === 'staff-inprocess') line('skip', `${b}: compiles`, `no ${path.relative(process.cwd(), distOf(b))} (npm run build:weapp:staff:inprocess)`)
      else await step(`${b}: compiles`, async () => Promise.reject(new Error(`no build at ${distOf(b)}: npm run build:weapp:${b}`)))
      continue
    }
    await step(`${b}: every WXML compiles with wcc and every WXSS with wcsc`, async () => {
      const t = compileTemplates(distOf(b))
      const styles = compileStyles(distOf(b))
      const app = JSON.parse(fs.readFileSync(path.join(distOf(b), 'app.json'), 'utf8'))
      const missing = pagesOf(app).filter((p) => !t.has(p))
      if (missing.length) throw new Error(`pages without a template: ${missing.join(', ')}`)
      return `${pagesOf(app).length} pages, ${styles.length} stylesheets`
    })
  }

  console.log('\nweapp journeys on the runner')
  for (const j of chosen) {
    if (!hasBuild(j.build)) {
      line(j.build === 'staff-inprocess' ? 'skip' : false, j.name, `no build ${j.build}`)
      if (j.build !== 'staff-inprocess') results.push({ name: j.name, ok: false, detail: 'no build', ms: 0 })
      continue
    }
    await step(`${j.name} (${j.build}, ${j.platform})`, () => runJourney(new RunnerDriver(), j))
  }

  if (!only.length) {
    console.log('\nevery page renders')
    for (const b of ['staff', 'resident'] as Build[]) {
      if (!hasBuild(b)) continue
      const app = JSON.parse(fs.readFileSync(path.join(distOf(b), 'app.json'), 'utf8'))
      const user = b === 'resident' ? 'r-resident-01' : 'u-clerk-01'
      const d = new RunnerDriver()
      await d.start({ build: b, platform: b === 'resident' ? 'wechat' : 'wecom', user })
      try {
        for (const page of pagesOf(app)) {
          await step(`${b}: ${page}`, async () => {
            const query = visited.get(`${b}:${page}`)
            const qs = query ? `?${Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')}` : ''
            await d.runner.open(`/${page}${qs}`)
            await d.runner.idle(60)
            const text = await d.runner.waitFor('something on screen', (tree) => {
              const t = d.runner.text().trim()
              return tree.children.length && t.length > 0 ? t : undefined
            })
            d.runner.check()
            return `${qs ? `opened with ${qs}; ` : ''}${text.length} characters, e.g. ${JSON.stringify(text.slice(0, 24))}`
          })
        }
      } finally {
        await d.stop()
      }
    }
  }

  console.log('\nweapp journeys on miniprogram-automator (WeChat DevTools)')
  const skip = AutomatorDriver.skipReason()
  if (skip) line('skip', `${chosen.length} journeys`, `skipped: ${skip}`)
  else for (const j of chosen) if (j.build !== 'staff-inprocess' || hasBuild(j.build)) await step(`automator: ${j.name}`, () => runJourney(new AutomatorDriver(), j))

  const failed = results.filter((r) => !r.ok)
  console.log(`\nweapp: ${results.length - failed.length} passed, ${failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  process.exit(failed.length ? 1 : 0)
}

void WeappRunner
main().catch((err) => {
  console.error(err)
  process.exit(1)
})
