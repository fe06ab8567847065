import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

export default function Page() {
  return <View><Text>hello</Text><Button type="primary">试试</Button></View>
}
