import { app, BrowserWindow, dialog, net } from 'electron'
import { join } from 'node:path'
import { type DeskHost, startDeskHost } from './host/desk-host'
import { forwardEvent, registerIpc } from './ipc'
import { createElectronPrinter } from './print'
import { createMainWindow, hardenWebContents } from './window'

/** Electron lifecycle: one instance, the desk's core (in its worker thread) on the user-data database, IPC, the main window. */

const DB_FILE_NAME = 'casedesk.db'

/** Shipped with extraResources when packaged; taken from the source tree in development. */
function resourceFolder(packagedName: string, devPath: string): string {
  return app.isPackaged ? join(process.resourcesPath, packagedName) : join(app.getAppPath(), devPath)
}

/**
 * The exchange service an IT deployment fixes: `--server <url>` (or `--server=<url>`) on the command line,
 * else env `CASEDESK_SERVER` — over the choice made at the first start (core/setup). The address rules
 * (https unless loopback) are checked there; a bad address stops the start with its message.
 */
function serverUrlFromArgs(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--server')
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--server='))?.slice('--server='.length)
  return (given ?? process.env['CASEDESK_SERVER'] ?? '').trim() || undefined
}

/** `--demo` on an installed desk: the installer does not carry the demo data (electron-builder.yml); it says so once. */
async function sayNoDemo(): Promise<void> {
  await dialog.showMessageBox({
    type: 'info',
    title: 'CaseDesk 业务办理台',
    message: '此安装版本不含演示数据。',
    detail: '--demo 只适用于开发和培训用的版本；本次照常启动，不载入演示数据和演示账号。',
    noLink: true
  })
}

let mainWindow: BrowserWindow | null = null
let started = false

function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow()
    mainWindow.on('closed', () => (mainWindow = null))
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

async function start(): Promise<void> {
  const dbFile = join(app.getPath('userData'), DB_FILE_NAME)
  // The core — store, services, sync client, print jobs — runs in a worker thread (host/desk-host.ts): this thread
  // keeps the windows, IPC forwarding, dialogs and printing, and never waits on a query, a pull or a signing batch.
  // The store is opened and served at once; its quick_check runs in another worker meanwhile, and a damaged store
  // starts (or switches to) recovery mode (the window shows the recovery page: export the unsent outbox, restore a
  // backup) — see core/store/runtime.ts. Demo data only with `--demo`, and never on a desk of an exchange service.
  const desk = startDeskHost(
    {
      dbFile,
      migrationsFolder: resourceFolder('migrations', 'db/migrations'),
      // In a source checkout the letter fonts are read from their npm packages.
      fontsFolder: app.isPackaged ? join(process.resourcesPath, 'fonts') : undefined,
      serverUrl: serverUrlFromArgs(process.argv),
      demo: process.argv.includes('--demo'),
      // The installer leaves the demo data out: an installed desk given --demo says so and starts without it.
      demoOptional: app.isPackaged
    },
    {
      // The print console prints through Electron (a hidden window per job); see print.ts.
      printer: createElectronPrinter(),
      // Chromium's network stack: the system's certificate store (an office's own CA installed by IT) and proxy.
      fetch: (input, init) => net.fetch(input instanceof URL ? input.toString() : input, init),
      // The core died again and again: say so and quit (everything committed is in the store, the unsent work in its outbox).
      onFatal: (e) => {
        dialog.showErrorBox('CaseDesk 无法继续运行', `本机服务多次异常退出，程序将关闭。已保存的工作不会丢失；请重新启动本程序，如仍不行请联系系统管理员。\n\n${e.message}`)
        app.exit(1)
      }
    }
  )
  // A store that cannot be opened at all (not a damaged one: that starts recovery mode): the start fails with why.
  await desk.ready()
  forwardEvent('sync.changed', desk.subscribe)
  closeOnQuit(desk)
  registerIpc(desk.handler)
  started = true
  showMainWindow()
  // The window shows the sync state from its first paint; the loop (and the store's daily integrity check and
  // backup) starts once the store's check has passed (and for a service connected later, at the first start or by
  // an administrator, at once).
  desk.start()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showMainWindow()
  })
  const status = await desk.status().catch((e: unknown) => (console.error(e), null))
  if (status?.demo === 'missing') await sayNoDemo()
}

/** How long quitting waits for a sync round in flight before the store is closed anyway. */
const SYNC_STOP_TIMEOUT_MS = 5_000

/**
 * On quit: stop the sync loop and the store's maintenance (a round in flight finishes or is given up after a few
 * seconds; the outbox keeps whatever was not pushed), then close the store, then let the quit go on.
 */
function closeOnQuit(desk: DeskHost): void {
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    closed = true
    event.preventDefault()
    void desk
      .close(SYNC_STOP_TIMEOUT_MS)
      .catch((e: unknown) => console.error(e))
      .finally(() => app.quit())
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (started) showMainWindow()
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error(e)
      const detail = e instanceof Error ? e.message : String(e)
      dialog.showErrorBox('CaseDesk 无法启动', `打开本机案件库失败，请联系系统管理员。\n\n${detail}`)
      app.exit(1)
    })
}
