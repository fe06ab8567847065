export default definePageConfig({ navigationBarTitleText: '维权统计' })
