import fs from 'node:fs'
import path from 'node:path'

/**
 * The contract travels with the module that calls it: app code imports a module's own contract file
 * (`contract/documents`), never the table of every route (`contract/routes`), which exists for the
 * mock, the OpenAPI generator and the tests. Otherwise every module's schemas land in the main package
 * (check:weapp measures that in the build; this catches it before any build).
 */
describe('contract per module', () => {
  const src = path.resolve(__dirname, '../../src')
  const files: string[] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(ts|tsx)$/.test(e.name)) files.push(p)
    }
  }
  walk(src)

  it('no app file imports the table of all routes', () => {
    const offenders = files.filter((f) => f !== path.join(src, 'contract', 'routes.ts') && /from ['"][./]+(contract\/)?routes['"]/.test(fs.readFileSync(f, 'utf8')))
    expect(offenders.map((f) => path.relative(src, f))).toEqual([])
  })

  it('main-package code (core, components, the tab and sign-in pages) imports no module contract', () => {
    const mainOnly = ['core', 'components', 'features/inbox', 'features/me', 'features/session', 'features/home', 'app.ts'].map((p) => path.join(src, p))
    // a module's contract file is one that carries a route table; shared schema files (common,
    // safe-contact …) may be used anywhere, and main may call the auth, inbox, directory and files routes
    const allowedTables = new Set(['auth', 'inbox', 'directory', 'files'])
    const hasRoutes = (name: string) => /export const \w+Routes\b/.test(fs.readFileSync(path.join(src, 'contract', `${name}.ts`), 'utf8'))
    const offenders: string[] = []
    for (const f of files.filter((f) => mainOnly.some((m) => f === m || f.startsWith(m + path.sep)))) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/from ['"](?:\.\.\/)+contract\/([\w-]+)['"]/g)) {
        if (!allowedTables.has(m[1]) && hasRoutes(m[1])) offenders.push(`${path.relative(src, f)} → contract/${m[1]}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
