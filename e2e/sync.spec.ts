// Two desks against the REAL exchange service (server/src/app.ts on in-memory PGlite, loopback port),
// each desk a loopback bridge with its sync loop running, driven in two browser contexts.
import type { Browser, Page } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge, type Bridge } from '../src/main/bridge/server'
import { createApiHandler, createServicesOn, type Services } from '../src/main/core/api'
import { fixedClock } from '../src/main/core/clock'
import { openStore } from '../src/main/core/store'
import type { SyncClient } from '../src/main/core/sync/client'
import { type Exchange, startExchange } from '../src/main/core/sync/testing'
import { expect, OFFICE_NOW, screenshotTo, signIn, test } from './fixtures'

interface SyncDesk {
  services: Services
  sync: SyncClient
  bridge: Bridge
  close(): Promise<void>
}

/** A desk on its own SQLite file, syncing with `serverUrl` (polling fast, so no test waits on the 30 s fallback). */
async function openSyncDesk(dir: string, name: string, serverUrl: string): Promise<SyncDesk> {
  const store = openStore(join(dir, `${name}.db`))
  const services = createServicesOn(store, fixedClock(OFFICE_NOW), { sync: { serverUrl, pollMs: 2_000 } })
  const sync = services.sync!
  const bridge = await startBridge({ handler: createApiHandler(services, () => {}), staticDir: resolve('out/renderer'), events: { 'sync.changed': services.changes.subscribe } })
  sync.start()
  return {
    services,
    sync,
    bridge,
    close: async () => {
      await sync.stop()
      await bridge.close()
      store.close()
    }
  }
}

