// Printing and saving letters through the API handler on a real SQLite store: the merged PDF is checked
// with qpdf and read back with pdftotext (every letter's number, in order); prints are recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentHistoryEntry, DocumentRow, JobStatus } from '../../../shared/api/documents'
import type { FileContent } from '../../../shared/api/types'
import { createApiHandler, createServicesOn, type SessionSlot } from '../api'
import { addStaff, tempStore } from '../testing/fixtures'
import type { Printer } from './printer'
import { configureTestCertificate, draftLetter, pdfText, pdfTool, TEST_P12_PASSPHRASE } from './testing'

/** A printer that keeps what it was sent (the Electron print API cannot run here). */
class PaperTray implements Printer {
  jobs: { pdf: Buffer; device: string }[] = []
  broken = false
  async list() {
    return [{ name: 'HP LaserJet 档案室', isDefault: true }, { name: 'Canon 二楼', isDefault: false }]
  }
  async print(pdf: Buffer, device: string) {
    if (this.broken) throw new Error('卡纸')
    this.jobs.push({ pdf, device })
  }
}

let store: ReturnType<typeof tempStore>
let services: ReturnType<typeof createServicesOn>
let handle: ReturnType<typeof createApiHandler>
let tray: PaperTray
const slot = {} as SessionSlot

function open(printer?: Printer) {
  services = createServicesOn(store, { now: () => new Date('2026-03-03T02:00:00Z') }, { printer })
  handle = createApiHandler(services, () => {})
}
async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await handle(channel, input, slot)
  if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), r.error)
  return r.value as T
}
const run = async (channel: string, input: unknown): Promise<JobStatus> => services.jobs.settled((await call<JobStatus>(channel, input)).id)
const output = async (job: JobStatus): Promise<Buffer> => Buffer.from((await call<FileContent>('jobs.output', { id: job.id })).base64, 'base64')
const prints = () => store.sqlite.prepare('SELECT number, kind, reason, printer, actor_name FROM document_prints ORDER BY id').all()

/** Three signed letters (and their numbers, in the order given). */
async function signed(n = 3) {
  const letters = Array.from({ length: n }, (_, i) => draftLetter(store, { name: `申请人${i + 1}` }))
  await run('documents.sign', { ids: letters.map((l) => l.id), passphrase: TEST_P12_PASSPHRASE })
  return letters
}

beforeEach(() => {
  store = tempStore()
  slot.staff = addStaff(store, 'super1', 'supervisor', '赵建国')
  configureTestCertificate(store, { id: 0, username: 'admin', displayName: '系统管理员', role: 'admin', scopes: null, mustChangePassword: false })
  tray = new PaperTray()
  open(tray)
})
afterEach(() => store.dispose())

