import { app, BrowserWindow, dialog } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createApiHandler, createServices, type Services } from './core/api'
import { officeToday } from './core/clock'
import { ensureDemoData } from './core/demo/ensure'
import { forwardEvent, registerIpc } from './ipc'
import { createElectronPrinter } from './print'
import { createMainWindow, hardenWebContents } from './window'

/** Electron lifecycle: one instance, services on the user-data database, IPC, the main window. */

const DB_FILE_NAME = 'casedesk.db'

/** Shipped with extraResources when packaged; taken from the source tree in development. */
function resourceFolder(packagedName: string, devPath: string): string {
  return app.isPackaged ? join(process.resourcesPath, packagedName) : join(app.getAppPath(), devPath)
}

/**
 * The exchange service to sync with: `--server <url>` (or `--server=<url>`) on the command line, else
 * env `CASEDESK_SERVER`; neither = the desk works standalone on its own case store.
 */
function serverUrlFromArgs(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--server')
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--server='))?.slice('--server='.length)
  const raw = (given ?? process.env['CASEDESK_SERVER'] ?? '').trim()
  if (!raw) return undefined
  const url = new URL(raw) // a malformed address stops the start with its message (see the error box below)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`交换服务地址应以 http:// 或 https:// 开头：${raw}`)
  return raw
}

/** `--demo` on the command line, or — on the very first start only — the clerk's answer to a prompt. */
async function wantsDemo(dbFile: string): Promise<boolean> {
  if (process.argv.includes('--demo')) return true
  if (existsSync(dbFile)) return false
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'CaseDesk 业务办理台',
    message: '是否载入演示数据？',
    detail: '演示数据包含示例案件和演示账号，仅供培训和试用。正式办理业务请选择“不载入”。',
    buttons: ['载入演示数据', '不载入'],
    defaultId: 1,
    cancelId: 1,
    noLink: true
  })
  return response === 0
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
  const serverUrl = serverUrlFromArgs(process.argv)
  // A synced desk mirrors the exchange service's cases: no local demo cases mixed into them.
  const demo = serverUrl ? false : await wantsDemo(dbFile)
  const services = createServices({
    dbFile,
    migrationsFolder: resourceFolder('migrations', 'db/migrations'),
    // In a source checkout the letter fonts are read from their npm packages.
    fontsFolder: app.isPackaged ? join(process.resourcesPath, 'fonts') : undefined,
    serverUrl,
    // The print console prints through Electron (a hidden window per job); see print.ts.
    printer: createElectronPrinter()
  })
  if (demo) ensureDemoData(services.store, { today: officeToday(services.clock) })
  closeOnQuit(services)
  registerIpc(createApiHandler(services))
  forwardEvent('sync.changed', services.changes.subscribe)
  started = true
  showMainWindow()
  // The window shows the sync state from its first paint; the loop starts once it exists.
  services.sync?.start()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showMainWindow()
  })
}

/** How long quitting waits for a sync round in flight before the store is closed anyway. */
const SYNC_STOP_TIMEOUT_MS = 5_000

/**
 * On quit: stop the sync loop (a round in flight finishes or is given up after a few seconds; the outbox
 * keeps whatever was not pushed), then close the store, then let the quit go on.
 */
function closeOnQuit(services: Services): void {
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    closed = true
    const sync = services.sync
    if (!sync) return services.store.close()
    event.preventDefault()
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, SYNC_STOP_TIMEOUT_MS).unref())
    void Promise.race([sync.stop().catch((e: unknown) => console.error(e)), timeout]).finally(() => {
      services.store.close()
      app.quit()
    })
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
