/**
 * One error shape everywhere: `{ code, message, details?, requestId }`.
 * `code` is stable for programs; `message` is plain Chinese a user can act on.
 */
export const errorCatalog = {
  BAD_REQUEST: { status: 400, message: '提交的内容有误，请检查后重试' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: '请求缺少防重复提交编号，请升级到最新版本后重试' },
  UNAUTHENTICATED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  PREVIEW_DISABLED: { status: 403, message: '预览登录仅在演示环境可用，请通过企业微信或微信登录' },
  NOT_FOUND: { status: 404, message: '该事项不存在，或您无权查看' },
  VERSION_CONFLICT: { status: 409, message: '该事项已被他人处理，请刷新后重试' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '上一次提交仍在处理中，请稍候再看结果' },
  INVALID_STATE: { status: 409, message: '该事项当前状态不允许此操作，请刷新后查看' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '文件太大，请压缩后再上传（不超过 10 MB）' },
  BODY_TOO_COMPLEX: { status: 413, message: '提交的内容太大或层级太多，请精简后重试' },
  UNSUPPORTED_MEDIA: { status: 415, message: '不支持该文件类型，请上传 PDF、图片或 Office 文档' },
  UNSUPPORTED_CONTENT_TYPE: { status: 415, message: '提交的内容格式不对，请升级到最新版本后重试' },
  IDEMPOTENCY_MISMATCH: { status: 422, message: '同一次提交的内容前后不一致，请刷新页面后重新提交' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统开小差了，请稍后重试' },
  UNAVAILABLE: { status: 503, message: '网络不太稳定，请稍后重试' },
} as const

export type ErrorCode = keyof typeof errorCatalog

/** Codes any route may answer with, so route tables list only what is particular to them. */
export const commonErrors = ['BAD_REQUEST', 'UNAUTHENTICATED', 'INTERNAL', 'UNAVAILABLE'] as const satisfies readonly ErrorCode[]

export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: { field?: string; issues?: { path: string; message: string }[]; [key: string]: unknown }
  requestId: string
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && typeof v.message === 'string' && v.code in errorCatalog
}
