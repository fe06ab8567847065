import { screen, waitFor, within } from '@testing-library/react'
import { casesRoutes } from '../../src/contract/cases'
import IntakePage from '../../src/features/cases/pages/intake/index'
import CaseDetailPage from '../../src/features/cases/pages/detail/index'
import HelpPage from '../../src/features/help/pages/index/index'
import MinePage from '../../src/features/help/pages/mine/index'
import { useHelpStore } from '../../src/features/help/store'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { alerts, buttonNamed, choose, openPageAs, pinDateToMockClock, settle, tap, typeIn, typeInto } from './dom'

const OWNER = 'u-fed-02'
const POLICE = 'u-partner-police-02'
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

const sms = { channels: ['sms' as const], window: 'weekday_daytime' as const, doNotCallHome: true }
async function freshCase(t: T, riskAnswers: ('weapon' | 'threat_to_kill' | 'substance')[] = []) {
  return t.ok(OWNER, casesRoutes.create, {
    body: { channel: 'hotline', category: 'domestic_violence', streetName: '西乡街道', summary: '来电称被丈夫殴打。', subject: { name: '林秀娟', phone: '13912345678' }, minor: false, safeContact: sms, riskAnswers },
  })
}
const openCase = (t: T, who: string, id: string) => openPageAs(t, who, CaseDetailPage, { params: { id }, readyWhen: '.cs-title' })
const checkbox = (name: RegExp) => screen.getByRole('checkbox', { name })

describe('登记 with the risk checklist', () => {
  it('shows the colour as she ticks, refuses an empty form in place, and one tap makes one case', async () => {
    const t = testRootStore()
    await openPageAs(t, OWNER, IntakePage, { readyWhen: '.cs-risk' })
    const before = t.db.cases.length
    tap(buttonNamed('登记并受理'))
    await settle()
    expect(alerts()).toEqual(expect.arrayContaining(['请简要写明情况（至少 5 个字）', '请填写求助人姓名（可只写姓氏）']))
    expect(t.db.cases.length).toBe(before)

    await typeInto(screen.getByLabelText('情况简述'), '来电称丈夫持刀威胁，现暂住娘家。')
    await typeIn('求助人姓名', '陈女士')
    await typeIn('求助人电话（选填）', '13912345678')
    tap(within(screen.getByRole('group', { name: '危险性评估' })).getByText('使用或威胁使用刀具等凶器'))
    // 4 分 alone is yellow; a threat to kill with it is red
    expect(document.querySelector('.cs-risk-result .status-tag')!.textContent).toBe('黄色')
    tap(within(screen.getByRole('group', { name: '危险性评估' })).getByText('对方扬言要杀死她或家人'))
    expect(document.querySelector('.cs-risk-result .status-tag')!.textContent).toBe('红色')
    // the draft on the phone never holds her number
    await new Promise((r) => setTimeout(r, 350))
    const draft = () => JSON.stringify(t.storage.get(`draft:case-intake:${OWNER}`))
    expect(draft()).toContain('陈女士')
    expect(draft()).not.toContain('13912345678')

    tap(buttonNamed('登记并受理'))
    tap(buttonNamed('登记并受理'))
    await waitFor(() => expect(fake.navigations.at(-1)?.kind).toBe('redirectTo'))
    expect(t.db.cases.length).toBe(before + 1)
    const c = t.db.cases.at(-1)!
    expect(c).toMatchObject({ risk: 'red', ownerId: OWNER, status: 'accepted', streetName: '西乡街道' })
    expect(fake.navigations.at(-1)!.url).toBe(`/features/cases/pages/detail/index?id=${c.id}`)
    expect(t.storage.get(`draft:case-intake:${OWNER}`)).toBeNull()
  })

  it('a 执委 gets the fewest fields: no phone, ID, address or safe-contact boxes', async () => {
    const t = testRootStore()
    await openPageAs(t, 'u-fedexec-01', IntakePage, { readyWhen: '.cs-risk' })
    expect(screen.queryByLabelText('求助人电话（选填）')).toBeNull()
    expect(screen.queryByLabelText('身份证号（选填）')).toBeNull()
    expect(document.querySelector('.safe-contact-picker')).toBeNull()
    expect(screen.getByText('上报')).toBeTruthy()
  })
})

