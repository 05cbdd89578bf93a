import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRINT_CONSOLE } from '../../src/shared/api/contract'
import { ARCHIVE_KEEPERS } from '../../src/shared/domain/archive'
import type { Role } from '../../src/shared/domain/roles'
import { registerRefusal } from '../../src/shared/domain/staff'
import { MUTATION_NAMES } from './sync/mutations'
import { type Caller, inScopeOf, type Matrix, type SampleCase, startMatrix } from './testing/access-matrix'
import type { MutationSpec } from './testing/harness'

/**
 * The exchange service's access matrix, sync mutations (access-matrix.test.ts has the routes): every mutation
 * kind `POST /sync/push` accepts × the same callers × (for a mutation about one case or one of its letters)
 * each sample case, in or out of the caller's case types. `MUTATIONS` declares who may push each kind — any
 * staff or a role list from the shared definitions — and what it is bound to: a case, a letter's case, or the
 * archive register (its keepers, with at least one of the register's case types in scope). The expected answer
 * follows from that and `caseTypesOf`; "allowed" = applied or a business rejection other than FORBIDDEN (each
 * sample names the answer an allowed caller gets, so it reaches the rule it was chosen for). A rejection about
 * a case out of the caller's scope carries no `current` summary, and no refusal names an applicant, a case
 * number or a letter number.
 */
type Bound = 'case' | 'letter' | 'register'
interface Row {
  auth: 'staff' | readonly Role[]
  bound?: Bound
  /** What an allowed caller gets: `applied`, or the business rejection's code. */
  answer: string
  sample: (m: Matrix, c: SampleCase) => Omit<MutationSpec, 'name'>
}

const AT = '2026-03-02T02:00:00.000Z'
const keyOf = (m: Matrix) => ({ archiveNumber: m.archive.archiveNumber, idType: m.archive.idType, idNumber: m.archive.idNumber })

const MUTATIONS: Record<string, Row> = {
  // A claim queued for a state the case has left (not what the clerk meant): refused after the scope check, nothing claimed.
  'case.claim': { auth: 'staff', bound: 'case', answer: 'VERSION_CONFLICT', sample: (_m, c) => ({ args: { caseId: c.caseId, state: 'no_such_state' } }) },
  'case.release': { auth: 'staff', bound: 'case', answer: 'LEASE_LOST', sample: (_m, c) => ({ args: { caseId: c.caseId }, leaseToken: 999 }) },
  'case.act': { auth: 'staff', bound: 'case', answer: 'LEASE_LOST', sample: (_m, c) => ({ args: { caseId: c.caseId, action: 'return_for_changes', input: {} }, baseVersion: 999, leaseToken: 999 }) },
  // Moving the archive to the shelf it is on: the register's own check answers.
  'archive.move': { auth: ARCHIVE_KEEPERS, bound: 'register', answer: 'VALIDATION', sample: (m) => ({ args: { ...keyOf(m), toShelf: m.archive.shelf, note: '' } }) },
  // The record as it stands: applied, nothing to change.
  'archive.update': {
    auth: ARCHIVE_KEEPERS,
    bound: 'register',
    answer: 'applied',
    sample: (m) => ({ args: { ...keyOf(m), category: m.archive.category, employer: null, feesPaidUntil: m.archive.feesPaidUntil, dismissalDate: null, note: '' } })
  },
  // The signed file was never uploaded.
  'document.sign': { auth: PRINT_CONSOLE, bound: 'letter', answer: 'VALIDATION', sample: (_m, c) => ({ args: { number: c.draftNumber, signedSha256: '0'.repeat(64), signedAt: AT } }) },
  'document.void': { auth: PRINT_CONSOLE, bound: 'letter', answer: 'ILLEGAL_TRANSITION', sample: (_m, c) => ({ args: { number: c.voidNumber, reason: '矩阵测试作废', at: AT } }) },
  'document.print': { auth: PRINT_CONSOLE, bound: 'letter', answer: 'ILLEGAL_TRANSITION', sample: (_m, c) => ({ args: { number: c.draftNumber, kind: 'print', reason: '', at: AT } }) },
  // A number this desk was never given.
  'number.void': { auth: 'staff', answer: 'NUMBER_NOT_RESERVED', sample: () => ({ args: { counter: 'transfer_notice:2026', serial: 999_999, reason: '矩阵测试' } }) }
}

/** The case types whose actions change the archive register (from the definitions: an `archiveEffect`). */

