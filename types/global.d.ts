/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Build-time constants, see config/index.ts defineConstants. */
declare const APP_TARGET: 'staff' | 'resident'
declare const API_BASE: string
declare const MOCK_INPROCESS: boolean

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | 'qywx'
    APP_TARGET?: 'staff' | 'resident'
  }
}
