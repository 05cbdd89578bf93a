import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Channel, CHANNELS, contract } from '../../../shared/api/contract'
import { ROLES, type Role } from '../../../shared/domain/roles'
import { registerRefusal } from '../../../shared/domain/staff'
import { draftLetter } from '../documents/testing'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { createApiHandler, createServicesOn, type ApiHandler, type SessionSlot } from '.'

/**
 * The desk's access matrix: every contract channel × anonymous and every role × (for a channel about one case)
 * a case in and out of the account's scopes. The expected answer comes from the definitions — the contract's
 * `roles` and the account's case types — and `ROWS` must name every channel (a new channel does not compile,
 * and does not pass, without its row). "Allowed" means the answer is neither FORBIDDEN nor UNAUTHENTICATED
 * (the sample inputs are valid, so what follows is the service's own answer); a refusal about a case tells
 * nothing of it.
 */
interface Ctx {
  caseId: string
  caseNumber: string
  attachmentId: number
  letterId: number
}
/** `aboutCase`: about one case (its scope decides); `register`: the archive register (registerRefusal decides). */
type Row = { input: (c: Ctx) => Record<string, unknown>; aboutCase?: true; register?: true }

const none = () => ({})
const ROWS: Record<Channel, Row> = {
  'auth.signIn': { input: () => ({ username: 'nobody', password: 'wrong-pass' }) },
  'auth.signOut': { input: none },
  'auth.current': { input: none },
  'queue.list': { input: none },
  'cases.get': { input: (c) => ({ id: c.caseId }), aboutCase: true },
  'cases.claim': { input: (c) => ({ id: c.caseId }), aboutCase: true },
  'cases.release': { input: (c) => ({ id: c.caseId }), aboutCase: true },
  'cases.act': { input: (c) => ({ id: c.caseId, action: 'return_for_changes', version: 999, input: {} }), aboutCase: true },
  'attachments.content': { input: (c) => ({ id: c.attachmentId }), aboutCase: true },
  'documents.content': { input: (c) => ({ id: c.letterId }), aboutCase: true },
  'calendar.month': { input: () => ({ year: 2026, month: 11 }) },
  'calendar.setOverride': { input: () => ({ date: '2026-02-30', kind: 'workday' }) },
  'calendar.removeOverride': { input: () => ({ date: '2026-02-30' }) },
  'calendar.declareYear': { input: () => ({ year: 2001 }) },
  'sync.status': { input: none },
  'sync.attention': { input: none },
  'sync.resolve': { input: () => ({ id: 1, resolution: 'discard' }) },
  'sync.quarantined': { input: none },
  'sync.retryQuarantined': { input: () => ({ id: 'no-such-mutation', reason: '矩阵测试重试' }) },
  'sync.discardQuarantined': { input: () => ({ id: 'no-such-mutation', reason: '矩阵测试放弃' }) },
  'recovery.status': { input: none },
  'recovery.exportOutbox': { input: none },
  'recovery.restore': { input: () => ({ backup: 'casedesk-2026-11-01.db', confirm: true }) },
  'archives.search': { input: none, register: true },
  'archives.get': { input: () => ({ id: 999_999 }), register: true },
  'archives.move': { input: () => ({ id: 999_999, toShelf: 'A-01-01', note: '' }), register: true },
  'archives.update': { input: () => ({ id: 999_999, category: 'individual', note: '核对' }), register: true },
  'documents.list': { input: none },
  'documents.history': { input: (c) => ({ id: c.letterId }), aboutCase: true },
  'documents.sign': { input: (c) => ({ ids: [c.letterId], passphrase: 'wrong' }), aboutCase: true },
  'documents.print': { input: (c) => ({ ids: [c.letterId] }), aboutCase: true },
  'documents.merge': { input: (c) => ({ ids: [c.letterId] }), aboutCase: true },
  'documents.printers': { input: none },
  'documents.prepareSigning': { input: (c) => ({ ids: [c.letterId] }), aboutCase: true },
  'documents.void': { input: (c) => ({ id: c.letterId, reason: '矩阵测试作废' }), aboutCase: true },
  'documents.ledger': { input: () => ({ docType: 'transfer_notice', year: 2026 }) },
  'jobs.status': { input: () => ({ id: 'no-such-job' }) },
  'jobs.cancel': { input: () => ({ id: 'no-such-job' }) },
  'jobs.output': { input: () => ({ id: 'no-such-job' }) },
  'settings.office': { input: none },
  'settings.setOffice': {
    input: () => ({ name: '矩阵', department: '档案室', address: '北京', postcode: '100080', phone: '010', email: 'x@example.cn', verifyBaseUrl: 'https://v.example.cn/', arrearsCutoff: '2026-01' })
  },
  'settings.signing': { input: none },
  'settings.setSigning': { input: () => ({ p12Base64: 'AAAAAAAAAAAAAAAAAAAA', passphrase: 'x' }) },
  'settings.timeLimits': { input: none },
  'settings.setTimeLimits': { input: () => ({ limits: { bad: true } }) },
  'programmes.search': { input: none },
  'programmes.find': { input: () => ({ code: 'NO-SUCH' }) },
  'programmes.import': { input: () => ({ fileName: 'x.csv', base64: 'eA==' }) },
  'auth.changePassword': { input: () => ({ oldPassword: 'not-the-password', newPassword: 'Another-Pass-1' }) },
  'auth.touch': { input: none },
  'setup.status': { input: none },
  'setup.testConnection': { input: () => ({ url: 'ftp://example.org' }) },
  'setup.connect': { input: () => ({ url: 'http://10.0.0.9' }) },
  'setup.standalone': { input: () => ({ username: 'late', displayName: '迟到', password: 'short' }) },
  'setup.firstAdmin': { input: () => ({ username: 'late', displayName: '迟到', password: 'short', code: 'ABCD-EFGH-JKMN' }) },
  'staff.list': { input: none },
  'staff.create': { input: () => ({ username: 'chief', displayName: '重名', role: 'clerk' }) },
  'staff.update': { input: () => ({ id: 999_999, displayName: 'x', role: 'clerk', scopes: null }) },
  'staff.setActive': { input: () => ({ id: 999_999, active: false }) },
  'staff.resetPassword': { input: () => ({ id: 999_999 }) },
  'staff.unlock': { input: () => ({ id: 999_999 }) },
  'staff.sessions': { input: () => ({ id: 999_999 }) },
  'staff.endSession': { input: () => ({ id: 999_999, sessionId: 'none' }) },
  'staff.events': { input: none },
  'settings.security': { input: none },
  'settings.setSecurity': { input: () => ({ sessionIdleMinutes: 30, offlineSignInDays: 7 }) }
}

