// Steps the first-start and staff-administration specs share (accounts, passwords, screenshots at two sizes).
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/** The office's laptops: the smallest screen the desk is laid out for. */
export const SMALL_VIEWPORT = { width: 1366, height: 768 }
const DEFAULT_VIEWPORT = { width: 1440, height: 900 }

/** A screenshot at the default size and one at 1366×768 (`<name>-1366`), then back to the default size. */
export async function shotBoth(page: Page, shot: (name: string) => Promise<void>, name: string): Promise<void> {
  await shot(name)
  await page.setViewportSize(SMALL_VIEWPORT)
  await shot(`${name}-1366`)
  await page.setViewportSize(DEFAULT_VIEWPORT)
}

/** Signs in through the sign-in page (no check of where it lands). */
export async function typeSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
}

/** Signs the administrator in; an administrator starts on 人员管理. */
export async function signInAdmin(page: Page, url: string, password = 'demo1234', username = 'admin'): Promise<void> {
  await page.goto(url)
  await typeSignIn(page, username, password)
  await expect(page.getByTestId('staff-page')).toBeVisible()
  await expect(page.getByTestId('staff-table')).toBeVisible()
}

export const staffRow = (page: Page, username: string) => page.getByTestId(`staff-row-${username}`)

/** Confirms the open Popconfirm (its OK button). */
export async function confirmPop(page: Page): Promise<void> {
  const ok = page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('staff-confirm-ok')
  await expect(ok).toBeVisible()
  await ok.click()
  await expect(ok).toBeHidden()
}

/** The temporary password shown once (created or reset), read off the dialog, which is then closed. */
export async function readTemporaryPassword(page: Page, shot?: () => Promise<void>): Promise<string> {
  const dialog = page.getByTestId('temp-password-modal')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('只显示这一次')
  const password = (await page.getByTestId('temp-password').innerText()).trim()
  expect(password).toMatch(/^[A-Za-z0-9]{12}$/)
  if (shot) await shot()
  await page.getByTestId('temp-password-close').click()
  await expect(dialog).toBeHidden()
  return password
}

/** The forced 修改密码 after a temporary password: a weak one is refused as typed, then a good one is set. */
export async function changeTemporaryPassword(page: Page, temporary: string, next: string): Promise<void> {
  const dialog = page.getByTestId('change-password-modal')
  await expect(dialog).toBeVisible()
  await page.getByTestId('change-password-old').fill(temporary)
  await page.getByTestId('change-password-new').fill(next)
  await page.getByTestId('change-password-new2').fill(next)
  await page.getByTestId('change-password-submit').click()
  await expect(dialog).toBeHidden()
}
