export default definePageConfig({ navigationBarTitleText: '公文办理' })
