import type { Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { arrearsCutoff } from '../src/main/core/cases/checks'
import { monthsBefore } from '../tools/demo/archive-holders'
import { expect, signIn, test, type HasStore } from './fixtures'
import { chooseOption, closeOptions, openOptions } from './ui'

/** The archive office's other case types, worked through the UI by a clerk (demo data, office day 2026-11-23). */

interface Picked {
  id: string
  caseNumber: string
  name: string
  applicantId: number
  form: Record<string, unknown>
}

/** An unassigned case of `type` in `state` (`where` narrows it, on `c` the case and `ar` its archive). */
function pick(services: HasStore, type: string, state: string, where = '1 = 1'): Picked {
  const row = services.store.sqlite
    .prepare(
      `SELECT c.id, c.case_number AS caseNumber, a.name, c.applicant_id AS applicantId, c.form FROM cases c
       JOIN applicants a ON a.id = c.applicant_id LEFT JOIN archives ar ON ar.applicant_id = c.applicant_id
       WHERE c.type = ? AND c.state = ? AND c.assignee_id IS NULL AND ${where} ORDER BY c.case_number LIMIT 1`
    )
    .get(type, state) as (Omit<Picked, 'form'> & { form: string }) | undefined
  if (!row) throw new Error(`the demo data has no unassigned ${type} in ${state}`)
  return { ...row, form: JSON.parse(row.form) as Record<string, unknown> }
}

/** The queue shows one type at a time (存档申请 first): choose it, then search, claim and open the case. */
async function findAndClaim(page: Page, typeLabel: string, caseNumber: string): Promise<void> {
  await chooseOption(page.getByTestId('filter-type'), typeLabel)
  await page.getByTestId('queue-search').fill(caseNumber.slice(-8))
  await expect(page.getByTestId(`row-open-${caseNumber}`)).toBeVisible()
  await expect(page.getByTestId('queue-total')).toContainText('1')
  await page.getByTestId(`row-claim-${caseNumber}`).click()
  await expect(page.getByTestId(`row-release-${caseNumber}`)).toBeVisible()
  await page.getByTestId(`row-open-${caseNumber}`).click()
  await expect(page.getByTestId('case-header')).toContainText(caseNumber)
}

/** Confirms the action's dialog (a click swallowed while the dialog still animates in is repeated). */
async function confirm(page: Page): Promise<void> {
  const ok = page.getByTestId('confirm-ok')
  await expect(async () => {
    if (await ok.isVisible()) await ok.click({ timeout: 2_000 })
    await expect(ok).toBeHidden({ timeout: 2_000 })
  }).toPass()
}

/** The text of the letter a case was issued (pdftotext), with its status. */
function letterText(services: HasStore, caseId: string, docType: string): { text: string; status: string; number: string } {
  const doc = services.store.sqlite
    .prepare('SELECT d.number, d.status, b.data FROM issued_documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.case_id = ? AND d.doc_type = ?')
    .get(caseId, docType) as { number: string; status: string; data: Buffer }
  const file = join(mkdtempSync(join(tmpdir(), 'casedesk-e2e-pdf-')), 'letter.pdf')
  writeFileSync(file, doc.data)
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''), status: doc.status, number: doc.number }
}

