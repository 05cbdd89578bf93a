// The letter pool's real worker threads (piscina), as the print console uses them.
import { afterEach, describe, expect, it } from 'vitest'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../testing/p12'
import { createLetterPool, type LetterPool } from './letter-pool'

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
})
