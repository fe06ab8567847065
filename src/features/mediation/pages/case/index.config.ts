export default definePageConfig({ navigationBarTitleText: '我的调解', enableShareAppMessage: true })
