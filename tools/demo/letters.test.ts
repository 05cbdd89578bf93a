import { afterEach, describe, expect, it } from 'vitest'
import { issuedDocTypes } from '../../src/shared/domain/case-type'
import { caseTypeDef } from '../../src/shared/domain/case-types'
import { tempStore } from '../../src/main/core/testing/fixtures'
import { ensureDemoData } from './ensure'

let store: ReturnType<typeof tempStore>
afterEach(() => store.dispose())

describe('demo letters', () => {
  it('every demo action that issues a letter has it: numbered in order, a draft with its data, referenced by the event', () => {
    store = tempStore()
    ensureDemoData(store, { cases: 60, today: '2026-11-23' })
    const sql = store.sqlite
    const events = sql.prepare('SELECT e.case_id, e.action, e.data, c.type, c.subtype, c.form FROM case_events e JOIN cases c ON c.id = e.case_id ORDER BY e.id').all() as {
      case_id: string
      action: string
      data: string
      type: string
      subtype: string
      form: string
    }[]
    const issuing = events.flatMap((e) => {
      const action = caseTypeDef(e.type)?.actions[e.action]
      return action ? issuedDocTypes(action, e.subtype, JSON.parse(e.form) as Record<string, unknown>).map((docType, i) => ({ ...e, docType, i })) : []
    })
    const docs = sql.prepare('SELECT d.id, d.number, d.case_id, d.doc_type, d.status, d.data, b.data AS pdf FROM issued_documents d JOIN blobs b ON b.sha256 = d.sha256 ORDER BY d.id').all() as {
      id: number
      number: string
      case_id: string
      doc_type: string
      status: string
      data: string
      pdf: Buffer
    }[]
    expect(issuing.some((e) => e.docType === 'transfer_notice')).toBe(true)
    expect(docs).toHaveLength(issuing.length)
    expect(docs[0].number).toMatch(/〔2026〕第000001号|〔2025〕第000001号/)
    for (const e of issuing) {
      const doc = docs.find((d) => d.case_id === e.case_id && d.doc_type === e.docType)
      expect(doc, `${e.type} ${e.action}`).toBeDefined()
      expect(JSON.parse(e.data).documentIds[e.i]).toBe(doc!.id)
      if (e.i === 0) expect(JSON.parse(e.data).documentId).toBe(doc!.id)
      expect(doc!.status).toBe('draft')
      expect(JSON.parse(doc!.data).number).toBe(doc!.number)
      expect(doc!.pdf.subarray(0, 5).toString()).toBe('%PDF-')
    }
  })
})
