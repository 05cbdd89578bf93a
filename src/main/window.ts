import { app, BrowserWindow, session, type WebContents } from 'electron'
import { join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The one window and the Electron security baseline: isolated, sandboxed renderer without Node, a
 * CSP, no navigation away from the app, no new windows, no permissions, no <webview>.
 */

const RENDERER_INDEX = join(import.meta.dirname, '../renderer/index.html')
/** electron-vite emits the sandboxed (CommonJS) preload as `index.cjs` (see electron.vite.config.ts). */
const PRELOAD = join(import.meta.dirname, '../preload/index.cjs')

/** The dev server is trusted only in an unpackaged run; a packaged app ignores the variable. */
function devServerUrl(): URL | null {
  const raw = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
  if (!raw) return null
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/** Compares decoded file paths (percent-encoding may differ; Windows paths are case-insensitive). */
function isRendererIndex(fileUrl: URL): boolean {
  let path: string
  try {
    path = normalize(fileURLToPath(fileUrl))
  } catch {
    return false // not a usable file URL
  }
  const expected = normalize(RENDERER_INDEX)
  return process.platform === 'win32' ? path.toLowerCase() === expected.toLowerCase() : path === expected
}

/** True for the app's own pages: the built renderer's index.html, or (dev only) the dev server's origin. */
export function isAppUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const dev = devServerUrl()
  if (dev) return parsed.origin === dev.origin
  return parsed.protocol === 'file:' && isRendererIndex(parsed)
}

/**
 * Content-Security-Policy. Sent as a header for http(s) responses (the dev server); the built
 * renderer is loaded from file://, where there are no headers, so index.html must carry the same
 * policy in a <meta http-equiv="Content-Security-Policy"> tag.
 */
export function contentSecurityPolicy(dev: URL | null = devServerUrl()): string {
  const devScript = dev ? " 'unsafe-inline'" : '' // Vite's React refresh preamble is an inline script
  const devConnect = dev ? ` ${dev.origin} ${dev.origin.replace(/^http/, 'ws')}` : ''
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${devScript}`,
    "style-src 'self' 'unsafe-inline'", // antd's CSS-in-JS injects <style> elements
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${devConnect}`,
    "worker-src 'self' blob:",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

let sessionHardened = false

/** Once per app: deny every permission request/check and add the CSP header to every response. */
function hardenDefaultSession(): void {
  if (sessionHardened) return
  sessionHardened = true
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  const csp = contentSecurityPolicy()
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders }
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key]
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } })
  })
}

/** Navigation, redirects, new windows and <webview> are refused for any web contents the app creates. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  const blockForeign = (event: Electron.Event, url: string) => {
    if (!isAppUrl(url)) event.preventDefault()
  }
  contents.on('will-navigate', blockForeign)
  contents.on('will-redirect', blockForeign)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function createMainWindow(): BrowserWindow {
  hardenDefaultSession()
  const win = new BrowserWindow({
    title: 'CaseDesk 业务办理台',
    width: 1440,
    height: 900,
    minWidth: 1280,
    minHeight: 800,
    show: false,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  })
  hardenWebContents(win.webContents)
  win.once('ready-to-show', () => win.show())
  // Keep the window title fixed even if the page sets <title>.
  win.on('page-title-updated', (event) => event.preventDefault())

  const dev = devServerUrl()
  if (dev) void win.loadURL(dev.href)
  else void win.loadFile(RENDERER_INDEX)
  return win
}
