/**
 * Attachments as the compose page sends them: one multipart POST through the app's own axios instance
 * (in H5, and so through the in-process mock), refused early when too big, answered in Chinese when the
 * type is wrong; and read back byte for byte, as the attachment viewer reads them.
 */
import { buildPath } from '../../src/contract/route'
import { routes } from '../../src/contract/routes'
import { errorCatalog } from '../../src/contract/errors'
import { MAX_FILE_BYTES } from '../../src/contract/files'
import { uploadPicked } from '../../src/core/upload'
import { simplePdf } from '../../mock/lib/pdf'
import { testRootStore } from '../support/bff'

const previousEnv = process.env.TARO_ENV
beforeAll(() => (process.env.TARO_ENV = 'h5'))
afterAll(() => (process.env.TARO_ENV = previousEnv))

async function signedIn() {
  const t = testRootStore()
  await t.root.session.previewSignIn('u-clerk-01')
  return t
}

const picked = (name: string, bytes: Uint8Array, type: string) => ({ name, size: bytes.length, path: name, file: new Blob([bytes], { type }) })

test('a PDF goes up once and comes back byte for byte', async () => {
  const t = await signedIn()
  const pdf = simplePdf(['Annex 2: schedule'])
  const before = t.db.files.length
  const meta = await uploadPicked(t.root, picked('附件2：日程安排.pdf', pdf, 'application/pdf'))
  expect(meta).toMatchObject({ name: '附件2：日程安排.pdf', size: pdf.length, mime: 'application/pdf', uploadedBy: 'u-clerk-01' })
  expect(t.db.files.length).toBe(before + 1)
  const res = await t.root.api.http.get(buildPath(routes.files.download.path, { id: meta.id }), { responseType: 'arraybuffer', headers: { Authorization: `Bearer ${t.root.session.token}` } })
  expect(res.status).toBe(200)
  expect(res.headers['content-type']).toBe('application/pdf')
  expect(new Uint8Array(res.data as ArrayBuffer)).toEqual(pdf)
})

test('a file over 10 MB is refused before anything is sent', async () => {
  const t = await signedIn()
  const before = t.db.files.length
  const big = { name: '大文件.pdf', size: MAX_FILE_BYTES + 1, path: '大文件.pdf', file: new Blob([new Uint8Array(10)]) }
  await expect(uploadPicked(t.root, big)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: errorCatalog.PAYLOAD_TOO_LARGE.message })
  expect(t.db.files.length).toBe(before)
})

test('a type the office cannot open is refused in Chinese and nothing is kept', async () => {
  const t = await signedIn()
  const before = t.db.files.length
  await expect(uploadPicked(t.root, picked('脚本.sh', new TextEncoder().encode('rm -rf /'), 'application/x-sh'))).rejects.toMatchObject({
    code: 'UNSUPPORTED_MEDIA',
    message: errorCatalog.UNSUPPORTED_MEDIA.message,
  })
  expect(t.db.files.length).toBe(before)
})

test('an attachment is readable by whoever may read the document that carries it, and nobody else', async () => {
  const t = await signedIn()
  const meta = await uploadPicked(t.root, picked('附件.pdf', simplePdf(['x']), 'application/pdf'))
  expect((await t.as('u-staff-04', routes.files.meta, { params: { id: meta.id } })).status).toBe(404)
  const draft = await t.ok('u-clerk-01', routes.documents.create, {
    body: { docType: '函', title: '关于附件可见范围的函', secrecy: 'none', urgency: 'normal', mainToDeptIds: ['dept-data'], ccDeptIds: [], countersignDeptIds: [], signerId: 'u-leader-02', body: '附件随文，请查收办理。', attachmentIds: [meta.id] },
  })
  // a draft is the drafter's alone: the head who will review it cannot open its attachment yet
  expect((await t.as('u-staff-04', routes.files.meta, { params: { id: meta.id } })).status).toBe(404)
  await t.ok('u-clerk-01', routes.documents.act, { params: { id: draft.id }, body: { action: 'submit', version: draft.version } })
  const seen = await t.as('u-staff-04', routes.files.meta, { params: { id: meta.id } })
  expect(seen.status).toBe(200)
  expect((seen.body as { name: string }).name).toBe('附件.pdf')
  // and someone the document never reached still cannot
  expect((await t.as('u-head-03', routes.files.meta, { params: { id: meta.id } })).status).toBe(404)
})
