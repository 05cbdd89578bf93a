// The exchange service's access matrix (access-matrix*.test.ts): one service shared by the matrix, with an
// account per caller, two sample cases of different roles' types (each with its files and letters) and an
// archive in the register. Everything here is made through the protocol where it can be (portal submissions,
// POST /admin/staff); letters and the archive are inserted directly (what a desk's approval would record).
import { newVerificationCode } from '../../../src/main/core/documents/numbering'
import { formatDocumentNumber } from '../../../src/shared/domain/numbers'
import { ROLES, type Role } from '../../../src/shared/domain/roles'
import { caseTypesOf, roleCaseTypes } from '../../../src/shared/domain/staff'
import { sha256Hex } from '../blobs'
import { schema } from '../db'
import { PORTAL_KEY, portalDegreeForm, startTest, type Desk, type TestOptions, type TestServer } from './harness'
import { call, GOOD_PASSWORD, newAccount } from './staff'

/** A case the matrix asks about: its type, what names it (never to show in a refusal) and its files and letters. */
export interface SampleCase {
  label: string
  type: string
  caseId: string
  caseNumber: string
  /** An attachment's blob and the draft letter's blob (both files of the case: `GET /blobs/:sha256`). */
  attachmentSha: string
  letterSha: string
  /** A draft letter (sign, print) and a void one (void), and the draft's verification code. */
  draftNumber: string
  voidNumber: string
  verificationCode: string
}

export interface Caller {
  label: string
  /** null: no staff account (anonymous, or the portal's backend). */
  role: Role | null
  scopes: string[] | null
  /** Sends `x-portal-key`: the service's key, or a wrong one. */
  portal?: 'key' | 'wrong'
  /** Signed in with the temporary password the administrator was given (must change it first). */
  temporary?: true
  headers: Record<string, string>
  /** For a caller with an account: a desk (clientId, seq) and how to sign in again (a fresh session). */
  desk?: Desk
  username?: string
  password?: string
}

/** The sample cases' types: an archive deposit (clerks' work) and a degree certification (reviewers'). */
const SAMPLE_TYPES = ['archive_deposit', 'degree_certification']

/**
 * The out-of-scope account of a role: limited to another of the role's case types, one neither sample case
 * has (the last of the role's list: for clerks and supervisors a type outside the archive register, so the
 * register's scope rule is exercised too).
 */
export const otherScope = (role: Role): string => roleCaseTypes(role).filter((t) => !SAMPLE_TYPES.includes(t)).at(-1)!

/** The callers: anonymous, the portal (its key, a wrong key), every role with all its types, every case-working role limited to another type, a clerk on a temporary password. */
export function callerSpecs(): Omit<Caller, 'headers'>[] {
  return [
    { label: 'anonymous', role: null, scopes: null },
    { label: 'portal key', role: null, scopes: null, portal: 'key' },
    { label: 'wrong portal key', role: null, scopes: null, portal: 'wrong' },
    ...ROLES.flatMap((role): Omit<Caller, 'headers'>[] => [
      { label: role, role, scopes: null },
      ...(roleCaseTypes(role).length ? [{ label: `${role} out of scope`, role, scopes: [otherScope(role)] }] : [])
    ]),
    { label: 'clerk (temporary password)', role: 'clerk', scopes: null, temporary: true }
  ]
}

export const inScopeOf = (caller: Caller, type: string): boolean => caller.role !== null && caseTypesOf({ role: caller.role, scopes: caller.scopes }).includes(type)

export interface Matrix {
  t: TestServer
  callers: Caller[]
  cases: SampleCase[]
  /** The archive in the register (its holder is the archive case's applicant) and its record as stored. */
  archive: { archiveNumber: string; idType: string; idNumber: string; shelf: string; category: 'individual'; feesPaidUntil: string }
  /** What no refusal may name: applicants' names and ID numbers, case numbers, letter numbers. */
  secrets: string[]
  /** The demo administrator's desk (it made the accounts). */
  adminDesk: Desk
}

async function portalFile(t: TestServer, text: string, mime = 'application/pdf') {
  const data = Buffer.from(mime === 'image/jpeg' ? `\xff\xd8\xff ${text}` : `%PDF-1.4 ${text}`)
  const r = await t.putBlob(data, t.portalHeaders, '/portal')
  if (r.statusCode >= 300) throw new Error(r.body)
  return sha256Hex(data)
}

/** Two letters of the case (a draft and a void one), inserted as a desk's approval would have recorded them. */
async function letters(t: TestServer, caseId: string, docType: string, serial: number, issuedById: number) {
  const year = 2026
  const draftNumber = formatDocumentNumber(docType, year, serial)
  const voidNumber = formatDocumentNumber(docType, year, serial + 1)
  const letterSha = await portalFile(t, `letter ${draftNumber}`)
  const verificationCode = newVerificationCode()
  const base = { caseId, docType, sha256: letterSha, issuedById, issuedAt: t.clock.now(), fileName: `${docType}.pdf` }
  await t.sdb.db.insert(schema.issuedDocuments).values([
    { ...base, number: draftNumber, verificationCode },
    { ...base, number: voidNumber, verificationCode: newVerificationCode(), status: 'void', statusReason: '矩阵测试作废', statusAt: t.clock.now() }
  ])
  return { draftNumber, voidNumber, letterSha, verificationCode }
}

