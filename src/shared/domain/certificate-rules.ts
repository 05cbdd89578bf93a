import type { IsoDate } from './calendar'

/**
 * The rules an archive case is held to about the applicant's archive (seed 003 for certificates; seed 002
 * for transfer out and material filing: "如档案在库…"). Pure: the desk and the exchange service gather the
 * same facts from their own stores and ask these functions, when a request arrives (portal submission and
 * resubmission) and again at review (the archive may have changed meanwhile).
 */

/** The codes a refusal by these rules carries (portal answers, desk errors, sync rejections): the archive rules, and
 * the re-review and refund rules of a degree certification (certification-requests.ts). */
export const RULE_CODES = [
  'NO_ARCHIVE',
  'ARREARS',
  'DISMISSED',
  'INTRO_LETTER_REQUIRED',
  'DUPLICATE_PENDING',
  'CERTIFICATION_NOT_FOUND',
  'NOT_OWN_CERTIFICATION',
  'NO_RESULT_YET',
  'REREVIEW_EXPIRED',
  'REFUNDED',
  'REFUND_NOT_ELIGIBLE',
  'FALSE_MATERIALS',
  'REFUND_PENDING',
  'REREVIEW_PENDING',
  'BANK_DETAILS_REQUIRED'
] as const

export type RuleCode = (typeof RULE_CODES)[number]

export interface ArchiveFacts {
  archiveNumber: string | null
  status: 'not_in' | 'in_storage' | 'transferred_out'
  category: 'unit' | 'individual'
  employer: string | null
  /** 缴费截止时间 `YYYY-MM`. */
  feesPaidUntil: string | null
  /** 解聘时间 `YYYY-MM-DD`. */
  dismissalDate: string | null
}

export interface RuleFacts {
  /** The office's date of the check. */
  today: IsoDate
  /** The office setting `arrearsCutoff` (`YYYY-MM`). */
  arrearsCutoff: string
  /** The applicant's archive in the register, if any. */
  archive: ArchiveFacts | null
  /** Material codes of the request's attachments. */
  materials: readonly string[]
  /**
   * Case numbers of the applicant's other requests of the same type and subtype that are still waiting for
   * review and came in before this one (on arrival: all of them; a resubmission is never its own duplicate).
   */
  earlierPending: readonly string[]
  /**
   * Re-review and refund requests: the degree certification the request names (`certificationCaseNumber`),
   * null when there is no such case. Absent for the archive case types.
   */
  certification?: CertificationFacts | null
  /** The request's submission date (the re-review window and the refund's 10 months count to it); default `today`. */
  requestedOn?: IsoDate
  /**
   * The request's applicant form (the case's form JSON): the re-review and refund rules read the certification it
   * names and the bank details from it. Absent for the archive case types.
   */
  form?: Record<string, unknown>
}

/** What the re-review and refund rules (certification-rules.ts) know about the certification a request names. */
export interface CertificationFacts {
  caseNumber: string
  /** The certification is the requesting applicant's own. */
  applicantMatches: boolean
  /** The certification case's state (submitted, returned, certified, deferred, refused, …). */
  state: string
  /** The date of the certify / defer / refuse event (the result 认证结果), null before there is one. */
  resultOn: IsoDate | null
  /** The refusal's reason code when refused (`false_materials`: 提供虚假材料). */
  refusalCode: string | null
  /** The date the fee was paid online, null when not paid. */
  paidOn: IsoDate | null
  /** Refund cases for this certification that are not cancelled or rejected (requested, in progress or done). */
  refunds: readonly { caseNumber: string; state: string }[]
  /** Pending re-review cases for this certification (the request being checked itself excluded). */
  rereviews: readonly { caseNumber: string; state: string }[]
}

export type RuleKey =
  | 'archive'
  | 'category'
  | 'fees'
  | 'dismissal'
  | 'intro_letter'
  | 'duplicate'
  /** Re-review and refund (certification-rules.ts). */
  | 'certification'
  | 'ownership'
  | 'result'
  | 'rereview_window'
  | 'refund_status'
  | 'refund_eligibility'
  | 'pending_rereview'
  | 'refund_route'

export interface RuleCheck {
  key: RuleKey
  /** What is checked, as the case screen's checklist says it (存档类别, 缴费截止 …). */
  label: string
  /** `na`: does not apply (e.g. fees for a unit archive). */
  outcome: 'pass' | 'fail' | 'na'
  /** The data the check used, e.g. `2014-11（截止线 2014-12）`. */
  detail: string
  /** When failed: the refusal's code, what the applicant is told, and what the clerk is told. */
  code?: RuleCode
  message?: string
  staffMessage?: string
}

export const CATEGORY_LABEL: Record<ArchiveFacts['category'], string> = { unit: '单位存档', individual: '个人存档' }
export const ARCHIVE_STATUS_LABEL: Record<ArchiveFacts['status'], string> = { not_in: '未存入', in_storage: '在库', transferred_out: '已转出' }

/** The material code of the employer's introduction letter (单位介绍信, JPG) in certificate requests. */
export const INTRO_LETTER = 'intro_letter'

/**
 * In arrears (欠费) — seed 003: with the cut-off 2014-12, "缴费截止时间小于 2014 年 12 月" is in arrears. So an
 * individual archive is in arrears when its fees are paid up to a month strictly before the cut-off month
 * (paid up to 2014-11 or earlier with the cut-off 2014-12); paid up to the cut-off month itself or later is
 * not. With no 缴费截止时间 recorded there is nothing that is "less than" the cut-off: not in arrears (an archive
 * deposited through the desk has no fee record until the register gets one; the checklist says so). Unit
 * archives: the employer pays, this rule does not apply.
 */
