import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DomainError } from '../../../shared/result'

const run = promisify(execFile)

/** qpdf (apt `qpdf`; on Windows the packaged app sets `CASEDESK_QPDF` to the qpdf.exe it ships). */
const qpdf = (): string => process.env.CASEDESK_QPDF || 'qpdf'

/**
 * Merges PDFs into one, pages in the order given, with qpdf in a child process (the main process stays
 * responsive). The letters' digital signatures cannot survive a merge (each covers its own file's
 * bytes), so the merged file carries none — its annotations are flattened — instead of broken ones:
 * it is for printing and proofreading; each signed letter stays the official electronic copy.
 */
export async function mergePdfs(pdfs: Buffer[]): Promise<Buffer> {
  if (!pdfs.length) throw new DomainError('VALIDATION', '没有可合并的文书')
  // One letter is itself the file to print or save (a signed one keeps its valid signature).
  if (pdfs.length === 1) return pdfs[0]
  const dir = await mkdtemp(join(tmpdir(), 'casedesk-merge-'))
  try {
    const files = pdfs.map((_, i) => join(dir, `${String(i).padStart(5, '0')}.pdf`))
    await Promise.all(pdfs.map((pdf, i) => writeFile(files[i], pdf)))
    const out = join(dir, 'merged.pdf')
    // An argument file keeps the command line short however many letters there are (Windows limits it to 32 KiB).
    await writeFile(join(dir, 'args'), ['--empty', '--flatten-annotations=all', '--pages', ...files, '--', out].join('\n'))
    try {
      await run(qpdf(), [`@${join(dir, 'args')}`], { maxBuffer: 16 * 1024 * 1024 })
    } catch (e) {
      const err = e as { code?: unknown; stderr?: string; message?: string }
      if (err.code === 'ENOENT') throw new DomainError('INTERNAL', '本机缺少合并 PDF 所需的 qpdf 组件，请联系系统管理员安装')
      // qpdf exits 3 for warnings only (the file is written).
      if (err.code !== 3) throw new DomainError('INTERNAL', `合并 PDF 失败：${(err.stderr || err.message || '').trim().slice(0, 200)}`)
    }
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
