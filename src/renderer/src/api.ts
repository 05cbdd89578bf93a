import { buildApi, buildEvents, type Api, type Channel, type Listen } from '../../shared/api/contract'
import type { Result } from '../../shared/result'

/**
 * The renderer's only way to the back end. In Electron the preload exposes `window.api` (built from the
 * same contract); in a browser (e2e harness, `npm run web`) the calls go to the loopback bridge with the
 * one-time token from the address the bridge printed. The signed-in session lives in an HttpOnly cookie
 * (bridge) or in the main process (Electron): the renderer never sees a session id.
 */
const TOKEN_KEY = 'casedesk.token'
const OFFLINE: Result<never> = { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请重试' } }

type Invoke = (channel: Channel, input: unknown) => Promise<unknown>

function bridgeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function bridgeInvoke(token: string): Invoke {
  return (channel, input) =>
    fetch('/api/' + channel, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-casedesk-token': token },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin'
    })
      .then((r) => r.json() as Promise<unknown>)
      .then((body) => (isResult(body) ? body : OFFLINE))
      .catch(() => OFFLINE)
}

function preloadInvoke(api: Api): Invoke {
  const methods = api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>
  return (channel, input) => {
    const [area, verb] = channel.split('.')
    return Promise.resolve()
      .then(() => methods[area][verb](input))
      .catch(() => OFFLINE)
  }
}

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean'
}

/** Calls whose UNAUTHENTICATED is an answer, not a session that ended (signing in, out, asking who is in). */
const NOT_A_SESSION = new Set<Channel>(['auth.signIn', 'auth.signOut', 'auth.current'])

/**
 * Called with the call's message when any call answers UNAUTHENTICATED (the session ended: idle, the account
 * disabled, its password reset, an administrator ended it): the app goes back to sign-in and says why.
 */
const expiredListeners = new Set<(message: string) => void>()
export function onSessionExpired(listener: (message: string) => void): () => void {
  expiredListeners.add(listener)
  return () => void expiredListeners.delete(listener)
}

/** Called when any call answers PASSWORD_CHANGE_REQUIRED: the temporary password must be changed first. */
const passwordListeners = new Set<() => void>()
export function onPasswordChangeRequired(listener: () => void): () => void {
  passwordListeners.add(listener)
  return () => void passwordListeners.delete(listener)
}

/**
 * Called when any call answers STORE_DAMAGED: the desk switched to recovery mode while this window was open (the
 * start's store check, run in the background, found damage): the recovery gate asks for the recovery page.
 */
const damagedListeners = new Set<() => void>()
export function onStoreDamaged(listener: () => void): () => void {
  damagedListeners.add(listener)
  return () => void damagedListeners.delete(listener)
}

function watchSession(invoke: Invoke): Invoke {
  return async (channel, input) => {
    const result = (await invoke(channel, input)) as Result<unknown>
    if (!result.ok && result.error.code === 'UNAUTHENTICATED' && !NOT_A_SESSION.has(channel)) {
      expiredListeners.forEach((l) => l(result.error.message))
    }
    if (!result.ok && result.error.code === 'PASSWORD_CHANGE_REQUIRED') passwordListeners.forEach((l) => l())
    if (!result.ok && result.error.code === 'STORE_DAMAGED') damagedListeners.forEach((l) => l())
    return result
  }
}

/**
 * The bridge's events: one `GET /events` stream (server-sent events, read with fetch so the token stays a
 * header), opened on the first subscription and reopened with backoff when it breaks (what happened
 * meanwhile the status poll still brings).
 */
function bridgeEvents(token: string): Listen {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let open = false
  const connect = async (failures: number): Promise<void> => {
    try {
      const res = await fetch('/events', { headers: { 'x-casedesk-token': token }, cache: 'no-store', credentials: 'same-origin' })
      if (!res.ok || !res.body) throw new Error(`events ${res.status}`)
      failures = 0
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        buffer += r.value.replace(/\r\n?/g, '\n')
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const name = /^event: ?(.+)$/m.exec(block)?.[1]
          const data = /^data: ?(.*)$/m.exec(block)?.[1]
          if (name && data !== undefined) listeners.get(name)?.forEach((l) => l(JSON.parse(data)))
        }
      }
    } catch {
      failures++ // the desk's service restarted or went away: the status poll goes on meanwhile
    }
    setTimeout(() => void connect(failures), Math.min(30_000, 500 * 2 ** failures))
  }
  return buildEvents((name, listener) => {
    let set = listeners.get(name)
    if (!set) listeners.set(name, (set = new Set()))
    set.add(listener)
    if (!open) {
      open = true
      void connect(0)
    }
    return () => void set.delete(listener)
  })
}

const exposed = window as unknown as { api?: Api; events?: Listen }
const token = exposed.api ? '' : bridgeToken()

export const api: Api = buildApi(watchSession(exposed.api ? preloadInvoke(exposed.api) : bridgeInvoke(token)))

/** Main → renderer events (`window.events.<name>(listener)`, returns the unsubscribe function). */
export const events: Listen = exposed.events ?? bridgeEvents(token)
