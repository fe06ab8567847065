#!/usr/bin/env node
/**
 * `npm test`: every test, in the order that fails fastest.
 *   1. types (tsc)  2. jest: unit + contract + component  3. the four builds
 *   4. weapp checks with miniprogram-ci and the size budget  5. the weapp builds run in Node (test/weapp: wcc, fake wx)
 *   6. end to end in Chromium against the H5 builds
 * Each stage's result is summed up, then the last line counts tests: jest's tests, the weapp journeys and
 * checks, the end-to-end journeys, and each other stage (types, a build, the weapp checks) as one —
 * "1234 passed, 0 failed (jest 1180, weapp 31, e2e 23 …)". Exits non-zero if any stage failed.
 * On a fresh machine it first installs what is missing (npm ci; Chromium, a CJK font, libfaketime as root).
 * SKIP_BUILD=1 reuses dist/ (for a quick rerun after a test-only change).
 */
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { ensureNodeModules, ensureTestTools } from './ensure-setup.mjs'
import { countTests } from './test-counts.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
ensureNodeModules(root)
ensureTestTools()

/**
 * No test may depend on today's date: jest runs with the machine's clock five years ahead (libfaketime,
 * installed by .ci/run), so a test that reads the real clock fails now rather than on some later day.
 * TEST_CLOCK_OFFSET changes the jump ("+5y", "-1d"); TEST_CLOCK_OFFSET=0 runs on the real clock.
 */
const clockOffset = process.env.TEST_CLOCK_OFFSET ?? '+5y'
const hasFaketime = spawnSync('sh', ['-c', 'command -v faketime'], { stdio: 'ignore' }).status === 0
const jestCmd =
  clockOffset !== '0' && hasFaketime
    ? ['faketime', ['-f', clockOffset, 'npx', 'jest', '--ci', '--maxWorkers=2']]
    : ['npx', ['jest', '--ci', '--maxWorkers=2']]
if (clockOffset !== '0' && !hasFaketime) console.log('faketime is not installed (apt-get install faketime): jest runs on the real clock')
const stages = [
  ['types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  [`jest (unit, contract, component)${jestCmd[0] === 'faketime' ? `, clock ${clockOffset}` : ''}`, ...jestCmd],
  ...(process.env.SKIP_BUILD
    ? []
    : [
        ['build weapp staff', 'npm', ['run', '-s', 'build:weapp:staff']],
        ['build weapp resident', 'npm', ['run', '-s', 'build:weapp:resident']],
        ['build h5 staff', 'npm', ['run', '-s', 'build:h5:staff']],
        ['build h5 resident', 'npm', ['run', '-s', 'build:h5:resident']],
        ['build h5 staff with the mock in-process', 'npm', ['run', '-s', 'build:h5:staff:inprocess']],
        ['build weapp staff with the mock in-process', 'npm', ['run', '-s', 'build:weapp:staff:inprocess']],
      ]),
  ['weapp checks (miniprogram-ci, sizes)', 'node', ['scripts/weapp-check.mjs']],
  ['weapp runner (wcc + fake wx: journeys and every page of both weapp builds)', 'npx', ['tsx', 'test/weapp/run.ts']],
  ['end to end (Chromium, H5)', 'npx', ['tsx', 'test/e2e/journeys.ts']],
]

/** Runs a stage with its output shown as it comes and kept, to count its tests afterwards. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } })
    let out = ''
    child.stdout.on('data', (d) => {
      process.stdout.write(d)
      out += d
    })
    child.stderr.on('data', (d) => {
      process.stderr.write(d)
      out += d
    })
    child.on('close', (code) => resolve({ code, out }))
  })
}

const outcome = []
for (const [name, cmd, args] of stages) {
  const started = Date.now()
  console.log(`\n━━ ${name} ━━`)
  const r = await run(cmd, args)
  const ok = r.code === 0
  outcome.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1), tests: countTests(name, r.out, ok) })
  if (!ok && name === 'types') console.log('types failed: continuing so every other failure shows too')
}

console.log('\n━━ summary ━━')
for (const o of outcome) console.log(`${o.ok ? '✓' : '✗'} ${o.name} (${o.seconds} s): ${o.tests.passed} passed, ${o.tests.failed} failed`)
const passed = outcome.reduce((s, o) => s + o.tests.passed, 0)
const failed = outcome.reduce((s, o) => s + o.tests.failed, 0)
const stagesFailed = outcome.filter((o) => !o.ok).length
console.log(`${passed} passed, ${failed} failed${stagesFailed ? ` (${stagesFailed} of ${outcome.length} stages failed)` : ` (${outcome.length} stages)`}`)
process.exit(stagesFailed ? 1 : 0)
