import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildApi, buildEvents } from '../shared/api/contract'

/**
 * Sandboxed preload: exposes `window.api.<area>.<verb>(input)` — one named function per contract
 * channel, nothing generic (no raw ipcRenderer, no channel parameter). Bundled into a single
 * CommonJS file whose only runtime require is 'electron'. Events main → renderer: `window.events.<name>(listener)`,
 * one named subscription per contract event (the listener gets the payload only, never the IPC event).
 */
contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input))
)

contextBridge.exposeInMainWorld(
  'events',
  buildEvents((event, listener) => {
    const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, forward)
    return () => void ipcRenderer.removeListener(event, forward)
  })
)
