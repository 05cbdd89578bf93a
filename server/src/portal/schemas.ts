import { z } from 'zod'
import { isIsoDate } from '../../../src/shared/domain/calendar'

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD')
const text = (max: number) => z.string().trim().min(1).max(max)

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
  passportNumber: z.string().trim().max(30).default('')
})

export const attachmentInput = z.object({
  materialCode: text(40),
  fileName: text(200),
  mime: text(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为 64 位小写十六进制 SHA-256')
})

const form = z.record(z.string(), z.unknown())
const attachments = z.array(attachmentInput).max(50)

export const applicationInput = z.object({
  type: text(40),
  subtype: text(40),
  applicant: applicantInput,
  form,
  attachments
})

export const applicationPatch = z.object({ form: form.optional(), attachments: attachments.optional() })

export const idParams = z.object({ id: z.string().min(1).max(64) })

export type ApplicantInput = z.infer<typeof applicantInput>
export type AttachmentInput = z.infer<typeof attachmentInput>
export type ApplicationInput = z.infer<typeof applicationInput>
export type ApplicationPatch = z.infer<typeof applicationPatch>
