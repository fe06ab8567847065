import type { Role } from '../../src/contract/common'
import { roleLabels, roles } from '../../src/contract/common'
import { routes } from '../../src/contract/routes'
import type { Access } from '../../src/contract/route'
import { toIso } from '../../src/core/time'
import type { UserRow } from '../db'
import { requireUser, type Ctx, type Registry } from '../context'
import { fail } from '../lib/errors'
import { presentUser } from '../lib/present'
import { logSession } from '../lib/session-log'

const SESSION_HOURS = 12

function randomToken(): string {
  const bytes = new Uint8Array(24)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function openSession(ctx: Ctx, user: UserRow) {
  const token = randomToken()
  const expiresAt = toIso(new Date(ctx.now.getTime() + SESSION_HOURS * 3600_000))
  ctx.db.sessions = ctx.db.sessions.filter((s) => s.expiresAt > ctx.nowIso)
  ctx.db.sessions.push({ token, userId: user.id, expiresAt })
  logSession(ctx, 'sign-in', user)
  return { token, expiresAt, user: presentUser(ctx.db, user) }
}

/**
 * Stands in for WeCom's / WeChat's code2Session: the code resolves to an external id on the server
 * and the session_key never leaves it. In the mock a code `mock:<userId>` names the person; any other
 * code is the default persona of that app (the DevTools simulator sends random codes) — in preview only.
 */
function resolveCode(ctx: Ctx, code: string, kind: UserRow['kind'], fallbackId: string): UserRow {
  const db = ctx.db
  // With preview off the mock stands for a real BFF, and the mock has no WeCom or WeChat to ask who a
  // code belongs to: every code is one it cannot vouch for.
  if (!ctx.preview) return fail('UNAUTHENTICATED', '登录凭证无效，请重新进入小程序')
  const wanted = code.startsWith('mock:') ? code.slice(5) : fallbackId
  const user = db.users.find((u) => u.id === wanted || u.externalId === wanted)
  if (!user) return fail('UNAUTHENTICATED', '登录凭证无效，请重新进入小程序')
  if (user.kind !== kind) {
    return fail('FORBIDDEN', kind === 'staff' ? '工作台仅限机关工作人员使用，请在企业微信中打开' : '请在微信中打开群众端')
  }
  return user
}

/** the roles with a part in 妇联 cases: they get its list on the 工作台 */
const CASE_ROLES: Role[] = ['federation_staff', 'federation_exec', 'partner_liaison', 'counsellor', 'youth_social_worker', 'youth_league']

export function registerAuth(r: Registry) {
  r.on(routes.auth.wecomLogin, (ctx, { body }) => openSession(ctx, resolveCode(ctx, body.code, 'staff', 'u-clerk-01')))
  r.on(routes.auth.wechatLogin, (ctx, { body }) => openSession(ctx, resolveCode(ctx, body.code, 'resident', 'r-resident-01')))
  r.on(routes.auth.previewLogin, (ctx, { body }) => {
    const user = ctx.db.users.find((u) => u.id === body.userId) ?? fail('NOT_FOUND', '没有这个人员，请从列表中选择')
    return openSession(ctx, user)
  })
  r.on(routes.auth.previewUsers, (ctx) => ({
    groups: roles
      .map((role) => ({
        role,
        label: roleLabels[role],
        people: ctx.db.users
          .filter((u) => u.roles[0] === role)
          .slice(0, 6)
          .map((u) => ({ id: u.id, name: u.name, deptName: ctx.db.departments.find((d) => d.id === u.deptId)?.name ?? null, position: u.position })),
      }))
      .filter((g) => g.people.length > 0),
  }))
  r.on(routes.auth.logout, (ctx) => {
    logSession(ctx, 'sign-out', requireUser(ctx))
    ctx.db.sessions = ctx.db.sessions.filter((s) => s.token !== ctx.sessionToken)
    return { ok: true as const }
  })
  r.on(routes.auth.me, (ctx) => presentUser(ctx.db, requireUser(ctx)))
  r.on(routes.auth.startables, (ctx) => {
    const me = requireUser(ctx)
    const allowed = (access: Access) => typeof access !== 'string' && me.roles.some((role) => access.includes(role))
    const items =
      me.kind === 'staff' ? [{ key: 'requests', label: '零跑动办事', hint: '用印、用车、会议室、请假、证明，线上一次办', link: '/features/requests/pages/index/index' }] : []
    if (me.kind === 'staff') items.push({ key: 'documents-list', label: '公文流转', hint: '待办、已办、我起草的、传阅给我的公文', link: '/features/documents/pages/index/index' })
    if (me.kind === 'staff') items.push({ key: 'supervision', label: '督查督办', hint: '我督办的、我承办的、我牵头的事项，红黄绿灯一目了然', link: '/features/supervision/pages/index/index' })
    if (allowed(routes.documents.create.access)) items.push({ key: 'documents', label: '拟稿发文', hint: '起草通知、请示、报告、函，送核稿、会签、签发', link: '/features/documents/pages/compose/index' })
    if (allowed(routes.notices.create.access)) items.push({ key: 'notice', label: '发工作通知', hint: '发给同事阅知，可设办理时限、随时催阅', link: '/features/notice/pages/compose/index' })
    if (me.roles.some((r) => CASE_ROLES.includes(r))) items.push({ key: 'cases', label: '妇联维权案件', hint: '登记、评估、联动转办、跟踪反馈，红色高危 24 小时内处置', link: '/features/cases/pages/index/index' })
    if (allowed(routes.cases.stats.access)) items.push({ key: 'cases-stats', label: '维权统计', hint: '按类别、街道、来源、风险和联动单位签收时长', link: '/features/cases/pages/stats/index' })
    if (allowed(routes.requests.stats.access)) items.push({ key: 'requests-stats', label: '办理时效', hint: '零跑动各事项的件数、用时、按时率', link: '/features/requests/pages/stats/index' })
    return { items }
  })
}