async function attachmentOf(t: TestServer, caseId: string): Promise<string> {
  const rows = await t.sdb.db.select().from(schema.attachments)
  return rows.find((a) => a.caseId === caseId)!.sha256
}

export async function startMatrix(opts: TestOptions = {}): Promise<Matrix> {
  const t = await startTest(opts)
  const adminDesk = await t.desk('admin')
  const secrets: string[] = []

  // The archive deposit (clerks'), with an archive in the register for its applicant.
  const deposit = await t.submitApplication(1)
  const depositApplicant = ((await t.applicationPayload(1)) as { applicant: { name: string; idNumber: string } }).applicant
  const depositLetters = await letters(t, deposit.caseId, 'transfer_notice', 901, adminDesk.staffId)
  const [holder] = await t.sdb.db.select().from(schema.applicants)
  const archive = { archiveNumber: 'D2019000901', idType: holder.idType, idNumber: holder.idNumber, shelf: 'A-01-01', category: 'individual' as const, feesPaidUntil: '2026-06' }
  await t.sdb.db
    .insert(schema.archives)
    .values({ applicantId: holder.id, archiveNumber: archive.archiveNumber, status: 'in_storage', category: 'individual', feesPaidUntil: archive.feesPaidUntil, shelfLocation: archive.shelf })

  // The degree certification (reviewers').
  const certApplicant = ((await t.applicationPayload(2)) as { applicant: { name: string; idNumber: string } }).applicant
  const files = [
    { materialCode: 'diploma', fileName: '学位证书.pdf', mime: 'application/pdf', sha256: await portalFile(t, 'diploma 2') },
    { materialCode: 'photo', fileName: '照片.jpg', mime: 'image/jpeg', sha256: await portalFile(t, 'photo 2', 'image/jpeg') },
    { materialCode: 'authorisation', fileName: '授权声明.pdf', mime: 'application/pdf', sha256: await portalFile(t, 'auth 2') }
  ]
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/portal/applications',
    headers: t.portalHeaders,
    payload: { type: 'degree_certification', subtype: 'foreign', applicant: certApplicant, form: portalDegreeForm(), attachments: files }
  })
  if (submitted.statusCode !== 201) throw new Error(`certification ${submitted.statusCode}: ${submitted.body}`)
  const cert = submitted.json() as { caseId: string; caseNumber: string }
  const certLetters = await letters(t, cert.caseId, 'certification_certificate', 901, adminDesk.staffId)

  const cases: SampleCase[] = [
    { label: '存档申请', type: 'archive_deposit', ...deposit, attachmentSha: await attachmentOf(t, deposit.caseId), ...depositLetters },
    { label: '学历学位认证', type: 'degree_certification', ...cert, attachmentSha: await attachmentOf(t, cert.caseId), ...certLetters }
  ]
  for (const c of cases) secrets.push(c.caseNumber, c.draftNumber, c.voidNumber)
  secrets.push(depositApplicant.name, depositApplicant.idNumber, certApplicant.name, certApplicant.idNumber)

  const callers: Caller[] = []
  for (const spec of callerSpecs()) {
    if (spec.role === null) {
      const key = spec.portal === 'key' ? PORTAL_KEY : spec.portal === 'wrong' ? `${PORTAL_KEY}-wrong` : undefined
      callers.push({ ...spec, headers: { 'x-casedesk-schema': '1', ...(key ? { 'x-portal-key': key } : {}) } })
      continue
    }
    const username = `m-${spec.label.replace(/\W+/g, '-').replace(/-$/, '')}`
    if (spec.temporary) {
      const created = await call(t, adminDesk, 'POST', '/admin/staff', { username, displayName: `矩阵${spec.label}`, role: spec.role, scopes: spec.scopes })
      if (created.statusCode !== 201) throw new Error(created.body)
      const password = (created.json() as { temporaryPassword: string }).temporaryPassword
      const desk = await t.desk(username, password)
      callers.push({ ...spec, headers: desk.headers, desk, username, password })
      continue
    }
    const { desk } = await newAccount(t, adminDesk, { username, displayName: `矩阵${spec.label}`, role: spec.role, scopes: spec.scopes })
    callers.push({ ...spec, headers: desk.headers, desk, username, password: GOOD_PASSWORD })
  }
  return { t, callers, cases, archive, secrets, adminDesk }
}

/** A new session of the caller's account (for a route that ends the session it is called with). */
export async function freshHeaders(m: Matrix, caller: Caller): Promise<Record<string, string>> {
  if (!caller.username) return caller.headers
  return (await m.t.desk(caller.username, caller.password)).headers
}
