import { test as base, type Browser, expect, type Page, type TestInfo } from '@playwright/test'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApiHandler, createServices, type Services } from '../src/main/core/api'
import { fixedClock, officeToday } from '../src/main/core/clock'
import { ensureDemoData } from '../tools/demo/ensure'
import { startBridge, type Bridge } from '../src/main/bridge/server'
import { openStore, type Store } from '../src/main/core/store'
import { type DeskHost, startDeskHost } from '../src/main/host/desk-host'

/** The office's clock in every e2e test (desk and browser), so deadlines and calendars never drift. */
export const OFFICE_NOW = '2026-11-23T02:00:00Z'

/** A desk as the app runs it: its core in a worker thread (host/desk-host.ts) behind the loopback bridge. */
export interface Desk {
  bridge: Bridge
  host: DeskHost
  /** The test's own connection to the desk's store (WAL: it reads what the worker committed; its writes are the worker's to read). */
  store: Store
}

/** A desk whose services run in the test's own process (a test that reaches into them: the print console's slowed jobs). */
export interface LocalDesk {
  bridge: Bridge
  services: Services
}

function tempDir(): string {
  if (!existsSync(resolve('out/renderer/index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first')
  return mkdtempSync(join(tmpdir(), 'casedesk-e2e-'))
}

/** A desk's core in its worker and its bridge, on a store in a temp folder; `demo` loads the demo data (and its accounts). */
async function openDesk(demo: boolean, use: (desk: Desk) => Promise<void>): Promise<void> {
  const dir = tempDir()
  const dbFile = join(dir, 'casedesk.db')
  const host = startDeskHost({ dbFile, demo, demoCases: 120, fixedNow: OFFICE_NOW, maintenance: false })
  const bridge = await startBridge({ handler: host.handler, staticDir: resolve('out/renderer'), events: { 'sync.changed': host.subscribe } })
  try {
    // Up (migrated, the demo data in) before the test's own connection opens the file.
    expect(await host.status()).toMatchObject({ mode: 'normal' })
    const store = openStore(dbFile)
    try {
      await use({ bridge, host, store })
    } finally {
      store.close()
    }
  } finally {
    await bridge.close()
    await host.close(5_000)
    rmSync(dir, { recursive: true, force: true })
  }
}

async function openLocalDesk(use: (desk: LocalDesk) => Promise<void>): Promise<void> {
  const dir = tempDir()
  const services = createServices({ dbFile: join(dir, 'casedesk.db'), clock: fixedClock(OFFICE_NOW) })
  ensureDemoData(services.store, { cases: 120, today: officeToday(services.clock) })
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
export const test = base.extend<{ desk: Desk; blankDesk: Desk; localDesk: LocalDesk; shot: (name: string) => Promise<void> }>({
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
  /** The demo desk with its services in this process (for the few tests that reach into them). */
  localDesk: async ({}, use) => {
    await openLocalDesk(use)
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
  await animationsDone(page)
  const file = join('e2e-artifacts', `${testInfo.title.replace(/\W+/g, '-')}-${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
}

/** Running animations (a drawer sliding in, a field's error message collapsing) have finished: nothing moves. */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity))
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

/** What a test's SQL helpers need of a desk: its store. */
export type HasStore = Pick<Desk, 'store'>
