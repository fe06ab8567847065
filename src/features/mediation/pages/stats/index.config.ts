export default definePageConfig({ navigationBarTitleText: '在线考核' })
