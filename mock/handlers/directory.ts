import { routes } from '../../src/contract/routes'
import type { Db } from '../db'
import { audit, requireUser, visibleOr404, type Registry } from '../context'
import { paginate } from '../lib/paging'
import { presentPerson } from '../lib/present'

function descendantsOf(db: Db, rootId: string): Set<string> {
  const ids = new Set([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const d of db.departments) {
      if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) {
        ids.add(d.id)
        grew = true
      }
    }
  }
  return ids
}

export function registerDirectory(r: Registry) {
  r.on(routes.directory.departments, (ctx) => ({ departments: ctx.db.departments }))

  r.on(routes.directory.people, (ctx, { query }) => {
    const within = query.deptId ? descendantsOf(ctx.db, query.deptId) : null
    const q = query.q?.toLowerCase()
    const rows = ctx.db.users.filter((u) => {
      if (u.kind !== 'staff') return false
      if (within && !within.has(u.deptId ?? '')) return false
      if (query.role && !u.roles.includes(query.role)) return false
      if (q) {
        const dept = ctx.db.departments.find((d) => d.id === u.deptId)
        const hay = `${u.name} ${dept?.name ?? ''} ${dept?.shortName ?? ''} ${u.position ?? ''}`.toLowerCase()
        if (!hay.includes(q)) return false
      }
      return true
    })
    const page = paginate(rows, query.cursor, query.limit ?? 20)
    return { items: page.items.map((u) => presentPerson(ctx.db, u)), nextCursor: page.nextCursor }
  })

  r.on(routes.directory.revealContact, (ctx, { params, body }) => {
    requireUser(ctx)
    const person = visibleOr404(
      ctx.db.users.find((u) => u.id === params.id),
      (u) => u.kind === 'staff',
    )
    audit(ctx, 'directory.reveal_contact', 'person', person.id, `查看 ${person.name} 的完整电话，事由：${body.reason}`)
    return { id: person.id, name: person.name, phone: person.phone }
  })
}
