import { chineseAmount, yuanFigures } from './amount'
import { beijingDateTime, CERTIFICATION_DESK, checkDates, deskOffice, type LetterHead } from './desk-letters'
import { renderFormLetter } from './form-letter'
import type { LetterFinish } from './marks'

/** The item paid for, as the receipt names it. */
export const CERTIFICATION_FEE_ITEM = '国（境）外学历学位认证服务费'

/**
 * 学历学位认证费用收讫证明 (seed 004: the applicant prints it from 我的支付): the office confirms it received
 * the certification fee paid online with a UnionPay card, issued when the certification office accepts the
 * application (受理).
 */
export interface PaymentReceiptData extends LetterHead {
  payer: { name: string; idType: string; idNumber: string }
  /** 国（境）外学历学位认证 / 中外合作办学学历学位认证 */
  service: string
  /** In yuan (360). */
  amount: number
  /** When it was paid (ISO instant; printed in Beijing time). */
  paidAt: string
  transactionId: string
  /** The last four digits of the paying card. */
  cardTail: string
  /** The application goes through the 绿色通道 (doctorates meeting the listed conditions). */
  greenChannel: boolean
}

export function renderPaymentReceipt(data: PaymentReceiptData, finish: LetterFinish): Buffer {
  checkDates(data.issuedOn)
  if (!/^\d{4}$/.test(data.cardTail)) throw new Error(`invalid card tail ${data.cardTail}`)
  const office = deskOffice(data.office, CERTIFICATION_DESK)
  const { payer: p } = data
  const title = '学历学位认证费用收讫证明'
  return renderFormLetter(
    {
      ...data,
      office,
      title,
      subject: `学历学位认证费用收讫证明（业务编号 ${data.caseNumber}）`,
      noun: '收讫证明',
      rows: [
        ['缴费人姓名', p.name, '业务编号', data.caseNumber],
        p.idType === '居民身份证' ? ['身份证号码', p.idNumber] : ['证件号码', `${p.idType} ${p.idNumber}`],
        ['业务类别', data.service],
        ['收费项目', CERTIFICATION_FEE_ITEM],
        ['金额（大写）', chineseAmount(data.amount), '金额（小写）', `￥${yuanFigures(data.amount)}`],
        ['支付方式', '银联在线支付', '银行卡尾号', data.cardTail],
        ['支付时间', beijingDateTime(data.paidAt)],
        ['交易流水号', data.transactionId],
        ['收款单位', `${office.name}${office.department}`],
        ['备注', data.greenChannel ? '已受理，开通绿色通道' : '已受理']
      ],
      paragraphs: [
        `兹收到${p.name}缴纳的${CERTIFICATION_FEE_ITEM}${chineseAmount(data.amount)}（￥${yuanFigures(data.amount)}）。本证明仅作为缴纳认证费用的凭证。`,
        '特此证明。'
      ],
      tooLong: '收讫证明内容过长，无法排入一页，请核对缴费信息'
    },
    finish
  )
}
