import { describe, expect, it } from 'vitest'
import { DomainError } from '../../src/shared/result'
import { DATA_FENCE_MESSAGE, errorAnswer, HttpError, isDataError, zodMessage } from './errors'
import { z } from 'zod'

describe('errorAnswer: the protocol’s answer to an error, and the last fence for database data errors', () => {
  it('maps a PostgreSQL data error (class 22, 54001) — bare or wrapped by drizzle — to 400 VALIDATION, nothing else', () => {
    for (const code of ['22021', '22P02', '22P05', '22003', '54001']) {
      expect(errorAnswer({ code })).toMatchObject({ status: 400, code: 'VALIDATION', message: DATA_FENCE_MESSAGE })
      expect(errorAnswer(Object.assign(new Error('Failed query'), { cause: { code } }))).toMatchObject({ status: 400, code: 'VALIDATION' })
    }
    expect(isDataError({ code: '23505' })).toBe(false)
    expect(errorAnswer({ code: '23505' })).toBeUndefined()
    expect(errorAnswer(new Error('boom'))).toBeUndefined()
    expect(errorAnswer(new HttpError(409, 'SETUP_DONE', 'x'))).toMatchObject({ status: 409, code: 'SETUP_DONE' })
    expect(errorAnswer(new DomainError('NOT_FOUND', 'x'))).toMatchObject({ status: 404 })
  })

  it('a deadlock or serialisation failure (another request won the race) is 503 BUSY with Retry-After: send it again', () => {
    for (const code of ['40P01', '40001']) {
      expect(errorAnswer({ code })).toMatchObject({ status: 503, code: 'BUSY', headers: { 'retry-after': '1' } })
      expect(errorAnswer(Object.assign(new Error('Failed query'), { cause: { code } }))).toMatchObject({ status: 503, code: 'BUSY' })
    }
    expect(errorAnswer({ code: '40P01' })!.message).toMatch(/繁忙/)
  })

  it('zodMessage never quotes a NUL or a lone surrogate back', () => {
    const r = z.object({ a: z.literal('x') }).strict().safeParse({ a: 'x', 'b\u0000\uD800': 1 })
    expect(r.success).toBe(false)
    const message = zodMessage(r.error!)
    expect(message).not.toMatch(/\u0000|[\uD800-\uDFFF]/)
  })
})
