import { hostname } from 'node:os'
import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import { changePassword, signIn } from '../auth/service'
import type { SessionSlot } from '../auth/sessions'
import { readSecurity } from '../settings/security'
import { testConnection } from '../setup/connection-test'
import { countPending } from '../sync/state'
import { type Impl, serviceFor, type Services, staffOf } from './index'

type StaffChannels =
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.current'
  | 'auth.changePassword'
  | 'auth.touch'
  | 'setup.status'
  | 'setup.testConnection'
  | 'setup.connect'
  | 'setup.standalone'
  | 'setup.firstAdmin'
  | 'staff.list'
  | 'staff.create'
  | 'staff.update'
  | 'staff.setActive'
  | 'staff.resetPassword'
  | 'staff.unlock'
  | 'staff.sessions'
  | 'staff.endSession'
  | 'staff.events'
  | 'settings.security'
  | 'settings.setSecurity'

/** The desk's name in a service's session list: this computer's. */
export const DESK_NAME = hostname().slice(0, 64)

/**
 * Sign-in, passwords, the first start and staff administration. A synced desk does the administration at its
 * exchange service (online only: the accounts are the service's); a standalone desk here (core/staff/admin.ts).
 */
export function staffRoutes(s: Services): Pick<Impl, StaffChannels> {
  const { store, clock, sessions, staffAdmin, setup } = s
  const begin = (slot: SessionSlot, staff: StaffSession): StaffSession => sessions.begin(slot, staff)
  /** A synced desk administers at its exchange service, as the window's member; a standalone desk here (undefined). */
  const accountsAt = (slot: SessionSlot) => serviceFor(s, slot)?.accounts

  return {
    'auth.signIn': async (i, slot) => begin(slot, s.sync ? await s.sync.signIn(i.username, i.password) : signIn(store, clock, i.username, i.password)),
    'auth.signOut': (_i, slot) => (sessions.end(slot), null),
    // A window whose session ended meanwhile (disabled, idle…) is told it is signed out.
    'auth.current': (_i, slot) => (slot.staff && sessions.check(slot, false) === null ? slot.staff : null),
    'auth.changePassword': async (i, slot) => {
      const service = serviceFor(s, slot)
      const session = service ? await service.changePassword(i.oldPassword, i.newPassword) : changePassword(store, clock, staffOf(slot), i.oldPassword, i.newPassword).session
      return begin(slot, session)
    },
    'auth.touch': () => null,
    'setup.status': () => setup.status(),
    'setup.testConnection': (i) => testConnection(i.url, s.fetch),
    'setup.connect': async (i) => {
      const now = await setup.status()
      if (now.fromCommandLine) throw new DomainError('FORBIDDEN', '交换服务地址由启动参数（--server 或 CASEDESK_SERVER）指定，请由信息技术人员修改')
      const pending = countPending(store)
      if (now.mode === 'server' && pending > 0 && !i.acknowledgePending) {
        throw new DomainError('PENDING_WORK', `本机还有 ${pending} 项操作尚未上传；更换地址后它们将发送到新的地址。请确认后再更换`)
      }
      const test = await testConnection(i.url, s.fetch)
      if (!test.ok) throw new DomainError('VALIDATION', test.message)
      await setup.connect(i.url, test.serviceId)
      return setup.status({ setupRequired: test.setupRequired })
    },
    'setup.standalone': async (i, slot) => {
      if ((await setup.status()).mode === 'server') throw new DomainError('FORBIDDEN', '本机已设置为连接交换服务，不能改为单机使用')
      const admin = staffAdmin.firstAdmin(i)
      setup.standalone()
      return begin(slot, admin)
    },
    'setup.firstAdmin': async (i, slot) => {
      const sync = s.sync
      if (!sync) throw new DomainError('VALIDATION', '本机未连接交换服务：请先填写交换服务地址')
      await sync.accounts.firstAdmin(i)
      return begin(slot, await sync.signIn(i.username, i.password))
    },
    'staff.list': (_i, slot) => accountsAt(slot)?.list() ?? staffAdmin.list(),
    'staff.create': (i, slot) => accountsAt(slot)?.create(i) ?? staffAdmin.create(staffOf(slot), i),
    'staff.update': (i, slot) => {
      const { id, ...fields } = i
      return accountsAt(slot)?.update(id, fields) ?? staffAdmin.update(staffOf(slot), id, fields)
    },
    'staff.setActive': (i, slot) => accountsAt(slot)?.setActive(i.id, i.active) ?? staffAdmin.setActive(staffOf(slot), i.id, i.active),
    'staff.resetPassword': (i, slot) => accountsAt(slot)?.resetPassword(i.id) ?? staffAdmin.resetPassword(staffOf(slot), i.id),
    'staff.unlock': (i, slot) => accountsAt(slot)?.unlock(i.id) ?? staffAdmin.unlock(staffOf(slot), i.id),
    'staff.sessions': (i, slot) => accountsAt(slot)?.sessions(i.id) ?? sessions.list(i.id, slot),
    'staff.endSession': async (i, slot) => {
      const accounts = accountsAt(slot)
      if (accounts) return accounts.endSession(i.sessionId)
      if (!sessions.endById(i.id, i.sessionId)) throw new DomainError('NOT_FOUND', '该会话已结束')
      staffAdmin.recordSessionEnded(staffOf(slot), i.id)
      return sessions.list(i.id, slot)
    },
    'staff.events': (i, slot) => accountsAt(slot)?.events(i.staffId, i.limit) ?? staffAdmin.events(i.staffId, i.limit),
    'settings.security': () => readSecurity(store),
    'settings.setSecurity': (i, slot) => accountsAt(slot)?.editSecurity(i) ?? staffAdmin.setSecurity(staffOf(slot), i)
  }
}
