import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge, type Bridge } from '../src/main/bridge/server'
import { fixedClock, officeToday } from '../src/main/core/clock'
import { openStore } from '../src/main/core/store'
import { backupsDirOf, makeBackup } from '../src/main/core/store/backup'
import { type DeskConfig, startDesk, type DeskRuntime } from '../src/main/core/store/runtime'
import { damageHeader, damageTablePage } from '../src/main/core/store/testing/damage'
import { addOutbox } from '../src/main/core/store/testing/fixture'
import { ensureDemoData } from '../tools/demo/ensure'
import { expect, OFFICE_NOW, signIn, test } from './fixtures'

/**
 * The desk's store is damaged on purpose (an overwritten page of the cases table, or its header): the desk starts
 * in recovery mode — the recovery page, in Chinese, instead of the queue or a crash — exports the unsent outbox and
 * restores the last good backup after a confirmation; then the desk works again.
 */
async function damagedDesk(
  damage: 'page' | 'header' | 'later',
  check?: DeskConfig['check']
): Promise<{ desk: DeskRuntime; bridge: Bridge; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-e2e-recovery-'))
  const dbFile = join(dir, 'casedesk.db')
  const clock = fixedClock(OFFICE_NOW)
  const store = openStore(dbFile)
  ensureDemoData(store, { cases: 120, today: officeToday(clock) })
  addOutbox(store)
  await makeBackup(store, { dir: backupsDirOf(dbFile), date: '2026-11-21' })
  await makeBackup(store, { dir: backupsDirOf(dbFile), date: '2026-11-22' })
  // Work done after the last backup, not yet sent: only the damaged store has it.
  addOutbox(store)
  store.close()
  if (damage === 'page') damageTablePage(dbFile, 'cases')
  else if (damage === 'header') damageHeader(dbFile)
  const desk = startDesk({ dbFile, clock, maintenance: false, log: () => {}, check })
  // The start's quick_check runs in a worker thread after the start (a damaged page: recovery mode once it answers).
  if (!check) await desk.checked
  const bridge = await startBridge({
    handler: desk.handler,
    staticDir: resolve('out/renderer'),
    events: { 'sync.changed': (l) => desk.services?.changes.subscribe(l) ?? (() => {}) }
  })
  return {
    desk,
    bridge,
    dir,
    close: async () => {
      await bridge.close()
      await desk.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

test('a damaged cases page: the recovery page, the outbox exported, the last good backup restored, the desk working again', async ({ page, shot }) => {
  const d = await damagedDesk('page')
  try {
    expect(d.desk.mode).toBe('recovery')
    await page.goto(d.bridge.url)
    await expect(page.getByTestId('recovery-page')).toBeVisible()
    await expect(page.getByRole('heading', { name: '本机案件库已损坏' })).toBeVisible()
    await expect(page.getByTestId('recovery-message')).toContainText('完整性检查')
    await expect(page.getByTestId('queue-table')).toHaveCount(0)
    await expect(page.getByTestId('login-username')).toHaveCount(0)
    // The newest backup is offered first.
    await expect(page.getByRole('radio', { name: /2026-11-22/ })).toBeChecked()
    await shot('recovery-1440')
    await page.setViewportSize({ width: 1366, height: 768 })
    await shot('recovery-1366')
    await page.setViewportSize({ width: 1440, height: 900 })

    await page.getByTestId('recovery-export').click()
    await expect(page.getByTestId('recovery-export-result')).toContainText('已导出 6 条未发送的操作、1 份文书、1 个文件')
    await shot('recovery-exported')

    await page.getByTestId('recovery-restore').click()
    await expect(page.getByTestId('recovery-confirm-text')).toContainText('不会删除')
    await shot('recovery-confirm')
    await page.getByTestId('recovery-confirm-ok').click()
    await expect(page.getByTestId('recovery-done')).toContainText('已从 casedesk-2026-11-22.db 恢复本机案件库')
    await expect(page.getByTestId('recovery-done')).toContainText('6 条未发送的操作在发件箱中等待同步，其中 3 条是从损坏的案件库中找回、重新放回的')
    await shot('recovery-done')
    expect(d.desk.mode).toBe('normal')
    const unsent = d.desk.services!.store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'quarantined')").get()
    expect(unsent).toEqual({ n: 6 })

    await page.getByTestId('recovery-continue').click()
    await page.getByTestId('login-username').fill('clerk1')
    await page.getByTestId('login-password').fill('demo1234')
    await page.getByTestId('login-submit').click()
    await expect(page.getByTestId('queue-table')).toBeVisible()
    // A reload starts from the restored store, no recovery page any more.
    await page.reload()
    await expect(page.getByTestId('queue-table')).toBeVisible()
  } finally {
    await d.close()
  }
})

test('a damaged header: the recovery page instead of a crash; the export still finds the unsent work', async ({ page, shot }) => {
  const d = await damagedDesk('header')
  try {
    expect(d.desk.mode).toBe('recovery')
    await page.goto(d.bridge.url)
    await expect(page.getByTestId('recovery-message')).toContainText('文件头无法识别')
    await page.getByTestId('recovery-export').click()
    await expect(page.getByTestId('recovery-export-result')).toContainText('已导出 6 条未发送的操作')
    await page.getByText('技术细节（供系统管理员）').click()
    await expect(page.getByTestId('recovery-detail')).toContainText('file is not a database')
    await shot('recovery-header')
  } finally {
    await d.close()
  }
})

test('damage the background check finds after the start: the open queue gives way to the recovery page, the unsent work is exported', async ({ page, shot }) => {
  let answer!: (r: { ok: boolean; problems: string[] }) => void
  const d = await damagedDesk('later', () => new Promise((resolve) => (answer = resolve)))
  try {
    // The first page does not wait for the store's check.
    expect(d.desk.mode).toBe('normal')
    await signIn(page, d.bridge.url)
    await expect(page.getByTestId('queue-table')).toBeVisible()
    answer({ ok: false, problems: ['Tree 7 page 12 cell 3: invalid page number 4242'] })
    await d.desk.checked
    expect(d.desk.mode).toBe('recovery')
    await expect(page.getByTestId('recovery-page')).toBeVisible()
    await expect(page.getByTestId('queue-table')).toHaveCount(0)
    await expect(page.getByTestId('recovery-message')).toContainText('完整性检查')
    await shot('recovery-later')
    await page.getByTestId('recovery-export').click()
    await expect(page.getByTestId('recovery-export-result')).toContainText('已导出 6 条未发送的操作')
  } finally {
    await d.close()
  }
})
