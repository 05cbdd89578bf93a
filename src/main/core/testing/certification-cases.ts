import type { Clock } from '../clock'
import type { DegreeCertificationForm, DegreeLevel, EmploymentForm } from '../../../shared/domain/certification-forms'
import type { Store } from '../store'

/**
 * Certification-office and employment-desk cases for the desk tests: applicants, cases in any state with their
 * clock, the events and attachments the rules and the workbench read. Each call makes new rows (unique numbers).
 */

let seq = 0

/** A clock the test moves (`set`), for flows spread over weeks. */
export function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = iso
  return { now: () => new Date(at), set: (next) => void (at = next) }
}

export function addApplicant(store: Store, opts: { name?: string; birthDate?: string } = {}): number {
  seq++
  return Number(
    store.sqlite
      .prepare(
        `INSERT INTO applicants (name, sex, id_number, birth_date, ethnicity, political_status, marital_status, fertility_status,
           household_region, mobile, email, contact_name, contact_mobile, passport_number)
         VALUES (?, 'male', ?, ?, '汉族', '共青团员', '未婚', '未育', '河北省/石家庄市/长安区', ?, 'wsy@example.cn', '王建国', '13900001111', ?)`
      )
      .run(opts.name ?? '王思远', `1101051996081${String(seq).padStart(4, '0')}X`, opts.birthDate ?? '1996-08-12', `1391234${String(seq).padStart(4, '0')}`, `EG${String(seq).padStart(7, '0')}`)
      .lastInsertRowid
  )
}

export interface CaseOpts {
  type: string
  subtype: string
  state: string
  form: object
  applicantId: number
  submittedAt?: string
  caseNumber?: string
  assigneeId?: number | null
  clock?: { startedOn: string; days: number | null; deadlineOn: string | null }
}

export function addCertCase(store: Store, o: CaseOpts): { id: string; caseNumber: string } {
  seq++
  const id = `cert-${seq}-${Math.random().toString(36).slice(2, 8)}`
  const caseNumber = o.caseNumber ?? `RZ20261101${String(seq).padStart(6, '0')}`
  store.sqlite
    .prepare(
      `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, assignee_id, submitted_at, clock_started_on, clock_days, deadline_on)
       VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`
    )
    .run(id, caseNumber, o.type, o.subtype, o.state, o.applicantId, JSON.stringify(o.form), o.assigneeId ?? null, o.submittedAt ?? '2026-11-02T02:00:00.000Z',
      o.clock?.startedOn ?? null, o.clock?.days ?? null, o.clock?.deadlineOn ?? null)
  return { id, caseNumber }
}

/** An event as the case service (or sync) recorded it, e.g. the certify / defer / refuse result with its data. */
export function addEvent(store: Store, caseId: string, action: string, at: string, data: Record<string, unknown> = {}): void {
  store.sqlite
    .prepare("INSERT INTO case_events (case_id, at, actor_name, action, reasons, note, data) VALUES (?, ?, '测试', ?, '[]', '', ?)")
    .run(caseId, at, action, JSON.stringify(data))
}

/** An attachment whose body has this SHA-256 (the body itself is a placeholder). */
export function addAttachment(store: Store, caseId: string, materialCode: string, sha256: string, fileName = `${materialCode}.pdf`): void {
  store.sqlite.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, 1, x'00')").run(sha256)
  store.sqlite
    .prepare("INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256, uploaded_at) VALUES (?, ?, ?, 'application/pdf', 1, ?, '2026-11-01T02:00:00Z')")
    .run(caseId, materialCode, fileName, sha256)
}

export function degreeForm(
  over: { country?: string; institution?: string; level?: DegreeLevel; diplomaNumber?: string; paidAt?: string; greenChannel?: DegreeCertificationForm['greenChannel']; trips?: DegreeCertificationForm['trips']; programmeCode?: string | null } = {}
): DegreeCertificationForm {
  return {
    degree: {
      institution: over.institution ?? '伦敦大学学院',
      institutionEn: 'University College London',
      country: over.country ?? '英国',
      level: over.level ?? 'master',
      degreeName: '理学硕士',
      major: '计算机科学',
      startOn: '2024-09-23',
      endOn: '2025-09-30',
      awardedOn: '2025-11-15',
      diplomaNumber: over.diplomaNumber ?? ''
    },
    studyHistory: [
      { from: '2011-09', to: '2014-06', institution: '石家庄市第二中学', country: '中国', stage: 'high_school', degree: '' },
      { from: '2014-09', to: '2018-06', institution: '河北大学', country: '中国', stage: 'bachelor', degree: '学士' },
      { from: '2024-09', to: '2025-09', institution: '伦敦大学学院', country: '英国', stage: 'master', degree: '硕士' }
    ],
    trips: over.trips ?? [{ exitOn: '2024-09-15', entryOn: '2025-10-08' }],
    payment: { amount: 360, paidAt: over.paidAt ?? '2026-09-18T06:32:05.000Z', transactionId: 'UP202609181432050088123456', cardTail: '6688' },
    greenChannel: over.greenChannel ?? null,
    programmeCode: over.programmeCode ?? null
  }
}

export function employmentSample(over: Partial<EmploymentForm> = {}): EmploymentForm {
  return {
    degreeLevel: 'master',
    certificationNumber: '',
    domesticDoctorPostdoc: false,
    institution: '伦敦大学学院',
    country: '英国',
    trips: [{ exitOn: '2024-09-15', entryOn: '2025-10-08' }],
    firstReturnOn: '2025-10-08',
    preDepartureEmployment: 'none',
    employer: { name: '北京字节跳动科技有限公司', creditCode: '91110108MA0012345X', city: '北京市海淀区' },
    socialInsuranceMonths: 3,
    publicInstitutionLetter: false,
    identityConsistent: true,
    hukou: { region: '河北省石家庄市长安区', kind: 'family' },
    settleTo: '北京市海淀区中关村大街27号集体户',
    workingAtHukouPlace: false,
    ...over
  }
}

/** A certificate issued on a case (issued_documents row; the PDF is a placeholder blob). */
export function addIssuedCertificate(store: Store, caseId: string, number: string, status: 'draft' | 'issued' | 'void' = 'issued'): void {
  store.sqlite.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES ('cert-pdf', 1, x'00')").run()
  store.sqlite
    .prepare(
      `INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_at, status)
       VALUES (?, 'certification_certificate', ?, ?, 'cert-pdf', 'c.pdf', '2026-06-01T02:00:00Z', ?)`
    )
    .run(caseId, number, `VC-${number}`, status)
}
