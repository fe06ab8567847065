/**
 * A break in the app's start-up, so the browser can paint and answer between the framework's start and
 * ours. H5 only: `yield-to-browser.h5.ts` (Taro picks the `.h5.ts` file for H5 builds). A mini-program must
 * register its App() while app.js runs, so here it is nothing.
 */
export {}
