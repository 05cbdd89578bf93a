import { isIsoDate, type IsoDate } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'
import { arabicDate } from './dates'
import { officeSelf, renderTextLetter, sexLabel } from './layout'
import { STUB_BOTTOM_MARGIN, stubFoot, type StubRow } from './layout-table'
import type { LetterFinish } from './marks'

export interface TransferNoticeData {
  office: OfficeInfo
  /** e.g. `留档调字〔2026〕第000123号` */
  number: string
  /** `XXXX-XXXX` */
  verificationCode: string
  issuedOn: IsoDate
  /** 现档案保管机构全称 */
  custodian: string
  applicant: { name: string; sex: 'male' | 'female'; idNumber: string; birthDate: IsoDate }
  caseNumber: string
  /** 出国存档 / 回国存档 */
  subtypeLabel: string
}

function stubRows(data: TransferNoticeData): StubRow[] {
  const { office: o, applicant: a } = data
  return [
    ['通知单编号', data.number, '验证码', data.verificationCode],
    ['姓名', a.name, '业务编号', data.caseNumber],
    ['身份证号码', a.idNumber, '业务类别', data.subtypeLabel],
    ['寄件单位', data.custodian],
    ['收件单位', `${o.name}${o.department}`],
    ['收件地址', `${o.address}（邮政编码：${o.postcode}）`]
  ]
}

/**
 * Renders the 调档通知单 with its 下联 (stub) on one A4 page, synchronously: a `draft` carries the 草稿
 * watermark; a `final` letter the office seal over its name and date, and a signature placeholder (sign
 * the result with signPdf).
 */
export function renderTransferNotice(data: TransferNoticeData, finish: LetterFinish): Buffer {
  for (const d of [data.issuedOn, data.applicant.birthDate]) if (!isIsoDate(d)) throw new Error(`invalid date ${d}`)
  const { applicant: a, office: o } = data
  const we = officeSelf(o)
  return renderTextLetter(
    {
      ...data,
      title: '调档通知单',
      subject: `${data.subtypeLabel}调档通知（业务编号 ${data.caseNumber}）`,
      noun: '通知单',
      text: {
        addressee: data.custodian,
        paragraphs: [
          `兹有${a.name}（${sexLabel(a.sex)}，身份证号码：${a.idNumber}，出生日期：${arabicDate(a.birthDate)}）申请在${we}办理${data.subtypeLabel}，其人事档案现由贵单位保管。请贵单位收到本通知单后，将其人事档案整理齐全、密封，通过机要通信寄至${we}（不通机要的地区，请以中国邮政EMS挂号寄送），并将本通知单下联沿虚线剪下，粘贴于档案袋封面。`,
          `请转递完整的人事档案，包括学籍材料、毕业生登记表等；本人为中共党员的，请一并转递入党材料。${we}自2015年8月起不再接收党组织关系，党组织关系请另行转接。`,
          `收件地址：${o.address}，${o.name}${o.department}（邮政编码：${o.postcode}）。`,
          `联系电话：${o.phone}　电子邮箱：${o.email}`
        ]
      },
      tooLong: '调档通知单内容过长，无法排入一页，请核对现档案保管机构全称',
      foot: {
        bottomMargin: STUB_BOTTOM_MARGIN,
        part: stubFoot({
          title: '调档通知单（下联）— 请贴于档案袋封面',
          rows: stubRows(data),
          note: '寄送前请密封档案袋并在封口处加盖密封章；本联请贴于档案袋封面，勿装入袋内。'
        })
      }
    },
    finish
  )
}
