// react-dom for the Preact builds: preact/compat with createRoot and hydrateRoot, which Taro's
// runtime calls on ReactDOM and which preact/compat keeps in preact/compat/client (NervJS/taro#17641).
import * as compat from 'preact/compat'
import { createRoot, hydrateRoot } from 'preact/compat/client'

export * from 'preact/compat'
export { createRoot, hydrateRoot }
export default { ...compat.default, createRoot, hydrateRoot }
