import path from 'node:path'
import webpack from 'webpack'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { resolveTarget } from './target'
import { BundleStatsPlugin } from './bundle-stats'
import { PreloadFirstPagePlugin } from './preload-first-page'

interface AliasChain {
  delete(key: string): AliasChain
  set(key: string, value: string): AliasChain
}

/**
 * Taro maps react-dom to preact/compat, which has no createRoot; Taro's runtime calls
 * ReactDOM.createRoot (NervJS/taro#17641). stubs/preact-dom.js is preact/compat plus the two
 * functions from preact/compat/client.
 */
function preactDomAlias(chain: { resolve: { alias: AliasChain } }) {
  chain.resolve.alias
    .delete('react-dom')
    .set('react-dom$', path.resolve(__dirname, 'stubs', 'preact-dom.js'))
    .set('react-dom/client$', 'preact/compat/client')
}

// One codebase, two apps: APP_TARGET picks the pages (see src/app.config.ts), the output folder
// and the WeChat project file, so `dist/weapp-staff` and `dist/weapp-resident` never overwrite each other.
export default defineConfig<'webpack5'>(async (merge) => {
  const target = resolveTarget()
  const platform = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'
  const apiBase = process.env.API_BASE ?? (platform === 'h5' ? '' : 'http://127.0.0.1:9527')

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: `yiduan-changlian-${target}`,
    date: '2026-11-25',
    // NutUI is drawn at 375 px wide, our own styles at 750: keep both at their intended size.
    designWidth(input) {
      const file = typeof input === 'object' && input && 'file' in input ? String((input as { file?: string }).file) : ''
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // base.wxml holds one template per component per nesting level (55.8 KB at Taro's default 16):
    // 8 levels cover our list cards and forms, and deeper nodes fall back to Taro's recursive `comp`
    // component, which renders the same. Saves 22 KB of every main package.
    baseLevel: Number(process.env.TARO_BASE_LEVEL ?? 8),
    // a build with the mock BFF inside goes to its own folder so it never passes for the real one
    outputRoot: `dist/${platform}-${target}${process.env.MOCK_INPROCESS === '1' ? '-inprocess' : ''}`,
    projectConfigName: target === 'staff' ? 'project.config.json' : 'project.resident.config.json',
    plugins: [],
    defineConstants: {
      APP_TARGET: JSON.stringify(target),
      API_BASE: JSON.stringify(apiBase),
      // A phone preview with no server: the mock BFF is bundled and answers in-process.
      MOCK_INPROCESS: JSON.stringify(process.env.MOCK_INPROCESS === '1'),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    // the H5 page's icon (index.html asks for it); a mini-program has none
    copy: { patterns: platform === 'h5' ? [{ from: 'src/assets/favicon.png', to: `dist/h5-${target}/favicon.png` }] : [], options: {} },
    // Preact through Taro's own framework switch: Taro aliases react/react-dom to preact/compat, so our
    // React code and NutUI run unchanged on a runtime ~88 KB smaller in every main package (issue #8).
    framework: 'preact',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // mock/ sits beside src/; a MOCK_INPROCESS build compiles it into the app
      compile: { include: [path.resolve(__dirname, '..', 'mock')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Keep the main package lean: shared libraries that only subpackages use stay out of vendors.js.
      optimizeMainPackage: { enable: true },
      // page styles are scoped by class names, so CSS order across chunks does not matter
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        preactDomAlias(chain)
        chain
          .plugin('axios-without-browser-adapters')
          .use(webpack.NormalModuleReplacementPlugin, [/axios[\\/]lib[\\/]adapters[\\/](xhr|fetch)\.js$/, path.resolve(__dirname, 'stubs', 'axios-no-adapter.js')])
        if (process.env.BUNDLE_STATS) {
          // unconcatenated, so every module is attributed to its own package or folder
          chain.optimization.concatenateModules(false)
          chain.plugin('bundle-stats').use(BundleStatsPlugin, [path.resolve(__dirname, '..', 'dist', `bundle-stats-weapp-${target}.json`)])
        }
      },
    },
    h5: {
      compile: { include: [path.resolve(__dirname, '..', 'mock')] },
      webpackChain(chain) {
        // Taro splits only the initial chunks, so every lazily loaded page carried its own copy of the
        // @tarojs/components wrappers, NutUI and mobx (13 copies, ~770 KB). Split async chunks too: what
        // two pages share is fetched once and cached.
        const split = chain.optimization.get('splitChunks') ?? {}
        chain.optimization.splitChunks({ ...split, chunks: 'all' })
        preactDomAlias(chain)
        // the same browsers babel targets for H5 (babel.config.js): webpack's own runtime code may use
        // ES2017, and src/core/yield-to-browser.h5.ts its top-level await
        chain.set('target', ['web', 'es2017'])
        // a visitor arrives signed out (src/app.ts starts them on the sign-in page) or on the home page
        chain.plugin('preload-first-page').use(PreloadFirstPagePlugin, [['features/session/pages/sign-in/index']])
        if (process.env.BUNDLE_STATS) {
          chain.optimization.concatenateModules(false)
          chain.plugin('bundle-stats').use(BundleStatsPlugin, [path.resolve(__dirname, '..', 'dist', `bundle-stats-h5-${target}.json`)])
        }
        // taro-h5's getSystemInfo reads the OS from the `platform` package (24 KB of UA rules for every
        // browser ever made); the few lines it needs are in stubs/platform-lite.js
        chain.resolve.alias.set('platform$', path.resolve(__dirname, 'stubs', 'platform-lite.js'))
        // our H5 requests go through XMLHttpRequest; axios's fetch adapter is never chosen
        chain
          .plugin('axios-without-fetch')
          .use(webpack.NormalModuleReplacementPlugin, [/axios[\\/]lib[\\/]adapters[\\/]fetch\.js$/, path.resolve(__dirname, 'stubs', 'axios-no-adapter.js')])
      },
      publicPath: `/${target}/`,
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
