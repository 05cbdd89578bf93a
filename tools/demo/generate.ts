import { type IsoDate, addDays, isIsoDate, WorkingCalendar } from '../../src/shared/domain/calendar'
import { formatArchiveNumber } from '../../src/main/core/documents/numbering'
import { archiveDeposit } from '../../src/shared/domain/case-types/archive-deposit'
import { DomainError } from '../../src/shared/result'
import type { Store } from '../../src/main/core/store'
import { addDemoCustody } from './custody'
import { arrearsCutoff } from '../../src/main/core/cases/checks'
import { withSearchBatch } from '../../src/main/core/cases/search-batch'
import { type ArchiveCaseOptions, type ArchiveRow, type DemoCase, makeArchiveCase } from './archive-cases'
import type { ArchiveCaseType } from './archive-scenarios'
import { type DemoFile, renderCaseFiles } from './files'
import { FEATURED, LINKED_CASE, makeOfficeBundle, OFFICE_WEIGHTS, type OfficeOptions, type OfficeSpec, specSize } from './certification-cases'
import { type DemoPerson, depositForm, makePerson } from './people'
import { pad, Rng } from './random'
import { playScenario, STATE_WEIGHTS } from './scenarios'
import { type Actor, shelfLocation, Story, type StoryContext } from './story'

export interface GenerateOptions {
  cases: number
  seed?: number
  /** The office's today: submissions fall in the weeks before it, deadlines around it. */
  today: IsoDate
  onProgress?(done: number, total: number): void
  /** The office calendar (with its overrides); the statutory calendar by default. */
  calendar?: WorkingCalendar
  /** Up to this many cases, every case gets its own rendered files; above, a shared pool is used. */
  renderLimit?: number
  /** How many pre-rendered file sets a large run shares (200 by default). */
  poolSize?: number
}

export interface GenerateResult {
  cases: number
  applicants: number
  attachments: number
}

/**
 * The archive office's case mix: deposits most, then certificate requests, transfers out, intakes and
 * material filings (the other types' applicants mostly have their archive here already).
 */
export const TYPE_WEIGHTS: readonly (readonly ['archive_deposit' | ArchiveCaseType, number])[] = [
  ['archive_deposit', 55],
  ['certificate_request', 18],
  ['archive_transfer_out', 10],
  ['archive_intake', 9],
  ['material_filing', 8]
]

const NO_ARCHIVE: ArchiveRow = {
  archiveNumber: null,
  status: 'not_in',
  category: 'individual',
  employer: null,
  feesPaidUntil: null,
  dismissalDate: null,
  shelfLocation: null,
  custodian: null,
  updatedAt: ''
}

/** Pre-rendered file sets a large run keeps per kind of the other case types. */
const KIND_POOL = 20
const BATCH = 10_000
const POOL_SIZE = 200
const DEFAULT_RENDER_LIMIT = 2000
/** A run of at least this many cases shows every featured case of the certification office (certification-cases.ts). */
const FEATURED_MIN = 50
/** The certification office's and the employment desk's share of the applicants. */
const OFFICE_SHARE = 0.22
/** Working days of history the stories may use (`StoryContext.workdaysBack`). */
const WORKDAYS_BACK = 250

/** An instant's office-local (UTC+8) date. */
const officeDate = (iso: string): IsoDate => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)

/**
 * Fills an empty case store with realistic cases of the archive office (deposits, certificate requests,
 * transfers out, intakes, material filings), and of the certification office and the employment desk (degree
 * certifications, re-reviews and refunds with the certification they name, employment registrations; the
 * featured ones of certification-cases.ts first on demo-sized runs): applicants, archives, cases in
 * every state with consistent histories and deadlines, and real PDF/JPG attachments. The same
 * seed and `today` give the same data. Staff accounts must exist (seedStaff) first.
 */
