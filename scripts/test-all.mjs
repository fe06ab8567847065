#!/usr/bin/env node
/**
 * `npm test`: every test, in the order that fails fastest.
 *   1. types (tsc)  2. jest: unit + contract + component  3. the four builds
 *   4. weapp checks with miniprogram-ci and the size budget  5. the weapp builds run in Node (test/weapp: wcc, fake wx)
 *   6. end to end in Chromium against the H5 builds
 * Ends with one line "N passed, M failed" counting the stages; exits non-zero if any stage failed.
 * SKIP_BUILD=1 reuses dist/ (for a quick rerun after a test-only change).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

/**
 * No test may depend on today's date: jest runs with the machine's clock five years ahead (libfaketime,
 * installed by .ci/run), so a test that reads the real clock fails now rather than on some later day.
 * TEST_CLOCK_OFFSET changes the jump ("+5y", "-1d"); TEST_CLOCK_OFFSET=0 runs on the real clock.
 */
const clockOffset = process.env.TEST_CLOCK_OFFSET ?? '+5y'
const hasFaketime = spawnSync('sh', ['-c', 'command -v faketime'], { stdio: 'ignore' }).status === 0
const jestCmd =
  clockOffset !== '0' && hasFaketime
    ? ['faketime', ['-f', clockOffset, 'npx', 'jest', '--ci']]
    : ['npx', ['jest', '--ci']]
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

const outcome = []
for (const [name, cmd, args] of stages) {
  const started = Date.now()
  console.log(`\n━━ ${name} ━━`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  const ok = r.status === 0
  outcome.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) })
  if (!ok && name === 'types') console.log('types failed: continuing so every other failure shows too')
}

console.log('\n━━ summary ━━')
for (const o of outcome) console.log(`${o.ok ? '✓' : '✗'} ${o.name} (${o.seconds} s)`)
const passed = outcome.filter((o) => o.ok).length
console.log(`${passed} passed, ${outcome.length - passed} failed`)
process.exit(passed === outcome.length ? 0 : 1)
