import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { getDocument, GlobalWorkerOptions, type PDFDocumentLoadingTask } from 'pdfjs-dist'

/** pdf.js, set up once: parsing in its worker (a same-origin file), pages drawn on the main thread. */
GlobalWorkerOptions.workerSrc = workerUrl

/** Opens PDF bytes. pdf.js takes ownership of the buffer it is given, so it gets a copy. */
export function openPdf(bytes: Uint8Array): PDFDocumentLoadingTask {
  return getDocument({ data: bytes.slice(), disableWorkerRendering: true, verbosity: 0 })
}

/** Print resolution: pages are drawn at this many pixels per PDF point (≈ 216 dpi). */
const PRINT_SCALE = 3

/**
 * Prints a PDF the way it is shown: every page drawn by pdf.js into an image, the images put into a
 * hidden frame sized to the PDF's pages, and the frame printed. (Printing the browser's own PDF plugin
 * from a frame is unreliable in Electron and crashes headless Chromium.)
 */
export async function printPdf(bytes: Uint8Array): Promise<void> {
  const task = openPdf(bytes)
  const doc = await task.promise
  const urls: string[] = []
  let sizePt = { w: 595, h: 842 }
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const base = page.getViewport({ scale: 1 })
      if (n === 1) sizePt = { w: base.width, h: base.height }
      const viewport = page.getViewport({ scale: PRINT_SCALE })
      const canvas = document.createElement('canvas')
      canvas.width = Math.floor(viewport.width)
      canvas.height = Math.floor(viewport.height)
      await page.render({ canvas, viewport }).promise
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
      if (!blob) throw new Error('page image failed')
      urls.push(URL.createObjectURL(blob))
    }
  } finally {
    void task.destroy()
  }
  const frame = document.createElement('iframe')
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden'
  frame.setAttribute('data-testid', 'print-frame')
  document.body.appendChild(frame)
  const fdoc = frame.contentDocument
  if (!fdoc) throw new Error('print frame unavailable')
  const style = fdoc.createElement('style')
  style.textContent = `@page { size: ${sizePt.w}pt ${sizePt.h}pt; margin: 0 }
    html, body { margin: 0; padding: 0 }
    img { display: block; width: ${sizePt.w}pt; height: ${sizePt.h}pt; break-after: page }
    img:last-child { break-after: auto }`
  fdoc.head.appendChild(style)
  const imgs = urls.map((src) => {
    const img = fdoc.createElement('img')
    img.src = src
    fdoc.body.appendChild(img)
    return img
  })
  await Promise.all(imgs.map((img) => img.decode().catch(() => undefined)))
  const cleanup = () => {
    frame.remove()
    urls.forEach((u) => URL.revokeObjectURL(u))
  }
  frame.contentWindow?.addEventListener('afterprint', () => setTimeout(cleanup, 1000))
  setTimeout(cleanup, 10 * 60_000)
  frame.contentWindow?.focus()
  frame.contentWindow?.print()
}
