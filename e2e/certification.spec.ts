import type { Page } from '@playwright/test'
import { createHash } from 'node:crypto'
import type { Store } from '../src/main/core/store'
import { renderPdf } from '../tools/demo/pdf'
import { addApplicant, addCertCase, addEvent, degreeForm, employmentSample } from '../src/main/core/testing/certification-cases'
import { daysAbroad } from '../src/shared/domain/certification-rules'
import type { DegreeCertificationForm, EmploymentForm } from '../src/shared/domain/certification-forms'
import { expect, OFFICE_NOW, signIn, test } from './fixtures'
import { chooseOption, closeOptions, openOptions } from './ui'

/**
 * The certification office's workbench worked through the UI by reviewer1 (office day 2026-11-23): a degree
 * certification accepted, sent for foreign verification (the clock pauses), answered (it resumes) and certified
 * (a draft 认证书); an employment registration 359 days abroad failing that eligibility row.
 *
 * The cases come from the demo data; where the demo has none of a kind yet, the test adds one of its own
 * (the desk tests' helpers), so the screens are exercised either way.
 */

interface Picked {
  id: string
  caseNumber: string
  form: Record<string, unknown>
}

type Sql = Store['sqlite']

function findCase(sql: Sql, type: string, state: string, accept: (form: Record<string, unknown>) => boolean = () => true): Picked | null {
  const rows = sql
    .prepare('SELECT id, case_number AS caseNumber, form FROM cases WHERE type = ? AND state = ? AND assignee_id IS NULL ORDER BY case_number')
    .all(type, state) as { id: string; caseNumber: string; form: string }[]
  for (const r of rows) {
    const form = JSON.parse(r.form) as Record<string, unknown>
    if (accept(form)) return { id: r.id, caseNumber: r.caseNumber, form }
  }
  return null
}

