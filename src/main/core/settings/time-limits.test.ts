import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TIME_LIMITS, certificationDays } from '../../../shared/domain/certification-deadlines'
import { createApiHandler, createServicesOn, type SessionSlot } from '../api'
import { fixedClock } from '../clock'
import { addStaff, tempStore } from '../testing/fixtures'
import { timeLimits } from './time-limits'

let store: ReturnType<typeof tempStore>
beforeEach(() => (store = tempStore()))
afterEach(() => store.dispose())

const EDITED = {
  ...DEFAULT_TIME_LIMITS,
  rows: [...DEFAULT_TIME_LIMITS.rows, { country: '新加坡', institution: '新加坡滨海理工学院', workingDays: 20 }],
  otherDays: 25
}

describe('the certification time-limit table on a standalone desk', () => {
  it('is the defaults until a supervisor saves it; then the case service counts with the saved one', async () => {
    expect(timeLimits(store)).toEqual(DEFAULT_TIME_LIMITS)
    const handle = createApiHandler(createServicesOn(store, fixedClock('2026-11-23T02:00:00Z')), () => {})
    const slot: SessionSlot = { staff: addStaff(store, 'super1', 'supervisor', '王科长') }
    const saved = await handle('settings.setTimeLimits', { limits: EDITED }, slot)
    expect(saved).toEqual({ ok: true, value: { limits: EDITED, updatedAt: '2026-11-23T02:00:00.000Z', updatedBy: '王科长' } })
    expect(timeLimits(store)).toEqual(EDITED)
    expect(certificationDays(timeLimits(store), { subtype: 'foreign', country: '新加坡', institution: '新加坡滨海理工学院', greenChannel: false }).workingDays).toBe(20)
    expect(await handle('settings.timeLimits', {}, slot)).toMatchObject({ ok: true, value: { updatedBy: '王科长' } })
  })

  it('refuses a duplicate row, a bad number (naming row and column) and a reviewer', async () => {
    const handle = createApiHandler(createServicesOn(store, fixedClock('2026-11-23T02:00:00Z')), () => {})
    const slot: SessionSlot = { staff: addStaff(store, 'super1', 'supervisor') }
    const dup = { ...DEFAULT_TIME_LIMITS, rows: [...DEFAULT_TIME_LIMITS.rows, { country: ' 美国 ', institution: '', workingDays: 12 }] }
    expect(await handle('settings.setTimeLimits', { limits: dup }, slot)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: `第 ${dup.rows.length} 行与第 1 行重复：美国（全国）` }
    })
    const big = { ...DEFAULT_TIME_LIMITS, rows: DEFAULT_TIME_LIMITS.rows.map((r, i) => (i === 2 ? { ...r, workingDays: 61 } : r)) }
    expect(await handle('settings.setTimeLimits', { limits: big }, slot)).toEqual({ ok: false, error: { code: 'VALIDATION', message: '第 3 行·工作日：工作日数不能超过 60' } })
    const reviewer: SessionSlot = { staff: addStaff(store, 'rev1', 'reviewer') }
    expect(await handle('settings.setTimeLimits', { limits: EDITED }, reviewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(timeLimits(store)).toEqual(DEFAULT_TIME_LIMITS)
  })
})
