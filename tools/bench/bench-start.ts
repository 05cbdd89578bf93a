/**
 * The desk's start, timed: `npm run bench:start -- --db FILE [--rounds 3] [--no-cold] [--in-place]`.
 * From nothing open to the first queue page through the handler table (startDesk: open + check + migrations + the
 * services; then `auth.signIn` and `queue.list` as the window calls them), warm (file pages in the OS cache) and cold
 * (the OS cache dropped first: `sync; echo 3 > /proc/sys/vm/drop_caches`, root only — said when not permitted), with
 * the longest event-loop stall meanwhile; then the store check the start leaves to a worker (until `desk.checked`),
 * and the change feed's `note()` (read about once a second during a pull). Every figure is also given as a ratio to
 * a baseline measured in the same run: opening a connection and reading one 50-row page by primary key.
 * `--upgrade`: only the first start on a copy of an older store — the migrations in a worker (upgrading mode): the
 * first answer, normal mode, the first page, and the longest event-loop stall meanwhile.
 * The store is copied first (`cp --reflink=auto`; the start migrates it) and the copy removed at the end, unless
 * `--in-place`. `benchStart(opts)` returns the figures (for `npm run bench -- --json`).
 */
import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { fixedClock } from '../../src/main/core/clock'
import { startDesk } from '../../src/main/core/store/runtime'
import { DEMO_PASSWORD } from '../demo/staff'
import { type LoopDelay, withLoopDelay } from './event-loop'

export interface StartRun {
  /** startDesk: the store opened (and, before issue 13, quick_check'ed), migrated, the services up. */
  readyMs: number
  signInMs: number
  firstPageMs: number
  /** Start to the first queue page, the sign-in left out (a person types their password in between). */
  startToPageMs: number
  /** The same, the sign-in included. */
  totalMs: number
  /** The store check left to the background, from the start until `desk.checked` settles (0: none). */
  checkedMs: number
  /** The longest event-loop stall from the start to the first page, and while the background check ran. */
  loop: LoopDelay
  loopDuringCheck: LoopDelay
  /**
   * A store with pending migrations (and cases) is upgraded in a worker: from the start to the first answer
   * (STORE_UPGRADING) and to normal mode (the services up on the upgraded store); `loop` then covers the upgrade too.
   */
  upgrade: {
    firstAnswerMs: number
    normalMs: number
    /** The migrations in the worker, then opening the upgraded store and the services on the main thread (startDesk's own figures). */
    workerMs: number
    serveMs: number
    /** The longest event-loop stall while the worker migrated (the sampler's gaps that ended before the services came up). */
    loopDuringWorkerMs: number
  } | null
}

export interface StartFigures {
  db: string
  cases: number
  /** Open a connection + one 50-row page by primary key (warm; cold). */
  baselineMs: number
  coldBaselineMs: number | null
  /** The first start on the copy (migrations pending from an older schema run here). */
  firstStart: StartRun
  warm: StartRun
  cold: StartRun | null
  coldSkipped?: string
  /** The change feed's note() (median of 20, warm; one right after the OS cache was dropped). */
  noteMs: number
  coldNoteMs: number | null
  ratios: { warmStart: number; coldStart: number | null; note: number; coldNote: number | null }
  /** What the change counter's triggers cost a write: 20,000 case updates (a new version each) in one transaction, with and without them. */
  triggers: { withMs: number; withoutMs: number; ratio: number } | null
}

const now = () => performance.now()
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d

/** Drops the OS page cache (root); returns why not when it cannot. */
function dropCaches(): string | null {
  try {
    execFileSync('sync')
    writeFileSync('/proc/sys/vm/drop_caches', '3')
    return null
  } catch (e) {
    return `cannot drop the OS page cache (${(e as Error).message.split('\n')[0]})`
  }
}

function baseline(file: string): number {
  const t = now()
  const db = new Database(file, { readonly: true, fileMustExist: true })
  db.prepare("SELECT * FROM cases WHERE id > '' ORDER BY id LIMIT 50").all()
  db.close()
  return now() - t
}