/** A case of the test's own: searchable like the demo's, with a diploma PDF the viewer can show. */
function seedCase(store: Store, type: string, subtype: string, form: object, caseNumber: string, name: string): Picked {
  const applicantId = addApplicant(store, { name })
  const { id } = addCertCase(store, { type, subtype, state: 'submitted', form, applicantId, caseNumber, submittedAt: '2026-11-20T02:00:00.000Z' })
  store.sqlite.prepare('UPDATE cases SET search_text = ? WHERE id = ?').run(`${name} ${caseNumber}`, id)
  const pdf = renderPdf(new Date(OFFICE_NOW), '学位证书', (doc) => doc.fontSize(20).text('Master of Science — University College London', 60, 120))
  const sha = createHash('sha256').update(pdf).digest('hex')
  store.sqlite.prepare('INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha, pdf.length, pdf)
  const material = { employment_registration: 'acceptance_letter', certification_rereview: 'supplement', certification_refund: 'other' }[type] ?? 'diploma'
  store.sqlite
    .prepare("INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256, uploaded_at) VALUES (?, ?, ?, 'application/pdf', ?, ?, '2026-11-20T02:00:00Z')")
    .run(id, material, `${material}.pdf`, pdf.length, sha)
  return { id, caseNumber, form: form as Record<string, unknown> }
}

/** A full-page screenshot in /tmp (for the reviewer of this change) and one kept as an artifact. */
async function snap(page: Page, shot: (name: string) => Promise<void>, name: string): Promise<void> {
  await shot(name)
  await page.screenshot({ path: `/tmp/cert-${name}.png`, fullPage: true })
}

async function signInAs(page: Page, url: string, username: string): Promise<void> {
  await signIn(page, url, username)
  // The page's clock is frozen, so toasts never leave: hide them, they would cover the header in screenshots and clicks.
  await page.addStyleTag({ content: '.ant-message { display: none !important; }' })
}

async function openFromQueue(page: Page, typeLabel: string, caseNumber: string, claim: boolean): Promise<void> {
  await chooseOption(page.getByTestId('filter-type'), typeLabel)
  await page.getByTestId('queue-search').fill(caseNumber)
  await expect(page.getByTestId(`row-open-${caseNumber}`)).toBeVisible()
  if (claim) {
    await page.getByTestId(`row-claim-${caseNumber}`).click()
    await expect(page.getByTestId(`row-release-${caseNumber}`)).toBeVisible()
  }
  await page.getByTestId(`row-open-${caseNumber}`).click()
  await expect(page.getByTestId('case-header')).toContainText(caseNumber)
}

async function confirm(page: Page): Promise<void> {
  const ok = page.getByTestId('confirm-ok')
  await expect(async () => {
    if (await ok.isVisible()) await ok.click({ timeout: 2_000 })
    await expect(ok).toBeHidden({ timeout: 2_000 })
  }).toPass()
}

const modal = (page: Page) => page.locator('[data-testid=cert-action-modal]:visible')

test('degree certification: accept starts the clock, foreign verification pauses it, the reply resumes it, certify drafts the 认证书', async ({ page, desk, shot }) => {
  test.slow()
  const sql = desk.store.sqlite
  const c =
    findCase(sql, 'degree_certification', 'submitted', (f) => (f as Partial<DegreeCertificationForm>).degree?.level === 'master') ??
    seedCase(desk.store, 'degree_certification', 'foreign', degreeForm(), 'RZE2E0000000001', '王思远')
  const degree = (c.form as unknown as DegreeCertificationForm).degree

  await signInAs(page, desk.bridge.url, 'reviewer1')
  // A reviewer's queue starts on their own work; the new types and their states are offered.
  await expect(page.getByTestId('filter-type')).toContainText('学历学位认证')
  const types = await openOptions(page.getByTestId('filter-type'))
  for (const label of ['学历学位认证', '认证结果复核', '认证退费', '就业报到/落户']) await expect(types.getByText(label, { exact: true })).toBeVisible()
  await closeOptions(page)
  const states = await openOptions(page.getByTestId('filter-state'))
  for (const label of ['已缴费待受理', '认证评估中', '境外核查中']) await expect(states.getByText(label, { exact: true })).toBeVisible()
  await closeOptions(page)
  await snap(page, shot, 'queue')

  await openFromQueue(page, '学历学位认证', c.caseNumber, true)
  await expect(page.getByTestId('cert-workbench')).toBeVisible()
  await expect(page.getByTestId('degree-institution')).toContainText(degree.institution)
  await expect(page.getByTestId('study-row').first()).toBeVisible()
  await expect(page.getByTestId('payment')).toContainText('360 元')
  // The attachments beside the form carry the definition's material labels.
  await expect(page.getByTestId('attachment-item').first()).toContainText(/学位证书|成绩单|护照|出入境|证件照|授权|其他/)
  await snap(page, shot, 'workbench')
  await page.getByTestId('trips').scrollIntoViewIfNeeded()
  await snap(page, shot, 'degree-form')

  // 受理: the receipt, and the clock by the country's category.
  await page.getByTestId('action-accept').click()
  await expect(modal(page)).toHaveAttribute('data-kind', 'accept_certification')
  await expect(modal(page).getByTestId('notice-preview')).toContainText('已受理')
  await snap(page, shot, 'modal-accept')
  await modal(page).getByTestId('cert-action-submit').click()
  await expect(page.getByTestId('case-state')).toHaveText('认证评估中')
  await expect(page.getByTestId('case-deadline').getByTestId('deadline-tag')).toBeVisible()
  await expect(page.getByTestId('cert-time-limit')).toContainText('个工作日')
  await expect(page.locator('[data-testid=issued-document][data-doc-type=payment_receipt]')).toBeVisible()

  // 暂不认证 (a coded reason): look, then Esc.
  await page.getByTestId('action-defer').click()
  await expect(modal(page)).toHaveAttribute('data-kind', 'coded_reason')
  await modal(page).getByTestId('cert-action-submit').click()
  await expect(modal(page)).toContainText('请选择原因类别')
  await expect(modal(page)).toContainText('请填写具体原因')
  await chooseOption(modal(page).getByTestId('coded-reason-code'), '颁证院校或核查机构未反馈核查结果')
  await modal(page).getByTestId('coded-reason-text').fill('颁证院校逾期未反馈学历核实结果')
  await expect(modal(page).getByTestId('notice-preview')).toContainText('颁证院校逾期未反馈学历核实结果')
  await snap(page, shot, 'modal-defer')
  await page.keyboard.press('Escape')
  await expect(modal(page)).toHaveCount(0)

  // 发起境外核查: the clock pauses.
  await page.getByTestId('action-send_verification').click()
  await expect(modal(page)).toHaveAttribute('data-kind', 'send_verification')
  const recipient = modal(page).getByTestId('verification-recipient')
  await expect(recipient).toHaveValue(degree.institutionEn || degree.institution)
  await expect(modal(page).getByLabel('反馈期限')).toHaveValue('2026-12-23')
  await recipient.fill('')
  await recipient.press('Enter')
  await expect(modal(page)).toContainText('请填写核查对象（院校或机构名称）')
  await recipient.fill(`${degree.institution} 学籍办公室`)
  await snap(page, shot, 'modal-send-verification')
  await recipient.press('Enter')
  await expect(page.getByTestId('case-state')).toHaveText('境外核查中')
  const paused = page.getByTestId('case-deadline').getByTestId('deadline-paused')
  await expect(paused).toContainText('时限暂停')
  // The toasts of the last steps sit over the header (the page's clock is frozen, so they stay): hover by event.
  await paused.dispatchEvent('mouseover')
  await expect(page.getByTestId('deadline-paused-tip')).toContainText('预计')
  await expect(page.getByTestId('cert-verification')).toContainText('等待反馈')
  await snap(page, shot, 'paused')

  // 登记核查反馈 by the reviewer who asked (the claim is kept while waiting): the clock resumes.
  await expect(page.getByTestId('claim-button')).toHaveCount(0)
  await page.getByTestId('action-record_verification').click()
  await expect(modal(page)).toHaveAttribute('data-kind', 'verification_reply')
  await modal(page).getByTestId('cert-action-submit').click()
  await expect(modal(page)).toContainText('请选择核查结果')
  await modal(page).getByText('核实无误', { exact: true }).click()
  await snap(page, shot, 'modal-verification-reply')
  await modal(page).getByTestId('cert-action-submit').click()
  await expect(page.getByTestId('case-state')).toHaveText('认证评估中')
  await expect(page.getByTestId('case-deadline').getByTestId('deadline-tag')).toBeVisible()
  await expect(page.getByTestId('verification-outcome')).toContainText('核实无误')

  // 出具认证书: the equivalence from the degree level, confirmed, a draft certificate.
  await page.getByTestId('action-certify').click()
  await expect(modal(page)).toHaveAttribute('data-kind', 'certify')
  await expect(modal(page).getByTestId('certify-equivalence')).toHaveValue('硕士学位')
  await snap(page, shot, 'modal-certify')
  await modal(page).getByTestId('certify-equivalence').press('Enter')
  await confirm(page)
  await expect(page.getByTestId('case-state')).toHaveText('已出具认证书')
  const cert = page.locator('[data-testid=issued-document][data-doc-type=certification_certificate]')
  await expect(cert).toContainText('认证书')
  await expect(cert).toContainText('草稿')
  await snap(page, shot, 'certified')
})

test('employment registration: 359 days abroad fails that eligibility row; approval names the letters it issues', async ({ page, desk, shot }) => {
  const sql = desk.store.sqlite
  const days = (f: Record<string, unknown>) => {
    const e = f as unknown as EmploymentForm
    try {
      return daysAbroad(e.trips, e.firstReturnOn).days
    } catch {
      return -1
    }
  }
  const c =
    findCase(sql, 'employment_registration', 'submitted', (f) => days(f) === 359) ??
    seedCase(
      desk.store,
      'employment_registration',
      'non_beijing_settlement',
      employmentSample({ trips: [{ exitOn: '2024-10-14', entryOn: '2025-10-08' }], firstReturnOn: '2025-10-08' }),
      'JY' + 'E2E0000000001',
      '李文博'
    )

  await signInAs(page, desk.bridge.url, 'reviewer1')
  await openFromQueue(page, '就业报到/落户', c.caseNumber, true)
  const card = page.getByTestId('eligibility-card')
  await expect(card).toBeVisible()
  const row = card.locator('[data-testid=eligibility-row][data-key=days_abroad]')
  await expect(row).toHaveAttribute('data-status', 'failed')
  await expect(row).toContainText('在外学习时间')
  await expect(row).toContainText('359')
  await expect(row).toContainText('不符合')
  await expect(card.getByTestId('eligibility-failed')).toContainText('在外学习时间')
  await expect(card.getByTestId('eligibility-days')).toContainText('个工作日')
  await snap(page, shot, 'eligibility')
  await page.getByTestId('employment-trips').scrollIntoViewIfNeeded()
  await snap(page, shot, 'employment-form')

  await page.getByTestId('action-approve').click()
  await expect(modal(page)).toHaveAttribute('data-kind', 'report_to')
  await expect(modal(page).getByTestId('report-to-ineligible')).toContainText('在外学习时间')
  await modal(page).getByTestId('report-to').fill('')
  await modal(page).getByTestId('report-to').press('Enter')
  await expect(modal(page)).toContainText('请填写报到（接收）单位')
  await modal(page).getByTestId('report-to').fill('北京市海淀区人才服务中心')
  await snap(page, shot, 'modal-report-to')
  await page.keyboard.press('Escape')
  await expect(modal(page)).toHaveCount(0)

  await page.getByTestId('action-request_supplements').click()
  const drawer = page.getByTestId('reasons-modal')
  await drawer.locator('[data-material=general]').getByRole('checkbox').first().check()
  await expect(drawer.getByTestId('notice-preview')).toContainText('出入境记录')
  await snap(page, shot, 'drawer-supplements')
})

test('workbench warnings: a duplicate diploma, an overdue verification, a programme not in the register, the re-review and refund beside it', async ({ page, desk, shot }) => {
  const store = desk.store
  const joint = { ...degreeForm({ diplomaNumber: 'UCL-2025-000777', programmeCode: 'MOE00XX0A00000000N' }), greenChannel: null }
  const a = seedCase(store, 'degree_certification', 'joint_programme', joint, 'RZE2E0000000011', '赵雨桐')
  const b = seedCase(store, 'degree_certification', 'foreign', degreeForm({ diplomaNumber: 'UCL-2025-000777' }), 'RZE2E0000000012', '钱明轩')
  store.sqlite
    .prepare("UPDATE cases SET state = 'awaiting_foreign', clock_started_on = '2026-10-20', clock_days = 8, deadline_on = NULL WHERE id = ?")
    .run(a.id)
  addEvent(store, a.id, 'accept', '2026-10-12T02:00:00Z', { greenChannel: false })
  addEvent(store, a.id, 'send_verification', '2026-10-20T02:00:00Z', { reasonCode: 'institution', recipient: 'University College London', channel: 'email', replyDueOn: '2026-11-19' })
  const rereview = seedCase(store, 'certification_rereview', 'rereview', { certificationCaseNumber: a.caseNumber, reason: 'new_materials', reasonText: '补充了院校出具的学位核实函。' }, 'FH' + 'E2E0000000013', '赵雨桐')
  const refund = seedCase(store, 'certification_refund', 'refund', { certificationCaseNumber: a.caseNumber, reason: '已放弃认证', bank: null }, 'TF' + 'E2E0000000014', '赵雨桐')
  // The re-review and refund are the same applicant's as the certification.
  store.sqlite.prepare('UPDATE cases SET applicant_id = (SELECT applicant_id FROM cases WHERE id = ?) WHERE id IN (?, ?)').run(a.id, rereview.id, refund.id)

  await signInAs(page, desk.bridge.url, 'reviewer1')
  await page.getByTestId('queue-search').fill(a.caseNumber)
  await expect(page.getByTestId('queue-total')).toHaveText('共 1 件')
  const tag = page.getByTestId('queue-table').getByTestId('deadline-paused')
  await expect(tag).toContainText('时限暂停')
  await tag.hover()
  await expect(page.getByTestId('deadline-paused-tip')).toContainText('等待境外核查反馈')
  await snap(page, shot, 'queue-paused')

  await page.getByTestId(`row-open-${a.caseNumber}`).click()
  await expect(page.getByTestId('cert-duplicates')).toContainText(b.caseNumber)
  await expect(page.getByTestId('verification-overdue')).toHaveText('核查逾期')
  await expect(page.getByTestId('programme-missing')).toContainText('未在项目名单中')
  await expect(page.getByTestId('cert-related')).toContainText(rereview.caseNumber)
  await expect(page.getByTestId('cert-related')).toContainText(refund.caseNumber)
  await expect(page.getByTestId('payment')).toContainText('退费申请中')
  await snap(page, shot, 'workbench-warnings')

  await page.getByTestId('cert-related').getByText(rereview.caseNumber).click()
  await expect(page.getByTestId('case-header')).toContainText(rereview.caseNumber)
  await expect(page.getByTestId('rereview-form')).toContainText('补充了认证时未提交的材料')
  await expect(page.getByTestId('certification-link')).toContainText(a.caseNumber)
  await snap(page, shot, 'rereview')

  await page.getByTestId('certification-link').click()
  await expect(page.getByTestId('case-header')).toContainText(a.caseNumber)
  await page.getByTestId('cert-related').getByText(refund.caseNumber).click()
  await expect(page.getByTestId('case-header')).toContainText(refund.caseNumber)
  await expect(page.getByTestId('refund-bank')).toHaveText('退回原支付卡')
  await expect(page.getByTestId('refund-route')).toContainText('10 个月截止')
  await snap(page, shot, 'refund')

  await page.getByTestId('claim-button').click()
  await expect(page.getByTestId('release-button')).toBeVisible()
  await page.getByTestId('action-reject').click()
  await expect(page.getByTestId('reason-modal')).toBeVisible()
  await page.getByTestId('reason-input').fill('原认证申请已进入认证评估程序，不在退费范围内')
  await expect(page.getByTestId('reason-modal').getByTestId('notice-preview')).toContainText('不予办理，原因：1. 原认证申请已进入认证评估程序')
  await snap(page, shot, 'modal-refund-reject')
  await page.keyboard.press('Escape')
  await page.getByTestId('certification-link').click()
  await page.getByTestId('cert-duplicates').getByText(b.caseNumber).first().click()
  await expect(page.getByTestId('case-header')).toContainText(b.caseNumber)
  await expect(page.getByTestId('cert-duplicates')).toContainText(a.caseNumber)
})

test('green channel: a doctorate who asked for it gets the switch with the condition; accepting with it shortens the clock', async ({ page, desk, shot }) => {
  const c =
    findCase(desk.store.sqlite, 'degree_certification', 'submitted', (f) => {
      const form = f as Partial<DegreeCertificationForm>
      return !!form.greenChannel && form.degree?.level === 'doctor'
    }) ?? seedCase(desk.store, 'degree_certification', 'foreign', degreeForm({ level: 'doctor', greenChannel: 'talent_programme' }), 'RZE2E0000000021', '孙嘉怡')
  await signInAs(page, desk.bridge.url, 'reviewer1')
  await openFromQueue(page, '学历学位认证', c.caseNumber, true)
  await expect(page.getByTestId('green-channel-request')).toContainText('申请绿色通道')
  await page.getByTestId('action-accept').click()
  const switcher = modal(page).getByTestId('green-channel-switch')
  await expect(switcher).toBeVisible()
  await expect(modal(page).getByTestId('green-channel-condition')).toContainText('申请人所述条件')
  await switcher.click()
  await expect(switcher).toHaveAttribute('aria-checked', 'true')
  await snap(page, shot, 'modal-accept-green-channel')
  await modal(page).getByTestId('cert-action-submit').click()
  await expect(page.getByTestId('case-state')).toHaveText('认证评估中')
  await expect(page.getByTestId('cert-time-limit')).toContainText('绿色通道')
})
