// 系统设置 in Chromium through the bridge: the admin edits the office's letter details and configures the
// signing certificate (a real OpenSSL P12 with a Chinese subject); a supervisor reads both.
import type { Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../src/main/core/testing/p12'
import { expect, signIn, test } from './fixtures'

const NEW_NAME = '教育部留学服务中心（测试分中心）'

async function signInAdmin(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('login-username').fill('admin')
  await page.getByTestId('login-password').fill('demo1234')
  await page.getByTestId('login-submit').click()
  // An administrator starts on 人员管理.
  await expect(page.getByTestId('staff-page')).toBeVisible()
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-page')).toBeVisible()
}

test('the admin edits the office details and configures the signing certificate; a supervisor reads them', async ({ page, desk, shot }) => {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-p12-e2e-'))
  const p12File = join(dir, '留学人员档案室.p12')
  writeFileSync(p12File, makeTestP12())
  try {
    await signInAdmin(page, desk.bridge.url)
    const form = page.getByTestId('office-form')
    await expect(page.getByTestId('office-name')).toHaveValue('教育部留学服务中心')
    await expect(page.getByTestId('signing-none')).toBeVisible()
    await shot('admin')

    // Wrong values are explained in Chinese and nothing is saved.
    await page.getByTestId('office-name').fill(NEW_NAME)
    await page.getByTestId('office-postcode').fill('10008')
    await page.getByTestId('office-email').fill('dangan@')
    await page.getByTestId('office-verify-url').fill('zwfw.cscse.edu.cn/verify/')
    await page.getByTestId('office-save').click()
    await expect(form).toContainText('邮政编码应为 6 位数字')
    await expect(form).toContainText('邮箱格式不正确')
    await expect(form).toContainText('核验网址应以 http:// 或 https:// 开头')
    await shot('office-invalid')

    await page.getByTestId('office-postcode').fill('100080')
    await page.getByTestId('office-email').fill('dangan@cscse.edu.cn')
    await page.getByTestId('office-verify-url').fill('https://zwfw.cscse.edu.cn/verify/')
    await page.keyboard.press('Control+s')
    await expect(page.getByText('单位信息已保存')).toBeVisible()
    expect((await desk.store.sqlite.prepare("SELECT value FROM settings WHERE key = 'office.name'").get()) as { value: string }).toEqual({
      value: NEW_NAME
    })

    // The certificate: a wrong passphrase is refused, the right one shows the certificate; the passphrase is not kept.
    const upload = page.getByTestId('signing-upload')
    await expect(upload).toContainText('系统不保存口令')
    await upload.locator('input[type=file]').setInputFiles(p12File)
    await expect(page.getByTestId('signing-file-name')).toHaveText('留学人员档案室.p12')
    await page.getByTestId('signing-passphrase').fill('档案室2025')
    await page.getByTestId('signing-submit').click()
    await expect(upload).toContainText('证书口令不正确')
    await expect(page.getByTestId('signing-certificate')).toHaveCount(0)
    await upload.scrollIntoViewIfNeeded()
    await shot('signing-wrong-passphrase')

    await page.getByTestId('signing-passphrase').fill(TEST_P12_PASSPHRASE)
    await page.getByTestId('signing-submit').click()
    const cert = page.getByTestId('signing-certificate')
    await expect(cert).toContainText('留学人员档案室电子签章')
    await expect(cert).toContainText('系统管理员')
    await expect(page.getByTestId('signing-passphrase')).toHaveValue('')
    await cert.scrollIntoViewIfNeeded()
    await shot('signing-configured')
    const stored = desk.store.sqlite.prepare("SELECT key, value FROM settings WHERE value LIKE ?").all(`%${TEST_P12_PASSPHRASE}%`)
    expect(stored).toEqual([])

    // A supervisor reads both, edits neither.
    await page.getByTestId('logout').click()
    await signIn(page, desk.bridge.url, 'super1')
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('office-view')).toContainText(NEW_NAME)
    await expect(page.getByTestId('office-save')).toHaveCount(0)
    await expect(page.getByTestId('signing-certificate')).toContainText('留学人员档案室电子签章')
    await expect(page.getByTestId('signing-upload')).toHaveCount(0)
    await shot('supervisor')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
