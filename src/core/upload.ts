import Taro from '@tarojs/taro'
import { errorCatalog, isErrorBody } from '../contract/errors'
import { fileRoutes, allowedMimeTypes, MAX_FILE_BYTES, type FileMeta } from '../contract/files'
import { buildPath } from '../contract/route'
import { ApiError } from './errors'
import { newIdempotencyKey } from './ids'
import type { RootStore } from './root-store'

/** A file the person chose: a temp path in mini-programs, the File itself in H5. */
export interface PickedFile {
  name: string
  size: number
  path: string
  file?: Blob
}

const extensions = ['pdf', 'png', 'jpg', 'jpeg', 'doc', 'docx', 'xls', 'xlsx', 'ofd']

/** Asks for up to `max` files: from a chat in WeChat/WeCom (where office files live), the file picker in H5. */
export function pickFiles(max: number): Promise<PickedFile[]> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.multiple = max > 1
      input.accept = [...allowedMimeTypes, ...extensions.map((e) => `.${e}`)].join(',')
      input.onchange = () => resolve(Array.from(input.files ?? []).slice(0, max).map((f) => ({ name: f.name, size: f.size, path: f.name, file: f })))
      input.oncancel = () => resolve([])
      input.click()
    })
  }
  return Taro.chooseMessageFile({ count: max, type: 'file', extension: extensions }).then(
    (r) => r.tempFiles.map((f) => ({ name: f.name, size: f.size, path: f.path })),
    () => [],
  )
}

/** Asks for one photo: the camera or the album in mini-programs (compressed), the camera-first picker in H5. */
export function pickPhoto(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = 'image/jpeg,image/png'
      input.setAttribute('capture', 'environment')
      input.onchange = () => {
        const f = input.files?.[0]
        resolve(f ? { name: f.name, size: f.size, path: f.name, file: f } : null)
      }
      input.oncancel = () => resolve(null)
      input.click()
    })
  }
  return Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] }).then(
    (r) => {
      const f = r.tempFiles[0]
      if (!f) return null
      const ext = /\.png$/i.test(f.path) ? 'png' : 'jpg'
      return { name: `现场照片.${ext}`, size: f.size, path: f.path }
    },
    () => null,
  )
}

function answer(status: number, data: unknown): FileMeta {
  if (status >= 200 && status < 300) return data as FileMeta
  if (isErrorBody(data)) throw ApiError.fromBody(data, status)
  throw new ApiError(status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST', status >= 500 ? errorCatalog.UNAVAILABLE.message : errorCatalog.BAD_REQUEST.message, status)
}

/**
 * Uploads one file to `POST /files` (multipart, field `file`): Taro.uploadFile in mini-programs, the
 * app's axios instance in H5 (and so the in-process mock too). Too big is refused before any byte is sent.
 */
export async function uploadPicked(root: RootStore, f: PickedFile): Promise<FileMeta> {
  if (f.size > MAX_FILE_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', errorCatalog.PAYLOAD_TOO_LARGE.message, 413)
  const path = buildPath(fileRoutes.upload.path, undefined)
  const headers: Record<string, string> = { 'Idempotency-Key': newIdempotencyKey() }
  if (root.session.token) headers.Authorization = `Bearer ${root.session.token}`
  if (process.env.TARO_ENV === 'h5') {
    const form = new FormData()
    form.append('file', f.file!, f.name)
    try {
      const res = await root.api.http.post(path, form, { headers })
      return answer(res.status, res.data)
    } catch (err) {
      if (err instanceof ApiError) throw err
      throw ApiError.network()
    }
  }
  if (MOCK_INPROCESS) throw new ApiError('BAD_REQUEST', '离线演示不能上传附件，请连接演示服务器后再试', 400)
  let res: Taro.uploadFile.SuccessCallbackResult
  try {
    res = await Taro.uploadFile({ url: `${root.api.http.defaults.baseURL ?? ''}${path}`, filePath: f.path, name: 'file', formData: { name: f.name }, header: headers })
  } catch {
    throw ApiError.network()
  }
  let data: unknown = res.data
  try {
    data = JSON.parse(res.data)
  } catch {
    // not JSON: answer() turns the status into a plain message
  }
  return answer(res.statusCode, data)
}
