import * as v from 'valibot'
import { route, type RateLimit } from './route'
import { id, ok, text } from './schema'
import { roles, userSchema } from './common'

const session = v.object({ token: v.string(), expiresAt: v.string(), user: userSchema })
export type SessionResult = v.InferOutput<typeof session>

const previewPerson = v.object({ id: v.string(), name: v.string(), deptName: v.nullable(v.string()), position: v.nullable(v.string()) })

/** Guessing at one account's sign-in is slowed whoever guesses: per account named in the body. */
const signInLimit: RateLimit = { max: 10, windowSeconds: 60, per: 'subject' }

export const authRoutes = {
  wecomLogin: route({
    method: 'POST',
    path: '/auth/wecom',
    summary: '企业微信登录：用 wx.qy.login 的 code 换取会话（session_key 只留在服务端）',
    access: 'public',
    body: v.object({ code: text('登录凭证', 128) }),
    response: session,
    errors: ['FORBIDDEN'],
    idempotency: 'never',
    rateLimit: signInLimit,
  }),
  wechatLogin: route({
    method: 'POST',
    path: '/auth/wechat',
    summary: '微信登录：用 wx.login 的 code 换取群众会话（session_key 只留在服务端）',
    access: 'public',
    body: v.object({ code: text('登录凭证', 128) }),
    response: session,
    errors: ['FORBIDDEN'],
    idempotency: 'never',
    rateLimit: signInLimit,
  }),
  previewLogin: route({
    method: 'POST',
    path: '/auth/preview',
    summary: '预览登录（仅模拟 BFF 的预览模式接受）：以种子数据中的某人登录',
    access: 'preview',
    body: v.object({ userId: id('人员编号') }),
    response: session,
    errors: ['PREVIEW_DISABLED', 'NOT_FOUND'],
    idempotency: 'never',
    rateLimit: signInLimit,
  }),
  previewUsers: route({
    method: 'GET',
    path: '/auth/preview-users',
    summary: '预览登录可选的人员，按角色分组（仅预览模式）',
    access: 'preview',
    response: v.object({
      groups: v.array(v.object({ role: v.picklist(roles), label: v.string(), people: v.array(previewPerson) })),
    }),
    errors: ['PREVIEW_DISABLED'],
  }),
  logout: route({
    method: 'POST',
    path: '/auth/logout',
    summary: '退出登录，使当前会话失效',
    access: 'user',
    response: ok,
    errors: [],
  }),
  me: route({
    method: 'GET',
    path: '/me',
    summary: '当前用户：姓名、单位、角色',
    access: 'user',
    response: userSchema,
    errors: [],
  }),
  startables: route({
    method: 'GET',
    path: '/me/startables',
    summary: '我能发起的事项（按角色由服务端决定），用于“发起”入口',
    access: 'user',
    response: v.object({
      items: v.array(v.object({ key: v.string(), label: v.string(), hint: v.string(), link: v.string() })),
    }),
    errors: [],
  }),
}
