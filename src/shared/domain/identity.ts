/** GB 11643-1999 citizen ID numbers: 17 digits + a mod 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

export type IdProblem = 'format' | 'birth_date' | 'checksum'

/** Why a resident ID number is invalid, or null when it is valid. */
export function checkResidentId(id: string): IdProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  const d = new Date(`${birth}T00:00:00Z`)
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || birth < '1900-01-01') return 'birth_date'
  return idCheckChar(id.slice(0, 17)) === id[17] ? null : 'checksum'
}

export const ID_PROBLEM_TEXT: Record<IdProblem, string> = {
  format: '身份证号码应为18位，前17位为数字，末位为数字或X',
  birth_date: '身份证号码中的出生日期无效',
  checksum: '身份证号码校验位错误'
}

export const birthDateFromId = (id: string): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
/** The 17th digit is odd for men, even for women. */
export const sexFromId = (id: string): 'male' | 'female' => (Number(id[16]) % 2 === 1 ? 'male' : 'female')

export const isMainlandMobile = (s: string): boolean => /^1[3-9]\d{9}$/.test(s)