const syncTest = test.extend<{ network: { ex: Exchange; A: SyncDesk; B: SyncDesk; caseId: string; caseNumber: string } }>({
  network: async ({}, use) => {
    if (!existsSync(resolve('out/renderer/index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first')
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-e2e-sync-'))
    const ex = await startExchange()
    ex.clock.set(OFFICE_NOW) // the server's clock = the desks' and the browsers' (leases, deadlines)
    const { caseId, caseNumber } = await ex.submit(1)
    const A = await openSyncDesk(dir, 'desk-a', ex.url)
    const B = await openSyncDesk(dir, 'desk-b', ex.url)
    await use({ ex, A, B, caseId, caseNumber })
    await A.close()
    await B.close()
    await ex.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

// Two desks, a server, two browsers and two letters rendered: slower than one desk on this machine.
syncTest.describe.configure({ timeout: 150_000 })

const shotOf = screenshotTo

const rowOf = (page: Page, caseNumber: string) => page.locator('tr', { has: page.getByTestId(`row-open-${caseNumber}`) })

/** Searches the queue for the case, refreshing until a sync round has brought it into the mirror. */
async function findInQueue(page: Page, caseNumber: string): Promise<void> {
  await page.getByTestId('queue-search').fill(caseNumber)
  await expect(async () => {
    await page.getByTestId('queue-refresh').click()
    await expect(page.getByTestId(`row-open-${caseNumber}`)).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
}

async function claimAndApprove(page: Page, caseNumber: string): Promise<void> {
  await page.getByTestId(`row-claim-${caseNumber}`).click()
  await expect(page.getByTestId(`row-release-${caseNumber}`)).toBeVisible()
  await page.getByTestId(`row-open-${caseNumber}`).click()
  await expect(page.getByTestId('case-header')).toContainText(caseNumber)
  await page.getByTestId('action-approve').click()
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('case-header')).toContainText('待档案寄达')
}

/** Desk B's window: a second browser context like the first (locale, time zone, size, the office's fixed clock). */
async function openPageB(browser: Browser) {
  const contextB = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } })
  const pageB = await contextB.newPage()
  await pageB.clock.setFixedTime(new Date(OFFICE_NOW))
  return { contextB, pageB }
}

syncTest('two desks: A approves; B’s approval queued offline is refused, explained in the drawer and discarded', async ({ page, browser, network, shot }, testInfo) => {
  const { ex, A, B, caseId, caseNumber } = network
  const { contextB, pageB } = await openPageB(browser)
  try {
    await signIn(page, A.bridge.url, 'clerk1')
    await signIn(pageB, B.bridge.url, 'clerk2')
    for (const p of [page, pageB]) {
      await expect(p.getByTestId('sync-indicator')).toHaveAttribute('data-state', '在线')
      await findInQueue(p, caseNumber)
      await expect(p.getByTestId('sync-indicator')).toContainText('上次同步 10:00:00')
    }
    await shot('A-online')

    // B's desk goes quiet (its sync loop stopped) while the case moves on at A.
    await B.sync.stop()
    await claimAndApprove(page, caseNumber)
    await expect(page.getByTestId('viewer-title')).toContainText('调档通知单')
    await expect.poll(() => A.sync.status().pending, { timeout: 15_000 }).toBe(0)
    await expect.poll(async () => (await ex.portal('GET', `/applications/${caseId}`)).state, { timeout: 15_000 }).toBe('awaiting_archive')
    await expect(page.getByTestId('sync-pending')).toBeHidden()
    await shot('A-approved')

    // B still sees the case unclaimed: claims and approves on its stale mirror; both wait in the outbox.
    await claimAndApprove(pageB, caseNumber)
    await expect(pageB.getByTestId('sync-pending')).toHaveText('待上传 2')
    await shotOf(pageB, testInfo, 'B-queued')

    // Back online. The case moved on before B's claim reached the server, so the claim is refused (no lease B
    // did not mean to take) and the approval queued behind it too: one item for the case, explained in Chinese.
    B.sync.start()
    await expect(pageB.getByTestId('sync-pending')).toBeHidden({ timeout: 15_000 })
    await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-attention', '1')
    await expect(pageB.locator('.sync-badge .ant-badge-count')).toHaveText('1')
    await pageB.getByTestId('sync-indicator').click()
    const drawer = pageB.getByTestId('attention-drawer')
    await expect(drawer).toBeVisible()
    const items = drawer.getByTestId('attention-item')
    await expect(items).toHaveCount(1)
    await expect(items.first()).toContainText(caseNumber)
    await expect(items.first()).toContainText('已由 张敏 于 10:00 审核通过；您的“认领”和“审核通过”未生效')
    await expect(items.first().getByTestId('attention-reclaim')).toBeVisible()
    await shotOf(pageB, testInfo, 'B-attention')

    await items.first().getByTestId('attention-discard').click()
    await expect(pageB.locator('.ant-modal-confirm')).toContainText('确定放弃吗')
    await pageB.getByTestId('attention-confirm-ok').click()
    await expect(items).toHaveCount(0)
    await expect(drawer).toContainText('没有需要处理的同步提醒')
    await expect.poll(() => B.sync.status()).toMatchObject({ pending: 0, attention: 0 })
    await pageB.locator('.ant-drawer-close').click()
    await expect(drawer).toBeHidden()
    await expect(pageB.locator('.sync-badge .ant-badge-count')).toHaveCount(0)

    // Both queues show the case as the server has it: 待档案寄达, unclaimed, one approval.
    for (const p of [page, pageB]) {
      await p.getByTestId('nav-queue').click()
      await findInQueue(p, caseNumber)
      await expect(rowOf(p, caseNumber)).toContainText('待档案寄达')
      await expect(rowOf(p, caseNumber)).not.toContainText('李强')
    }
    await expect(pageB.getByTestId(`row-claim-${caseNumber}`)).toBeVisible()
    const notices = (await ex.portal('GET', `/applications/${caseId}`)).notices as { action: string }[]
    expect(notices.filter((n) => n.action === 'approve')).toHaveLength(1)
    await shotOf(pageB, testInfo, 'B-queue-after')
    await shot('A-queue-after')
  } finally {
    await contextB.close()
  }
})

syncTest('two desks: B’s open case page follows A’s decision; an open form keeps its input and holds its submit', async ({ page, browser, network }, testInfo) => {
  const { ex, A, B, caseNumber } = network
  const { contextB, pageB } = await openPageB(browser)
  try {
    await signIn(page, A.bridge.url, 'clerk1')
    await signIn(pageB, B.bridge.url, 'clerk2')
    await findInQueue(page, caseNumber)
    await findInQueue(pageB, caseNumber)
    await pageB.getByTestId(`row-open-${caseNumber}`).click()
    await expect(pageB.getByTestId('case-state')).toHaveText('申请已提交')
    await expect(pageB.getByTestId('claim-button')).toBeVisible()

    // A claims and approves. B touches nothing: its page shows the case as A left it.
    await claimAndApprove(page, caseNumber)
    await expect(pageB.getByTestId('case-state')).toHaveText('待档案寄达', { timeout: 15_000 })
    await expect(pageB.getByTestId('case-assignee')).toContainText('未认领')
    await expect(pageB.getByTestId('history-event').last()).toHaveAttribute('data-action', 'approve')
    await expect(pageB.getByTestId('issued-document')).toContainText('调档通知单')
    await expect(pageB.getByTestId('action-approve')).toHaveCount(0)
    await shotOf(pageB, testInfo, 'B-case-followed')

    // A second application: B claims it and starts writing a refusal; the applicant withdraws meanwhile.
    const two = await ex.submit(2)
    await pageB.getByTestId('back-to-queue').click()
    await findInQueue(pageB, two.caseNumber)
    await pageB.getByTestId(`row-open-${two.caseNumber}`).click()
    await pageB.getByTestId('claim-button').click()
    await expect(pageB.getByTestId('case-assignee')).toContainText('李强')
    await expect.poll(() => B.sync.status().pending, { timeout: 15_000 }).toBe(0)
    await pageB.getByTestId('action-not_accepted').click()
    const typed = '身份证明材料与申请人信息不符'
    await pageB.getByTestId('reason-input').fill(typed)
    await ex.portal('POST', `/applications/${two.caseId}/cancel`, {})

    const modal = pageB.getByTestId('reason-modal')
    const alert = modal.getByTestId('case-stale-alert')
    await expect(alert).toContainText('此业务已被他人更新', { timeout: 15_000 })
    await expect(alert).toContainText('现为“已取消”')
    await expect(pageB.getByTestId('reason-input')).toHaveValue(typed)
    await expect(pageB.getByTestId('reason-submit')).toBeDisabled()
    await expect(pageB.getByTestId('case-state')).toHaveText('申请已提交') // what the form was filled against
    await shotOf(pageB, testInfo, 'B-form-held')

    // Loading the latest state: the refusal no longer applies, the form closes, the keys work again.
    await alert.getByTestId('case-stale-reload').click()
    await expect(pageB.getByTestId('case-state')).toHaveText('已取消')
    await expect(modal).toBeHidden()
    await pageB.keyboard.press('Escape')
    await expect(pageB.getByTestId('queue-table')).toBeVisible()
  } finally {
    await contextB.close()
  }
})
