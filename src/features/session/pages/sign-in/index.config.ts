export default definePageConfig({ navigationBarTitleText: '一端畅联' })
