export default definePageConfig({ navigationBarTitleText: '拟稿' })
