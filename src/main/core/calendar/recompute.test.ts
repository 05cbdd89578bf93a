// Taking the exchange service's calendar (calendarService.replace): only a different calendar is written, and
// then the running clocks are recomputed in slices that yield between them and resume after an interruption.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QueuePage } from '../../../shared/api/types'
import { createApiHandler, createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { getState } from '../sync/state'
import type { OfficeCalendar } from './service'

let store: ReturnType<typeof tempStore>
let s: Services
beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock('2025-10-09T02:00:00Z'))
})
afterEach(() => store.dispose())

/** A running 5-working-day clock started 30 Sep 2025 (deadline 14 Oct), its stored deadline deliberately stale. */
function staleCase(): string {
  const id = addCase(store, { state: 'submitted', deadlineOn: '2000-01-01' })
  store.sqlite.prepare("UPDATE cases SET clock_started_on = '2025-09-30' WHERE id = ?").run(id)
  return id
}
const deadlines = () => (store.sqlite.prepare('SELECT deadline_on AS d FROM cases ORDER BY id').all() as { d: string }[]).map((r) => r.d)
const holiday: OfficeCalendar = { version: 'v2', overrides: [{ date: '2025-10-13', kind: 'holiday', note: '停电' }], years: [] }

describe('calendarService.replace', () => {
  it('a calendar equal to the stored one (another version only) writes nothing and recomputes no clock', async () => {
    staleCase()
    expect(await s.calendarService.replace({ version: 'v1', overrides: [], years: [] })).toEqual({ recomputed: 0, unresolved: 0, checked: 0 })
    expect(deadlines()).toEqual(['2000-01-01'])
    // The same entries in another order are the same calendar.
    s.calendarService.setOverride('2025-10-13', 'holiday', '停电', addStaff(store, 'super1', 'supervisor', '赵主管'))
    s.calendarService.setOverride('2025-12-01', 'workday', '', addStaff(store, 'super2', 'supervisor', '钱主管'))
    store.sqlite.prepare("UPDATE cases SET deadline_on = '2000-01-01'").run()
    const before = store.sqlite.prepare('SELECT total_changes() AS n').get()
    const same: OfficeCalendar = { version: 'v3', overrides: [{ date: '2025-12-01', kind: 'workday', note: '' }, ...holiday.overrides], years: [] }
    expect(await s.calendarService.replace(same)).toMatchObject({ checked: 0 })
    expect(store.sqlite.prepare('SELECT total_changes() AS n').get()).toEqual(before)
    expect(deadlines()).toEqual(['2000-01-01'])
  })

  it('a different calendar recomputes every running clock, in slices the queue answers between', async () => {
    const ids = [staleCase(), staleCase(), staleCase(), staleCase(), staleCase()]
    addStaff(store, 'clerk1', 'clerk', '张敏')
    const handle = createApiHandler(s, () => {})
    const slot = { staff: null }
    await handle('auth.signIn', { username: 'clerk1', password: 'secret-pass' }, slot)
    const seen: string[][] = []
    const pause = async () => {
      const page = await handle('queue.list', {}, slot)
      expect(page.ok && (page.value as QueuePage).rows.length).toBe(5)
      seen.push(deadlines())
    }
    expect(await s.calendarService.replace(holiday, { sliceMs: 0, batch: 2, pause })).toEqual({ recomputed: 5, unresolved: 0, checked: 5 })
    // Slices of 2: the queue was read after 2 and after 4 clocks.
    expect(seen.map((d) => d.filter((x) => x === '2025-10-15').length)).toEqual([2, 4])
    expect(deadlines()).toEqual(ids.map(() => '2025-10-15'))
    expect(getState(store, 'calendarRecompute')).toBeNull()
  })

  it('an interrupted recompute goes on where its last slice ended when the same calendar comes again', async () => {
    for (let i = 0; i < 5; i++) staleCase()
    const crash = async () => {
      throw new Error('桌面关闭')
    }
    await expect(s.calendarService.replace(holiday, { sliceMs: 0, batch: 2, pause: crash })).rejects.toThrow('桌面关闭')
    expect(deadlines().filter((d) => d === '2025-10-15')).toHaveLength(2)
    expect(getState(store, 'calendarRecompute')).not.toBeNull()
    expect(await s.calendarService.replace({ ...holiday, version: 'v9' }, { sliceMs: 0, batch: 2 })).toEqual({ recomputed: 3, unresolved: 0, checked: 3 })
    expect(deadlines()).toEqual(Array(5).fill('2025-10-15'))
  })

  it('a calendar taken while a recompute runs stops the older run; the newer one recomputes every clock with its calendar', async () => {
    for (let i = 0; i < 5; i++) staleCase()
    const other: OfficeCalendar = { version: 'v3', overrides: [{ date: '2025-12-01', kind: 'workday', note: '' }], years: [] }
    let second: Promise<unknown> | null = null
    // After the first run's first slice, an administrator's edit (or the next pull) takes another calendar.
    const pause = async () => {
      second ??= s.calendarService.replace(other, { sliceMs: 0, batch: 2 })
      await second
    }
    const first = await s.calendarService.replace(holiday, { sliceMs: 0, batch: 2, pause })
    expect(first.checked).toBe(2) // it stopped at its next slice
    // The newer calendar has 13 Oct a workday again: every deadline is 14 Oct (the older run's 15 Oct is gone).
    expect(deadlines()).toEqual(Array(5).fill('2025-10-14'))
    expect(getState(store, 'calendarRecompute')).toBeNull()
  })
})
