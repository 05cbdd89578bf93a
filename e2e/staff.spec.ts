// 人员管理 in Chromium through the bridge (a standalone demo desk): an administrator creates a clerk limited to
// the archive types, the clerk must change the temporary password and then works only those types; disabling
// the account signs its open window out. Reset password (shown once), unlock after failed sign-ins, sessions.
import type { Page } from '@playwright/test'
import { expect, openWindow, screenshotTo, signIn, test, type HasStore } from './fixtures'
import { changeTemporaryPassword, confirmPop, readTemporaryPassword, shotBoth, signInAdmin, staffRow, typeSignIn } from './staff-steps'
import { chooseMenuItem, closeOptions, openOptions, setChecked } from './ui'

const ARCHIVE_TYPES = ['archive_deposit', 'archive_transfer_out', 'archive_intake', 'material_filing']
const NEW_PASSWORD = 'Zhou-Dangan-2026'


/** An unassigned 存档申请 just submitted (in the clerk's default queue). */
function unassignedDeposit(services: HasStore): { id: string; caseNumber: string } {
  const row = services.store.sqlite
    .prepare("SELECT id, case_number AS caseNumber FROM cases WHERE type = 'archive_deposit' AND state = 'submitted' AND assignee_id IS NULL ORDER BY case_number LIMIT 1")
    .get() as { id: string; caseNumber: string } | undefined
  if (!row) throw new Error('the demo data has no unassigned 存档申请 in submitted')
  return row
}

/** A contract call from the page (its bridge token and session cookie), as the renderer makes it. */
async function call(page: Page, channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([channel, input]) => {
      const token = sessionStorage.getItem('casedesk.token') ?? ''
      const r = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-casedesk-token': token }, body: JSON.stringify(input) })
      return r.json()
    },
    [channel, input] as const
  )
}

test('an admin creates a clerk for the archive types; the clerk changes the temporary password and works; disabled, the clerk is signed out', async ({
  page,
  browser,
  desk,
  shot
}, testInfo) => {
  test.slow()
  await signInAdmin(page, desk.bridge.url)
  await expect(staffRow(page, 'clerk1')).toContainText('档案管理员')
  await expect(staffRow(page, 'admin')).toContainText('不适用')
  await shotBoth(page, shot, 'staff-list')

  // 新建人员: 档案管理员 limited to the four archive types (not 开具证明).
  await page.getByTestId('staff-new').click()
  await expect(page.getByTestId('staff-form')).toBeVisible()
  await page.getByTestId('staff-form-username').fill('clerk9')
  await page.getByTestId('staff-form-name').fill('周晓梅')
  await expect(page.getByTestId('staff-scope-certificate_request')).toBeDisabled()
  await setChecked(page.getByTestId('staff-scope-all'), false)
  await setChecked(page.getByTestId('staff-scope-certificate_request'), false)
  await shotBoth(page, shot, 'create-dialog')
  await page.getByTestId('staff-form-submit').click()
  const temporary = await readTemporaryPassword(page, () => shotBoth(page, shot, 'temp-password'))
  const row = staffRow(page, 'clerk9')
  await expect(row).toContainText('周晓梅')
  await expect(row).toContainText('存档申请、档案转出、档案接收、档案材料归档')
  await expect(row).toContainText('待修改密码')
  await page.getByTestId('logout').click()

  // clerk9 in a window of their own: the temporary password must be changed before anything else.
  const clerk = await openWindow(browser)
  const clerkShot = (name: string) => screenshotTo(clerk, testInfo, name)
  try {
    await clerk.goto(desk.bridge.url)
    await typeSignIn(clerk, 'clerk9', temporary)
    const dialog = clerk.getByTestId('change-password-modal')
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText('临时密码')
    await clerk.keyboard.press('Escape')
    await expect(dialog).toBeVisible()
    await expect(clerk.getByTestId('queue-table')).toHaveCount(0)
    await clerk.getByTestId('change-password-old').fill(temporary)
    await clerk.getByTestId('change-password-new').fill('1234567890')
    await expect(dialog).toContainText('该密码过于常见，请换一个')
    await clerk.getByTestId('change-password-new').fill('clerk9-dangan')
    await expect(dialog).toContainText('密码不能是用户名，也不能包含用户名')
    await clerk.getByTestId('change-password-new2').fill('clerk9-dangan')
    await shotBoth(clerk, clerkShot, 'forced-change-password')
    await clerk.getByTestId('change-password-submit').click()
    await expect(dialog).toBeVisible() // refused before it was sent
    await clerk.getByTestId('change-password-old').fill('')
    await changeTemporaryPassword(clerk, temporary, NEW_PASSWORD)
    await expect(clerk.getByTestId('queue-table')).toBeVisible()

    // Only the archive types are offered, and the queue holds nothing else.
    const offered = await openOptions(clerk.getByTestId('filter-type'))
    for (const label of ['存档申请', '档案转出', '档案接收', '档案材料归档']) await expect(offered.getByText(label, { exact: true })).toBeVisible()
    await expect(offered.getByText('开具证明', { exact: true })).toHaveCount(0)
    await expect(offered.getByText('学历学位认证', { exact: true })).toHaveCount(0)
    await closeOptions(clerk)
    const all = await call(clerk, 'queue.list', { types: [], pageSize: 200 })
    expect(all.ok).toBe(true)
    const types = new Set((all.value as { rows: { type: string }[] }).rows.map((r) => r.type))
    expect(types.size).toBeGreaterThan(0)
    for (const t of types) expect(ARCHIVE_TYPES).toContain(t)

    // …and claims one.
    const c = unassignedDeposit(desk)
    await clerk.getByTestId('queue-search').fill(c.caseNumber.slice(-8))
    await clerk.getByTestId(`row-claim-${c.caseNumber}`).click()
    await expect(clerk.getByTestId(`row-release-${c.caseNumber}`)).toBeVisible()

    // The administrator disables clerk9: the open window goes back to sign-in on its next call, saying why.
    await signInAdmin(page, desk.bridge.url)
    await expect(row).not.toContainText('待修改密码')
    await row.getByTestId('staff-disable').click()
    await expect(page.locator('.ant-popover:not(.ant-popover-hidden)')).toContainText('立即结束')
    await confirmPop(page)
    await expect(row.getByTestId('staff-status')).toHaveText('停用')
    await expect(row.getByTestId('staff-enable')).toBeVisible()
    await expect(clerk.getByTestId('login-notice')).toContainText('停用', { timeout: 15_000 })
    await clerkShot('signed-out-disabled')
    await typeSignIn(clerk, 'clerk9', NEW_PASSWORD)
    await expect(clerk.getByTestId('login-error')).toContainText('停用')
  } finally {
    await clerk.context().close()
  }
})

