import type { ArchiveDepositForm } from '../api/types'

/** Tests only: a complete archive deposit form (seed 000's 存档申请), the one sample desk and service tests share. */
export const sampleDepositForm = (): ArchiveDepositForm => ({
  cv: [
    { from: '2014-09', to: '2017-06', organisation: '北京市第一〇一中学', role: '高中' },
    { from: '2017-09', to: '2021-06', organisation: '北京师范大学', role: '本科' }
  ],
  overseas: [{ from: '2021-09', to: '2023-06', institution: '伦敦大学学院', degree: '硕士', certificationNumber: '无' }],
  custodian: '北京市海淀区人才服务中心',
  agreementAccepted: true
})
