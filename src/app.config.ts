// Evaluated at build time in Node: APP_TARGET picks which app this build is.
const target = process.env.APP_TARGET === 'resident' ? 'resident' : 'staff'

const staff = {
  pages: [
    'features/workbench/pages/index/index',
    'features/inbox/pages/index/index',
    'features/me/pages/index/index',
    'features/session/pages/sign-in/index',
  ],
  subPackages: [
    { root: 'features/messages', pages: ['pages/index/index'] },
    { root: 'features/audit', pages: ['pages/index/index'] },
    { root: 'features/notice', pages: ['pages/detail/index', 'pages/compose/index'] },
    { root: 'features/documents', pages: ['pages/index/index', 'pages/detail/index', 'pages/compose/index'] },
    { root: 'features/requests', pages: ['pages/index/index', 'pages/apply/index', 'pages/detail/index', 'pages/verify/index', 'pages/stats/index', 'pages/bundle-apply/index', 'pages/bundle/index'] },
    { root: 'features/cases', pages: ['pages/index/index', 'pages/detail/index', 'pages/intake/index', 'pages/stats/index', 'pages/library/index', 'pages/library-entry/index', 'pages/library-submit/index'] },
    { root: 'features/supervision', pages: ['pages/index/index', 'pages/detail/index', 'pages/compose/index', 'pages/workbench/index'] },
    { root: 'features/mediation', pages: ['pages/workbench/index', 'pages/handle/index', 'pages/calendar/index', 'pages/stats/index'] },
    { root: 'features/video', pages: ['pages/precheck/index', 'pages/room/index'] },
  ],
  tabBar: {
    color: '#5f6b7a',
    selectedColor: '#1a5fb4',
    backgroundColor: '#ffffff',
    borderStyle: 'black' as const,
    list: [
      { pagePath: 'features/workbench/pages/index/index', text: '工作台', iconPath: 'assets/tab/workbench.png', selectedIconPath: 'assets/tab/workbench-on.png' },
      { pagePath: 'features/inbox/pages/index/index', text: '统一待办', iconPath: 'assets/tab/inbox.png', selectedIconPath: 'assets/tab/inbox-on.png' },
      { pagePath: 'features/me/pages/index/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  title: '一端畅联',
}

const resident = {
  pages: [
    'features/home/pages/index/index',
    'features/me/pages/index/index',
    'features/session/pages/sign-in/index',
  ],
  // 调解 is one folder with two page lists: each app compiles only its own pages of it
  subPackages: [
    { root: 'features/mediation', pages: ['pages/apply/index', 'pages/book/index', 'pages/case/index', 'pages/invite/index'] },
    { root: 'features/help', pages: ['pages/index/index', 'pages/mine/index'] },
    { root: 'features/video', pages: ['pages/precheck/index', 'pages/room/index'] },
    { root: 'features/messages', pages: ['pages/index/index'] },
  ] as { root: string; pages: string[] }[],
  tabBar: {
    color: '#5f6b7a',
    selectedColor: '#c2410c',
    backgroundColor: '#ffffff',
    borderStyle: 'black' as const,
    list: [
      { pagePath: 'features/home/pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'features/me/pages/index/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on-resident.png' },
    ],
  },
  title: '宝安智慧调解',
}

const app = target === 'resident' ? resident : staff

export default defineAppConfig({
  pages: app.pages,
  subPackages: app.subPackages,
  tabBar: app.tabBar,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: app.title,
    navigationBarTextStyle: 'black',
    // H5 shows Taro's own title bar with a back button (styled in app.scss); mini-programs have WeChat's
    ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'default' as const } : {}),
  },
  darkmode: false,
  // H5 only: no sliding page transition. Taro's H5 router hides the page left behind on a timer after the
  // animation; under load that timer can fire after the person has already come back, leaving a blank page
  // (measured: inbox → notice → back, 4 of 7 runs blank under load). Mini-programs animate natively.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // inject a page's components only when it is opened: faster start for every page
  lazyCodeLoading: 'requiredComponents',
})
