import Taro from '@tarojs/taro'
import axios, { AxiosError, type AxiosAdapter, type AxiosResponse } from 'axios'

/**
 * axios over Taro.request, for mini-programs (which have no XMLHttpRequest). No plugin, no polyfill:
 * the request is built by axios as usual and only the transport changes.
 */
export const taroAdapter: AxiosAdapter = (config) =>
  new Promise<AxiosResponse>((resolve, reject) => {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(config.headers?.toJSON?.() ?? {})) if (v !== undefined && v !== null) headers[k] = String(v)
    Taro.request({
      url: axios.getUri(config),
      method: (config.method ?? 'get').toUpperCase() as 'GET',
      data: config.data,
      header: headers,
      timeout: config.timeout || 15000,
      dataType: 'json',
      success(res) {
        resolve({ data: res.data, status: res.statusCode, statusText: String(res.statusCode), headers: res.header ?? {}, config, request: null })
      },
      fail(err) {
        reject(new AxiosError(err?.errMsg || 'network error', AxiosError.ERR_NETWORK, config))
      },
    })
  })
