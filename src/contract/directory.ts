import * as v from 'valibot'
import { route } from './route'
import { cursorQuery, id, optionalText, page, text } from './schema'
import { roles } from './common'

export const departmentKinds = ['district_leadership', 'district_office', 'street_office', 'community', 'partner_unit', 'committee'] as const

export const departmentSchema = v.object({
  id: v.string(),
  name: v.string(),
  shortName: v.string(),
  kind: v.picklist(departmentKinds),
  parentId: v.nullable(v.string()),
  streetName: v.nullable(v.string()),
})
export type Department = v.InferOutput<typeof departmentSchema>

export const personSchema = v.object({
  id: v.string(),
  name: v.string(),
  deptId: v.string(),
  deptName: v.string(),
  position: v.string(),
  roles: v.array(v.picklist(roles)),
  /** always masked here; the contact route reveals it with a stated reason */
  phone: v.string(),
})
export type Person = v.InferOutput<typeof personSchema>

export const directoryRoutes = {
  departments: route({
    method: 'GET',
    path: '/directory/departments',
    summary: '组织架构：区领导、区直部门、街道及社区、联动单位（扁平列表，parentId 成树）',
    access: 'staff',
    response: v.object({ departments: v.array(departmentSchema) }),
    errors: ['FORBIDDEN'],
  }),
  people: route({
    method: 'GET',
    path: '/directory/people',
    summary: '通讯录搜索：按姓名、单位、角色查找同事（电话脱敏）',
    access: 'staff',
    query: v.object({
      q: optionalText('关键词', 30),
      deptId: v.optional(id('单位')),
      role: v.optional(v.picklist(roles, '「角色」的取值不对')),
      ...cursorQuery,
    }),
    response: page(personSchema),
    errors: ['FORBIDDEN'],
  }),
  revealContact: route({
    method: 'POST',
    path: '/directory/people/:id/contact',
    summary: '查看同事完整电话：须说明事由，留痕审计',
    access: 'staff',
    params: v.object({ id: id('人员编号') }),
    body: v.object({ reason: text('查看事由', 100, 2) }),
    response: v.object({ id: v.string(), name: v.string(), phone: v.string() }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    reveals: ['phone'],
    rateLimit: { max: 10, windowSeconds: 3600, per: 'caller' },
  }),
}