type Caller = { label: string; role: Role | null; scoped: 'in' | 'out' }
const CALLERS: Caller[] = [
  { label: 'anonymous', role: null, scoped: 'in' },
  ...ROLES.flatMap((role): Caller[] => [
    { label: role, role, scoped: 'in' },
    ...(role === 'admin' ? [] : [{ label: `${role} out of scope`, role, scoped: 'out' as const }])
  ])
]
/** An account out of the case's scope: same role, limited to another of the role's types. */
const OTHER_SCOPE: Record<Exclude<Role, 'admin'>, string> = { clerk: 'certificate_request', reviewer: 'certification_refund', supervisor: 'degree_certification' }

function expected(channel: Channel, caller: Caller): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  const roles = contract[channel].roles as 'public' | 'any' | 'setup' | readonly Role[]
  if (roles === 'public') return 'allowed'
  if (caller.role === null) return 'UNAUTHENTICATED'
  const byRole = roles === 'any' || (roles === 'setup' ? caller.role === 'admin' : roles.includes(caller.role))
  if (!byRole) return 'FORBIDDEN'
  if (ROWS[channel].aboutCase && caller.scoped === 'out') return 'FORBIDDEN'
  const scopes = caller.scoped === 'out' ? [OTHER_SCOPE[caller.role as Exclude<Role, 'admin'>]] : null
  return ROWS[channel].register && registerRefusal({ role: caller.role, scopes }) ? 'FORBIDDEN' : 'allowed'
}

let store: ReturnType<typeof tempStore>
let handle: ApiHandler
const slots = new Map<string, SessionSlot>()
const ctxOf = new Map<Role | null, Ctx>()
let secrets: string[] = []

function caseWithFiles(type: string, subtype: string): Ctx {
  const letter = draftLetter(store, { name: type === 'archive_deposit' ? '刘洋' : '陈思远' })
  store.sqlite.prepare("UPDATE cases SET type = ?, subtype = ?, state = 'submitted' WHERE id = ?").run(type, subtype, letter.caseId)
  store.sqlite.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES ('ab', 1, x'00')").run()
  const attachmentId = Number(
    store.sqlite
      .prepare("INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256) VALUES (?, 'id_card', 'id.pdf', 'application/pdf', 1, 'ab')")
      .run(letter.caseId).lastInsertRowid
  )
  const { case_number } = store.sqlite.prepare('SELECT case_number FROM cases WHERE id = ?').get(letter.caseId) as { case_number: string }
  secrets.push(case_number, letter.number)
  return { caseId: letter.caseId, caseNumber: case_number, attachmentId, letterId: letter.id }
}

