import type { DocumentLink } from '../../src/contract/documents'
import type { Db, DocumentRow, UserRow } from '../db'

/**
 * What other modules offer on a 公文, as the pages they lead to: the 公文 page shows each as a button
 * and navigates to its URL without knowing the module (features never import each other). A module
 * plugs in with one entry here, reading only its own rows.
 */
const parts: ((db: Db, d: DocumentRow, me: UserRow) => DocumentLink | null)[] = [
  // 督查督办: a 批办 instruction can become a supervision item (转督办); once it has, the item is a tap away
  (db, d, me) => {
    if (!me.roles.includes('supervisor') || d.kind !== 'incoming' || !d.mainDeptId || !d.opinions.some((o) => o.stage === 'instruct')) return null
    const linked = db.supervision.items.find((s) => s.documentId === d.id)
    return linked
      ? { key: 'supervision-item', label: '查看督办', url: `/features/supervision/pages/detail/index?id=${linked.id}` }
      : { key: 'supervision-compose', label: '转督办', url: `/features/supervision/pages/compose/index?documentId=${d.id}` }
  },
]

export const documentLinks = (db: Db, d: DocumentRow, me: UserRow): DocumentLink[] => parts.map((p) => p(db, d, me)).filter((x): x is DocumentLink => !!x)
