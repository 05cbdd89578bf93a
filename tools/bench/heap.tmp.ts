import { Session } from 'node:inspector/promises'
import { cmsRoom } from '../../src/main/core/documents/cms'
import { readP12, signPdf } from '../../src/main/core/documents/sign'
import { renderTransferRequestLetter } from '../../src/main/core/documents/transfer-request-letter'
import { SAMPLE_REQUEST_LETTER } from '../../src/main/core/testing/fixtures'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../../src/main/core/testing/p12'
const key = readP12(makeTestP12(), TEST_P12_PASSPHRASE)
const signature = { name: '留学人员档案室', reason: '调档函', location: '北京', room: cmsRoom(key) }
const letter = (i: number) => ({ ...SAMPLE_REQUEST_LETTER, number: `留档函字〔2026〕第${String(i + 1).padStart(6, '0')}号` })
const one = async (i: number) => { const pdf = renderTransferRequestLetter(letter(i), { kind: 'final', signature }); await signPdf(pdf, key, new Date()) }
for (let i = 0; i < 50; i++) await one(i)
const s = new Session(); s.connect()
await s.post('HeapProfiler.enable')
await s.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as any)
const N = 200
for (let i = 0; i < N; i++) await one(i)
const { profile } = (await s.post('HeapProfiler.stopSampling')) as any
type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
const self = new Map<string, number>(); let total = 0
const incl = new Map<string, number>()
const walk = (n: Node, stack: string[]) => { const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`; self.set(name, (self.get(name) ?? 0) + n.selfSize); total += n.selfSize; const st = [...stack, name]; for (const x of new Set(st)) incl.set(x, (incl.get(x) ?? 0) + n.selfSize); n.children.forEach((c) => walk(c, st)) }
walk(profile.head, [])
console.log('allocated per letter KB', (total / N / 1024).toFixed(0))
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / N / 1024).toFixed(1).padStart(7), 'KB self', k)
console.log('---')
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / N / 1024).toFixed(1).padStart(7), 'KB incl', k)
