import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { PropsWithChildren } from 'react'
import { useStores } from '../core/store-context'
import { Watermark } from './watermark'

interface Props {
  /** cover the page with the reader's name and the time (document pages) */
  watermark?: boolean
  /** room at the bottom for a sticky ActionBar */
  withActionBar?: boolean
  className?: string
}

/** Every page's root: carries 长辈模式 and dark-mode classes, and the watermark where asked. */
export const PageShell = observer(function PageShell({ watermark, withActionBar, className, children }: PropsWithChildren<Props>) {
  const { ui, session } = useStores()
  return (
    <View className={`${ui.rootClass} ${withActionBar ? 'has-action-bar' : ''} ${className ?? ''}`}>
      {children}
      {watermark && session.user ? <Watermark name={session.user.name} /> : null}
    </View>
  )
})
