export default definePageConfig({ navigationBarTitleText: '预约调解时间' })
