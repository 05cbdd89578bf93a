// One process per PGlite data folder (data-lock.ts): in-process checks of the lock file, then real processes —
// a second service, the backup/restore CLI and the account CLI on a folder a running service holds.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './data-lock'
import { openServerDb } from './db'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'casedesk-lock-'))
  dirs.push(d)
  return d
}
const children: ChildProcessWithoutNullStreams[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }))
})

const refusal = (f: () => unknown): DataDirLockedError => {
  try {
    f()
  } catch (e) {
    if (e instanceof DataDirLockedError) return e
    throw e
  }
  return expect.fail('the lock was granted twice')
}

/** A pid that no process has any more (a child that ran and ended). */
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString())

describe('the data-folder lock', () => {
  it('refuses a second holder while the first holds it, with the owner named in Chinese and English; released, it is free', () => {
    const folder = join(tempDir(), 'server')
    const first = lockDataDir(folder)
    expect(first.file).toBe(`${folder}.lock`)
    const e = refusal(() => lockDataDir(folder))
    expect(e.owner.pid).toBe(process.pid)
    expect(e.message).toContain(`数据目录 ${folder} 正由另一个进程使用（进程号 ${process.pid}`)
    expect(e.message).toContain(`The data folder ${folder} is in use by another process (pid ${process.pid} on ${hostname()}`)
    first.release()
    expect(existsSync(first.file)).toBe(false)
    lockDataDir(folder).release()
  })

  it('takes over a lock its owner left behind: a dead pid, another boot, a reused pid, a damaged file', () => {
    const folder = join(tempDir(), 'server')
    const file = `${folder}.lock`
    const mine = JSON.parse(readFileSync(lockDataDir(folder).file, 'utf8')) as { boot?: string; started?: string }
    rmSync(file)
    const stale = [
      { pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z', token: 'x' },
      ...(mine.boot ? [{ pid: process.pid, host: hostname(), boot: 'another-boot', since: '2026-01-01T00:00:00Z', token: 'x' }] : []),
      ...(mine.started ? [{ pid: process.pid, host: hostname(), started: '1', since: '2026-01-01T00:00:00Z', token: 'x' }] : [])
    ]
    for (const owner of stale) {
      writeFileSync(file, JSON.stringify(owner))
      const lock = lockDataDir(folder)
      expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid)
      lock.release()
    }
    writeFileSync(file, 'garbage')
    lockDataDir(folder).release()
    // Another host's lock (a folder on a network share) cannot be checked: it is respected.
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'elsewhere', since: '2026-01-01T00:00:00Z', token: 'x' }))
    expect(refusal(() => lockDataDir(folder)).owner.host).toBe('elsewhere')
  })

  it('openServerDb holds the folder until close', async () => {
    const folder = join(tempDir(), 'server')
    const sdb = await openServerDb({ dataDir: folder, url: null })
    try {
      await expect(openServerDb({ dataDir: folder, url: null })).rejects.toBeInstanceOf(DataDirLockedError)
    } finally {
      await sdb.close()
    }
    await (await openServerDb({ dataDir: folder, url: null })).close()
  }, 60_000)
})

/** A process of ours (one node process: tsx as a loader), on the PGlite folder whatever DATABASE_URL says. */
function run(script: string, args: string[], input?: string) {
  const env = { ...process.env }
  delete env.DATABASE_URL
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, env })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  if (input !== undefined) child.stdin.end(input)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const started = new Promise<void>((resolve, reject) => {
    const check = () => (out.includes('交换服务已启动') ? resolve() : undefined)
    child.stdout.on('data', check)
    void exited.then((code) => reject(new Error(`exited ${code}: ${out}\n${err}`)))
  })
  started.catch(() => {}) // awaited only by the tests that expect a start
  return { child, exited, started, out: () => out, err: () => err }
}

describe('two processes on one PGlite folder', () => {
  it('a second service, a backup, a restore and the account CLI refuse a folder a running service holds (exit 1); a killed service’s lock is taken over', async () => {
    const data = join(tempDir(), 'server')
    const first = run('server/src/main.ts', ['--data', data, '--port', '0'])
    try {
      await first.started
      const pid = first.child.pid!
      const second = run('server/src/main.ts', ['--data', data, '--port', '0'])
      expect(await Promise.race([second.exited, second.started.then(() => 'started as well')])).toBe(1)
      expect(second.out()).not.toContain('已启动')
      expect(second.err()).toContain(`数据目录 ${data} 正由另一个进程使用（进程号 ${pid}`)
      expect(second.err()).toContain(`is in use by another process (pid ${pid}`)

      const backupFile = join(tempDir(), 'backup.tar.gz')
      const backup = run('server/src/admin/cli.ts', ['backup', backupFile, '--data', data])
      expect(await backup.exited).toBe(1)
      expect(backup.err()).toContain('未能备份')
      expect(backup.err()).toContain(`(pid ${pid}`)
      expect(existsSync(backupFile)).toBe(false)

      writeFileSync(backupFile, 'not really a backup')
      const restore = run('server/src/admin/cli.ts', ['restore', backupFile, '--data', data])
      expect(await restore.exited).toBe(1)
      expect(restore.err()).toContain('未能恢复')
      expect(existsSync(data)).toBe(true) // not moved aside

      const account = run('server/src/main.ts', ['admin', 'create', 'boss', '--data', data], 'Correct-Horse-9\nCorrect-Horse-9\n')
      expect(await account.exited).toBe(1)
      expect(account.err()).toContain('正由另一个进程使用')
    } finally {
      first.child.kill('SIGKILL') // a crash: the lock file stays, its owner is gone
      await first.exited
    }
    expect(existsSync(`${data}.lock`)).toBe(true)
    const next = run('server/src/main.ts', ['--data', data, '--port', '0'])
    try {
      await next.started
      expect(JSON.parse(readFileSync(`${data}.lock`, 'utf8')).pid).toBe(next.child.pid)
    } finally {
      next.child.kill('SIGTERM')
      expect([await next.exited, next.err()]).toEqual([0, ''])
    }
    expect(existsSync(`${data}.lock`)).toBe(false)
  }, 180_000)
})
