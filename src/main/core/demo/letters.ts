import { DEFAULT_OFFICE, type OfficeInfo } from '../../../shared/domain/office'
import { issueLetter } from '../cases/letters'
import type { CaseRow } from '../cases/detail'
import type { Store } from '../store'

/**
 * Gives every approved demo case the transfer notice its approval issued, made by the same code as a
 * real approval (numbered, verification code, stored PDF), dated and signed as the approve event.
 * Demo-sized stores only: about 30 ms a letter.
 */
export function issueDemoLetters(store: Store, office: OfficeInfo = DEFAULT_OFFICE): number {
  const sql = store.sqlite
  const approvals = sql
    .prepare(
      `SELECT e.id AS event_id, e.at, e.actor_id, e.data, c.* FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.action = 'approve' AND NOT EXISTS (SELECT 1 FROM issued_documents d WHERE d.case_id = c.id)
       ORDER BY e.at`
    )
    .all() as (CaseRow & { event_id: number; at: string; actor_id: number; data: string })[]
  const setData = sql.prepare('UPDATE case_events SET data = ? WHERE id = ?')
  const officeDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
  sql.transaction(() => {
    for (const a of approvals) {
      const documentId = issueLetter('transfer_notice', {
        store,
        office,
        caseRow: a,
        issuedById: a.actor_id,
        issuedAt: a.at,
        issuedOn: officeDate.format(new Date(a.at))
      })
      setData.run(JSON.stringify({ ...JSON.parse(a.data), documentId }), a.event_id)
    }
  })()
  return approvals.length
}