/** Every 5 ms: how late the timer fired (the stall that ended then), with when; `maxBefore(t)`: the longest stall ended before t. */
function gapSampler() {
  const gaps: { at: number; ms: number }[] = []
  let last = now()
  const timer = setInterval(() => {
    const t = now()
    gaps.push({ at: t, ms: t - last - 5 })
    last = t
  }, 5)
  return {
    stop: () => clearInterval(timer),
    maxBefore: (t: number) => gaps.filter((g) => g.at <= t).reduce((m, g) => Math.max(m, g.ms), 0)
  }
}

async function startOnce(dbFile: string): Promise<StartRun> {
  const clock = fixedClock('2026-11-23T02:00:00Z')
  let desk: ReturnType<typeof startDesk> | undefined
  const slot = { staff: null }
  const phases = { readyMs: 0, signInMs: 0, firstPageMs: 0 }
  let upgrade: StartRun['upgrade'] = null
  let t0 = 0
  const { delay: loop } = await withLoopDelay(async () => {
    // The loop-delay sampler records a stall only after its first samples: let it take some before the start.
    await new Promise((r) => setTimeout(r, 50))
    t0 = now()
    let t = t0
    const gaps = gapSampler()
    desk = startDesk({ dbFile, clock, maintenance: false, log: () => {} })
    if (desk.mode === 'upgrading') {
      const answer = await desk.handler('auth.signIn', { username: 'clerk1', password: DEMO_PASSWORD }, slot)
      const firstAnswerMs = now() - t0
      if (answer.ok || answer.error.code !== 'STORE_UPGRADING') throw new Error(`upgrading: ${JSON.stringify(answer)}`)
      await desk.upgraded
      if ((desk.mode as string) !== 'normal') throw new Error(`upgrade failed: ${desk.damage?.problems.join('; ')}`)
      const times = desk.upgradeTimes!
      const workerEnd = t0 + times.totalMs - times.serveMs
      upgrade = { firstAnswerMs, normalMs: now() - t0, workerMs: times.workerMs, serveMs: times.serveMs, loopDuringWorkerMs: gaps.maxBefore(workerEnd) }
    }
    gaps.stop()
    phases.readyMs = now() - t
    t = now()
    const signIn = await desk.handler('auth.signIn', { username: 'clerk1', password: DEMO_PASSWORD }, slot)
    if (!signIn.ok) throw new Error(`auth.signIn: ${signIn.error.code} ${signIn.error.message}`)
    phases.signInMs = now() - t
    t = now()
    const page = await desk.handler('queue.list', {}, slot)
    if (!page.ok) throw new Error(`queue.list: ${page.error.code} ${page.error.message}`)
    phases.firstPageMs = now() - t
  })
  // Issue 13: the start leaves the store check to a worker; `checked` settles when it has answered.
  const checked = (desk as unknown as { checked?: Promise<unknown> }).checked
  const { delay: loopDuringCheck } = await withLoopDelay(async () => void (await checked))
  const checkedMs = checked ? now() - t0 : 0
  await desk!.close()
  const startToPageMs = phases.readyMs + phases.firstPageMs
  return { ...phases, startToPageMs, totalMs: startToPageMs + phases.signInMs, checkedMs, loop, loopDuringCheck, upgrade }
}

async function noteMs(dbFile: string, rounds: number, cold = false): Promise<number> {
  const desk = startDesk({ dbFile, clock: fixedClock('2026-11-23T02:00:00Z'), maintenance: false, log: () => {} })
  // The start's check first (its worker would run on beside what is measured next).
  await (desk as unknown as { checked?: Promise<unknown> }).checked
  const feed = desk.services!.changes
  if (cold) dropCaches()
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = now()
    feed.note()
    samples.push(now() - t)
  }
  await desk.close()
  return median(samples)
}