export const inArrears = (feesPaidUntil: string | null, cutoff: string): boolean => feesPaidUntil !== null && feesPaidUntil < cutoff

/**
 * Dismissed (已解聘) — seed 003: "如果您的存档性质是单位存档，并且已从单位离职，系统登记了解聘时间，则申请提交开具证明时会提示
 * '您已经从该单位离职…'". A registered 解聘时间 refuses the certificate whatever the date: one registered ahead of
 * the day refuses it too (issue 14; before, a date still ahead passed as "尚未到期").
 */
export const dismissed = (dismissalDate: string | null): boolean => dismissalDate !== null

const fail = (key: RuleKey, label: string, detail: string, code: RuleCode, message: string, staffMessage: string): RuleCheck => ({
  key,
  label,
  outcome: 'fail',
  detail,
  code,
  message,
  staffMessage
})
const pass = (key: RuleKey, label: string, detail: string): RuleCheck => ({ key, label, outcome: 'pass', detail })
const na = (key: RuleKey, label: string, detail = '不适用'): RuleCheck => ({ key, label, outcome: 'na', detail })

/** 档案在库: the archive is in the office's storage. `purpose` completes "不能…" (申请开具证明信, 申请档案转出 …). */
export function archiveCheck(archive: ArchiveFacts | null, purpose: string): RuleCheck {
  const label = '档案在库'
  if (archive?.status === 'in_storage') return pass('archive', label, `在库（档案编号 ${archive.archiveNumber ?? '—'}）`)
  const detail = archive ? ARCHIVE_STATUS_LABEL[archive.status] : '无存档记录'
  return fail('archive', label, detail, 'NO_ARCHIVE', `您的档案不在我中心（${detail}），不能${purpose}`, `申请人的档案不在库（${detail}），不能${purpose}`)
}

/** Seed 003's certificate rules, every one reported (the case screen's checklist), in this order. */
export function certificateChecks(f: RuleFacts): RuleCheck[] {
  const a = f.archive
  const checks: RuleCheck[] = [archiveCheck(a, '申请开具证明信')]
  if (!a || a.status !== 'in_storage') {
    checks.push(na('category', '存档类别', a ? CATEGORY_LABEL[a.category] : '—'), na('fees', '缴费截止'), na('dismissal', '解聘时间'), na('intro_letter', '单位介绍信'))
  } else {
    const unit = a.category === 'unit'
    checks.push(pass('category', '存档类别', unit ? `单位存档（${a.employer ?? '单位未登记'}）` : '个人存档'))
    if (unit) checks.push(na('fees', '缴费截止', `单位存档，由单位缴费${a.feesPaidUntil ? `（${a.feesPaidUntil}）` : ''}`))
    else if (inArrears(a.feesPaidUntil, f.arrearsCutoff)) {
      checks.push(
        fail('fees', '缴费截止', `${a.feesPaidUntil}（截止线 ${f.arrearsCutoff}）`, 'ARREARS',
          '您的存档费处于欠费状态，不能开具证明信，需到人才中心缴纳后再申请开具',
          `申请人的存档费处于欠费状态（缴费截止 ${a.feesPaidUntil}，早于截止线 ${f.arrearsCutoff}），不能开具证明信，需缴纳后再申请`)
      )
    } else checks.push(pass('fees', '缴费截止', `${a.feesPaidUntil ?? '未登记缴费时间'}（截止线 ${f.arrearsCutoff}）`))
    if (!unit) checks.push(na('dismissal', '解聘时间', a.dismissalDate ?? '个人存档'))
    else if (dismissed(a.dismissalDate)) {
      checks.push(
        fail('dismissal', '解聘时间', a.dismissalDate!, 'DISMISSED',
          '您已经从该单位离职，不能申请开具证明信，请联系人才中心办理档案转接业务',
          `申请人已登记于 ${a.dismissalDate} 从${a.employer ?? '存档单位'}解聘，不能开具证明信，应办理档案转接`)
      )
    } else checks.push(pass('dismissal', '解聘时间', '无'))
    if (!unit) checks.push(na('intro_letter', '单位介绍信', '个人存档无需提交'))
    else if (f.materials.includes(INTRO_LETTER)) checks.push(pass('intro_letter', '单位介绍信', '已上传'))
    else {
      checks.push(
        fail('intro_letter', '单位介绍信', '未上传', 'INTRO_LETTER_REQUIRED',
          '您的存档性质为单位存档，请按单位介绍信模板上传单位介绍信（JPG 图片）后再提交',
          '单位存档须附单位介绍信（JPG），申请未附')
      )
    }
  }
  checks.push(duplicateCheck(f.earlierPending))
  return checks
}

/** 同类待审核: at most one request of a kind waits for review (the earlier one is decided first). */
export function duplicateCheck(earlierPending: readonly string[]): RuleCheck {
  const label = '同类待审核'
  if (!earlierPending.length) return pass('duplicate', label, '无')
  const list = earlierPending.join('、')
  return fail('duplicate', label, list, 'DUPLICATE_PENDING',
    `您已有同类证明的申请（${list}）正在审核，请待审核完成后再申请`,
    `申请人已有同类证明申请 ${list} 待审核，须先办结该申请`)
}

/** The first failed check, the one a refusal names. */
export const firstFailure = (checks: readonly RuleCheck[]): RuleCheck | undefined => checks.find((c) => c.outcome === 'fail')
