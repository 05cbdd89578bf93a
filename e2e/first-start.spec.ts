// The desk's first start in Chromium through the bridge: a desk with no data, no account and no mode shows the
// choice (连接交换服务 / 单机使用). 单机使用 creates the first administrator here; 连接交换服务 reaches a fresh exchange
// service (the real one, on PGlite) and creates its first administrator with the setup code it printed.
import { createServer, type AddressInfo } from 'node:net'
import { buildApp } from '../server/src/app'
import { newSetupCode, formatSetupCode } from '../server/src/auth/setup'
import { testClock } from '../server/src/clock'
import { openTestDb } from '../server/src/testing/harness'
import { animationsDone, expect, OFFICE_NOW, test } from './fixtures'
import { shotBoth, typeSignIn } from './staff-steps'

const GOOD_PASSWORD = 'Dangan-Office-2026'

/** A loopback port nothing listens on (taken and given back). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise((done) => server.close(done))
  return port
}

test('first start: the choice, then 单机使用 creates the first administrator, who lands on 人员管理', async ({ page, blankDesk, shot }) => {
  await page.goto(blankDesk.bridge.url)
  await expect(page.getByTestId('first-start')).toBeVisible()
  const server = page.getByTestId('first-start-server')
  const standalone = page.getByTestId('first-start-standalone')
  await expect(server).toContainText('连接交换服务')
  await expect(server).toContainText('须使用 https://')
  await expect(standalone).toContainText('单机使用')
  await shotBoth(page, shot, 'first-start')

  // A remote address over plain http is refused before anything is sent; a loopback one with nothing listening
  // is tried and the test names what failed.
  await page.getByTestId('setup-url').fill('http://casedesk.example.cn')
  await page.getByTestId('setup-test').click()
  // The field's own error (the hint under it says "须使用 https://" too).
  await expect(server).toContainText('仅本机地址 localhost / 127.0.0.1 可用 http://')
  await page.getByTestId('setup-url').fill(`http://127.0.0.1:${await closedPort()}`)
  // The error collapses away (moving the button up) before the click: a click during the motion can miss it.
  await expect(server).not.toContainText('仅本机地址 localhost / 127.0.0.1 可用 http://')
  await animationsDone(page)
  await page.getByTestId('setup-test').click()
  await expect(page.getByTestId('setup-test-result')).toContainText('连接失败')
  await shot('first-start-test-failed')

  // 单机使用: the policy is shown, and applied as the password is typed.
  await page.getByTestId('setup-username').fill('wangli')
  await page.getByTestId('setup-name').fill('王丽')
  await expect(standalone).toContainText('至少 10 个字符')
  await page.getByTestId('setup-password').fill('wangli2026')
  await expect(standalone).toContainText('密码不能是用户名，也不能包含用户名')
  await page.getByTestId('setup-password').fill('1234567890')
  await expect(standalone).toContainText('该密码过于常见，请换一个')
  await page.getByTestId('setup-password').fill(GOOD_PASSWORD)
  await page.getByTestId('setup-password2').fill(GOOD_PASSWORD + 'x')
  await page.getByTestId('setup-submit').click()
  await expect(standalone).toContainText('两次输入的密码不一致')
  await shot('first-start-standalone-invalid')
  expect(blankDesk.store.sqlite.prepare("SELECT count(*) AS n FROM staff WHERE password_hash <> '!'").get()).toEqual({ n: 0 })

  await page.getByTestId('setup-password2').fill(GOOD_PASSWORD)
  await page.getByTestId('setup-password2').press('Enter')
  await expect(page.getByTestId('staff-page')).toBeVisible()
  await expect(page.getByTestId('nav-staff')).toBeVisible()
  await expect(page.getByTestId('staff-row-wangli')).toContainText('王丽')
  await expect(page.getByTestId('staff-row-wangli')).toContainText('系统管理员')
  await shotBoth(page, shot, 'first-admin-signed-in')
  expect(blankDesk.store.sqlite.prepare("SELECT value FROM settings WHERE key = 'desk.mode'").get()).toEqual({ value: 'standalone' })

  // From now on the desk opens on the sign-in page, which says how it is set up.
  await page.getByTestId('logout').click()
  await expect(page.getByTestId('login-mode')).toHaveText('单机使用')
  await page.reload()
  await expect(page.getByTestId('login-username')).toBeVisible()
  await expect(page.getByTestId('first-start')).toHaveCount(0)
  await typeSignIn(page, 'wangli', GOOD_PASSWORD)
  await expect(page.getByTestId('staff-page')).toBeVisible()
})

test('first start: 连接交换服务 to a fresh service, then its first administrator with the setup code', async ({ page, blankDesk, shot }) => {
  const sdb = await openTestDb()
  const app = buildApp({ db: sdb, clock: testClock(OFFICE_NOW) })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const code = await newSetupCode(sdb.db)
  try {
    await page.goto(blankDesk.bridge.url)
    await page.getByTestId('setup-url').fill(url)
    await page.getByTestId('setup-url').press('Enter') // Enter tests the address
    const result = page.getByTestId('setup-test-result')
    await expect(result).toContainText('连接成功')
    await expect(result).toContainText('尚未初始化')
    await shot('server-test-ok')
    await page.getByTestId('setup-connect').click()

    // The service has no account yet: its setup code and the first administrator's fields.
    await expect(page.getByTestId('first-admin')).toBeVisible()
    await expect(page.getByTestId('first-admin-url')).toHaveText(url)
    await page.getByTestId('setup-code').fill('AAAA-BBBB-CCCC')
    await page.getByTestId('setup-username').fill('zhaomin')
    await page.getByTestId('setup-name').fill('赵敏')
    await page.getByTestId('setup-password').fill(GOOD_PASSWORD)
    await page.getByTestId('setup-password2').fill(GOOD_PASSWORD)
    await page.getByTestId('setup-submit').click()
    await expect(page.getByTestId('setup-error')).toBeVisible()
    await shotBoth(page, shot, 'first-admin-code')

    await page.getByTestId('setup-code').fill(formatSetupCode(code).toLowerCase())
    await page.getByTestId('setup-submit').click()
    await expect(page.getByTestId('staff-page')).toBeVisible()
    await expect(page.getByTestId('staff-row-zhaomin')).toContainText('赵敏')

    // Later the administrator changes the address (here: the same service): tested first, and the desk's unsent
    // work is named and confirmed before it is sent to the new address.
    blankDesk.store.sqlite.prepare("INSERT INTO outbox (id, name, args) VALUES ('e2e-queued-1', 'claim', '{}')").run()
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('server-url')).toContainText('127.0.0.1')
    await page.getByTestId('server-change').click()
    await expect(page.getByTestId('server-pending')).toContainText('1 项操作尚未发送')
    await expect(page.getByTestId('setup-connect')).toBeDisabled()
    await page.getByTestId('setup-test').click()
    await expect(page.getByTestId('setup-test-result')).toContainText('连接成功')
    await page.getByTestId('setup-connect').click()
    const confirm = page.locator('.ant-modal-confirm')
    await expect(confirm).toContainText('本机有 1 项操作尚未发送')
    await page.getByTestId('server-change-form').scrollIntoViewIfNeeded()
    await shotBoth(page, shot, 'server-change-pending')
    await page.getByTestId('server-pending-ok').click()
    await expect(page.getByTestId('server-change-form')).toHaveCount(0)

    // The desk is that service's desk now; its sign-in page names the address.
    await page.getByTestId('logout').click()
    await expect(page.getByTestId('login-mode')).toContainText(`交换服务 ${url}`)
  } finally {
    await app.close()
    await sdb.close()
  }
})
