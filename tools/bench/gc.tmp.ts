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
console.log('START')
const c0 = process.cpuUsage(); const t0 = process.threadCpuUsage(); const w = performance.now()
for (let i = 0; i < 500; i++) await one(i)
const c = process.cpuUsage(c0); const t = process.threadCpuUsage(t0)
console.log('END wall/letter', ((performance.now() - w) / 500).toFixed(2), 'process cpu/letter', ((c.user + c.system) / 500 / 1000).toFixed(2), 'thread cpu/letter', ((t.user + t.system) / 500 / 1000).toFixed(2))
