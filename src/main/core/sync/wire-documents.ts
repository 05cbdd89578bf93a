import { z } from 'zod'

/** A letter as a pulled snapshot carries it (server/src/sync/documents.ts), lifecycle and prints included. */
const iso = z.string().min(1)
const sha = z.string().regex(/^[0-9a-f]{64}$/)
const ref = z.object({ id: z.number().int(), name: z.string() })

export const documentWireSchema = z.object({
  id: z.number().int(),
  docType: z.string(),
  number: z.string(),
  verificationCode: z.string(),
  sha256: sha,
  fileName: z.string(),
  issuedById: z.number().int().nullish(),
  issuedAt: iso,
  // Servers before the print console leave these out: a draft without data or prints.
  status: z.enum(['draft', 'issued', 'void', 'revoked']).optional(),
  statusReason: z.string().nullish(),
  statusAt: iso.nullish(),
  statusBy: ref.nullish(),
  data: z.unknown().optional(),
  signedSha256: sha.nullish(),
  signedAt: iso.nullish(),
  signedBy: ref.nullish(),
  prints: z
    .array(
      z.object({
        kind: z.enum(['print', 'reprint', 'save']),
        reason: z.string(),
        printer: z.string().nullish(),
        at: iso,
        actorId: z.number().int().nullish(),
        actor: z.string()
      })
    )
    .optional()
})
