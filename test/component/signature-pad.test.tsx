import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { SignaturePad, SignatureSheet } from '../../src/components/signature-pad'
import { MAX_SIGNATURE_CHARS } from '../../src/contract/common'
import { fake } from '../support/taro-fake'
import { buttonNamed, settle, tap } from './dom'
import { drawOnPad, fakeH5CanvasEachTest, padCanvas, padInked, tapPad } from './signature'

beforeEach(() => fake.reset())
// jsdom stands in for the browser: the pad takes its H5 path (DOM canvas, toDataURL)
const canvas = fakeH5CanvasEachTest()

describe('SignaturePad', () => {
  it('确定 on an empty pad says 请先签名 and hands nothing back', async () => {
    const onConfirm = jest.fn()
    render(<SignaturePad onConfirm={onConfirm} />)
    tap(buttonNamed('确定'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请先签名')
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('a stray tap is not a signature', async () => {
    const onConfirm = jest.fn()
    render(<SignaturePad onConfirm={onConfirm} />)
    await tapPad()
    expect(padInked()).toBe(false)
    tap(buttonNamed('确定'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请先签名')
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('a written signature is drawn on the canvas and handed back as a PNG data URL', async () => {
    const onConfirm = jest.fn()
    render(<SignaturePad onConfirm={onConfirm} confirmLabel="确定签发" />)
    expect(screen.getByText('签名区')).toBeTruthy()
    await drawOnPad()
    expect(padInked()).toBe(true)
    expect(screen.queryByText('签名区')).toBeNull()
    // the ink really went to the canvas, as curves
    expect(canvas.calls).toContain('moveTo')
    expect(canvas.calls).toContain('quadraticCurveTo')
    expect(canvas.calls).toContain('stroke')
    tap(buttonNamed('确定签发'))
    await settle()
    expect(onConfirm).toHaveBeenCalledTimes(1)
    expect(onConfirm.mock.calls[0][0] === canvas.png).toBe(true)
    expect(onConfirm.mock.calls[0][0]).toMatch(/^data:image\/png;base64,/)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('the alert goes away once the person starts writing', async () => {
    render(<SignaturePad onConfirm={jest.fn()} />)
    tap(buttonNamed('确定'))
    expect(screen.getByRole('alert').textContent).toBe('请先签名')
    await drawOnPad()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('清除 wipes the pad: it is empty again and 确定 refuses', async () => {
    const onConfirm = jest.fn()
    render(<SignaturePad onConfirm={onConfirm} />)
    await drawOnPad()
    expect(padInked()).toBe(true)
    canvas.calls.length = 0
    tap(buttonNamed('清除'))
    expect(padInked()).toBe(false)
    expect(canvas.calls).toContain('clearRect')
    expect(canvas.calls).not.toContain('stroke')
    tap(buttonNamed('确定'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('请先签名')
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('a double tap on 确定 hands the signature back once', async () => {
    let release!: () => void
    const onConfirm = jest.fn(() => new Promise<void>((r) => (release = r)))
    render(<SignaturePad onConfirm={onConfirm} />)
    await drawOnPad()
    tap(buttonNamed('确定'))
    await settle(1)
    tap(buttonNamed('确定'))
    await settle(1)
    expect(onConfirm).toHaveBeenCalledTimes(1)
    release()
    await settle()
  })

  it('a signature too big for the server is refused here, with what to do', async () => {
    canvas.exportAs(`data:image/png;base64,${'A'.repeat(MAX_SIGNATURE_CHARS)}`)
    const onConfirm = jest.fn()
    render(<SignaturePad onConfirm={onConfirm} />)
    await drawOnPad()
    tap(buttonNamed('确定'))
    await settle()
    expect(screen.getByRole('alert').textContent).toBe('签名太大，请清除后签得小一些')
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('the mouse draws too (H5 on a PC)', async () => {
    const onConfirm = jest.fn()
    render(<SignaturePad onConfirm={onConfirm} />)
    const host = await padCanvas()
    fireEvent.mouseDown(host, { clientX: 10, clientY: 10 })
    for (let i = 1; i < 8; i++) fireEvent.mouseMove(host, { clientX: 10 + i * 6, clientY: 10 + i * 3 })
    fireEvent.mouseUp(host)
    expect(padInked()).toBe(true)
    tap(buttonNamed('确定'))
    await settle()
    expect(screen.queryByRole('alert')?.textContent).toBeUndefined()
    expect(onConfirm.mock.calls[0]?.[0] === canvas.png).toBe(true)
  })
})

describe('SignaturePad with pointer events (issue #7: a mouse left no ink and 确定签发 took a blank)', () => {
  // jsdom has no PointerEvent: a MouseEvent with the pointer's id and type stands in, as Chromium sends it
  const had = (window as { PointerEvent?: unknown }).PointerEvent
  beforeAll(() => {
    class FakePointerEvent extends MouseEvent {
      pointerId: number
      pointerType: string
      constructor(type: string, init: MouseEventInit & { pointerId?: number; pointerType?: string } = {}) {
        super(type, init)
        this.pointerId = init.pointerId ?? 1
        this.pointerType = init.pointerType ?? 'mouse'
      }
    }
    ;(window as { PointerEvent?: unknown }).PointerEvent = FakePointerEvent
  })
  afterAll(() => {
    ;(window as { PointerEvent?: unknown }).PointerEvent = had
  })

  it("draws on a plain <canvas> in H5: Taro's <Canvas> resets its bitmap whenever it re-renders", async () => {
    render(<SignaturePad onConfirm={jest.fn()} />)
    const c = await padCanvas()
    expect(c.tagName).toBe('CANVAS')
    expect(c.closest('taro-canvas-core')).toBeNull()
  })

  it('a mouse or a pen draws through pointer events, and the touch/mouse echoes do not draw twice', async () => {
    const onConfirm = jest.fn()
    render(<SignaturePad onConfirm={onConfirm} />)
    const c = await padCanvas()
    fireEvent.pointerDown(c, { pointerId: 1, pointerType: 'mouse', clientX: 10, clientY: 10 })
    fireEvent.mouseDown(c, { clientX: 10, clientY: 10 })
    for (let i = 1; i < 8; i++) {
      fireEvent.pointerMove(c, { pointerId: 1, pointerType: 'mouse', clientX: 10 + i * 6, clientY: 10 + i * 3 })
      fireEvent.mouseMove(c, { clientX: 10 + i * 6, clientY: 10 + i * 3 })
    }
    fireEvent.pointerUp(c, { pointerId: 1, pointerType: 'mouse' })
    expect(padInked()).toBe(true)
    // one stroke began, not two
    expect(canvas.calls.filter((x) => x === 'beginPath').length).toBeGreaterThan(0)
    const lastPaint = canvas.calls.lastIndexOf('clearRect')
    expect(canvas.calls.slice(lastPaint).filter((x) => x === 'beginPath')).toHaveLength(1)
    tap(buttonNamed('确定'))
    await settle()
    expect(onConfirm.mock.calls[0]?.[0] === canvas.png).toBe(true)
  })
})

describe('SignatureSheet', () => {
  it('opens as a sheet with its title; each opening starts with an empty pad', async () => {
    const onConfirm = jest.fn()
    const { rerender } = render(<SignatureSheet visible title="签发：手写签名" onClose={jest.fn()} onConfirm={onConfirm} />)
    await waitFor(() => expect(screen.getByText('签发：手写签名')).toBeTruthy())
    await drawOnPad()
    expect(padInked()).toBe(true)
    rerender(<SignatureSheet visible={false} title="签发：手写签名" onClose={jest.fn()} onConfirm={onConfirm} />)
    rerender(<SignatureSheet visible title="签发：手写签名" onClose={jest.fn()} onConfirm={onConfirm} />)
    await waitFor(() => expect(document.querySelector('.signature-pad-box')).not.toBeNull())
    expect(padInked()).toBe(false)
  })
})
