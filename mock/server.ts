/**
 * The mock BFF over HTTP: the contract's routes under /api/v1, the OpenAPI document, and the H5 builds
 * of both apps (so one port is the whole preview). Environment:
 *   MOCK_PORT (9527) · MOCK_HOST (127.0.0.1) · MOCK_LATENCY_MS · MOCK_FAILURE_RATE (0..1)
 *   MOCK_DATA_FILE (persist state as JSON, written atomically) · MOCK_PREVIEW=off (refuse preview sign-in)
 *   MOCK_NOW (ISO time: freeze the clock, for screenshots that do not change)
 *   VIDEO_PROVIDER (webrtc | trtc, for H5) · TRTC_SDK_APP_ID, TRTC_SECRET_KEY (sign TRTC UserSigs here)
 * It also serves the 视频调解 WebRTC signalling as a WebSocket at /api/v1/video/signal?ticket=….
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { createMockBff, type MockRequest, type MockResponse } from './app'
import type { Db } from './db'
import { createSeed } from './seed'
import { JSON_LIMITS, parseJsonLimited } from './lib/limits'
import { HttpError } from './lib/errors'
import { WebSocketServer } from 'ws'
import { attachSignalHub } from './handlers/video'
import type { SignalConn } from './lib/signal-hub'
import { configureVideo, SIGNAL_PATH, type VideoConfig } from './lib/video-ticket'
import { videoSettingsFromEnv } from './lib/trtc-sign'

const MAX_BODY = 12 * 1024 * 1024
const root = path.resolve(__dirname, '..')
const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

export interface ServerOptions {
  port?: number
  host?: string
  latencyMs?: number
  failureRate?: number
  dataFile?: string
  preview?: boolean
  now?: () => Date
  quiet?: boolean
  /** 视频调解: provider and TRTC signer (default: from the environment) */
  video?: Partial<Pick<VideoConfig, 'h5Provider' | 'trtc'>>
}

function loadDb(dataFile: string | undefined, now: Date): Db {
  if (dataFile && fs.existsSync(dataFile)) {
    try {
      return JSON.parse(fs.readFileSync(dataFile, 'utf8')) as Db
    } catch (err) {
      console.warn(`[mock-bff] ${dataFile} is unreadable (${(err as Error).message}); starting from the seed`)
    }
  }
  return createSeed(now)
}

function saveDb(dataFile: string, db: Db) {
  const tmp = `${dataFile}.${process.pid}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(db))
  fs.renameSync(tmp, dataFile)
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => resolve(size > MAX_BODY ? 'too-large' : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

async function toMockRequest(req: http.IncomingMessage, raw: Buffer | 'too-large'): Promise<MockRequest> {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]))
  const out: MockRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers, remoteAddress: req.socket.remoteAddress }
  const type = headers['content-type'] ?? ''
  if (raw === 'too-large') {
    out.bodyRefused = 'too-large'
    return out
  }
  if (!raw.length) return out
  if (type.startsWith('multipart/form-data')) {
    try {
      const form = await new Request('http://mock.local/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData()
      const file = form.get('file')
      if (file && typeof file !== 'string') {
        out.file = { name: file.name, mime: file.type || 'application/octet-stream', data: new Uint8Array(await file.arrayBuffer()) }
      }
      const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'))
      out.body = Object.keys(fields).length ? fields : undefined
    } catch {
      out.malformedBody = true
    }
    return out
  }
  if (raw.length > JSON_LIMITS.maxBytes * 3) {
    out.bodyRefused = 'too-complex'
    return out
  }
  try {
    out.body = parseJsonLimited(raw.toString('utf8'))
  } catch (err) {
    if (err instanceof HttpError) out.bodyRefused = 'too-complex'
    else out.malformedBody = true
  }
  return out
}

const errorJson = (status: number, code: string, message: string) => ({ status, headers: {}, body: { code, message, requestId: 'req-server' } })

function send(res: http.ServerResponse, r: MockResponse) {
  const cors = corsHeaders()
  if (r.binary) {
    res.writeHead(r.status, {
      ...cors,
      ...r.headers,
      'content-type': r.binary.mime,
      'content-length': r.binary.data.length,
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(r.binary.name)}`,
    })
    res.end(Buffer.from(r.binary.data))
    return
  }
  const body = JSON.stringify(r.body)
  res.writeHead(r.status, { ...cors, ...r.headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(body)
}

function corsHeaders() {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type, idempotency-key',
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-expose-headers': 'x-request-id, idempotent-replayed, x-server-time',
  }
}

