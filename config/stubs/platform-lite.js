// @tarojs/taro-h5's getSystemInfo imports the `platform` package (~24 KB of user-agent rules for
// every browser and device ever made) only to read the OS and, where it can, the phone's maker and
// model. The H5 build maps `platform` here (config/index.ts): the same object shape, the OS read from
// the user agent with the few rules a phone or desktop browser of today needs. Maker and model stay
// null, which taro-h5 reports as 'unknown' — what `platform` returned for most Android phones anyway.
const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent || ''

function detectOs() {
  const rules = [
    [/(?:iPhone|iPad|iPod).*? OS (\d+(?:[._]\d+)*)/, 'iOS'],
    [/Android[ /]?(\d+(?:\.\d+)*)?/, 'Android'],
    [/HarmonyOS[ /]?(\d+(?:\.\d+)*)?/, 'HarmonyOS'],
    [/Windows NT (\d+(?:\.\d+)*)/, 'Windows'],
    [/Mac OS X (\d+(?:[._]\d+)*)/, 'OS X'],
    [/CrOS/, 'Chrome OS'],
    [/Linux/, 'Linux'],
  ]
  for (const [re, family] of rules) {
    const m = re.exec(ua)
    if (m) {
      const version = m[1] ? m[1].replace(/_/g, '.') : null
      return { family, version, architecture: /x86_64|Win64|WOW64|amd64|aarch64|arm64/i.test(ua) ? 64 : 32 }
    }
  }
  return { family: null, version: null, architecture: 32 }
}

const found = detectOs()
const os = {
  ...found,
  toString() {
    return found.family ? (found.version ? `${found.family} ${found.version}` : found.family) : 'unknown'
  },
}

const platform = {
  name: null,
  version: null,
  layout: null,
  prerelease: null,
  manufacturer: null,
  product: null,
  description: ua || null,
  ua: ua || null,
  os,
  parse: () => platform,
  toString: () => ua,
}

export default platform