test('reset a password (shown once), unlock after failed sign-ins, end a session; every change is in the log', async ({ page, browser, desk, shot }, testInfo) => {
  test.slow()
  // clerk2 mistypes five times: the name is locked, even for the right password.
  await page.goto(desk.bridge.url)
  for (let i = 0; i < 5; i++) {
    await typeSignIn(page, 'clerk2', `wrong-password-${i}`)
    await expect(page.getByTestId('login-error')).toBeVisible()
  }
  await expect(page.getByTestId('login-error')).toContainText('锁定')
  await typeSignIn(page, 'clerk2', 'demo1234')
  await expect(page.getByTestId('login-error')).toContainText('锁定')

  await signInAdmin(page, desk.bridge.url)
  const row = staffRow(page, 'clerk2')
  await expect(row.getByTestId('staff-status')).toContainText('已锁定')
  await expect(staffRow(page, 'clerk1').getByTestId('staff-unlock')).toHaveCount(0)
  await row.getByTestId('staff-unlock').click()
  await expect(row.getByTestId('staff-status')).toHaveText('启用')
  await expect(row.getByTestId('staff-unlock')).toHaveCount(0)

  // clerk2 signs in in another window; the administrator sees that session and ends it.
  const other = await openWindow(browser)
  try {
    await signIn(other, desk.bridge.url, 'clerk2')
    await row.getByTestId('staff-sessions').click()
    const drawer = page.getByTestId('staff-sessions-drawer')
    await expect(drawer.locator('tbody tr.ant-table-row')).toHaveCount(1)
    await expect(drawer).toContainText('2026-11-23')
    await shotBoth(page, shot, 'sessions-drawer')
    await drawer.getByTestId('session-end').click()
    await page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('session-end-ok').click()
    await expect(drawer).toContainText('没有正在进行的会话')
    await page.keyboard.press('Escape')
    await expect(drawer).toBeHidden()
    await expect(other.getByTestId('login-notice')).toBeVisible({ timeout: 15_000 })

    // 重置密码: confirmed first, then the temporary password once; the old one no longer works.
    await row.getByTestId('staff-reset').click()
    await expect(page.locator('.ant-popover:not(.ant-popover-hidden)')).toContainText('只显示一次')
    await shotBoth(page, shot, 'reset-confirm')
    await confirmPop(page)
    const temporary = await readTemporaryPassword(page)
    await expect(row).toContainText('待修改密码')
    await typeSignIn(other, 'clerk2', 'demo1234')
    await expect(other.getByTestId('login-error')).toBeVisible()
    await typeSignIn(other, 'clerk2', temporary)
    await changeTemporaryPassword(other, temporary, 'Li-Na-Archive-77')
    await expect(other.getByTestId('queue-table')).toBeVisible()
  } finally {
    await other.context().close()
  }

  // The log: who did what to which account.
  await page.getByRole('tab', { name: '操作记录' }).click()
  const log = page.getByTestId('staff-events-all')
  for (const text of ['解除锁定', '结束会话', '重置密码', '修改密码']) await expect(log).toContainText(text)
  await shotBoth(page, shot, 'events')
  await page.getByRole('tab', { name: '人员' }).click()
  await row.getByTestId('staff-events').click()
  await expect(page.getByTestId('staff-events-list')).toContainText('重置密码')
  await screenshotTo(page, testInfo, 'events-of-one')
})

