// Account commands on the server itself (server/src/main.ts dispatches `npm run server -- admin …` here):
//   admin create <user> [--name 姓名] [--role admin|supervisor|clerk|reviewer]   (default role: admin)
//   admin reset-password <user>
//   admin unlock <user>
// The password is asked twice without echo on a terminal; from a pipe, the first two lines are read.
// Same database selection as the service: DATABASE_URL, else the PGlite folder of --data (stop the service first).
import { mkdirSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { z } from 'zod'
import { displayNameInput, roleInput, usernameInput } from '../../../src/shared/api/staff'
import { accountDetail, passwordProblem } from '../../../src/shared/domain/staff'
import { ROLE_LABEL } from '../../../src/shared/domain/roles'
import { hashPassword } from '../../../src/shared-node/password'
import { anyStaff, dropSetupCode } from '../auth/setup'
import { type Clock, systemClock } from '../clock'
import { openServerDb, schema, type ServerDb } from '../db'
import { checkInput, errorAnswer } from '../errors'
import { addStaffEvent, assertUsernameFree, bumpStaffVersion, CLI_ACTOR, lockStaff, staffByUsername } from './records'
import { resetPassword, unlockStaff } from './staff'

export interface StaffCliOptions {
  url?: string
  dataDir: string
  name?: string
  role?: string
  /** Tests: the database to use instead of opening url / dataDir, and the clock. */
  open?: () => Promise<ServerDb>
  clock?: Clock
  stdin?: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }
  stdout?: Writable
  stderr?: Writable
}

const USAGE = '用法：npm run server -- admin create <用户名> [--name <姓名>] [--role admin|supervisor|clerk|reviewer] | admin reset-password <用户名> | admin unlock <用户名>'

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1
  ) {
    super(message)
  }
}

/** Reads one line without echo from a terminal in raw mode (Ctrl+C or Ctrl+D on an empty line aborts). */
function askHidden(prompt: string, input: NonNullable<StaffCliOptions['stdin']>, output: Writable): Promise<string> {
  output.write(prompt)
  input.setRawMode!(true)
  input.setEncoding('utf8')
  input.resume()
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = () => {
      input.setRawMode!(false)
      input.pause()
      input.off('data', onData)
      output.write('\n')
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(), resolve(value)
        if (ch === '\u0003' || (ch === '\u0004' && !value)) return finish(), reject(new CliError('已取消', 130))
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('')
        else if (ch === '\u001b') return // an escape sequence (arrow keys …): ignored
        else if (ch >= ' ') value += ch
      }
    }
    input.on('data', onData)
  })
}

/** The new password, typed twice: without echo on a terminal, else the first two lines of the input. */
async function readNewPassword(o: StaffCliOptions, username: string): Promise<string> {
  const input = o.stdin ?? process.stdin
  const out = o.stdout ?? process.stdout
  let first: string | undefined
  let second: string | undefined
  if (input.isTTY && input.setRawMode) {
    first = await askHidden('新密码（至少 10 个字符，输入时不显示）：', input, out)
    const early = passwordProblem(first, username)
    if (early) throw new CliError(`密码不符合要求：${early}`)
    second = await askHidden('再次输入新密码：', input, out)
  } else {
    const rl = createInterface({ input, terminal: false, crlfDelay: Infinity })
    const lines = rl[Symbol.asyncIterator]()
    first = (await lines.next()).value as string | undefined
    second = first === undefined ? undefined : ((await lines.next()).value as string | undefined)
    rl.close()
    if (first === undefined || second === undefined) throw new CliError('未读到密码：标准输入应有两行（新密码、再次输入的新密码）')
  }
  if (first !== second) throw new CliError('两次输入的密码不一致，未作修改')
  const problem = passwordProblem(first, username)
  if (problem) throw new CliError(`密码不符合要求：${problem}`)
  return first
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = checkInput(schema, value)
  if (!r.ok) throw new CliError(`${what}：${r.message}`)
  return r.value
}

