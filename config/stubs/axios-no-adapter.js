// Mini-programs talk through our Taro.request adapter (src/core/taro-adapter.ts) and never through
// axios's XMLHttpRequest or fetch adapters, which do not exist there: the weapp build swaps both for
// this module so their ~35 KB of source stays out of the main package. Same shape axios expects of
// an unavailable adapter (axios itself maps `http` to null in browsers).
export default false
export const getFetch = () => false
