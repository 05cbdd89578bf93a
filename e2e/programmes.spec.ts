// 合作办学项目 (the joint-programme register) and 认证工作时限分类表 in Chromium through the bridge: a supervisor
// searches the demo register, imports a broken file (every wrong line listed, nothing imported), then a good
// one; edits the time-limit table with confirmation; a reviewer only reads the register.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findProgramme, registerSize } from '../src/main/core/programmes/register'
import { timeLimits } from '../src/main/core/settings/time-limits'
import { expect, signIn, test } from './fixtures'

const HEADER = '项目编号,项目名称,中方院校,外方院校,国家/地区,层次,批准有效期至,招生起始年,招生截止年,状态'
const line = (code: string, level = '硕士') => `${code},京华理工大学与美国俄亥俄河谷大学合作举办人工智能硕士学位教育项目,京华理工大学,美国俄亥俄河谷大学,美国,${level},2030-06-30,2024,,正常招生`

test('a supervisor searches and imports the joint-programme register and edits the time-limit table; a reviewer reads the register', async ({ page, desk, shot }) => {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-programmes-e2e-'))
  const broken = join(dir, '项目名单-有误.csv')
  const good = join(dir, '项目名单-新增.csv')
  writeFileSync(broken, '\ufeff' + [HEADER, line('MOE11US1A20241901N'), line('MOE11US1A20241902N', '研究生'), line(''), line('MOE11US1A20241901N')].join('\r\n'))
  writeFileSync(good, '\ufeff' + [HEADER, line('MOE11US1A20241901N')].join('\r\n'))
  const size = registerSize(desk.store)
  expect(size).toBeGreaterThanOrEqual(20)
  try {
    await signIn(page, desk.bridge.url, 'super1')
    await page.getByTestId('nav-programmes').click()
    await expect(page.getByTestId('programmes-page')).toBeVisible()
    await expect(page.getByTestId('programme-register-size')).toContainText(`名单共 ${size} 个项目`)

    // The search box has the focus: typing filters (code, name, institution, partial); ↓ moves the selection.
    await page.keyboard.type('蜀都')
    await expect(page.getByTestId('programme-table').locator('tbody tr.ant-table-row')).toHaveCount(2)
    await expect(page.getByTestId('programme-detail')).toContainText('蜀都医科大学')
    await page.keyboard.press('ArrowDown')
    await expect(page.getByTestId('programme-detail')).toContainText('MOE51US2A20131244N')
    await page.getByTestId('programme-search').fill('11gb1a')
    await expect(page.getByTestId('programme-row-MOE11GB1A20121305N')).toBeVisible()
    await page.getByTestId('programme-search').fill('')
    await expect(page.getByTestId('programme-table').locator('tbody tr.ant-table-row')).toHaveCount(12)
    await page.screenshot({ path: '/tmp/programmes-page.png' })
    await shot('register')

    // A broken file: every wrong line with its column; nothing imported.
    await page.getByTestId('programme-import').click()
    await page.locator('.ant-modal input[type=file]').setInputFiles(broken)
    await expect(page.getByTestId('programme-import-file-name')).toHaveText('项目名单-有误.csv')
    await page.getByTestId('programme-import-start').click()
    await expect(page.getByTestId('programme-import-error')).toContainText('文件中有 3 行有误，未导入任何项目')
    const failures = page.getByTestId('programme-import-failures')
    await expect(failures).toContainText('第 3 行')
    await expect(failures).toContainText('层次：“研究生”应为 专科、本科、硕士 或 博士')
    await expect(failures).toContainText('项目编号：不能为空')
    await expect(failures).toContainText('项目编号：MOE11US1A20241901N 与第 2 行重复')
    await page.screenshot({ path: '/tmp/programmes-import-errors.png' })
    await shot('import-errors')
    expect(registerSize(desk.store)).toBe(size)

    // The corrected file: added, found by the workbench's lookup.
    await page.locator('.ant-modal input[type=file]').setInputFiles(good)
    await expect(page.getByTestId('programme-import-file-name')).toHaveText('项目名单-新增.csv')
    await page.getByTestId('programme-import-start').click()
    await expect(page.getByTestId('programme-import-done')).toBeVisible()
    await page.getByTestId('programme-import-close').click()
    expect(findProgramme(desk.store, 'MOE11US1A20241901N')?.level).toBe('master')
    await expect(page.getByTestId('programme-register-size')).toContainText(`名单共 ${size + 1} 个项目`)

    // The time-limit table: a duplicate row is marked and cannot be saved; a change is saved after confirming.
    await page.getByTestId('nav-settings').click()
    const card = page.getByTestId('time-limits-card')
    await expect(page.getByTestId('time-limits-who')).toContainText('仅科长/主管或系统管理员可以修改')
    await expect(page.getByTestId('time-limits-who')).toContainText('目前为默认时限')
    await page.getByTestId('time-limit-add').click()
    const rows = await card.locator('tbody tr.ant-table-row').count()
    await page.getByTestId(`time-limit-country-${rows - 1}`).fill('美国')
    await expect(card).toContainText('同一国家/地区与院校只能有一行')
    await expect(page.getByTestId('time-limits-save')).toBeDisabled()
    await page.getByTestId(`time-limit-institution-${rows - 1}`).fill('美国中部理工大学')
    await page.locator('[data-testid="time-limit-days-' + (rows - 1) + '"] input, input[data-testid="time-limit-days-' + (rows - 1) + '"]').fill('8')
    await page.locator('[data-testid="time-limit-other"] input, input[data-testid="time-limit-other"]').fill('25')
    await page.getByTestId('time-limits-save').click()
    await expect(page.locator('.ant-popconfirm')).toContainText('保存后各窗口同步生效')
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: '/tmp/time-limits-confirm.png' })
    await page.locator('.ant-popconfirm').getByRole('button', { name: /保\s*存/ }).click()
    await expect(page.getByText('认证工作时限表已保存')).toBeVisible()
    await expect(page.getByTestId('time-limits-who')).toContainText('最近由')
    const saved = timeLimits(desk.store)
    expect(saved.otherDays).toBe(25)
    expect(saved.rows).toContainEqual({ country: '美国', institution: '美国中部理工大学', workingDays: 8 })
    await page.screenshot({ path: '/tmp/time-limits.png' })
    await shot('time-limits')

    // A reviewer reads the register; no import.
    await page.getByTestId('logout').click()
    await signIn(page, desk.bridge.url, 'reviewer1')
    await page.getByTestId('nav-programmes').click()
    await page.getByTestId('programme-search').fill('MOE11US1A20241901N')
    await expect(page.getByTestId('programme-detail')).toContainText('人工智能硕士学位教育项目')
    await expect(page.getByTestId('programme-import')).toHaveCount(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
