export default definePageConfig({ navigationBarTitleText: '宝安智慧调解' })
