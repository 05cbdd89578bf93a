import type { Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, signIn, test, type HasStore } from './fixtures'
import { chooseOption } from './ui'

/** An unassigned archive deposit in `state`, straight from the desk's store (what the clerk will look for). */
function pickCase(services: HasStore, state: string): { caseNumber: string; name: string; id: string } {
  return services.store.sqlite
    .prepare(
      `SELECT c.id, c.case_number AS caseNumber, a.name FROM cases c JOIN applicants a ON a.id = c.applicant_id
       WHERE c.type = 'archive_deposit' AND c.state = ? AND c.assignee_id IS NULL ORDER BY c.case_number LIMIT 1`
    )
    .get(state) as { caseNumber: string; name: string; id: string }
}

async function findAndClaim(page: Page, caseNumber: string): Promise<void> {
  await page.getByTestId('queue-search').fill(caseNumber.slice(-8))
  await expect(page.getByTestId(`row-open-${caseNumber}`)).toBeVisible()
  await expect(page.getByTestId('queue-total')).toContainText('1')
  await page.getByTestId(`row-claim-${caseNumber}`).click()
  await page.getByTestId('filter-assignee').getByText('我的').click()
  await expect(page.getByTestId(`row-release-${caseNumber}`)).toBeVisible()
  await page.getByTestId(`row-open-${caseNumber}`).click()
  await expect(page.getByTestId('case-header')).toContainText(caseNumber)
}

/**
 * The action refused for a case not claimed: the refusal shows at once, or after the action's confirm dialog
 * (whichever the action has) — waited for, not guessed with a one-off visibility check.
 */
async function expectNotClaimedRefusal(page: Page): Promise<void> {
  const ok = page.getByTestId('confirm-ok')
  const refusal = page.getByText('请先认领此业务')
  await expect(refusal.or(ok).first()).toBeVisible()
  if (!(await refusal.isVisible())) await ok.click()
  await expect(refusal).toBeVisible()
}

test('clerk filters the queue, claims a case, reads a PDF attachment and returns it with reasons', async ({ page, desk, shot }) => {
  await signIn(page, desk.bridge.url)
  await shot('queue')
  // The total read once the queue has answered (not the empty label before it).
  await expect(page.getByTestId('queue-total')).toHaveText(/共 \d+\+? 件/)
  const all = await page.getByTestId('queue-total').innerText()
  await page.getByTestId('filter-due').getByText('已超期').click()
  await expect(page.getByTestId('queue-total')).not.toHaveText(all)
  await expect(page.locator('[data-testid=deadline-tag]').first()).toContainText('超期')
  await page.getByTestId('filter-due').getByText('全部').click()
  await page.getByTestId('filter-assignee').getByText('未认领').click()

  const c = pickCase(desk, 'submitted')
  await page.getByTestId('queue-search').fill(c.name)
  await expect(page.getByTestId(`row-open-${c.caseNumber}`)).toBeVisible()
  await page.getByTestId('queue-search').fill('')
  await findAndClaim(page, c.caseNumber)

  await page.getByTestId('attachment-item').first().click()
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1')
  await expect(page.getByTestId('pdf-page-info')).toContainText('1 / 1')
  await page.getByTestId('doc-zoom-in').click()
  await page.getByTestId('doc-rotate').click()
  await shot('case-pdf')

  await page.getByTestId('action-return_for_changes').click()
  const modal = page.getByTestId('reasons-modal')
  await modal.locator('[data-material=id_card]').getByText('身份证已过期').click()
  await modal.locator('[data-material=custodian]').getByRole('checkbox').first().check()
  await modal.getByTestId('reason-other-overseas').fill('请补充国外留学经历的起止年月')
  await modal.getByTestId('reasons-note').fill('请按上述意见一次性修改后重新提交')
  await expect(modal.getByTestId('notice-preview')).toContainText('身份证已过期')
  await shot('return-reasons')
  await modal.getByTestId('reasons-submit').click()

  await expect(page.getByTestId('case-header')).toContainText('退回修改')
  const history = page.getByTestId('history-timeline')
  await expect(history).toContainText('身份证已过期')
  await expect(history).toContainText('请补充国外留学经历的起止年月')
  const event = desk.store.sqlite.prepare("SELECT reasons, data FROM case_events WHERE case_id = ? AND action = 'return_for_changes' ORDER BY id DESC").get(c.id) as {
    reasons: string
    data: string
  }
  expect(JSON.parse(event.reasons)).toHaveLength(3)
  expect(JSON.parse(event.data).notice).toContain('一次性修改')
  await shot('returned')
})

