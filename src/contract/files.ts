import * as v from 'valibot'
import { route } from './route'
import { id } from './schema'

export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const allowedMimeTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/ofd',
] as const

export const fileMetaSchema = v.object({
  id: v.string(),
  name: v.string(),
  size: v.number(),
  mime: v.string(),
  sha256: v.string(),
  uploadedBy: v.string(),
  createdAt: v.string(),
})
export type FileMeta = v.InferOutput<typeof fileMetaSchema>

const fileId = v.object({ id: id('文件编号') })

export const fileRoutes = {
  upload: route({
    method: 'POST',
    path: '/files',
    summary: '上传附件（multipart/form-data 的 file 字段；小程序用 Taro.uploadFile，其 name 字段带文件的本名）',
    access: 'user',
    bodyType: 'multipart',
    // wx.uploadFile names the part after its temp file (tmp_…); the name the person knows travels beside it.
    // Like the part's own name it is a device's, not typed: made safe (sanitizeFileName), never refused for it
    body: v.object({ name: v.optional(v.pipe(v.string('「文件名」应填写文字'), v.maxLength(200, '「文件名」不能超过 200 个字'), v.title('文件名'))) }),
    response: fileMetaSchema,
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA'],
    rateLimit: { max: 200, windowSeconds: 600, per: 'caller' },
  }),
  meta: route({
    method: 'GET',
    path: '/files/:id',
    summary: '附件信息（上传人，或附件所属事项的经办人可见）',
    access: 'user',
    params: fileId,
    response: fileMetaSchema,
    errors: ['NOT_FOUND'],
  }),
  download: route({
    method: 'GET',
    path: '/files/:id/content',
    summary: '下载附件原文（预览用 Taro.openDocument / H5 查看器）',
    access: 'user',
    params: fileId,
    response: v.unknown(),
    responseType: 'binary',
    errors: ['NOT_FOUND'],
  }),
}
