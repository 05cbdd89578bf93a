// One process per PGlite data folder. PGlite (PostgreSQL in WASM) has no postmaster lock of its own: two
// processes on one folder each hand out the same numbers and overwrite each other's pages. So whoever opens
// a folder first holds `<folder>.lock` (beside the folder, so a backup's tarball never carries it) with its
// pid, host and boot. The file is made complete in a temp file and hard-linked into place (atomic; a second
// opener gets EEXIST and reads a whole record, never a half-written one). A lock whose owner is gone (crash,
// SIGKILL, power cut: another boot, a dead or zombie pid, or the pid now belongs to a younger process) is
// taken over under a short-lived guard file, so two starters never both win; a live owner refuses the opener
// with a Chinese and English message. Plain files rather than a package: the one candidate in node_modules
// (proper-lockfile) is only a build tool's dependency and detects staleness by mtime refreshes, which a
// long blocking PGlite query could miss; a pid check answers "is the owner alive" directly.
import { randomBytes } from 'node:crypto'
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'

export interface LockOwner {
  pid: number
  host: string
  /** Linux: /proc/sys/kernel/random/boot_id (another boot = the owner is gone). */
  boot?: string
  /** Linux: the process's start time (field 22 of /proc/<pid>/stat): the pid reused by another process differs. */
  started?: string
  since: string
  token: string
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly lockFile: string,
    readonly owner: LockOwner
  ) {
    super(
      `数据目录 ${dir} 正由另一个进程使用（进程号 ${owner.pid}，主机 ${owner.host}，自 ${owner.since} 起）：同一 PGlite 数据目录同时只能由一个进程打开` +
        `（交换服务、备份恢复或账号命令）。请先停止该进程再试；如确认该进程已不存在，可删除锁文件 ${lockFile}。\n` +
        `The data folder ${dir} is in use by another process (pid ${owner.pid} on ${owner.host}, since ${owner.since}): a PGlite data folder ` +
        `can be opened by one process at a time (the service, backup/restore or the account CLI). Stop that process first; ` +
        `if it is certainly gone, delete the lock file ${lockFile}.`
    )
    this.name = 'DataDirLockedError'
  }
}

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    return undefined
  }
}

/** Field 22 (starttime) and field 3 (state) of /proc/<pid>/stat; undefined where there is no /proc. */
function procStat(pid: number | 'self'): { state: string; started: string } | undefined {
  const stat = readText(`/proc/${pid}/stat`)
  if (!stat) return undefined
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // fields 3… (the command name may hold spaces)
  return { state: rest[0], started: rest[19] }
}

const bootId = () => readText('/proc/sys/kernel/random/boot_id')

/** Whether the lock's owner may still be running (unknowable for another host: assumed so). */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true
  if (owner.boot && bootId() && owner.boot !== bootId()) return false
  try {
    process.kill(owner.pid, 0)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false
    // EPERM: alive, another user's
  }
  const stat = procStat(owner.pid)
  if (stat && (stat.state === 'Z' || stat.state === 'X')) return false // killed, not yet reaped
  if (stat && owner.started && stat.started !== owner.started) return false // the pid now names another process
  return true
}

function readOwner(file: string): LockOwner | null | undefined {
  const text = readText(file)
  if (text === undefined) return undefined // gone meanwhile
  try {
    const o = JSON.parse(text) as LockOwner
    return typeof o.pid === 'number' && typeof o.host === 'string' ? o : null
  } catch {
    return null // not ours / damaged: nobody can own it
  }
}

const GUARD_STALE_MS = 10_000

/** Removes `file` if it still holds exactly `text` (a stale lock), under a guard only one taker holds at a time. */
function takeOver(file: string, text: string): void {
  const guard = `${file}.takeover`
  let fd: number
  try {
    fd = openSync(guard, 'wx')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard) // a taker that died mid-way
    } catch {
      // gone meanwhile
    }
    return
  }
  try {
    if (readText(file) === text) unlinkSync(file)
  } finally {
    closeSync(fd)
    unlinkSync(guard)
  }
}

export interface DataDirLock {
  readonly file: string
  release(): void
}

/** Takes the lock of the data folder `dir`; throws DataDirLockedError while another live process holds it. */
export function lockDataDir(dir: string): DataDirLock {
  const folder = resolve(dir)
  const file = `${folder}.lock`
  const stat = procStat('self')
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    ...(bootId() ? { boot: bootId() } : {}),
    ...(stat ? { started: stat.started } : {}),
    since: new Date().toISOString(),
    token: randomBytes(12).toString('hex')
  }
  const text = JSON.stringify(me)
  const tmp = `${file}.${process.pid}.${me.token}.tmp`
  writeFileSync(tmp, text, { flag: 'wx' })
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, file)
        break
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      }
      const seen = readText(file)
      const owner = readOwner(file)
      if (owner && ownerAlive(owner)) throw new DataDirLockedError(folder, file, owner)
      if (attempt >= 20) throw new Error(`无法取得数据目录锁 ${file}（多个进程同时启动？请稍后重试）/ could not lock ${file}`)
      if (seen !== undefined) takeOver(file, seen)
      if (attempt > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * attempt) // another taker is busy: a moment
    }
  } finally {
    unlinkSync(tmp)
  }
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.off('exit', release)
    if (readText(file) === text) unlinkSync(file)
  }
  process.on('exit', release) // a normal exit without close (a failed start) leaves no lock behind
  return { file, release }
}
