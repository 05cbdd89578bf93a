// A valid request for every route of the exchange service (the fuzz tests' starting points), on the access
// matrix's service (two sample cases with files and letters, an archive, an account per role). The fuzz test
// checks that this table names exactly the routes the app registers, so a new route cannot go unfuzzed.
import { randomUUID } from 'node:crypto'
import { DEFAULT_TIME_LIMITS } from '../../../src/shared/domain/certification-deadlines'
import { DEFAULT_SECURITY } from '../../../src/shared/domain/staff'
import { sha256Hex } from '../blobs'
import { DEFAULT_OFFICE_SETTINGS } from '../office'
import type { Matrix } from '../testing/access-matrix'
import type { Desk } from '../testing/harness'

/**
 * Who sends it: nobody, the portal's backend, the administrator, a supervisor (every case type), a reviewer (the
 * password change: its wrong old passwords lock that account, not the supervisor's), or a fresh session (the route ends it).
 */
export type As = 'public' | 'portal' | 'admin' | 'supervisor' | 'reviewer' | 'fresh'

export interface Sample {
  as: As
  /** Path with `:name` parameters, filled from `params` (percent-encoded by the sender). */
  path: string
  params?: Record<string, string>
  query?: Record<string, string>
  /** A JSON body (the route's own shape); undefined = none. */
  body?: () => unknown
  /** Raw bytes (blob uploads). */
  bytes?: Buffer
  /** A server-sent event stream: only its head is read. */
  stream?: true
  /** Valid bodies whose every position gets every class of bad input (default: `body()`); smaller ones keep the run short. */
  bases?: () => unknown[]
}

const AT = '2026-03-02T02:00:00.000Z'
const RETURN = { reasons: [{ material: 'id_card', text: '身份证复印件不清晰' }], note: '' }
export const BLOB = Buffer.from('%PDF-1.4 fuzz')

/** The desk's next mutation envelope fields. */
const next = (d: Desk) => ({ seq: ++d.seq, id: randomUUID(), baseVersion: null, leaseToken: null })

