import { DEFAULT_OFFICE } from '../../../shared/domain/office'
import type { CertificateData } from '../documents/certificate'
import type { MaterialReceiptData } from '../documents/material-receipt'
import type { TransferNoticeData } from '../documents/transfer-notice'
import type { TransferRequestLetterData } from '../documents/transfer-request-letter'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ArchiveDepositForm, StaffSession } from '../../../shared/api/types'
import type { Role } from '../../../shared/domain/roles'
import { hashPassword } from '../../../shared-node/password'
import { openStore, type Store } from '../store'
import { sampleDepositForm } from '../../../shared/domain/testing'

/** A fresh case store in its own temp folder (tests never share state). */
export function tempStore(): Store & { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-test-'))
  const store = openStore(join(dir, 'casedesk.db'))
  return {
    ...store,
    dir,
    dispose: () => {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export function addStaff(store: Store, username: string, role: Role, displayName = username): StaffSession {
  const { lastInsertRowid } = store.sqlite
    .prepare('INSERT INTO staff (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)')
    .run(username, displayName, role, hashPassword('secret-pass'))
  return { id: Number(lastInsertRowid), username, displayName, role, scopes: null, mustChangePassword: false }
}

export const SAMPLE_FORM: ArchiveDepositForm = sampleDepositForm()

let seq = 0
/** One case (default: an archive deposit, outbound) in the given state (defaults: submitted on `submittedAt`, unassigned). */
export function addCase(
  store: Store,
  opts: {
    state?: string
    submittedAt?: string
    deadlineOn?: string | null
    assigneeId?: number | null
    name?: string
    type?: string
    subtype?: string
    form?: ArchiveDepositForm | Record<string, unknown>
  } = {}
): string {
  seq++
  const idNumber = `11010819990101${String(1000 + seq).slice(-3)}`
  const name = opts.name ?? '刘洋'
  const mobile = `1341234${String(4700 + seq)}`
  const applicantId = Number(
    store.sqlite
      .prepare(
        `INSERT INTO applicants (name, sex, id_number, birth_date, ethnicity, political_status, marital_status, fertility_status,
           household_region, mobile, email, contact_name, contact_mobile, passport_number)
         VALUES (?, 'male', ?, '1999-01-01', '汉族', '共青团员', '未婚', '未育', '北京市/北京市/海淀区', ?, 'yangliu@example.cn', '刘建国', '13900001111', 'E12345678')`
      )
      .run(name, idNumber + 'X', mobile).lastInsertRowid
  )
  const id = `case-${seq}-${Math.random().toString(36).slice(2, 8)}`
  const caseNumber = `CD20251001${String(seq).padStart(6, '0')}`
  store.sqlite
    .prepare(
      `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, assignee_id, submitted_at, deadline_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      id,
      caseNumber,
      opts.type ?? 'archive_deposit',
      opts.subtype ?? 'outbound',
      opts.state ?? 'submitted',
      applicantId,
      [name, idNumber + 'X', mobile, caseNumber].join(' '),
      JSON.stringify(opts.form ?? SAMPLE_FORM),
      opts.assigneeId ?? null,
      opts.submittedAt ?? '2025-09-30T02:00:00.000Z',
      opts.deadlineOn === undefined ? '2025-10-14' : opts.deadlineOn
    )
  return id
}

/** A transfer notice as a letter test renders it. */
export const SAMPLE_NOTICE: TransferNoticeData = {
  office: DEFAULT_OFFICE,
  number: '留档调字〔2026〕第000123号',
  verificationCode: 'K7QH-3M9X',
  issuedOn: '2026-11-23',
  custodian: '北京市海淀区人才服务中心',
  applicant: { name: '欧阳晓晨', sex: 'female', idNumber: '11010819990105402X', birthDate: '1999-01-05' },
  caseNumber: 'CD20261123000045',
  subtypeLabel: '出国存档'
}

/** A 调档函 (archive intake by household registration) as a letter test renders it. */
export const SAMPLE_REQUEST_LETTER: TransferRequestLetterData = {
  office: DEFAULT_OFFICE,
  number: '留档函字〔2026〕第000045号',
  verificationCode: 'M3QD-7KXA',
  issuedOn: '2026-11-23',
  caseNumber: 'CD20261120000012',
  currentHolder: '广州市番禺区人才交流管理办公室',
  custodianUnit: '教育部留学服务中心留学人员档案室',
  applicant: { name: '陈嘉怡', sex: 'female', idNumber: '440126199703154826' },
  basis: { kind: 'household', region: '北京市海淀区' }
}

/** A 档案材料签收回执单 with two materials (seed 002's sample has one: 思想汇报, 6 pages, 6 copies). */
export const SAMPLE_RECEIPT: MaterialReceiptData = {
  office: DEFAULT_OFFICE,
  number: '留档收字〔2026〕第000007号',
  verificationCode: 'R8TW-2NPB',
  issuedOn: '2026-11-23',
  caseNumber: 'CD20261118000031',
  applicant: { name: '欧阳晓晨', idNumber: '11010819990105402X' },
  receivingUnit: '教育部留学服务中心留学人员档案室',
  materials: [
    { name: '思想汇报', pages: 6, copies: 6 },
    { name: '入党志愿书', pages: 4, copies: 1 }
  ],
  receiver: '张敏',
  receivedOn: '2026-11-20',
  remarks: '原件已归档'
}

/** A 存档证明 of a unit archive. */
export const SAMPLE_CERTIFICATE: CertificateData = {
  office: DEFAULT_OFFICE,
  number: '留档证字〔2026〕第000019号',
  verificationCode: 'V5HC-9GEY',
  issuedOn: '2026-11-23',
  caseNumber: 'CD20261116000008',
  applicant: { name: '冯海峰', sex: 'male', idNumber: '13012019880418880X', politicalStatus: '中共党员' },
  archive: { number: 'D2019000523', category: 'unit', employer: '北京华信科技有限公司', depositedOn: '2019-07-15' },
  purpose: '办理北京市积分落户'
}
