/**
 * The desk store's health checks and backups, timed: `npx tsx tools/bench/bench-store-health.ts [--cases 100000]`.
 * On the demo store (400 cases with letters, as `--demo` makes it) and on a big one (N generated cases), prints:
 * opening the store with and without the start-up quick_check, the daily integrity_check in a worker thread (and
 * the longest the main thread's event loop was held up meanwhile, sampled every 5 ms), the same check on the main
 * thread for comparison, and the online backup (+ its verification). Stores are kept in .data/ for reruns.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore } from '../../src/main/core/store'
import { makeBackup, verifyBackup } from '../../src/main/core/store/backup'
import { openCheckedStore, quickCheck } from '../../src/main/core/store/health'
import { integrityCheckInWorker } from '../../src/main/core/store/integrity'
import { ensureDemoData } from '../demo/ensure'
import { generateDemo } from '../demo/generate'
import { seedStaff } from '../demo/staff'

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' } } })
const today = '2026-11-23'
mkdirSync('.data', { recursive: true })

function ensureStore(kind: 'demo' | 'big', n: number): string {
  const file = join('.data', kind === 'demo' ? `bench-health-demo-${n}.db` : `bench-health-${n}.db`)
  if (existsSync(file)) return file
  const t0 = performance.now()
  const store = openStore(file)
  if (kind === 'demo') ensureDemoData(store, { cases: n, today })
  else {
    seedStaff(store)
    generateDemo(store, { cases: n, seed: 7, today })
  }
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  store.close()
  console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  return file
}

const ms = (t0: number) => performance.now() - t0

async function measure(label: string, file: string): Promise<void> {
  const mb = statSync(file).size / 1024 / 1024
  const cases = (() => {
    const s = openStore(file)
    const n = (s.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n
    s.close()
    return n
  })()
  let t = performance.now()
  openStore(file).close()
  const plainOpen = ms(t)
  t = performance.now()
  openCheckedStore(file).close()
  const checkedOpen = ms(t)
  const store = openStore(file)
  t = performance.now()
  quickCheck(store.sqlite)
  const quick = ms(t)

  // The longest the main thread's event loop was held up while `work` ran (sampled every 5 ms).
  async function lagDuring<T>(work: () => Promise<T>): Promise<{ value: T; wall: number; lag: number }> {
    let lag = 0
    let last = performance.now()
    const sampler = setInterval(() => {
      const now = performance.now()
      lag = Math.max(lag, now - last - 5)
      last = now
    }, 5)
    const t0 = performance.now()
    const value = await work()
    const wall = ms(t0)
    clearInterval(sampler)
    return { value, wall, lag }
  }
  // Reference: the same sampling while nothing runs (the machine's own scheduling noise), 2 s.
  const idle = await lagDuring(() => new Promise((r) => setTimeout(r, 2000)))
  const check = await lagDuring(() => integrityCheckInWorker(file))
  const worker = check.value
  const workerWall = check.wall
  const maxLag = check.lag

  t = performance.now()
  store.sqlite.pragma('integrity_check')
  const mainThread = ms(t)

  const dir = join('.data', `bench-health-backups-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  const b = await lagDuring(() => makeBackup(store, { dir, date: today, checked: true }))
  const backup = b.value
  const backupMs = b.wall
  const backupLag = b.lag
  t = performance.now()
  if (backup.made) verifyBackup(join(dir, backup.backup.name))
  const verifyMs = ms(t)
  rmSync(dir, { recursive: true, force: true })
  store.close()

  console.log(`\n${label}: ${cases} cases, ${mb.toFixed(1)} MB (${file})`)
  console.log(`  open (migrate, pragmas)                 ${plainOpen.toFixed(0)} ms`)
  console.log(`  open with start-up quick_check          ${checkedOpen.toFixed(0)} ms  (×${(checkedOpen / plainOpen).toFixed(1)})`)
  console.log(`  quick_check alone                       ${quick.toFixed(0)} ms`)
  console.log(`  event loop, idle reference (2 s)        held up at most ${idle.lag.toFixed(0)} ms (machine noise)`)
  console.log(`  integrity_check in a worker             ${workerWall.toFixed(0)} ms wall (${worker.ms} ms in SQLite, ok=${worker.ok}); main loop held up at most ${maxLag.toFixed(0)} ms`)
  console.log(`  integrity_check on the main thread      ${mainThread.toFixed(0)} ms (what the window would freeze for)`)
  console.log(`  online backup (+ journal_mode DELETE)   ${backupMs.toFixed(0)} ms; main loop held up at most ${backupLag.toFixed(0)} ms; (includes its verification in a worker); read-only quick_check of the copy alone ${verifyMs.toFixed(0)} ms`)
  console.log(`  ratios: quick_check / integrity_check = ${(quick / mainThread).toFixed(2)}, backup / integrity_check = ${(backupMs / mainThread).toFixed(2)}`)
}

await measure('demo store', ensureStore('demo', 400))
await measure('big store', ensureStore('big', Number(values.cases)))
