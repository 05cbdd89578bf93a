// A record the renderer cannot show (a form that broke the rules before the service checked them, garbage in
// other fields) becomes an error card with its case number; the queue, the rest of the case page and the
// app's top bar keep working. Never a white window.
import type { Page } from '@playwright/test'
import { expect, signIn, test, type HasStore } from './fixtures'
import { shotBoth } from './staff-steps'

interface Picked {
  id: string
  caseNumber: string
  form: string
}

/** Unassigned archive deposits awaiting acceptance, straight from the desk's store. */
function pickDeposits(services: HasStore, n: number): Picked[] {
  return services.store.sqlite
    .prepare(
      `SELECT id, case_number AS caseNumber, form FROM cases
       WHERE type = 'archive_deposit' AND state = 'submitted' AND assignee_id IS NULL ORDER BY case_number LIMIT ?`
    )
    .all(n) as Picked[]
}

/** Writes straight into the desk's store, as an unchecked portal submission (or a damaged sync) would have. */
function poison(services: HasStore, c: Picked, patch: { form: unknown; subtype?: string }): void {
  services.store.sqlite.prepare('UPDATE cases SET form = ?, subtype = coalesce(?, subtype) WHERE id = ?').run(JSON.stringify(patch.form), patch.subtype ?? null, c.id)
}

const row = (page: Page, caseNumber: string) => page.locator(`[data-testid=queue-row][data-case-number="${caseNumber}"]`)

/** Searches the queue and waits for the answer (one case for a whole case number). */
async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('queue-search').fill(text)
  if (text) await expect(page.getByTestId('queue-total')).toHaveText('共 1 件')
  else await expect(page.getByTestId('queue-total')).not.toHaveText('共 1 件')
}

async function openFromQueue(page: Page, caseNumber: string): Promise<void> {
  await search(page, caseNumber)
  await row(page, caseNumber).click()
  await expect(page.getByTestId('case-page').or(page.getByTestId('error-card')).first()).toBeVisible()
}

