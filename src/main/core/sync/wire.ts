import { z } from 'zod'
import { documentWireSchema } from './wire-documents'
import { archiveWireSchema } from '../archives/wire'

/**
 * What the exchange service sends the desk (server/PROTOCOL.md), checked before anything is written
 * to the mirror: a malformed page is refused whole rather than half-applied.
 */
const iso = z.string().min(1)
const ref = z.object({ id: z.number().int(), name: z.string() })

export const applicantSchema = z.object({
  name: z.string(),
  sex: z.enum(['male', 'female']),
  nationality: z.string().default('中国'),
  idType: z.string().default('居民身份证'),
  idNumber: z.string().min(1),
  idValidFrom: z.string().nullish(),
  idValidTo: z.string().nullish(),
  birthDate: z.string(),
  ethnicity: z.string(),
  politicalStatus: z.string(),
  maritalStatus: z.string(),
  fertilityStatus: z.string(),
  householdRegion: z.string(),
  mobile: z.string(),
  email: z.string(),
  contactName: z.string(),
  contactMobile: z.string(),
  passportNumber: z.string().default('')
})

export const snapshotSchema = z.object({
  case: z.object({
    id: z.string().min(1),
    caseNumber: z.string().min(1),
    type: z.string(),
    subtype: z.string(),
    state: z.string(),
    version: z.number().int(),
    round: z.number().int().default(1),
    submittedAt: iso,
    clockStartedOn: z.string().nullish(),
    clockDays: z.number().int().nullish(),
    deadlineOn: z.string().nullish(),
    assignee: ref.nullish(),
    leaseToken: z.number().int().nullish(),
    leaseExpiresAt: z.string().nullish(),
    form: z.unknown()
  }),
  applicant: applicantSchema,
  archive: archiveWireSchema.nullish(),
  events: z.array(
    z.object({
      at: iso,
      actorId: z.number().int().nullish(),
      actor: z.string(),
      action: z.string(),
      fromState: z.string().nullish(),
      toState: z.string().nullish(),
      reasons: z.unknown(),
      note: z.string().nullish(),
      data: z.unknown()
    })
  ),
  attachments: z.array(
    z.object({ materialCode: z.string(), fileName: z.string(), mime: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  ),
  documents: z.array(documentWireSchema)
})
export type Snapshot = z.infer<typeof snapshotSchema>

export const pullPageSchema = z.object({
  cursor: z.string(),
  changes: z.array(z.object({ seq: z.number(), caseId: z.string(), snapshot: snapshotSchema })),
  more: z.boolean(),
  /** The office calendar's version at the service (absent from servers before calendars were kept there). */
  calendarVersion: z.string().optional(),
  /** The office settings' version (likewise absent from servers before they were kept there). */
  officeVersion: z.string().optional(),
  /** The joint-programme register's version (likewise absent from older servers). */
  programmesVersion: z.string().optional(),
  /** The staff accounts' version (sync/accounts.ts follows it; absent from older servers). */
  staffVersion: z.string().max(80).optional()
})
export type PullPage = z.infer<typeof pullPageSchema>

const current = z
  .object({
    state: z.string(),
    version: z.number(),
    assignee: z.object({ id: z.union([z.number(), z.string()]), name: z.string() }).nullish(),
    lastEvent: z.object({ actor: z.union([z.string(), z.object({ name: z.string() })]), action: z.string(), at: z.string() }).nullish()
  })
  .transform((c) => ({ ...c, assignee: c.assignee ?? null, lastEvent: c.lastEvent ?? null }))

export const pushResponseSchema = z.object({
  results: z.array(
    z.discriminatedUnion('status', [
      z.object({ id: z.string(), seq: z.number(), status: z.literal('applied'), version: z.number(), leaseToken: z.number().nullish() }),
      z.object({ id: z.string(), seq: z.number(), status: z.literal('rejected'), code: z.string(), message: z.string(), current: current.nullish() })
    ])
  ),
  lastSeq: z.number()
})

export { signInResponseSchema } from '../../../shared/api/staff'
export type { SignedInStaff as ServerStaff } from '../../../shared/api/staff'

/** The server answered, but not in the protocol's shape (its fault: retried later, like a 5xx). */
export class WireError extends Error {
  override name = 'WireError'
}

export function parseWire<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(body)
  if (!r.success) throw new WireError(`交换服务返回的${what}格式不符：${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`)
  return r.data
}
