export default definePageConfig({ navigationBarTitleText: '调解邀请' })
