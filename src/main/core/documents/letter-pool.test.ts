// The letter pool's real worker threads (piscina), as the print console uses them.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_OFFICE } from '../../../shared/domain/office'
import { tempStore } from '../testing/fixtures'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../testing/p12'
import { createLetterPool, type LetterPool } from './letter-pool'
import { warmUp } from './letter-worker'
import { letterToWarm } from './lifecycle'
import { TEMPLATES } from './templates'
import { draftLetter } from './testing'

let pool: LetterPool | undefined
afterEach(async () => {
  await pool?.destroy()
  pool = undefined
})

describe('the letter pool', () => {
  it('starts no thread until asked; warm() starts every thread once (the sign dialog calls it), opening the key starts none more', async () => {
    pool = createLetterPool({ threads: 2 })
    expect(pool.running).toBe(0)
    pool.warm()
    expect(pool.running).toBe(2)
    pool.warm()
    expect(pool.running).toBe(2)
    const key = await pool.openKey(makeTestP12(), TEST_P12_PASSPHRASE)
    expect(key.certificates).toHaveLength(1)
    expect(pool.running).toBe(2)
  }, 60_000)

  it('opening the key with no thread running starts them all: one opens the key, the others get ready', async () => {
    pool = createLetterPool({ threads: 2 })
    await pool.openKey(makeTestP12(), TEST_P12_PASSPHRASE)
    expect(pool.running).toBe(2)
    await expect(pool.openKey(makeTestP12(), 'wrong')).rejects.toMatchObject({ code: 'VALIDATION' })
  }, 60_000)

  it("gets ready with the batch's first letter: a draft with its data, as it will be rendered — nothing else", () => {
    const store = tempStore()
    try {
      const ctx = { store, clock: { now: () => new Date('2026-03-02T02:00:00Z') }, office: () => DEFAULT_OFFICE }
      const draft = draftLetter(store, { name: '王嘉怡' })
      const letter = letterToWarm(ctx, draft.id)!
      expect(letter).toMatchObject({ docType: 'transfer_notice', signature: { name: DEFAULT_OFFICE.name, reason: `调档通知单 ${draft.number}` } })
      // A thread renders it as final, from its data, and throws it away (here on this thread).
      const render = vi.spyOn(TEMPLATES.transfer_notice, 'render')
      warmUp({ fontsDir: null, letter })
      expect(render).toHaveBeenCalledExactlyOnceWith(JSON.parse(letter.data), { kind: 'final', signature: letter.signature })
      render.mockRestore()
      // Not a letter to sign: none.
      expect(letterToWarm(ctx, draftLetter(store, { withData: false }).id)).toBeUndefined()
      store.sqlite.prepare("UPDATE issued_documents SET status = 'void' WHERE id = ?").run(draft.id)
      expect(letterToWarm(ctx, draft.id)).toBeUndefined()
      expect(letterToWarm(ctx, 999_999)).toBeUndefined()
    } finally {
      store.dispose()
    }
  })
})
