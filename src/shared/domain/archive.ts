import { z } from 'zod'
import { DomainError } from '../result'
import { isIsoDate } from './calendar'

/**
 * The archive register's rules (DOMAIN.md, Records: Archive), the same on the desk and at the exchange
 * service: statuses, categories, shelf codes, what a clerk may change, and the chain-of-custody kinds.
 */
export type ArchiveStatus = 'not_in' | 'in_storage' | 'transferred_out'
export type ArchiveCategory = 'unit' | 'individual'
/** `updated`: the register's own edits (存档信息修改); the rest come from case actions and shelf moves. */
export type CustodyKind = 'received' | 'returned_to_sender' | 'deposited' | 'shelved' | 'moved' | 'materials_filed' | 'transferred_out' | 'updated'

export const ARCHIVE_STATUS_LABEL: Record<ArchiveStatus, string> = { not_in: '未存入', in_storage: '在库', transferred_out: '已转出' }
export const ARCHIVE_STATUS_COLOR: Record<ArchiveStatus, string> = { not_in: 'default', in_storage: 'green', transferred_out: 'orange' }
export const ARCHIVE_CATEGORY_LABEL: Record<ArchiveCategory, string> = { unit: '单位存档', individual: '个人存档' }
export const CUSTODY_KIND_LABEL: Record<CustodyKind, string> = {
  received: '档案签收',
  returned_to_sender: '退回寄件单位',
  deposited: '审核存入',
  shelved: '上架',
  moved: '移架',
  materials_filed: '材料归档',
  transferred_out: '档案转出',
  updated: '修改存档信息'
}
/** A custody entry's place left empty means the office's own archive room. */
export const OFFICE_PLACE = '本中心档案室'

/** Who keeps the register (searches it, moves archives between shelves, edits the record). */
export const ARCHIVE_KEEPERS = ['clerk', 'supervisor'] as const

// ---- Shelf codes: 区-架-层 (`A-03-12`: zone letter, rack 01–99, shelf/compartment 01–99) ----

export const SHELF_FORMAT_MESSAGE = '架位编号格式不正确：应为“区-架-层”，如 A-03-12（区为一个英文字母，架、层为 01–99 的数字）'

/** Full-width letters/digits and dashes folded, `区/架/层/格` dropped, numbers padded: `a区-3架-12层` → `A-03-12`. */
function foldShelf(raw: string, keepTrailingDash = false): string {
  return raw
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
    .replace(/[区架层格号]/g, (_c, i: number, s: string) => (i === s.length - 1 && !keepTrailingDash ? '' : '-'))
    .replace(/[\s_—–－/]+/g, '-')
    .replace(/-+/g, '-')
    .replace(keepTrailingDash ? /^$/ : /-$/, '')
}

/** The canonical shelf code, or a DomainError `VALIDATION` explaining the format. */
export function parseShelf(raw: string): string {
  const m = /^([A-Z])-(\d{1,2})-(\d{1,2})$/.exec(foldShelf(raw))
  if (!m || Number(m[2]) < 1 || Number(m[3]) < 1) throw new DomainError('VALIDATION', SHELF_FORMAT_MESSAGE)
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
}

/** The message for a shelf code the clerk typed, or null when it is valid (forms check as they type). */
export function shelfError(raw: string): string | null {
  try {
    parseShelf(raw)
    return null
  } catch (e) {
    return (e as Error).message
  }
}

/** A search prefix in canonical form (`a-3` → `A-03`), or '' when it cannot start a shelf code. */
export function shelfPrefix(raw: string): string {
  // A segment followed by a dash is complete (`a-3-` → `A-03-`); the last one may still be typed on.
  const parts = foldShelf(raw, true).split('-')
  if (!/^[A-Z]$/.test(parts[0] ?? '')) return ''
  return parts.map((p, i) => (i === 0 || !/^\d$/.test(p) || i === parts.length - 1 ? p : p.padStart(2, '0'))).join('-')
}

// ---- Inputs (shape only: the rules below say what is allowed, with the precise message) ----

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '缴费截止时间格式应为 YYYY-MM')
const date = z.string().refine(isIsoDate, '解聘时间格式应为 YYYY-MM-DD')
const note = z.string().trim().max(200).default('')

