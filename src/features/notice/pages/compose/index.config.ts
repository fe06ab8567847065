export default definePageConfig({ navigationBarTitleText: '发工作通知' })
