import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import { errorCatalog } from '../../src/contract/errors'
import { formatTime } from '../../src/core/format'
import { maskIdNumber } from '../../src/core/mask'
import RequestDetailPage from '../../src/features/requests/pages/detail/index'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, opinionBox, openPageAs, pinDateToMockClock, queryButtonsNamed, recordCalls, settle, tap, typeInto } from './dom'

const ME = 'u-handler-01'
const ROOM_OWNER = 'u-office-01'
const HR = 'u-hr-01'
const TOMORROW = '2026-11-26'
/** A made-up ID number given to ME for the certificate tests (the seed has none for this person). */
const ID_NUMBER = '440306199203154517'
type T = ReturnType<typeof testRootStore>

// The countdown reads the device clock: pinned to the mock's clock. Only Date is faked; timers stay real.
pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())


/** ME books room 502 tomorrow 14:00–15:00; 袁静 (the rooms' owner) is to confirm. */
async function roomRequest(t: T = testRootStore()) {
  const sent = await t.ok(ME, routes.requests.submit, {
    body: {
      itemId: 'room',
      values: { title: '数据共享工作推进会', attendees: 10, needs: '投影' },
      slot: { resourceId: 'room-1-502', start: `${TOMORROW}T14:00:00+08:00`, end: `${TOMORROW}T15:00:00+08:00` },
    },
  })
  return { t, id: sent.id }
}

/** ME asks for an employment certificate and 人事 issues it. */
async function issuedCertificate() {
  const t = testRootStore()
  t.db.users.find((u) => u.id === ME)!.idNumber = ID_NUMBER
  const sent = await t.ok(ME, routes.requests.submit, { body: { itemId: 'employment-cert', values: { purpose: '办理贷款' } } })
  await t.ok(HR, routes.requests.act, { params: { id: sent.id }, body: { action: 'approve', version: sent.version } })
  const row = t.db.requests.find((r) => r.id === sent.id)!
  expect(row.status).toBe('done')
  return { t, id: sent.id, code: row.certificateCode! }
}

/** Opens the detail page as `who` (signing out whoever used this phone before). */
async function openDetail(t: T, who: string, id: string) {
  await openPageAs(t, who, RequestDetailPage, { params: { id }, readyWhen: '.rq-head' })
}

const status = () => Array.from(document.querySelectorAll('.rq-head .status-tag')).map((el) => el.textContent)
const chain = () =>
  Array.from(document.querySelectorAll('.rq-step')).map((el) => ({
    label: el.querySelector('.rq-step-label')?.textContent,
    holder: el.querySelector('.rq-step-body .muted')?.textContent,
    state: el.querySelector('.status-tag')?.textContent,
  }))
const barButtons = () => Array.from(document.querySelectorAll('.action-bar taro-button-core')).map((b) => b.textContent?.trim())

describe('申请 detail, the applicant', () => {
  it('sees 审批中, who holds the current step, the promise countdown, and 撤回 but not 同意', async () => {
    const { t, id } = await roomRequest()
    await openDetail(t, ME, id)
    const row = t.db.requests.find((r) => r.id === id)!

    expect(status()).toEqual(['审批中'])
    expect(screen.getByText('会议室预约')).toBeTruthy()
    expect(chain()).toEqual([{ label: '会议室管理员确认', holder: '袁静', state: '办理中' }])

    const timer = screen.getByRole('timer')
    // 会议室预约 promises 2 office hours: submitted Wednesday 10:00, due 12:00, all of it still left
    expect(formatTime(row.dueAt)).toBe('11-\u206025\u00a012:00')
    expect(timer.textContent).toBe('承诺时限 11-\u206025\u00a012:00 · 剩余 2 小时 0 分（工作时间）')

    expect(screen.getByText('数据共享工作推进会')).toBeTruthy()
    const slot = screen.getByText('11-26 14:00–15:00')
    expect(slot.className).toContain('nowrap') // the range never breaks inside itself
    expect(slot.parentElement?.textContent).toBe('区政府 1 号楼 502 小会议室 11-26 14:00–15:00')
    expect(screen.queryByText('联系电话')).toBeNull() // the phone is not shown back on the page

    expect(barButtons()).toEqual(['撤回'])
    expect(queryButtonsNamed('同意')).toHaveLength(0)
    expect(queryButtonsNamed('退回修改')).toHaveLength(0)
  })

  it('撤回 withdraws the request at once', async () => {
    const { t, id } = await roomRequest()
    await openDetail(t, ME, id)
    tap(buttonNamed('撤回'))
    await settle()
    expect(status()).toEqual(['已撤回'])
    expect(screen.queryByRole('timer')).toBeNull()
    expect(document.querySelector('.action-bar')).toBeNull()
    expect(t.db.requests.find((r) => r.id === id)!.status).toBe('withdrawn')
  })
})