/** 20,000 case updates in one transaction (rolled back), with the change counter's triggers and without them (dropped inside the transaction). */
function triggerCost(dbFile: string): StartFigures['triggers'] {
  const db = new Database(dbFile)
  try {
    const triggers = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'change_counter_%'").all() as { name: string }[]).map((r) => r.name)
    if (!triggers.length) return null
    const ids = (db.prepare('SELECT id FROM cases ORDER BY id LIMIT 20000').all() as { id: string }[]).map((r) => r.id)
    const update = db.prepare('UPDATE cases SET version = version + 1 WHERE id = ?')
    const timed = (drop: boolean): number => {
      db.exec('BEGIN')
      try {
        if (drop) for (const t of triggers) db.exec(`DROP TRIGGER ${t}`)
        const t = now()
        for (const id of ids) update.run(id)
        return now() - t
      } finally {
        db.exec('ROLLBACK')
      }
    }
    timed(false) // warm-up: the pages in the cache
    const withMs = median([timed(false), timed(false), timed(false)])
    const withoutMs = median([timed(true), timed(true), timed(true)])
    return { withMs: round(withMs), withoutMs: round(withoutMs), ratio: round(withMs / withoutMs) }
  } finally {
    db.close()
  }
}

/** `--upgrade`: only the first start on a copy of an older store (its migrations in a worker), timed. */
export async function benchUpgrade(opts: { db: string; log?: (line: string) => void }): Promise<StartRun> {
  const log = opts.log ?? (() => {})
  const file = `${opts.db}.bench-upgrade-${process.pid}.db`
  execFileSync('cp', ['--reflink=auto', opts.db, file])
  if (existsSync(`${opts.db}-wal`)) execFileSync('cp', ['--reflink=auto', `${opts.db}-wal`, `${file}-wal`])
  try {
    const run = await startOnce(file)
    if (!run.upgrade) log('no upgrade: the store has no pending migrations (or no cases)')
    else
      log(
        `upgrade: first answer (STORE_UPGRADING) ${run.upgrade.firstAnswerMs.toFixed(1)} ms, normal mode at ${run.upgrade.normalMs.toFixed(0)} ms ` +
          `(migrations in the worker ${run.upgrade.workerMs.toFixed(0)} ms, longest loop stall meanwhile ${run.upgrade.loopDuringWorkerMs.toFixed(1)} ms; then open + services ${run.upgrade.serveMs.toFixed(0)} ms), ` +
          `first page at ${(run.readyMs + run.firstPageMs).toFixed(0)} ms; max loop stall ${run.loop.maxMs.toFixed(1)} ms (p99 ${run.loop.p99Ms.toFixed(1)} ms)`
      )
    return run
  } finally {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  }
}

