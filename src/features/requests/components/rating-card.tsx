import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

interface Props {
  /** the question, in the page's words (这次办理 for one request, 这件事 for a 一件事) */
  question: string
  /** the server offers 评价 */
  canRate: boolean
  stars: number
  onStars(n: number): void
  sending: boolean
  onRate(): void
  /** the stars already given, if any */
  given: number | null
}

/** 评价 once a request or a 一件事 is done: five stars and a send, or the stars given. */
export function RatingCard({ question, canRate, stars, onStars, sending, onRate, given }: Props) {
  if (canRate)
    return (
      <View className="card rq-rate">
        <Text className="form-label">{question}</Text>
        <View className="row" role="radiogroup" aria-label="评分">
          {[1, 2, 3, 4, 5].map((n) => (
            <View key={n} role="radio" aria-checked={n === stars} aria-label={`${n} 星`} className={`rq-star ${n <= stars ? 'is-on' : ''}`} onClick={() => onStars(n)}>
              ★
            </View>
          ))}
        </View>
        <Button type="primary" size="small" loading={sending} disabled={sending} onClick={onRate}>
          提交评价
        </Button>
      </View>
    )
  if (given)
    return (
      <View className="card">
        <Text className="muted">您的评价：{'★'.repeat(given)}</Text>
      </View>
    )
  return null
}