/** Compressed copies of the H5 files, made once per file version (the preview serves a fixed build). */
const compressed = new Map<string, Buffer>()

function compressedFile(file: string, encoding: 'br' | 'gzip'): Buffer {
  const st = fs.statSync(file)
  const key = `${encoding}:${file}:${st.mtimeMs}:${st.size}`
  let out = compressed.get(key)
  if (!out) {
    const raw = fs.readFileSync(file)
    out = encoding === 'br' ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }) : zlib.gzipSync(raw, { level: 9 })
    compressed.set(key, out)
  }
  return out
}

/**
 * The H5 previews: text files compressed (brotli, else gzip), hashed assets cached for a year (their
 * name changes with their content), index.html revalidated on every load so a new build shows at once.
 */
function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): boolean {
  const m = /^\/(staff|resident)(\/.*)?$/.exec(urlPath)
  if (!m) return false
  let rel: string
  try {
    rel = decodeURIComponent(m[2] ?? '/')
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('地址格式不对')
    return true
  }
  const dir = path.join(root, 'dist', `h5-${m[1]}`)
  if (!fs.existsSync(dir)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(`H5 ${m[1]} 尚未构建：请先运行 npm run build:h5:${m[1]}`)
    return true
  }
  if (rel === '/' || rel === '') rel = '/index.html'
  const file = path.normalize(path.join(dir, rel))
  const target = file.startsWith(dir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dir, 'index.html')
  const ext = path.extname(target)
  const hashed = /[.-][0-9a-f]{8,}\.(js|css)$/.test(target)
  const headers: http.OutgoingHttpHeaders = {
    'content-type': mime[ext] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  }
  const accepts = String(req.headers['accept-encoding'] ?? '')
  const encoding = /\.(js|css|html|json|svg|txt)$/.test(target) ? (/\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null) : null
  if (encoding) {
    const body = compressedFile(target, encoding)
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length })
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }
  res.writeHead(200, headers)
  fs.createReadStream(target).pipe(res)
  return true
}

const landing = `<!doctype html><meta charset="utf-8"><title>一端畅联 · 预览</title>
<body style="font:16px system-ui;margin:2em"><h1>一端畅联 · 本地预览</h1>
<p><a href="/staff/">工作台（企业微信端）</a></p><p><a href="/resident/">群众端（微信端）</a></p>
<p><a href="/api/openapi.json">BFF 接口契约（OpenAPI 3.1）</a></p></body>`

