// The portal simulator: plays the applicant portal's backend against a running exchange service.
// Each application is a realistic applicant from the desk's demo generators (sim-applications.ts: valid
// resident ID, consistent story) with its real rendered PDF/JPG files, of each case type in a mix: archive
// deposits and intakes for anyone; transfers out, material filings and certificate requests for applicants
// whose archive is in storage (given, or learnt as the office deposits the simulator's own applicants); degree
// certifications (foreign and joint programmes, green-channel doctorates) and employment registrations of the four
// kinds around the eligibility edges; re-reviews and refunds of the simulator's own certifications (once their
// result, or their being still unevaluated, is learnt); and the applicant's supplements (POST …/supplement) for
// a case the office paused for them. The
// files are uploaded with `PUT /portal/blobs/<sha256>`, then `POST /portal/applications`. About one
// applicant in ten then changes (PATCH) or withdraws (cancel) the application just submitted. Each
// submission, change and withdrawal carries its own `Idempotency-Key`, kept across its retries, so a
// reply lost in the network never makes a second case.
import { randomUUID } from 'node:crypto'
import { demoJpeg } from '../demo/files'
import { Rng } from '../demo/random'
import { sha256Hex } from '../../server/src/blobs'
import { ApplicationSource, DEFAULT_MIX, type SimHolder, type SimType, type SimulatedApplication } from './sim-applications'
import type { ApplicationInput, AttachmentInput } from '../../server/src/portal/schemas'

export { applicantOf, DEFAULT_MIX, makeApplication, type SimHolder, type SimType, type SimulatedApplication } from './sim-applications'

export interface SimulatorOptions {
  /** The exchange service, e.g. `http://127.0.0.1:8787` (a trailing slash is ignored). */
  serverUrl: string
  portalKey: string
  /** How many applications to submit. */
  count: number
  /** Submissions started per minute (a start every 60 000 / rate ms; no catching up in bursts). */
  ratePerMinute: number
  /** Same seed (and `today`) → same applicants and files. Default 1. */
  seed?: number
  /** Stops pacing and requests; the summary of what was done so far is still returned. */
  signal?: AbortSignal
  onSubmitted?(r: { caseId: string; caseNumber: string; ms: number }): void
  fetch?: typeof fetch
  /** Failures (with their error code), retries and follow-ups, one line each. */
  log?(line: string): void
  /** Share of submitted applications the applicant then modifies or cancels (default 0.1). */
  followUpRate?: number
  /** The office date the applicants' stories are consistent with (default: today in Beijing). */
  today?: string
  /** First retry delay; doubled on each of the (at most 3) retries. Default 500 ms. */
  retryBaseMs?: number
  /** Weights of the case types submitted (default DEFAULT_MIX); a type left out is not submitted. */
  mix?: Partial<Record<SimType, number>>
  /** Applicants whose archive the service has in storage (for transfers out, filings, certificates). */
  holders?: SimHolder[]
}

export interface SimulatorResult {
  submitted: number
  failed: number
  /** Wall time of one application's portal calls (its file uploads and the submission, retries included). */
  latencyMs: { p50: number; p95: number }
  /** Error code → count, over failed submissions and failed follow-ups. */
  errors: Record<string, number>
  modified: number
  cancelled: number
  /** Network errors and 5xx answers that were retried. */
  retries: number
  /** Answers the service replayed from an earlier attempt's record (`idempotent-replayed`): the first reply was lost. */
  replayed: number
  /** Submitted applications per case type. */
  byType: Partial<Record<SimType, number>>
  /** Supplements sent for cases the office paused for them (补充材料). */
  supplemented: number
}

/** A failed portal call: `code` is the protocol's error code, or `NETWORK` / `HTTP_<status>` without a body. */
export class PortalCallError extends Error {
  constructor(
    readonly code: string,
    readonly status: number | null,
    message: string
  ) {
    super(message)
  }
}

class Aborted extends Error {}

/** A failed status check is not worth stopping for; an abort is. */
const rethrowAbort = (e: unknown): void => {
  if (e instanceof Aborted) throw e
}

const MAX_RETRIES = 3
/** Types whose applications the simulated applicant may change after submitting; the others are only withdrawn. */
const CHANGEABLE: readonly SimType[] = ['archive_deposit', 'archive_intake', 'archive_transfer_out', 'material_filing']

