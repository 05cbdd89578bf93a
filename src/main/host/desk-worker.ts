import { type MessagePort, parentPort, workerData } from 'node:worker_threads'
import type { SessionSlot } from '../core/api'
import { fixedClock, officeToday } from '../core/clock'
import type { Printer } from '../core/documents/printer'
import { startDesk } from '../core/store/runtime'
import { portFetch } from './fetch-port'
import type { DeskHostConfig, DeskStatus } from './desk-host'
import { rpcOn } from './rpc'

/**
 * The desk's core in a worker thread (desk-host.ts starts it): the store, the services, the sync client and the
 * print console's jobs run here, so whatever they do — a page of a million-case queue, a pull applying its
 * changes, a signing batch — never holds up the thread that owns the windows. It answers the host's calls with
 * startDesk's handler table (one session slot per window or browser cookie, by the id the host gives it) and sends
 * the change feed's notices as events. The printer and, in Electron, the network stack stay with the host: calls
 * to them travel back (rpc.ts, fetch-port.ts).
 */
interface WorkerInput {
  config: DeskHostConfig
  /** The host's net.fetch (Electron), else this thread's own fetch. */
  fetchPort?: MessagePort
  /** The host has a printer (Electron's print API). */
  printer: boolean
}

const input = workerData as WorkerInput
const port = parentPort!
const { config } = input
const slots = new Map<number, SessionSlot>()
const demo = config.demo
  ? await import('../../../tools/demo/ensure').catch((e: unknown) => {
      // An installed desk has no demo chunk (the installer leaves it out): it says so. Elsewhere it is a bug: the start fails.
      if (!config.demoOptional) throw e
      return null
    })
  : null
let demoCases: number | null = null

// The host calls only once the desk is up ('ready' below): `desk` is set by then.
const rpc = rpcOn(port, {
  handle: (channel: string, rawInput: unknown, slotId: number, via: string | undefined) => {
    let slot = slots.get(slotId)
    if (!slot) slots.set(slotId, (slot = { staff: null, via }))
    return desk.handler(channel, rawInput, slot)
  },
  /** The host dropped the slot (its window closed): its session ends (if it had not already) and it is forgotten. */
  forget: async (slotId: number) => {
    const slot = slots.get(slotId)
    slots.delete(slotId)
    if (slot?.staff) await desk.handler('auth.signOut', {}, slot)
  },
  status,
  /** Settles once an upgrade at start has ended (at once when there was none). */
  upgraded: async () => (await desk.upgraded, status()),
  /** Settles once the start's store check has answered (recovery mode if it found damage). */
  checked: async () => (await desk.checked, status()),
  start: () => desk.start(),
  close: async (timeoutMs: number) => {
    await desk.close(timeoutMs)
    // The letter pool's threads and the sync loop's timers are gone with the store; nothing more to answer.
    setImmediate(() => process.exit(0))
  }
})

const printer: Printer | undefined = input.printer
  ? { list: () => rpc.call('printer.list'), print: (pdf, deviceName) => rpc.call('printer.print', pdf, deviceName) }
  : undefined

const desk = startDesk({
  dbFile: config.dbFile,
  migrationsFolder: config.migrationsFolder,
  fontsFolder: config.fontsFolder,
  serverUrl: config.serverUrl,
  clock: config.fixedNow ? fixedClock(config.fixedNow) : undefined,
  maintenance: config.maintenance,
  printer,
  fetch: input.fetchPort ? portFetch(input.fetchPort) : undefined,
  demo: !!demo
})

desk.onServices((services) => {
  // Demo data only when asked for, and never on a desk of an exchange service (its cases are the service's) nor on
  // one with accounts of its own (ensureDemoData refuses).
  if (demo && !services.sync) {
    const made = demo.ensureDemoData(services.store, { cases: config.demoCases, today: officeToday(services.clock) })
    if (made) demoCases = made.cases
  }
  services.changes.subscribe((notice) => rpc.emit('sync.changed', notice))
})

async function status(): Promise<DeskStatus> {
  const s = desk.services
  const setup = s ? await s.setup.status() : null
  return {
    mode: desk.mode,
    damage: desk.damage ? { kind: desk.damage.kind, problems: desk.damage.problems } : null,
    setup: setup && { mode: setup.mode, serverUrl: setup.serverUrl ?? null },
    synced: !!s?.sync,
    demo: !config.demo ? 'off' : demo ? 'loaded' : 'missing',
    demoCases
  }
}

// Started (a store that cannot be opened at all threw above: the host reports the worker's error).
rpc.emit('ready', null)