describe('申请 detail, the approver', () => {
  it('the rooms’ owner sees 同意 / 退回修改 / 不同意 / 转办; 同意 finishes the request', async () => {
    const { t, id } = await roomRequest()
    await openDetail(t, ROOM_OWNER, id)
    expect(status()).toEqual(['审批中'])
    expect(barButtons()).toEqual(['同意', '退回修改', '不同意', '转办'])
    expect(queryButtonsNamed('撤回')).toHaveLength(0)

    tap(buttonNamed('同意'))
    expect(screen.getByText('审批意见（可不填）')).toBeTruthy()
    tap(screen.getByText('同意，请按规定使用。'))
    tap(buttonNamed('确定同意'))
    await settle()

    expect(status()).toEqual(['已办结'])
    expect(chain()).toEqual([{ label: '会议室管理员确认', holder: '袁静', state: '已同意' }])
    expect(screen.queryByRole('timer')).toBeNull()
    expect(screen.getByText(`办结于 ${formatTime(FIXED_NOW)}`, { normalizer: (t) => t.trim() })).toBeTruthy()
    expect(document.querySelector('.action-bar')).toBeNull()
    const row = t.db.requests.find((r) => r.id === id)!
    expect(row.status).toBe('done')
    expect(row.timeline.at(-1)).toMatchObject({ actorName: '袁静', note: '同意，请按规定使用。' })
    expect(fake.toasts).toEqual([])
  })

  it('退回修改 needs a reason: empty it says 请填写退回理由 and sends nothing; with one the request goes back', async () => {
    const { t, id } = await roomRequest()
    await openDetail(t, ROOM_OWNER, id)
    const calls = recordCalls(t)
    tap(buttonNamed('退回修改'))
    tap(buttonNamed('确定退回修改'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请填写退回理由')
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([])
    expect(t.db.requests.find((r) => r.id === id)!.status).toBe('pending')

    await typeInto(opinionBox(), '请注明是否需要视频会议设备')
    tap(buttonNamed('确定退回修改'))
    await settle()
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([`POST /api/v1/requests/${id}/actions`])
    expect(status()).toEqual(['退回修改'])
    expect(document.querySelector('.action-bar')).toBeNull()
    expect(t.db.requests.find((r) => r.id === id)!.status).toBe('returned')
  })

  it('转办 asks whom to hand it to (a colleague of the same unit) and the chain shows the new holder', async () => {
    const { t, id } = await roomRequest()
    await openDetail(t, ROOM_OWNER, id)
    const colleague = t.db.users.find((u) => u.id === 'u-staff-13')!
    tap(buttonNamed('转办'))
    tap(buttonNamed('确定转办'))
    await settle()
    const search = screen.getByLabelText('搜索人员')
    const box = await waitFor(() => {
      const el = search.querySelector('input')
      if (!el) throw new Error('the search box has not rendered its input yet')
      return el
    })
    fireEvent.input(box, { target: { value: colleague.name } })
    const item = await waitFor(
      () => {
        const found = Array.from(document.querySelectorAll('.picker-item')).find((el) => el.textContent?.includes(colleague.name))
        if (!found) throw new Error(`${colleague.name} is not listed yet`)
        return found
      },
      { timeout: 8000 },
    )
    tap(item)
    tap(buttonNamed('确定（已选 1 人）'))
    await settle()

    expect(fake.toasts).toEqual([`已转办给${colleague.name}`])
    expect(chain()).toEqual([{ label: '会议室管理员确认', holder: colleague.name, state: '办理中' }])
    expect(document.querySelector('.action-bar')).toBeNull() // no longer mine to decide
    const row = t.db.requests.find((r) => r.id === id)!
    expect(row.status).toBe('pending')
    expect(row.steps[0].holderId).toBe(colleague.id)
  })

  it('after a return, the applicant sees 修改后重新提交, which opens the form to edit', async () => {
    const { t, id } = await roomRequest()
    const row = t.db.requests.find((r) => r.id === id)!
    await t.ok(ROOM_OWNER, routes.requests.act, { params: { id }, body: { action: 'return', version: row.version, opinion: '请注明是否需要视频会议设备' } })

    await openDetail(t, ME, id)
    expect(status()).toEqual(['退回修改'])
    expect(barButtons()).toEqual(['修改后重新提交', '撤回'])
    expect(screen.getByText('请注明是否需要视频会议设备')).toBeTruthy() // the reason, in the timeline
    tap(buttonNamed('修改后重新提交'))
    await settle()
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/features/requests/pages/apply/index?id=${id}` }])
    expect(t.db.requests.find((r) => r.id === id)!.status).toBe('returned')
  })

  it('someone with no part in the request gets the not-found message, not the request', async () => {
    const { t, id } = await roomRequest()
    await openPageAs(t, 'u-handler-02', RequestDetailPage, { params: { id } })
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('打不开这一页'))
    expect(screen.getByRole('alert').textContent).toContain(errorCatalog.NOT_FOUND.message)
    expect(screen.queryByText('数据共享工作推进会')).toBeNull()
    expect(buttonNamed('返回')).toBeTruthy()
  })
})

describe('申请 detail, a finished 在职证明', () => {
  it('shows the certificate with its title, code and a masked ID number, never the full one', async () => {
    const { t, id, code } = await issuedCertificate()
    await openDetail(t, ME, id)
    expect(status()).toEqual(['已办结'])
    const card = screen.getByLabelText('在职证明')
    expect(within(card).getByText('在职证明')).toBeTruthy()
    expect(within(card).getByText(`核验码 ${code}`)).toBeTruthy()
    expect(card.textContent).toContain(`（身份证号 ${maskIdNumber(ID_NUMBER)}）`)
    expect(card.textContent).toContain('深圳市宝安区人力资源局')
    // issue #7: the certificate had no seal; the issuer's electronic seal sits over its name
    expect(within(card).getByRole('img', { name: '深圳市宝安区人力资源局证明专用章（电子印章）' }).textContent).toBe('★宝安区人力资源局证明专用章')
    expect(document.body.textContent).not.toContain(ID_NUMBER)
    expect(document.body.innerHTML).not.toContain(ID_NUMBER)

    tap(buttonNamed('复制核验码分享'))
    expect(fake.clipboard).toEqual([`在职证明 核验码 ${code}`])
    tap(buttonNamed('核验真伪'))
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/features/requests/pages/verify/index?code=${code}` }])
  })

  it('the approver does not get the applicant’s certificate', async () => {
    const { t, id } = await issuedCertificate()
    await openDetail(t, HR, id)
    expect(status()).toEqual(['已办结'])
    expect(screen.queryByText('电子证明')).toBeNull()
    expect(screen.queryByLabelText('在职证明')).toBeNull()
    expect(document.body.textContent).not.toContain(ID_NUMBER)
    expect(screen.queryByText('对这次办理满意吗？')).toBeNull()
  })

  it('the rating card asks for stars first, then sends them once however often it is tapped', async () => {
    const { t, id } = await issuedCertificate()
    await openDetail(t, ME, id)
    const calls = recordCalls(t)
    expect(screen.getByText('对这次办理满意吗？')).toBeTruthy()
    tap(buttonNamed('提交评价'))
    await settle()
    expect(fake.toasts).toEqual(['请选择评分（1–5 星）'])
    expect(calls).toEqual([])

    tap(screen.getByRole('radio', { name: '4 星' }))
    expect(screen.getByRole('radio', { name: '4 星' }).getAttribute('aria-checked')).toBe('true')
    const send = buttonNamed('提交评价')
    tap(send)
    tap(send)
    tap(send)
    await settle()
    expect(calls).toEqual([`POST /api/v1/requests/${id}/actions`])
    const row = t.db.requests.find((r) => r.id === id)!
    expect(row.rating).toEqual({ stars: 4, comment: null })
    expect(row.timeline.filter((e) => e.action.startsWith('评价'))).toHaveLength(1)
    expect(screen.queryByText('对这次办理满意吗？')).toBeNull()
    expect(screen.getByText('您的评价：★★★★')).toBeTruthy()
    expect(fake.toasts).toEqual(['请选择评分（1–5 星）', '谢谢您的评价'])
  })
})

describe('times read as one thing (issue #7: "12-03" / "03:48" at a line end)', () => {
  it('formatTime joins the date and the time with a no-break space', () => {
    expect(formatTime('2026-11-25T09:30:00+08:00', new Date('2026-11-25T10:00:00+08:00'))).toBe('11-\u206025\u00a009:30')
    expect(formatTime('2025-12-03T03:48:00+08:00', new Date('2026-11-25T10:00:00+08:00'))).toBe('2025-\u206012-\u206003\u00a003:48')
  })
})
