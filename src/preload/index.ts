import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '../shared/api/contract'

/**
 * Sandboxed preload: exposes `window.api.<area>.<verb>(input)` — one named function per contract
 * channel, nothing generic (no raw ipcRenderer, no channel parameter). Bundled into a single
 * CommonJS file whose only runtime require is 'electron'.
 */
contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input))
)
