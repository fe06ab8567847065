import Taro from '@tarojs/taro'
import { errorCatalog, isErrorBody, type ErrorBody, type ErrorCode } from '../contract/errors'

/** What a failed call gives the page: a stable code for logic, a Chinese message for people. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly requestId: string | null = null,
    readonly details?: ErrorBody['details'],
  ) {
    super(message)
    this.name = 'ApiError'
  }

  static fromBody(body: ErrorBody, status: number) {
    return new ApiError(body.code, body.message, status, body.requestId, body.details)
  }

  static network() {
    return new ApiError('UNAVAILABLE', '网络连接失败，请检查网络后重试', 0)
  }

  /** Worth trying again with the same idempotency key. */
  get transient() {
    return this.status === 0 || this.status >= 502 || this.code === 'IDEMPOTENCY_IN_PROGRESS'
  }

  /** The field a validation error is about, e.g. "body.title" → "title". */
  get field(): string | null {
    const f = this.details?.field
    return typeof f === 'string' ? f.replace(/^(body|query|params)\./, '') : null
  }
}

export function toApiError(err: unknown, status = 0): ApiError {
  if (err instanceof ApiError) return err
  if (isErrorBody(err)) return ApiError.fromBody(err, status || errorCatalog[err.code].status)
  return ApiError.network()
}

export function userMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return errorCatalog.INTERNAL.message
}

/** One toast for one failure; long messages need the modal so they are not cut off. */
export function showError(err: unknown) {
  const message = userMessage(err)
  if (message.length > 14) {
    void Taro.showModal({ title: '提示', content: message, showCancel: false, confirmText: '知道了' })
  } else {
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
  }
}

export function toast(text: string) {
  void Taro.showToast({ title: text, icon: 'none', duration: 2000 })
}
