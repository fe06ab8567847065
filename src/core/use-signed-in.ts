import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { showError } from './errors'
import { useStores } from './store-context'

export const SIGN_IN_PAGE = '/features/session/pages/sign-in/index'

/**
 * A page that needs a person calls this: in mini-programs it signs in silently, on H5 it sends the
 * browser to the preview sign-in page. Returns true once someone is signed in.
 */
export function useSignedIn(): boolean {
  const { session } = useStores()
  const [, force] = useState(0)
  useDidShow(() => {
    if (session.signedIn) return
    if (!session.canSignInSilently) {
      void Taro.reLaunch({ url: SIGN_IN_PAGE })
      return
    }
    session
      .signInSilently()
      .then(() => force((n) => n + 1))
      .catch((err) => {
        showError(err)
        void Taro.reLaunch({ url: SIGN_IN_PAGE })
      })
  })
  return session.signedIn
}

export const homePage = () => (APP_TARGET === 'resident' ? '/features/home/pages/index/index' : '/features/workbench/pages/index/index')
