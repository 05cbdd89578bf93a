import { describe, expect, it } from 'vitest'
import { checkArchiveMove, checkArchiveUpdate, describeChanges, parseShelf, SHELF_FORMAT_MESSAGE, shelfError, shelfPrefix, type ArchiveRecord } from './archive'
import { materialsSummary, planArchiveEffect } from './archive-effects'

describe('shelf codes (区-架-层)', () => {
  it('folds what clerks type into the canonical code', () => {
    expect(parseShelf('A-03-12')).toBe('A-03-12')
    expect(parseShelf(' b-3-7 ')).toBe('B-03-07')
    expect(parseShelf('C区-12架-4层')).toBe('C-12-04')
    expect(parseShelf('D区05架02格')).toBe('D-05-02')
    expect(parseShelf('Ａ－０３－１２')).toBe('A-03-12')
    expect(parseShelf('a 3 12')).toBe('A-03-12')
  })

  it('refuses anything else with the format explained in Chinese', () => {
    for (const bad of ['', 'A', 'A-03', 'AB-03-12', '1-03-12', 'A-00-12', 'A-03-00', 'A-100-1', 'A-03-12-1', '甲-03-12']) {
      expect(shelfError(bad), bad).toBe(SHELF_FORMAT_MESSAGE)
    }
    expect(shelfError('A-03-12')).toBeNull()
  })

  it('reads a search prefix', () => {
    expect(shelfPrefix('a')).toBe('A')
    expect(shelfPrefix('a-3-')).toBe('A-03-')
    expect(shelfPrefix('B区3架')).toBe('B-03-')
    expect(shelfPrefix('A-3-1')).toBe('A-03-1')
    expect(shelfPrefix('3')).toBe('')
  })
})

const record = (patch: Partial<ArchiveRecord> = {}): ArchiveRecord => ({
  status: 'in_storage',
  category: 'individual',
  employer: null,
  feesPaidUntil: '2026-12',
  dismissalDate: null,
  shelfLocation: 'A-03-12',
  ...patch
})

describe('移架', () => {
  it('moves an archive in storage; the first shelf is 上架, later ones 移架', () => {
    expect(checkArchiveMove(record(), 'b-1-2')).toEqual({ toShelf: 'B-01-02', kind: 'moved' })
    expect(checkArchiveMove(record({ shelfLocation: null }), 'B-01-02')).toEqual({ toShelf: 'B-01-02', kind: 'shelved' })
  })
  it('refuses the same shelf and an archive not in storage', () => {
    expect(() => checkArchiveMove(record(), 'a-3-12')).toThrow('档案已在架位 A-03-12，无需移架')
    expect(() => checkArchiveMove(record({ status: 'transferred_out' }), 'B-01-02')).toThrow('档案已转出，只有在库的档案可以移架')
    expect(() => checkArchiveMove(record({ status: 'not_in' }), 'B-01-02')).toThrow('档案未存入，只有在库的档案可以移架')
  })
})

describe('修改存档信息', () => {
  const today = '2026-11-23'
  const next = { category: 'unit' as const, employer: ' 北京某科技有限公司 ', feesPaidUntil: '2027-12', dismissalDate: null }

  it('lists exactly what changes, trimmed', () => {
    const changes = checkArchiveUpdate(record(), next, today)
    expect(describeChanges(changes)).toBe('存档类别：个人存档→单位存档；存档单位：（空）→北京某科技有限公司；缴费截止时间：2026-12→2027-12')
    expect(checkArchiveUpdate(record({ category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12' }), next, today)).toEqual([])
  })

  it('a unit archive names its employer', () => {
    expect(() => checkArchiveUpdate(record(), { ...next, employer: '  ' }, today)).toThrow('单位存档须填写存档单位全称')
    expect(() => checkArchiveUpdate(record(), { ...next, employer: null }, today)).toThrow('单位存档须填写存档单位全称')
  })

  it('the dismissal date may be today, not tomorrow', () => {
    expect(checkArchiveUpdate(record({ category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12' }), { ...next, dismissalDate: today }, today)).toEqual([
      { field: 'dismissalDate', label: '解聘时间', from: null, to: today }
    ])
    expect(() => checkArchiveUpdate(record(), { ...next, dismissalDate: '2026-11-24' }, today)).toThrow('解聘时间不能晚于今天')
  })

  it('a transferred-out archive cannot be edited', () => {
    expect(() => checkArchiveUpdate(record({ status: 'transferred_out' }), next, today)).toThrow('档案已转出，不能修改存档信息')
  })
})

describe('archive effects', () => {
  const here = { status: 'in_storage' as const, archiveNumber: 'D2026000001', shelfLocation: 'A-03-12', custodian: null }
  it('a sign-in creates the record from the sender; a second one for an archive in storage is refused', () => {
    expect(planArchiveEffect('received', { sender: '某人才中心', trackingNumber: 'JY1', receivedOn: '2026-11-20' }, null)).toMatchObject({
      creates: true,
      set: { status: 'not_in' },
      entry: { kind: 'received', fromPlace: '某人才中心', trackingNumber: 'JY1', note: '收件日期 2026-11-20' }
    })
    expect(() => planArchiveEffect('received', {}, here)).toThrow('该申请人的档案已在库（档案编号 D2026000001），不能重复签收')
    expect(() => planArchiveEffect('deposited', {}, here)).toThrow('不能重复存入')
  })
  it('a transfer out names its channel in Chinese', () => {
    expect(planArchiveEffect('transferred_out', { channel: 'confidential', sentOn: '2026-11-23', trackingNumber: 'JY2', receivingAgency: '甲' }, here).entry.note).toBe(
      '机要寄出，寄出日期 2026-11-23'
    )
  })
  it('summarises filed materials in every shape a filing may give them', () => {
    expect(materialsSummary({ materials: ['思想汇报', { name: '入党志愿书', pages: 3 }] })).toBe('思想汇报、入党志愿书（3页）')
    expect(materialsSummary({ materialNames: '思想汇报', pages: 6, copies: 6 })).toBe('思想汇报（6页，6份）')
    expect(materialsSummary({})).toBe('档案材料')
  })
})
