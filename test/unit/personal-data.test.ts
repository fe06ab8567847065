import { roles } from '../../src/contract/common'
import { allRoutes, routes } from '../../src/contract/routes'
import { findUnmaskedPersonalData } from '../../src/core/mask'
import { testBff } from '../support/bff'

describe('personal data leaves the BFF masked', () => {
  it('no GET answer to any role holds an unmasked phone or ID number', async () => {
    const t = testBff()
    const gets = allRoutes().filter(({ route }) => route.method === 'GET' && route.responseType !== 'binary')
    let checked = 0
    for (const role of roles) {
      const person = t.db.users.find((u) => u.roles.includes(role))!
      for (const { route } of gets) {
        const query = route.path === '/inbox' ? { tab: 'todo', limit: 100 } : route.path === '/directory/people' ? { limit: 100 } : route.path === '/requests/resources' ? { type: 'room', date: '2026-11-26' } : route.path === '/supervision/items' ? { box: 'handling', limit: 100 } : route.path.startsWith('/video/rooms/') ? { clientId: 'pd-1' } : undefined
        const params = route.path.includes(':caseId') ? { caseId: 'med-014' } : route.path.includes(':documentId') ? { documentId: 'doc-012' } : route.path.startsWith('/supervision/items/') ? { id: 'sup-004' } : route.path.includes(':code') ? { code: 'ABC123' } : route.path.includes(':entryId') ? { entryId: 'lib-001' } : route.path.startsWith('/requests/catalogue/') ? { id: 'room' } : route.path.includes(':id') ? { id: route.path.startsWith('/requests') ? 'req-001' : 'notice-001' } : undefined
        const res = await t.as(person.id, route, { query, params } as never)
        // a person's own number, shown to themselves (the 零跑动 form prefills it), is not a leak
        const own = [person.phone, person.idNumber].filter((x): x is string => !!x)
        const leaked = findUnmaskedPersonalData(own.reduce((text, mine) => text.split(mine).join('<own>'), JSON.stringify(res.body)))
        expect({ role, route: route.path, leaked }).toEqual({ role, route: route.path, leaked: null })
        checked++
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('the full phone comes only with a stated reason, and the reveal is audited', async () => {
    const t = testBff()
    const target = t.db.users.find((u) => u.id === 'u-head-02')!
    const noReason = await t.as('u-clerk-01', routes.directory.revealContact, { params: { id: target.id }, body: { reason: '' } })
    expect(noReason.status).toBe(400)
    const before = t.db.audit.length
    const shown = await t.ok('u-clerk-01', routes.directory.revealContact, { params: { id: target.id }, body: { reason: '联系会签事宜' } })
    expect(shown.phone).toBe(target.phone)
    expect(t.db.audit.length).toBe(before + 1)
    expect(t.db.audit.at(-1)).toMatchObject({ action: 'directory.reveal_contact', actorId: 'u-clerk-01', objectId: target.id })
    expect(t.db.audit.at(-1)!.summary).toContain('联系会签事宜')
    expect(findUnmaskedPersonalData(JSON.stringify(t.db.audit.at(-1)))).toBeNull()
  })

  it('sign-in answers never carry a session_key, an AppSecret or an openid', async () => {
    const t = testBff()
    for (const [route, code] of [
      [routes.auth.wecomLogin, 'mock:u-head-01'],
      [routes.auth.wechatLogin, 'mock:r-resident-01'],
      [routes.auth.wecomLogin, 'random-code-from-devtools'],
    ] as const) {
      const res = await t.as(null, route, { body: { code } })
      expect(res.status).toBe(200)
      expect(JSON.stringify(res.body)).not.toMatch(/session_?key|app_?secret|"secret"|openid|wecom-|externalId/i)
    }
  })

  it('a resident cannot sign in to the staff app, nor staff to the resident app', async () => {
    const t = testBff()
    const resident = await t.as(null, routes.auth.wecomLogin, { body: { code: 'mock:r-resident-01' } })
    expect(resident.status).toBe(403)
    expect((resident.body as { message: string }).message).toBe('工作台仅限机关工作人员使用，请在企业微信中打开')
    const staff = await t.as(null, routes.auth.wechatLogin, { body: { code: 'mock:u-head-01' } })
    expect(staff.status).toBe(403)
  })
})
