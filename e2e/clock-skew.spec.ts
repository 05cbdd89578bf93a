// A desk whose clock is 400 days behind the REAL exchange service (server/src/app.ts on in-memory PGlite):
// the clerk sees the clock banner (the refusal of letters, CLOCK_SKEW, is tested in src/main/core/sync/clock-offset.test.ts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge } from '../src/main/bridge/server'
import { createApiHandler, createServicesOn } from '../src/main/core/api'
import { fixedClock } from '../src/main/core/clock'
import { openStore } from '../src/main/core/store'
import { startExchange } from '../src/main/core/sync/testing'
import { expect, OFFICE_NOW, signIn, test } from './fixtures'

test('a desk clock 400 days behind the exchange service: the clerk sees the clock banner', async ({ page, shot }) => {
  if (!existsSync(resolve('out/renderer/index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first')
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-e2e-clock-'))
  const ex = await startExchange()
  ex.clock.set(new Date(Date.parse(OFFICE_NOW) + 400 * 86_400_000).toISOString())
  const store = openStore(join(dir, 'desk.db'))
  const services = createServicesOn(store, fixedClock(OFFICE_NOW), { sync: { serverUrl: ex.url, pollMs: 2_000 } })
  const bridge = await startBridge({ handler: createApiHandler(services, () => {}), staticDir: resolve('out/renderer'), events: { 'sync.changed': services.changes.subscribe } })
  services.sync!.start()
  try {
    await signIn(page, bridge.url)
    const banner = page.getByTestId('clock-skew-banner')
    await expect(banner).toBeVisible()
    await expect(banner).toContainText('本机时钟比交换服务慢 400 天，请校准系统时间；校准前不能出具文书')
    await shot('clock-skew-banner')
  } finally {
    await services.sync!.stop()
    await bridge.close()
    store.close()
    await ex.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
