import type { Compilation, Compiler } from 'webpack'

/**
 * H5: the first page's chunks are requested by the HTML itself instead of by app.js once it has run,
 * so they download beside app.js and the first page draws one round trip sooner (issue #8's LCP on a
 * phone network). `page` is the page's source path as in app.config (e.g. features/session/pages/sign-in/index);
 * every chunk of the async chunk group that imports it gets a <link rel="preload">.
 */
export class PreloadFirstPagePlugin {
  constructor(private readonly pages: string[]) {}

  apply(compiler: Compiler) {
    compiler.hooks.compilation.tap('PreloadFirstPagePlugin', (compilation: Compilation) => {
      // html-webpack-plugin is Taro's own; take the copy webpack loaded for this compilation
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [require.resolve('@tarojs/webpack5-runner')] })) as {
        getHooks(c: Compilation): { alterAssetTagGroups: { tap(name: string, fn: (data: { headTags: unknown[] }) => unknown): void } }
      }
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadFirstPagePlugin', (data) => {
        const publicPath = String(compilation.outputOptions.publicPath ?? '')
        const files = new Set<string>()
        for (const group of compilation.chunkGroups) {
          const wanted = group.origins.some((o) => this.pages.some((p) => String(o.request ?? '').includes(p)))
          if (!wanted) continue
          for (const chunk of group.chunks) for (const f of chunk.files) files.add(f)
        }
        const tags = [...files]
          .filter((f) => /\.(js|css)$/.test(f))
          .sort()
          .map((f) => ({
            tagName: 'link',
            voidTag: true,
            meta: { plugin: 'PreloadFirstPagePlugin' },
            attributes: { rel: 'preload', as: f.endsWith('.css') ? 'style' : 'script', href: publicPath + f },
          }))
        data.headTags.push(...tags)
        return data
      })
    })
  }
}
