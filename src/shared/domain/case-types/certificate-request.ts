import { z } from 'zod'
import { safeText } from '../../api/wire-safe'
import type { CaseTypeDef, DocumentType } from '../case-type'
import { certificateChecks, INTRO_LETTER } from '../certificate-rules'
import { applicantActions, none, reasonInput } from './common'

/**
 * 开具证明 — DOMAIN.md flow 5 (seeds 003, 002): 存档证明 / 政审证明 from the archive record, under seed 003's
 * rules (certificate-rules.ts) when the request arrives and again at review. 审核未通过 records the reason and
 * the time; the applicant may fix and resubmit (the new submission time replaces the old one).
 */
export type CertificateRequestState = 'pending' | 'approved' | 'rejected' | 'cancelled'
export type CertificateRequestAction = 'approve' | 'reject' | 'resubmit' | 'cancel'

export const certificateRequestForm = z.object({ purpose: safeText(100, 0).optional() }).strict()
export type CertificateRequestForm = z.infer<typeof certificateRequestForm>

/** The certificate each subtype issues. */
export const CERTIFICATE_OF: Record<string, DocumentType> = { custody: 'custody_certificate', political_review: 'political_review_certificate' }

const certificateOf = (subtype: string): DocumentType => {
  const doc = Object.hasOwn(CERTIFICATE_OF, subtype) ? CERTIFICATE_OF[subtype] : undefined
  if (!doc) throw new Error(`no certificate for subtype ${subtype}`)
  return doc
}

export const certificateRequest: CaseTypeDef<CertificateRequestState, CertificateRequestAction> = {
  type: 'certificate_request',
  label: '开具证明',
  subtypes: { custody: '存档证明', political_review: '政审证明' },
  initialState: 'pending',
  states: {
    pending: { label: '待审核', color: 'blue', open: true, clock: { workingDays: 5, label: '证明审核' } },
    approved: { label: '审核通过', color: 'green', open: false, final: true },
    rejected: { label: '审核未通过', color: 'red', open: false },
    cancelled: { label: '已取消', color: 'default', open: false, final: true }
  },
  actions: {
    approve: {
      label: '审核通过',
      from: ['pending'],
      to: 'approved',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: none,
      form: 'none',
      issues: certificateOf,
      confirm: '确认审核通过并生成证明信？',
      notice: '您申请的证明信已审核通过，请登录系统下载加盖电子签章的证明信（PDF）。',
      primary: true
    },
    reject: {
      label: '审核未通过',
      from: ['pending'],
      to: 'rejected',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: reasonInput,
      form: 'reason',
      notice: '您的证明信申请审核未通过，原因：{reasons}。请按原因修改后重新提交。',
      danger: true
    },
    ...applicantActions<CertificateRequestState>({ resubmit: ['rejected'], cancel: ['pending', 'rejected'], to: 'pending', cancelled: 'cancelled' })
  },
  materials: [{ code: INTRO_LETTER, label: '单位介绍信', required: false, accept: ['image/jpeg'] }],
  sections: { applicant: '申请人信息', archive: '档案记载', general: '原因' },
  reasonChecklist: {
    intro_letter: ['单位介绍信内容不合格', '单位介绍信未加盖单位公章', '单位介绍信图片不清晰'],
    archive: ['档案记载与申请内容不符']
  },
  supplementChecklist: {},
  rules: { check: certificateChecks, at: ['approve'] },
  formSchema: () => certificateRequestForm
}
