/**
 * WXML through WeChat's own compiler: `wcc` (miniprogram-compiler) turns every .wxml/.wxs of a build into
 * one `$gwx`; `$gwx('<page>.wxml')` maps a page's data to the tree WeChat's view layer would draw. Custom
 * components in that tree (Taro's `comp`) are expanded with their own template and properties.
 * `wcsc` compiles every .wxss, so a stylesheet error fails here too.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const compiler = require('miniprogram-compiler') as { wxmlToJs(dir: string, o?: object): string }

/** npm blocks install scripts, so the binaries may arrive without their run bit. */
export function ensureCompilerBinaries() {
  const dir = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux')
  for (const name of ['wcc', 'wcsc']) {
    const p = path.join(dir, name)
    if (fs.existsSync(p) && (fs.statSync(p).mode & 0o111) === 0) fs.chmodSync(p, 0o755)
  }
}

export interface WNode {
  tag: string
  attr: Record<string, unknown>
  children: (WNode | string)[]
  parent?: WNode
}

type RawNode = { tag: string; attr?: Record<string, unknown>; children?: (RawNode | string)[] }
type PageFn = (data: unknown, env: object, global: object) => RawNode

export interface Templates {
  render(route: string, data: unknown): WNode
  has(route: string): boolean
}

function filesUnder(dir: string, ext: string, base = dir): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...filesUnder(p, ext, base))
    else if (e.name.endsWith(ext)) out.push(path.relative(base, p).split(path.sep).join('/'))
  }
  return out
}

const cache = new Map<string, Templates>()

export function compileTemplates(dir: string): Templates {
  const hit = cache.get(dir)
  if (hit) return hit
  ensureCompilerBinaries()
  const code = compiler.wxmlToJs(dir, { maxBuffer: 256 * 1024 * 1024 })
  // the compiled templates expect the view layer's globals: `window` is the global object there
  // what the view layer complains about (e.g. "Template `x` not found") fails the render
  const complaints: string[] = []
  const complain = (...a: unknown[]) => void complaints.push(a.map(String).join(' '))
  const ctx = vm.createContext({ console: { log: complain, info: complain, warn: complain, error: complain, debug: complain } })
  vm.runInContext('window = globalThis; global = globalThis', ctx)
  const gwx = vm.runInContext(`(function(){${code}\n})()`, ctx, { filename: `${dir}/$gwx.js` }) as (p: string) => PageFn | undefined
  // the view layer checks `constructor === Object`, so data must be made of that realm's objects
  const parseThere = vm.runInContext('(s) => JSON.parse(s)', ctx) as (s: string) => unknown
  const local = (data: unknown) => parseThere(JSON.stringify(data ?? {}))
  const fns = new Map<string, PageFn>()
  const fn = (file: string) => {
    if (!fns.has(file)) {
      const f = gwx(file)
      if (typeof f !== 'function') throw new Error(`wcc has no template for ${file}`)
      fns.set(file, f)
    }
    return fns.get(file)!
  }
  const jsonOf = (file: string): { usingComponents?: Record<string, string> } => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, file.replace(/\.wxml$/, '.json')), 'utf8'))
    } catch {
      return {}
    }
  }

  function expand(raw: RawNode | string, owner: string, parent: WNode | undefined): WNode | string | (WNode | string)[] {
    if (typeof raw === 'string') return raw
    const tag = raw.tag
    if (tag === 'virtual' || tag === 'wx-block' || tag === 'block') return (raw.children ?? []).flatMap((c) => expand(c, owner, parent))
    const using = jsonOf(owner).usingComponents ?? {}
    const name = tag.replace(/^wx-/, '')
    const node: WNode = { tag: name, attr: raw.attr ?? {}, children: [], parent }
    if (using[name]) {
      // a custom component: its own template, drawn from its properties
      const compFile = path.posix.normalize(path.posix.join(path.posix.dirname(owner), using[name])) + '.wxml'
      const inner = fn(compFile)(local(raw.attr ?? {}), {}, {})
      node.children = (inner.children ?? []).flatMap((c) => expand(c, compFile, node))
      return node
    }
    node.children = (raw.children ?? []).flatMap((c) => expand(c, owner, node))
    return node
  }

  const t: Templates = {
    has: (route) => fs.existsSync(path.join(dir, `${route}.wxml`)),
    render(route, data) {
      const file = `${route}.wxml`
      complaints.length = 0
      const raw = fn(file)(local(data), {}, {})
      const root: WNode = { tag: 'page', attr: {}, children: [] }
      root.children = (raw.children ?? []).flatMap((c) => expand(c, file, root))
      if (complaints.length) throw new Error(`the view layer says: ${[...new Set(complaints)].join('; ')}`)
      return root
    },
  }
  cache.set(dir, t)
  return t
}

