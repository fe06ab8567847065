/**
 * Generates the OpenAPI 3.1 document from the contract's route table (src/contract/routes.ts) into
 * src/contract/openapi.json. `npm run contract:openapi` writes it; a test fails when it is out of date.
 */
import fs from 'node:fs'
import path from 'node:path'
import { toJsonSchema } from '@valibot/to-json-schema'
import type * as v from 'valibot'
import { allRoutes } from '../src/contract/routes'
import { API_PREFIX, declaredErrors, idempotencyOf } from '../src/contract/route'
import { errorCatalog } from '../src/contract/errors'

export const OPENAPI_FILE = path.join(__dirname, '..', 'src', 'contract', 'openapi.json')

const schema = (s: v.GenericSchema) => {
  const { $schema: _drop, ...rest } = toJsonSchema(s, { target: 'draft-2020-12', errorMode: 'ignore', typeMode: 'input' }) as Record<string, unknown>
  return rest
}

const errorBody = {
  type: 'object',
  required: ['code', 'message', 'requestId'],
  properties: {
    code: { type: 'string', enum: Object.keys(errorCatalog) },
    message: { type: 'string', description: '可直接展示给用户的中文说明' },
    details: { type: 'object' },
    requestId: { type: 'string' },
  },
}

export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const { name, route } of allRoutes()) {
    const p = API_PREFIX + route.path.replace(/:([A-Za-z]+)/g, '{$1}')
    const parameters: unknown[] = []
    const addParams = (s: v.GenericSchema | undefined, where: 'path' | 'query') => {
      if (!s) return
      const js = schema(s) as { properties?: Record<string, unknown>; required?: string[] }
      for (const [key, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({ name: key, in: where, required: where === 'path' || (js.required ?? []).includes(key), schema: prop })
      }
    }
    addParams(route.params, 'path')
    addParams(route.query, 'query')
    const idempotency = idempotencyOf(route)
    if (idempotency === 'replay') {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description:
          '同一次操作的所有重试使用同一个值（8–128 位字母数字），服务端只执行一次：同键同内容重放首次的应答（Idempotent-Replayed: true），首次仍在处理时答 409 IDEMPOTENCY_IN_PROGRESS，同键不同内容答 422 IDEMPOTENCY_MISMATCH',
        schema: { type: 'string', minLength: 8, maxLength: 128 },
      })
    }
    const codes = declaredErrors(route)
    const errorsByStatus = new Map<number, string[]>()
    for (const c of codes) {
      const s = errorCatalog[c].status
      errorsByStatus.set(s, [...(errorsByStatus.get(s) ?? []), c])
    }
    const responses: Record<string, unknown> = {
      200:
        route.responseType === 'binary'
          ? { description: '文件内容', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'OK', content: { 'application/json': { schema: schema(route.response) } } },
    }
    for (const [status, list] of [...errorsByStatus].sort((a, b) => a[0] - b[0])) {
      const headers = status === 429 ? { 'Retry-After': { description: '多少秒后可以再试', schema: { type: 'integer', minimum: 1 } } } : undefined
      responses[status] = { description: list.join(' | '), ...(headers ? { headers } : {}), content: { 'application/json': { schema: errorBody } } }
    }
    const op: Record<string, unknown> = {
      operationId: name,
      summary: route.summary,
      tags: [name.split('.')[0]],
      'x-access': route.access,
      ...(idempotency ? { 'x-idempotency': idempotency === 'replay' ? { replay: true, inFlight: 409, otherBody: 422 } : { replay: false, reason: '签发凭证（会话、房间票）的接口从不重放应答，每次调用各自执行' } } : {}),
      ...(route.rateLimit ? { 'x-rate-limit': route.rateLimit } : {}),
      parameters,
      responses,
    }
    if (route.access !== 'public' && route.access !== 'preview') op.security = [{ bearer: [] }]
    if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: schema(route.body) } } }
    if (route.bodyType === 'multipart') {
      op.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, ...(route.body ? (schema(route.body) as { properties?: object }).properties : {}) } } } },
      }
    }
    paths[p] = { ...(paths[p] ?? {}), [route.method.toLowerCase()]: op }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '一端畅联 BFF',
      version: '1.0.0',
      description: '小程序与 H5 共用的 BFF 接口契约，由 src/contract 生成。错误统一为 { code, message, details?, requestId }。',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  }
}

export const renderOpenApi = () => `${JSON.stringify(buildOpenApi(), null, 2)}\n`

if (require.main === module) {
  fs.writeFileSync(OPENAPI_FILE, renderOpenApi())
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`)
}
