export default definePageConfig({ navigationBarTitleText: '工作通知' })