beforeAll(async () => {
  store = tempStore()
  handle = createApiHandler(createServicesOn(store, fixedClock('2026-11-23T02:00:00Z')), () => {})
  // The first start is done (an administrator exists): `setup` channels are the admin's.
  await handle('setup.standalone', { username: 'chief', displayName: '刘主任', password: 'Archive-2026!' }, { staff: null })
  addCase(store) // a queue that is not empty
  const archive = caseWithFiles('archive_deposit', 'outbound')
  const certification = caseWithFiles('degree_certification', 'foreign')
  secrets = [...secrets, '刘洋', '陈思远']
  for (const role of [null, ...ROLES]) ctxOf.set(role, role === 'reviewer' ? certification : archive)
  for (const c of CALLERS) {
    const slot: SessionSlot = { staff: null }
    if (c.role) {
      const staff = addStaff(store, `m-${c.label.replace(/\W/g, '-')}`, c.role)
      const scopes = c.scoped === 'out' ? [OTHER_SCOPE[c.role as Exclude<Role, 'admin'>]] : null
      store.sqlite.prepare('UPDATE staff SET scopes = ? WHERE id = ?').run(scopes && JSON.stringify(scopes), staff.id)
      const r = await handle('auth.signIn', { username: staff.username, password: 'secret-pass' }, slot)
      if (!r.ok) throw new Error(r.error.message)
    }
    slots.set(c.label, slot)
  }
})
afterAll(() => store.dispose())

describe('the desk’s access matrix', () => {
  it('has a row for every contract channel', () => {
    expect(Object.keys(ROWS).sort()).toEqual([...CHANNELS].sort())
  })

  for (const channel of CHANNELS) {
    it(`${channel}: ${contract[channel].roles === 'public' ? 'public' : JSON.stringify(contract[channel].roles)}${ROWS[channel].aboutCase ? ' × scope' : ''}`, async () => {
      const table: string[] = []
      for (const c of CALLERS) {
        // Signing in or out would change the caller for the next channels: those run on a copy of the slot.
        const slot = channel.startsWith('auth.sign') ? { ...slots.get(c.label)! } : slots.get(c.label)!
        const r = await handle(channel, ROWS[channel].input(ctxOf.get(c.role)!), slot)
        const got = r.ok ? 'allowed' : r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' ? r.error.code : 'allowed'
        table.push(`${c.label}: ${got}${got === expected(channel, c) ? '' : ` (expected ${expected(channel, c)}; ${r.ok ? 'ok' : `${r.error.code} ${r.error.message}`})`}`)
        if (!r.ok && r.error.code === 'FORBIDDEN') for (const s of secrets) expect(r.error.message).not.toContain(s)
      }
      expect(table.filter((line) => line.includes('expected'))).toEqual([])
    })
  }

  it('lists leave out what is out of scope: the queue, the print console, the register’s links', async () => {
    const ids = async (label: string) => {
      const r = await handle('queue.list', { states: ['submitted'] }, slots.get(label)!)
      return r.ok ? (r.value as { rows: { id: string }[] }).rows.map((x) => x.id) : []
    }
    expect(await ids('clerk')).toContain(ctxOf.get('clerk')!.caseId)
    expect(await ids('clerk out of scope')).not.toContain(ctxOf.get('clerk')!.caseId)
    expect(await ids('reviewer')).toContain(ctxOf.get('reviewer')!.caseId)
    expect(await ids('reviewer out of scope')).toEqual([])
    const letters = async (label: string) => {
      const r = await handle('documents.list', { status: 'all' }, slots.get(label)!)
      return r.ok ? (r.value as { rows: { caseId: string }[] }).rows.map((x) => x.caseId) : []
    }
    expect(await letters('supervisor')).toEqual(expect.arrayContaining([ctxOf.get('supervisor')!.caseId, ctxOf.get('reviewer')!.caseId]))
    expect(await letters('supervisor out of scope')).toEqual([ctxOf.get('reviewer')!.caseId])
    // The number ledger accounts for every number, but names a case and its applicant only within scope.
    const ledger = async (label: string) => {
      const r = await handle('documents.ledger', { docType: 'transfer_notice', year: 2026 }, slots.get(label)!)
      return r.ok ? (r.value as { rows: { caseNumber: string | null; status: string }[] }).rows.filter((x) => x.status !== 'gap') : []
    }
    expect((await ledger('supervisor')).every((x) => x.caseNumber !== null)).toBe(true)
    const full = await ledger('supervisor')
    const scoped = await ledger('supervisor out of scope') // limited to degree certification
    expect(scoped.length).toBe(full.length)
    expect(scoped.map((x) => x.caseNumber)).toEqual(full.map((x) => (x.caseNumber === ctxOf.get('reviewer')!.caseNumber ? x.caseNumber : null)))
  })
})
