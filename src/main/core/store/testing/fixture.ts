import { randomUUID } from 'node:crypto'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { ensureDemoData } from '../../../../../tools/demo/ensure'
import { openStore, type Store } from '..'

/**
 * Tests only: a desk store with demo cases and an outbox holding unsent work — a claim, a decision that issued a
 * letter (its PDF in `blobs`), a row set aside (any status other than applied/rejected counts as unsent) — next to
 * rows already answered. Made once per test file (`makeTemplate`), copied for each test (`copyTemplate`).
 */
export interface DeskFixture {
  file: string
  /** Outbox ids not yet sent (pending or set aside), in seq order. */
  unsent: string[]
  /** Outbox ids the exchange service answered. */
  answered: string[]
  /** The letter the unsent decision issued. */
  letter: { id: number; number: string; sha256: string }
}

const insertRow = (store: Store, row: { id: string; caseId: string; name: string; args: unknown; status: string; baseVersion?: number }) =>
  store.sqlite
    .prepare('INSERT INTO outbox (id, case_id, name, args, base_version, status, result) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(row.id, row.caseId, row.name, JSON.stringify(row.args), row.baseVersion ?? 1, row.status, row.status === 'pending' ? null : JSON.stringify({ id: row.id, status: row.status }))

/** Adds outbox rows to a store with demo data; returns which are unsent. */
export function addOutbox(store: Store): Omit<DeskFixture, 'file'> {
  const cases = store.sqlite.prepare('SELECT id FROM cases ORDER BY case_number LIMIT 6').all() as { id: string }[]
  const letter = store.sqlite.prepare('SELECT id, case_id AS caseId, number, sha256 FROM issued_documents ORDER BY id LIMIT 1').get() as {
    id: number
    caseId: string
    number: string
    sha256: string
  }
  const answered = [randomUUID(), randomUUID()]
  const unsent = [randomUUID(), randomUUID(), randomUUID()]
  insertRow(store, { id: answered[0], caseId: cases[0].id, name: 'case.claim', args: { caseId: cases[0].id }, status: 'applied' })
  insertRow(store, { id: answered[1], caseId: cases[1].id, name: 'case.claim', args: { caseId: cases[1].id }, status: 'rejected' })
  insertRow(store, { id: unsent[0], caseId: cases[2].id, name: 'case.claim', args: { caseId: cases[2].id, state: 'submitted', round: 1 }, status: 'pending' })
  insertRow(store, {
    id: unsent[1],
    caseId: letter.caseId,
    name: 'case.act',
    args: { caseId: letter.caseId, action: 'approve', input: { note: '同意' }, documentIds: [letter.id] },
    status: 'pending',
    baseVersion: 2
  })
  // A row set aside (e.g. quarantined by the sync client): still the clerk's unsent work.
  insertRow(store, { id: unsent[2], caseId: cases[3].id, name: 'case.release', args: { caseId: cases[3].id }, status: 'quarantined' })
  store.sqlite.prepare("INSERT INTO leases (case_id, lease_token) VALUES (?, 7) ON CONFLICT(case_id) DO UPDATE SET lease_token = 7").run(letter.caseId)
  return { unsent, answered, letter: { id: letter.id, number: letter.number, sha256: letter.sha256 } }
}

export function makeTemplate(cases = 60): { dir: string; template: DeskFixture; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-health-'))
  const file = join(dir, 'template.db')
  const store = openStore(file)
  ensureDemoData(store, { cases, today: '2026-11-23' })
  const rest = addOutbox(store)
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  store.close()
  return { dir, template: { file, ...rest }, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A copy of the template as `<fresh dir>/casedesk.db` (the user-data folder of one test). */
export function copyTemplate(t: DeskFixture): DeskFixture & { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-desk-'))
  const file = join(dir, 'casedesk.db')
  copyFileSync(t.file, file)
  return { ...t, file, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * A test file's desks: the template made once (beforeAll), `desk()` a fresh copy for each test, every copy and
 * the template removed afterwards.
 */
export function templateDesks(): () => DeskFixture & { dir: string } {
  let made: ReturnType<typeof makeTemplate>
  const open: { cleanup(): void }[] = []
  beforeAll(() => void (made = makeTemplate()), 120_000)
  afterAll(() => made.cleanup())
  afterEach(() => open.splice(0).forEach((d) => d.cleanup()))
  return () => {
    const d = copyTemplate(made.template)
    open.push(d)
    return d
  }
}
