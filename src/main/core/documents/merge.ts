import { PDFDocument, PDFName } from 'pdf-lib'
import { DomainError } from '../../../shared/result'

/**
 * Merges PDFs into one, pages in the order given (pdf-lib: pure JavaScript, nothing to ship beside the app).
 * The letters' digital signatures cannot survive a merge (each covers its own file's bytes), so the merged
 * file carries none — the pages' annotations (the signature widgets) are dropped and no form is copied —
 * instead of broken ones: it is for printing and proofreading; each signed letter stays the official
 * electronic copy. The seal is part of the page content and stays.
 */
export async function mergePdfs(pdfs: Buffer[]): Promise<Buffer> {
  if (!pdfs.length) throw new DomainError('VALIDATION', '没有可合并的文书')
  // One letter is itself the file to print or save (a signed one keeps its valid signature).
  if (pdfs.length === 1) return pdfs[0]
  try {
    const merged = await PDFDocument.create()
    merged.setProducer('CaseDesk')
    merged.setCreator('CaseDesk')
    for (const pdf of pdfs) {
      const source = await PDFDocument.load(pdf)
      for (const page of await merged.copyPages(source, source.getPageIndices())) {
        page.node.delete(PDFName.of('Annots'))
        merged.addPage(page)
      }
      // Yield between letters: a thousand-letter merge keeps the main process responsive.
      await new Promise((resolve) => setImmediate(resolve))
    }
    return Buffer.from(await merged.save())
  } catch (e) {
    throw new DomainError('INTERNAL', `合并 PDF 失败：${(e as Error).message.slice(0, 200)}`)
  }
}