async function create(sdb: ServerDb, o: StaffCliOptions, username: string, out: Writable): Promise<void> {
  const role = parsed(roleInput, o.role ?? 'admin', '角色（--role，可选 admin、supervisor、clerk、reviewer）')
  const displayName = parsed(displayNameInput, o.name ?? username, '姓名（--name）')
  const first = !(await anyStaff(sdb.db))
  if (first && role !== 'admin') throw new CliError('交换服务尚无账号：第一个账号必须是系统管理员（--role admin）')
  await assertUsernameFree(sdb.db, username)
  const password = await readNewPassword(o, username)
  const now = (o.clock ?? systemClock).now()
  await sdb.tx(async (tx) => {
    await lockStaff(tx)
    await assertUsernameFree(tx, username)
    const firstNow = !(await anyStaff(tx))
    const [row] = await tx.insert(schema.staff).values({ username, displayName, role, passwordHash: hashPassword(password), createdAt: now }).returning()
    const detail = `${accountDetail({ username, displayName, role, scopes: null })}（在服务器命令行创建）`
    await addStaffEvent(tx, now, CLI_ACTOR, row.id, firstNow ? 'first_admin' : 'created', detail)
    await bumpStaffVersion(tx)
    if (firstNow) await dropSetupCode(tx)
  })
  out.write(`已创建账号 ${username}（${displayName}，${ROLE_LABEL[role]}）。${first ? '交换服务已完成初始化，初始化码已失效。' : ''}\n`)
}

async function accountOf(sdb: ServerDb, username: string) {
  const row = await staffByUsername(sdb.db, username)
  if (!row) throw new CliError(`没有用户名为 ${username} 的账号`)
  return row
}

/** Runs one account command; returns the process exit code (0 done, 1 refused, 2 usage, 130 cancelled). */
export async function runStaffCli(args: string[], o: StaffCliOptions): Promise<number> {
  const out = o.stdout ?? process.stdout
  const err = o.stderr ?? process.stderr
  const [command, rawUser, ...rest] = args
  if (!command || !['create', 'reset-password', 'unlock'].includes(command) || !rawUser || rest.length) {
    err.write(`${USAGE}\n`)
    return 2
  }
  if (command !== 'create' && (o.name !== undefined || o.role !== undefined)) {
    err.write(`--name、--role 只用于 admin create\n${USAGE}\n`)
    return 2
  }
  let sdb: ServerDb | undefined
  const now = () => (o.clock ?? systemClock).now()
  try {
    const username = command === 'create' ? parsed(usernameInput, rawUser, '用户名') : rawUser
    if (!o.open && !o.url) mkdirSync(o.dataDir, { recursive: true })
    sdb = o.open ? await o.open() : await openServerDb(o.url ? { url: o.url } : { dataDir: o.dataDir })
    if (command === 'create') await create(sdb, o, username, out)
    else if (command === 'reset-password') {
      const row = await accountOf(sdb, username)
      const password = await readNewPassword(o, row.username)
      const { enabled } = await sdb.tx((tx) => resetPassword(tx, CLI_ACTOR, row.id, now(), password))
      out.write(`已为 ${row.username}（${row.displayName}）设置新密码${enabled ? '并重新启用该账号' : ''}；该账号已登录的会话均已结束，登录锁定已解除。\n`)
    } else {
      const row = await accountOf(sdb, username)
      const { wasLocked } = await sdb.tx((tx) => unlockStaff(tx, CLI_ACTOR, row.id, now()))
      out.write(wasLocked ? `已解除 ${row.username} 的登录锁定。\n` : `${row.username} 当前未被锁定（已清除其登录失败记录）。\n`)
    }
    return 0
  } catch (e) {
    const known = e instanceof CliError ? e : undefined
    const answer = errorAnswer(e)
    err.write(`${known?.message ?? answer?.message ?? `操作失败：${(e as Error).message}`}\n`)
    return known?.exitCode ?? 1
  } finally {
    if (!o.open) await sdb?.close()
  }
}
