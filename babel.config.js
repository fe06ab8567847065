// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// NutUI: import each component and its own CSS instead of the 230 KB global stylesheet.
// babel-plugin-import hands customName a dashed name (TextArea → text-area); NutUI's folders have no dash.
const nutuiPath = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.replace(/-/g, '').toLowerCase()}`

module.exports = {
  // jest runs the same code on real React (its component tests render through @tarojs/components' React
  // build), the builds on Preact (config/index.ts)
  presets: [['taro', { framework: process.env.NODE_ENV === 'test' ? 'react' : 'preact', ts: true, compiler: 'webpack5' }]],
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
