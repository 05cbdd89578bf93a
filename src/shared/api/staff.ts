import { z } from 'zod'
import { ROLES, type Role } from '../domain/roles'
import { OFFLINE_DAYS_RANGE, PASSWORD_MAX_LENGTH, SESSION_IDLE_RANGE, USERNAME_PATTERN, USERNAME_RULE } from '../domain/staff'

/**
 * Staff accounts on the wire: the renderer ↔ desk contract and the desk ↔ exchange service protocol use
 * these same schemas and records (declared once; PROTOCOL.md, Staff administration).
 */

const CONTROL = /[\u0000-\u001f\u007f]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** One line of text a person types: trimmed, 1..max characters, no control characters or broken UTF-16. */
export const lineText = (max: number, empty = '不能为空') =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max)
    .refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), '含有无效字符')

export const usernameInput = z.string().trim().regex(USERNAME_PATTERN, USERNAME_RULE)
/** A password as typed (the policy — passwordProblem — is checked where it is stored, with the user name). */
export const passwordInput = z
  .string()
  .min(1, '请输入密码')
  .max(PASSWORD_MAX_LENGTH)
  .refine((s) => !s.includes('\u0000') && !LONE_SURROGATE.test(s), '密码含有无效字符')
export const roleInput = z.enum(ROLES)
/** Case-type scopes: null = every type of the role. */
export const scopesInput = z.array(z.string().min(1).max(40).regex(/^[a-z_]+$/, '业务范围应为业务类型代码')).max(20).nullable()
export const displayNameInput = lineText(40, '请填写姓名')

export const staffCreateInput = z.object({
  username: usernameInput,
  displayName: displayNameInput,
  role: roleInput,
  scopes: scopesInput.default(null)
})
export const staffUpdateInput = z.object({ displayName: displayNameInput, role: roleInput, scopes: scopesInput })
export const passwordChangeInput = z.object({ oldPassword: passwordInput, newPassword: passwordInput })
/** The first administrator (a standalone desk's first start, or the service's bootstrap with its setup code). */
export const firstAdminInput = z.object({ username: usernameInput, displayName: displayNameInput, password: passwordInput })
export const setupCodeInput = z
  .string()
  .trim()
  .max(40)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-Z]{12}$/, '初始化码为 12 位字母和数字（可含空格或连字符）'))

export const securitySettingsInput = z.object({
  sessionIdleMinutes: z.number().int().min(SESSION_IDLE_RANGE.min).max(SESSION_IDLE_RANGE.max),
  offlineSignInDays: z.number().int().min(OFFLINE_DAYS_RANGE.min).max(OFFLINE_DAYS_RANGE.max)
})

/** An account as the administrator's staff list shows it. */
export interface StaffRecord {
  id: number
  username: string
  displayName: string
  role: Role
  scopes: string[] | null
  active: boolean
  /** Signed in with a temporary password and must choose a new one before anything else. */
  mustChangePassword: boolean
  lastSignInAt: string | null
  /** Locked after repeated failed sign-ins until this instant (null: not locked). */
  lockedUntil: string | null
  createdAt: string
}

/** A created account or a reset password: the temporary password is shown once and never stored in clear. */
export interface StaffWithPassword {
  staff: StaffRecord
  temporaryPassword: string
}

/** A signed-in session (a desk window, or a desk's session at the exchange service). */
export interface SessionRecord {
  id: string
  /** The desk (computer name) or window it was opened from. */
  deskName: string
  ip: string | null
  startedAt: string
  lastSeenAt: string
  /** The session this list was asked from. */
  current: boolean
}

export const STAFF_EVENT_KINDS = [
  'created',
  'updated',
  'disabled',
  'enabled',
  'password_reset',
  'password_changed',
  'unlocked',
  'session_ended',
  'first_admin',
  'security_changed',
  'outbox_retried',
  'outbox_discarded'
] as const
export type StaffEventKind = (typeof STAFF_EVENT_KINDS)[number]

export const STAFF_EVENT_LABEL: Record<StaffEventKind, string> = {
  created: '创建账号',
  updated: '修改角色/范围',
  disabled: '停用账号',
  enabled: '启用账号',
  password_reset: '重置密码',
  password_changed: '修改密码',
  unlocked: '解除锁定',
  session_ended: '结束会话',
  first_admin: '创建首个管理员',
  security_changed: '修改账号安全设置',
  outbox_retried: '重新发送暂存的同步操作',
  outbox_discarded: '放弃暂存的同步操作'
}

