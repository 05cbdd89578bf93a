import { BrowserWindow, webContents } from 'electron'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Printer, PrinterInfo } from './core/documents/printer'

/**
 * The print console's printer in the desktop app: Electron's print API. A PDF is shown in a hidden window
 * (Chromium's PDF viewer) and sent with `webContents.print({ silent: true, deviceName })`; silent printing
 * of PDFs works since Electron 35/36/37 (electron/electron#47378). Printers come from `getPrintersAsync`,
 * which does not say which one is the system's default (Electron dropped `isDefault`).
 *
 * Not run in CI: the build machines have no Electron binary (TOOLCHAIN.md); the browser harness has no
 * printer and saves the merged PDF instead.
 */

/** Its own session: no app cookies, and the app's CSP header (object-src 'none') does not reach the PDF viewer. */
const PRINT_PARTITION = 'casedesk-print'
/** The viewer draws the pages after `did-finish-load`; printing sooner can send blank pages. */
const RENDER_SETTLE_MS = 1_500
/** A printer that never answers (offline queue) must not hold the job forever. */
const PRINT_TIMEOUT_MS = 120_000

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      partition: PRINT_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: true,
      plugins: true, // Chromium's PDF viewer
      webSecurity: true
    }
  })
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function toInfo(list: Electron.PrinterInfo[]): PrinterInfo[] {
  return list.map((p) => ({ name: p.name, isDefault: false }))
}

function sendToPrinter(win: BrowserWindow, deviceName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('打印机长时间无响应，请检查打印机状态')), PRINT_TIMEOUT_MS)
    win.webContents.print({ silent: true, printBackground: true, deviceName: deviceName || undefined }, (ok, reason) => {
      clearTimeout(timer)
      if (ok) resolve()
      else reject(new Error(reason ? `打印失败：${reason}` : '打印机未接受打印任务'))
    })
  })
}

export function createElectronPrinter(): Printer {
  return {
    async list() {
      const host = webContents.getAllWebContents().find((wc) => !wc.isDestroyed())
      if (host) return toInfo(await host.getPrintersAsync())
      const win = hiddenWindow()
      try {
        return toInfo(await win.webContents.getPrintersAsync())
      } finally {
        win.destroy()
      }
    },
    async print(pdf, deviceName) {
      const dir = await mkdtemp(join(tmpdir(), 'casedesk-print-'))
      const file = join(dir, 'letters.pdf')
      const win = hiddenWindow()
      try {
        await writeFile(file, pdf)
        await win.loadFile(file)
        await delay(RENDER_SETTLE_MS)
        await sendToPrinter(win, deviceName)
      } finally {
        win.destroy()
        await rm(dir, { recursive: true, force: true })
      }
    }
  }
}
