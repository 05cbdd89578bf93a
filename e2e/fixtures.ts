import { test as base, type Browser, expect, type Page, type TestInfo } from '@playwright/test'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApiHandler, createServices, type Services } from '../src/main/core/api'
import { fixedClock, officeToday } from '../src/main/core/clock'
import { ensureDemoData } from '../tools/demo/ensure'
import { startBridge, type Bridge } from '../src/main/bridge/server'

/** The office's clock in every e2e test (desk and browser), so deadlines and calendars never drift. */
export const OFFICE_NOW = '2026-11-23T02:00:00Z'

export interface Desk {
  bridge: Bridge
  services: Services
}

/** A desk's store and bridge in a temp folder; `demo` loads the demo data (and its accounts). */
async function openDesk(demo: boolean, use: (desk: Desk) => Promise<void>): Promise<void> {
  if (!existsSync(resolve('out/renderer/index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first')
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-e2e-'))
  const services = createServices({ dbFile: join(dir, 'casedesk.db'), clock: fixedClock(OFFICE_NOW) })
  if (demo) ensureDemoData(services.store, { cases: 120, today: officeToday(services.clock) })
  const bridge = await startBridge({ handler: createApiHandler(services), staticDir: resolve('out/renderer'), events: { 'sync.changed': services.changes.subscribe } })
  try {
    await use({ bridge, services })
  } finally {
    await bridge.close()
    services.store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Each test gets its own case store (with demo data, or blank) and its own bridge on a random loopback port. */
export const test = base.extend<{ desk: Desk; blankDesk: Desk; shot: (name: string) => Promise<void> }>({
  page: async ({ page }, use) => {
    await page.clock.setFixedTime(new Date(OFFICE_NOW))
    await use(page)
  },
  desk: async ({}, use) => {
    await openDesk(true, use)
  },
  /** A desk as a new office installs it: no demo data, no account, no mode chosen (the first-start page). */
  blankDesk: async ({}, use) => {
    await openDesk(false, use)
  },
  /** Screenshots kept as test artifacts in e2e-artifacts/. */
  shot: async ({ page }, use, testInfo) => {
    await use((name) => screenshotTo(page, testInfo, name))
  }
})

/**
 * A screenshot kept as a test artifact in e2e-artifacts/, taken once running animations (a drawer sliding
 * in, a modal zooming) have finished, so it shows what the clerk sees.
 */
export async function screenshotTo(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync('e2e-artifacts', { recursive: true })
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity))
  const file = join('e2e-artifacts', `${testInfo.title.replace(/\W+/g, '-')}-${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
}

/**
 * Another window on the same desk: a browser context of its own (its own cookie, so its own session slot),
 * with the office's clock. Closed with `page.context().close()`.
 */
export async function openWindow(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await page.clock.setFixedTime(new Date(OFFICE_NOW))
  return page
}

export async function signIn(page: Page, url: string, username = 'clerk1', password = 'demo1234'): Promise<void> {
  await page.goto(url)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('queue-table')).toBeVisible()
}

export { expect }
