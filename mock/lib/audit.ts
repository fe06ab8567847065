import type { AuditEntry } from '../../src/contract/audit'
import { canonicalJson, sha256Hex } from './hash'

export const GENESIS_HASH = '0'.repeat(64)

export type AuditInput = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>

function entryHash(e: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { prevHash, hash: _hash, ...content } = e
  return sha256Hex(prevHash + canonicalJson(content))
}

/** Append-only: each entry carries the hash of the one before, so no entry can change unseen. */
export function appendAudit(log: AuditEntry[], input: AuditInput): AuditEntry {
  const prev = log[log.length - 1]
  const partial = { ...input, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH }
  const entry: AuditEntry = { ...partial, hash: entryHash(partial) }
  log.push(entry)
  return entry
}

export interface AuditVerdict {
  ok: boolean
  count: number
  headHash: string
  brokenAt: number | null
  problem: string | null
}

/** Detects an edited entry (hash), a deleted or reordered one (sequence and link). */
export function verifyAudit(log: readonly AuditEntry[]): AuditVerdict {
  let prevHash = GENESIS_HASH
  for (let i = 0; i < log.length; i++) {
    const e = log[i]
    const broken = (problem: string): AuditVerdict => ({ ok: false, count: log.length, headHash: log[log.length - 1].hash, brokenAt: e.seq, problem })
    if (e.seq !== i + 1) return broken(`第 ${i + 1} 条的序号为 ${e.seq}：日志有删除或调序`)
    if (e.prevHash !== prevHash) return broken(`第 ${e.seq} 条与前一条的链接不符：日志有删除、插入或调序`)
    if (entryHash(e) !== e.hash) return broken(`第 ${e.seq} 条的内容与其哈希不符：内容被修改`)
    prevHash = e.hash
  }
  return { ok: true, count: log.length, headHash: prevHash, brokenAt: null, problem: null }
}