export const archiveMoveFields = z.object({ toShelf: z.string().trim().min(1, '请填写新架位').max(20), note })

export const archiveUpdateFields = z.object({
  category: z.enum(['unit', 'individual']),
  employer: z.string().trim().max(100).nullable().default(null),
  feesPaidUntil: month.nullable().default(null),
  dismissalDate: date.nullable().default(null),
  note
})
export type ArchiveUpdateFields = z.output<typeof archiveUpdateFields>

/** How the outbox names an archive to the exchange service (the desk's row ids are its own). */
export const archiveKey = z.object({
  archiveNumber: z.string().max(20).nullable(),
  idType: z.string().min(1).max(40),
  idNumber: z.string().min(1).max(40)
})
export type ArchiveKey = z.infer<typeof archiveKey>

export interface ArchiveRecord {
  status: ArchiveStatus
  category: ArchiveCategory
  employer: string | null
  feesPaidUntil: string | null
  dismissalDate: string | null
  shelfLocation: string | null
}

export interface Change {
  field: 'category' | 'employer' | 'feesPaidUntil' | 'dismissalDate'
  label: string
  from: string | null
  to: string | null
}

const FIELD_LABEL: Record<Change['field'], string> = { category: '存档类别', employer: '存档单位', feesPaidUntil: '缴费截止时间', dismissalDate: '解聘时间' }
const show = (field: Change['field'], v: string | null) => (v === null ? '（空）' : field === 'category' ? ARCHIVE_CATEGORY_LABEL[v as ArchiveCategory] : v)

/** `存档类别：个人存档→单位存档；缴费截止时间：2026-12→2027-12`. */
export const describeChanges = (changes: Change[]): string => changes.map((c) => `${c.label}：${show(c.field, c.from)}→${show(c.field, c.to)}`).join('；')

/**
 * 修改存档信息: what changes, checked (throws DomainError). A unit archive names its employer; the dismissal
 * date is a real day not after today; fees are paid up to a month from 2000 on; a transferred-out archive is no longer ours.
 */
export function checkArchiveUpdate(current: ArchiveRecord, next: Omit<ArchiveUpdateFields, 'note'>, today: string): Change[] {
  if (current.status === 'transferred_out') throw new DomainError('ILLEGAL_TRANSITION', '档案已转出，不能修改存档信息')
  const employer = next.employer?.trim() || null
  if (next.category === 'unit' && (!employer || employer.length < 2)) throw new DomainError('VALIDATION', '单位存档须填写存档单位全称')
  if (next.feesPaidUntil !== null && next.feesPaidUntil < '2000-01') throw new DomainError('VALIDATION', '缴费截止时间不能早于 2000-01')
  if (next.dismissalDate !== null && next.dismissalDate > today) throw new DomainError('VALIDATION', '解聘时间不能晚于今天')
  const wanted = { category: next.category, employer, feesPaidUntil: next.feesPaidUntil, dismissalDate: next.dismissalDate }
  return (Object.keys(wanted) as Change['field'][])
    .filter((f) => (current[f] ?? null) !== wanted[f])
    .map((f) => ({ field: f, label: FIELD_LABEL[f], from: current[f] ?? null, to: wanted[f] }))
}

/** 移架: only an archive in storage; the new shelf differs. Returns the canonical code and the custody kind. */
export function checkArchiveMove(current: Pick<ArchiveRecord, 'status' | 'shelfLocation'>, rawShelf: string): { toShelf: string; kind: 'shelved' | 'moved' } {
  const toShelf = parseShelf(rawShelf)
  if (current.status !== 'in_storage') throw new DomainError('ILLEGAL_TRANSITION', `档案${ARCHIVE_STATUS_LABEL[current.status]}，只有在库的档案可以移架`)
  if (current.shelfLocation === toShelf) throw new DomainError('VALIDATION', `档案已在架位 ${toShelf}，无需移架`)
  return { toShelf, kind: current.shelfLocation ? 'moved' : 'shelved' }
}
