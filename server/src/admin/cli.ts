// Backup and restore of the exchange service's database (stop the service before a restore):
//   npm run server:backup -- <file> [--data <folder>]    pg_dump (DATABASE_URL) or the PGlite data folder
//   npm run server:restore -- <file> [--data <folder>]   replaces the database; desks resync on their next pull
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DataDirLockedError, lockDataDir } from '../data-lock'
import { openServerDb } from '../db'
import { backupTo, RESTORE_SKIP, restoreFrom } from './backup'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { data: { type: 'string', default: '.data/server' } } })
const [command, file] = positionals
const url = process.env.DATABASE_URL
const dataDir = resolve(values.data)
if (!file || (command !== 'backup' && command !== 'restore')) {
  process.stderr.write('用法：admin/cli.ts backup|restore <文件> [--data <PGlite 数据目录>]（设置 DATABASE_URL 时操作 PostgreSQL）\n')
  process.exit(2)
}
// A PGlite folder a running service (or another command) holds is neither copied mid-write nor replaced
// under it: the backup opens it through openServerDb, which takes the folder's lock; the restore takes it here.
const refused = (e: unknown): never => {
  if (!(e instanceof DataDirLockedError)) throw e
  process.stderr.write(`${command === 'backup' ? '未能备份 / backup refused' : '未能恢复 / restore refused'}：\n${e.message}\n`)
  process.exit(1)
}
if (command === 'backup') {
  const sdb = await openServerDb(url ? { url } : { dataDir }).catch(refused)
  await backupTo(sdb, resolve(file))
  await sdb.close()
  process.stdout.write(`已备份到 ${resolve(file)}\n`)
} else {
  let lock: ReturnType<typeof lockDataDir> | undefined
  if (!url) {
    try {
      lock = lockDataDir(dataDir)
    } catch (e) {
      refused(e)
    }
  }
  try {
    await (await restoreFrom(resolve(file), url ? { url } : { dataDir })).close()
  } finally {
    lock?.release()
  }
  process.stdout.write(
    `已从 ${resolve(file)} 恢复：新的数据纪元已生效，各窗口下次同步时会重建本地数据并重新上传备份之后的操作；` +
      `各类编号已跳过 ${RESTORE_SKIP} 号（记录在 server_meta.lastRestore）。\n`
  )
}