describe('the case screen', () => {
  it('red: the 24-hour clock, 110 guidance and the safe-contact words are on the screen', async () => {
    const t = testRootStore()
    const c = await freshCase(t, ['weapon', 'threat_to_kill'])
    await openCase(t, OWNER, c.id)
    expect(screen.getByRole('timer').textContent).toContain('剩 24 小时 0 分')
    expect(screen.getByLabelText('红色高危处置指引').textContent).toMatch(/110[\s\S]*告诫书[\s\S]*人身安全保护令/)
    expect(Array.from(document.querySelectorAll('.cs-safe-word')).map((e) => e.textContent)).toEqual(['勿拨打家中电话', '仅工作日白天短信'])
    expect(document.querySelector('.cs-fields')!.textContent).toContain('139****5678')
    expect(document.body.textContent).not.toContain('13912345678')
  })

  it('reveal: asks for a reason first, then shows the number and the audit has it', async () => {
    const t = testRootStore()
    const c = await freshCase(t)
    await openCase(t, OWNER, c.id)
    const audit0 = t.db.audit.length
    tap(screen.getByRole('button', { name: '查看求助人电话' }))
    await settle()
    tap(buttonNamed('说明事由并查看'))
    await settle()
    expect(alerts()).toContain('请写明查看事由（至少 4 个字）')
    expect(t.db.audit.length).toBe(audit0)
    tap(screen.getByText('协助申请保护令'))
    tap(buttonNamed('说明事由并查看'))
    await waitFor(() => expect(document.querySelector('.cs-field-value.is-shown')?.textContent).toBe('13912345678'))
    expect(t.db.audit.slice(audit0).map((a) => [a.action, a.summary])).toEqual([['case.reveal', '查看「求助人电话」，事由：协助申请保护令']])
  })

  it('referral sheet: a unit and what it is asked to do, then the unit answers on its own screen', async () => {
    const t = testRootStore()
    const c = await freshCase(t)
    await openCase(t, OWNER, c.id)
    tap(buttonNamed('联动转办'))
    await waitFor(() => expect(document.querySelector('.cs-refer .cs-unit')).not.toBeNull())
    tap(checkbox(/宝安公安分局/))
    tap(buttonNamed('发送转办（1 个单位）'))
    await settle()
    expect(alerts()).toContain('请写明请「宝安公安分局」做什么')
    expect(t.db.cases.find((x) => x.id === c.id)!.referrals).toEqual([])
    await typeInto(screen.getByLabelText('请宝安公安分局做什么'), '请核实警情')
    choose('宝安公安分局签收时限', '4 小时')
    tap(buttonNamed('发送转办（1 个单位）'))
    await waitFor(() => expect(screen.getByLabelText('宝安公安分局待签收')).toBeTruthy())
    expect(t.db.cases.find((x) => x.id === c.id)!.referrals[0]).toMatchObject({ unitId: 'dept-police', task: '请核实警情', acceptBy: '2026-11-25T14:00:00+08:00' })

    // 公安 returns it: a reason is asked for
    await openCase(t, POLICE, c.id)
    expect(document.querySelector('.cs-fields')!.textContent).toContain('139****5678')
    tap(buttonNamed('退回'))
    await settle()
    tap(buttonNamed('确定退回'))
    await settle()
    expect(alerts()).toContain('请填写退回理由')
    await typeInto(document.querySelector('.opinion-sheet taro-textarea-core, .opinion-sheet .nut-textarea')!, '不属于本辖区')
    tap(buttonNamed('确定退回'))
    await waitFor(() => expect(t.db.cases.find((x) => x.id === c.id)!.referrals[0].state).toBe('returned'))
    expect(t.db.cases.find((x) => x.id === c.id)!.referrals[0].returnReason).toBe('不属于本辖区')
  })
})

describe('the resident’s help request', () => {
  it('a few taps, her safe-contact choice, and nothing of it kept on the phone', async () => {
    const t = testRootStore()
    await openPageAs(t, 'r-resident-09', HelpPage, { readyWhen: '.hp-exit' })
    const written: string[] = []
    const set = t.storage.set.bind(t.storage)
    t.storage.set = (k, v) => {
      written.push(`${k}=${JSON.stringify(v)}`)
      set(k, v)
    }
    tap(buttonNamed('发送'))
    await settle()
    expect(alerts()).toContain('请至少选一项情况')
    tap(checkbox(/家里有人打我/))
    choose('现在是否安全', '现在有危险')
    // in danger: 110 first
    expect(screen.getByText('有危险请先拨打 110')).toBeTruthy()
    choose('所在街道', '西乡')
    choose('联系时间', '仅晚上 19–21 点')
    tap(buttonNamed('发送'))
    await waitFor(() => expect(fake.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: '/features/help/pages/mine/index?sent=1' }))
    const c = t.db.cases.at(-1)!
    expect(c).toMatchObject({ residentId: 'r-resident-09', channel: 'resident_app', risk: 'red' })
    expect(c.safeContact).toMatchObject({ channels: ['sms'], window: 'evening', doNotCallHome: true })
    // while she wrote and sent it, the app wrote nothing to the phone's storage
    expect(written).toEqual([])
  })

  it('我的留言 speaks in neutral words, and 一键离开 jumps to the front page and forgets what it showed', async () => {
    const t = testRootStore()
    await t.ok('r-resident-09', (await import('../../src/contract/help')).helpRoutes.submit, { body: { situations: ['hurt'], inDangerNow: false, streetName: '西乡街道', anonymous: false, safeContact: sms } })
    await openPageAs(t, 'r-resident-09', MinePage, { readyWhen: '.hp-stage' })
    expect(document.querySelector('.hp-stage')!.textContent).toBe('已收到')
    for (const w of ['家庭暴力', '妇联', '案件', '公安']) expect(document.body.textContent).not.toContain(w)
    tap(screen.getByRole('button', { name: '一键离开' }))
    expect(fake.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/features/home/pages/index/index' })
    expect(useHelpStore(t.root).items).toEqual([])
    // signing out leaves no case data behind either
    await t.root.signOut()
    expect(useHelpStore(t.root).items).toEqual([])
  })
})
