/**
 * Where one sealed + signed letter's time goes: `npx tsx tools/bench/profile-letter.ts [--count 200]`.
 * Renders and signs `count` 调档函 on this thread (after one warm-up letter), prints the p50 of rendering
 * and of signing, then profiles the same loop with V8's sampling profiler (node:inspector) and prints the
 * functions with the most self time, grouped by the package they live in.
 */
import { Session } from 'node:inspector/promises'
import { parseArgs } from 'node:util'
import { cmsRoom } from '../../src/main/core/documents/cms'
import { readP12, signPdf } from '../../src/main/core/documents/sign'
import { renderTransferRequestLetter } from '../../src/main/core/documents/transfer-request-letter'
import { SAMPLE_REQUEST_LETTER } from '../../src/main/core/testing/fixtures'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../../src/main/core/testing/p12'

const { values } = parseArgs({ options: { count: { type: 'string', default: '200' }, top: { type: 'string', default: '15' } } })
const count = Number(values.count)
const key = readP12(makeTestP12(), TEST_P12_PASSPHRASE)
// The room the letter pool reserves for this key's signature (letter-worker.ts).
const signature = { name: '留学人员档案室', reason: '调档函', location: '北京', room: cmsRoom(key) }
const letter = (i: number) => ({ ...SAMPLE_REQUEST_LETTER, number: `留档函字〔2026〕第${String(i + 1).padStart(6, '0')}号` })

async function one(i: number, times?: { render: number[]; sign: number[] }): Promise<void> {
  const t0 = performance.now()
  const pdf = renderTransferRequestLetter(letter(i), { kind: 'final', signature })
  const t1 = performance.now()
  await signPdf(pdf, key, new Date())
  const t2 = performance.now()
  times?.render.push(t1 - t0)
  times?.sign.push(t2 - t1)
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

/** The package (or project folder) a script URL belongs to. */
const where = (url: string): string => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) return m[1]
  if (url.includes('/src/main/')) return 'casedesk'
  return url ? (url.startsWith('node:') ? 'node' : url.split('/').pop()!) : '(native/gc)'
}

async function main(): Promise<void> {
  await one(0) // fonts parsed, code warmed
  const times = { render: [] as number[], sign: [] as number[] }
  for (let i = 0; i < count; i++) await one(i, times)
  console.log(`one letter (${count} letters, this thread): render p50 ${p50(times.render).toFixed(2)} ms, sign p50 ${p50(times.sign).toFixed(2)} ms`)

  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  await session.post('Profiler.start')
  for (let i = 0; i < count; i++) await one(i)
  const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[] } }
  session.disconnect()

  const hits = new Map<number, number>()
  for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1)
  const total = profile.samples.length
  const byFunction = new Map<string, number>()
  const byPackage = new Map<string, number>()
  for (const node of profile.nodes) {
    const h = hits.get(node.id) ?? 0
    if (!h) continue
    const { functionName, url, lineNumber } = node.callFrame
    const pkg = where(url)
    const name = `${functionName || '(anonymous)'} ${pkg}${url ? `:${lineNumber + 1}` : ''}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + h)
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + h)
  }
  // Inclusive time: each sample counts once for every function on its stack.
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
  const nodeName = new Map(profile.nodes.map((n) => [n.id, `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}`]))
  const inclusive = new Map<string, number>()
  for (const sample of profile.samples) {
    const seen = new Set<string>()
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) seen.add(nodeName.get(id)!)
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + 1)
  }
  const pct = (h: number) => `${((100 * h) / total).toFixed(1).padStart(5)} %`
  console.log('\nself time by package:')
  for (const [p, h] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${pct(h)}  ${p}`)
  console.log('\nself time by function:')
  for (const [f, h] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`  ${pct(h)}  ${f}`)
  console.log('\ntotal time (with what they call) of the main steps of a letter:')
  const steps = [
    ['renderTransferRequestLetter', 'rendering (pdfkit + fontkit)'],
    ['signPdf', 'signing (@signpdf + CMS)'],
    ['signDetached', '  of which the CMS (DER bytes, Node crypto)'],
    ['sign', '  sign(): the signer (node-forge PKCS#7 + RSA in JS before; Node crypto now)'],
    ['end', '  doc.end: fonts embedded, streams ended'],
    ['encode', '  font subsets encoded (fontkit)'],
    ['_addGlyph', '    glyphs added to the subsets'],
    ['deflateSync', '  deflate (zlib)'],
    ['layout', '  text shaped (fontkit layout)']
  ]
  for (const [fn, label] of steps) {
    const h = [...inclusive].filter(([name]) => name.split(' ')[0] === fn).reduce((a, [, n]) => Math.max(a, n), 0)
    if (h) console.log(`  ${pct(h)}  ${label} (${fn})`)
  }
}

await main()
