export default definePageConfig({ navigationBarTitleText: '视频调解室', navigationBarBackgroundColor: '#111418', navigationBarTextStyle: 'white', pageOrientation: 'portrait' })
