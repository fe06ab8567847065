/**
 * What a fresh machine needs before `npm start` / `npm test`, installed when missing, so the README's two
 * commands are the whole set-up: the npm packages (`npm ci`), and for the tests Debian's Chromium, a CJK
 * font (screenshots show Chinese) and libfaketime (jest runs with the clock years ahead). Debian packages
 * are installed only as root with apt-get; otherwise the exact command is printed.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const has = (cmd) => spawnSync('sh', ['-c', cmd], { stdio: 'ignore' }).status === 0

export function ensureNodeModules(root) {
  if (fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) return
  console.log('first run: installing the npm packages (npm ci)…')
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

export function ensureTestTools() {
  const missing = []
  if (!has('command -v chromium') && !fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) missing.push('chromium')
  if (!has('command -v faketime')) missing.push('faketime')
  if (!has("fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'")) missing.push('fonts-noto-cjk')
  if (!missing.length) return
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (!root || !has('command -v apt-get')) {
    console.log(`missing for the tests: ${missing.join(', ')} — install with: sudo apt-get install -y ${missing.join(' ')}`)
    return
  }
  console.log(`installing from Debian: ${missing.join(' ')}…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env })
}
