import { createContext, useContext, type PropsWithChildren } from 'react'
import type { RootStore } from './root-store'

const StoreContext = createContext<RootStore | null>(null)

export function StoreProvider({ store, children }: PropsWithChildren<{ store: RootStore }>) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export function useStores(): RootStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStores() outside <StoreProvider>')
  return store
}

/** The stores where there may be none (a shared component rendered on its own in a test). */
export function useOptionalStores(): RootStore | null {
  return useContext(StoreContext)
}
