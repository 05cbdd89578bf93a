/**
 * The exchange service of the pull benchmark (bench-pull.ts), in its own process so its CPU (the pull query,
 * JSON) does not show as the desk's event-loop delay. Seeds `--cases N` archive-deposit cases: one through the
 * real portal, the rest cloned from it in bulk SQL (applicant, case, events, attachments, one change each, in
 * change-log order), so seeding 100k takes seconds. Tells the parent `{ url, seedMs }` over IPC; answers
 * `{ stats: true }` with the time spent in `GET /sync/pull` handlers; `{ stop: true }` closes it.
 */
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { buildApp } from '../../server/src/app'
import { testClock } from '../../server/src/clock'
import type { Db } from '../../server/src/db'
import { openTestDb, T0 } from '../../server/src/testing/harness'
import { seedDemoStaff } from '../demo/server-seed'
import { portalClient, submitSample } from '../../src/main/core/sync/testing'

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, pg: { type: 'string' } } })
if (values.pg) process.env.DATABASE_URL = values.pg
const N = Number(values.cases)
const PORTAL_KEY = 'bench-portal-key'

/** Columns of `table` without those a sequence fills (`id`, `seq`). */
async function columns(db: Db, table: string): Promise<string[]> {
  const r = await db.execute(
    sql`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}
        AND coalesce(column_default, '') NOT LIKE 'nextval%' ORDER BY ordinal_position`
  )
  return ((r as unknown as { rows: { c: string }[] }).rows).map((x) => x.c)
}

/** INSERT INTO table (cols) SELECT cols (some replaced by expressions) FROM `from`. */
async function clone(db: Db, table: string, over: Record<string, string>, from: string): Promise<void> {
  const cols = await columns(db, table)
  const list = cols.map((c) => `"${c}"`).join(', ')
  const exprs = cols.map((c) => over[c] ?? `t."${c}"`).join(', ')
  await db.execute(sql.raw(`INSERT INTO ${table} (${list}) SELECT ${exprs} FROM ${from}`))
}

const clock = testClock(T0)
const sdb = await openTestDb()
await seedDemoStaff(sdb.db)
const app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock })
let pullMs = 0
let pulls = 0
const started = new WeakMap<object, number>()
app.addHook('onRequest', async (req) => void started.set(req, performance.now()))
app.addHook('onResponse', async (req) => {
  if (!req.url.startsWith('/sync/pull')) return
  pulls++
  pullMs += performance.now() - (started.get(req) ?? performance.now())
})
const url = await app.listen({ port: 0, host: '127.0.0.1' })

const t0 = performance.now()
const { caseId } = await submitSample(portalClient(url, PORTAL_KEY), 1)
const db = sdb.db
const tmpl = `(SELECT * FROM cases WHERE id = '${caseId}')`
if (N > 1) {
  await db.execute(sql.raw(`CREATE TEMP TABLE bench_g AS SELECT g, md5('bench-case-' || g)::uuid::text AS case_id FROM generate_series(2, ${N}) g`))
  await clone(db, 'applicants', { id_number: `t.id_number || '-' || g.g`, name: `t.name || g.g` }, `applicants t, bench_g g WHERE t.id = (SELECT applicant_id FROM ${tmpl} x)`)
  await clone(
    db,
    'cases',
    {
      id: 'g.case_id',
      case_number: `t.case_number || '-' || g.g`,
      applicant_id: `(SELECT a.id FROM applicants a, applicants o WHERE o.id = t.applicant_id AND a.id_type = o.id_type AND a.id_number = o.id_number || '-' || g.g)`
    },
    `${tmpl} t, bench_g g`
  )
  await clone(db, 'case_events', { case_id: 'g.case_id' }, `case_events t, bench_g g WHERE t.case_id = '${caseId}'`)
  await clone(db, 'attachments', { case_id: 'g.case_id' }, `attachments t, bench_g g WHERE t.case_id = '${caseId}'`)
  await clone(db, 'changes', { case_id: 'g.case_id' }, `(SELECT * FROM changes WHERE case_id = '${caseId}' ORDER BY seq DESC LIMIT 1) t, bench_g g ORDER BY g.g`)
  await db.execute(sql.raw('DROP TABLE bench_g'))
  await db.execute(sql.raw('ANALYZE'))
}
const seedMs = performance.now() - t0

process.on('message', async (m: { stats?: boolean; stop?: boolean }) => {
  if (m.stats) process.send!({ stats: { pullMs, pulls } })
  if (m.stop) {
    await app.close()
    await sdb.close()
    process.exit(0)
  }
})
// The benchmark ended (or died) without stopping this service: end with it.
process.on('disconnect', () => process.exit(0))
process.send!({ url, seedMs, driver: sdb.driver })
