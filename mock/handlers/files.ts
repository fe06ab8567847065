import { allowedMimeTypes, MAX_FILE_BYTES, type FileMeta } from '../../src/contract/files'
import { sanitizeFileName } from '../../src/contract/schema'
import { routes } from '../../src/contract/routes'
import type { FileRow } from '../db'
import { audit, nextId, requireUser, visibleOr404, type Ctx, type Registry } from '../context'
import { fromBase64, toBase64 } from '../lib/base64'
import { fail } from '../lib/errors'
import { documentFileVisible } from './documents'
import { supervisionFileVisible } from './supervision'
import { caseFileVisible } from './cases'
import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex } from '@noble/hashes/utils'


const meta = ({ data: _data, ...m }: FileRow): FileMeta => m

/** The uploader sees their file, and so does whoever may read a document or a supervision item that carries it. */
function canSee(ctx: Ctx, f: FileRow) {
  const me = requireUser(ctx)
  return f.uploadedBy === me.id || documentFileVisible(ctx.db, f.id, me) || supervisionFileVisible(ctx.db, f.id, me) || caseFileVisible(ctx.db, f.id, me)
}

export function registerFiles(r: Registry) {
  r.on(routes.files.upload, (ctx, { body }) => {
    const me = requireUser(ctx)
    const file = ctx.file ?? fail('BAD_REQUEST', '请选择要上传的文件')
    if (file.data.length > MAX_FILE_BYTES) fail('PAYLOAD_TOO_LARGE')
    if (file.data.length === 0) fail('BAD_REQUEST', '文件是空的，请重新选择')
    if (!(allowedMimeTypes as readonly string[]).includes(file.mime)) fail('UNSUPPORTED_MEDIA')
    const name = sanitizeFileName(body.name?.trim() || file.name)
    const row: FileRow = {
      id: nextId(ctx.db, 'file'),
      name,
      size: file.data.length,
      mime: file.mime,
      sha256: bytesToHex(sha256(file.data)),
      uploadedBy: me.id,
      createdAt: ctx.nowIso,
      data: toBase64(file.data),
    }
    ctx.db.files.push(row)
    audit(ctx, 'file.upload', 'file', row.id, `上传附件「${name}」（${row.size} 字节）`)
    return meta(row)
  })
  r.on(routes.files.meta, (ctx, { params }) => meta(visibleOr404(ctx.db.files.find((f) => f.id === params.id), (f) => canSee(ctx, f))))
  r.on(routes.files.download, (ctx, { params }) => {
    const f = visibleOr404(ctx.db.files.find((x) => x.id === params.id), (x) => canSee(ctx, x))
    return { data: fromBase64(f.data), mime: f.mime, name: f.name } as never
  })
}
