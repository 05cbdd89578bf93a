import type { Font } from 'fontkit'

/**
 * pdfkit shapes text with fontkit and keeps each shaped piece in a cache per document and font (`layoutCache` of
 * its EmbeddedFont, keyed by the text): line breaking measures CJK text character by character, and the header,
 * title, labels and fixed sentences are the same in every letter. A new document starts with an empty cache, so
 * every letter of a batch shaped them all again (a fifth of a letter's time). This gives every document the one
 * cache of its parsed font (the runs are in the font's own units scaled to 1000 per em — the same for every
 * document — and pdfkit only reads them), dropped and started again once it holds `MAX_ENTRIES` texts so a
 * long-lived thread does not grow without bound. pdfkit adds to the cache itself, so its size is counted
 * (Object.keys of some thousands of texts: a tenth of a letter's time when done for every letter) only every
 * `CHECK_EVERY` documents.
 */
const MAX_ENTRIES = 20_000
const CHECK_EVERY = 64
const shared = new WeakMap<Font, { runs: Record<string, unknown>; uses: number }>()

interface EmbeddedFontInternals {
  font?: Font
  layoutCache?: Record<string, unknown>
}

function cacheOf(font: Font): Record<string, unknown> {
  let entry = shared.get(font)
  if (!entry) shared.set(font, (entry = { runs: Object.create(null) as Record<string, unknown>, uses: 0 }))
  else if (++entry.uses % CHECK_EVERY === 0 && Object.keys(entry.runs).length > MAX_ENTRIES) entry.runs = Object.create(null) as Record<string, unknown>
  return entry.runs
}

/** Makes `doc` use the shared shaping cache of every font in `fonts` (call before drawing). */
export function shareLayoutCache(doc: PDFKit.PDFDocument, fonts: ReadonlySet<Font>): void {
  const font = doc.font.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument
  const attached = new WeakSet<object>()
  ;(doc as unknown as { font: (...args: unknown[]) => PDFKit.PDFDocument }).font = (...args: unknown[]) => {
    const result = font(...args)
    const embedded = (doc as unknown as { _font?: EmbeddedFontInternals })._font
    if (embedded?.font && embedded.layoutCache && fonts.has(embedded.font) && !attached.has(embedded)) {
      attached.add(embedded)
      embedded.layoutCache = cacheOf(embedded.font)
    }
    return result
  }
}
