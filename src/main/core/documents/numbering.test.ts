import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempStore } from '../testing/fixtures'
import {
  CROCKFORD_ALPHABET,
  formatDocumentNumber,
  newVerificationCode,
  nextNumber,
  normalizeVerificationCode
} from './numbering'
import { type NumberKind, parseArchiveNumber, parseDocumentNumber } from '../../../shared/domain/numbers'
import { DomainError } from '../../../shared/result'

describe('nextNumber', () => {
  let store: ReturnType<typeof tempStore>
  beforeEach(() => (store = tempStore()))
  afterEach(() => store.dispose())

  const next = (docType: NumberKind, year: number) => store.sqlite.transaction(() => nextNumber(store.sqlite, docType, year))()

  it('counts 1, 2, 3 … per document type and year', () => {
    expect([next('transfer_notice', 2026), next('transfer_notice', 2026), next('transfer_notice', 2026)]).toEqual([1, 2, 3])
    expect(next('transfer_notice', 2027)).toBe(1)
    expect(next('archive_number', 2026)).toBe(1)
    expect(next('transfer_notice', 2026)).toBe(4)
    const rows = store.sqlite.prepare('SELECT key, last FROM document_counters ORDER BY key').all()
    expect(rows).toEqual([
      { key: 'archive_number:2026', last: 1 },
      { key: 'transfer_notice:2026', last: 4 },
      { key: 'transfer_notice:2027', last: 1 }
    ])
  })

  it('gives the number back when the caller’s transaction rolls back', () => {
    expect(next('transfer_notice', 2026)).toBe(1)
    expect(() =>
      store.sqlite.transaction(() => {
        expect(nextNumber(store.sqlite, 'transfer_notice', 2026)).toBe(2)
        throw new Error('render failed')
      })()
    ).toThrow('render failed')
    expect(next('transfer_notice', 2026)).toBe(2)
  })

  it('refuses to run outside a transaction', () => {
    expect(() => nextNumber(store.sqlite, 'transfer_notice', 2026)).toThrow(/inside a transaction/)
  })

  describe('on a desk of an exchange service', () => {
    const addBlock = (counter: string, first: number, last: number) =>
      store.sqlite.prepare("INSERT INTO number_blocks (counter, first, last, next, received_at) VALUES (?, ?, ?, ?, '2026-11-23T02:00:00Z')").run(counter, first, last, first)
    beforeEach(() => store.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('serverUrl', 'http://127.0.0.1:1')").run())

    it('draws from its blocks, lowest first, across blocks, never from the local counter', () => {
      addBlock('transfer_notice:2026', 201, 202)
      addBlock('transfer_notice:2026', 101, 102)
      expect([1, 2, 3, 4].map(() => next('transfer_notice', 2026))).toEqual([101, 102, 201, 202])
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM document_counters').get()).toEqual({ n: 0 })
    })

    it('refuses, in Chinese, when the blocks are used up or there are none for the year', () => {
      addBlock('transfer_notice:2026', 1, 1)
      expect(next('transfer_notice', 2026)).toBe(1)
      const err = (() => {
        try {
          next('transfer_notice', 2026)
        } catch (e) {
          return e
        }
      })()
      expect(err).toBeInstanceOf(DomainError)
      expect(err).toMatchObject({ code: 'NUMBERS_EXHAUSTED', message: expect.stringContaining('2026年调档通知单文号') })
      expect(() => next('archive_number', 2027)).toThrow(/2027年档案编号/)
    })

    it('gives a block number back when the caller’s transaction rolls back', () => {
      addBlock('archive_number:2026', 7, 9)
      expect(() =>
        store.sqlite.transaction(() => {
          expect(nextNumber(store.sqlite, 'archive_number', 2026)).toBe(7)
          throw new Error('render failed')
        })()
      ).toThrow('render failed')
      expect(next('archive_number', 2026)).toBe(7)
    })
  })
})

describe('parsing numbers back', () => {
  it('reads a letter number and an archive number into counter and serial', () => {
    expect(parseDocumentNumber('transfer_notice', '留档调字〔2026〕第000123号')).toEqual({ counter: 'transfer_notice:2026', serial: 123 })
    expect(parseDocumentNumber('transfer_notice', '留档调字〔2026〕第1234567号')).toEqual({ counter: 'transfer_notice:2026', serial: 1234567 })
    expect(parseArchiveNumber('D2026000042')).toEqual({ counter: 'archive_number:2026', serial: 42 })
  })
  it('refuses anything that is not exactly the format', () => {
    for (const bad of ['留档字〔2026〕第000123号', '留档调字〔2026〕第123号', '留档调字〔2026〕第000000号', '留档调字[2026]第000123号', '']) {
      expect(parseDocumentNumber('transfer_notice', bad)).toBeNull()
    }
    expect(parseDocumentNumber('no_such', '留档调字〔2026〕第000123号')).toBeNull()
    for (const bad of ['D2026', 'D2026000000', 'X2026000001', 'D26000001']) expect(parseArchiveNumber(bad)).toBeNull()
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
