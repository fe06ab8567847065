import type { DraftInput } from '../../src/contract/documents'

/**
 * A 通知 from 区政府办公室 to 区政数局 and 区民政局, countersigned by both, copied to 区财政局, for
 * 罗家明 to sign: everything a valid draft needs, with `x` changing what a test is about.
 */
export function draftOf(x: Partial<DraftInput> = {}): DraftInput {
  return {
    docType: '通知',
    title: '关于开展冬季消防安全检查的通知',
    secrecy: 'none',
    urgency: 'normal',
    mainToDeptIds: ['dept-data', 'dept-civil'],
    ccDeptIds: ['dept-finance'],
    countersignDeptIds: ['dept-data', 'dept-civil'],
    signerId: 'u-leader-01',
    body: '各有关单位：为做好冬季消防安全工作，现就开展检查有关事项通知如下。',
    attachmentIds: [],
    ...x,
  }
}
