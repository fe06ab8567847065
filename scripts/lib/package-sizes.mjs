import fs from 'node:fs'
import path from 'node:path'

/** Package sizes of a weapp build, bytes as uploaded: shared by check:weapp and npm run bench. */
export function filesUnder(dir) {
  const out = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...filesUnder(p))
    else out.push(p)
  }
  return out
}

export const subRootsOf = (app) => (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))

export function packageSizes(dir, app) {
  const subRoots = subRootsOf(app)
  const sizes = { main: 0 }
  for (const r of subRoots) sizes[r] = 0
  for (const file of filesUnder(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/')
    if (rel === 'project.config.json' || rel === 'project.private.config.json') continue
    const size = fs.statSync(file).size
    const sub = subRoots.find((r) => rel.startsWith(r))
    sizes[sub ?? 'main'] += size
  }
  return sizes
}

/** The main package of the build in `dir` (its app.json says which folders are subpackages). */
export function mainPackageBytes(dir) {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
  return packageSizes(dir, app).main
}
