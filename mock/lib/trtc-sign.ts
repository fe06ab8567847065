import type { TrtcSigner } from './video-ticket'

/**
 * TRTC's UserSig and PrivateMapKey, signed here with the app's secret key through Tencent's own
 * `tls-sig-api-v2` (HMAC-SHA256, zlib). Node only: it is loaded by mock/server.ts when
 * TRTC_SDK_APP_ID and TRTC_SECRET_KEY are set, never by the apps nor by the in-process preview, and the
 * key stays in this closure: nothing the BFF answers contains it.
 */
export function trtcSigner(sdkAppId: number, secretKey: string): TrtcSigner {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Api } = require('tls-sig-api-v2') as { Api: new (id: number, key: string) => TlsSigApi }
  const api = new Api(sdkAppId, secretKey)
  return {
    sdkAppId,
    // privilege 255 in that room only: the key locks the user to the case's room
    sign: (userId, expireSeconds, roomId) => ({ userSig: api.genUserSig(userId, expireSeconds), privateMapKey: api.genPrivateMapKey(userId, expireSeconds, roomId, 255) }),
  }
}

interface TlsSigApi {
  genUserSig(userId: string, expire: number): string
  genPrivateMapKey(userId: string, expire: number, roomId: number, privilegeMap: number): string
}

/** The provider and TRTC from the environment: VIDEO_PROVIDER=webrtc|trtc (H5), TRTC_SDK_APP_ID, TRTC_SECRET_KEY. */
export function videoSettingsFromEnv(env: NodeJS.ProcessEnv): { h5Provider: 'webrtc' | 'trtc'; trtc: TrtcSigner | null } {
  const id = Number(env.TRTC_SDK_APP_ID)
  const key = env.TRTC_SECRET_KEY
  return { h5Provider: env.VIDEO_PROVIDER === 'trtc' ? 'trtc' : 'webrtc', trtc: Number.isInteger(id) && id > 0 && key ? trtcSigner(id, key) : null }
}
