import { z } from 'zod'
import { FORM_LIMITS, safeId, safeJsonObject, safeLine } from '../../../src/shared/api/wire-safe'
import { isIsoDate } from '../../../src/shared/domain/calendar'

// Every string refuses NUL, control characters and lone surrogates and has a length (src/shared/api/wire-safe.ts):
// what PostgreSQL's text and jsonb cannot hold is a 400 here, never a 500 from the database.
const isoDate = z.string().max(10).refine(isIsoDate, '日期格式应为 YYYY-MM-DD')
const text = (max: number) => safeLine(max)

export const applicantInput = z.object({
  name: text(50),
  sex: z.enum(['male', 'female']),
  nationality: text(50).default('中国'),
  idType: text(20).default('居民身份证'),
  idNumber: text(40),
  idValidFrom: isoDate.nullable().optional(),
  idValidTo: isoDate.nullable().optional(),
  birthDate: isoDate,
  ethnicity: text(20),
  politicalStatus: text(20),
  maritalStatus: text(20),
  fertilityStatus: text(20),
  householdRegion: text(200),
  mobile: text(30),
  email: z.email('邮箱格式不正确').max(100),
  contactName: text(50),
  contactMobile: text(30),
  passportNumber: safeLine(30, 0).default('')
})

export const attachmentInput = z.object({
  materialCode: text(40),
  fileName: text(200),
  mime: text(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为 64 位小写十六进制 SHA-256')
})

/** The form's envelope: a JSON object within FORM_LIMITS (depth, size, strings); its fields are checked against the case type's form schema (checks.ts). */
const form = safeJsonObject(FORM_LIMITS)
const attachments = z.array(attachmentInput).max(50)

export const applicationInput = z.object({
  type: text(40),
  subtype: text(40),
  applicant: applicantInput,
  form,
  attachments
})

export const applicationPatch = z.object({ form: form.optional(), attachments: attachments.optional() })

/** A case id in the path: 1–64 characters without NUL, control characters or lone surrogates (else 400, not a database error). */
export const idParams = z.object({ id: safeId(64) })

export type ApplicantInput = z.infer<typeof applicantInput>
export type AttachmentInput = z.infer<typeof attachmentInput>
export type ApplicationInput = z.infer<typeof applicationInput>
export type ApplicationPatch = z.infer<typeof applicationPatch>
