import zlib from 'node:zlib'

/**
 * The deflate level of a letter's streams. pdfkit deflates every stream (the two font subsets, ~60 and ~12 KB,
 * and the page's operators) with zlib's default, level 6, and has no option for another. Deflate was over a third
 * of a letter's time; at level 2 a letter renders ~20 % faster and is ~3 % larger (69.8 → 71.9 KB before the
 * signature room, measured on the sample 调档函; tools/bench/README.md).
 */
export const LETTER_DEFLATE_LEVEL = 2

type DeflateSync = typeof zlib.deflateSync
const zlibModule = zlib as { deflateSync: DeflateSync }

/**
 * Ends `doc` with its streams deflated at `LETTER_DEFLATE_LEVEL`. pdfkit calls `zlib.deflateSync(data)` on the
 * `zlib` module itself, so the function is swapped for the length of `doc.end()` — synchronous, so nothing else
 * on this thread runs meanwhile — and put back even when ending throws. A caller that passes its own options
 * (the seal's form, marks.ts) keeps them.
 */
export function endDeflated(doc: PDFKit.PDFDocument): void {
  const deflateSync = zlibModule.deflateSync
  zlibModule.deflateSync = ((data, options) => deflateSync(data, options ?? { level: LETTER_DEFLATE_LEVEL })) as DeflateSync
  try {
    doc.end()
  } finally {
    zlibModule.deflateSync = deflateSync
  }
}
