import { View } from '@tarojs/components'

/** What is wrong with what the person just entered, said beside it (and read out: role="alert"); nothing when all is well. */
export function FieldError({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <View className="field-error" role="alert">
      {message}
    </View>
  )
}
