import { z } from 'zod'
import type { CaseDetail, CertificationWorkbench, RelatedCaseView } from '../../../shared/api/types'
import { isIsoDate, type IsoDate, officeDateOf } from '../../../shared/domain/calendar'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { certificationDays } from '../../../shared/domain/certification-deadlines'
import { type DegreeInfo, type Payment, studyEntry, trip } from '../../../shared/domain/certification-forms'
import { daysAbroad, studyHistoryFindings } from '../../../shared/domain/certification-rules'
import { REFUND_DONE_STATES } from '../../../shared/domain/certification-requests'
import { maskName } from '../../../shared/domain/masking'
import { DomainError } from '../../../shared/result'
import { findProgramme } from '../programmes/register'
import { timeLimits } from '../settings/time-limits'
import type { Store } from '../store'
import { casesNaming, countedRefunds, findCertification, namedCertification } from './certification-facts'
import type { CaseRow } from './detail'
import { parseFormJson } from './form'
import { employmentWorkbench } from './employment-workbench'

/**
 * The certification reviewer's workbench beside the documents (CaseDetail.certification): the clock's length and
 * why, the study history's findings, the days abroad, the same file or diploma under another applicant, the joint
 * programme in the register, the foreign verification, the payment and the related cases. For a re-review or a
 * refund the degree, the study history and the payment are the certification's it names.
 */

export const CERTIFICATION_TYPES: readonly string[] = ['degree_certification', 'certification_rereview', 'certification_refund']

const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null)
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')
/** A list of the form read through its entries' schema; a list that does not match (an old or wrong-shaped form) is read as none. */
const studyList = (v: unknown) => z.array(studyEntry).max(100).safeParse(v).data ?? []
const tripList = (v: unknown) => z.array(trip).max(200).safeParse(v).data ?? []

/** The case's workbench part of the detail: `certification` or `employment`, or nothing. */
export function caseWorkbench(store: Store, c: CaseRow, today: IsoDate): Pick<CaseDetail, 'certification' | 'employment'> {
  if (CERTIFICATION_TYPES.includes(c.type)) return { certification: certificationWorkbench(store, c, today) }
  if (c.type === 'employment_registration') return { employment: employmentWorkbench(store, c) }
  return {}
}

interface CaseEventRow {
  id: number
  action: string
  at: string
  data: string
}

const eventsOf = (store: Store, caseId: string, actions: readonly string[]): CaseEventRow[] =>
  store.sqlite
    .prepare(`SELECT id, action, at, data FROM case_events WHERE case_id = ? AND action IN (${actions.map(() => '?').join(', ')}) ORDER BY id`)
    .all(caseId, ...actions) as CaseEventRow[]

export function certificationWorkbench(store: Store, c: CaseRow, today: IsoDate): CertificationWorkbench {
  const own = parseFormJson(c.form)
  // The certification the form is about: this case, or the one a re-review or refund names.
  const cert = c.type === 'degree_certification' ? c : findCertification(store, namedCertification(own))
  const certForm = cert ? (cert === c ? own : parseFormJson(cert.form)) : null
  const degree = obj(certForm?.degree) as Partial<DegreeInfo> | null
  const refund = c.type === 'certification_refund'
  return {
    timeLimit: refund ? null : timeLimitOf(store, c, degree),
    studyFindings: refund || !certForm ? [] : studyHistoryFindings(studyList(certForm.studyHistory)).map(({ kind, severity, text }) => ({ kind, severity, text })),
    abroad: refund || !certForm ? null : abroadOf(certForm, degree, today),
    duplicates: refund ? [] : duplicatesOf(store, c, cert, degree),
    programme: refund || !cert || cert.subtype !== 'joint_programme' ? null : programmeOf(store, certForm ?? {}),
    verification: verificationOf(store, c, today),
    payment: cert && certForm ? paymentOf(store, cert, certForm) : null,
    related: relatedOf(store, c, cert)
  }
}

/** The clock's length as the case service counts it: green channel from the accept event's input, the table, the joint programme. */
function timeLimitOf(store: Store, c: CaseRow, degree: Partial<DegreeInfo> | null): CertificationWorkbench['timeLimit'] {
  const limits = timeLimits(store)
  if (c.type === 'certification_rereview') {
    // The re-review's clock counts its own form (no degree): the office's longest category (certification-rereview.ts).
    const d = certificationDays(limits, { subtype: c.subtype, country: '', institution: '', greenChannel: false })
    return { workingDays: d.workingDays, basis: `复核，按${d.basis}` }
  }
  const accept = eventsOf(store, c.id, ['accept']).at(-1)
  const greenChannel = accept ? parseFormJson(accept.data).greenChannel === true : false
  const d = certificationDays(limits, { subtype: c.subtype, country: str(degree?.country), institution: str(degree?.institution), greenChannel })
  return { workingDays: d.workingDays, basis: d.basis }
}

function abroadOf(form: Record<string, unknown>, degree: Partial<DegreeInfo> | null, today: IsoDate): CertificationWorkbench['abroad'] {
  const trips = tripList(form.trips)
  const until = degree?.awardedOn && isIsoDate(degree.awardedOn) ? degree.awardedOn : today
  try {
    const r = daysAbroad(trips, until)
    return { days: r.days, stays: r.trips }
  } catch (e) {
    if (e instanceof DomainError) return { days: 0, stays: [], error: e.message }
    throw e
  }
}

