// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// NutUI: import each component and its own CSS instead of the 230 KB global stylesheet.
// babel-plugin-import hands customName a dashed name (TextArea → text-area); NutUI's folders have no dash.
const nutuiPath = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.replace(/-/g, '').toLowerCase()}`

module.exports = {
  // jest runs the same code on real React (its component tests render through @tarojs/components' React
  // build), the builds on Preact (config/index.ts)
  presets: [
    [
      'taro',
      {
        framework: process.env.NODE_ENV === 'test' ? 'react' : 'preact',
        ts: true,
        compiler: 'webpack5',
        // H5 opens in WeCom's and WeChat's webviews (XWeb, Chromium ≥ 86 on Android; WKWebView, iOS ≥ 13):
        // classes, async/await and spread run natively there. babel-preset-taro's default (iOS 9, Android
        // 5) turned them into ES5 helpers and a regenerator, more code to fetch and slower to run on the
        // first page (issue #8). The mini-programs keep Taro's default: WeChat's own compiler takes it from there.
        ...(process.env.TARO_ENV === 'h5' && process.env.NODE_ENV !== 'test' ? { targets: { chrome: '86', ios: '13' } } : {}),
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        customName: nutuiPath,
        style: (path) => `${path}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
