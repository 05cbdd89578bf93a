import type { Page } from '@playwright/test'
import { expect, signIn, test, type HasStore } from './fixtures'

/** A demo archive deposited through its one archive-deposit case, individual, on a shelf (what a clerk is asked about). */
function pickArchive(services: HasStore): { id: number; archiveNumber: string; name: string; idNumber: string; shelf: string } {
  return services.store.sqlite
    .prepare(
      `SELECT ar.id, ar.archive_number AS archiveNumber, a.name, a.id_number AS idNumber, ar.shelf_location AS shelf
       FROM archives ar JOIN applicants a ON a.id = ar.applicant_id
       WHERE ar.status = 'in_storage' AND ar.shelf_location IS NOT NULL AND ar.category = 'individual'
         AND (SELECT group_concat(c.type || ':' || c.state) FROM cases c WHERE c.applicant_id = ar.applicant_id) = 'archive_deposit:deposited'
       ORDER BY ar.id LIMIT 1`
    )
    .get() as { id: number; archiveNumber: string; name: string; idNumber: string; shelf: string }
}

async function openRegister(page: Page): Promise<void> {
  await page.getByTestId('nav-register').click()
  await expect(page.getByTestId('archive-register')).toBeVisible()
  await expect(page.getByTestId('archive-search')).toBeFocused()
}

test('register (档案存储地查询): find an archive by number, name or ID number and see where it is and its chain of custody', async ({ page, desk, shot }) => {
  const a = pickArchive(desk)
  await signIn(page, desk.bridge.url)
  await openRegister(page)
  await expect(page.getByTestId('archive-row').first()).toBeVisible()
  await shot('register')

  // Enter on the exact archive number opens it at once: status, shelf, custodian in one line.
  await page.getByTestId('archive-search').fill(a.archiveNumber)
  await page.keyboard.press('Enter')
  const detail = page.getByTestId('archive-detail')
  await expect(detail).toHaveAttribute('data-archive-id', String(a.id))
  await expect(page.getByTestId('archive-location')).toHaveText(`档案存储地：本中心档案室 ${a.shelf} 架位`)
  await expect(page.getByTestId('archive-detail-status')).toHaveText('在库')
  const chain = page.getByTestId('custody-entry')
  await expect(chain).toHaveCount(3)
  await expect(chain.nth(0)).toHaveAttribute('data-kind', 'received')
  await expect(chain.nth(0)).toContainText('机要/EMS 单号')
  await expect(chain.nth(1)).toContainText(`档案编号 ${a.archiveNumber}`)
  await expect(chain.nth(2)).toContainText(`本中心档案室 → ${a.shelf}`)
  await expect(page.getByTestId('archive-case')).toHaveCount(1)
  await shot('detail')

  // By name (partial, the list masks it) and by ID number (Enter opens the one archive).
  await page.getByTestId('archive-search').fill(a.name.slice(1))
  await page.keyboard.press('Enter')
  await expect(page.locator(`[data-testid=archive-row][data-archive-number="${a.archiveNumber}"]`)).toBeVisible()
  await expect(page.locator(`[data-testid=archive-row][data-archive-number="${a.archiveNumber}"]`)).toContainText(`${a.name[0]}*`)
  await page.getByTestId('archive-search').fill('')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('archive-row')).not.toHaveCount(1)
  await page.getByTestId('archive-search').fill(a.idNumber)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('archive-row')).toHaveCount(1)
  await expect(detail).toHaveAttribute('data-archive-id', String(a.id))

  // `/` goes back to the search box from anywhere on the page.
  await detail.click()
  await page.keyboard.press('/')
  await expect(page.getByTestId('archive-search')).toBeFocused()

  // The case the archive came with opens from the register.
  const caseNumber = await page.getByTestId('archive-case').getAttribute('data-case-number')
  await page.getByTestId('archive-case-open').click()
  await expect(page.getByTestId('case-header')).toContainText(caseNumber!)
})

test('move shelf (移架): a bad shelf code is refused in Chinese; a good one moves the archive and shows in the custody timeline', async ({ page, desk, shot }) => {
  const a = pickArchive(desk)
  const to = a.shelf.startsWith('A') ? 'B-07-03' : 'A-07-03'
  await signIn(page, desk.bridge.url)
  await openRegister(page)
  await page.getByTestId('archive-search').fill(a.archiveNumber)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('archive-detail')).toHaveAttribute('data-archive-id', String(a.id))

  await page.getByTestId('archive-move').click()
  const modal = page.getByTestId('move-modal')
  await modal.getByTestId('move-shelf').fill('A区三架')
  await modal.getByTestId('move-submit').click()
  await expect(modal).toContainText('架位编号格式不正确：应为“区-架-层”，如 A-03-12')
  await shot('move-invalid')

  // Typed loosely, recorded canonically.
  await modal.getByTestId('move-shelf').fill(to.toLowerCase().replace(/-0/g, '-'))
  await expect(modal).toContainText(`将登记为 ${to}`)
  await modal.getByTestId('move-note').fill('库房整理')
  await shot('move-valid')
  await modal.getByTestId('move-submit').click()
  await expect(modal).toBeHidden()

  await expect(page.getByTestId('archive-location')).toHaveText(`档案存储地：本中心档案室 ${to} 架位`)
  const last = page.getByTestId('custody-entry').last()
  await expect(last).toHaveAttribute('data-kind', 'moved')
  await expect(last).toContainText(`${a.shelf} → ${to}`)
  await expect(last).toContainText('张敏')
  await expect(last).toContainText('库房整理')
  await expect(page.locator(`[data-testid=archive-row][data-archive-number="${a.archiveNumber}"]`)).toContainText(to)
  await shot('moved')

  // The desk recorded it for the exchange service.
  const row = desk.store.sqlite.prepare("SELECT args FROM outbox WHERE name = 'archive.move'").get() as { args: string }
  expect(JSON.parse(row.args)).toMatchObject({ archiveNumber: a.archiveNumber, toShelf: to, note: '库房整理' })
})

test('edit record (修改存档信息): the changes are confirmed first and recorded with who and when', async ({ page, desk, shot }) => {
  const a = pickArchive(desk)
  await signIn(page, desk.bridge.url, 'super1')
  await openRegister(page)
  await page.getByTestId('archive-search').fill(a.archiveNumber)
  await page.keyboard.press('Enter')
  await page.getByTestId('archive-edit').click()
  const modal = page.getByTestId('edit-modal')
  await modal.getByText('单位存档').click()
  await modal.getByTestId('edit-submit').click()
  await expect(modal).toContainText('单位存档须填写存档单位全称')
  await modal.getByTestId('edit-employer').fill('北京某科技有限公司')
  await modal.getByTestId('edit-note').fill('单位来函')
  await modal.getByTestId('edit-submit').click()
  const confirm = page.getByTestId('edit-confirm')
  await expect(confirm).toContainText('存档类别：个人存档→单位存档')
  await expect(confirm).toContainText('存档单位：（空）→北京某科技有限公司')
  await shot('edit-confirm')
  await page.getByTestId('edit-confirm-ok').click()
  await expect(page.getByTestId('archive-record')).toContainText('北京某科技有限公司')
  const last = page.getByTestId('custody-entry').last()
  await expect(last).toHaveAttribute('data-kind', 'updated')
  await expect(last).toContainText('赵建国')
  await expect(last).toContainText('（单位来函）')
  await shot('edited')
})
