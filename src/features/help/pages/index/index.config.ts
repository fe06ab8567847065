// a neutral title: someone looking over her shoulder sees nothing telling
export default definePageConfig({ navigationBarTitleText: '服务' })
