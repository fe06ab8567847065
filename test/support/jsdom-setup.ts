// jsdom lacks a few browser APIs that Taro's H5 components touch.
const g = globalThis as unknown as Record<string, unknown>
if (!g.matchMedia) {
  g.matchMedia = () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} })
}
if (!g.IntersectionObserver) {
  g.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
}
if (!g.ResizeObserver) {
  g.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
}
// jsdom's window has no TextEncoder/TextDecoder; @noble/hashes (the mock BFF's audit chain) needs them.
if (!g.TextEncoder || !g.TextDecoder) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const util = require('util') as typeof import('util')
  g.TextEncoder = util.TextEncoder
  g.TextDecoder = util.TextDecoder
}

// NutUI's icons set a `-webkitMask` inline style that React warns about on every render; that one warning
// is the library's, not the app's, so it is dropped and every other console.error still shows.
const consoleError = console.error.bind(console)
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('Unsupported style property %s') && String(args[1]).includes('webkitMask')) return
  consoleError(...args)
}
