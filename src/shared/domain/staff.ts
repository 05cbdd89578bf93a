import { DomainError } from '../result'
import { ARCHIVE_KEEPERS } from './archive'
import { CASE_TYPES } from './case-types'
import { ROLE_LABEL, type Role } from './roles'
import { worksOn } from './workflow'

/**
 * Staff accounts: what a role may work on, narrowed by the account's case-type scopes, and the password
 * policy. The same rules on a standalone desk, on a synced desk and at the exchange service.
 */

/** Who an account is, as far as access goes: its role and the case types it is limited to (null = all of the role's). */
export interface Access {
  role: Role
  scopes: readonly string[] | null
}

/**
 * The case types a role works on at all: the types whose definition lets the role act (clerk → archive
 * types, reviewer → certification types), every type for a supervisor, none for an administrator.
 */
export function roleCaseTypes(role: Role): string[] {
  if (role === 'supervisor') return Object.keys(CASE_TYPES)
  return Object.values(CASE_TYPES)
    .filter((def) => worksOn(def, role))
    .map((def) => def.type)
}

/** The case types this account works on: its role's, limited to its scopes when it has any. */
export function caseTypesOf(a: Access): string[] {
  const types = roleCaseTypes(a.role)
  return a.scopes === null ? types : types.filter((t) => a.scopes!.includes(t))
}

/** The account works on this case type (may see its cases, claim them, act on them, open their files). */
export const inScope = (a: Access, type: string): boolean => caseTypesOf(a).includes(type)

/** The Chinese refusal for a case type out of the account's reach (no detail of the case is given). */
export function outOfScopeMessage(a: Access, typeLabel: string): string {
  return roleCaseTypes(a.role).length && a.scopes !== null
    ? `您的业务范围不含${typeLabel}，无权查看或办理`
    : `${ROLE_LABEL[a.role]}不办理${typeLabel}，无权查看或办理`
}

/** The scopes an administrator may give an account of this role: a subset of the role's case types; null (all) for roles without types. */
export function scopeProblem(role: Role, scopes: readonly string[] | null): string | null {
  if (scopes === null) return null
  const allowed = roleCaseTypes(role)
  if (!allowed.length) return `${ROLE_LABEL[role]}不办理业务，不设业务范围`
  if (!scopes.length) return '请至少选择一项业务范围，或选择“全部业务”'
  const bad = scopes.find((s) => !allowed.includes(s))
  if (bad !== undefined) return `${ROLE_LABEL[role]}不办理“${CASE_TYPES[bad]?.label ?? bad}”`
  return null
}

/** Normalised scopes: null when they name every type of the role (so a later new type is included too). */
export function normalizeScopes(role: Role, scopes: readonly string[] | null): string[] | null {
  if (scopes === null) return null
  const allowed = roleCaseTypes(role)
  const kept = allowed.filter((t) => scopes.includes(t))
  return kept.length === allowed.length ? null : kept
}

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

/**
 * Passwords too common to allow whatever their length (the policy's short list; lower case, 10+ characters:
 * anything shorter is refused by length first).
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '1234567890', '0123456789', '12345678910', '123456789a', 'a123456789', '1234567890a', 'qwertyuiop', 'qwerty123456',
  '1q2w3e4r5t', '1qaz2wsx3edc', 'password', 'password1', 'password12', 'password123', 'password1234', 'p@ssw0rd123',
  'passw0rd123', 'admin123456', 'administrator', 'abc1234567', 'abcd123456', 'abcdefghij', 'iloveyou123', 'woaini1314',
  'woaini5201314', '5201314520', '1314520520', 'qq123456789', 'aa123456789', 'zxcvbnm123', 'asdfghjkl1', '88888888888',
  '66666666666', '11111111111', '1111111111', '0000000000', '9876543210', 'demo123456', 'changeme123', 'welcome123',
  'casedesk123', 'casedesk2026', 'cscse123456', 'dangan123456', 'renzheng123'
]

/**
 * Why a new password is refused (Chinese, shown before submit and checked again where it is stored), or null:
 * at least 10 characters, not the user name (nor containing it), not on the common list, not one character
 * repeated, no control characters.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`
  if (password.length > PASSWORD_MAX_LENGTH) return `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`
  if (/[\u0000-\u001f\u007f]/.test(password)) return '密码不能含控制字符'
  if (/[\uD800-\uDFFF]/.test(password.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return '密码含无效字符'
  const lower = password.toLowerCase()
  const name = username.trim().toLowerCase()
  if (name && (lower === name || (name.length >= 4 && lower.includes(name)))) return '密码不能是用户名，也不能包含用户名'
  if (COMMON_PASSWORDS.includes(lower)) return '该密码过于常见，请换一个'
  if (new Set(password).size === 1) return '密码不能由同一个字符重复组成'
  return null
}

/** User names: letters, digits, `._-`, starting with a letter or digit (they are typed at sign-in on every desk). */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/
export const USERNAME_RULE = '用户名为 2–32 位字母、数字或 . _ -，以字母或数字开头'

