import Taro from '@tarojs/taro'

export type Platform = 'wecom' | 'wechat' | 'h5'

interface WxQy {
  login(o: { success(r: { code: string }): void; fail(e: unknown): void }): void
  selectEnterpriseContact?(o: {
    fromDepartmentId: number
    mode: 'single' | 'multi'
    type: string[]
    success(r: { result: { userList?: { id: string; name: string }[] } }): void
    fail(e: unknown): void
  }): void
}

declare const wx: { qy?: WxQy } | undefined

/** Which shell we run in: WeCom (企业微信), WeChat, or a browser (H5 preview). */
export function currentPlatform(): Platform {
  if (process.env.TARO_ENV === 'h5') return 'h5'
  try {
    if (Taro.getSystemInfoSync().environment === 'wxwork') return 'wecom'
  } catch {
    // not in a mini-program runtime
  }
  return typeof wx !== 'undefined' && wx?.qy ? 'wecom' : 'wechat'
}

export function wecom(): WxQy | null {
  return typeof wx !== 'undefined' && wx?.qy ? wx.qy : null
}

/** The login code for the BFF to exchange: wx.qy.login inside WeCom, wx.login in WeChat. */
export async function loginCode(platform: Platform): Promise<string> {
  if (platform === 'wecom') {
    const qy = wecom()!
    return new Promise((resolve, reject) => qy.login({ success: (r) => resolve(r.code), fail: reject }))
  }
  const r = await Taro.login()
  return r.code
}
