/** GB 11643-1999 citizen ID numbers: 17 digits + a mod 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

export type IdProblem = 'format' | 'birth_date' | 'checksum'

/**
 * Why a resident ID number is invalid, or null when it is valid: GB 11643 and nothing more — 18 characters, the
 * birth date a real calendar date (GB/T 7408, any year), the mod 11-2 check character. (A number born before 1900
 * was refused here until issue 14: the standard sets no such bound.)
 */
export function checkResidentId(id: string): IdProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  const d = new Date(`${birth}T00:00:00Z`)
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth) return 'birth_date'
  return idCheckChar(id.slice(0, 17)) === id[17] ? null : 'checksum'
}

/**
 * An ID type whose numbers are GB 11643 numbers, however the portal labels it: 居民身份证, 身份证, 临时居民身份证, and the
 * 港澳台居民居住证 (GB 11643 numbers since 2018) — not passports or 通行证, whose numbers are of other schemes.
 */
export const isGb11643IdType = (idType: string): boolean => {
  const label = idType.replace(/\s/g, '')
  return /身份证|居住证/.test(label) && !/护照|通行证/.test(label)
}

/** The number as the standard writes it: no spaces around, the check character X upper-case. */
export const normalizeResidentId = (id: string): string => id.trim().toUpperCase()

/**
 * What is wrong with a GB 11643 number and the birth date and sex given with it (the number holds both): each
 * problem as the applicant reads it, none when all agree.
 */
export function residentIdProblems(a: { idNumber: string; birthDate: string; sex: 'male' | 'female' }): string[] {
  const problem = checkResidentId(a.idNumber)
  if (problem) return [ID_PROBLEM_TEXT[problem]]
  const out: string[] = []
  const born = birthDateFromId(a.idNumber)
  if (a.birthDate !== born) out.push(`出生日期 ${a.birthDate} 与身份证号码不符（号码中为 ${born}）`)
  const sex = sexFromId(a.idNumber)
  if (a.sex !== sex) out.push(`性别与身份证号码不符（号码中为${sex === 'male' ? '男' : '女'}）`)
  return out
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

/** A mobile number without spaces, hyphens or the +86 / 0086 country prefix in front of 11 digits. */
export const normalizeMobile = (s: string): string => s.replace(/[\s-]/g, '').replace(/^(?:\+86|0086)(?=\d{11}$)/, '')

/** Seeds 000 and 004, the registration: "手机号码处仅限填写国（境）内手机号码，国（境）外手机号码无法收到短信通知". */
export const MAINLAND_MOBILE_TEXT = '手机号码仅限填写国（境）内手机号码（11 位，以 1 开头），国（境）外手机号码无法接收短信通知'
