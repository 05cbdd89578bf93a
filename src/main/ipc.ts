import { ipcMain, type IpcMainInvokeEvent, webContents, type WebContents } from 'electron'
import { CHANNELS, type EventName, type Events } from '../shared/api/contract'
import type { Result } from '../shared/result'
import type { ApiHandler, SessionSlot } from './core/api'
import { isAppUrl } from './window'

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: '非法来源的请求' } }
const INTERNAL: Result<never> = { ok: false, error: { code: 'INTERNAL', message: '系统内部错误，操作未生效，请重试或联系系统管理员' } }

/** Only the app's own top-level page may call the API (its preload is the only one that exposes it). */
function fromOurApp(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return frame != null && frame.parent === null && isAppUrl(frame.url)
}

/**
 * Binds every contract channel to `handle` (core/api's handler table: contract check → zod → role
 * check → service → Result). Each window (webContents) has its own session slot, so
 * the signed-in staff member belongs to that window and is forgotten when it closes.
 * Returns a function that removes the handlers (for tests / shutdown).
 */
export function registerIpc(handle: ApiHandler, log: (e: unknown) => void = console.error): () => void {
  const slots = new Map<number, SessionSlot>()

  const slotFor = (sender: WebContents): SessionSlot => {
    const id = sender.id
    let slot = slots.get(id)
    if (!slot) {
      const created: SessionSlot = (slot = { staff: null, via: '桌面窗口' })
      slots.set(id, created)
      // A closed window is signed out (it leaves the administrator's session list).
      sender.once('destroyed', () => {
        slots.delete(id)
        void handle('auth.signOut', {}, created).catch(log)
      })
    }
    return slot
  }

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      try {
        if (!fromOurApp(event)) return FORBIDDEN
        return await handle(channel, input, slotFor(event.sender))
      } catch (e) {
        log(e)
        return INTERNAL
      }
    })
  }

  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel)
    slots.clear()
  }
}

/**
 * Sends a main → renderer event (`contract.ts`, `Events`) to the app's own pages only (the same check as
 * for calls: a top-level page at the app's URL). Returns the function that stops forwarding.
 */
export function forwardEvent<E extends EventName>(event: E, subscribe: (listener: (payload: Events[E]) => void) => () => void): () => void {
  return subscribe((payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(event, payload)
    }
  })
}
