import type { Db, UserRow } from '../db'

/**
 * The nearest 负责人 above a department (its own head first, then each parent's), never `except`;
 * with nobody in the chain, a 区领导 unless `ownOnly` (a unit that must answer for itself).
 */
export function headOf(db: Db, deptId: string | null, except: string | null, ownOnly = false): UserRow | undefined {
  for (let d = deptId; d; d = db.departments.find((x) => x.id === d)?.parentId ?? null) {
    const head = db.users.find((u) => u.deptId === d && u.id !== except && u.roles.includes('dept_head'))
    if (head) return head
  }
  return ownOnly ? undefined : db.users.find((u) => u.roles.includes('leader') && u.id !== except)
}

/** The office (top-level unit) a department belongs to: 文电科 → 区政府办公室. */
export function officeOf(db: Db, deptId: string | null): string | null {
  let d = deptId
  for (let guard = 0; d && guard < 20; guard++) {
    const parent = db.departments.find((x) => x.id === d)?.parentId ?? null
    if (!parent) return d
    d = parent
  }
  return d
}

/** The office's 文书 who registers, numbers and distributes its documents; the 文电 clerk first. */
export function officeClerk(db: Db, officeId: string): UserRow | undefined {
  const clerks = db.users.filter((u) => u.roles.includes('clerk') && officeOf(db, u.deptId) === officeId)
  const inDocsDept = (u: UserRow) => /文电/.test(db.departments.find((d) => d.id === u.deptId)?.name ?? '')
  return clerks.find(inDocsDept) ?? clerks.find((u) => u.position?.endsWith('文书')) ?? clerks[0]
}
