// Housekeeping on a timer (hourly by default): expired sessions, portal idempotency keys past their
// 7 days, and sign-in failure counts that no longer matter. Every instance may run it: the deletes are
// idempotent. Times come from the server clock, so tests can move it.
import type { FastifyInstance } from 'fastify'
import { purgeExpiredSessions } from './auth/sessions'
import { purgeSpentFailures } from './auth/throttle'
import type { Clock } from './clock'
import type { AppContext } from './context'
import type { Db } from './db'
import { purgeIdempotencyKeys } from './portal/idempotency'

export const MAINTENANCE_MS = 3600_000

export interface CleanupReport {
  sessions: number
  idempotencyKeys: number
  signInFailures: number
}

/** One round of housekeeping; returns how many rows of each kind were deleted. */
export async function cleanup(db: Db, clock: Clock): Promise<CleanupReport> {
  const now = clock.now()
  return {
    sessions: await purgeExpiredSessions(db, now),
    idempotencyKeys: await purgeIdempotencyKeys(db, now),
    signInFailures: await purgeSpentFailures(db, now)
  }
}

/**
 * Runs `cleanup` every `intervalMs` (0 = never) from `onReady`; `onClose` clears the timer and waits
 * for a round in progress, so the database can be closed right after.
 */
export function registerMaintenance(app: FastifyInstance, ctx: AppContext, intervalMs = MAINTENANCE_MS): void {
  if (!(intervalMs > 0)) return
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  const round = (): void => {
    if (running) return
    running = cleanup(ctx.sdb.db, ctx.clock)
      .then(
        (r) => app.log.info(r, 'maintenance'),
        (e: unknown) => app.log.warn({ err: e }, 'maintenance failed; retried next round')
      )
      .finally(() => (running = undefined))
  }
  app.addHook('onReady', async () => {
    timer = setInterval(round, intervalMs).unref()
  })
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}
