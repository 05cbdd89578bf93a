import { DomainError } from '../result'
import { ARCHIVE_STATUS_LABEL, type ArchiveStatus, type CustodyKind } from './archive'
import type { ActionDef, ArchiveEffect } from './case-type'

/**
 * What a case action records in the archive register (`ActionDef.archiveEffect`), decided the same way on
 * the desk (src/main/core/archives/effects.ts) and at the exchange service (server/src/archives/effects.ts):
 * the archive's new status, custodian and shelf, and the chain-of-custody entry. The callers only read and
 * write rows. A place left null in an entry is the office's own archive room.
 */
export interface CurrentArchive {
  status: ArchiveStatus
  archiveNumber: string | null
  shelfLocation: string | null
  custodian: string | null
}

export interface CustodyDraft {
  kind: CustodyKind
  fromPlace: string | null
  toPlace: string | null
  trackingNumber: string | null
  note: string
}

export interface EffectPlan {
  /** Create the archive (status `not_in`) when the applicant has none yet. */
  creates: boolean
  /** Draw a new archive number (档案编号) and put it on the record. */
  assignsNumber: boolean
  /** Columns to set (absent = unchanged). */
  set: Partial<{ status: ArchiveStatus; custodian: string | null; shelfLocation: string | null }>
  entry: CustodyDraft
}

/** The effect an action has with this (validated) input, if any. */
export function archiveEffectOf(action: ActionDef, input: Record<string, unknown>): ArchiveEffect | undefined {
  const e = action.archiveEffect
  return typeof e === 'function' ? (e as (i: unknown) => ArchiveEffect)(input) : e
}

/** The action draws an archive number: it says so, or it deposits the archive. */
export const drawsArchiveNumber = (action: ActionDef, input: Record<string, unknown>): boolean =>
  !!action.assignsArchiveNumber || archiveEffectOf(action, input) === 'deposited'

/** The deposit entry's note, once the number is drawn. */
export const depositNote = (archiveNumber: string): string => `档案编号 ${archiveNumber}`

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null)
const first = (input: Record<string, unknown>, ...keys: string[]): string | null => keys.map((k) => text(input[k])).find((v) => v !== null) ?? null

const CHANNEL_LABEL: Record<string, string> = { confidential: '机要', ems: 'EMS' }

/** `思想汇报（6页，6份）、入党志愿书（3页，1份）` from a filing's input (a list of materials, or names + pages + copies). */
export function materialsSummary(input: Record<string, unknown>): string {
  const list = Array.isArray(input.materials) ? (input.materials as unknown[]) : null
  if (list) {
    return list
      .map((m) => {
        if (typeof m === 'string') return m
        const r = (m ?? {}) as Record<string, unknown>
        const counts = [r.pages ? `${String(r.pages)}页` : '', r.copies ? `${String(r.copies)}份` : ''].filter(Boolean).join('，')
        return `${first(r, 'name', 'title', 'label') ?? '材料'}${counts ? `（${counts}）` : ''}`
      })
      .join('、')
  }
  const names = first(input, 'materialNames', 'materialName', 'materials', 'summary') ?? '档案材料'
  const counts = [input.pages ? `${String(input.pages)}页` : '', input.copies ? `${String(input.copies)}份` : ''].filter(Boolean).join('，')
  return `${names}${counts ? `（${counts}）` : ''}`
}

const notInStorage = (a: CurrentArchive | null, what: string): never => {
  throw new DomainError('ILLEGAL_TRANSITION', a ? `档案${ARCHIVE_STATUS_LABEL[a.status]}，不能${what}` : `该申请人的档案尚未存入本中心，不能${what}`)
}

/** Decides the effect on the applicant's archive (null: none yet); throws a DomainError when the archive cannot take it. */
export function planArchiveEffect(effect: ArchiveEffect, input: Record<string, unknown>, archive: CurrentArchive | null): EffectPlan {
  const trackingNumber = first(input, 'trackingNumber')
  const inStorage = archive?.status === 'in_storage'
  switch (effect) {
    case 'received': {
      if (inStorage) throw new DomainError('ILLEGAL_TRANSITION', `该申请人的档案已在库（档案编号 ${archive?.archiveNumber}），不能重复签收`)
      const on = first(input, 'receivedOn', 'signedOn', 'date')
      return {
        creates: true,
        assignsNumber: false,
        set: { status: 'not_in', custodian: null, shelfLocation: null },
        entry: { kind: 'received', fromPlace: first(input, 'sender', 'senderAgency', 'custodian'), toPlace: null, trackingNumber, note: on ? `收件日期 ${on}` : '' }
      }
    }
    case 'returned_to_sender': {
      const sender = first(input, 'sender', 'senderAgency', 'custodian')
      const on = first(input, 'receivedOn', 'signedOn', 'date')
      return {
        creates: true,
        assignsNumber: false,
        set: archive ? {} : { custodian: sender },
        entry: {
          kind: 'returned_to_sender',
          fromPlace: null,
          toPlace: sender,
          trackingNumber,
          note: `${on ? `${on} 收到，` : ''}档案袋未贴调档通知单下联，已退回寄件单位`
        }
      }
    }
    case 'deposited':
      if (inStorage) throw new DomainError('ILLEGAL_TRANSITION', `该申请人的档案已在库（档案编号 ${archive?.archiveNumber}），不能重复存入`)
      return { creates: true, assignsNumber: true, set: { status: 'in_storage', custodian: null }, entry: { kind: 'deposited', fromPlace: null, toPlace: null, trackingNumber: null, note: '' } }
    case 'materials_filed':
      if (!inStorage) notInStorage(archive, '归档材料')
      return {
        creates: false,
        assignsNumber: false,
        set: {},
        entry: {
          kind: 'materials_filed',
          fromPlace: null,
          toPlace: archive?.shelfLocation ?? null,
          trackingNumber,
          note: materialsSummary(input) + (text(input.remarks) ? `；备注：${text(input.remarks)}` : '')
        }
      }
    case 'transferred_out': {
      if (!inStorage) notInStorage(archive, '转出')
      const agency = first(input, 'receivingAgency', 'agency')
      const channel = CHANNEL_LABEL[String(input.channel)] ?? ''
      const on = first(input, 'sentOn', 'date')
      return {
        creates: false,
        assignsNumber: false,
        set: { status: 'transferred_out', custodian: agency, shelfLocation: null },
        entry: {
          kind: 'transferred_out',
          fromPlace: archive?.shelfLocation ?? null,
          toPlace: agency,
          trackingNumber,
          note: [channel ? `${channel}寄出` : '寄出', on ? `寄出日期 ${on}` : ''].filter(Boolean).join('，')
        }
      }
    }
  }
}
