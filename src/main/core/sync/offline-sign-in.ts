import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import { NO_PASSWORD } from '../../../shared-node/password'
import { signIn as localSignIn } from '../auth/service'
import type { Clock } from '../clock'
import { readSecurity } from '../settings/security'
import { staffByUsername } from '../staff/repo'
import type { Store } from '../store'
import { getState } from './state'

const DAY_MS = 24 * 3600_000

/**
 * Signing in on a synced desk while its exchange service cannot be reached, against the cached credential of
 * the last online sign-in here — refused when the desk has not completed a sync with the service for the
 * office's `offlineSignInDays` (0: never offline), when the service has since said the account is disabled or
 * its password changed (the cached password is then void), or when a temporary password still has to be changed.
 */
export function offlineSignIn(store: Store, clock: Clock, username: string, password: string): StaffSession {
  const row = staffByUsername(store.sqlite, username)
  if (!row || row.username.startsWith('#server-')) {
    throw new DomainError('BAD_CREDENTIALS', '暂时无法连接交换服务，本机也没有该账号的登录记录，请联网后再登录')
  }
  if (!row.active) throw new DomainError('FORBIDDEN', '该账号已停用，请联系系统管理员')
  if (row.password_hash === NO_PASSWORD) {
    throw new DomainError('BAD_CREDENTIALS', '该账号的密码已在交换服务修改或重置，本机保存的登录凭据已失效，请联网后再登录')
  }
  if (row.must_change_password) throw new DomainError('BAD_CREDENTIALS', '该账号须先修改临时密码，请联网后再登录')
  const days = readSecurity(store).offlineSignInDays
  const checked = getState(store, 'staffCheckedAt') ?? getState(store, 'lastSyncAt')
  if (days === 0) throw new DomainError('OFFLINE', '本单位不允许离线登录：暂时无法连接交换服务，请联网后再登录')
  if (!checked || clock.now().getTime() - Date.parse(checked) > days * DAY_MS) {
    throw new DomainError('OFFLINE', `本机已超过 ${days} 天未与交换服务同步，为安全起见不能离线登录，请联网后再登录`)
  }
  return localSignIn(store, clock, username, password)
}
