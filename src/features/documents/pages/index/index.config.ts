export default definePageConfig({ navigationBarTitleText: '公文流转', enablePullDownRefresh: true, onReachBottomDistance: 120 })
