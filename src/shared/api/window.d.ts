import type { Api } from './contract'

declare global {
  interface Window {
    /** Set by the Electron preload, or by the loopback bridge client in a plain browser. */
    api?: Api
  }
}

export {}
