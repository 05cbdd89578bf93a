import { type DocumentType, subtypeLabel } from '../../../shared/domain/case-type'
import { isIsoDate, type IsoDate } from '../../../shared/domain/calendar'
import { caseTypeDef } from '../../../shared/domain/case-types'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import type { CertificateData } from './certificate'
import type { FiledMaterial } from './material-receipt'
import type { LetterDataOf } from './templates'
import { header, missing, text } from './letter-data-common'
import { parseFormJson } from '../cases/form'
import type { IntakeBasis } from './transfer-request-letter'
import { CERTIFICATION_LETTER_DATA } from './letter-data-certification'

/** The applicant as a letter needs them (an `applicants` row's columns). */
export interface LetterApplicant {
  name: string
  sex: 'male' | 'female'
  id_number: string
  birth_date: string
  political_status: string
  /** 证件类型 (居民身份证 when absent), 民族, passport: the certification and employment letters print them. */
  id_type?: string
  ethnicity?: string
  passport_number?: string
}

/** The applicant's archive in the register (an `archives` row's columns) and since when the office keeps it. */
export interface LetterArchive {
  archive_number: string | null
  status: 'not_in' | 'in_storage' | 'transferred_out'
  category: 'unit' | 'individual'
  employer: string | null
  fees_paid_until: string | null
  custodian: string | null
  /** The date of the archive's latest `deposited` custody entry, if any. */
  deposited_on: IsoDate | null
}

/** Everything a letter is made from, gathered when the action issues it. */
export interface LetterDataContext {
  office: OfficeInfo
  number: string
  verificationCode: string
  issuedOn: IsoDate
  caseRow: { case_number: string; type: string; subtype: string; form: string }
  applicant: LetterApplicant
  archive: LetterArchive | null
  /** The action's validated input. */
  input: Record<string, unknown>
  /** Who acts (签收人 on a receipt). */
  actorName: string
  /** The case a re-review is about (its result letters print that certification's degree). */
  relatedCase?: { case_number: string; subtype: string; form: string }
}

const form = (ctx: LetterDataContext): Record<string, unknown> => parseFormJson(ctx.caseRow.form)

function transferNotice(ctx: LetterDataContext): LetterDataOf['transfer_notice'] {
  const custodian = text(form(ctx).custodian)
  if (!custodian) throw missing('transfer_notice', '申请中缺少现档案保管机构全称')
  const { applicant: a, caseRow: c } = ctx
  return {
    ...header(ctx),
    custodian,
    applicant: { name: a.name, sex: a.sex, idNumber: a.id_number, birthDate: a.birth_date },
    subtypeLabel: subtypeLabel(caseTypeDef(c.type), c.subtype)
  }
}

/** 档案接收 form: `{ city?, district?, employerName?, employerLocation?, custodianUnit, currentHolder, currentHolderAddress? }`. */
function transferRequestLetter(ctx: LetterDataContext): LetterDataOf['transfer_request_letter'] {
  const f = form(ctx)
  const doc = 'transfer_request_letter'
  const currentHolder = text(f.currentHolder)
  const custodianUnit = text(f.custodianUnit)
  if (!currentHolder) throw missing(doc, '申请中缺少现档案所在单位全称')
  if (!custodianUnit) throw missing(doc, '申请中缺少申请档案保管单位')
  let basis: IntakeBasis
  if (ctx.caseRow.subtype === 'household') {
    const region = `${text(f.city)}${text(f.district)}`
    if (!text(f.city) || !text(f.district)) throw missing(doc, '按户籍地办理的申请中缺少户籍所在市、区')
    basis = { kind: 'household', region }
  } else if (ctx.caseRow.subtype === 'employer') {
    const employerName = text(f.employerName)
    if (!employerName) throw missing(doc, '按现工作单位所在地办理的申请中缺少现工作单位名称')
    basis = { kind: 'employer', employerName, location: text(f.employerLocation) || null }
  } else {
    throw missing(doc, `未知的办理条件“${ctx.caseRow.subtype}”`)
  }
  const a = ctx.applicant
  return { ...header(ctx), currentHolder, custodianUnit, applicant: { name: a.name, sex: a.sex, idNumber: a.id_number }, basis }
}

