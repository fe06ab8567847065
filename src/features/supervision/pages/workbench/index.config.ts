export default definePageConfig({ navigationBarTitleText: '移动督查工作台' })