/** The office's date (UTC+8). */
const beijingToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** Sleeps `ms`, or rejects with `Aborted` as soon as the signal fires. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new Aborted())
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new Aborted())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Nearest-rank percentile of an ascending list (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * Calls the portal with the key; retries network errors and 5xx (backoff) — a mutating call with the
 * same `Idempotency-Key` on every attempt — and throws `PortalCallError` otherwise.
 */
function portalClient(opts: SimulatorOptions, counters: { retries: number; replayed: number }) {
  const base = opts.serverUrl.replace(/\/+$/, '')
  const doFetch = opts.fetch ?? globalThis.fetch
  const retryBase = opts.retryBaseMs ?? 500
  const log = opts.log ?? (() => {})

  async function call<T>(method: string, path: string, body?: { json: unknown } | { bytes: Uint8Array }): Promise<T> {
    const idempotencyKey = body && 'json' in body ? `sim-${randomUUID()}` : undefined
    for (let attempt = 0; ; attempt++) {
      if (opts.signal?.aborted) throw new Aborted()
      let failure: PortalCallError
      try {
        const headers: Record<string, string> = { 'x-portal-key': opts.portalKey }
        if (idempotencyKey) headers['idempotency-key'] = idempotencyKey
        let payload: BodyInit | undefined
        if (body && 'json' in body) {
          headers['content-type'] = 'application/json'
          payload = JSON.stringify(body.json)
        } else if (body) {
          headers['content-type'] = 'application/octet-stream'
          payload = body.bytes as Uint8Array<ArrayBuffer>
        }
        const res = await doFetch(base + path, { method, headers, body: payload, signal: opts.signal })
        const text = await res.text()
        if (res.headers.get('idempotent-replayed') === 'true') counters.replayed++
        if (res.ok) return (text ? JSON.parse(text) : {}) as T
        let code = `HTTP_${res.status}`
        let message = text.slice(0, 200)
        try {
          const err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error
          if (err?.code) code = err.code
          if (err?.message) message = err.message
        } catch {
          // not JSON (a proxy's error page): keep the status
        }
        failure = new PortalCallError(code, res.status, message)
        if (res.status < 500) throw failure
      } catch (e) {
        if (e instanceof PortalCallError && e.status !== null && e.status < 500) throw e
        if (opts.signal?.aborted) throw new Aborted()
        failure = e instanceof PortalCallError ? e : new PortalCallError('NETWORK', null, e instanceof Error ? e.message : String(e))
      }
      if (attempt >= MAX_RETRIES) throw failure
      counters.retries++
      const delay = retryBase * 2 ** attempt * (0.75 + Math.random() * 0.5)
      log(`重试 ${method} ${path}（${failure.code}：${failure.message}），${Math.round(delay)} ms 后第 ${attempt + 1} 次`)
      await sleep(delay, opts.signal)
    }
  }

  return {
    putBlob: (f: { sha256: string; data: Uint8Array }) => call<{ sha256: string; size: number }>('PUT', `/portal/blobs/${f.sha256}`, { bytes: f.data }),
    submit: (input: ApplicationInput) => call<{ caseId: string; caseNumber: string; state: string }>('POST', '/portal/applications', { json: input }),
    patch: (id: string, patch: { form?: Record<string, unknown>; attachments?: AttachmentInput[] }) =>
      call<{ state: string }>('PATCH', `/portal/applications/${encodeURIComponent(id)}`, { json: patch }),
    cancel: (id: string) => call<{ state: string; round: number }>('POST', `/portal/applications/${encodeURIComponent(id)}/cancel`, { json: {} }),
    supplement: (id: string, attachments: AttachmentInput[]) =>
      call<{ state: string; round: number }>('POST', `/portal/applications/${encodeURIComponent(id)}/supplement`, { json: { attachments } }),
    status: (id: string) => call<{ state: string }>('GET', `/portal/applications/${encodeURIComponent(id)}`)
  }
}

/**
 * Submits `count` generated applications at `ratePerMinute`, one after another. A 4xx fails the
 * application (its error code counted and logged); network errors and 5xx are retried up to 3 times
 * with exponential backoff first, with the same `Idempotency-Key`. Aborting stops at once and returns what was done.
 */
export async function runSimulator(opts: SimulatorOptions): Promise<SimulatorResult> {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error(`count must be a non-negative integer: ${opts.count}`)
  if (!(opts.ratePerMinute > 0)) throw new Error(`ratePerMinute must be positive: ${opts.ratePerMinute}`)
  const today = opts.today ?? beijingToday()
  const rng = new Rng(opts.seed ?? 1)
  /** Applicant behaviour on its own stream, so that changing followUpRate keeps the same applicants. */
  const behaviour = rng.fork(17)
  const followUpRate = opts.followUpRate ?? 0.1
  const log = opts.log ?? (() => {})
  const counters = { retries: 0, replayed: 0 }
  const portal = portalClient(opts, counters)
  const latencies: number[] = []
  const errors: Record<string, number> = {}
  const countError = (code: string): void => void (errors[code] = (errors[code] ?? 0) + 1)
  let submitted = 0
  let failed = 0
  let modified = 0
  let cancelled = 0
  let supplemented = 0
  const byType: Partial<Record<SimType, number>> = {}
  const source = new ApplicationSource(rng, today, opts.mix ?? DEFAULT_MIX, opts.holders ?? [])

  const interval = 60_000 / opts.ratePerMinute
  const started = performance.now()
  try {
    for (let i = 0; i < opts.count; i++) {
      await sleep(started + i * interval - performance.now(), opts.signal)
      if (i % 5 === 4) await source.learn((id) => portal.status(id)).catch((e: unknown) => rethrowAbort(e))
      // An applicant the office asked for supplements answers (one per round, the oldest first).
      const due = source.supplementsDue.shift()
      if (due) {
        try {
          await supplement(due, behaviour)
          supplemented++
        } catch (e) {
          if (e instanceof Aborted) throw e
          const code = e instanceof PortalCallError ? e.code : 'INTERNAL'
          countError(code)
          log(`补充材料失败 ${due.caseNumber}：${code} ${e instanceof Error ? e.message : String(e)}`)
        }
      }
      const app = source.next()
      const roll = behaviour.next()
      const t0 = performance.now()
      let created: { caseId: string; caseNumber: string }
      try {
        // Identical bodies (shared JPG variants) are uploaded once.
        for (const f of new Map(app.files.map((f) => [f.sha256, f])).values()) await portal.putBlob(f)
        created = await portal.submit(app.input)
      } catch (e) {
        if (e instanceof Aborted) throw e
        const err = e instanceof PortalCallError ? e : new PortalCallError('INTERNAL', null, String(e))
        failed++
        countError(err.code)
        log(`提交失败 #${i + 1} ${app.person.name}：${err.code}${err.status ? ` (${err.status})` : ''} ${err.message}`)
        continue
      }
      const ms = Math.round(performance.now() - t0)
      submitted++
      byType[app.type] = (byType[app.type] ?? 0) + 1
      source.submitted(app, created.caseId, created.caseNumber)
      latencies.push(ms)
      opts.onSubmitted?.({ caseId: created.caseId, caseNumber: created.caseNumber, ms })

      if (roll >= followUpRate) continue
      try {
        if (roll < followUpRate * 0.4 || !CHANGEABLE.includes(app.type)) {
          await portal.cancel(created.caseId)
          cancelled++
          log(`撤回申请 ${created.caseNumber}`)
        } else {
          await modify(app, created, behaviour, portal)
          modified++
        }
      } catch (e) {
        if (e instanceof Aborted) throw e
        const code = e instanceof PortalCallError ? e.code : 'INTERNAL'
        countError(code)
        log(`修改/撤回失败 ${created.caseNumber}：${code} ${e instanceof Error ? e.message : String(e)}`)
      }
    }
  } catch (e) {
    if (!(e instanceof Aborted)) throw e
    log('已中止')
  }

  /** A real applicant's change: the custodian's full name (a deposit), or a file forgotten at first. */
  async function modify(app: SimulatedApplication, created: { caseId: string; caseNumber: string }, r: Rng, client: typeof portal): Promise<void> {
    const agencies = app.person.region.agencies.filter((a) => a !== app.person.custodian)
    if (app.type === 'archive_deposit' && agencies.length && r.chance(0.5)) {
      const custodian = r.pick(agencies)
      await client.patch(created.caseId, { form: { ...app.input.form, custodian } })
      log(`修改申请 ${created.caseNumber}：现档案保管机构改为 ${custodian}`)
      return
    }
    const data = demoJpeg(r, r.chance(0.5) ? 'scan' : 'photo')
    const extra = { materialCode: 'supplementary', fileName: `补充材料${r.int(1, 9)}.jpg`, mime: 'image/jpeg' as const, sha256: sha256Hex(data) }
    await client.putBlob({ sha256: extra.sha256, data })
    await client.patch(created.caseId, { attachments: [...app.input.attachments, extra] })
    log(`修改申请 ${created.caseNumber}：补传 ${extra.fileName}`)
  }

  /** 补充材料: one to three scans of the kind the case type takes (a re-review's JPGs, a certification's other files …). */
  async function supplement(due: { caseId: string; caseNumber: string; type: SimType }, r: Rng): Promise<void> {
    const code = due.type === 'certification_rereview' ? 'supplement' : due.type === 'degree_certification' ? r.pick(['transcript', 'entry_exit', 'other']) : 'other'
    const files = Array.from({ length: r.int(1, 3) }, (_, k) => {
      const data = demoJpeg(r, 'scan')
      return { data, attachment: { materialCode: code, fileName: `补充材料${k + 1}.jpg`, mime: 'image/jpeg' as const, sha256: sha256Hex(data) } }
    })
    for (const f of files) await portal.putBlob({ sha256: f.attachment.sha256, data: f.data })
    await portal.supplement(due.caseId, files.map((f) => f.attachment))
    log(`补充材料 ${due.caseNumber}：${files.length} 个文件`)
  }

  const sorted = [...latencies].sort((a, b) => a - b)
  return { submitted, failed, latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }, errors, modified, cancelled, retries: counters.retries, replayed: counters.replayed, byType, supplemented }
}
