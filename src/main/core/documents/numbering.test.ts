import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempStore } from '../testing/fixtures'
import {
  CROCKFORD_ALPHABET,
  formatDocumentNumber,
  newVerificationCode,
  nextDocumentNumber,
  normalizeVerificationCode
} from './numbering'

describe('nextDocumentNumber', () => {
  let store: ReturnType<typeof tempStore>
  beforeEach(() => (store = tempStore()))
  afterEach(() => store.dispose())

  const next = (docType: string, year: number) => store.sqlite.transaction(() => nextDocumentNumber(store.sqlite, docType, year))()

  it('counts 1, 2, 3 … per document type and year', () => {
    expect([next('transfer_notice', 2026), next('transfer_notice', 2026), next('transfer_notice', 2026)]).toEqual([1, 2, 3])
    expect(next('transfer_notice', 2027)).toBe(1)
    expect(next('transfer_letter', 2026)).toBe(1)
    expect(next('transfer_notice', 2026)).toBe(4)
    const rows = store.sqlite.prepare('SELECT key, last FROM document_counters ORDER BY key').all()
    expect(rows).toEqual([
      { key: 'transfer_letter:2026', last: 1 },
      { key: 'transfer_notice:2026', last: 4 },
      { key: 'transfer_notice:2027', last: 1 }
    ])
  })

  it('gives the number back when the caller’s transaction rolls back', () => {
    expect(next('transfer_notice', 2026)).toBe(1)
    expect(() =>
      store.sqlite.transaction(() => {
        expect(nextDocumentNumber(store.sqlite, 'transfer_notice', 2026)).toBe(2)
        throw new Error('render failed')
      })()
    ).toThrow('render failed')
    expect(next('transfer_notice', 2026)).toBe(2)
  })

  it('refuses to run outside a transaction', () => {
    expect(() => nextDocumentNumber(store.sqlite, 'transfer_notice', 2026)).toThrow(/inside a transaction/)
  })
})

describe('formatDocumentNumber', () => {
  it('formats the transfer notice number', () => {
    expect(formatDocumentNumber('transfer_notice', 2026, 123)).toBe('留档调字〔2026〕第000123号')
    expect(formatDocumentNumber('transfer_notice', 2027, 1)).toBe('留档调字〔2027〕第000001号')
    expect(formatDocumentNumber('transfer_notice', 2026, 1234567)).toBe('留档调字〔2026〕第1234567号')
  })
  it('rejects unknown types and non-positive numbers', () => {
    expect(() => formatDocumentNumber('no_such_letter', 2026, 1)).toThrow(/no number prefix/)
    expect(() => formatDocumentNumber('transfer_notice', 2026, 0)).toThrow(/invalid/)
  })
})

describe('verification codes', () => {
  it('are XXXX-XXXX in Crockford base32 and do not repeat', () => {
    const codes = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const code = newVerificationCode()
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
      codes.add(code)
    }
    expect(codes.size).toBe(2000)
    expect(CROCKFORD_ALPHABET).toHaveLength(32)
  })
  it('normalise what people type', () => {
    expect(normalizeVerificationCode(' k7qh 3m9x ')).toBe('K7QH-3M9X')
    expect(normalizeVerificationCode('O1IL-ABCD')).toBe('0111-ABCD')
    expect(normalizeVerificationCode('K7QH-3M9')).toBeNull()
    expect(normalizeVerificationCode('K7QH-3M9U')).toBeNull()
  })
})
