import { officeDateOf } from '../../src/shared/domain/calendar'
import { issuedDocTypes } from '../../src/shared/domain/case-type'
import { caseTypeDef } from '../../src/shared/domain/case-types'
import { DEFAULT_OFFICE, type OfficeInfo } from '../../src/shared/domain/office'
import { issueLetter } from '../../src/main/core/cases/letters'
import type { CaseRow } from '../../src/main/core/cases/detail'
import { parseFormJson } from '../../src/main/core/cases/form'
import type { Store } from '../../src/main/core/store'

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
  let issued = 0
  sql.transaction(() => {
    for (const e of events) {
      const action = caseTypeDef(e.type)?.actions[e.action]
      const docTypes = action ? issuedDocTypes(action, e.subtype, parseFormJson(e.form)) : []
      if (docTypes.length === 0 || docTypes.some((t) => hasLetter.get(e.id, t))) continue
      const data = JSON.parse(e.data) as Record<string, unknown>
      const documentIds = docTypes.map((docType) =>
          issueLetter(docType, {
            store,
            office,
            caseRow: e,
            issuedById: e.actor_id,
            issuedAt: e.at,
            issuedOn: officeDateOf(e.at),
            input: data,
            actorName: e.actor_name
          })
      )
      setData.run(JSON.stringify({ ...data, documentId: documentIds[0], documentIds }), e.event_id)
      issued += documentIds.length
    }
    linkCertificates(store)
  })()
  return issued
}

/** An employment registration of an applicant whose certification was certified here names its 认证书 (the register's number). */
function linkCertificates(store: Store): void {
  const sql = store.sqlite
  const rows = sql
    .prepare(
      `SELECT e.id, e.form, d.number FROM cases e
       JOIN cases c ON c.applicant_id = e.applicant_id AND c.type = 'degree_certification'
       JOIN issued_documents d ON d.case_id = c.id AND d.doc_type = 'certification_certificate'
       WHERE e.type = 'employment_registration'`
    )
    .all() as { id: string; form: string; number: string }[]
  const update = sql.prepare('UPDATE cases SET form = ? WHERE id = ?')
  for (const r of rows) update.run(JSON.stringify({ ...(JSON.parse(r.form) as Record<string, unknown>), certificationNumber: r.number }), r.id)
}
