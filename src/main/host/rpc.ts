import type { MessagePort, Worker } from 'node:worker_threads'

/**
 * Calls across a thread boundary (the desk's core in its worker, desk-host.ts): each side answers the other's
 * calls from its table of methods and can send events. Arguments and results are structured-cloned (a Buffer
 * arrives as a Uint8Array). A method that throws rejects the caller's promise with an Error of the same name,
 * message and `code`.
 */
export type Endpoint = Pick<MessagePort, 'postMessage' | 'on' | 'off'> | Pick<Worker, 'postMessage' | 'on' | 'off'>
type Methods = Record<string, (...args: never[]) => unknown>

type Message =
  | { t: 'call'; id: number; m: string; a: unknown[] }
  | { t: 'ok'; id: number; v: unknown }
  | { t: 'err'; id: number; e: { name: string; message: string; code?: string } }
  | { t: 'ev'; name: string; payload: unknown }

export interface Rpc {
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>
  emit(name: string, payload: unknown): void
  /** Every pending call rejects with `error` (the other side is gone); later calls reject at once. */
  fail(error: Error): void
  /** Stops listening (pending calls stay pending: use `fail` first). */
  close(): void
}

export function rpcOn(port: Endpoint, methods: Methods, onEvent: (name: string, payload: unknown) => void = () => {}): Rpc {
  let next = 1
  let gone: Error | null = null
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  const answer = async (msg: Extract<Message, { t: 'call' }>): Promise<void> => {
    try {
      const fn = methods[msg.m] as ((...args: unknown[]) => unknown) | undefined
      if (!fn) throw new Error(`no such method: ${msg.m}`)
      port.postMessage({ t: 'ok', id: msg.id, v: await fn(...msg.a) } satisfies Message)
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e))
      const code = (err as { code?: unknown }).code
      port.postMessage({ t: 'err', id: msg.id, e: { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) } } satisfies Message)
    }
  }

  const listener = (msg: Message): void => {
    if (msg.t === 'call') return void answer(msg)
    if (msg.t === 'ev') return onEvent(msg.name, msg.payload)
    const waiting = pending.get(msg.id)
    if (!waiting) return
    pending.delete(msg.id)
    if (msg.t === 'ok') waiting.resolve(msg.v)
    else waiting.reject(Object.assign(new Error(msg.e.message), { name: msg.e.name }, msg.e.code ? { code: msg.e.code } : {}))
  }
  port.on('message', listener)

  return {
    call<T>(method: string, ...args: unknown[]): Promise<T> {
      if (gone) return Promise.reject(gone)
      const id = next++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        port.postMessage({ t: 'call', id, m: method, a: args } satisfies Message)
      })
    },
    emit: (name, payload) => port.postMessage({ t: 'ev', name, payload } satisfies Message),
    fail(error) {
      gone = error
      for (const { reject } of pending.values()) reject(error)
      pending.clear()
    },
    close: () => port.off('message', listener)
  }
}