/** Every .wxss through wcsc; resolves to the files it compiled, throws with wcsc's message otherwise. */
export function compileStyles(dir: string): string[] {
  ensureCompilerBinaries()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wcsc = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[], o?: object) => Record<string, string> | Error
  const files = filesUnder(dir, '.wxss').map((f) => f.slice(0, -5))
  const r = wcsc(dir, files, { maxBuffer: 256 * 1024 * 1024 })
  if (r instanceof Error) throw r
  return files
}

// ── reading the tree like a user ──

const HIDDEN_TAGS = new Set(['wxs', 'template', 'import', 'include'])

export function isHidden(n: WNode): boolean {
  if (HIDDEN_TAGS.has(n.tag)) return true
  if (n.attr.hidden === true || n.attr.hidden === 'true') return true
  const style = String(n.attr.style ?? '')
  return /(^|;)\s*display\s*:\s*none/.test(style) || /(^|;)\s*visibility\s*:\s*hidden/.test(style)
}

export function* walk(n: WNode, visibleOnly = true): Generator<WNode> {
  if (visibleOnly && isHidden(n)) return
  yield n
  for (const c of n.children) if (typeof c !== 'string') yield* walk(c, visibleOnly)
}

/** The text a user sees inside a node, inputs' values and placeholders included. */
export function textOf(n: WNode): string {
  if (isHidden(n)) return ''
  let s = ''
  if (n.tag === 'input' || n.tag === 'textarea') s += String(n.attr.value ?? '') || String(n.attr.placeholder ?? '')
  for (const c of n.children) s += typeof c === 'string' ? c : textOf(c)
  return s
}

export const matches = (text: string, want: string | RegExp) => (typeof want === 'string' ? text.includes(want) : want.test(text))

/** The innermost visible nodes whose text matches: the ones a finger lands on. */
export function findByText(root: WNode, want: string | RegExp): WNode[] {
  const hits: WNode[] = []
  for (const n of walk(root)) {
    if (!matches(textOf(n), want)) continue
    const childHit = n.children.some((c) => typeof c !== 'string' && matches(textOf(c), want))
    if (!childHit) hits.push(n)
  }
  return hits
}

export function datasetOf(n: WNode): Record<string, unknown> {
  const ds: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(n.attr)) if (k.startsWith('data-')) ds[k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = v
  return ds
}

/** Outline of a tree for failure messages. */
export function outline(n: WNode, depth = 0, max = 60): string {
  const lines: string[] = []
  const visit = (x: WNode, d: number) => {
    if (lines.length > max || isHidden(x)) return
    const own = x.children.filter((c): c is string => typeof c === 'string').join('').trim()
    lines.push(`${'  '.repeat(d)}<${x.tag}${x.attr.class ? ` class="${String(x.attr.class).slice(0, 40)}"` : ''}>${own ? ` ${own.slice(0, 60)}` : ''}`)
    for (const c of x.children) if (typeof c !== 'string') visit(c, d + 1)
  }
  visit(n, depth)
  return lines.join('\n')
}
