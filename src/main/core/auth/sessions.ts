import { randomUUID } from 'node:crypto'
import type { SessionRecord } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import type { Clock } from '../clock'
import { staffRow } from '../staff/repo'
import type { Store } from '../store'

/**
 * Where a caller's signed-in staff member lives: one slot per Electron window, one per bridge cookie. `via`
 * names it in the administrator's session list.
 */
export interface SessionSlot {
  staff: StaffSession | null
  via?: string
  session?: { id: string; epoch: number; startedAt: string; lastActiveMs: number }
}

/**
 * The desk's signed-in windows. A window's session ends when its account is disabled, when the account's
 * sessions are ended (its `session_epoch` moved on: a password change or reset, a role or scope change, an
 * administrator — here or, on a synced desk, at the exchange service), or after the office's idle time without
 * use (`auth.touch`, sent by the window on keyboard or mouse use, and signing in count as use).
 */
export function createSessions(store: Store, clock: Clock, idleMinutes: () => number) {
  const live = new Set<SessionSlot>()

  function end(slot: SessionSlot): void {
    slot.staff = null
    slot.session = undefined
    live.delete(slot)
  }

  /** Signs the slot in as `staff` (at the account's current epoch). */
  function begin(slot: SessionSlot, staff: StaffSession): StaffSession {
    const nowMs = clock.now().getTime()
    const epoch = staffRow(store.sqlite, staff.id)?.session_epoch ?? 0
    slot.staff = staff
    slot.session = { id: randomUUID(), epoch, startedAt: new Date(nowMs).toISOString(), lastActiveMs: nowMs }
    live.add(slot)
    return staff
  }

  /** Why a signed-in slot's session is over now (Chinese), or null while it stands. */
  function endedBecause(slot: SessionSlot, nowMs: number): string | null {
    const row = staffRow(store.sqlite, slot.staff!.id)
    const idle = idleMinutes()
    if (!row || !row.active) return '您的账号已被停用，请联系系统管理员'
    if (row.session_epoch !== slot.session!.epoch) return '您的登录已结束（密码、角色或账号状态已变更，或被管理员结束），请重新登录'
    if (nowMs - slot.session!.lastActiveMs > idle * 60_000) return `超过 ${idle} 分钟未操作，已自动退出，请重新登录`
    return null
  }

  return {
    begin,
    end,

    /**
     * Before a signed-in call: null when the session goes on (`used`: the call counts as use), else why it
     * ended (Chinese), the slot then being signed out.
     */
    check(slot: SessionSlot, used: boolean): string | null {
      if (!slot.staff) return '登录已失效，请重新登录'
      // A slot given its staff member directly (a test's) starts its session at its first call.
      if (!slot.session) begin(slot, slot.staff)
      const s = slot.session!
      const nowMs = clock.now().getTime()
      const reason = endedBecause(slot, nowMs)
      if (reason) {
        end(slot)
        return reason
      }
      if (used) s.lastActiveMs = nowMs
      return null
    },

    /** This desk's signed-in windows of an account, oldest first. */
    list(staffId: number, asking?: SessionSlot): SessionRecord[] {
      const nowMs = clock.now().getTime()
      return [...live]
        .filter((slot) => slot.staff?.id === staffId && slot.session && endedBecause(slot, nowMs) === null)
        .map((slot) => ({
          id: slot.session!.id,
          deskName: slot.via ?? '本机窗口',
          ip: null,
          startedAt: slot.session!.startedAt,
          lastSeenAt: new Date(slot.session!.lastActiveMs).toISOString(),
          current: slot === asking
        }))
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    },

    /** Ends one window's session of an account; false when there is none by that id. */
    endById(staffId: number, id: string): boolean {
      const slot = [...live].find((x) => x.staff?.id === staffId && x.session?.id === id)
      if (!slot) return false
      end(slot)
      return true
    }
  }
}

export type Sessions = ReturnType<typeof createSessions>
