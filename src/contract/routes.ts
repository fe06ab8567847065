import { authRoutes } from './auth'
import { directoryRoutes } from './directory'
import { inboxRoutes } from './inbox'
import { noticeRoutes } from './notices'
import { auditRoutes } from './audit'
import { fileRoutes } from './files'
import { requestRoutes } from './requests'
import { documentRoutes } from './documents'
import { casesRoutes } from './cases'
import { helpRoutes } from './help'
import { supervisionRoutes } from './supervision'
import { mediationRoutes } from './mediation'
import { videoRoutes } from './video'
import { workbenchRoutes } from './workbench'
import { notificationRoutes } from './notifications'
import type { Route } from './route'

/** The whole BFF contract: one table, shared by the client, the mock BFF, the contract tests and OpenAPI. */
export const routes = {
  auth: authRoutes,
  directory: directoryRoutes,
  inbox: inboxRoutes,
  notices: noticeRoutes,
  audit: auditRoutes,
  files: fileRoutes,
  requests: requestRoutes,
  documents: documentRoutes,
  cases: casesRoutes,
  help: helpRoutes,
  supervision: supervisionRoutes,
  mediation: mediationRoutes,
  video: videoRoutes,
  workbench: workbenchRoutes,
  notifications: notificationRoutes,
}

export type RouteTable = typeof routes

/** Every route with its dotted name, e.g. `notices.read`. */
export function allRoutes(): { name: string; route: Route }[] {
  const out: { name: string; route: Route }[] = []
  for (const [group, table] of Object.entries(routes)) {
    for (const [name, r] of Object.entries(table as Record<string, Route>)) out.push({ name: `${group}.${name}`, route: r })
  }
  return out
}