/**
 * The same file (SHA-256) under a case of another applicant, and — for the certification — the same diploma number
 * in another applicant's degree certification; the other applicant's name masked.
 */
function duplicatesOf(store: Store, c: CaseRow, cert: CaseRow | null, degree: Partial<DegreeInfo> | null): CertificationWorkbench['duplicates'] {
  const sql = store.sqlite
  const files = sql
    .prepare(
      `SELECT a.file_name AS mine, b.file_name AS theirs, o.id AS caseId, o.case_number AS caseNumber, p.name AS applicantName
       FROM attachments a
       JOIN attachments b ON b.sha256 = a.sha256 AND b.case_id <> a.case_id
       JOIN cases o ON o.id = b.case_id
       JOIN applicants p ON p.id = o.applicant_id
       WHERE a.case_id = ? AND o.applicant_id <> ?
       ORDER BY a.id, b.id`
    )
    .all(c.id, c.applicant_id) as { mine: string; theirs: string; caseId: string; caseNumber: string; applicantName: string }[]
  const out: CertificationWorkbench['duplicates'] = []
  const seen = new Set<string>()
  for (const f of files) {
    const key = `${f.caseId}\u0000${f.mine}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ kind: 'file', caseId: f.caseId, caseNumber: f.caseNumber, applicantName: maskName(f.applicantName), detail: `“${f.mine}”与该申请的“${f.theirs}”为同一文件` })
  }
  const diploma = str(degree?.diplomaNumber)
  if (cert && diploma) {
    const same = sql
      .prepare(
        `SELECT o.id AS caseId, o.case_number AS caseNumber, p.name AS applicantName
         FROM cases o JOIN applicants p ON p.id = o.applicant_id
         WHERE o.type = 'degree_certification' AND o.id <> ? AND o.applicant_id <> ?
           AND upper(trim(json_extract(o.form, '$.degree.diplomaNumber'))) = upper(?)
         ORDER BY o.submitted_at, o.case_number`
      )
      .all(cert.id, cert.applicant_id, diploma) as { caseId: string; caseNumber: string; applicantName: string }[]
    for (const d of same) out.push({ kind: 'diploma', caseId: d.caseId, caseNumber: d.caseNumber, applicantName: maskName(d.applicantName), detail: `学位证书编号 ${diploma} 相同` })
  }
  return out
}

function programmeOf(store: Store, form: Record<string, unknown>): CertificationWorkbench['programme'] {
  const code = str(form.programmeCode)
  const p = code ? findProgramme(store, code) : null
  if (!p) return 'missing'
  return { code: p.code, name: p.name, chineseInstitution: p.chineseInstitution, foreignInstitution: p.foreignInstitution, status: p.status }
}

/** The latest 发起境外核查 and the 核查反馈 after it; overdue when unanswered past the reply-due date. */
function verificationOf(store: Store, c: CaseRow, today: IsoDate): CertificationWorkbench['verification'] {
  const events = eventsOf(store, c.id, ['send_verification', 'record_verification'])
  const sendIndex = events.findLastIndex((e) => e.action === 'send_verification')
  if (sendIndex < 0) return null
  const send = events[sendIndex]
  const sent = parseFormJson(send.data)
  const reply = events.slice(sendIndex + 1).find((e) => e.action === 'record_verification')
  const replyData = reply ? parseFormJson(reply.data) : null
  const replyDueOn = str(sent.replyDueOn)
  const answeredOn = reply ? officeDateOf(reply.at) : null
  return {
    sentOn: officeDateOf(send.at),
    recipient: str(sent.recipient),
    reasonCode: str(sent.reasonCode),
    replyDueOn,
    answeredOn,
    outcome: replyData ? str(replyData.outcome) || null : null,
    overdue: !reply && replyDueOn !== '' && replyDueOn < today
  }
}

/** The certification's payment and whether a refund of it is requested or done (refunds not cancelled or rejected). */
function paymentOf(store: Store, cert: CaseRow, form: Record<string, unknown>): CertificationWorkbench['payment'] {
  const p = obj(form.payment) as Partial<Payment> | null
  if (!p) return null
  const refunds = countedRefunds(store, cert.case_number)
  const refund = refunds.some((r) => REFUND_DONE_STATES.includes(r.state)) ? 'refunded' : refunds.length ? 'requested' : 'none'
  return { amount: Number(p.amount ?? 0), paidAt: str(p.paidAt), transactionId: str(p.transactionId), cardTail: str(p.cardTail), refund }
}

export function relatedView(r: CaseRow): RelatedCaseView {
  const def = caseTypeDef(r.type)
  return { id: r.id, caseNumber: r.case_number, type: r.type, typeLabel: def?.label ?? r.type, state: r.state, stateLabel: def?.states[r.state]?.label ?? r.state }
}

/** A certification's re-reviews and refunds (oldest first); a re-review's or refund's certification. */
function relatedOf(store: Store, c: CaseRow, cert: CaseRow | null): RelatedCaseView[] {
  if (c.type !== 'degree_certification') return cert ? [relatedView(cert)] : []
  const all = [...casesNaming(store, 'certification_rereview', c.case_number), ...casesNaming(store, 'certification_refund', c.case_number)]
  return all.sort((a, b) => a.submitted_at.localeCompare(b.submitted_at) || a.case_number.localeCompare(b.case_number)).map(relatedView)
}
