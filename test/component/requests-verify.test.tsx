import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { routes } from '../../src/contract/routes'
import { StoreProvider } from '../../src/core/store-context'
import VerifyPage from '../../src/features/requests/pages/verify/index'
import { FIXED_NOW, testRootStore } from '../support/bff'
import { fake } from '../support/taro-fake'
import { buttonNamed, pinDateToMockClock, recordCalls, settle, tap } from './dom'

const HOLDER = 'u-handler-01'
type T = ReturnType<typeof testRootStore>

pinDateToMockClock(FIXED_NOW)
beforeEach(() => fake.reset())

/** 梁嘉豪 gets an employment certificate issued by 人事; the phone that checks it is signed in as nobody. */
async function withCertificate() {
  const t = testRootStore()
  const sent = await t.ok(HOLDER, routes.requests.submit, { body: { itemId: 'employment-cert', values: { purpose: '办理签证' } } })
  await t.ok('u-hr-01', routes.requests.act, { params: { id: sent.id }, body: { action: 'approve', version: sent.version } })
  const code = t.db.requests.find((r) => r.id === sent.id)!.certificateCode
  if (!code) throw new Error('the certificate should have been issued')
  return { t, code }
}


async function openVerify(t: T, code?: string) {
  fake.router.params = code === undefined ? {} : { code }
  render(
    <StoreProvider store={t.root}>
      <VerifyPage />
    </StoreProvider>,
  )
  await settle()
}

async function typeCode(value: string) {
  const host = screen.getByLabelText('核验码')
  const inner = await waitFor(() => {
    const el = host.querySelector('input')
    if (!el) throw new Error('the 核验码 box has not rendered its input yet')
    return el
  })
  fireEvent.input(inner, { target: { value } })
}

describe('证明核验, no sign-in', () => {
  it('a real code from the link says 证明真实有效, with the holder’s name masked', async () => {
    const { t, code } = await withCertificate()
    expect(t.root.session.signedIn).toBe(false)
    const calls = recordCalls(t)
    await openVerify(t, code)
    await waitFor(() => expect(screen.getByRole('status')).toBeTruthy())
    const verdict = screen.getByRole('status')
    expect(verdict.textContent).toContain('✓ 证明真实有效')
    expect(verdict.textContent).toContain('在职证明 · 持有人 梁**')
    expect(verdict.textContent).toContain('深圳市宝安区人力资源局 于 11-\u206025\u00a010:00 开具')
    expect(document.body.textContent).not.toContain('梁嘉豪')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(calls).toEqual([`GET /api/v1/certificates/${code}`])
    expect(fake.navigations).toEqual([]) // never sent to a sign-in page
  })

  it('a malformed code after a good one shows only the error, not the previous ✓ card (issue #7)', async () => {
    const { t, code } = await withCertificate()
    await openVerify(t, code)
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('证明真实有效'))
    await typeCode('12')
    tap(buttonNamed('核验'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请输入证明上的核验码（字母和数字）')
    expect(screen.queryByRole('status')).toBeNull()
    expect(document.body.textContent).not.toContain('证明真实有效')
  })

  it('a code typed in lower case is checked as the printed upper-case code', async () => {
    const { t, code } = await withCertificate()
    await openVerify(t)
    await typeCode(` ${code.toLowerCase()} `)
    tap(buttonNamed('核验'))
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('证明真实有效'))
  })

  it('a wrong code says, in Chinese, that nothing was found and the certificate may be forged', async () => {
    const { t } = await withCertificate()
    await openVerify(t, 'ABCDEF123456')
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy())
    expect(screen.getByRole('alert').textContent).toBe('没有查到这个核验码，证明可能是伪造的，请向开具单位核实')
    expect(screen.queryByRole('status')).toBeNull()
    expect(screen.queryByText(/证明真实有效/)).toBeNull()
  })

  it('a malformed code is refused on the page, before any call', async () => {
    const { t, code } = await withCertificate()
    const calls = recordCalls(t)
    await openVerify(t, 'AB-12<script>')
    expect(screen.getByRole('alert').textContent).toBe('请输入证明上的核验码（字母和数字）')
    await typeCode('12345')
    tap(buttonNamed('核验'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请输入证明上的核验码（字母和数字）')
    expect(calls).toEqual([])
    expect(screen.queryByRole('status')).toBeNull()

    // corrected, it goes through and the complaint goes
    await typeCode(code)
    tap(buttonNamed('核验'))
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('证明真实有效'))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(calls).toEqual([`GET /api/v1/certificates/${code}`])
  })
})
