export default definePageConfig({ navigationBarTitleText: '一件事 · 办理进度' })
