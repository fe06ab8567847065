import type { Access } from '../../src/contract/route'
import { workbenchRoutes } from '../../src/contract/workbench'
import type { WorkbenchPart } from '../../src/contract/workbench'
import { requireUser, type Registry } from '../context'
import { tabView } from '../lib/inbox-index'
import { unreadOf } from '../lib/notify'
import { verifyAudit } from '../lib/audit'
import { hasPartByRole, workbenchParts } from '../lib/workbench-parts'

export function registerWorkbench(r: Registry) {
  r.on(workbenchRoutes.get, (ctx) => {
    const me = requireUser(ctx)
    const allowed = (access: Access) => typeof access !== 'string' && me.roles.some((role) => access.includes(role))
    const todo = tabView(ctx.db, me.id, 'todo', ctx.nowIso)
    const mine = new Set(ctx.db.workItems.filter((w) => w.assigneeId === me.id || w.initiatorId === me.id).map((w) => w.module as string))
    const parts: (WorkbenchPart & { lead: boolean; order: number })[] = []
    workbenchParts.forEach((def, order) => {
      if (!hasPartByRole(def, me) && !mine.has(def.key)) return
      const view = def.itemless ? null : tabView(ctx.db, me.id, 'todo', ctx.nowIso, def.key)
      parts.push({
        key: def.key,
        label: def.label,
        counts: { todo: view?.rows.length ?? 0, overdue: view?.overdue ?? 0, urged: view?.urged ?? 0 },
        startables: def.startables(allowed),
        shortcuts: def.shortcuts(allowed),
        lead: me.roles.some((role) => def.leadRoles.includes(role)),
        order,
      })
    })
    // their own work first, then what is waiting, then the table's order
    parts.sort((a, b) => Number(b.lead) - Number(a.lead) || Number(b.counts.todo > 0) - Number(a.counts.todo > 0) || a.order - b.order)
    return {
      parts: parts.map(({ lead: _l, order: _o, ...p }) => p),
      todo: todo.rows.length,
      overdue: todo.overdue,
      unread: unreadOf(ctx.db, me.id),
      audit: me.roles.includes('auditor') ? (({ ok, count, headHash, brokenAt }) => ({ ok, count, headHash, brokenAt }))(verifyAudit(ctx.db.audit)) : null,
    }
  })
}