test('a voluntary password change from the top bar; 账号安全 and 交换服务 in 系统设置', async ({ page, desk, shot }) => {
  await signIn(page, desk.bridge.url, 'super1')
  const dialog = page.getByTestId('change-password-modal')
  await chooseMenuItem(page.getByTestId('current-staff'), (menu) => menu.getByTestId('menu-change-password'), () => expect(dialog).toBeVisible({ timeout: 3_000 }))
  await expect(dialog).toContainText('旧密码')
  await page.keyboard.press('Escape') // a voluntary change can be put off
  await expect(dialog).toBeHidden()
  await chooseMenuItem(page.getByTestId('current-staff'), (menu) => menu.getByTestId('menu-change-password'), () => expect(dialog).toBeVisible({ timeout: 3_000 }))
  await page.getByTestId('change-password-old').fill('not-my-password')
  await page.getByTestId('change-password-new').fill('Super-Visor-2026')
  await page.getByTestId('change-password-new2').fill('Super-Visor-2026')
  await page.getByTestId('change-password-new2').press('Enter')
  await expect(page.getByTestId('change-password-error')).toBeVisible()
  await shot('change-password-wrong-old')
  await page.getByTestId('change-password-old').fill('demo1234')
  await page.getByTestId('change-password-submit').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('密码已修改')).toBeVisible()
  await expect(page.getByTestId('queue-table')).toBeVisible()
  // The page's clock is frozen, so toasts never leave: hide them, they would cover the top bar.
  await page.addStyleTag({ content: '.ant-message { display: none !important; }' })

  // A supervisor reads the security settings.
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('security-view')).toContainText('30 分钟')
  await expect(page.getByTestId('security-idle')).toHaveCount(0)
  await expect(page.getByTestId('server-card')).toHaveCount(0)
  await page.getByTestId('logout').click()
  await typeSignIn(page, 'super1', 'Super-Visor-2026')
  await expect(page.getByTestId('queue-table')).toBeVisible()
  await page.getByTestId('logout').click()

  // The administrator edits them; the 交换服务 card says this desk works alone.
  await signInAdmin(page, desk.bridge.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('security-idle').fill('15')
  await page.getByTestId('security-offline-days').fill('3')
  await page.getByTestId('security-save').click()
  await expect(page.getByTestId('security-save')).toBeDisabled()
  await expect(page.getByTestId('server-view')).toContainText('单机使用')
  await page.getByTestId('server-card').scrollIntoViewIfNeeded()
  await shotBoth(page, shot, 'settings-security')
  const r = await call(page, 'settings.security', {})
  expect(r).toMatchObject({ ok: true, value: { sessionIdleMinutes: 15, offlineSignInDays: 3 } })
})

test('edit an account: name, 业务范围 and role; the administrator cannot disable or demote their own account', async ({ page, desk, shot }) => {
  await signInAdmin(page, desk.bridge.url)
  const form = page.getByTestId('staff-form')
  await expect(staffRow(page, 'admin').getByTestId('staff-disable')).toBeDisabled()
  await staffRow(page, 'admin').getByTestId('staff-edit').click()
  await expect(form).toContainText('不能修改自己的角色')
  await expect(form).toContainText('系统管理员不办理业务')
  await page.keyboard.press('Escape')
  await expect(form).toBeHidden()

  // 业务范围: at least one type; Enter saves.
  const reviewer = staffRow(page, 'reviewer1')
  await reviewer.getByTestId('staff-edit').click()
  await expect(form).toContainText('修改角色或业务范围后')
  await page.getByTestId('staff-form-name').fill('王芳芳')
  await setChecked(page.getByTestId('staff-scope-all'), false)
  for (const t of ['degree_certification', 'certification_rereview', 'certification_refund', 'employment_registration']) await setChecked(page.getByTestId(`staff-scope-${t}`), false)
  await page.getByTestId('staff-form-submit').click()
  await expect(form).toContainText('请至少选择一项业务范围')
  await setChecked(page.getByTestId('staff-scope-degree_certification'), true)
  await shot('edit-dialog')
  await page.getByTestId('staff-form-name').press('Enter')
  await expect(form).toBeHidden()
  await expect(reviewer).toContainText('王芳芳')
  await expect(reviewer.getByTestId('staff-scope')).toHaveText('学历学位认证')

  // Another role starts again from 全部业务.
  await reviewer.getByTestId('staff-edit').click()
  await page.getByTestId('staff-role-supervisor').click()
  await expect(page.getByTestId('staff-scope-all')).toBeChecked()
  await page.getByTestId('staff-form-submit').click()
  await expect(form).toBeHidden()
  await expect(reviewer).toContainText('科长/主管')
  await expect(reviewer.getByTestId('staff-scope')).toHaveText('全部')
  await page.getByRole('tab', { name: '操作记录' }).click()
  await expect(page.getByTestId('staff-events-all')).toContainText('修改角色/范围')
})
