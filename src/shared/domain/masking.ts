/** PII as shown in lists: `刘*`, `134****4707`, `y****i@cscse.edu.cn`, `1301**********880X`. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  return chars[0] + '*'.repeat(chars.length - 1)
}

export function maskMobile(mobile: string): string {
  return mobile.length < 7 ? mobile : mobile.slice(0, 3) + '****' + mobile.slice(-4)
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@')
  if (at < 1) return email
  const local = email.slice(0, at)
  if (local.length <= 2) return local[0] + '*' + email.slice(at)
  return local[0] + '****' + local.slice(-1) + email.slice(at)
}

/** Resident IDs keep the region prefix and the last 4; shorter numbers (passports, passes) keep 1 + 2. */
export function maskIdNumber(id: string): string {
  if (id.length >= 15) return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
  if (id.length <= 3) return '*'.repeat(id.length)
  return id[0] + '*'.repeat(id.length - 3) + id.slice(-2)
}
