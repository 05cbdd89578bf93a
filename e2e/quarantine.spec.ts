// 暂存的同步操作: a desk of the REAL exchange service whose outbox holds a mutation the service refuses (a fault
// injected between desk and service); the administrator sees it in 系统设置 and sends it again with a reason.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge } from '../src/main/bridge/server'
import { createApiHandler, createServicesOn, type SessionSlot } from '../src/main/core/api'
import { fixedClock } from '../src/main/core/clock'
import { openStore } from '../src/main/core/store'
import { startExchange } from '../src/main/core/sync/testing'
import { animationsDone, expect, OFFICE_NOW, test } from './fixtures'

test.describe.configure({ timeout: 120_000 })

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 }
]) {
  test(`an administrator sends a set-aside mutation again, with a reason (${viewport.width}×${viewport.height})`, async ({ page, shot }) => {
    if (!existsSync(resolve('out/renderer/index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first')
    await page.setViewportSize(viewport)
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-e2e-quarantine-'))
    const ex = await startExchange()
    ex.clock.set(OFFICE_NOW)
    const store = openStore(join(dir, 'desk.db'))
    let poison: string | null = null
    // Between desk and service: a push carrying the poison row is refused as a whole (an older service's 400).
    const fetch: typeof globalThis.fetch = async (input, init) =>
      poison && String(input).endsWith('/sync/push') && typeof init?.body === 'string' && init.body.includes(poison)
        ? new Response(JSON.stringify({ error: { code: 'VALIDATION', message: '第 1 项变更的 args.reasons[0].text 含有空字符（U+0000）' } }), { status: 400 })
        : globalThis.fetch(input, init)
    const services = createServicesOn(store, fixedClock(OFFICE_NOW), { sync: { serverUrl: ex.url, pollMs: 60_000, fetch } })
    const handle = createApiHandler(services, () => {})
    const bridge = await startBridge({ handler: handle, staticDir: resolve('out/renderer'), events: { 'sync.changed': services.changes.subscribe } })
    try {
      const cases = [await ex.submit(1), await ex.submit(2)]
      const clerk: SessionSlot = { staff: null }
      expect(await handle('auth.signIn', { username: 'clerk1', password: 'demo1234' }, clerk)).toMatchObject({ ok: true })
      await services.sync!.pullOnce()
      for (const c of cases) expect(await handle('cases.claim', { id: c.caseId }, clerk)).toMatchObject({ ok: true })
      poison = (store.sqlite.prepare("SELECT id FROM outbox WHERE case_id = ? AND name = 'case.claim'").get(cases[0].caseId) as { id: string }).id
      expect(await services.sync!.pushOnce()).toMatchObject({ applied: 1, quarantined: 1 })
      poison = null // the service is mended

      await page.goto(bridge.url)
      await page.getByTestId('login-username').fill('admin')
      await page.getByTestId('login-password').fill('demo1234')
      await page.getByTestId('login-submit').click()
      await page.getByTestId('nav-settings').click()
      const card = page.getByTestId('quarantine-card')
      await expect(card.getByTestId('quarantine-item')).toHaveCount(1)
      await expect(card.getByTestId('quarantine-item')).toHaveAttribute('data-case-number', cases[0].caseNumber)
      await expect(card.getByTestId('quarantine-reason')).toContainText('交换服务拒收此操作（400：第 1 项变更的 args.reasons[0].text 含有空字符（U+0000））')
      await card.scrollIntoViewIfNeeded()
      await shot('card')

      await card.getByTestId('quarantine-retry').click()
      const modal = page.getByTestId('quarantine-modal')
      await expect(modal).toContainText('“认领”将重新排入发送队列')
      await animationsDone(page) // a click while the dialog still zooms in can miss its button on a loaded machine
      await modal.getByTestId('quarantine-confirm-ok').click()
      await expect(modal).toContainText('请填写原因')
      await modal.getByTestId('quarantine-reason-input').fill('交换服务已升级，重新发送')
      await shot('confirm')
      await modal.getByTestId('quarantine-confirm-ok').click()
      await expect(card.getByTestId('quarantine-item')).toHaveCount(0)
      await expect(card).toContainText('没有暂存的操作')
      expect(store.sqlite.prepare("SELECT status FROM outbox WHERE id = (SELECT id FROM outbox WHERE case_id = ? AND name = 'case.claim')").get(cases[0].caseId)).toEqual({ status: 'pending' })
      expect(store.sqlite.prepare('SELECT actor_name, kind, detail FROM staff_events').all()).toEqual([
        { actor_name: '系统管理员', kind: 'outbox_retried', detail: expect.stringContaining('交换服务已升级，重新发送') }
      ])
      await shot('after')
    } finally {
      await services.sync?.stop()
      await bridge.close()
      store.close()
      await ex.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
}
