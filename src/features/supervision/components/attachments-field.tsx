import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatSize, type AttachmentFile } from '../../../components/attachment-list'
import { showError, toast } from '../../../core/errors'
import { useStores } from '../../../core/store-context'
import { pickFiles, uploadPicked } from '../../../core/upload'

export const MAX_ATTACHMENTS = 10

/**
 * 附件 on a form, the way 公文 拟稿 does it: from a chat in WeChat/WeCom, the file picker in H5; each
 * upload lands in the form (and so its local draft) as it arrives. Too big is refused before sending.
 */
export function AttachmentsField({ label, files, onChange }: { label: string; files: AttachmentFile[]; onChange(update: (prev: AttachmentFile[]) => AttachmentFile[]): void }) {
  const root = useStores()
  const [uploading, setUploading] = useState(0)

  async function add() {
    const room = MAX_ATTACHMENTS - files.length
    if (room <= 0) return toast(`附件最多 ${MAX_ATTACHMENTS} 个`)
    const picked = await pickFiles(room)
    for (const f of picked) {
      setUploading((n) => n + 1)
      try {
        const meta = await uploadPicked(root, f)
        onChange((prev) => [...prev, { id: meta.id, name: meta.name, size: meta.size, mime: meta.mime }])
      } catch (err) {
        showError(err)
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  return (
    <View className="sv-attachments" role="group" aria-label={label}>
      <Text className="muted">{label}（可不填）</Text>
      {files.map((a) => (
        <View key={a.id} className="row sv-attachment">
          <Text className="sv-attachment-name">{a.name}</Text>
          <Text className="muted">{formatSize(a.size)}</Text>
          <View className="form-add" role="button" aria-label={`移除${a.name}`} onClick={() => onChange((prev) => prev.filter((x) => x.id !== a.id))}>
            移除
          </View>
        </View>
      ))}
      <View className="form-add" role="button" aria-label={`添加${label}`} onClick={() => void add()}>
        {uploading ? `正在上传 ${uploading} 个附件…` : `＋ 添加${label}`}
      </View>
      <Text className="muted">PDF、图片、Word、Excel 或 OFD，每个不超过 10 MB，最多 {MAX_ATTACHMENTS} 个</Text>
    </View>
  )
}
