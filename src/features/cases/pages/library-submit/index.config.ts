export default definePageConfig({ navigationBarTitleText: '提交案例库' })
