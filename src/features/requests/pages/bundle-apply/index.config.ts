export default definePageConfig({ navigationBarTitleText: '一件事 · 一次申报' })
