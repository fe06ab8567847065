import { Canvas, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { MAX_SIGNATURE_CHARS } from '../contract/common'
import { drawStrokes, extendStroke, hasInk, pointOf, startStroke, type InkContext, type Stroke } from './signature-strokes'
import { FieldError } from './field-error'

interface Surface {
  ctx: InkContext
  width: number
  height: number
  /** H5: the <canvas> element; weapp: the canvas node from the selector query */
  canvas: unknown
}

interface TouchEventLike {
  pointerId?: number
  pointerType?: string
  touches?: ArrayLike<{ x?: number; y?: number; clientX?: number; clientY?: number }>
  changedTouches?: ArrayLike<{ x?: number; y?: number; clientX?: number; clientY?: number }>
  clientX?: number
  clientY?: number
  currentTarget?: unknown
  preventDefault?: () => void
}

let padSeq = 0
const isH5 = () => process.env.TARO_ENV === 'h5'

function h5Surface(id: string): Surface | null {
  const host = document.getElementById(id)
  const canvas = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null
  if (!canvas) return null
  const rect = canvas.getBoundingClientRect()
  // the H5 <Canvas> sizes its backing store from the computed style once; follow the box it really has
  if (rect.width > 0 && (canvas.width !== Math.round(rect.width) || canvas.height !== Math.round(rect.height))) {
    canvas.width = Math.round(rect.width)
    canvas.height = Math.round(rect.height)
  }
  const ctx = canvas.getContext('2d') as unknown as InkContext | null
  if (!ctx) return null
  return { ctx, width: canvas.width, height: canvas.height, canvas }
}

/** What was drawn is really on the canvas (not only in memory): some visible pixels. */
function canvasHasInk(canvas: HTMLCanvasElement): boolean {
  const data = canvas.getContext('2d')?.getImageData?.(0, 0, canvas.width, canvas.height)?.data
  if (!data) return true // no pixel access (a test's stand-in canvas): the server checks the PNG anyway
  let n = 0
  for (let i = 3; i < data.length; i += 4) if (data[i] > 64 && ++n >= 30) return true
  return false
}

function weappSurface(id: string): Promise<Surface | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: { width: number; height: number; getContext(t: '2d'): InkContext & { scale(x: number, y: number): void } }; width: number; height: number }[]) => {
        const hit = res?.[0]
        if (!hit?.node) return resolve(null)
        // sharp on a retina phone, but capped: the PNG must stay well under the server's size limit
        const dpr = Math.min(2, Taro.getSystemInfoSync().pixelRatio || 1)
        hit.node.width = hit.width * dpr
        hit.node.height = hit.height * dpr
        const ctx = hit.node.getContext('2d')
        ctx.scale(dpr, dpr)
        resolve({ ctx, width: hit.width, height: hit.height, canvas: hit.node })
      })
  })
}

function weappExport(canvas: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.canvasToTempFilePath({
      canvas: canvas as never,
      fileType: 'png',
      success: ({ tempFilePath }) =>
        Taro.getFileSystemManager().readFile({
          filePath: tempFilePath,
          encoding: 'base64',
          success: ({ data }) => resolve(`data:image/png;base64,${String(data)}`),
          fail: reject,
        }),
      fail: reject,
    })
  })
}

interface PadProps {
  /** receives the signature as a PNG data URL; the pad stays busy until it settles */
  onConfirm(dataUrl: string): void | Promise<void>
  confirmLabel?: string
  /** the words above the pad: whose signature, for what */
  hint?: string
}

/**
 * 手写签名: the finger (or the mouse on a PC) draws on a canvas; 清除 starts again, 确定 hands back a PNG.
 * The strokes live in memory as points, so "is there a signature" never depends on reading pixels back —
 * which also keeps the pad testable where no real canvas exists.
 */
