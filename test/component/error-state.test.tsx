import { render, screen } from '@testing-library/react'
import { ErrorState } from '../../src/components/error-state'
import { ApiError } from '../../src/core/errors'
import { fake } from '../support/taro-fake'
import { buttonNamed, queryButtonsNamed, tap } from './dom'

beforeEach(() => fake.reset())

describe('ErrorState', () => {
  it('offers 重新加载 when trying again can help (the network, the server)', () => {
    let retried = 0
    render(<ErrorState error={ApiError.network()} onRetry={() => retried++} />)
    expect(screen.getByRole('alert').textContent).toContain('没有加载出来')
    tap(buttonNamed('重新加载'))
    expect(retried).toBe(1)
  })

  it.each([
    ['FORBIDDEN', '您没有权限进行此操作', 403],
    ['NOT_FOUND', '该事项不存在，或您无权查看', 404],
  ] as const)('on %s says so and offers the way back, not a reload that would fail the same way', (code, message, status) => {
    let retried = 0
    render(<ErrorState error={new ApiError(code, message, status)} onRetry={() => retried++} />)
    expect(screen.getByRole('alert').textContent).toContain('打不开这一页')
    expect(screen.getByRole('alert').textContent).toContain(message)
    expect(queryButtonsNamed('重新加载')).toHaveLength(0)
    tap(buttonNamed('返回'))
    expect(retried).toBe(0)
    // opened on its own (a shared link), there is no page to go back to: the home page
    expect(fake.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/features/workbench/pages/index/index' })
  })
})
