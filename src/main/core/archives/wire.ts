import { z } from 'zod'

/**
 * The archive inside a pulled case snapshot (server/src/archives/snapshot.ts): the whole record and its chain
 * of custody. Servers from before the register sent only the number and status: the rest is optional.
 */
export const archiveWireSchema = z.object({
  archiveNumber: z.string().nullish(),
  status: z.enum(['not_in', 'in_storage', 'transferred_out']),
  category: z.enum(['unit', 'individual']).optional(),
  employer: z.string().nullish(),
  feesPaidUntil: z.string().nullish(),
  dismissalDate: z.string().nullish(),
  shelfLocation: z.string().nullish(),
  custodian: z.string().nullish(),
  updatedAt: z.string().optional(),
  custody: z
    .array(
      z.object({
        at: z.string().min(1),
        kind: z.string().min(1),
        fromPlace: z.string().nullish(),
        toPlace: z.string().nullish(),
        trackingNumber: z.string().nullish(),
        caseId: z.string().nullish(),
        actorId: z.number().int().nullish(),
        actor: z.string(),
        note: z.string().nullish()
      })
    )
    .optional()
})
export type WireArchive = z.infer<typeof archiveWireSchema>