test('transfer out: the queue filters the type, the clerk approves beside the archive record and records the dispatch', async ({ page, desk, shot }) => {
  await signIn(page, desk.bridge.url)
  const types = await openOptions(page.getByTestId('filter-type'))
  for (const label of ['存档申请', '档案转出', '档案接收', '档案材料归档', '开具证明']) await expect(types.getByText(label, { exact: true })).toBeVisible()
  await closeOptions(page)
  await chooseOption(page.getByTestId('filter-type'), '档案转出')
  const states = await openOptions(page.getByTestId('filter-state'))
  for (const label of ['申请已提交', '待转递', '已转出', '退回修改']) await expect(states.getByText(label, { exact: true })).toBeVisible()
  await closeOptions(page)
  await expect(page.getByTestId('queue-table')).toContainText('档案转出')
  await expect(page.getByTestId('queue-table')).not.toContainText('存档申请')
  await shot('queue-transfer-out')

  const c = pick(desk, 'archive_transfer_out', 'submitted', "ar.status = 'in_storage'")
  await findAndClaim(page, '档案转出', c.caseNumber)
  await expect(page.getByTestId('form-receiving-agency')).toHaveText(String(c.form.receivingAgency))
  await expect(page.locator('[data-testid=rule-check][data-key=archive]')).toHaveAttribute('data-outcome', 'pass')
  await expect(page.getByTestId('viewer-title')).toContainText('调档函')
  await shot('transfer-out-review')

  await page.getByTestId('action-approve').click()
  await confirm(page)
  await expect(page.getByTestId('case-header')).toContainText('待转递')
  await page.getByTestId('action-dispatch').click()
  const modal = page.getByTestId('dispatch-modal')
  await expect(modal.getByLabel('寄出日期')).toHaveValue('2026-11-23')
  await expect(modal.getByTestId('dispatch-channel')).toContainText('机要')
  await expect(modal.getByTestId('dispatch-agency')).toHaveValue(String(c.form.receivingAgency))
  await modal.getByTestId('dispatch-tracking').fill('JY202611230088')
  await shot('dispatch-form')
  await modal.getByTestId('dispatch-submit').click()
  await confirm(page)

  await expect(page.getByTestId('case-header')).toContainText('已转出')
  const history = page.getByTestId('history-timeline')
  await expect(history).toContainText('JY202611230088')
  await expect(history).toContainText('寄送方式：机要')
  await expect(page.getByTestId('archive-rules')).toContainText('已转出')
  await page.getByTestId('history-timeline').scrollIntoViewIfNeeded()
  const archive = desk.store.sqlite.prepare('SELECT status, custodian FROM archives WHERE applicant_id = ?').get(c.applicantId)
  expect(archive).toEqual({ status: 'transferred_out', custodian: c.form.receivingAgency })
  await shot('transferred-out')
})

test('archive intake: approval issues the 调档函 draft addressed to the present holder', async ({ page, desk, shot }) => {
  await signIn(page, desk.bridge.url)
  const c = pick(desk, 'archive_intake', 'submitted')
  await findAndClaim(page, '档案接收', c.caseNumber)
  await expect(page.getByTestId('intake-form')).toContainText('办理条件')
  await expect(page.getByTestId('form-current-holder')).toHaveText(String(c.form.currentHolder))
  await page.getByTestId('action-approve').click()
  await confirm(page)
  await expect(page.getByTestId('case-header')).toContainText('待档案寄达')
  await expect(page.getByTestId('viewer-title')).toContainText('调档函')
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1')
  await expect(page.locator('[data-testid=issued-document][data-doc-type=transfer_request_letter]')).toContainText('调档函')
  await shot('transfer-request-letter')
  const letter = letterText(desk, c.id, 'transfer_request_letter')
  expect(letter.status).toBe('draft')
  expect(letter.text).toContain('调档函')
  expect(letter.text).toContain(c.name)
  expect(letter.text).toContain(String(c.form.currentHolder))
})

test('material filing: the clerk corrects the declared materials row by row and issues the receipt draft', async ({ page, desk, shot }) => {
  await signIn(page, desk.bridge.url)
  const c = pick(desk, 'material_filing', 'submitted', "ar.status = 'in_storage'")
  const declared = c.form.materials as { name: string; pages: number; copies: number }[]
  await findAndClaim(page, '档案材料归档', c.caseNumber)
  await expect(page.getByTestId('declared-materials')).toContainText(declared[0].name)

  await page.getByTestId('action-file_materials').click()
  const modal = page.getByTestId('file-materials-modal')
  await expect(modal.getByTestId('material-row')).toHaveCount(declared.length)
  await expect(modal.getByTestId('material-name-0')).toHaveValue(declared[0].name)
  await modal.getByTestId('material-pages-0').fill('12')
  await modal.getByTestId('material-add').click()
  const last = declared.length
  const extra = '学习心得体会'
  expect(declared.map((m) => m.name)).not.toContain(extra)
  await modal.getByTestId(`material-name-${last}`).fill(extra)
  await modal.getByTestId(`material-pages-${last}`).fill('4')
  await modal.getByTestId(`material-copies-${last}`).fill('1')
  const pages = 12 + declared.slice(1).reduce((n, m) => n + m.pages, 0) + 4
  const copies = declared.reduce((n, m) => n + m.copies, 0) + 1
  await expect(modal.getByTestId('material-totals')).toHaveText(`合计 ${declared.length + 1} 项，${pages} 页，${copies} 份`)
  await modal.getByTestId('material-remarks').fill('原件已归档')
  await shot('file-materials-form')
  await modal.getByTestId('file-materials-submit').click()

  await expect(page.getByTestId('case-header')).toContainText('已归档')
  await expect(page.getByTestId('viewer-title')).toContainText('档案材料签收回执单')
  await expect(page.getByTestId('history-timeline')).toContainText(`${extra}（4页，1份）`)
  await shot('material-receipt')
  const receipt = letterText(desk, c.id, 'material_receipt')
  expect(receipt.status).toBe('draft')
  expect(receipt.text).toContain('档案材料签收回执单')
  expect(receipt.text).toContain(extra)
  expect(receipt.text).toContain('原件已归档')
})