/** Every route as `METHOD /path` → a valid sample request. `pushDesk` gives the supervisor's desk for push/numbers (a new one once a fuzzed seq has used up the old one's). */
export function samples(m: Matrix, pushDesk: () => Desk, application: Record<string, unknown>): Record<string, Sample> {
  const [deposit, cert] = m.cases
  const key = { archiveNumber: m.archive.archiveNumber, idType: m.archive.idType, idNumber: m.archive.idNumber }
  const NO_ID = '999999'
  const pushBody = () => {
    const d = pushDesk()
    return {
      clientId: d.clientId,
      mutations: [
        { ...next(d), name: 'case.claim', args: { caseId: deposit.caseId, state: 'submitted', round: 1 } },
        { ...next(d), name: 'case.act', args: { caseId: deposit.caseId, action: 'return_for_changes', input: RETURN } },
        { ...next(d), name: 'case.release', args: { caseId: cert.caseId }, leaseToken: 3 },
        { ...next(d), name: 'archive.move', args: { ...key, toShelf: 'B-02-03', note: '模糊测试' } },
        { ...next(d), name: 'archive.update', args: { ...key, category: 'individual', employer: null, feesPaidUntil: m.archive.feesPaidUntil, dismissalDate: null, note: '' } },
        { ...next(d), name: 'document.sign', args: { number: cert.draftNumber, signedSha256: '0'.repeat(64), signedAt: AT } },
        { ...next(d), name: 'document.void', args: { number: deposit.voidNumber, reason: '模糊测试作废', at: AT } },
        { ...next(d), name: 'document.print', args: { number: deposit.draftNumber, kind: 'save', reason: '', printer: '打印机', at: AT } },
        { ...next(d), name: 'number.void', args: { counter: 'transfer_notice:2026', serial: 999_999, reason: '模糊测试' } }
      ],
      answeredThrough: 0
    }
  }
  return {
    'GET /hello': { as: 'public', path: '/hello' },
    'POST /setup/first-admin': { as: 'public', path: '/setup/first-admin', body: () => ({ code: 'ABCD-EFGH-JKMN', username: 'late', displayName: '迟到', password: 'Zhanghu-2026-mima' }) },
    'POST /auth/sign-in': { as: 'public', path: '/auth/sign-in', body: () => ({ username: 'fuzz-nobody', password: 'Zhanghu-2026-mima', clientId: randomUUID(), deskName: '模糊测试' }) },
    'GET /auth/me': { as: 'supervisor', path: '/auth/me' },
    'POST /auth/password': { as: 'reviewer', path: '/auth/password', body: () => ({ oldPassword: 'not-the-password', newPassword: 'Another-Pass-2026' }) },
    'POST /auth/sign-out': { as: 'fresh', path: '/auth/sign-out', body: () => ({}) },
    'GET /admin/staff': { as: 'admin', path: '/admin/staff' },
    'POST /admin/staff': { as: 'admin', path: '/admin/staff', body: () => ({ username: 'admin', displayName: '重名', role: 'clerk', scopes: null }) },
    'PATCH /admin/staff/:id': { as: 'admin', path: '/admin/staff/:id', params: { id: NO_ID }, body: () => ({ displayName: '无此人', role: 'clerk', scopes: ['archive_deposit'] }) },
    'POST /admin/staff/:id/disable': { as: 'admin', path: '/admin/staff/:id/disable', params: { id: NO_ID }, body: () => ({}) },
    'POST /admin/staff/:id/enable': { as: 'admin', path: '/admin/staff/:id/enable', params: { id: NO_ID }, body: () => ({}) },
    'POST /admin/staff/:id/unlock': { as: 'admin', path: '/admin/staff/:id/unlock', params: { id: NO_ID }, body: () => ({}) },
    'POST /admin/staff/:id/reset-password': { as: 'admin', path: '/admin/staff/:id/reset-password', params: { id: NO_ID }, body: () => ({}) },
    'GET /admin/staff/:id/sessions': { as: 'admin', path: '/admin/staff/:id/sessions', params: { id: NO_ID } },
    'DELETE /admin/sessions/:publicId': { as: 'admin', path: '/admin/sessions/:publicId', params: { publicId: randomUUID() } },
    'GET /admin/staff-events': { as: 'admin', path: '/admin/staff-events', query: { staffId: '1', limit: '5' } },
    'PUT /blobs/:sha256': { as: 'supervisor', path: '/blobs/:sha256', params: { sha256: sha256Hex(BLOB) }, bytes: BLOB },
    'GET /blobs/:sha256': { as: 'supervisor', path: '/blobs/:sha256', params: { sha256: deposit.attachmentSha } },
    'POST /sync/push': {
      as: 'supervisor',
      path: '/sync/push',
      body: pushBody,
      // Each mutation kind alone in its batch: its every field gets every class.
      bases: () => {
        const { mutations, ...envelope } = pushBody()
        return mutations.map((m) => ({ ...envelope, mutations: [m] }))
      }
    },
    'GET /sync/pull': { as: 'supervisor', path: '/sync/pull', query: { cursor: '', limit: '100' } },
    'GET /sync/events': { as: 'supervisor', path: '/sync/events', stream: true },
    'POST /sync/numbers': {
      as: 'supervisor',
      path: '/sync/numbers',
      body: () => ({ clientId: pushDesk().clientId, want: [{ counter: 'transfer_notice:2026', size: 5 }], held: [{ counter: 'transfer_notice:2026', first: 1, last: 2 }] })
    },
    'GET /sync/calendar': { as: 'supervisor', path: '/sync/calendar' },
    'POST /sync/calendar': { as: 'admin', path: '/sync/calendar', body: () => ({ op: 'set', date: '2026-12-31', kind: 'holiday', note: '模糊测试' }) },
    'GET /sync/office': { as: 'supervisor', path: '/sync/office' },
    'POST /sync/office': { as: 'admin', path: '/sync/office', body: () => DEFAULT_OFFICE_SETTINGS },
    'GET /sync/time-limits': { as: 'supervisor', path: '/sync/time-limits' },
    'POST /sync/time-limits': { as: 'admin', path: '/sync/time-limits', body: () => ({ limits: DEFAULT_TIME_LIMITS }) },
    'GET /sync/programmes': { as: 'supervisor', path: '/sync/programmes' },
    'POST /sync/programmes/import': {
      as: 'admin',
      path: '/sync/programmes/import',
      body: () => ({
        mode: 'upsert',
        programmes: [
          {
            code: 'MOE11UK2A20161234N',
            name: '模糊测试项目',
            chineseInstitution: '某大学',
            foreignInstitution: 'Some University',
            country: '英国',
            level: 'master',
            approvedUntil: '2030-12-31',
            enrolmentFrom: 2016,
            enrolmentTo: 2030,
            status: 'active'
          }
        ]
      })
    },
    'GET /sync/staff': { as: 'supervisor', path: '/sync/staff' },
    'GET /sync/security': { as: 'supervisor', path: '/sync/security' },
    'POST /sync/security': { as: 'admin', path: '/sync/security', body: () => DEFAULT_SECURITY },
    'PUT /portal/blobs/:sha256': { as: 'portal', path: '/portal/blobs/:sha256', params: { sha256: sha256Hex(BLOB) }, bytes: BLOB },
    'POST /portal/applications': { as: 'portal', path: '/portal/applications', body: () => application },
    'PATCH /portal/applications/:id': { as: 'portal', path: '/portal/applications/:id', params: { id: cert.caseId }, body: () => ({ form: { note: '模糊测试' } }) },
    'POST /portal/applications/:id/cancel': { as: 'portal', path: '/portal/applications/:id/cancel', params: { id: 'no-such-case' }, body: () => ({}) },
    'POST /portal/applications/:id/resubmit': { as: 'portal', path: '/portal/applications/:id/resubmit', params: { id: deposit.caseId }, body: () => ({ form: application.form }) },
    'POST /portal/applications/:id/supplement': { as: 'portal', path: '/portal/applications/:id/supplement', params: { id: cert.caseId }, body: () => ({ attachments: [] }) },
    'GET /portal/applications/:id': { as: 'portal', path: '/portal/applications/:id', params: { id: deposit.caseId } },
    'GET /portal/applications/:id/documents': { as: 'portal', path: '/portal/applications/:id/documents', params: { id: deposit.caseId } },
    'GET /portal/applications/:id/documents/:documentId': { as: 'portal', path: '/portal/applications/:id/documents/:documentId', params: { id: deposit.caseId, documentId: '1' } },
    'GET /verify': { as: 'public', path: '/verify', query: { code: deposit.verificationCode } },
    'GET /verify/:code': { as: 'public', path: '/verify/:code', params: { code: deposit.verificationCode } },
    'GET /api/verify/:code': { as: 'public', path: '/api/verify/:code', params: { code: cert.verificationCode } }
  }
}
