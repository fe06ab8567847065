import type { Registry } from '../context'
import { registerAuth } from './auth'
import { registerDirectory } from './directory'
import { registerInbox } from './inbox'
import { registerNotices } from './notices'
import { registerAudit } from './audit'
import { registerFiles } from './files'
import { registerRequests } from './requests'
import { registerRequestBundles } from './request-bundles'
import { registerDocuments } from './documents'
import { registerCases } from './cases'
import { registerSupervision } from './supervision'
import { registerMediation } from './mediation'
import { registerVideo } from './video'
import { registerWorkbench } from './workbench'
import { registerNotifications } from './notifications'

export function registerAll(r: Registry) {
  registerAuth(r)
  registerDirectory(r)
  registerInbox(r)
  registerNotices(r)
  registerAudit(r)
  registerFiles(r)
  registerRequests(r)
  registerRequestBundles(r)
  registerDocuments(r)
  registerCases(r)
  registerSupervision(r)
  registerMediation(r)
  registerVideo(r)
  registerWorkbench(r)
  registerNotifications(r)
}
