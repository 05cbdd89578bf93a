// Reliability test environment: the REAL exchange service (server/src/app.ts) on a fresh database per
// test — in-memory PGlite, or a new database on the PostgreSQL of DATABASE_URL (server harness) —
// listening on a loopback port, and real desks (temp SQLite stores, the real sync client).
import { PGlite } from '@electric-sql/pglite'
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { buildApp } from '../../server/src/app'
import { seedDemoStaff } from '../../tools/demo/server-seed'
import { loadSnapshot } from '../../server/src/cases/snapshot'
import { testClock } from '../../server/src/clock'
import { restoreFrom } from '../../server/src/admin/backup'
import { defaultMigrationsFolder, type Db, onPglite, schema, type ServerDb } from '../../server/src/db'
import { openTestDb, PORTAL_KEY, T0 } from '../../server/src/testing/harness'
import { clientId } from '../../src/main/core/sync/state'
import { allowLongIdle, openDesk, portalClient, submitSample } from '../../src/main/core/sync/testing'
import { afterEach, beforeEach } from 'vitest'
import { checkInvariants, type DeskUnderTest } from './invariants'
import { type Proxy, startProxy } from './proxy'

export { T0 }

/** Reasons for `return_for_changes` (the action requires at least one). */
export const RETURN = { reasons: [{ material: 'id_card', text: '身份证复印件不清晰' }], note: '' }

/** Hook timeout for starting a server on a loaded machine. */
export const SETUP_MS = 60_000

let template: Promise<PGlite> | undefined

/** A migrated, seeded in-memory PGlite, made once per test file; each test gets a clone (much faster than migrating). */
async function pgliteTemplate(): Promise<PGlite> {
  const client = new PGlite()
  const db = drizzle(client, { schema })
  await migrate(db, { migrationsFolder: defaultMigrationsFolder() })
  await db.insert(schema.serverMeta).values({ key: 'epoch', value: randomUUID() })
  await seedDemoStaff(db as unknown as Db)
  return client
}

/** A fresh database: a new one on DATABASE_URL's server (harness), else a clone of the PGlite template with its own epoch. */
export async function freshDb(): Promise<ServerDb> {
  if (process.env.DATABASE_URL) return openTestDb()
  const client = (await (await (template ??= pgliteTemplate())).clone()) as PGlite
  const sdb = onPglite(client)
  await sdb.db.update(schema.serverMeta).set({ value: randomUUID() }).where(eq(schema.serverMeta.key, 'epoch'))
  return sdb
}

export async function startServer() {
  let sdb = await freshDb()
  const staffIds = await seedDemoStaff(sdb.db)
  await allowLongIdle(sdb) // these tests move the server clock by hours and days
  const clock = testClock(T0)
  let app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })

  /**
   * The operator's restore: the service stopped, `file` (a backupTo of this database) restored with
   * restoreFrom, the service started again on the same address.
   */
  async function restore(file: string) {
    await app.close()
    if (sdb.driver === 'pg') {
      // Restored in place (the test database keeps its name, and is dropped on close as before).
      await (await restoreFrom(file, { url: sdb.url })).close()
    } else {
      await sdb.close()
      sdb = await restoreFrom(file, {})
    }
    app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock })
    await app.listen({ port: Number(new URL(url).port), host: '127.0.0.1' })
  }

  const portal = portalClient(url, PORTAL_KEY)
  /** A complete archive-deposit application through the portal (its files uploaded first); its case id. */
  const submit = async (n = 1): Promise<string> => (await submitSample(portal, n)).caseId

  const caseRow = async (caseId: string) => (await sdb.db.select().from(schema.cases).where(eq(schema.cases.id, caseId)))[0]
  const eventActions = async (caseId: string) =>
    (await sdb.db.select({ action: schema.caseEvents.action }).from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).orderBy(schema.caseEvents.id)).map(
      (e) => e.action
    )
  const count = async (table: 'mutations' | 'caseEvents' | 'changes' | 'blobs' | 'issuedDocuments') => (await sdb.db.select().from(schema[table])).length

  return {
    get sdb() {
      return sdb
    },
    get db() {
      return sdb.db
    },
    restore,
    clock,
    url,
    staffIds,
    portal,
    submit,
    caseRow,
    eventActions,
    count,
    snapshot: (caseId: string) => loadSnapshot(sdb.db, caseId),
    close: async () => {
      await app.close()
      await sdb.close()
    }
  }
}

export type Server = Awaited<ReturnType<typeof startServer>>

/** A signed-in desk talking to `url` (the server, or a fault proxy in front of it). */
export async function deskAt(url: string, clock: { now(): Date }, username: string) {
  const d = openDesk(url, clock)
  await d.signIn(username)
  return { ...d, username, clientId: clientId(d.store) }
}

export type Desk = Awaited<ReturnType<typeof deskAt>>

/** The shape `checkInvariants` takes, with the desk's sync client for the final push + pull. */
export const underTest = (d: Desk): DeskUnderTest => ({ store: d.store, clientId: d.clientId, staff: d.username, sync: d.sync })

export const outboxRows = (d: Desk) =>
  d.store.sqlite.prepare('SELECT seq, id, name, case_id AS caseId, status, result FROM outbox ORDER BY seq').all() as {
    seq: number
    id: string
    name: string
    caseId: string | null
    status: string
    result: string | null
  }[]

export const attentionCodes = (d: Desk) => (d.store.sqlite.prepare('SELECT code FROM attention ORDER BY id').all() as { code: string }[]).map((r) => r.code)

export const pendingCount = (d: Desk) => outboxRows(d).filter((r) => r.status === 'pending').length

/** The desk's version of a case (what the clerk sees when deciding). */
export const localVersion = (d: Desk, caseId: string) =>
  (d.store.sqlite.prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as { version: number } | undefined)?.version ?? 0

/** Raw protocol calls with this desk's credentials (for replaying batches the desk already sent). */
export function rawPush(url: string, d: Desk, mutations: unknown[]) {
  const token = d.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }
  return fetch(`${url}/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.value}`, 'x-casedesk-schema': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: d.clientId, mutations })
  })
}

/**
 * A server for every test of the calling file (with `proxy`, a fault-injecting proxy in front of it);
 * desks opened with `desk` are disposed after the test. `s` and `proxy` are the current test's.
 */
export function serverPerTest(opts: { proxy?: boolean } = {}) {
  let server: Server | undefined
  let fault: Proxy | undefined
  const opened: Desk[] = []
  beforeEach(async () => {
    server = await startServer()
    if (opts.proxy) fault = await startProxy(server.url)
  }, SETUP_MS)
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.dispose()
    await fault?.close()
    await server?.close()
  })
  return {
    get s(): Server {
      return server!
    },
    get proxy(): Proxy {
      return fault!
    },
    /** A signed-in desk talking to `url` (the server unless given, e.g. the proxy). */
    async desk(username: string, url?: string): Promise<Desk> {
      const d = await deskAt(url ?? server!.url, server!.clock, username)
      opened.push(d)
      return d
    },
    invariants: (...desks: Desk[]) => checkInvariants({ serverDb: server!.db, desks: desks.map(underTest), now: server!.clock.now() })
  }
}
