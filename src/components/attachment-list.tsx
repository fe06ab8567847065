import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import { isErrorBody } from '../contract/errors'
import { buildPath } from '../contract/route'
import { fileRoutes } from '../contract/files'
import { ApiError, showError, toast } from '../core/errors'
import { useStores } from '../core/store-context'
import { Watermark } from './watermark'

export interface AttachmentFile {
  id: string
  name: string
  size: number
  mime: string
  /** shown instead of the size, e.g. when a document was generated */
  detail?: string
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const ext = (name: string) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '').toLowerCase()

export function fileKind(f: Pick<AttachmentFile, 'name' | 'mime'>): string {
  const e = ext(f.name)
  if (f.mime === 'application/pdf' || e === 'pdf') return 'PDF'
  if (f.mime.startsWith('image/')) return '图片'
  if (['doc', 'docx'].includes(e) || f.mime.includes('word')) return 'Word'
  if (['xls', 'xlsx'].includes(e) || f.mime.includes('excel') || f.mime.includes('sheet')) return 'Excel'
  if (e === 'ofd' || f.mime === 'application/ofd') return 'OFD'
  return '文件'
}

/** What Taro.openDocument can show on a phone; OFD and the like need a PC. */
const openable = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx']

interface Viewing {
  file: AttachmentFile
  url: string
}

/** A failed download answers with the BFF's JSON error, but as bytes: read it back into words. */
function errorFromBytes(data: unknown, status: number): ApiError {
  try {
    const text = new TextDecoder().decode(data as ArrayBuffer)
    const body: unknown = JSON.parse(text)
    if (isErrorBody(body)) return ApiError.fromBody(body, status)
  } catch {
    // not JSON: fall through to the generic words
  }
  return new ApiError(status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE', status === 404 ? '附件不存在或您无权查看' : '附件没有打开，请稍后重试', status)
}

/**
 * 附件: name, kind and size; a tap opens it where the person is. In WeChat/WeCom the file is downloaded
 * with the session token and opened by the system viewer without the share menu (internal documents stay
 * inside); in a browser it is fetched into a blob and shown in-page, never as a public link.
 */
export function AttachmentList({ files, pathOf }: { files: readonly AttachmentFile[]; /** where the bytes are, when not a stored file (a generated document) */ pathOf?: (f: AttachmentFile) => string }) {
  const { api, session } = useStores()
  const [opening, setOpening] = useState<string | null>(null)
  const [viewing, setViewing] = useState<Viewing | null>(null)

  useEffect(() => {
    // a blob URL holds the bytes until revoked
    return () => {
      if (viewing) URL.revokeObjectURL(viewing.url)
    }
  }, [viewing])

  if (!files.length) return <Text className="muted">无附件</Text>

  const path = pathOf ?? ((f: AttachmentFile) => buildPath(fileRoutes.download.path, { id: f.id }))
  const auth = (): Record<string, string> => (session.token ? { Authorization: `Bearer ${session.token}` } : {})

  async function openInBrowser(f: AttachmentFile) {
    let res
    try {
      res = await api.http.request({ method: 'GET', url: path(f), responseType: 'arraybuffer', headers: auth() })
    } catch {
      throw ApiError.network()
    }
    if (res.status !== 200) throw errorFromBytes(res.data, res.status)
    const blob = new Blob([res.data as ArrayBuffer], { type: f.mime })
    setViewing({ file: f, url: URL.createObjectURL(blob) })
  }

  /** the fetched bytes live in a blob URL until the viewer closes: let them go then */
  function closeViewer() {
    if (viewing) URL.revokeObjectURL(viewing.url)
    setViewing(null)
  }

  async function openOnPhone(f: AttachmentFile) {
    const e = ext(f.name)
    if (!f.mime.startsWith('image/') && !openable.includes(e)) {
      toast(`手机上暂不能打开${fileKind(f)}文件，请在电脑上查看`)
      return
    }
    const res = await Taro.downloadFile({ url: `${api.http.defaults.baseURL ?? ''}${path(f)}`, header: auth() })
    if (res.statusCode !== 200) throw errorFromBytes(undefined, res.statusCode)
    if (f.mime.startsWith('image/')) {
      await Taro.previewImage({ urls: [res.tempFilePath], showmenu: false } as Taro.previewImage.Option)
      return
    }
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: e as Taro.openDocument.Option['fileType'], showMenu: false })
  }

  async function open(f: AttachmentFile) {
    if (opening) return
    setOpening(f.id)
    try {
      if (process.env.TARO_ENV === 'h5') await openInBrowser(f)
      else await openOnPhone(f)
    } catch (err) {
      showError(err instanceof ApiError ? err : new ApiError('UNAVAILABLE', '附件没有打开，请稍后重试', 0))
    } finally {
      setOpening(null)
    }
  }

  return (
    <>
      <View className="attachment-list" role="list" aria-label="附件">
        {files.map((f) => (
          <View key={f.id} className="attachment-row" role="listitem" aria-label={f.name} onClick={() => void open(f)}>
            <Text className="attachment-kind">{fileKind(f)}</Text>
            <Text className="attachment-name">{f.name}</Text>
            <Text className="muted attachment-size">{opening === f.id ? '正在打开…' : (f.detail ?? formatSize(f.size))}</Text>
          </View>
        ))}
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <Popup visible={viewing !== null} position="bottom" style={{ height: '100%' }} onClose={closeViewer}>
          {viewing ? <BrowserViewer viewing={viewing} reader={session.user?.name ?? null} onClose={closeViewer} /> : null}
        </Popup>
      ) : null}
    </>
  )
}

/**
 * H5 only: PDFs in the browser's own viewer, images as they are, anything else offered to save. The
 * reader's watermark covers the attachment too, as it covers the document.
 */
function BrowserViewer({ viewing, reader, onClose }: { viewing: Viewing; reader: string | null; onClose(): void }) {
  const { file, url } = viewing
  const kind = fileKind(file)
  return (
    <View className="attachment-viewer" role="dialog" aria-label={`查看附件：${file.name}`}>
      <View className="attachment-viewer-bar">
        <Text className="attachment-viewer-title">{file.name}</Text>
        <Button size="small" onClick={onClose}>
          关闭
        </Button>
      </View>
      {kind === 'PDF' ? (
        <iframe className="attachment-viewer-frame" src={url} title={file.name} />
      ) : kind === '图片' ? (
        <img className="attachment-viewer-image" src={url} alt={file.name} />
      ) : (
        <View className="state-box">
          <Text>浏览器不能直接显示{kind}文件</Text>
          <a href={url} download={file.name}>
            保存到本机后查看
          </a>
        </View>
      )}
      {reader ? <Watermark name={reader} /> : null}
    </View>
  )
}
