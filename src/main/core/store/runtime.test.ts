import { afterEach, describe, expect, it, vi } from 'vitest'
import { openStore } from '.'
import type { SessionSlot } from '../api'
import { fixedClock } from '../clock'
import { damageTablePage } from './testing/damage'
import { templateDesks } from './testing/fixture'
import { type DeskConfig, startDesk } from './runtime'

/**
 * The desk's start does not wait for the store's quick_check (linear in the store's size): the first queue page is
 * served at once while the check runs in a worker; syncing and the daily maintenance wait for it; damage it finds
 * later — or a damaged page a call meets — still leads to recovery mode, with the work done meanwhile kept.
 */
const desk = templateDesks()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of closers.splice(0)) await c()
})
const clock = fixedClock('2026-11-23T02:00:00Z')

type Check = { ok: boolean; problems: string[] }
/** A start whose check answers when the test says so. */
function startHeld(dbFile: string, opts: Partial<DeskConfig> = {}) {
  let answer!: (r: Check) => void
  const rt = startDesk({
    dbFile,
    clock,
    maintenance: false,
    log: () => {},
    check: (_file, signal) =>
      new Promise<Check>((resolve, reject) => {
        answer = resolve
        signal.addEventListener('abort', () => reject(new Error('closed')))
      }),
    ...opts
  })
  closers.push(() => rt.close())
  return { rt, answer: (r: Check) => answer(r) }
}

const anon = (): SessionSlot => ({ staff: null, via: 'test' }) as SessionSlot
async function signIn(rt: ReturnType<typeof startDesk>): Promise<SessionSlot> {
  const slot = anon()
  expect(await rt.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, slot)).toMatchObject({ ok: true })
  return slot
}

describe('the start leaves the store check to the background', () => {
  it('serves the first queue page before the check has answered; syncing and the daily care wait for it', async () => {
    const { rt, answer } = startHeld(desk().file)
    expect(rt.mode).toBe('normal')
    const slot = await signIn(rt)
    expect(await rt.handler('queue.list', {}, slot)).toMatchObject({ ok: true, value: { rows: expect.any(Array) } })
    const startSync = vi.spyOn(rt.services!, 'startSync')
    rt.start()
    expect(startSync).not.toHaveBeenCalled()
    answer({ ok: true, problems: [] })
    await rt.checked
    expect(rt.mode).toBe('normal')
    expect(startSync).toHaveBeenCalledTimes(1)
  })

  it('damage the check finds later: recovery mode, the windows told, the work done before it in the export', async () => {
    const d = desk()
    const { rt, answer } = startHeld(d.file)
    const slot = await signIn(rt)
    const heard: number[] = []
    rt.services!.changes.subscribe((n) => heard.push(n.changes))
    const caseId = (rt.services!.store.sqlite.prepare("SELECT id FROM cases WHERE type = 'archive_deposit' AND state = 'submitted' AND assignee_id IS NULL LIMIT 1").get() as { id: string }).id
    const claimed = await rt.handler('cases.claim', { id: caseId }, slot)
    expect(claimed, JSON.stringify(claimed)).toMatchObject({ ok: true })
    const store = rt.services!.store
    answer({ ok: false, problems: ['Tree 7 page 12 cell 3: invalid page number 4242'] })
    await rt.checked
    expect(rt.mode).toBe('recovery')
    expect(heard).toEqual([1])
    expect(await rt.handler('queue.list', {}, slot)).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } })
    expect(store.sqlite.open).toBe(false)
    expect(await rt.handler('recovery.status', {}, anon())).toMatchObject({ ok: true, value: { mode: 'recovery', kind: 'corrupt', problems: ['Tree 7 page 12 cell 3: invalid page number 4242'] } })
    // The fixture's 3 unsent rows, and the claim made before the check answered.
    expect(await rt.handler('recovery.exportOutbox', {}, anon())).toMatchObject({ ok: true, value: { rows: 4 } })
  })

  it('the real check, in a worker thread, finds an overwritten page of the cases table', async () => {
    const d = desk()
    damageTablePage(d.file, 'cases')
    const rt = startDesk({ dbFile: d.file, clock, maintenance: false, log: () => {} })
    closers.push(() => rt.close())
    await rt.checked
    expect(rt.mode).toBe('recovery')
    expect(rt.damage?.problems.length).toBeGreaterThan(0)
  })

  it('a call that meets a damaged page switches to recovery mode at once, the check still running', async () => {
    const d = desk()
    const raw = openStore(d.file)
    const ids = (raw.sqlite.prepare('SELECT id FROM cases ORDER BY rowid').all() as { id: string }[]).map((r) => r.id)
    raw.close()
    damageTablePage(d.file, 'cases')
    const { rt } = startHeld(d.file)
    const slot = await signIn(rt)
    const answers = []
    for (const id of ids) {
      answers.push(await rt.handler('cases.get', { id }, slot))
      if (rt.mode === 'recovery') break
    }
    expect(rt.mode).toBe('recovery')
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await rt.handler('cases.get', { id: ids[0] }, slot)).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } })
    expect(await rt.handler('recovery.exportOutbox', {}, anon())).toMatchObject({ ok: true, value: { rows: 3 } })
  })

  it('damage the daily integrity_check finds while the desk runs switches to recovery mode too', async () => {
    const d = desk()
    damageTablePage(d.file, 'cases')
    // The start's check passed (say the damage came after it): the daily check finds it.
    const { rt, answer } = startHeld(d.file, { maintenance: { firstAfterMs: 3_600_000, log: () => {} } })
    answer({ ok: true, problems: [] })
    await rt.checked
    expect(rt.mode).toBe('normal')
    const report = await rt.maintenance!.runNow()
    expect(report.integrity?.ok).toBe(false)
    expect(rt.mode).toBe('recovery')
    expect(await rt.handler('recovery.status', {}, anon())).toMatchObject({ ok: true, value: { mode: 'recovery', kind: 'corrupt' } })
  })
})
