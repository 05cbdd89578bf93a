import { issuedDocType } from '../../../shared/domain/case-type'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DEFAULT_OFFICE, type OfficeInfo } from '../../../shared/domain/office'
import { issueLetter } from '../cases/letters'
import type { CaseRow } from '../cases/detail'
import type { Store } from '../store'

/**
 * Gives every demo case the letters its actions issued (the transfer notice of an approval, the receipt of
 * a filing, …), made by the same code as a real action (numbered, verification code, stored PDF and data),
 * dated and signed as the event, with the event's data as the action's input. Demo-sized stores only:
 * about 30 ms a letter.
 */
export function issueDemoLetters(store: Store, office: OfficeInfo = DEFAULT_OFFICE): number {
  const sql = store.sqlite
  const events = sql
    .prepare(
      `SELECT e.id AS event_id, e.at, e.actor_id, e.actor_name, e.action, e.data, c.* FROM case_events e JOIN cases c ON c.id = e.case_id
       ORDER BY e.at, e.id`
    )
    .all() as (CaseRow & { event_id: number; at: string; actor_id: number | null; actor_name: string; action: string; data: string })[]
  const hasLetter = sql.prepare('SELECT 1 FROM issued_documents WHERE case_id = ? AND doc_type = ?')
  const setData = sql.prepare('UPDATE case_events SET data = ? WHERE id = ?')
  const officeDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
  let issued = 0
  sql.transaction(() => {
    for (const e of events) {
      const action = caseTypeDef(e.type)?.actions[e.action]
      const docType = action && issuedDocType(action, e.subtype)
      if (!docType || hasLetter.get(e.id, docType)) continue
      const data = JSON.parse(e.data) as Record<string, unknown>
      const documentId = issueLetter(docType, {
        store,
        office,
        caseRow: e,
        issuedById: e.actor_id,
        issuedAt: e.at,
        issuedOn: officeDate.format(new Date(e.at)),
        input: data,
        actorName: e.actor_name
      })
      setData.run(JSON.stringify({ ...data, documentId }), e.event_id)
      issued++
    }
  })()
  return issued
}
