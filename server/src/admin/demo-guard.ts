import { and, asc, eq, inArray } from 'drizzle-orm'
import { verifyPassword } from '../../../src/shared-node/password'
import { endSessions } from '../auth/sessions'
import { schema, type Db, type ServerDb } from '../db'
import { addStaffEvent, bumpStaffVersion, CLI_ACTOR, lockStaff } from './records'

/**
 * A production start's guard against the demo accounts of older versions (which seeded clerk1 … admin with the
 * public password `demo1234` at every start): each demo user name still active and still on the demo password
 * is disabled, its sessions end, with a `staff_events` row by the service itself, in one transaction with a
 * new `staffVersion`. `npm run server -- admin reset-password <user>` gives such an account a real password
 * and enables it again.
 */

export const DEMO_DISABLED_DETAIL = '生产模式启动：使用演示默认密码的账号已停用'

export interface DemoDefaults {
  usernames: readonly string[]
  password: string
}

/** Disables the demo accounts that still use the demo password; returns their user names (none: nothing written). */
export async function disableDemoDefaults(sdb: ServerDb, demo: DemoDefaults, now: Date): Promise<string[]> {
  if (!demo.usernames.length) return []
  const t = schema.staff
  const candidates = async (db: Db) =>
    (
      await db
        .select()
        .from(t)
        .where(and(inArray(t.username, [...demo.usernames]), eq(t.active, true)))
        .orderBy(asc(t.id))
    ).filter((r) => verifyPassword(demo.password, r.passwordHash))
  // Checked outside the transaction first: a service without such accounts writes nothing at all.
  if (!(await candidates(sdb.db)).length) return []
  return sdb.tx(async (tx) => {
    await lockStaff(tx)
    const rows = await candidates(tx)
    for (const row of rows) {
      await tx.update(t).set({ active: false, sessionsEndedAt: now }).where(eq(t.id, row.id))
      const n = await endSessions(tx, row.id, 'disabled', now)
      await addStaffEvent(tx, now, CLI_ACTOR, row.id, 'disabled', n ? `${DEMO_DISABLED_DETAIL}；结束 ${n} 个会话` : DEMO_DISABLED_DETAIL)
    }
    if (rows.length) await bumpStaffVersion(tx)
    return rows.map((r) => r.username)
  })
}

/** Whether an active administrator account exists. */
export async function anyActiveAdmin(db: Db): Promise<boolean> {
  const t = schema.staff
  const [row] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.role, 'admin'), eq(t.active, true)))
    .limit(1)
  return !!row
}

/** The console's warning after `disableDemoDefaults` disabled these accounts (Chinese, one paragraph). */
export function demoDisabledWarning(usernames: readonly string[], activeAdmin: boolean): string {
  const list = usernames.join('、')
  return (
    `警告：以下账号仍在使用公开的演示默认密码，已在本次生产模式启动时停用（其登录会话均已结束）：${list}。\n` +
    '如需继续使用，请在服务器上为其设置正式密码（同时重新启用该账号；使用 PGlite 数据目录时先停止本服务）：' +
    usernames.map((u) => `npm run server -- admin reset-password ${u}`).join('；') +
    '；不再需要的账号可保持停用。\n' +
    (activeAdmin
      ? ''
      : '目前没有启用的系统管理员账号，任何桌面端都无法管理账号：请先用上面的命令为 admin 等管理员账号设置正式密码，' +
        '或运行 npm run server -- admin create <用户名> 创建新的系统管理员。\n')
  )
}
