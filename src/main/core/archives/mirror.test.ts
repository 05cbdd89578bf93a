import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyPage, clearMirror } from '../sync/mirror'
import { sampleSnapshot, T0 } from '../sync/testing'
import type { Snapshot } from '../sync/wire'
import { tempStore } from '../testing/fixtures'

let store: ReturnType<typeof tempStore>
beforeEach(() => {
  store = tempStore()
})
afterEach(() => store.dispose())

const now = new Date(T0)
const apply = (...snaps: Snapshot[]) => applyPage(store, { cursor: `e:${snaps.length}`, changes: snaps.map((snapshot, i) => ({ seq: i + 1, caseId: snapshot.case.id, snapshot })), more: false }, now)
const rows = (q: string) => store.sqlite.prepare(q).all()

const entry = (kind: string, at: string, extra: Record<string, unknown> = {}) => ({
  at,
  kind,
  fromPlace: null,
  toPlace: null,
  trackingNumber: null,
  caseId: 'c-1',
  actorId: 7,
  actor: '张敏',
  note: '',
  ...extra
})
const archive = (patch: Record<string, unknown> = {}) => ({
  archiveNumber: 'D2026000001',
  status: 'in_storage' as const,
  category: 'unit' as const,
  employer: '北京某科技有限公司',
  feesPaidUntil: '2027-12',
  dismissalDate: null,
  shelfLocation: 'A-03-12',
  custodian: null,
  updatedAt: '2026-03-02T03:00:00.000Z',
  custody: [
    entry('received', '2026-03-02T02:10:00.000Z', { fromPlace: '某人才中心', trackingNumber: 'JY1', note: '收件日期 2026-03-02' }),
    entry('deposited', '2026-03-02T02:20:00.000Z', { note: '档案编号 D2026000001' }),
    entry('shelved', '2026-03-02T02:30:00.000Z', { toPlace: 'A-03-12', caseId: null })
  ],
  ...patch
})

describe('the archive in a pulled snapshot', () => {
  it('writes the whole record and replaces the chain of custody with the server’s (a second pull doubles nothing)', () => {
    apply(sampleSnapshot(1, { archive: archive() }))
    apply(sampleSnapshot(1, { archive: archive({ shelfLocation: 'B-01-02', custody: [...archive().custody, entry('moved', '2026-03-02T04:00:00.000Z', { fromPlace: 'A-03-12', toPlace: 'B-01-02', caseId: null })] }) }))
    expect(rows('SELECT archive_number, status, category, employer, fees_paid_until, dismissal_date, shelf_location, custodian FROM archives')).toEqual([
      { archive_number: 'D2026000001', status: 'in_storage', category: 'unit', employer: '北京某科技有限公司', fees_paid_until: '2027-12', dismissal_date: null, shelf_location: 'B-01-02', custodian: null }
    ])
    expect(rows('SELECT kind, from_place, to_place, tracking_number, case_id, actor_name FROM archive_custody ORDER BY id')).toEqual([
      { kind: 'received', from_place: '某人才中心', to_place: null, tracking_number: 'JY1', case_id: 'c-1', actor_name: '张敏' },
      { kind: 'deposited', from_place: null, to_place: null, tracking_number: null, case_id: 'c-1', actor_name: '张敏' },
      { kind: 'shelved', from_place: null, to_place: 'A-03-12', tracking_number: null, case_id: null, actor_name: '张敏' },
      { kind: 'moved', from_place: 'A-03-12', to_place: 'B-01-02', tracking_number: null, case_id: null, actor_name: '张敏' }
    ])
  })

  it('no archive at the server: what the desk held for the applicant (never accepted there) goes, custody too', () => {
    apply(sampleSnapshot(1, { archive: archive() }))
    apply(sampleSnapshot(1, { archive: null }))
    expect(rows('SELECT id FROM archives')).toEqual([])
    expect(rows('SELECT id FROM archive_custody')).toEqual([])
  })

  it('a server from before the register (number and status only) leaves the rest and the custody alone', () => {
    apply(sampleSnapshot(1, { archive: archive() }))
    apply(sampleSnapshot(1, { archive: { archiveNumber: 'D2026000001', status: 'transferred_out' } }))
    expect(rows('SELECT status, shelf_location FROM archives')).toEqual([{ status: 'transferred_out', shelf_location: 'A-03-12' }])
    expect(rows('SELECT id FROM archive_custody')).toHaveLength(3)
  })

  it('a resync empties archives and their custody with the cases (the foreign key holds)', () => {
    apply(sampleSnapshot(1, { archive: archive() }))
    clearMirror(store)
    expect(rows('SELECT id FROM archives')).toEqual([])
    expect(rows('SELECT id FROM archive_custody')).toEqual([])
  })
})
