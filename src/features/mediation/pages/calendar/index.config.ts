export default definePageConfig({ navigationBarTitleText: '日程与调解室' })
