export default definePageConfig({ navigationBarTitleText: '办理时效统计' })