function expected(row: Row, caller: Caller, c: SampleCase): string {
  if (caller.role === null) return 'UNAUTHENTICATED'
  if (caller.temporary) return 'PASSWORD_CHANGE_REQUIRED'
  if (row.auth !== 'staff' && !row.auth.includes(caller.role)) return 'FORBIDDEN'
  if ((row.bound === 'case' || row.bound === 'letter') && !inScopeOf(caller, c.type)) return 'FORBIDDEN'
  if (row.bound === 'register' && registerRefusal({ role: caller.role, scopes: caller.scopes })) return 'FORBIDDEN'
  return 'allowed'
}

interface Result {
  status?: string
  code?: string
  message?: string
  current?: unknown
}

let m: Matrix
beforeAll(async () => {
  m = await startMatrix()
}, 120_000)
afterAll(() => m?.t.close(), 60_000)

/** The caller's pushes of every cell, in one batch (each sample leaves the service as it was, so the order does not matter). */
async function pushAll(caller: Caller, cells: { kind: string; c: SampleCase }[]): Promise<Result[]> {
  const specs = cells.map(({ kind, c }) => ({ name: kind, ...MUTATIONS[kind].sample(m, c) }))
  if (caller.desk) {
    const r = await m.t.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: caller.headers,
      payload: {
        clientId: caller.desk.clientId,
        mutations: specs.map((s) => ({ seq: ++caller.desk!.seq, id: randomUUID(), baseVersion: null, leaseToken: null, ...s }))
      }
    })
    if (r.statusCode === 200) return (r.json() as { results: Result[] }).results
    const { error } = r.json() as { error: { code: string; message: string } }
    return specs.map(() => ({ code: error.code, message: error.message }))
  }
  const r = await m.t.app.inject({ method: 'POST', url: '/sync/push', headers: caller.headers, payload: { clientId: randomUUID(), mutations: [] } })
  const { error } = r.json() as { error: { code: string; message: string } }
  return specs.map(() => ({ code: error.code, message: error.message }))
}

describe('the exchange service’s access matrix: sync mutations', () => {
  it('has exactly one row per mutation kind the service accepts, and refuses a kind it does not know', async () => {
    const kinds = [...MUTATION_NAMES]
    expect(new Set(kinds).size).toBe(kinds.length)
    expect(Object.keys(MUTATIONS).sort()).toEqual([...kinds].sort())
    const clerk = m.callers.find((c) => c.label === 'clerk')!
    const [unknown] = (await m.t.push(clerk.desk!, [{ name: 'case.no_such_kind', args: {} }])).results
    expect(unknown).toMatchObject({ status: 'rejected', code: 'MALFORMED', message: '未知的变更类型：case.no_such_kind' })
  })

  it('every kind × every caller × (bound to a case or a letter) each sample case', async () => {
    const cells = Object.entries(MUTATIONS).flatMap(([kind, row]) => (row.bound === 'case' || row.bound === 'letter' ? m.cases : [m.cases[0]]).map((c) => ({ kind, c })))
    const wrong: string[] = []
    let withCurrent = 0
    for (const caller of m.callers) {
      const results = await pushAll(caller, cells)
      cells.forEach(({ kind, c }, i) => {
        const row = MUTATIONS[kind]
        const r = results[i]
        const refusal = r.status === 'applied' ? undefined : r.code
        const got = refusal === 'FORBIDDEN' || refusal === 'UNAUTHENTICATED' || refusal === 'PASSWORD_CHANGE_REQUIRED' ? refusal : 'allowed'
        const want = expected(row, caller, c)
        const where = `${kind} × ${caller.label}${row.bound === 'case' || row.bound === 'letter' ? ` × ${c.label}` : ''}`
        if (got !== want) wrong.push(`${where}: expected ${want}, got ${r.status ?? ''} ${r.code ?? ''} ${r.message ?? ''}`.trim())
        else if (got === 'allowed' && (r.status === 'applied' ? 'applied' : r.code) !== row.answer) wrong.push(`${where}: the sample answered ${r.status} ${r.code ?? ''} ${r.message ?? ''}, not ${row.answer}`)
        if (r.code === 'FORBIDDEN') for (const s of m.secrets) expect(r.message, where).not.toContain(s)
        const outOfScope = (row.bound === 'case' || row.bound === 'letter') && !inScopeOf(caller, c.type)
        // Never a summary of a case out of scope; one of a case in scope when a claim, release or act is refused.
        if (outOfScope && r.current != null) wrong.push(`${where}: a rejection carries the case's current state ${JSON.stringify(r.current)}`)
        if (row.bound === 'case' && !outOfScope && r.status === 'rejected' && caller.desk) {
          expect(r.current, where).toMatchObject({ state: expect.any(String), version: expect.any(Number) })
          withCurrent++
        }
      })
    }
    expect(wrong).toEqual([])
    expect(withCurrent).toBeGreaterThan(0)
  })
})
