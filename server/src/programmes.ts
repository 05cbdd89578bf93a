import { randomUUID } from 'node:crypto'
import { asc, eq, notInArray, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { z } from 'zod'
import { PROGRAMME_KEEPERS } from '../../src/shared/api/programmes'
import { type ImportSummary, type JointProgramme, type ProgrammeImport, programmeImport } from '../../src/shared/domain/joint-programmes'
import type { Staff } from './auth/sessions'
import type { AppContext } from './context'
import { schema, type Db } from './db'
import { HttpError } from './errors'

/**
 * The joint-programme register 中外合作办学项目名单 at the exchange service: `joint_programmes`, with
 * `server_meta.programmesVersion` changing on every import. Desks see the version on every pull page and
 * fetch the whole register when theirs differs; a supervisor's import (parsed and checked on the desk)
 * is checked again here and applied in one transaction — all or nothing.
 */
export const INITIAL_PROGRAMMES = 'initial'

const t = schema.jointProgrammes

export async function programmesVersion(db: Db): Promise<string> {
  const [row] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'programmesVersion'))
  return row?.value ?? INITIAL_PROGRAMMES
}

export async function listProgrammes(db: Db): Promise<JointProgramme[]> {
  const rows = await db.select().from(t).orderBy(asc(t.code))
  return rows.map(({ updatedAt: _u, ...p }) => p)
}

/** The first issue of an import body, in Chinese, saying which programme (1-based, the file's order) and which field. */
function importMessage(error: z.ZodError, programmes: unknown): string {
  const issue = error.issues[0]
  if (!issue) return '导入内容有误'
  const [head, index, field] = issue.path
  if (head === 'programmes' && typeof index === 'number') {
    const code = Array.isArray(programmes) ? (programmes[index] as { code?: unknown } | undefined)?.code : undefined
    const label = field === undefined ? '' : `${String(field)}：`
    return `第 ${index + 1} 个项目${typeof code === 'string' && code ? `（${code}）` : ''}·${label}${issue.message}`
  }
  return issue.message
}

/** Applies an import (supervisors, administrators): a new register version, what changed. */
export async function importProgrammes(tx: Db, staff: Staff, raw: unknown, now: Date): Promise<ImportSummary> {
  if (!PROGRAMME_KEEPERS.includes(staff.role)) throw new HttpError(403, 'FORBIDDEN', '只有科长或系统管理员可以导入合作办学项目名单')
  const parsed = programmeImport.safeParse(raw)
  if (!parsed.success) throw new HttpError(400, 'VALIDATION', importMessage(parsed.error, (raw as { programmes?: unknown } | null)?.programmes))
  return applyImport(tx, parsed.data, now)
}

/** Applies a checked import in the caller's transaction (also the demo's sample register: tools/demo). */
export async function applyImport(tx: Db, input: ProgrammeImport, now: Date): Promise<ImportSummary> {
  const codes = input.programmes.map((p) => p.code)
  const existing = new Set((await tx.select({ code: t.code }).from(t)).map((r) => r.code))
  let removed = 0
  if (input.mode === 'replace') {
    const gone = await tx.delete(t).where(notInArray(t.code, codes)).returning({ code: t.code })
    removed = gone.length
  }
  for (let i = 0; i < input.programmes.length; i += 500) {
    const chunk = input.programmes.slice(i, i + 500).map((p) => ({ ...p, updatedAt: now }))
    await tx
      .insert(t)
      .values(chunk)
      .onConflictDoUpdate({
        target: t.code,
        set: {
          name: sql`excluded.name`,
          chineseInstitution: sql`excluded.chinese_institution`,
          foreignInstitution: sql`excluded.foreign_institution`,
          country: sql`excluded.country`,
          level: sql`excluded.level`,
          approvedUntil: sql`excluded.approved_until`,
          enrolmentFrom: sql`excluded.enrolment_from`,
          enrolmentTo: sql`excluded.enrolment_to`,
          status: sql`excluded.status`,
          updatedAt: sql`excluded.updated_at`
        }
      })
  }
  const added = codes.filter((c) => !existing.has(c)).length
  const version = randomUUID()
  await tx.insert(schema.serverMeta).values({ key: 'programmesVersion', value: version }).onConflictDoUpdate({ target: schema.serverMeta.key, set: { value: version } })
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(t)
  return { version, total: n, added, updated: codes.length - added, removed }
}

export function registerProgrammes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sync/programmes', async () => {
    // One read view: the version and the rows it names.
    return ctx.sdb.tx(async (tx) => ({ version: await programmesVersion(tx), programmes: await listProgrammes(tx) }))
  })
  app.post('/sync/programmes/import', async (req) => ctx.sdb.tx((tx) => importProgrammes(tx, req.staff!, req.body, ctx.clock.now())))
}
