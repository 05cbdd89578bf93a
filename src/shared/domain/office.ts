/** The office's identity as printed on letters; stored in `settings`, these are the defaults (seed 001). */
export interface OfficeInfo {
  name: string
  department: string
  address: string
  postcode: string
  phone: string
  email: string
  /** Base URL of the public verification page (QR codes point here + the verification code). */
  verifyBaseUrl: string
}

export const DEFAULT_OFFICE: OfficeInfo = {
  name: '教育部留学服务中心',
  department: '留学人员档案室',
  address: '北京市海淀区北四环西路56号辉煌时代大厦6F',
  postcode: '100080',
  phone: '(010)62677800',
  email: 'dangan@cscse.edu.cn',
  verifyBaseUrl: 'https://zwfw.cscse.edu.cn/verify/'
}

/**
 * Certificate requests (seed 003): an individual archive whose fees are paid only up to a month before this
 * `YYYY-MM` cut-off is in arrears. The office sets its own (`settings.setOffice`); this is the default.
 */
export const DEFAULT_ARREARS_CUTOFF = '2026-01'
