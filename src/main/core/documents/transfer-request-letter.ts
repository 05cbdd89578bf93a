import { isIsoDate, type IsoDate } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'
import { officeSelf, renderTextLetter, sexLabel } from './layout'
import { STUB_BOTTOM_MARGIN, stubFoot } from './layout-table'
import type { LetterFinish } from './marks'

/** Why the office may take the archive in (seed 002, 档案接收: by household registration or by the employer's location). */
export type IntakeBasis =
  | { kind: 'household'; /** 户籍所在地, e.g. 广州市番禺区 */ region: string }
  | { kind: 'employer'; employerName: string; /** 现工作单位所在地 (optional) */ location: string | null }

export interface TransferRequestLetterData {
  office: OfficeInfo
  /** e.g. `留档函字〔2026〕第000123号` */
  number: string
  verificationCode: string
  issuedOn: IsoDate
  caseNumber: string
  /** 现档案保管单位: the addressee, asked to send the archive. */
  currentHolder: string
  /** 申请档案保管单位: the unit of the office chosen to keep the archive. */
  custodianUnit: string
  applicant: { name: string; sex: 'male' | 'female'; idNumber: string }
  basis: IntakeBasis
}

function basisText(b: IntakeBasis): string {
  if (b.kind === 'household') return `以户籍所在地（${b.region}）为条件`
  return b.location ? `以现工作单位（${b.employerName}）所在地（${b.location}）为条件` : `以现工作单位（${b.employerName}）所在地为条件`
}

/**
 * Renders the 调档函 (archive intake: the office asks the archive's present holder to send it) with its
 * 回执联 (the stub the holder sticks on the envelope; an envelope without it is sent back) on one A4 page:
 * a `draft` with the 草稿 watermark, the `final` letter sealed with a signature placeholder.
 */
export function renderTransferRequestLetter(data: TransferRequestLetterData, finish: LetterFinish): Buffer {
  if (!isIsoDate(data.issuedOn)) throw new Error(`invalid date ${data.issuedOn}`)
  const { applicant: a, office: o } = data
  const we = officeSelf(o)
  // The chosen custodian unit is named when it is not the office itself.
  const keeper = [o.name, `${o.name}${o.department}`].includes(data.custodianUnit) ? '' : `，由${data.custodianUnit}保管`
  return renderTextLetter(
    {
      ...data,
      title: '调档函',
      subject: `档案接收调档函（业务编号 ${data.caseNumber}）`,
      noun: '函',
      text: {
        addressee: data.currentHolder,
        paragraphs: [
          `兹有${a.name}（${sexLabel(a.sex)}，身份证号码：${a.idNumber}）${basisText(data.basis)}，向${we}申请办理人事档案接收。经审核，符合接收条件，${we}同意接收其人事档案${keeper}。`,
          `请贵单位收到本函后，将其人事档案整理齐全、密封，通过机要通信寄至${we}（不通机要的地区，请以中国邮政EMS挂号寄送），并将本函回执联沿虚线剪下，粘贴于档案袋封面。本人为中共党员的，请一并转递入党材料。`,
          `收件地址：${o.address}，${o.name}${o.department}（邮政编码：${o.postcode}）；联系电话：${o.phone}；电子邮箱：${o.email}。`,
          '特此函告。'
        ]
      },
      tooLong: '调档函内容过长，无法排入一页，请核对现档案保管单位名称和工作单位名称',
      foot: {
        bottomMargin: STUB_BOTTOM_MARGIN,
        part: stubFoot({
          title: '调档函（回执联）— 请贴于档案袋封面',
          rows: [
            ['调档函文号', data.number, '验证码', data.verificationCode],
            ['姓名', a.name, '业务编号', data.caseNumber],
            ['身份证号码', a.idNumber, '业务类别', '档案接收'],
            ['寄件单位', data.currentHolder],
            ['收件单位', `${o.name}${o.department}`],
            ['收件地址', `${o.address}（邮政编码：${o.postcode}）`]
          ],
          note: '寄送前请密封档案袋并在封口处加盖密封章；本联请贴于档案袋封面，勿装入袋内，未贴本联的档案将予退回。'
        })
      }
    },
    finish
  )
}
