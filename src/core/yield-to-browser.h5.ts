/**
 * H5: app.ts imports this first, so start-up is two browser tasks instead of one — Taro's runtime, API
 * and router, then a break (a top-level await), then our stores and the first mount. One long task of
 * about 70 ms was the largest part of the first page's blocking time on a phone (issue #8).
 * Excluded from tsc (tsconfig.json): our tsconfig compiles to CommonJS, which has no top-level await;
 * webpack builds it as an async module.
 */
await new Promise<void>((resolve) => setTimeout(resolve, 0))
export {}
