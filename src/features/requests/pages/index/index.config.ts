export default definePageConfig({ navigationBarTitleText: '零跑动' })
