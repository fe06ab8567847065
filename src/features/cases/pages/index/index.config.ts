export default definePageConfig({ navigationBarTitleText: '妇联维权案件' })
