import { isIsoDate, type IsoDate } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'
import { arabicDate } from './dates'
import { officeSelf, renderTextLetter, sexLabel } from './layout'
import type { LetterFinish } from './marks'

/**
 * 存档证明 and 政审证明 (seed 003: the portal downloads them as sealed PDFs), written from the archive
 * record only: what the office keeps, since when, under which category; the 政审证明 adds the political
 * status and what the archive shows.
 */
export interface CertificateData {
  office: OfficeInfo
  /** e.g. `留档证字〔2026〕第000123号` */
  number: string
  verificationCode: string
  issuedOn: IsoDate
  caseNumber: string
  /** 政治面貌 (GB/T 4762), e.g. 中共党员. */
  applicant: { name: string; sex: 'male' | 'female'; idNumber: string; politicalStatus: string }
  archive: {
    /** 存档编号 */
    number: string
    /** 单位存档 (held for an employer) / 个人存档 */
    category: 'unit' | 'individual'
    /** 存档单位, for a unit archive. */
    employer: string | null
    /** Since when the office keeps it (the deposit), when known. */
    depositedOn: IsoDate | null
  }
  /** 用途, as the applicant gave it. */
  purpose: string | null
}

/** Valid three months, as the office's certificates say. */
const VALIDITY = '本证明自开具之日起三个月内有效'

function custodySentence(data: CertificateData, politicalStatus: boolean): string {
  const { applicant: a, archive: r } = data
  const since = r.depositedOn ? `自${arabicDate(r.depositedOn)}起` : '现'
  const category = r.category === 'unit' ? `单位存档（存档单位：${r.employer}）` : '个人存档'
  const status = politicalStatus ? `，政治面貌：${a.politicalStatus}` : ''
  return `兹证明${a.name}（${sexLabel(a.sex)}，身份证号码：${a.idNumber}${status}）的人事档案${since}由${officeSelf(data.office)}保管，存档编号：${r.number}，存档类别：${category}。`
}

function purposeSentence(purpose: string | null): string[] {
  const p = purpose?.trim().replace(/[。.；;，,]+$/, '')
  return p ? [`本证明用于${p}。`] : []
}

function render(data: CertificateData, finish: LetterFinish, kind: 'custody' | 'political_review'): Buffer {
  for (const d of [data.issuedOn, data.archive.depositedOn]) if (d !== null && !isIsoDate(d)) throw new Error(`invalid date ${d}`)
  if (data.archive.category === 'unit' && !data.archive.employer) throw new Error('a unit archive needs its employer')
  const title = kind === 'custody' ? '存档证明' : '政审证明'
  const paragraphs =
    kind === 'custody'
      ? [custodySentence(data, false), ...purposeSentence(data.purpose), '特此证明。']
      : [
          custodySentence(data, true),
          `经查阅该同志人事档案，档案中未见其受到刑事处罚或党纪、政务处分的记载。以上情况仅依据其人事档案记载出具。`,
          ...purposeSentence(data.purpose),
          '特此证明。'
        ]
  return renderTextLetter(
    {
      ...data,
      title,
      subject: `${title}（存档编号 ${data.archive.number}，业务编号 ${data.caseNumber}）`,
      noun: '证明',
      text: { paragraphs },
      note: VALIDITY,
      tooLong: `${title}内容过长，无法排入一页，请核对存档单位名称和证明用途`
    },
    finish
  )
}

export const renderCustodyCertificate = (data: CertificateData, finish: LetterFinish): Buffer => render(data, finish, 'custody')
export const renderPoliticalReviewCertificate = (data: CertificateData, finish: LetterFinish): Buffer => render(data, finish, 'political_review')