test('a poisoned record becomes an error card with its case number; the queue and the rest of the page work', async ({ page, desk, shot }) => {
  const [cvNotList, garbage, healthy] = pickDeposits(desk, 3)
  // `cv: "not-a-list"`: the archive deposit had no form schema (issue 12); the CV table threw `rawData.some`.
  poison(desk, cvNotList, { form: { ...JSON.parse(cvNotList.form), cv: 'not-a-list' } })
  // Garbage everywhere: objects where text belongs, a number where a list belongs, a subtype from Object.prototype.
  poison(desk, garbage, {
    subtype: '__proto__',
    form: { cv: [null, { from: { y: 2020 }, to: [1], organisation: { name: 'x' } }], overseas: 7, custodian: { a: 1 }, custodianAddress: ['x'], agreementAccepted: 'yes' }
  })
  // And a damaged queue answer for that row (an object where the masked ID number belongs): a cell that throws.
  await page.route('**/api/queue.list', async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { ok: boolean; value?: { rows: Record<string, unknown>[] } }
    for (const row of body.value?.rows ?? []) if (row.id === garbage.id) row.idNumber = { damaged: true }
    await route.fulfill({ response, json: body })
  })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))

  await signIn(page, desk.bridge.url)
  // The queue renders with the other cases: the garbage row shows an error cell, the rows around it are intact.
  for (const c of [cvNotList, healthy, garbage]) {
    await search(page, c.caseNumber)
    await expect(row(page, c.caseNumber)).toContainText(c.caseNumber)
  }
  await expect(row(page, garbage.caseNumber).getByTestId('error-cell')).toHaveCount(1)
  await expect(row(page, garbage.caseNumber)).toContainText('__proto__')
  await search(page, '')
  await expect(page.getByTestId('queue-row').nth(1)).toBeVisible()
  await row(page, garbage.caseNumber).scrollIntoViewIfNeeded()
  await expect(row(page, garbage.caseNumber).getByTestId('error-cell')).toBeVisible()
  await expect(page.getByTestId('top-bar')).toBeVisible()
  await shotBoth(page, shot, 'queue-with-poisoned-row')

  // The CV that is not a list: the form panel is an error card naming the case; the header, actions,
  // history and documents still work.
  await openFromQueue(page, cvNotList.caseNumber)
  await expect(page.getByTestId('case-header')).toContainText(cvNotList.caseNumber)
  const card = page.getByTestId('error-card')
  await expect(card).toBeVisible()
  await expect(card).toContainText(cvNotList.caseNumber)
  await expect(card).toContainText('无法显示')
  // The desk says what is wrong with the stored form (formProblem) and issues no letter from it.
  await expect(page.getByTestId('form-problem')).toContainText('申请表数据格式有误')
  await expect(page.getByTestId('form-problem')).toContainText('国内个人履历应为列表')
  await expect(page.getByTestId('top-bar')).toBeVisible()
  await expect(page.getByTestId('attachment-item').first()).toBeVisible()
  await page.getByTestId('attachment-item').first().click()
  await expect(page.getByTestId('viewer-title')).toContainText('身份证')
  await card.scrollIntoViewIfNeeded()
  await shotBoth(page, shot, 'field-error-card')
  // 复制详情: the case, the field and the stored value go to the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await card.getByTestId('error-copy').click()
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(cvNotList.caseNumber)
  await expect(card.getByTestId('error-detail')).toContainText('not-a-list')

  // The case page of the garbage record: whatever breaks is shown as error cards, the app stays up.
  await page.getByTestId('back-to-queue').click()
  await openFromQueue(page, garbage.caseNumber)
  await expect(page.getByTestId('case-header')).toContainText(garbage.caseNumber)
  // The CV's cells hold objects: the form panel's boundary shows its card, with React's component stack.
  const panel = page.locator('[data-testid=error-card][data-level=panel]')
  await expect(panel).toContainText(garbage.caseNumber)
  await expect(panel).toContainText('申请表无法显示')
  await expect(panel.getByTestId('error-detail')).toContainText('DepositFormView')
  // The applicant beside it, the history and the documents still show.
  await expect(page.getByTestId('applicant-name')).toBeVisible()
  await expect(page.getByTestId('attachment-item').first()).toBeVisible()
  await expect(page.getByTestId('top-bar')).toBeVisible()
  await panel.scrollIntoViewIfNeeded()
  await shotBoth(page, shot, 'panel-error-card')
  await panel.getByTestId('error-copy').click()
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('DepositFormView')

  // Back to the queue (navigation resets the boundaries) and on to a healthy case: it shows as before.
  await page.getByTestId('nav-queue').click()
  await openFromQueue(page, healthy.caseNumber)
  await expect(page.getByTestId('case-header')).toContainText(healthy.caseNumber)
  await expect(page.getByTestId('error-card')).toHaveCount(0)
  await expect(page.getByTestId('form-problem')).toHaveCount(0)
  await expect(page.getByTestId('form-custodian')).toBeVisible()
  expect(errors).toEqual([])
})

test('a case the page itself cannot lay out shows a page error card with the case number; the top bar leads away', async ({ page, desk, shot }) => {
  const [c] = pickDeposits(desk, 1)
  // A damaged answer (a main process of another version, a broken store read): the attachments are not a list,
  // which the case page itself walks (J/K order) before any panel renders.
  await page.route('**/api/cases.get', async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { ok: boolean; value?: Record<string, unknown> }
    if (body.ok && body.value?.id === c.id) body.value.attachments = 'not-a-list'
    await route.fulfill({ response, json: body })
  })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await signIn(page, desk.bridge.url)
  await openFromQueue(page, c.caseNumber)
  const card = page.getByTestId('error-card')
  await expect(card).toHaveAttribute('data-level', 'page')
  await expect(card).toContainText(c.caseNumber)
  await expect(page.getByTestId('top-bar')).toBeVisible()
  await shotBoth(page, shot, 'page-error-card')
  // 返回工作队列 on the card, then the top bar's 工作队列: each leaves the broken page, and the queue works.
  await card.getByTestId('error-back').click()
  await expect(page.getByTestId('queue-table')).toBeVisible()
  await expect(page.getByTestId('error-card')).toHaveCount(0)
  await openFromQueue(page, c.caseNumber)
  await expect(page.getByTestId('error-card')).toBeVisible()
  await page.getByTestId('nav-queue').click()
  await expect(page.getByTestId('queue-table')).toBeVisible()
  await expect(page.getByTestId('error-card')).toHaveCount(0)
  expect(errors).toEqual([])
})
