import { randomUUID } from 'node:crypto'
import { eq, isNotNull, like, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { CALENDAR_KEEPERS } from '../../../src/shared/api/contract'
import { int4, safeText } from '../../../src/shared/api/wire-safe'
import { type CalendarEdit, checkCalendarEdit, editYear, recomputeDeadlines } from '../../../src/shared/domain/calendar-edits'
import type { Staff } from '../auth/sessions'
import { appendChange, loadCalendar } from '../cases/repo'
import type { Clock } from '../clock'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { HttpError, parseInput } from '../errors'

/**
 * The office calendar lives here when desks share an exchange service: a supervisor's edit is applied
 * once, every running deadline is recomputed in the same transaction (the moved cases go into the
 * change log — without a version bump, so no clerk's queued decision is refused for it), and the
 * calendar's `calendarVersion` changes; desks see it on their next pull and fetch the calendar.
 */
const LOCK = sql`SELECT pg_advisory_xact_lock(hashtext('calendar'))`

/** `YYYY-MM-DD` (whether the day exists is checkCalendarEdit's), a year the calendar can hold, notes without NUL or control characters. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
export const calendarEditBody = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), date: day, kind: z.enum(['workday', 'holiday']), note: safeText(200, 0).default('') }),
  z.object({ op: z.literal('remove'), date: day }),
  z.object({ op: z.literal('declare'), year: int4(1900, 2200), note: safeText(400, 0).default('') })
])

/** The calendar's version before its first edit. */
export const INITIAL_CALENDAR = 'initial'

async function calendarVersion(db: Db): Promise<string> {
  const [row] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'calendarVersion'))
  return row?.value ?? INITIAL_CALENDAR
}

/** The whole office calendar, as desks keep it. */
export async function officeCalendar(db: Db) {
  const [overrides, years, version] = await Promise.all([
    db.select({ date: schema.calendarOverrides.date, kind: schema.calendarOverrides.kind, note: schema.calendarOverrides.note }).from(schema.calendarOverrides).orderBy(schema.calendarOverrides.date),
    db.select({ year: schema.calendarYears.year, note: schema.calendarYears.note }).from(schema.calendarYears).orderBy(schema.calendarYears.year),
    calendarVersion(db)
  ])
  return { version, overrides, years }
}

export async function editCalendar(tx: Db, clock: Clock, staff: Staff, raw: CalendarEdit) {
  if (!CALENDAR_KEEPERS.includes(staff.role)) throw new HttpError(403, 'FORBIDDEN', '只有科长或系统管理员可以修改办公日历')
  await tx.execute(LOCK)
  const o = schema.calendarOverrides
  const year = editYear(raw)
  const [exists] = raw.op === 'declare' ? [] : await tx.select({ date: o.date }).from(o).where(eq(o.date, raw.date))
  const inYear = await tx.select({ date: o.date }).from(o).where(like(o.date, `${year}-%`))
  const [declared] = await tx.select({ year: schema.calendarYears.year }).from(schema.calendarYears).where(eq(schema.calendarYears.year, year))
  const e = checkCalendarEdit(raw, { overrideExists: !!exists, overridesInYear: inYear.length, declared: !!declared })
  if (e.op === 'set') {
    await tx.insert(o).values({ date: e.date, kind: e.kind, note: e.note }).onConflictDoUpdate({ target: o.date, set: { kind: e.kind, note: e.note } })
  } else if (e.op === 'remove') {
    await tx.delete(o).where(eq(o.date, e.date))
  } else {
    await tx
      .insert(schema.calendarYears)
      .values({ year: e.year, note: e.note })
      .onConflictDoUpdate({ target: schema.calendarYears.year, set: { note: e.note } })
  }
  const c = schema.cases
  const running = await tx
    .select({ id: c.id, type: c.type, state: c.state, clockStartedOn: c.clockStartedOn, clockDays: c.clockDays, deadlineOn: c.deadlineOn })
    .from(c)
    .where(isNotNull(c.clockStartedOn))
  const { changed, unresolved } = recomputeDeadlines(
    await loadCalendar(tx),
    running.map((r) => ({ ...r, clockStartedOn: r.clockStartedOn! }))
  )
  let changeSeq = 0
  for (const m of changed) {
    const [row] = await tx.update(c).set({ deadlineOn: m.deadlineOn }).where(eq(c.id, m.id)).returning({ type: c.type })
    changeSeq = await appendChange(tx, m.id, row.type)
  }
  const version = randomUUID()
  await tx
    .insert(schema.serverMeta)
    .values({ key: 'calendarVersion', value: version })
    .onConflictDoUpdate({ target: schema.serverMeta.key, set: { value: version } })
  return { recomputed: changed.length, unresolved, actor: staff.displayName, at: clock.now().toISOString(), changeSeq }
}

export function registerCalendar(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sync/calendar', async () => officeCalendar(ctx.sdb.db))
  app.post('/sync/calendar', async (req) => {
    const edit = parseInput(calendarEditBody, req.body)
    const { changeSeq, ...change } = await ctx.sdb.tx((tx) => editCalendar(tx, ctx.clock, req.staff!, edit as CalendarEdit))
    if (changeSeq) ctx.pokes.emit(changeSeq)
    // The desk replaces its copy with this one (its own edit included) in the same step.
    return { change, calendar: await officeCalendar(ctx.sdb.db) }
  })
}
