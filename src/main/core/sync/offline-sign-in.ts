import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import { NO_PASSWORD } from '../../../shared-node/password'
import { signIn as localSignIn } from '../auth/service'
import type { Clock } from '../clock'
import { readSecurity } from '../settings/security'
import { staffByUsername } from '../staff/repo'
import type { Store } from '../store'
import { prep } from '../store/prepared'
import { getState } from './state'

const DAY_MS = 24 * 3600_000
/** One answer for an unknown name, a wrong password and a credential the service has voided since. */
const OFFLINE_NO_MATCH = '暂时无法连接交换服务：用户名或密码错误，或本机没有该账号可用的登录凭据（例如密码已在交换服务修改），请核对后重试或联网后再登录'

/**
 * Signing in on a synced desk while its exchange service cannot be reached, against the cached credential of
 * the last online sign-in here (an account of the service: linked in `sync_staff`). The password is checked
 * first (throttled, one message for unknown names and wrong passwords; a credential the service voided counts
 * as none); then it is refused when the account is disabled, still has a temporary password, or the desk has
 * not completed a sync with the service for the office's `offlineSignInDays` (0: never offline).
 */
export function offlineSignIn(store: Store, clock: Clock, username: string, password: string): StaffSession {
  const row = staffByUsername(store.sqlite, username)
  const linked = !!row && !!prep(store.sqlite, 'SELECT 1 FROM sync_staff WHERE staff_id = ?').get(row.id)
  let session: StaffSession
  try {
    if (!row || !linked || row.password_hash === NO_PASSWORD) throw new DomainError('BAD_CREDENTIALS', '')
    session = localSignIn(store, clock, username, password) // checks the password (throttled) and refuses a disabled account
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'BAD_CREDENTIALS')) throw e
    throw new DomainError('BAD_CREDENTIALS', OFFLINE_NO_MATCH)
  }
  if (!row) throw new DomainError('BAD_CREDENTIALS', OFFLINE_NO_MATCH)
  if (row.must_change_password) throw new DomainError('BAD_CREDENTIALS', '该账号须先修改临时密码，请联网后再登录')
  const days = readSecurity(store).offlineSignInDays
  if (days === 0) throw new DomainError('OFFLINE', '本单位不允许离线登录：暂时无法连接交换服务，请联网后再登录')
  const checked = getState(store, 'staffCheckedAt') ?? getState(store, 'lastSyncAt')
  if (!checked || clock.now().getTime() - Date.parse(checked) > days * DAY_MS) {
    throw new DomainError('OFFLINE', `本机已超过 ${days} 天未与交换服务同步，为安全起见不能离线登录，请联网后再登录`)
  }
  return session
}
