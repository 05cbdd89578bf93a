// The public verification page of the REAL exchange service (in-memory PGlite, loopback port), in Chromium:
// a letter issued on a desk and pushed, then checked the way its holder would — typing the code from
// paper, and opening the QR code's link.
import { eq } from 'drizzle-orm'
import { schema } from '../server/src/db'
import { fixedClock } from '../src/main/core/clock'
import { type Exchange, openDesk, startExchange } from '../src/main/core/sync/testing'
import { expect, OFFICE_NOW, test } from './fixtures'

const verifyTest = test.extend<{ letter: { ex: Exchange; code: string; number: string } }>({
  letter: async ({}, use) => {
    const ex = await startExchange()
    ex.clock.set(OFFICE_NOW) // the service's clock = the desk's: a desk more than 5 minutes off drafts no letter (CLOCK_SKEW)
    const desk = openDesk(ex.url, fixedClock(OFFICE_NOW))
    try {
      const { caseId } = await ex.submit(7)
      await desk.signIn('clerk1')
      await desk.sync.pullOnce()
      await desk.call('cases.claim', { id: caseId })
      await desk.call('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
      expect(await desk.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0 })
      const [doc] = await ex.sdb.db.select().from(schema.issuedDocuments)
      await use({ ex, code: doc.verificationCode, number: doc.number })
    } finally {
      await desk.dispose()
      await ex.close()
    }
  }
})

verifyTest('the holder checks a letter by its code and by its QR link; a voided letter says so; every check is logged', async ({ page, letter, shot }) => {
  const { ex, code, number } = letter
  // Until a supervisor signs it the letter is a draft, and the page says it is not valid.
  await page.goto(`${ex.url}/verify/${code}`)
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'draft')
  await expect(page.getByTestId('verify-result')).toContainText('尚未签章生效')
  // Signed (what the print console will record; not built yet).
  await ex.sdb.db.update(schema.issuedDocuments).set({ status: 'issued' }).where(eq(schema.issuedDocuments.verificationCode, code))
  await page.goto(`${ex.url}/verify`)
  await expect(page).toHaveTitle(/文书真伪核验/)
  // Typed from paper: lower case, a space instead of the hyphen, the letter O for a zero.
  await page.getByLabel('验证码').fill(code.toLowerCase().replace('-', ' ').replace(/0/g, 'o'))
  await page.keyboard.press('Enter')
  const result = page.getByTestId('verify-result')
  await expect(result).toHaveAttribute('data-status', 'issued')
  await expect(result).toContainText('该文书由本中心出具，真实有效')
  await expect(result).toContainText('调档通知单')
  await expect(result).toContainText(number)
  await expect(result).toContainText('申*')
  await expect(page.getByLabel('验证码')).toHaveValue(code)
  await shot('valid')

  await ex.sdb.db
    .update(schema.issuedDocuments)
    .set({ status: 'void', statusReason: '收件单位名称有误，已重新出具', statusAt: new Date(OFFICE_NOW) })
    .where(eq(schema.issuedDocuments.verificationCode, code))
  await page.goto(`${ex.url}/verify/${code}`)
  await expect(result).toHaveAttribute('data-status', 'void')
  await expect(result).toContainText('该文书已作废，不再有效')
  await expect(result).toContainText('收件单位名称有误，已重新出具')
  await shot('void')

  const missing = await page.goto(`${ex.url}/verify/ZZZZ-ZZZZ`)
  expect(missing?.status()).toBe(404)
  await expect(result).toContainText('查无此文书')
  const log = await ex.sdb.db.select().from(schema.verificationChecks)
  expect(log.map((l) => l.documentId !== null)).toEqual([true, true, true, false])
})
