import * as v from 'valibot'
import { route } from './route'
import { id, oneOf, optionalText } from './schema'
import { safeContactInput } from './safe-contact'

/**
 * 妇联求助, the resident's side. Small on purpose: the resident subpackage carries only this. Every
 * answer is in neutral words (no category, no "家暴", no names), because someone else may see her phone.
 */

export const helpSituations = ['hurt', 'threatened', 'child', 'marriage', 'talk', 'money'] as const
export type HelpSituation = (typeof helpSituations)[number]
export const helpSituationLabels: Record<HelpSituation, string> = {
  hurt: '家里有人打我、伤害我',
  threatened: '有人威胁、跟踪、控制我',
  child: '孩子受到伤害或欺负',
  marriage: '婚姻、家庭矛盾',
  talk: '心里很难受，想找人说说',
  money: '生活遇到困难',
}

export const helpStreets = ['新安街道', '西乡街道', '航城街道', '福永街道', '福海街道', '沙井街道', '新桥街道', '松岗街道', '燕罗街道', '石岩街道'] as const

export const helpItemSchema = v.object({
  id: v.string(),
  submittedAt: v.string(),
  /** neutral progress words: 已收到 / 正在办理 / 已办理完毕 */
  stage: v.string(),
  updates: v.array(v.object({ at: v.string(), text: v.string() })),
})
export type HelpItem = v.InferOutput<typeof helpItemSchema>

export const helpRoutes = {
  submit: route({
    method: 'POST',
    path: '/help',
    summary: '一键求助：选几项情况，说明何时、如何联系才安全，可匿名',
    access: ['resident'],
    body: v.object({
      situations: v.pipe(v.array(v.picklist(helpSituations, '「情况」的取值不对'), '「情况」格式不对'), v.minLength(1, '请至少选一项情况'), v.maxLength(6, '「情况」的取值不对')),
      inDangerNow: v.boolean('「现在是否有危险」格式不对'),
      words: optionalText('想说的话', 300),
      streetName: oneOf('所在街道', helpStreets),
      anonymous: v.boolean('「匿名」格式不对'),
      safeContact: safeContactInput,
    }),
    response: helpItemSchema,
    errors: ['FORBIDDEN'],
  }),
  mine: route({
    method: 'GET',
    path: '/help/mine',
    summary: '我的求助：进展只用中性的词',
    access: ['resident'],
    response: v.object({ items: v.array(helpItemSchema) }),
    errors: ['FORBIDDEN'],
  }),
  get: route({
    method: 'GET',
    path: '/help/:id',
    summary: '一条求助的进展（中性用语）；不是本人的一律 404',
    access: 'user',
    params: v.object({ id: id('编号') }),
    response: helpItemSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
}
