import type { Store } from '../store'
import { SyncHttpError } from './http'
import type { OutboxRow } from './outbox'
import { clearFault, FAULTS_TO_QUARANTINE, noteFault, quarantineRow, readFault } from './quarantine'

/**
 * How a failed push reads: `malformed` — the service refused the batch as invalid (400 VALIDATION, 413 too
 * large); `fault` — a server error (5xx, a bug: a 500 is never a business answer); null — anything else: the
 * network, a timeout, 502/503/504 (the service or its database away: offline, try later as it is — http.ts),
 * a 401. Only the first two can be a row's fault.
 */
export function poisonSign(e: unknown): 'malformed' | 'fault' | null {
  if (!(e instanceof SyncHttpError)) return null
  if ((e.status === 400 && e.code === 'VALIDATION') || e.status === 413) return 'malformed'
  if (e.status >= 500 && ![502, 503, 504].includes(e.status)) return 'fault'
  return null
}

export type Narrowed<R> = { res: R | undefined; sent: OutboxRow[] } | { quarantined: OutboxRow }

/**
 * Pushes `rows` (a batch in seq order); when the service refuses or fails the batch in a way a row could cause
 * (`poisonSign`), narrows it down by halves to the first row alone — the rows before a poison row still go
 * through (answered: `sent`), and no row but the one that fails alone is ever blamed. That row is set aside
 * (quarantine.ts) when refused as malformed, or at its `FAULTS_TO_QUARANTINE`th server error in a row (counted
 * across rounds; until then the round fails and the loop backs off) — and only when an empty push goes
 * through (otherwise the service, not the row, is what fails). A row under suspicion is sent alone first.
 */
export async function pushNarrowed<R>(store: Store, rows: OutboxRow[], send: (rows: OutboxRow[]) => Promise<R | undefined>, now: () => Date): Promise<Narrowed<R>> {
  const suspect = readFault(store)
  let n = suspect?.id === rows[0].id ? 1 : rows.length
  for (;;) {
    const part = rows.slice(0, n)
    try {
      const res = await send(part)
      if (suspect && res !== undefined && part.some((r) => r.id === suspect.id)) clearFault(store)
      return { res, sent: part }
    } catch (e) {
      const sign = poisonSign(e)
      if (!sign) throw e
      if (n > 1) {
        n = Math.ceil(n / 2)
        continue
      }
      await send([]) // throws when the service fails whatever is sent: not this row's doing
      const err = e as SyncHttpError
      const cause = { status: err.status, code: err.code, message: err.message }
      if (sign === 'fault') {
        const failures = noteFault(store, rows[0].id)
        if (failures < FAULTS_TO_QUARANTINE) throw e
        quarantineRow(store, rows[0], { kind: 'fault', ...cause, failures }, now())
      } else quarantineRow(store, rows[0], { kind: 'malformed', ...cause }, now())
      return { quarantined: rows[0] }
    }
  }
}
