import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useStores } from '../../../core/store-context'
import { useHelpStore } from '../store'

/** The page she can flee to: the app's own front page, which says nothing about asking for help. */
export const NEUTRAL_PAGE = '/features/home/pages/index/index'

/**
 * 一键离开, on every page of the help flow. reLaunch empties the mini-program's page stack; in H5 it
 * replaces the one history entry the flow uses (its pages move by redirectTo), so Back shows no trace.
 */
export function QuickExit() {
  const root = useStores()
  const store = useHelpStore(root)
  const leave = () => {
    store.forget()
    void Taro.reLaunch({ url: NEUTRAL_PAGE })
  }
  return (
    <View className="hp-exit" role="button" aria-label="一键离开" onClick={leave}>
      一键离开
    </View>
  )
}