export function generateDemo(store: Store, opts: GenerateOptions): GenerateResult {
  const sql = store.sqlite
  if (!Number.isInteger(opts.cases) || opts.cases < 0) throw new Error(`cases must be a non-negative integer: ${opts.cases}`)
  if (!isIsoDate(opts.today)) throw new Error(`today must be YYYY-MM-DD: ${opts.today}`)
  if ((sql.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n > 0) {
    throw new Error('演示数据只能生成到空的案件库（cases 表已有数据）')
  }
  const staff = sql.prepare("SELECT id, display_name AS name, role FROM staff WHERE active = 1 AND role IN ('clerk', 'reviewer', 'supervisor') ORDER BY id").all() as (Actor & { role: string })[]
  const clerks = staff.filter((s) => s.role === 'clerk').map(({ id, name }) => ({ id, name }))
  /** The certification office's cases are worked by reviewers (none: the demo has only the archive office's). */
  const reviewers = staff.filter((s) => s.role === 'reviewer').map(({ id, name }) => ({ id, name }))
  if (clerks.length === 0) throw new Error('没有可用的档案管理员账号，请先创建演示账号（seedStaff）')
  const supervisor = staff.find((s) => s.role === 'supervisor') ?? null

  const { today } = opts
  const rng = new Rng(opts.seed ?? 1)
  const calendar = opts.calendar ?? new WorkingCalendar()
  const knownYears = new Set(calendar.knownYears())
  /** Like the case service: a deadline the real calendar cannot compute is stored as null (shown as an error). */
  const storable = (d: IsoDate | null): IsoDate | null => (d && knownYears.has(Number(d.slice(0, 4))) ? d : null)
  const ctx: StoryContext = { rng, today, ...workingDays(calendar, today), clerks, supervisor: supervisor && { id: supervisor.id, name: supervisor.name } }
  const personal = opts.cases <= (opts.renderLimit ?? DEFAULT_RENDER_LIMIT)

  const insertApplicant = sql.prepare(
    `INSERT INTO applicants (name, sex, id_number, id_valid_from, id_valid_to, birth_date, ethnicity, political_status, marital_status,
       fertility_status, household_region, mobile, email, contact_name, contact_mobile, passport_number, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertArchive = sql.prepare(
    `INSERT INTO archives (applicant_id, archive_number, status, category, employer, fees_paid_until, dismissal_date, shelf_location, custodian, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertCase = sql.prepare(
    `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, assignee_id, claimed_at, submitted_at,
       clock_started_on, clock_days, deadline_on, version, round, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertBlob = sql.prepare('INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)')
  const insertAttachment = sql.prepare(
    'INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
  )
  const insertEvent = sql.prepare(
    `INSERT INTO case_events (case_id, at, actor_id, actor_name, action, from_state, to_state, reasons, note, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )

  // Large runs share pre-rendered files (content-addressed: each body stored once).
  const pool: DemoFile[][] = []
  if (!personal) {
    const poolRng = rng.fork(7)
    const poolIds = new Set<string>()
    for (let i = 0; i < Math.max(1, Math.min(opts.poolSize ?? POOL_SIZE, opts.cases)); i++) {
      pool.push(renderCaseFiles(makePerson(poolRng, poolRng.chance(0.7) ? 'outbound' : 'returning', today, poolIds), poolRng, today))
    }
    sql.transaction(() => pool.flat().forEach((f) => insertBlob.run(f.sha256, f.data.length, f.data)))()
  }

  const archiveCounters = new Map<number, number>()
  for (const row of sql.prepare("SELECT key, last FROM document_counters WHERE key LIKE 'archive_number:%'").all() as { key: string; last: number }[]) {
    archiveCounters.set(Number(row.key.split(':')[1]), row.last)
  }
  const nextArchiveNumber = (on: IsoDate): string => {
    const year = Number(on.slice(0, 4))
    const n = (archiveCounters.get(year) ?? 0) + 1
    archiveCounters.set(year, n)
    return formatArchiveNumber(year, n)
  }
  const caseSeq = new Map<string, number>()
  const usedIds = new Set<string>()
  let attachments = 0
  let applicants = 0

  const filePools = new Map<string, DemoFile[][]>()
  const archiveOpts: ArchiveCaseOptions = {
    today,
    usedIds,
    cutoff: arrearsCutoff(store),
    nextArchiveNumber,
    // Large runs: the first few cases of a kind render their own files, later ones share them.
    files: (key, render) => {
      if (personal) return render()
      const kind = filePools.get(key) ?? []
      filePools.set(key, kind)
      if (kind.length >= Math.min(KIND_POOL, opts.poolSize ?? POOL_SIZE)) return kind[rng.int(0, kind.length - 1)]
      const made = render()
      kind.push(made)
      return made
    }
  }

  const depositCase = (): DemoCase => {
    const subtype = rng.chance(0.7) ? 'outbound' : 'returning'
    const p = makePerson(rng, subtype, today, usedIds)
    const story = new Story(ctx, { id: null, name: p.name }, p.custodian)
    playScenario(story, ctx, rng.weighted(STATE_WEIGHTS), nextArchiveNumber)
    const files = personal ? renderCaseFiles(p, rng, today) : pool[rng.int(0, pool.length - 1)]
    const deposit = story.events.find((e) => e.action === 'approve_archive')
    const archive: ArchiveRow = deposit
      ? { ...NO_ARCHIVE, archiveNumber: String(deposit.data.archiveNumber), status: 'in_storage', feesPaidUntil: `${Number(story.depositedOn!.slice(0, 4)) + 1}-12`, shelfLocation: shelfLocation(rng), updatedAt: deposit.at }
      : { ...NO_ARCHIVE, custodian: p.custodian, updatedAt: story.firstSubmittedAt }
    return { person: p, type: archiveDeposit.type, subtype, form: { ...depositForm(p) }, files, story, archive }
  }

  /** Inserts an applicant (with an archive row for the archive office's applicants) and their cases, in order. */
  const insert = (p: DemoPerson, a: ArchiveRow | null, list: readonly Omit<DemoCase, 'person' | 'archive'>[]): void => {
    const firstAt = list.map((c) => c.story.firstSubmittedAt).sort()[0]
    const registeredAt = new Date(Date.parse(firstAt) - rng.int(10, 20 * 24 * 60) * 60_000).toISOString()
    const applicantId = Number(
      insertApplicant.run(p.name, p.sex, p.idNumber, p.idValidFrom, p.idValidTo, p.birthDate, p.ethnicity, p.politicalStatus, p.maritalStatus,
        p.fertilityStatus, p.householdRegion, p.mobile, p.email, p.contactName, p.contactMobile, p.passportNumber, registeredAt).lastInsertRowid
    )
    if (a) insertArchive.run(applicantId, a.archiveNumber, a.status, a.category, a.employer, a.feesPaidUntil, a.dismissalDate, a.shelfLocation, a.custodian, a.updatedAt)
    let linked = ''
    for (const c of list) {
      const { story, files } = c
      const lastAt = story.events[story.events.length - 1].at
      const day = officeDate(story.firstSubmittedAt)
      const seq = (caseSeq.get(day) ?? 0) + 1
      caseSeq.set(day, seq)
      const caseNumber = `CD${day.replaceAll('-', '')}${pad(seq, 6)}`
      // A re-review or refund names the certification made just before it (the bundle's first case).
      const form = c.form.certificationCaseNumber === LINKED_CASE ? { ...c.form, certificationCaseNumber: linked } : c.form
      linked ||= caseNumber
      const id = rng.uuid()
      insertCase.run(id, caseNumber, c.type, c.subtype, story.state, applicantId, [p.name, p.idNumber, p.mobile, caseNumber].join(' '),
        JSON.stringify(form), story.assignee?.id ?? null, story.claimedAt, story.submittedAt, story.clockStartedOn, story.clockDays, storable(story.deadlineOn),
        story.version, story.round, lastAt)
      for (const f of files) {
        // Deposits of a large run share the pool stored above; the other kinds' bodies are stored as they come (once each).
        if (personal || c.type !== archiveDeposit.type) insertBlob.run(f.sha256, f.data.length, f.data)
        insertAttachment.run(id, f.materialCode, f.fileName, f.mime, f.data.length, f.sha256, story.firstSubmittedAt)
      }
      attachments += files.length
      for (const e of story.events) {
        insertEvent.run(id, e.at, e.actor.id, e.actor.name, e.action, e.fromState, e.toState, JSON.stringify(e.reasons), e.note, JSON.stringify(e.data))
      }
    }
    applicants++
  }

  // The certification office's and the employment desk's cases: the featured ones first (demo-sized runs), then by their mix.
  const featured = reviewers.length && opts.cases >= FEATURED_MIN ? [...FEATURED] : []
  const officeOpts: OfficeOptions = { today, usedIds, reviewers, files: archiveOpts.files }
  let calls = 0

  /** One applicant's cases (a re-review or refund comes with its certification); at most `room` cases. */
  const one = (room: number): number => {
    calls++
    const office = reviewers.length > 0 && (featured.length ? calls % 3 === 1 : rng.chance(OFFICE_SHARE))
    if (office) {
      let spec: OfficeSpec = featured[0] ?? { type: rng.weighted(OFFICE_WEIGHTS) }
      if (specSize(spec) > room) spec = { type: 'degree_certification' }
      else if (featured.length) featured.shift()
      const bundle = makeOfficeBundle(ctx, officeOpts, spec)
      insert(bundle.person, null, bundle.cases)
      return bundle.cases.length
    }
    const type = rng.weighted(TYPE_WEIGHTS)
    const c = type === 'archive_deposit' ? depositCase() : makeArchiveCase(type, ctx, archiveOpts)
    insert(c.person, c.archive, [c])
    return 1
  }

  const cacheSize = sql.pragma('cache_size', { simple: true }) as number
  sql.pragma('cache_size = -262144')
  try {
    // One transaction per BATCH cases (~11 rows each); progress every 1 % (or every case on small runs).
    const step = Math.max(1, Math.ceil(opts.cases / 100))
    for (let done = 0; done < opts.cases; ) {
      const end = Math.min(done + BATCH, opts.cases)
      // The batch's search indexes in two statements at its end, not case by case (search-batch.ts).
      sql.transaction(() =>
        withSearchBatch(sql, () => {
          for (; done < end; ) {
            const before = done
            done += one(opts.cases - done)
            if (Math.floor(done / step) > Math.floor(before / step) || done === opts.cases) opts.onProgress?.(done, opts.cases)
          }
        })
      )()
    }
    const saveCounter = sql.prepare(
      'INSERT INTO document_counters (key, last) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET last = max(last, excluded.last)'
    )
    sql.transaction(() => archiveCounters.forEach((last, year) => saveCounter.run(`archive_number:${year}`, last)))()
  } finally {
    sql.pragma(`cache_size = ${cacheSize}`)
  }
  // The archive register's chains of custody (sign-ins, deposits, shelving), from the events just written.
  sql.transaction(() => addDemoCustody(sql))()
  // Planner statistics for the queue indexes after a bulk load.
  sql.exec('ANALYZE')
  return { cases: opts.cases, applicants, attachments }
}

/**
 * Deadline arithmetic on the office calendar. Where it does not cover a year (e.g. deadlines in
 * January of a year not yet published) the demo's histories fall back to Mon–Fri for that year only,
 * so that demo data can still be made; such deadlines are stored as null and the app flags them as
 * not computable, as it does for real cases.
 */
function workingDays(calendar: WorkingCalendar, today: IsoDate): Pick<StoryContext, 'addWorkingDays' | 'workdaysBack' | 'workingDaysUntil'> {
  const year = Number(today.slice(0, 4))
  const fallback = new WorkingCalendar([], [year - 1, year, year + 1])
  const guarded = <T>(f: (c: WorkingCalendar) => T): T => {
    try {
      return f(calendar)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'CALENDAR_NOT_COVERED') return f(fallback)
      throw e
    }
  }
  const workdaysBack: IsoDate[] = []
  // About a year back: certifications with a result a re-review or a refund refers to.
  for (let d = today; workdaysBack.length < WORKDAYS_BACK; d = addDays(d, -1)) {
    if (guarded((c) => c.isWorkingDay(d))) workdaysBack.push(d)
  }
  // Only a few dozen distinct clock starts occur: remember them (a visible share of a 1M-case run).
  const memo = new Map<string, IsoDate>()
  const addWorkingDays = (start: IsoDate, n: number): IsoDate => {
    const key = `${start}+${n}`
    let d = memo.get(key)
    if (d === undefined) memo.set(key, (d = guarded((c) => c.addWorkingDays(start, n))))
    return d
  }
  const workingDaysUntil = (from: IsoDate, to: IsoDate): number => guarded((c) => c.workingDaysUntil(from, to))
  return { workdaysBack, addWorkingDays, workingDaysUntil }
}
