import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto'
import { TEMP_PASSWORD_ALPHABET, TEMP_PASSWORD_LENGTH } from '../shared/domain/staff'

// One hash format for the desk and the exchange service (server/src/auth imports this file), so an
// account moved between them keeps its password.

const N = 16384
const R = 8
const P = 1
const KEYLEN = 32

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$')
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = scryptSync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p)
  })
  return timingSafeEqual(expected, actual)
}

/**
 * A temporary password for a new account or a reset (shown once to the administrator, changed at the next
 * sign-in): 12 characters without look-alikes, with at least one upper-case letter, one lower-case letter
 * and one digit.
 */
export function temporaryPassword(): string {
  for (;;) {
    const p = Array.from({ length: TEMP_PASSWORD_LENGTH }, () => TEMP_PASSWORD_ALPHABET[randomInt(TEMP_PASSWORD_ALPHABET.length)]).join('')
    if (/[A-Z]/.test(p) && /[a-z]/.test(p) && /\d/.test(p)) return p
  }
}

/** A stored hash no password matches (an account that must sign in online, or a placeholder). */
export const NO_PASSWORD = '!'