/** 鉴别归档 input: `{ materials: [{ name, pages, copies }], receivedOn, remarks }`. */
function materialReceipt(ctx: LetterDataContext): LetterDataOf['material_receipt'] {
  const doc = 'material_receipt'
  const { input } = ctx
  const list = Array.isArray(input.materials) ? (input.materials as unknown[]) : []
  if (list.length === 0) throw missing(doc, '未填写签收的材料', '请填写材料名称、页数和份数')
  const materials: FiledMaterial[] = list.map((m, i) => {
    const r = (m ?? {}) as Record<string, unknown>
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null)
    const [name, pages, copies] = [text(r.name), count(r.pages), count(r.copies)]
    if (!name || pages === null || copies === null) throw missing(doc, `第${i + 1}项材料的名称、页数或份数不完整`, '请补全后再办理')
    return { name, pages, copies }
  })
  const receivedOn = text(input.receivedOn)
  if (!isIsoDate(receivedOn)) throw missing(doc, '签收日期无效', '请填写 YYYY-MM-DD 格式的日期')
  if (!ctx.actorName.trim()) throw missing(doc, '缺少签收人姓名', '请重新登录后再办理')
  const o = ctx.office
  return {
    ...header(ctx),
    applicant: { name: ctx.applicant.name, idNumber: ctx.applicant.id_number },
    receivingUnit: `${o.name}${o.department}`,
    materials,
    receiver: ctx.actorName.trim(),
    receivedOn,
    remarks: text(input.remarks)
  }
}

/** 存档证明 / 政审证明: from the archive record in storage; form `{ purpose? }`. */
function certificate(docType: 'custody_certificate' | 'political_review_certificate', ctx: LetterDataContext): CertificateData {
  const r = ctx.archive
  if (!r || r.status !== 'in_storage' || !r.archive_number) {
    throw missing(docType, '该申请人的档案不在库（未存入或已转出），档案记载中没有存档编号', '请核对档案登记')
  }
  if (r.category === 'unit' && !text(r.employer)) throw missing(docType, '单位存档的档案记录中缺少存档单位名称', '请先在档案登记中补充存档单位')
  const a = ctx.applicant
  if (docType === 'political_review_certificate' && !text(a.political_status)) throw missing(docType, '申请人信息中缺少政治面貌')
  return {
    ...header(ctx),
    applicant: { name: a.name, sex: a.sex, idNumber: a.id_number, politicalStatus: text(a.political_status) },
    archive: { number: r.archive_number, category: r.category, employer: r.category === 'unit' ? text(r.employer) : null, depositedOn: r.deposited_on },
    purpose: text(form(ctx).purpose) || null
  }
}

/**
 * The data a document type's template renders from, built from the case, the applicant, the archive record
 * and the action's input. JSON-safe and complete (the office as it is at issue time included): it is stored
 * with the letter, and the final letter is rendered from it later. Missing data → DomainError('VALIDATION')
 * saying, in Chinese, what is missing.
 */
export function letterData<T extends DocumentType>(docType: T, ctx: LetterDataContext): LetterDataOf[T]
export function letterData(docType: DocumentType, ctx: LetterDataContext): LetterDataOf[DocumentType] {
  switch (docType) {
    case 'transfer_notice':
      return transferNotice(ctx)
    case 'transfer_request_letter':
      return transferRequestLetter(ctx)
    case 'material_receipt':
      return materialReceipt(ctx)
    case 'custody_certificate':
    case 'political_review_certificate':
      return certificate(docType, ctx)
    default: {
      const build = CERTIFICATION_LETTER_DATA[docType] as ((c: LetterDataContext) => LetterDataOf[DocumentType]) | undefined
      if (build) return build(ctx)
      throw new DomainError('INTERNAL', `未定义的文书类型：${docType as string}`)
    }
  }
}
