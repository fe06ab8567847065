import fs from 'node:fs'
import { OPENAPI_FILE, renderOpenApi } from '../../scripts/openapi'
import { allRoutes } from '../../src/contract/routes'

describe('OpenAPI document', () => {
  it('is up to date with the route table (run npm run contract:openapi)', () => {
    expect(fs.readFileSync(OPENAPI_FILE, 'utf8')).toBe(renderOpenApi())
  })

  it('describes every route, its Idempotency-Key and its errors', () => {
    const doc = JSON.parse(renderOpenApi()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; parameters: { name: string }[]; responses: Record<string, unknown> }>> }
    expect(doc.openapi).toBe('3.1.0')
    const ops = Object.values(doc.paths).flatMap((p) => Object.entries(p))
    expect(ops.map(([, op]) => op.operationId).sort()).toEqual(allRoutes().map((r) => r.name).sort())
    for (const [method, op] of ops) {
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '500']))
      // routes that mint a credential (sessions, the single-use 视频调解 room ticket) never replay
      const mintsSession = ['auth.wecomLogin', 'auth.wechatLogin', 'auth.previewLogin', 'video.ticket'].includes(op.operationId)
      if (method !== 'get' && !mintsSession) {
        expect(op.parameters.map((p) => p.name)).toContain('Idempotency-Key')
        // the key's three behaviours are part of every replayed write's declaration
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']))
      }
      if (mintsSession) expect(op.parameters.map((p) => p.name)).not.toContain('Idempotency-Key')
    }
  })
})
