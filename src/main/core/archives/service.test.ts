import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ArchiveDetail, ArchivePage } from '../../../shared/api/archives'
import type { StaffSession } from '../../../shared/api/types'
import { createApiHandler, createServicesOn, type SessionSlot } from '../api'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'

let store: ReturnType<typeof tempStore>
let call: <T>(channel: string, input?: unknown) => Promise<T>
let slot: SessionSlot
let clerk: StaffSession
let reviewer: StaffSession

/** An archive of a new applicant (with one archive-deposit case); returns the archive id and the case id. */
function addArchive(opts: { name?: string; number?: string | null; status?: string; category?: string; shelf?: string | null; fees?: string | null } = {}) {
  const caseId = addCase(store, { name: opts.name ?? '刘洋', state: opts.status === 'in_storage' || opts.status === undefined ? 'deposited' : 'submitted', deadlineOn: null })
  const { applicant_id } = store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(caseId) as { applicant_id: number }
  const id = store.sqlite
    .prepare('INSERT INTO archives (applicant_id, archive_number, status, category, shelf_location, fees_paid_until, employer) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(applicant_id, opts.number === undefined ? null : opts.number, opts.status ?? 'in_storage', opts.category ?? 'individual', opts.shelf ?? null, opts.fees ?? null,
      opts.category === 'unit' ? '北京某科技有限公司' : null).lastInsertRowid
  const { id_number } = store.sqlite.prepare('SELECT id_number FROM applicants WHERE id = ?').get(applicant_id) as { id_number: string }
  return { id: Number(id), caseId, idNumber: id_number }
}

beforeEach(() => {
  store = tempStore()
  const s = createServicesOn(store, fixedClock('2026-11-23T02:00:00Z'))
  const handle = createApiHandler(s, () => {})
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
  reviewer = addStaff(store, 'reviewer1', 'reviewer', '王芳')
  slot = { staff: clerk }
  call = async <T,>(channel: string, input: unknown = {}) => {
    const r = await handle(channel, input, slot)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
    return r.value as T
  }
})
afterEach(() => store.dispose())

