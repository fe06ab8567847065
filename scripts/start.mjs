#!/usr/bin/env node
/**
 * `npm start`: builds the H5 preview of both apps when missing or older than src/, then starts the
 * mock BFF, which serves the API and both previews on one port (MOCK_PORT, default 9527).
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ensureNodeModules } from './ensure-setup.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
ensureNodeModules(root)

function newestMtime(dir) {
  let newest = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const srcTime = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'config')))
for (const target of ['staff', 'resident']) {
  const index = path.join(root, 'dist', `h5-${target}`, 'index.html')
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > srcTime && !process.argv.includes('--rebuild')) continue
  console.log(`building the H5 preview of the ${target} app…`)
  const r = spawnSync('npm', ['run', '-s', `build:h5:${target}`], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const port = process.env.MOCK_PORT ?? '9527'
const host = process.env.MOCK_HOST ?? '127.0.0.1'
const server = spawn('npx', ['tsx', 'mock/server.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, MOCK_PORT: port, MOCK_HOST: host } })
setTimeout(() => {
  console.log(`
  一端畅联 预览已启动
  工作台（企业微信端）  http://${host}:${port}/staff/
  群众端（微信端）      http://${host}:${port}/resident/
  模拟 BFF 接口         http://${host}:${port}/api/v1/   契约 http://${host}:${port}/api/openapi.json
  Ctrl+C 退出`)
}, 2500)
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
