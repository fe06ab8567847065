import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ActionBar } from '../../src/components/action-bar'

it('smoke', async () => {
  const onAction = jest.fn(async () => undefined)
  render(<ActionBar actions={[{ key: 'read', label: '已阅', opinion: 'required', opinionLabel: '阅知意见', style: 'primary' }]} phrases={['已阅。']} onAction={onAction} />)
  fireEvent.click(screen.getByText('已阅'))
  await new Promise((r) => setTimeout(r, 50))
  console.log(document.body.innerHTML.slice(0, 6000))
})
