import dayjs, { type Dayjs } from 'dayjs'
import type { CaseDetail } from '../../../../shared/api/types'
import type { ActionDef } from '../../../../shared/domain/case-type'
import type { DegreeCertificationForm, DegreeLevel, EmploymentForm } from '../../../../shared/domain/certification-forms'

/** The certification desk's action form kinds (ActionDef.form) this folder's modal fills in. */
export const CERTIFICATION_FORM_KINDS = ['accept_certification', 'send_verification', 'verification_reply', 'certify', 'coded_reason', 'report_to'] as const
export type CertificationFormKind = (typeof CERTIFICATION_FORM_KINDS)[number]
export const isCertificationForm = (form: ActionDef['form']): form is CertificationFormKind => (CERTIFICATION_FORM_KINDS as readonly string[]).includes(form)

/** What the form holds (dates as dayjs while editing). */
export interface Fields {
  greenChannel?: boolean
  reasonCode?: string
  recipient?: string
  channel?: 'email' | 'post' | 'platform'
  replyDueOn?: Dayjs
  outcome?: 'confirmed' | 'not_confirmed' | 'no_record'
  equivalence?: string
  opinion?: string
  reason?: string
  reportTo?: string
  note?: string
}

/** A foreign verification's reply is due 20 working days ahead; as a calendar default, 30 days. */
export const REPLY_DUE_DAYS = 30

const EQUIVALENCE: Record<DegreeLevel, string> = { associate: '副学士学位', bachelor: '学士学位', master: '硕士学位', doctor: '博士学位' }

/** The form's starting values, from the case (the degree's institution and level, the employer). */
export function initialFields(kind: CertificationFormKind, detail: CaseDetail): Fields {
  const degree = (detail.form as Partial<DegreeCertificationForm>).degree
  switch (kind) {
    case 'accept_certification':
      return { greenChannel: false }
    case 'send_verification':
      return { reasonCode: 'institution', recipient: degree?.institutionEn || degree?.institution || '', channel: 'email', replyDueOn: dayjs().add(REPLY_DUE_DAYS, 'day'), note: '' }
    case 'verification_reply':
      return { note: '' }
    case 'certify':
      return { equivalence: degree?.level ? EQUIVALENCE[degree.level] : '', opinion: '', note: '' }
    case 'coded_reason':
      return { reason: '', note: '' }
    case 'report_to':
      return { reportTo: (detail.form as Partial<EmploymentForm>).employer?.name ?? '', note: '' }
  }
}

const trim = (v: string | undefined): string => (v ?? '').trim()

/** The action's input as its zod schema takes it. */
export function toInput(kind: CertificationFormKind, v: Fields): Record<string, unknown> {
  switch (kind) {
    case 'accept_certification':
      return { greenChannel: v.greenChannel === true }
    case 'send_verification':
      return { reasonCode: v.reasonCode, recipient: trim(v.recipient), channel: v.channel, replyDueOn: v.replyDueOn?.format('YYYY-MM-DD') ?? '', note: trim(v.note) }
    case 'verification_reply':
      return { outcome: v.outcome, note: trim(v.note) }
    case 'certify':
      return { equivalence: trim(v.equivalence), opinion: trim(v.opinion), note: trim(v.note) }
    case 'coded_reason':
      return { reasonCode: v.reasonCode, reason: trim(v.reason), note: trim(v.note) }
    case 'report_to':
      return { reportTo: trim(v.reportTo), note: trim(v.note) }
  }
}

/** The green channel can be opened: the applicant asked for it and the degree is a doctorate (the action's check says the same). */
export function greenChannelOffered(detail: CaseDetail): boolean {
  const f = detail.form as Partial<DegreeCertificationForm>
  return !!f.greenChannel && f.degree?.level === 'doctor'
}