/** The office's account-security settings (kept with the office settings). */
export interface SecuritySettings {
  /** A signed-in window (and a service session) ends after this many minutes without use. */
  sessionIdleMinutes: number
  /** A synced desk refuses offline sign-in after this many days without reaching the exchange service. */
  offlineSignInDays: number
}

export const DEFAULT_SECURITY: SecuritySettings = { sessionIdleMinutes: 30, offlineSignInDays: 7 }
export const SESSION_IDLE_RANGE = { min: 5, max: 720 } as const
export const OFFLINE_DAYS_RANGE = { min: 0, max: 90 } as const

/** Temporary passwords (shown once to the administrator): 12 characters from an alphabet without look-alikes. */
export const TEMP_PASSWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'
export const TEMP_PASSWORD_LENGTH = 12

/** Sign-in throttle, the same at the exchange service and on a standalone desk: the 5th failure within 15 minutes locks the name for 15. */
export const SIGN_IN_THROTTLE = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const

/** An account's scopes in Chinese: 全部业务, or the case types' names. */
export function scopesLabel(scopes: readonly string[] | null): string {
  return scopes === null ? '全部业务' : scopes.map((t) => CASE_TYPES[t]?.label ?? t).join('、') || '无'
}

interface AccountFields {
  displayName: string
  role: Role
  scopes: readonly string[] | null
}

/** What an edit changed, in Chinese, for the administrative log (e.g. `角色：档案管理员 → 科长/主管`); '' when nothing. */
export function staffChangeDetail(before: AccountFields, after: AccountFields): string {
  const parts: string[] = []
  if (before.displayName !== after.displayName) parts.push(`姓名：${before.displayName} → ${after.displayName}`)
  if (before.role !== after.role) parts.push(`角色：${ROLE_LABEL[before.role]} → ${ROLE_LABEL[after.role]}`)
  if (scopesLabel(before.scopes) !== scopesLabel(after.scopes)) parts.push(`业务范围：${scopesLabel(before.scopes)} → ${scopesLabel(after.scopes)}`)
  return parts.join('；')
}

/** A new account's description for the administrative log. */
export const accountDetail = (a: AccountFields & { username: string }): string =>
  `${a.displayName}（${a.username}），${ROLE_LABEL[a.role]}，业务范围：${roleCaseTypes(a.role).length ? scopesLabel(a.scopes) : '不适用'}`

/** Whether an edit ends the account's sessions (what it may do changed). */
export const accessChanged = (before: AccountFields, after: AccountFields): boolean =>
  before.role !== after.role || scopesLabel(before.scopes) !== scopesLabel(after.scopes)

/** The case types whose actions change the archive register (receive, deposit, file materials, transfer out). */
export const REGISTER_CASE_TYPES: readonly string[] = Object.values(CASE_TYPES)
  .filter((def) => Object.values(def.actions).some((a) => a.archiveEffect !== undefined))
  .map((def) => def.type)

/**
 * Who may edit the archive register (a shelf move, a record edit), on a desk and at the exchange service: the
 * archive keepers' roles, and among them an account whose scopes keep at least one of the register's case
 * types (a clerk limited to certificate requests may not). The Chinese refusal, or null.
 */
export function registerRefusal(a: Access, what: '修改' | '查看' = '修改'): string | null {
  if (!(ARCHIVE_KEEPERS as readonly string[]).includes(a.role)) return `${ROLE_LABEL[a.role]}无权${what}档案登记`
  if (!caseTypesOf(a).some((t) => REGISTER_CASE_TYPES.includes(t))) return `您的业务范围不含档案业务，无权${what}档案登记`
  return null
}

/** The scopes to store for an account of this role (`normalizeScopes`), or `DomainError('VALIDATION')` saying why they are refused (`scopeProblem`). */
export function checkedScopes(role: Role, scopes: readonly string[] | null): string[] | null {
  const problem = scopeProblem(role, scopes)
  if (problem) throw new DomainError('VALIDATION', problem)
  return normalizeScopes(role, scopes)
}

/** What a save of the security settings changed, in Chinese, for the administrative log (e.g. `空闲自动退出：30 → 20 分钟`); '' when nothing. */
export function securityChangeDetail(before: SecuritySettings, after: SecuritySettings): string {
  const parts: string[] = []
  if (before.sessionIdleMinutes !== after.sessionIdleMinutes) parts.push(`空闲自动退出：${before.sessionIdleMinutes} → ${after.sessionIdleMinutes} 分钟`)
  if (before.offlineSignInDays !== after.offlineSignInDays) parts.push(`离线登录有效期：${before.offlineSignInDays} → ${after.offlineSignInDays} 天`)
  return parts.join('；')
}
