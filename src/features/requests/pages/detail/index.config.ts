export default definePageConfig({ navigationBarTitleText: '申请详情', enableShareAppMessage: true })
