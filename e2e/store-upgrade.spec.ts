import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge } from '../src/main/bridge/server'
import { fixedClock, officeToday } from '../src/main/core/clock'
import { openStore } from '../src/main/core/store'
import { startDeskHost } from '../src/main/host/desk-host'
import { migrationsWith, slowMigration } from '../src/main/core/store/testing/migrations'
import { ensureDemoData } from '../tools/demo/ensure'
import { expect, OFFICE_NOW, test } from './fixtures'

/**
 * A desk after an update whose store has a pending migration (here one that takes several seconds): the window
 * shows 正在升级 with a spinner instead of a blank page while the migration runs in a worker, then moves on to the
 * sign-in by itself; the desk works on the upgraded store.
 */
test('a pending migration: the upgrading page, then the desk on the upgraded store', async ({ page, shot }) => {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-e2e-upgrade-'))
  const dbFile = join(dir, 'casedesk.db')
  const clock = fixedClock(OFFICE_NOW)
  const store = openStore(dbFile)
  ensureDemoData(store, { cases: 120, today: officeToday(clock) })
  store.close()
  const migrationsFolder = migrationsWith(slowMigration(80_000_000))
  // The core in its worker, as the app runs it (the migrations then run in a worker of that worker).
  const desk = startDeskHost({ dbFile, migrationsFolder, fixedNow: OFFICE_NOW, maintenance: false }, { log: () => {} })
  const bridge = await startBridge({ handler: desk.handler, staticDir: resolve('out/renderer'), events: { 'sync.changed': desk.subscribe } })
  try {
    expect((await desk.status()).mode).toBe('upgrading')
    await page.goto(bridge.url)
    await expect(page.getByTestId('upgrading-page')).toBeVisible()
    await expect(page.getByText('正在升级本机案件库', { exact: true })).toBeVisible()
    await expect(page.getByText('正在升级本机案件库，请稍候…', { exact: true })).toBeVisible()
    await expect(page.getByTestId('login-username')).toHaveCount(0)
    await shot('upgrading')
    // Done: the sign-in appears without a reload.
    await expect(page.getByTestId('login-username')).toBeVisible({ timeout: 60_000 })
    expect((await desk.status()).mode).toBe('normal')
    await page.getByTestId('login-username').fill('clerk1')
    await page.getByTestId('login-password').fill('demo1234')
    await page.getByTestId('login-submit').click()
    await expect(page.getByTestId('queue-table')).toBeVisible()
    const upgraded = openStore(dbFile)
    expect(upgraded.sqlite.prepare('SELECT n FROM upgrade_probe').get()).toEqual({ n: 80_000_000 })
    upgraded.close()
  } finally {
    await bridge.close()
    await desk.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(migrationsFolder, { recursive: true, force: true })
  }
})
