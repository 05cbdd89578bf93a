import { VERIFICATION_OUTCOMES, VERIFICATION_REASONS } from '../../../../shared/domain/case-types/degree-certification'

/** Labels of the certification workbench's codes (the definitions' own where they exist). */
export const verificationReasonLabel = (code: string): string => VERIFICATION_REASONS[code as keyof typeof VERIFICATION_REASONS] ?? code
export const verificationOutcomeLabel = (code: string): string => VERIFICATION_OUTCOMES[code as keyof typeof VERIFICATION_OUTCOMES] ?? code

export const VERIFICATION_CHANNELS = { email: '电子邮件', post: '邮寄', platform: '核查平台' } as const

export const REFUND_STATUS: Record<string, { text: string; color: string }> = {
  none: { text: '未退费', color: 'default' },
  requested: { text: '退费申请中', color: 'orange' },
  refunded: { text: '已退费', color: 'green' }
}

export const DUPLICATE_KIND: Record<string, string> = { file: '相同材料文件', diploma: '相同证书编号' }

/** `2019-09` → index in months; for the study history's findings. */
export const monthIndex = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1

export const yuan = (amount: number): string => `${amount} 元`

/** Descriptions labels in the certification cards (the left column is narrow: two columns of short labels). */
export const NARROW_LABEL = { label: { width: 96, whiteSpace: 'nowrap' as const } }