describe('printing signed letters', () => {
  it('prints the chosen letters as ONE job, in the chosen order, on the chosen printer; each print is recorded and pushed', async () => {
    const [a, b, c] = await signed()
    expect(await call('documents.printers', {})).toEqual(await tray.list())
    const end = await run('documents.print', { ids: [c.id, a.id, b.id], printer: 'Canon 二楼' })
    expect(end).toMatchObject({ kind: 'print', state: 'done', total: 3, done: 3, failures: [], hasOutput: false })
    expect(tray.jobs).toHaveLength(1)
    expect(tray.jobs[0].device).toBe('Canon 二楼')
    const pdf = tray.jobs[0].pdf
    expect(pdfTool('qpdf', pdf, ['--check']).status).toBe(0)
    const text = pdfText(pdf)
    const at = [c, a, b].map((l) => text.indexOf(l.number))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((x, y) => x - y)).toEqual(at)
    expect(pdfTool('qpdf', pdf, ['--show-npages']).out.trim()).toBe('3')
    // The merged file is for paper: the letters' signatures stay in their own files, none broken here.
    expect(pdfTool('pdfsig', pdf).out).toContain('does not contain any signatures')
    expect(prints()).toEqual([c, a, b].map((l) => ({ number: l.number, kind: 'print', reason: '', printer: 'Canon 二楼', actor_name: '赵建国' })))
    const pushed = store.sqlite.prepare("SELECT args FROM outbox WHERE name = 'document.print' ORDER BY seq").all() as { args: string }[]
    expect(pushed.map((p) => JSON.parse(p.args))).toEqual(
      [c, a, b].map((l) => ({ number: l.number, kind: 'print', reason: '', printer: 'Canon 二楼', at: '2026-03-03T02:00:00.000Z' }))
    )
    const row = (await call<{ rows: DocumentRow[] }>('documents.list', { status: 'issued' })).rows.find((r) => r.id === a.id)
    expect(row?.prints).toBe(1)
  })

  it('a reprint needs a reason (REASON_REQUIRED, nothing printed); with one it is recorded as a reprint; the history tells it all', async () => {
    const [a, b] = await signed(2)
    await run('documents.print', { ids: [a.id], printer: '' })
    await expect(call('documents.print', { ids: [a.id, b.id], printer: '' })).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
      message: `${a.number} 已打印过，重新打印须填写原因`
    })
    expect(tray.jobs).toHaveLength(1)
    await run('documents.print', { ids: [b.id, a.id], printer: '', reason: '首次打印时卡纸' })
    expect(prints()).toEqual([
      { number: a.number, kind: 'print', reason: '', printer: 'HP LaserJet 档案室', actor_name: '赵建国' },
      { number: b.number, kind: 'print', reason: '首次打印时卡纸', printer: 'HP LaserJet 档案室', actor_name: '赵建国' },
      { number: a.number, kind: 'reprint', reason: '首次打印时卡纸', printer: 'HP LaserJet 档案室', actor_name: '赵建国' }
    ])
    const history = await call<DocumentHistoryEntry[]>('documents.history', { id: a.id })
    expect(history.map((h) => [h.kind, h.actor, h.reason])).toEqual([
      ['issued', '', ''],
      ['signed', '赵建国', ''],
      ['print', '赵建国', ''],
      ['reprint', '赵建国', '首次打印时卡纸']
    ])
  })

  it('drafts and voided letters are refused up front; a printer failure fails the job and records nothing', async () => {
    const [a] = await signed(1)
    const draft = draftLetter(store)
    await expect(call('documents.print', { ids: [a.id, draft.id] })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: `${draft.number} 尚未签章（草稿），不能作为正式文书打印；请先签章，或“保存为 PDF”供校对`
    })
    await call('documents.void', { id: draft.id, reason: '信息有误，重新出具' })
    await expect(call('documents.merge', { ids: [draft.id] })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', message: `${draft.number} 已作废，不能保存` })
    tray.broken = true
    const end = await run('documents.print', { ids: [a.id] })
    expect(end).toMatchObject({ state: 'failed', error: { code: 'INTERNAL', message: '打印未能发送到打印机“HP LaserJet 档案室”：卡纸' } })
    expect(prints()).toEqual([])
  })

  it('without a printer (the browser harness) the merged PDF is the job’s output, and the print is still recorded', async () => {
    open(undefined)
    const [a, b] = await signed(2)
    expect(await call('documents.printers', {})).toEqual([])
    const end = await run('documents.print', { ids: [a.id, b.id] })
    expect(end).toMatchObject({ state: 'done', hasOutput: true })
    const content = await call<FileContent>('jobs.output', { id: end.id })
    expect(content).toMatchObject({ fileName: '打印-20260303-2份.pdf', mime: 'application/pdf' })
    const text = pdfText(Buffer.from(content.base64, 'base64'))
    expect(text.indexOf(a.number)).toBeLessThan(text.indexOf(b.number))
    expect(prints()).toEqual([a, b].map((l) => ({ number: l.number, kind: 'print', reason: '', printer: null, actor_name: '赵建国' })))
  })
})

describe('saving letters as one PDF', () => {
  it('drafts may be saved for proofreading (watermarked), recorded as saves; a save is not a print', async () => {
    const drafts = [draftLetter(store), draftLetter(store)]
    const end = await run('documents.merge', { ids: drafts.map((d) => d.id), reason: '校对' })
    expect(end).toMatchObject({ kind: 'merge', state: 'done', done: 2, hasOutput: true })
    const pdf = await output(end)
    expect(pdfTool('qpdf', pdf, ['--check']).status).toBe(0)
    const text = pdfText(pdf)
    expect(text.indexOf(drafts[0].number)).toBeGreaterThanOrEqual(0)
    expect(text.indexOf(drafts[0].number)).toBeLessThan(text.indexOf(drafts[1].number))
    expect(prints()).toEqual(drafts.map((d) => ({ number: d.number, kind: 'save', reason: '校对', printer: null, actor_name: '赵建国' })))
    expect(tray.jobs).toEqual([])
    await run('documents.sign', { ids: [drafts[0].id], passphrase: TEST_P12_PASSPHRASE })
    expect(await run('documents.print', { ids: [drafts[0].id] })).toMatchObject({ state: 'done' })
    expect(prints()).toContainEqual({ number: drafts[0].number, kind: 'print', reason: '', printer: 'HP LaserJet 档案室', actor_name: '赵建国' })
  })

  it('a letter voided after the job started is left out and reported; the rest are saved', async () => {
    const [a, b] = [draftLetter(store), draftLetter(store)]
    const job = await call<JobStatus>('documents.merge', { ids: [a.id, b.id] })
    await call('documents.void', { id: b.id, reason: '申请人撤回申请' })
    const end = await services.jobs.settled(job.id)
    expect(end).toMatchObject({ state: 'done', done: 2, failures: [{ id: b.id, number: b.number, message: `${b.number} 已作废，未保存` }] })
    const text = pdfText(await output(end))
    expect(text).toContain(a.number)
    expect(text).not.toContain(b.number)
    expect(prints()).toEqual([{ number: a.number, kind: 'save', reason: '', printer: null, actor_name: '赵建国' }])
  })
})
