import { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import type { MockBff } from './app'
import { HttpError } from './lib/errors'
import { parseJsonLimited } from './lib/limits'

/** A Blob's bytes; older Blob implementations (jsdom's) have FileReader but no arrayBuffer(). */
function bytesOf(b: Blob): Promise<Uint8Array> {
  if (typeof b.arrayBuffer === 'function') return b.arrayBuffer().then((x) => new Uint8Array(x))
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer))
    r.onerror = () => reject(r.error)
    r.readAsArrayBuffer(b)
  })
}

/**
 * The mock BFF in-process, as an axios adapter: unit tests and a phone preview with no server take the
 * same code path as the HTTP server.
 */
export function createInProcessAdapter(bff: MockBff): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const base = config.baseURL ?? ''
    let url = (config.url ?? '').startsWith('http') ? config.url! : base + (config.url ?? '')
    url = url.replace(/^https?:\/\/[^/]+/, '')
    if (config.params) {
      const qs = new URLSearchParams(Object.entries(config.params as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])).toString()
      if (qs) url += (url.includes('?') ? '&' : '?') + qs
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(config.headers?.toJSON?.() ?? config.headers ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v
    let body: unknown
    let malformedBody = false
    let bodyRefused: 'too-complex' | undefined
    if (typeof config.data === 'string' && config.data.length) {
      try {
        body = parseJsonLimited(config.data)
      } catch (err) {
        if (err instanceof HttpError) bodyRefused = 'too-complex'
        else malformedBody = true
      }
    } else if (config.data !== undefined) body = config.data
    // an upload (FormData with a `file` field), taken apart as the HTTP server does
    let file: { name: string; mime: string; data: Uint8Array } | undefined
    if (typeof FormData !== 'undefined' && config.data instanceof FormData) {
      const f = config.data.get('file')
      if (f && typeof f !== 'string') file = { name: (f as File).name ?? 'file', mime: f.type || 'application/octet-stream', data: await bytesOf(f) }
      body = undefined
    }
    const res = await bff.handle({ method: (config.method ?? 'get').toUpperCase(), url, headers, body, malformedBody, bodyRefused, file })
    // a file answers with its bytes, as the HTTP server would (attachment previews ask for an arraybuffer)
    const data = res.binary ? res.binary.data.buffer.slice(res.binary.data.byteOffset, res.binary.data.byteOffset + res.binary.data.byteLength) : res.body
    const resHeaders = res.binary ? { ...res.headers, 'content-type': res.binary.mime } : res.headers
    const response: AxiosResponse = { data, status: res.status, statusText: String(res.status), headers: resHeaders, config, request: {} }
    const validate = config.validateStatus ?? ((s: number) => s >= 200 && s < 300)
    if (!validate(res.status)) {
      throw new AxiosError(`Request failed with status code ${res.status}`, res.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', config, {}, response)
    }
    return response
  }
}
