import fs from 'node:fs'
import path from 'node:path'
import type { Compiler } from 'webpack'

/**
 * With BUNDLE_STATS=1, writes which npm packages and source folders end up in each output chunk
 * (dist/bundle-stats-<platform>-<target>.json): the first place to look when a package grows.
 */
export class BundleStatsPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler) {
    compiler.hooks.done.tap('BundleStatsPlugin', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, chunkModules: true })
      const out: Record<string, Record<string, number>> = {}
      for (const chunk of json.chunks ?? []) {
        const name = (chunk.names ?? []).join(',') || String(chunk.id)
        const sizes: Record<string, number> = {}
        const walk = (mods: typeof chunk.modules) => {
          for (const m of mods ?? []) {
            if (m.modules) walk(m.modules)
            else {
              const id = String(m.name ?? '')
              const key = id.includes('node_modules/') ? id.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : id.replace(/^\.\/(src\/[^/]+(\/[^/]+)?).*/, '$1').replace(/ .*/, '')
              sizes[key] = (sizes[key] ?? 0) + (m.size ?? 0)
            }
          }
        }
        walk(chunk.modules)
        out[name] = Object.fromEntries(Object.entries(sizes).sort((a, b) => b[1] - a[1]))
      }
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      fs.writeFileSync(this.file, JSON.stringify(out, null, 2))
    })
  }
}