export function startServer(opts: ServerOptions = {}) {
  const baseNow = opts.now ?? (() => new Date())
  // /__mock/clock moves the clock for a journey (a message sent at 20:00, the next morning's digest); reset puts it back
  let movedTo: Date | null = null
  const now = () => movedTo ?? baseNow()
  const db = loadDb(opts.dataFile, now())
  const bff = createMockBff({
    db,
    now,
    preview: opts.preview ?? true,
    latencyMs: opts.latencyMs ?? 0,
    failureRate: opts.failureRate ?? 0,
    onChange: opts.dataFile ? (d) => saveDb(opts.dataFile!, d) : undefined,
  })

  const favicon = fs.readFileSync(path.join(root, 'src', 'assets', 'favicon.png'))
  const server = http.createServer(async (req, res) => {
    const urlPath = (req.url ?? '/').split('?')[0]
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, corsHeaders())
        res.end()
        return
      }
      if (urlPath === '/favicon.ico' || urlPath === '/staff/favicon.ico' || urlPath === '/resident/favicon.ico') {
        // browsers ask for it whatever the page says; answer with the app's mark rather than a 404
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' })
        res.end(favicon)
        return
      }
      if (urlPath === '/api/openapi.json') {
        res.writeHead(200, { ...corsHeaders(), 'content-type': 'application/json; charset=utf-8' })
        fs.createReadStream(path.join(root, 'src', 'contract', 'openapi.json')).pipe(res)
        return
      }
      if (urlPath.startsWith('/__mock/')) {
        // Test controls: reseed, or change the weather (latency, failures) without a restart. They exist
        // only in preview, and only for this machine: to anyone else they are a path that is not there.
        if (!bff.settings.preview || !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
          send(res, errorJson(404, 'NOT_FOUND', '接口不存在'))
          return
        }
        const raw = await readBody(req)
        let body: Record<string, unknown> = {}
        try {
          if (raw === 'too-large') throw new Error('too large')
          if (raw.length) body = parseJsonLimited(raw.toString('utf8')) as Record<string, unknown>
          if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object')
        } catch {
          send(res, errorJson(400, 'BAD_REQUEST', '提交的内容格式不对'))
          return
        }
        if (urlPath === '/__mock/reset' && req.method === 'POST') {
          movedTo = null
          // tables a mechanism adds lazily (notifications) go too: the fresh seed has none of them
          const fresh = createSeed(now())
          for (const k of Object.keys(bff.db)) if (!(k in fresh)) delete (bff.db as unknown as Record<string, unknown>)[k]
          Object.assign(bff.db, fresh)
          // the rate windows go with it: under a frozen clock (the e2e run) they would otherwise never end
          bff.resetLimits()
        } else if (urlPath === '/__mock/clock' && req.method === 'POST') {
          const at = body.now
          if (at !== null && !(typeof at === 'string' && at.length <= 40 && !Number.isNaN(Date.parse(at)))) return send(res, errorJson(400, 'BAD_REQUEST', '「时间」应为 ISO 时间或 null'))
          movedTo = at === null ? null : new Date(at)
        } else if (urlPath === '/__mock/settings' && req.method === 'POST') {
          const rate = body.failureRate
          const latency = body.latencyMs
          if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1)) return send(res, errorJson(400, 'BAD_REQUEST', '「失败率」应为 0 到 1 之间的数'))
          if (latency !== undefined && !(typeof latency === 'number' && latency >= 0 && latency <= 60_000)) return send(res, errorJson(400, 'BAD_REQUEST', '「延迟」应为 0 到 60000 毫秒'))
          if (typeof rate === 'number') bff.settings.failureRate = rate
          if (typeof latency === 'number') bff.settings.latencyMs = latency
        } else if (urlPath !== '/__mock/settings') {
          send(res, errorJson(404, 'NOT_FOUND', '接口不存在'))
          return
        }
        send(res, { status: 200, headers: {}, body: { ...bff.settings } })
        return
      }
      if (urlPath.startsWith('/api/')) {
        send(res, await bff.handle(await toMockRequest(req, await readBody(req))))
        return
      }
      if (serveStatic(req, res, urlPath)) return
      if (urlPath === '/' || urlPath === '/index.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end(landing)
        return
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('未找到')
    } catch (err) {
      console.error('[mock-bff]', err)
      if (!res.headersSent) send(res, { status: 500, headers: {}, body: { code: 'INTERNAL', message: '系统开小差了，请稍后重试', requestId: 'req-server' } })
    }
  })

  // 视频调解's signalling: a WebSocket on this same server, opened with a room ticket
  configureVideo({ signalPath: SIGNAL_PATH, ...videoSettingsFromEnv(process.env), ...opts.video })
  const hub = attachSignalHub(bff.db, now)
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', 'http://x')
    if (u.pathname !== SIGNAL_PATH) {
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: SignalConn = {
        send: (m) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m))
        },
        close: (code, reason) => ws.close(code, reason),
      }
      ws.on('message', (data) => hub.receive(conn, data.toString()))
      ws.on('close', () => hub.disconnected(conn))
      ws.on('error', () => hub.disconnected(conn))
      hub.connect(conn, u.searchParams.get('ticket') ?? '', u.searchParams.get('caseId') ?? undefined)
    })
  })
  server.on('close', () => wss.clients.forEach((c) => c.terminate()))

  const port = opts.port ?? 9527
  const host = opts.host ?? '127.0.0.1'
  return new Promise<{ server: http.Server; bff: typeof bff; url: string; hub: typeof hub }>((resolve) => {
    server.listen(port, host, () => {
      const addr = server.address()
      const actual = typeof addr === 'object' && addr ? addr.port : port
      const url = `http://${host}:${actual}`
      if (!opts.quiet) console.log(`[mock-bff] listening on ${url} (preview sign-in ${bff.settings.preview ? 'on' : 'off'})`)
      resolve({ server, bff, url, hub })
    })
  })
}

if (require.main === module) {
  const env = process.env
  const frozen = env.MOCK_NOW ? new Date(env.MOCK_NOW) : null
  void startServer({
    port: Number(env.MOCK_PORT ?? 9527),
    host: env.MOCK_HOST ?? '127.0.0.1',
    latencyMs: Number(env.MOCK_LATENCY_MS ?? 0),
    failureRate: Number(env.MOCK_FAILURE_RATE ?? 0),
    dataFile: env.MOCK_DATA_FILE || undefined,
    preview: env.MOCK_PREVIEW !== 'off',
    now: frozen ? () => frozen : undefined,
  })
}
