export default definePageConfig({ navigationBarTitleText: '统一待办', enablePullDownRefresh: true, onReachBottomDistance: 120 })