export function SignaturePad({ onConfirm, confirmLabel = '确定', hint = '请在框内手写签名' }: PadProps) {
  const id = useMemo(() => `signature-pad-${++padSeq}`, [])
  const strokes = useRef<Stroke[]>([])
  const surface = useRef<Surface | null>(null)
  const origin = useRef({ left: 0, top: 0 })
  const drawing = useRef(false)
  // a browser with pointer events also sends touch and mouse events for the same hand: once a pointer
  // event has been seen, those are echoes
  const sawPointer = useRef(false)
  const [inked, setInked] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const repaint = () => {
    const s = surface.current
    if (s) drawStrokes(s.ctx, strokes.current, s)
  }

  const ensureSurface = () => {
    if (surface.current) return
    if (isH5()) {
      surface.current = h5Surface(id)
      return
    }
    void weappSurface(id).then((s) => {
      surface.current = s
      repaint()
    })
  }

  useEffect(() => {
    // the canvas inside a sheet appears a moment after the sheet: look once it is there
    const timer = setTimeout(ensureSurface, 300)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const firstPoint = (e: TouchEventLike) => {
    const t = e.touches?.[0] ?? e.changedTouches?.[0] ?? e
    // a DOM MouseEvent/PointerEvent also has x/y, which are clientX/clientY, not canvas coordinates
    // (React's synthetic events hide them, Preact hands over the native event): in H5 only client
    // coordinates count
    return pointOf(isH5() ? { clientX: t.clientX, clientY: t.clientY } : t, origin.current)
  }

  const begin = (e: TouchEventLike) => {
    if (busy) return
    e.preventDefault?.()
    ensureSurface()
    const el = e.currentTarget as { getBoundingClientRect?: () => { left: number; top: number } } | undefined
    if (el?.getBoundingClientRect) {
      const r = el.getBoundingClientRect()
      origin.current = { left: r.left, top: r.top }
    }
    const p = firstPoint(e)
    if (!p) return
    drawing.current = true
    strokes.current = startStroke(strokes.current, p)
    setProblem(null)
    repaint()
  }

  const move = (e: TouchEventLike) => {
    if (!drawing.current) return
    e.preventDefault?.()
    const p = firstPoint(e)
    if (!p) return
    strokes.current = extendStroke(strokes.current, p)
    repaint()
    if (!inked && hasInk(strokes.current)) setInked(true)
  }

  const end = () => {
    drawing.current = false
    setInked(hasInk(strokes.current))
  }

  const pointerDown = (e: TouchEventLike & { currentTarget: EventTarget & { setPointerCapture?(id: number): void } }) => {
    sawPointer.current = true
    // keep the stroke when the pen leaves the box mid-signature
    if (typeof e.pointerId === 'number') e.currentTarget.setPointerCapture?.(e.pointerId)
    begin(e)
  }
  const echo = <E,>(fn: (e: E) => void) => (e: E) => {
    if (!sawPointer.current) fn(e)
  }

  const clear = () => {
    if (busy) return
    strokes.current = []
    drawing.current = false
    setInked(false)
    setProblem(null)
    repaint()
  }

  async function toDataUrl(): Promise<string> {
    ensureSurface()
    const s = surface.current
    if (isH5()) {
      const canvas = s?.canvas as HTMLCanvasElement | undefined
      if (!canvas) throw new Error('no canvas')
      repaint()
      if (!canvasHasInk(canvas)) throw new Error('the canvas is blank')
      return canvas.toDataURL('image/png')
    }
    if (!s) throw new Error('no canvas')
    return weappExport(s.canvas)
  }

  async function confirm() {
    if (busy) return
    if (!hasInk(strokes.current)) {
      setProblem('请先签名')
      return
    }
    setBusy(true)
    try {
      let url: string
      try {
        url = await toDataUrl()
      } catch {
        setProblem('签名没有保存成功，请清除后重新签')
        return
      }
      if (!url.startsWith('data:image/png;base64,')) {
        setProblem('签名没有保存成功，请清除后重新签')
        return
      }
      if (url.length > MAX_SIGNATURE_CHARS) {
        setProblem('签名太大，请清除后签得小一些')
        return
      }
      await onConfirm(url)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="signature-pad">
      <Text className="muted">{hint}</Text>
      <View className={`signature-pad-box ${inked ? 'is-inked' : ''}`} aria-label="签名区域" data-inked={inked ? 'yes' : 'no'}>
        {!inked ? <Text className="signature-pad-placeholder" aria-hidden>签名区</Text> : null}
        {isH5() ? (
          // H5: a plain <canvas>. Taro's H5 <Canvas> resets its bitmap (width/height) on every re-render of
          // its own, which wiped the ink drawn with the mouse (issue #7). Pointer events serve the mouse, a pen
          // and a finger alike; touch and mouse handlers stay for browsers without them.
          <canvas
            id={id}
            className="signature-pad-canvas"
            onPointerDown={(e) => pointerDown(e as unknown as Parameters<typeof pointerDown>[0])}
            onPointerMove={(e) => move(e as unknown as TouchEventLike)}
            onPointerUp={end}
            onPointerCancel={end}
            onTouchStart={echo((e) => begin(e as unknown as TouchEventLike))}
            onTouchMove={echo((e) => move(e as unknown as TouchEventLike))}
            onTouchEnd={echo(end)}
            onTouchCancel={echo(end)}
            onMouseDown={echo((e) => begin(e as unknown as TouchEventLike))}
            onMouseMove={echo((e) => move(e as unknown as TouchEventLike))}
            onMouseUp={echo(end)}
            onMouseLeave={echo(end)}
          />
        ) : (
          <Canvas
            type="2d"
            id={id}
            canvasId={id}
            className="signature-pad-canvas"
            disableScroll
            onTouchStart={(e) => begin(e as unknown as TouchEventLike)}
            onTouchMove={(e) => move(e as unknown as TouchEventLike)}
            onTouchEnd={end}
            onTouchCancel={end}
          />
        )}
      </View>
      <FieldError message={problem} />
      <View className="row signature-pad-actions">
        <Button className="signature-pad-button" disabled={busy} onClick={clear}>
          清除
        </Button>
        <Button className="signature-pad-button" type="primary" loading={busy} disabled={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </Button>
      </View>
    </View>
  )
}

interface SheetProps extends PadProps {
  visible: boolean
  title?: string
  onClose(): void
}

/** The pad in a bottom sheet, as 签发 and 批示 open it; a fresh pad each time it opens. */
export function SignatureSheet({ visible, title = '手写签名', onClose, ...pad }: SheetProps) {
  return (
    <Popup visible={visible} position="bottom" round closeable title={title} onClose={onClose} destroyOnClose>
      {visible ? <SignaturePad {...pad} /> : null}
    </Popup>
  )
}
