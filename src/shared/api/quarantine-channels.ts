import { z } from 'zod'
import type { Role } from '../domain/roles'
import { safeId, safeText } from './wire-safe'

/** Who decides about the sync outbox's set-aside mutations (retry or discard). */
export const OUTBOX_KEEPERS: readonly Role[] = ['admin']

/**
 * A mutation of this desk's outbox the exchange service could not take (refused as malformed, or failing
 * with a server error again and again), set aside so the rest of the queue moves on (core/sync/quarantine.ts).
 */
export interface QuarantinedItem {
  /** The mutation's id (outbox `id`). */
  id: string
  caseId: string | null
  caseNumber: string | null
  /** What the clerk did, in words (认领, 审核通过, 签章…). */
  label: string
  actorName: string | null
  /** When the clerk did it, and when it was set aside. */
  createdAt: string
  quarantinedAt: string
  /** Why, in Chinese (the service's refusal or its repeated errors). */
  reason: string
  /** The service's answer: an HTTP status (a batch refused or failing) or a recorded `rejected` result. */
  answer: { status: number | 'rejected'; code: string; message: string }
  /** Later mutations of the same case (or archive) that wait behind it. */
  held: number
}

const decision = z.object({
  id: safeId(64),
  reason: safeText(200, 2, '请填写原因（至少 2 个字）')
})

/** The set-aside mutations and an administrator's decision about each (contract.ts spreads them in). */
export const quarantineChannels = {
  /** Set-aside mutations, oldest first. */
  'sync.quarantined': { input: z.object({}), roles: OUTBOX_KEEPERS },
  /** Puts it back in the queue (with what waited behind it), after every row already sent; audited with the reason. */
  'sync.retryQuarantined': { input: decision, roles: OUTBOX_KEEPERS },
  /** Gives it up (kept as discarded; settled like a refusal: its letters dropped, numbers void); audited with the reason. */
  'sync.discardQuarantined': { input: decision, roles: OUTBOX_KEEPERS }
} as const

export interface QuarantineOutputs {
  'sync.quarantined': QuarantinedItem[]
  /** The items still set aside after this one. */
  'sync.retryQuarantined': QuarantinedItem[]
  'sync.discardQuarantined': QuarantinedItem[]
}