test('certificate request: paid up to the cut-off month passes every rule and approval issues the certificate draft', async ({ page, desk, shot }) => {
  const sql = desk.store.sqlite
  const c = pick(desk, 'certificate_request', 'pending', "ar.category = 'individual' AND ar.status = 'in_storage'")
  const cutoff = arrearsCutoff(desk.store)
  sql.prepare('UPDATE archives SET fees_paid_until = ? WHERE applicant_id = ?').run(cutoff, c.applicantId)
  const subtype = (sql.prepare('SELECT subtype FROM cases WHERE id = ?').get(c.id) as { subtype: string }).subtype
  const label = subtype === 'custody' ? '存档证明' : '政审证明'

  await signIn(page, desk.bridge.url)
  await findAndClaim(page, '开具证明', c.caseNumber)
  await expect(page.getByTestId('certificate-type')).toHaveText(label)
  const fees = page.locator('[data-testid=rule-check][data-key=fees]')
  await expect(fees).toHaveAttribute('data-outcome', 'pass')
  await expect(fees).toContainText(`${cutoff}（截止线 ${cutoff}）`)
  await expect(page.getByTestId('rule-ok')).toBeVisible()
  await expect(page.getByTestId('rule-refuse')).toHaveCount(0)
  await shot('certificate-review')

  await page.getByTestId('action-approve').click()
  await confirm(page)
  await expect(page.getByTestId('case-header')).toContainText('审核通过')
  await expect(page.getByTestId('viewer-title')).toContainText(label)
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1')
  await shot('certificate-issued')
  const letter = letterText(desk, c.id, subtype === 'custody' ? 'custody_certificate' : 'political_review_certificate')
  expect(letter.status).toBe('draft')
  expect(letter.text).toContain(label)
  expect(letter.text).toContain(c.name)
})

test('certificate request in arrears: the checklist shows the failed rule, approval is refused, one click refuses it with the reason', async ({ page, desk, shot }) => {
  const sql = desk.store.sqlite
  const c = pick(desk, 'certificate_request', 'pending', "ar.category = 'individual' AND ar.status = 'in_storage'")
  // The fees as recorded now: paid up to the month before the office's cut-off (seed 003: in arrears).
  const cutoff = arrearsCutoff(desk.store)
  const paid = monthsBefore(cutoff, 1)
  sql.prepare('UPDATE archives SET fees_paid_until = ? WHERE applicant_id = ?').run(paid, c.applicantId)

  await signIn(page, desk.bridge.url)
  await findAndClaim(page, '开具证明', c.caseNumber)
  const fees = page.locator('[data-testid=rule-check][data-key=fees]')
  await expect(fees).toHaveAttribute('data-outcome', 'fail')
  await expect(fees).toContainText(`${paid}（截止线 ${cutoff}）`)
  await expect(page.locator('[data-testid=rule-check][data-key=category]')).toContainText('个人存档')
  await expect(page.getByTestId('rule-failure')).toContainText('存档费处于欠费状态')
  await shot('certificate-arrears')

  await page.getByTestId('action-approve').click()
  await expect(page.getByText(`不能审核通过：申请人的存档费处于欠费状态（缴费截止 ${paid}`)).toBeVisible()
  await expect(page.getByTestId('confirm-ok')).toHaveCount(0)

  await page.getByTestId('rule-refuse').click()
  const modal = page.getByTestId('reason-modal')
  const reason = '您的存档费处于欠费状态，不能开具证明信，需到人才中心缴纳后再申请开具'
  await expect(modal.getByTestId('reason-input')).toHaveValue(reason)
  await shot('certificate-refuse')
  await modal.getByTestId('reason-submit').click()

  await expect(page.getByTestId('case-header')).toContainText('审核未通过')
  await expect(page.getByTestId('history-timeline')).toContainText(reason)
  await page.getByTestId('history-timeline').scrollIntoViewIfNeeded()
  const event = sql.prepare("SELECT at, reasons, data FROM case_events WHERE case_id = ? AND action = 'reject' ORDER BY id DESC").get(c.id) as { at: string; reasons: string; data: string }
  expect(JSON.parse(event.reasons)).toEqual([{ material: 'general', text: reason }])
  expect(event.at).toBe('2026-11-23T02:00:00.000Z')
  expect(JSON.parse(event.data).notice).toContain(`审核未通过，原因：1. ${reason}`)
  await shot('certificate-rejected')
})
