import { errorCatalog, type ErrorBody, type ErrorCode } from '../../src/contract/errors'

/** Thrown by handlers and mechanisms; the dispatcher turns it into the contract's error shape. */
export class HttpError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorBody['details'],
    /** extra response headers, e.g. Retry-After on a 429 */
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? errorCatalog[code].message)
    this.status = errorCatalog[code].status
  }
}

export const fail = (code: ErrorCode, message?: string, details?: ErrorBody['details']): never => {
  throw new HttpError(code, message, details)
}
