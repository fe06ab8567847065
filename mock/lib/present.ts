import type { User } from '../../src/contract/common'
import type { Person } from '../../src/contract/directory'
import { maskPhone } from '../../src/core/mask'
import type { Db, UserRow } from '../db'
import { deptName } from '../context'

/** A user as the contract shows them: the phone is always masked on the way out. */
export function presentUser(db: Db, u: UserRow): User {
  return {
    id: u.id,
    kind: u.kind,
    name: u.name,
    phone: maskPhone(u.phone),
    roles: u.roles,
    deptId: u.deptId,
    deptName: deptName(db, u.deptId),
    position: u.position,
    streetName: u.streetName,
  }
}

export function presentPerson(db: Db, u: UserRow): Person {
  return {
    id: u.id,
    name: u.name,
    deptId: u.deptId ?? '',
    deptName: deptName(db, u.deptId) ?? '',
    position: u.position ?? '',
    roles: u.roles,
    phone: maskPhone(u.phone),
  }
}
