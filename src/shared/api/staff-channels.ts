import { z } from 'zod'
import type { Role } from '../domain/roles'
import type { SecuritySettings } from '../domain/staff'
import type { StaffSession } from './types'
import {
  type ConnectionTest,
  firstAdminInput,
  passwordChangeInput,
  securitySettingsInput,
  type SessionRecord,
  setupCodeInput,
  type SetupStatus,
  staffCreateInput,
  type StaffEvent,
  type StaffRecord,
  staffUpdateInput,
  type StaffWithPassword
} from './staff'

/** Who keeps the staff accounts (and this desk's connection to its exchange service). */
export const STAFF_ADMINS: readonly Role[] = ['admin']

/**
 * `setup`: open to anyone while the desk's first start is not done (no mode chosen, or no account was ever made
 * or cached on it); afterwards an administrator's (core/api enforces it for every channel marked so).
 */
export const SETUP = 'setup' as const

const staffId = z.number().int().positive().max(2 ** 31 - 1)
const serverAddress = z.string().trim().min(1, '请填写交换服务地址').max(300)

/** Accounts, passwords, sessions and the first start (contract.ts spreads them in). */
export const staffChannels = {
  /** Changes the signed-in member's own password (old + new); the one thing a temporary password allows. */
  'auth.changePassword': { input: passwordChangeInput, roles: 'any' },
  /** The window saw keyboard or mouse use (sent at most once a minute): keeps an idle session from ending. */
  'auth.touch': { input: z.object({}), roles: 'any' },
  'setup.status': { input: z.object({}), roles: 'public' },
  /** Checks an exchange service address: DNS, connection, TLS, that it is a CaseDesk service, its protocol version. */
  'setup.testConnection': { input: z.object({ url: serverAddress }), roles: SETUP },
  /**
   * Makes this desk a desk of that exchange service (tested first). Changing the address with unsent work
   * queued needs `acknowledgePending` (the work is kept and sent to the new address).
   */
  'setup.connect': { input: z.object({ url: serverAddress, acknowledgePending: z.boolean().default(false) }), roles: SETUP },
  /** 单机使用: this desk works alone; its first administrator is created here and signed in. */
  'setup.standalone': { input: firstAdminInput, roles: SETUP },
  /** The exchange service's first administrator, with the one-time setup code it printed at start; signed in. */
  'setup.firstAdmin': { input: firstAdminInput.extend({ code: setupCodeInput }), roles: SETUP },
  'staff.list': { input: z.object({}), roles: STAFF_ADMINS },
  /** A new account with a temporary password (shown once; changed at the first sign-in). */
  'staff.create': { input: staffCreateInput, roles: STAFF_ADMINS },
  'staff.update': { input: staffUpdateInput.extend({ id: staffId }), roles: STAFF_ADMINS },
  /** Disable (its sessions end at once) or enable an account. */
  'staff.setActive': { input: z.object({ id: staffId, active: z.boolean() }), roles: STAFF_ADMINS },
  'staff.resetPassword': { input: z.object({ id: staffId }), roles: STAFF_ADMINS },
  /** Lifts the lock of repeated failed sign-ins. */
  'staff.unlock': { input: z.object({ id: staffId }), roles: STAFF_ADMINS },
  'staff.sessions': { input: z.object({ id: staffId }), roles: STAFF_ADMINS },
  'staff.endSession': { input: z.object({ id: staffId, sessionId: z.string().min(1).max(80) }), roles: STAFF_ADMINS },
  /** The administrative changes, newest first (of one account, or all). */
  'staff.events': { input: z.object({ staffId: staffId.optional(), limit: z.number().int().min(1).max(500).default(100) }), roles: STAFF_ADMINS },
  'settings.security': { input: z.object({}), roles: 'any' },
  'settings.setSecurity': { input: securitySettingsInput, roles: STAFF_ADMINS }
} as const

export interface StaffOutputs {
  'auth.changePassword': StaffSession
  'auth.touch': null
  'setup.status': SetupStatus
  'setup.testConnection': ConnectionTest
  'setup.connect': SetupStatus
  'setup.standalone': StaffSession
  'setup.firstAdmin': StaffSession
  'staff.list': StaffRecord[]
  'staff.create': StaffWithPassword
  'staff.update': StaffRecord
  'staff.setActive': StaffRecord
  'staff.resetPassword': StaffWithPassword
  'staff.unlock': StaffRecord
  'staff.sessions': SessionRecord[]
  'staff.endSession': SessionRecord[]
  'staff.events': StaffEvent[]
  'settings.security': SecuritySettings
  'settings.setSecurity': SecuritySettings
}
