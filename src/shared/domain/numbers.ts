import type { DocumentType } from './case-type'

/**
 * Never-reused office numbers: letter numbers (文号) per document type and year, and archive numbers
 * (档案编号) per year. Each is drawn from a counter named `<docType>:<year>` / `archive_number:<year>`;
 * with an exchange service the desk draws from blocks of that counter the service handed it.
 */

/** 文号 prefixes (机关代字) per document type. Add a type here before issuing it. */
export const NUMBER_PREFIXES: Readonly<Record<DocumentType, string>> = {
  transfer_notice: '留档调字',
  transfer_request_letter: '留档函字',
  material_receipt: '留档收字',
  custody_certificate: '留档证字',
  political_review_certificate: '留档审字',
  payment_receipt: '留认收字',
  certification_certificate: '留认证字',
  deferral_notice: '留认暂字',
  refusal_notice: '留认否字',
  settlement_letter: '留就落字',
  employment_report_card: '留就报字',
  household_entry_form: '留就户字',
  employment_report_letter: '留就证字'
}

export const ARCHIVE_NUMBER = 'archive_number'

/** What a counter numbers: a document type, or archive numbers. */
export type NumberKind = DocumentType | typeof ARCHIVE_NUMBER

export const NUMBER_KINDS: readonly NumberKind[] = [...(Object.keys(NUMBER_PREFIXES) as DocumentType[]), ARCHIVE_NUMBER]

export const counterKey = (kind: NumberKind, year: number): string => `${kind}:${year}`

/** `留档调字〔2026〕第000123号` (six digits at least; the year in 六角括号 〔〕 as GB/T 9704 prescribes). */
export function formatDocumentNumber(docType: string, year: number, n: number): string {
  const prefix = (NUMBER_PREFIXES as Record<string, string>)[docType]
  if (!prefix) throw new Error(`no number prefix for document type ${docType}`)
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid document number ${n}`)
  return `${prefix}〔${year}〕第${String(n).padStart(6, '0')}号`
}

/** 档案编号: `D` + year + 6-digit sequence. */
export const formatArchiveNumber = (year: number, n: number): string => `D${year}${String(n).padStart(6, '0')}`

/** A letter number read back: its counter and serial, or null when it is not this type's format. */
export function parseDocumentNumber(docType: string, number: string): { counter: string; serial: number } | null {
  const m = /^.+〔(\d{4})〕第(\d{6,})号$/.exec(number)
  if (!m) return null
  const year = Number(m[1])
  const serial = Number(m[2])
  if (serial < 1 || !Object.hasOwn(NUMBER_PREFIXES, docType) || formatDocumentNumber(docType, year, serial) !== number) return null
  return { counter: counterKey(docType as DocumentType, year), serial }
}

/** An archive number read back, or null. */
export function parseArchiveNumber(number: string): { counter: string; serial: number } | null {
  const m = /^D(\d{4})(\d{6,})$/.exec(number)
  if (!m || Number(m[2]) < 1) return null
  return { counter: counterKey(ARCHIVE_NUMBER, Number(m[1])), serial: Number(m[2]) }
}

export const DOCUMENT_LABEL: Readonly<Record<DocumentType, string>> = {
  transfer_notice: '调档通知单',
  transfer_request_letter: '调档函',
  material_receipt: '档案材料签收回执单',
  custody_certificate: '存档证明',
  political_review_certificate: '政审证明',
  payment_receipt: '收讫证明',
  certification_certificate: '认证书',
  deferral_notice: '暂不认证通知单',
  refusal_notice: '不予认证通知单',
  settlement_letter: '落户介绍信',
  employment_report_card: '就业报到证',
  household_entry_form: '入户人员基本情况表',
  employment_report_letter: '就业报到证明信'
}

/** Chinese name of what a counter numbers (for messages): `2026年调档通知单文号`. */
export function counterLabel(counter: string): string {
  const [kind, year] = counter.split(':')
  const what = kind === ARCHIVE_NUMBER ? '档案编号' : `${(DOCUMENT_LABEL as Record<string, string>)[kind] ?? '文书'}文号`
  return `${year}年${what}`
}

/** Crockford base32: no I, L, O, U (nothing to misread when typed from paper). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A code as typed on the verification page, normalised: upper case, Crockford's look-alikes
 * (O→0, I/L→1) folded, separators dropped, re-hyphenated. Null when it cannot be a code.
 */
export function normalizeVerificationCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (s.length !== 8 || [...s].some((c) => !CROCKFORD_ALPHABET.includes(c))) return null
  return `${s.slice(0, 4)}-${s.slice(4)}`
}
