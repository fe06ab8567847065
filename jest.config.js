// Two kinds of jest tests: plain TypeScript in Node (contract, mock BFF, stores, time) and pages
// rendered in jsdom with @tarojs/components' React build and a small typed fake of the Taro API.
const transformIgnorePatterns = [
  'node_modules/(?!(\\.pnpm|@tarojs|@stencil|swiper|ssr-window|dom7|@nutui|classnames|tslib|@noble|valibot|mobx|mobx-react-lite)/)',
]
const globals = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_MUTATION_OBSERVER: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  APP_TARGET: 'staff',
  API_BASE: '',
  MOCK_INPROCESS: false,
}
const transform = { '^.+\\.(t|j)sx?$': 'babel-jest', '^.+\\.mjs$': 'babel-jest' }

module.exports = {
  // A test's time limit is a hang detector, not a speed check (speed is measured by npm run bench): a
  // page test that takes 2 s alone took over 5 s, jest's default, on 2 cores busy with builds.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      globals,
      moduleNameMapper: { '^@tarojs/taro$': '<rootDir>/test/support/taro-fake.ts' },
    },
    {
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/component/**/*.test.tsx'],
      transform,
      transformIgnorePatterns,
      globals,
      setupFiles: ['<rootDir>/test/support/jsdom-setup.ts'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/test/support/taro-fake.ts',
        '\\.(css|scss)$': 'identity-obj-proxy',
      },
    },
  ],
}
