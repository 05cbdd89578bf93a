import { Tag } from 'antd'
import { ARCHIVE_CATEGORY_LABEL, ARCHIVE_STATUS_COLOR, ARCHIVE_STATUS_LABEL, type ArchiveCategory, type ArchiveStatus, OFFICE_PLACE } from '../../../../shared/domain/archive'

export function ArchiveStatusTag({ status, testId }: { status: ArchiveStatus; testId?: string }) {
  return (
    <Tag color={ARCHIVE_STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {ARCHIVE_STATUS_LABEL[status]}
    </Tag>
  )
}

export const categoryLabel = (c: ArchiveCategory): string => ARCHIVE_CATEGORY_LABEL[c]

/** A custody entry's place: empty means the office's own archive room. */
export const placeLabel = (place: string | null): string => place ?? OFFICE_PLACE

/** Who holds it, for the results table (the shelf has its own column). */
export const holderLabel = (a: { status: ArchiveStatus; shelfLocation: string | null; custodian: string | null }): string =>
  a.status === 'in_storage' ? OFFICE_PLACE : whereIs(a)

/** 档案存储地: where the archive is, in one line (status, shelf, custodian). */
export function whereIs(a: { status: ArchiveStatus; shelfLocation: string | null; custodian: string | null }): string {
  switch (a.status) {
    case 'in_storage':
      return a.shelfLocation ? `${OFFICE_PLACE} ${a.shelfLocation} 架位` : `${OFFICE_PLACE}（尚未上架）`
    case 'transferred_out':
      return `已转至 ${a.custodian ?? '—'}`
    case 'not_in':
      return a.custodian ? `现由 ${a.custodian} 保管` : '已签收，审核中（本中心）'
  }
}