describe('档案查询', () => {
  it('finds by partial archive number, name or ID number, newest first, masked; an exact number is named for Enter', async () => {
    const a = addArchive({ name: '刘洋', number: 'D2026000001', shelf: 'A-03-12', fees: '2026-12' })
    const b = addArchive({ name: '王小明', number: 'D2026000002', shelf: 'B-01-01' })
    addArchive({ name: '陈静', status: 'not_in' })
    const byNumber = await call<ArchivePage>('archives.search', { query: 'd20260000' })
    expect(byNumber.rows.map((r) => r.archiveNumber)).toEqual(['D2026000002', 'D2026000001'])
    expect(byNumber.exactId).toBeNull()
    const exact = await call<ArchivePage>('archives.search', { query: 'D2026000001' })
    expect(exact).toMatchObject({ total: 1, exactId: a.id })
    expect(exact.rows[0]).toMatchObject({ name: '刘*', status: 'in_storage', shelfLocation: 'A-03-12', feesPaidUntil: '2026-12', category: 'individual' })
    expect(exact.rows[0].idNumber).toMatch(/^1101\*+\d{3}X$/)
    expect((await call<ArchivePage>('archives.search', { query: '小明' })).rows.map((r) => r.id)).toEqual([b.id])
    const byId = await call<ArchivePage>('archives.search', { query: b.idNumber.toLowerCase() })
    expect(byId).toMatchObject({ total: 1, exactId: b.id })
    expect((await call<ArchivePage>('archives.search', { query: b.idNumber.slice(-6) })).rows.map((r) => r.id)).toEqual([b.id])
    expect((await call<ArchivePage>('archives.search', { query: '100%' })).total).toBe(0)
  })

  it('filters on status, category and shelf prefix, and pages', async () => {
    for (let i = 1; i <= 5; i++) addArchive({ number: `D202600000${i}`, shelf: i <= 3 ? `A-0${i}-01` : `B-01-0${i}`, category: i === 2 ? 'unit' : 'individual' })
    addArchive({ status: 'transferred_out', number: 'D2025000009' })
    expect((await call<ArchivePage>('archives.search', { status: 'in_storage' })).total).toBe(5)
    expect((await call<ArchivePage>('archives.search', { status: 'transferred_out' })).rows.map((r) => r.archiveNumber)).toEqual(['D2025000009'])
    expect((await call<ArchivePage>('archives.search', { category: 'unit' })).rows.map((r) => r.archiveNumber)).toEqual(['D2026000002'])
    expect((await call<ArchivePage>('archives.search', { shelf: 'a' })).total).toBe(3)
    expect((await call<ArchivePage>('archives.search', { shelf: 'a-2-' })).rows.map((r) => r.shelfLocation)).toEqual(['A-02-01'])
    const page2 = await call<ArchivePage>('archives.search', { pageSize: 4, page: 2 })
    expect(page2).toMatchObject({ total: 6, page: 2 })
    expect(page2.rows).toHaveLength(2)
  })

  it('is for clerks and supervisors only', async () => {
    slot.staff = reviewer
    await expect(call('archives.search', {})).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('档案详情', () => {
  it('shows the record, the chain of custody with case numbers, and the holder’s cases (openable by this role)', async () => {
    const a = addArchive({ number: 'D2026000001', shelf: 'A-03-12' })
    store.sqlite
      .prepare("INSERT INTO archive_custody (archive_id, at, kind, from_place, tracking_number, case_id, actor_name, note) VALUES (?, '2026-11-02T02:00:00Z', 'received', '某人才中心', 'JY1', ?, '张敏', '收件日期 2026-11-02')")
      .run(a.id, a.caseId)
    const d = await call<ArchiveDetail>('archives.get', { id: a.id })
    expect(d).toMatchObject({ archiveNumber: 'D2026000001', status: 'in_storage', shelfLocation: 'A-03-12', applicant: { name: '刘洋' }, pendingSync: 0 })
    expect(d.custody).toMatchObject([{ kind: 'received', kindLabel: '档案签收', fromPlace: '某人才中心', trackingNumber: 'JY1', caseId: a.caseId, actor: '张敏' }])
    expect(d.custody[0].caseNumber).toMatch(/^CD/)
    expect(d.cases).toMatchObject([{ id: a.caseId, type: 'archive_deposit', state: 'deposited', canOpen: true }])
    await expect(call('archives.get', { id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('移架', () => {
  it('moves with a canonical code, records who/when/from/to, and queues archive.move keyed by number and ID', async () => {
    const a = addArchive({ number: 'D2026000001', shelf: 'A-03-12' })
    const d = await call<ArchiveDetail>('archives.move', { id: a.id, toShelf: 'c区-5架-2层', note: '整理库房' })
    expect(d.shelfLocation).toBe('C-05-02')
    expect(d.custody.at(-1)).toMatchObject({ kind: 'moved', kindLabel: '移架', fromPlace: 'A-03-12', toPlace: 'C-05-02', actor: '张敏', note: '整理库房', at: '2026-11-23T02:00:00.000Z' })
    expect(d.pendingSync).toBe(0) // a desk working alone has nothing to wait for (see sync.test.ts)
    const row = store.sqlite.prepare("SELECT case_id, name, args, actor_id FROM outbox WHERE name LIKE 'archive.%'").get() as Record<string, string>
    expect(row).toMatchObject({ case_id: null, name: 'archive.move', actor_id: clerk.id })
    expect(JSON.parse(row.args)).toEqual({ archiveNumber: 'D2026000001', idType: '居民身份证', idNumber: a.idNumber, toShelf: 'C-05-02', note: '整理库房' })
  })

  it('refuses a bad code, the same shelf, or an archive not in storage — nothing written', async () => {
    const a = addArchive({ number: 'D2026000001', shelf: 'A-03-12' })
    await expect(call('archives.move', { id: a.id, toShelf: 'A03' })).rejects.toThrow('架位编号格式不正确')
    await expect(call('archives.move', { id: a.id, toShelf: 'A-3-12' })).rejects.toThrow('档案已在架位 A-03-12，无需移架')
    const out = addArchive({ status: 'transferred_out' })
    await expect(call('archives.move', { id: out.id, toShelf: 'A-01-01' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' })
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM archive_custody').get()).toEqual({ n: 0 })
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 })
  })

  it('the first shelf of a freshly deposited archive is recorded as 上架', async () => {
    const a = addArchive({ number: 'D2026000001' })
    expect((await call<ArchiveDetail>('archives.move', { id: a.id, toShelf: 'A-01-01' })).custody.at(-1)).toMatchObject({ kind: 'shelved', fromPlace: null, toPlace: 'A-01-01' })
  })
})

describe('修改存档信息', () => {
  it('saves the record, records exactly what changed with the reason, and queues archive.update', async () => {
    const a = addArchive({ number: 'D2026000001', fees: '2026-12' })
    const input = { id: a.id, category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12', dismissalDate: null, note: '单位来函' }
    const d = await call<ArchiveDetail>('archives.update', input)
    expect(d).toMatchObject({ category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12', dismissalDate: null })
    expect(d.custody.at(-1)).toMatchObject({
      kind: 'updated',
      actor: '张敏',
      note: '存档类别：个人存档→单位存档；存档单位：（空）→北京某科技有限公司；缴费截止时间：2026-12→2027-12（单位来函）'
    })
    const row = store.sqlite.prepare("SELECT args FROM outbox WHERE name = 'archive.update'").get() as { args: string }
    expect(JSON.parse(row.args)).toMatchObject({ archiveNumber: 'D2026000001', category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12', dismissalDate: null })
    await expect(call('archives.update', input)).rejects.toThrow('存档信息没有变化，无需保存')
  })

  it('checks the rules at the edges: a dismissal date today is fine, tomorrow is not; a bad month is refused', async () => {
    const a = addArchive({ number: 'D2026000001', category: 'unit' })
    const base = { id: a.id, category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: null }
    await expect(call('archives.update', { ...base, dismissalDate: '2026-11-24' })).rejects.toThrow('解聘时间不能晚于今天')
    await expect(call('archives.update', { ...base, dismissalDate: null, feesPaidUntil: '2026-13' })).rejects.toThrow('缴费截止时间格式应为 YYYY-MM')
    expect((await call<ArchiveDetail>('archives.update', { ...base, dismissalDate: '2026-11-23' })).dismissalDate).toBe('2026-11-23')
  })
})