export async function benchStart(opts: { db: string; rounds?: number; cold?: boolean; inPlace?: boolean; log?: (line: string) => void }): Promise<StartFigures> {
  const log = opts.log ?? (() => {})
  const rounds = opts.rounds ?? 3
  if (!existsSync(opts.db)) throw new Error(`no store at ${opts.db}`)
  const file = opts.inPlace ? opts.db : `${opts.db}.bench-start-${process.pid}.db`
  if (!opts.inPlace) {
    execFileSync('cp', ['--reflink=auto', opts.db, file])
    if (existsSync(`${opts.db}-wal`)) execFileSync('cp', ['--reflink=auto', `${opts.db}-wal`, `${file}-wal`])
  }
  try {
    const cases = (() => {
      const db = new Database(file, { readonly: true, fileMustExist: true })
      const n = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n
      db.close()
      return n
    })()
    log(`start of a desk of ${cases} cases (${opts.db}${opts.inPlace ? '' : ', on a copy'})`)
    const firstStart = await startOnce(file)
    log(`first start (pending migrations run): ${firstStart.startToPageMs.toFixed(0)} ms to the first page`)
    const baselines: number[] = []
    for (let i = 0; i < 5; i++) baselines.push(baseline(file))
    const baselineMs = median(baselines)
    const warmRuns: StartRun[] = []
    for (let i = 0; i < rounds; i++) warmRuns.push(await startOnce(file))
    const warm = warmRuns.sort((a, b) => a.startToPageMs - b.startToPageMs)[Math.floor(rounds / 2)]
    const noteWarm = await noteMs(file, 20)
    const triggers = triggerCost(file)

    let cold: StartRun | null = null
    let coldBaselineMs: number | null = null
    let coldNoteMs: number | null = null
    let coldSkipped: string | undefined
    if (opts.cold !== false) {
      coldSkipped = dropCaches() ?? undefined
      if (!coldSkipped) {
        coldBaselineMs = baseline(file)
        dropCaches()
        cold = await startOnce(file)
        coldNoteMs = await noteMs(file, 1, true)
      }
    } else coldSkipped = 'not asked for (--no-cold)'

    const figures: StartFigures = {
      db: opts.db,
      cases,
      baselineMs: round(baselineMs, 3),
      coldBaselineMs: coldBaselineMs === null ? null : round(coldBaselineMs, 3),
      firstStart,
      warm,
      cold,
      ...(coldSkipped ? { coldSkipped } : {}),
      noteMs: round(noteWarm, 4),
      coldNoteMs: coldNoteMs === null ? null : round(coldNoteMs, 3),
      ratios: {
        warmStart: round(warm.startToPageMs / baselineMs, 1),
        coldStart: cold && coldBaselineMs ? round(cold.startToPageMs / coldBaselineMs, 1) : null,
        note: round(noteWarm / baselineMs, 3),
        coldNote: coldNoteMs !== null && coldBaselineMs ? round(coldNoteMs / coldBaselineMs, 3) : null
      },
      triggers
    }
    const row = (label: string, r: StartRun, base: number) =>
      log(
        `${label.padEnd(6)} ready ${r.readyMs.toFixed(0).padStart(6)} ms + first page ${r.firstPageMs.toFixed(1).padStart(7)} ms = ${r.startToPageMs.toFixed(0).padStart(6)} ms ×${(r.startToPageMs / base).toFixed(0)}` +
          `  (sign-in ${r.signInMs.toFixed(0)} ms; max loop stall ${r.loop.maxMs.toFixed(0)} ms; check done at ${r.checkedMs.toFixed(0)} ms, loop stall meanwhile ${r.loopDuringCheck.maxMs.toFixed(0)} ms)`
      )
    log(`baseline: open + one 50-row page by primary key: ${baselineMs.toFixed(2)} ms warm${coldBaselineMs !== null ? `, ${coldBaselineMs.toFixed(1)} ms cold` : ''}`)
    row('warm', warm, baselineMs)
    if (cold && coldBaselineMs) row('cold', cold, coldBaselineMs)
    else log(`cold: skipped — ${coldSkipped}`)
    log(`change feed note(): ${noteWarm.toFixed(3)} ms warm ×${figures.ratios.note}${coldNoteMs !== null ? `, ${coldNoteMs.toFixed(1)} ms cold ×${figures.ratios.coldNote}` : ''}`)
    if (triggers) log(`change counter triggers: 20,000 case updates ${triggers.withMs.toFixed(0)} ms with, ${triggers.withoutMs.toFixed(0)} ms without: ×${triggers.ratio}`)
    return figures
  } finally {
    if (!opts.inPlace) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      'no-cold': { type: 'boolean', default: false },
      'in-place': { type: 'boolean', default: false },
      upgrade: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false }
    }
  })
  if (!values.db) throw new Error('usage: npm run bench:start -- --db FILE [--rounds 3] [--no-cold] [--in-place] [--upgrade] [--json]')
  if (values.upgrade) {
    const run = await benchUpgrade({ db: values.db, log: (l) => console.log(l) })
    if (values.json) console.log(JSON.stringify(run))
    process.exit(0)
  }
  const figures = await benchStart({ db: values.db, rounds: Number(values.rounds), cold: !values['no-cold'], inPlace: values['in-place'], log: (l) => console.log(l) })
  if (values.json) console.log(JSON.stringify(figures))
}
