#!/usr/bin/env node
/**
 * Checks the weapp builds with WeChat's own tooling, offline (miniprogram-ci): compiles every file
 * (ES5 transform + minify: JS and WXSS syntax errors, app.json pages without files), runs the code-
 * quality check, and prints every package's size against the budgets in config/budgets.json. It also
 * checks the contract-per-module rule: the main package carries only the route groups its own pages
 * call (`mainContract`), never a subpackage's schemas.
 * Usage: node scripts/weapp-check.mjs [staff|resident|staff-inprocess ...]   (builds first with --build)
 */
import { execSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { filesUnder, packageSizes, subRootsOf } from './lib/package-sizes.mjs'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const budgets = JSON.parse(fs.readFileSync(path.join(root, 'config', 'budgets.json'), 'utf8')).weapp
const openapi = JSON.parse(fs.readFileSync(path.join(root, 'src', 'contract', 'openapi.json'), 'utf8'))
/** route group (the contract file's table) → the paths it declares, as written in the contract */
const groupPaths = {}
for (const [p, ops] of Object.entries(openapi.paths)) {
  for (const op of Object.values(ops)) {
    const group = String(op.operationId ?? '').split('.')[0]
    ;(groupPaths[group] ??= new Set()).add(p.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1'))
  }
}
const args = process.argv.slice(2)
const targets = args.filter((a) => !a.startsWith('--'))
const build = args.includes('--build')
const list = targets.length ? targets : Object.keys(budgets)

// miniprogram-ci asks WeChat's servers for things it does not need offline; those failures are noise.
process.on('unhandledRejection', () => {})

const results = []
const check = (name, ok, detail = '') => {
  results.push(ok)
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`)
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`

async function checkTarget(ci, target) {
  const dir = path.join(root, 'dist', `weapp-${target}`)
  const budget = budgets[target]
  if (build || !fs.existsSync(path.join(dir, 'app.json'))) {
    execSync(`npm run -s build:weapp:${target.replace('-', ':')}`, { cwd: root, stdio: 'inherit' })
  }
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
  const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  const missing = pages.filter((p) => !['.js', '.json', '.wxml'].every((ext) => fs.existsSync(path.join(dir, p + ext))))
  check(`${target}: every page in app.json has its files`, missing.length === 0, missing.join(', '))

  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 })
  const keyPath = path.join(os.tmpdir(), `weapp-check-${process.pid}.pem`)
  fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
  const projectConfig = JSON.parse(fs.readFileSync(path.join(dir, 'project.config.json'), 'utf8'))
  const project = new ci.Project({ appid: projectConfig.appid, type: 'miniProgram', projectPath: dir, privateKeyPath: keyPath, ignores: ['**/*.LICENSE.txt'] })
  // Offline: use the default project attributes instead of fetching them from WeChat.
  project._attr = ci.DefaultProjectAttr

  try {
    const compiled = await ci.getCompiledResult({ project, version: '0.1.0', setting: { es6: true, minify: true, minifyWXSS: true, minifyWXML: true }, onProgressUpdate: () => {} })
    check(`${target}: miniprogram-ci compiles it (ES5 + minify)`, Object.keys(compiled).length > 0, `${Object.keys(compiled).length} files`)
  } catch (err) {
    check(`${target}: miniprogram-ci compiles it (ES5 + minify)`, false, String(err?.message ?? err).slice(0, 500))
  }

  const quality = await ci.checkCodeQuality(project)
  const failed = quality.filter((q) => !q.success)
  check(`${target}: WeChat code-quality check`, failed.length === 0, failed.map((q) => q.text).join('; ') || `${quality.length} checks`)

  const sizes = packageSizes(dir, app)
  console.log(`  size report (${target}, bytes as uploaded):`)
  for (const [name, size] of Object.entries(sizes)) {
    console.log(`    ${name.padEnd(28)} ${kb(size).padStart(10)}   budget ${kb(name === 'main' ? budget.main : budget.subpackage)}`)
  }
  check(`${target}: main package ≤ ${kb(budget.main)}`, sizes.main <= budget.main, `${sizes.main.toLocaleString('en')} B`)
  for (const [name, size] of Object.entries(sizes)) {
    if (name !== 'main') check(`${target}: subpackage ${name} ≤ ${kb(budget.subpackage)}`, size <= budget.subpackage, kb(size))
  }
  if (budget.mainContract) {
    const mainCode = filesUnder(dir)
      .filter((f) => f.endsWith('.js') && !subRootsOf(app).some((r) => path.relative(dir, f).split(path.sep).join('/').startsWith(r)))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n')
    const strays = Object.entries(groupPaths)
      .filter(([group]) => !budget.mainContract.includes(group))
      .flatMap(([group, paths]) => [...paths].filter((p) => mainCode.includes(`path:"${p}"`)).map((p) => `${group} ${p}`))
    check(`${target}: the main package carries only the ${budget.mainContract.join(', ')} contract`, strays.length === 0, strays.slice(0, 5).join(', '))
  }
  // valibot is tree-shaken: validators nobody calls stay out. They all went in (83 KB) when the namespace was
  // used as a value once (Babel compiles `v.pipe(...xs)` to `v.pipe.apply(v, …)`); their type names betray them.
  const allMain = filesUnder(dir)
    .filter((f) => f.endsWith('.js') && !subRootsOf(app).some((r) => path.relative(dir, f).split(path.sep).join('/').startsWith(r)))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n')
  const unusedValidators = ['credit_card', 'imei', 'mac48', 'ipv6', 'hex_color'].filter((t) => allMain.includes(`"${t}"`))
  check(`${target}: only the valibot validators we call are in the main package`, unusedValidators.length === 0, unusedValidators.length ? `found ${unusedValidators.join(', ')}: something uses the valibot namespace as a value` : '')
  fs.rmSync(keyPath, { force: true })
  return sizes
}

const ci = require('miniprogram-ci')
const quiet = console.log
const report = {}
for (const target of list) {
  // miniprogram-ci logs its own progress to stdout; keep ours readable
  const origInfo = console.info
  console.info = () => {}
  report[target] = await checkTarget(ci, target)
  console.info = origInfo
}
fs.mkdirSync(path.join(root, 'dist'), { recursive: true })
fs.writeFileSync(path.join(root, 'dist', 'weapp-size-report.json'), JSON.stringify(report, null, 2))
const passed = results.filter(Boolean).length
quiet(`weapp: ${passed} passed, ${results.length - passed} failed`)
process.exit(results.every(Boolean) ? 0 : 1)
