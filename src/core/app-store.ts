import type { AxiosAdapter } from 'axios'
import { currentPlatform, loginCode } from './platform'
import { RootStore } from './root-store'
import { taroStorage } from './storage'
import { taroAdapter } from './taro-adapter'

function pickAdapter(): AxiosAdapter | undefined {
  if (MOCK_INPROCESS) {
    // A phone preview with no server: the mock BFF is bundled and answers in-process.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createMockBff } = require('../../mock/app') as typeof import('../../mock/app')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createInProcessAdapter } = require('../../mock/adapter') as typeof import('../../mock/adapter')
    return createInProcessAdapter(createMockBff({ preview: true }))
  }
  return process.env.TARO_ENV === 'h5' ? undefined : taroAdapter
}

const platform = currentPlatform()

/** The app's one RootStore, wired for where it runs. */
export const appStore = new RootStore({
  baseURL: API_BASE,
  adapter: pickAdapter(),
  storage: taroStorage,
  platform,
  loginCode: () => loginCode(platform),
})