/** One administrative change: who did what to which account, when (append-only). */
export interface StaffEvent {
  id: number
  at: string
  actorName: string
  staffId: number
  staffName: string
  kind: StaffEventKind
  /** What changed, in Chinese (e.g. 角色：档案管理员 → 科长/主管). */
  detail: string
}

/** What a desk keeps of the service's accounts (`GET /sync/staff`): no password hashes. */
export const directoryEntrySchema = z.object({
  id: z.number().int().positive(),
  username: z.string().min(1).max(64),
  displayName: z.string().max(100),
  role: roleInput,
  scopes: scopesInput,
  active: z.boolean(),
  /** Signed in last with a temporary password (a desk refuses such an account offline). */
  mustChangePassword: z.boolean().default(false),
  /** Grows with every password change or reset: a desk's cached credential of an older version is void. */
  credentialVersion: z.number().int().min(1).max(2 ** 31 - 1),
  /** Sessions started before this instant are over (disable, password reset, role or scope change; an administrator ending one session does not set it). */
  sessionsEndedAt: z.string().max(40).nullable()
})
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>
export const directorySchema = z.object({ version: z.string().min(1).max(80), staff: z.array(directoryEntrySchema).max(100_000) })

/** The exchange service's greeting (`GET /hello`): what the desk's connection test checks. */
export const helloSchema = z.object({
  service: z.literal('casedesk-exchange'),
  schema: z.string().max(20),
  version: z.string().max(40),
  setupRequired: z.boolean(),
  /** The service's identity, kept for its lifetime (a restore keeps it): a desk never moves to another service. */
  serviceId: z.string().min(1).max(80)
})
export type Hello = z.infer<typeof helloSchema>

/** How the desk is set up (`setup.status`). */
export interface SetupStatus {
  /** `unset`: the first start's choice is still to be made. */
  mode: 'unset' | 'standalone' | 'server'
  serverUrl: string | null
  /** The address came from `--server` / CASEDESK_SERVER (IT deployment): not editable in the app. */
  fromCommandLine: boolean
  /** Nobody can sign in yet: the first administrator is to be created (here, or at the service with its setup code). */
  needsFirstAdmin: boolean
  /** Demo data and accounts are loaded (`--demo`). */
  demo: boolean
}

/** The stage a connection test stopped at (`setup.testConnection`). */
export type ConnectionStage = 'address' | 'insecure' | 'dns' | 'refused' | 'timeout' | 'tls' | 'not_service' | 'version' | 'ok'

export interface ConnectionTest {
  ok: boolean
  stage: ConnectionStage
  /** What failed (or what was found), in Chinese. */
  message: string
  serverVersion?: string
  setupRequired?: boolean
  /** The service's lasting identity (`GET /hello`). */
  serviceId?: string
}

/** The signed-in account the service answers at sign-in and `GET /auth/me` (and the desk keeps for its session). */
export const signedInStaffSchema = z.object({
  id: z.number().int().positive(),
  username: z.string().min(1).max(64),
  displayName: z.string().max(100),
  role: roleInput,
  scopes: scopesInput.default(null),
  mustChangePassword: z.boolean().default(false),
  credentialVersion: z.number().int().min(1).max(2 ** 31 - 1).default(1),
  /** The account's sessions that started before this instant are over (as the directory says; the desk keeps it). */
  sessionsEndedAt: z.string().max(40).nullable().default(null)
})
export type SignedInStaff = z.infer<typeof signedInStaffSchema>

/** `POST /auth/sign-in`: the desk names itself for the administrator's session list. */
export const signInRequestSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64).refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), '用户名含有无效字符'),
  password: passwordInput,
  clientId: z.string().max(64).regex(/^[0-9a-zA-Z-]*$/).optional(),
  deskName: z
    .string()
    .max(64)
    .refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), '桌面端名称含有无效字符')
    .optional()
})
export const signInResponseSchema = z.object({ token: z.string().min(20).max(200), staff: signedInStaffSchema, expiresAt: z.string().max(40) })