test('clerk approves an application and opens the transfer notice it issued', async ({ page, desk, shot }) => {
  await signIn(page, desk.bridge.url)
  const c = pickCase(desk, 'submitted')
  await findAndClaim(page, c.caseNumber)
  await page.getByTestId('action-approve').click()
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('case-header')).toContainText('待档案寄达')
  await expect(page.getByTestId('viewer-title')).toContainText('调档通知单')
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1')
  await expect(page.getByTestId('pdf-page-info')).toContainText('1 / 1')
  await shot('transfer-notice')

  const doc = desk.store.sqlite
    .prepare('SELECT d.number, b.data FROM issued_documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.case_id = ?')
    .get(c.id) as { number: string; data: Buffer }
  const file = join(mkdtempSync(join(tmpdir(), 'casedesk-e2e-pdf-')), 'notice.pdf')
  writeFileSync(file, doc.data)
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  expect(text).toContain('调档通知单')
  expect(text).toContain(c.name)
  expect(text).toContain(doc.number)
  expect(text).toContain('沿此线剪下')

  await page.getByTestId('document-open-transfer_notice').click()
  await expect(page.getByTestId('viewer-title')).toContainText('调档通知单')
})

test('archive sign-in: an envelope without the stub goes back; with it the archive is reviewed and deposited', async ({ page, desk, shot }) => {
  await signIn(page, desk.bridge.url)
  await page.getByTestId('filter-assignee').getByText('未认领').click()
  const c = pickCase(desk, 'awaiting_archive')
  await findAndClaim(page, c.caseNumber)

  await page.getByTestId('action-archive_sign_in').click()
  await page.getByTestId('signin-tracking').fill('JY20261123001')
  await page.getByTestId('signin-stub-no').click()
  await expect(page.getByTestId('signin-stub-warning')).toBeVisible()
  await shot('sign-in-no-stub')
  await page.getByTestId('signin-submit').click()
  await expect(page.getByTestId('history-timeline')).toContainText('JY20261123001')
  await expect(page.getByTestId('case-header')).toContainText('待档案寄达')

  await expect(page.getByTestId('history-timeline')).toContainText('退回')
  await page.getByTestId('action-archive_sign_in').click()
  await page.getByTestId('signin-tracking').fill('JY20261123002')
  await page.getByTestId('signin-stub-yes').click()
  await page.getByTestId('signin-submit').click()
  await expect(page.getByTestId('case-header')).toContainText('档案审核中')
  await expect(page.getByTestId('case-deadline')).toContainText('档案审核')

  await page.getByTestId('action-approve_archive').click()
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('case-header')).toContainText('已存入')
  await expect(page.getByTestId('archive-number')).toContainText(/D20\d{8}/)
  await expect(page.getByTestId('confirm-ok')).toBeHidden()
  await shot('deposited')
})

test('refuses what the state or the role does not allow, in Chinese', async ({ page, desk }) => {
  const c = pickCase(desk, 'submitted')
  await signIn(page, desk.bridge.url)
  await page.getByTestId('queue-search').fill(c.caseNumber)
  await page.getByTestId(`row-open-${c.caseNumber}`).click()
  await page.getByTestId('action-approve').click()
  await expectNotClaimedRefusal(page)

  // A certification reviewer does not work archive cases: none in the queue, and the API refuses them.
  await page.getByTestId('logout').click()
  await signIn(page, desk.bridge.url, 'reviewer1')
  // The reviewer's queue starts on the certifications; the archive type shows nothing for them.
  await chooseOption(page.getByTestId('filter-type'), '存档申请')
  await expect(page.getByTestId('queue-total')).toContainText('0')
  const refused = await page.evaluate(async (id) => {
    const token = sessionStorage.getItem('casedesk.token')
    const r = await fetch('/api/cases.claim', { method: 'POST', headers: { 'content-type': 'application/json', 'x-casedesk-token': token ?? '' }, body: JSON.stringify({ id }) })
    return r.json()
  }, c.id)
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('认证审核员') } })
})

test('keyboard: search, open, next document, next case and back without the mouse', async ({ page, desk }) => {
  await signIn(page, desk.bridge.url)
  await page.locator('body').press('/')
  await expect(page.getByTestId('queue-search')).toBeFocused()
  await page.keyboard.press('Escape')
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  const header = page.getByTestId('case-header')
  await expect(header).toBeVisible()
  const first = await header.innerText()
  await expect(page.getByTestId('viewer-title')).toContainText('身份证')
  await page.keyboard.press('j')
  await expect(page.getByTestId('viewer-title')).toContainText('护照')
  await page.keyboard.press('n')
  await expect(header).not.toHaveText(first)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('queue-table')).toBeVisible()
})
