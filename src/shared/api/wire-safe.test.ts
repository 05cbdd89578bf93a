import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ARGS_LIMITS,
  CONTRACT_LIMITS,
  FORM_LIMITS,
  hasOwn,
  INT4_MAX,
  int4,
  int8,
  JSON_BODY_MAX_DEPTH,
  jsonProblem,
  jsonTextDepth,
  jsonTextProblem,
  safeId,
  safeJsonObject,
  safeLine,
  safeText,
  sanitizeText,
  textProblem
} from './wire-safe'

const deepText = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
const deepValue = (n: number) => JSON.parse(deepText(n)) as unknown

describe('wire-safe strings', () => {
  it('refuses NUL, lone surrogates and control characters; keeps pairs and line breaks where allowed', () => {
    expect(textProblem('a\u0000b')).toMatch(/U\+0000/)
    expect(textProblem('x\uD800')).toMatch(/Unicode/)
    expect(textProblem('\uDC00y')).toMatch(/Unicode/)
    expect(textProblem('\u0007')).toMatch(/控制字符/)
    expect(textProblem('𠀀 emoji 😀')).toBeNull()
    expect(textProblem('两行\n文字\t')).toBeNull()
    expect(textProblem('两行\n文字', true)).toMatch(/控制字符/)
  })

  it('safeLine / safeText / safeId: lengths, trimming and the same refusals', () => {
    expect(safeLine(5).parse('  张三  ')).toBe('张三')
    expect(safeLine(5).safeParse('张\u0000三').success).toBe(false)
    expect(safeLine(5).safeParse('a\nb').success).toBe(false)
    expect(safeLine(5).safeParse('123456').success).toBe(false)
    expect(safeLine(5, 0).parse('')).toBe('')
    expect(safeLine(5, 1, '请填写').safeParse(undefined).error?.issues[0].message).toBe('请填写')
    expect(safeText(20).parse('第一行\n第二行')).toBe('第一行\n第二行')
    expect(safeText(20).safeParse('\uD83D').success).toBe(false)
    expect(safeId(64).parse(' id ')).toBe(' id ')
    expect(safeId(64).safeParse('a\u0000').success).toBe(false)
  })

  it('sanitizeText replaces what cannot be stored and never cuts a pair in two', () => {
    expect(sanitizeText('a\u0000b\uD800')).toBe('a\uFFFDb\uFFFD')
    expect(sanitizeText('ab😀', 3)).toBe('ab\uFFFD')
    expect(textProblem(sanitizeText('x\uDC00\u0001y\n'))).toBeNull()
  })
})

describe('wire-safe integers', () => {
  it('fit the columns: int4 up to 2³¹−1, int8 up to 2⁵³−1, integers only, finite', () => {
    expect(int4().safeParse(INT4_MAX).success).toBe(true)
    expect(int4().safeParse(INT4_MAX + 1).success).toBe(false)
    expect(int4().safeParse(-1).success).toBe(false)
    expect(int4(-5).safeParse(-5).success).toBe(true)
    expect(int8().safeParse(Number.MAX_SAFE_INTEGER).success).toBe(true)
    expect(int8().safeParse(2 ** 53).success).toBe(false)
    expect(int8().safeParse(1.5).success).toBe(false)
    expect(int8().safeParse(Infinity).success).toBe(false)
    expect(int8().safeParse(JSON.parse('9223372036854775808')).success).toBe(false)
  })
})

describe('wire-safe JSON', () => {
  it('jsonProblem: depth, size, strings, keys, numbers — iteratively (100k deep is a problem, not a stack overflow)', () => {
    expect(jsonProblem({ a: [1, 'x', null, true, { b: '中文' }] }, FORM_LIMITS)).toBeNull()
    expect(jsonProblem(deepValue(100_000), FORM_LIMITS)?.message).toMatch(/层级过深/)
    expect(jsonProblem(deepValue(FORM_LIMITS.maxDepth), FORM_LIMITS)).toBeNull()
    expect(jsonProblem(deepValue(FORM_LIMITS.maxDepth + 1), FORM_LIMITS)?.message).toMatch(/层级过深/)
    expect(jsonProblem({ a: { b: 'x\u0000' } }, FORM_LIMITS)).toEqual({ path: 'a.b', message: expect.stringMatching(/U\+0000/) })
    expect(jsonProblem({ list: ['ok', '\uD800'] }, FORM_LIMITS)?.path).toBe('list[1]')
    expect(jsonProblem(JSON.parse('{"a\\u0000":1}'), FORM_LIMITS)?.message).toMatch(/字段名/)
    expect(jsonProblem({ n: Infinity }, FORM_LIMITS)?.message).toBe('数字无效')
    expect(jsonProblem({ s: 'x'.repeat(FORM_LIMITS.maxString + 1) }, FORM_LIMITS)?.message).toMatch(/文字过长/)
    expect(jsonProblem(Array.from({ length: FORM_LIMITS.maxNodes }, () => 1), FORM_LIMITS)?.message).toMatch(/内容过多/)
    expect(jsonProblem({ d: new Date(0) }, FORM_LIMITS)?.message).toMatch(/JSON 对象/)
    expect(jsonProblem({ f: () => 1 }, FORM_LIMITS)?.message).toMatch(/JSON 值/)
    // A property left undefined (a desk window's structured clone) is no problem.
    expect(jsonProblem({ note: undefined }, CONTRACT_LIMITS)).toBeNull()
  })

  it('safeJsonObject: an object within the limits, the path in the message; prototype keys are only data', () => {
    const form = safeJsonObject(FORM_LIMITS)
    expect(form.safeParse([]).success).toBe(false)
    expect(form.safeParse('x').success).toBe(false)
    expect(form.safeParse({ a: { b: '\u0000' } }).error?.issues[0].message).toMatch(/^a\.b：/)
    const parsed = form.parse(JSON.parse('{"__proto__":{"polluted":1},"toString":"x"}')) as Record<string, unknown>
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(hasOwn(parsed, 'toString')).toBe(true)
    expect(hasOwn({}, 'toString')).toBe(false)
    expect(hasOwn({}, '__proto__')).toBe(false)
    expect(z.object({ args: safeJsonObject(ARGS_LIMITS) }).safeParse({ args: deepValue(ARGS_LIMITS.maxDepth + 1) }).success).toBe(false)
  })

  it('jsonTextDepth / jsonTextProblem scan the text without parsing it (strings and escapes skipped)', () => {
    expect(jsonTextDepth('{"a":[1,{"b":2}]}')).toBe(3)
    expect(jsonTextDepth('{"a":"[[[[{{{{\\"[["}')).toBe(1)
    expect(jsonTextDepth('"\\\\"')).toBe(0)
    expect(jsonTextDepth(deepText(100_000), 50)).toBe(51)
    expect(jsonTextProblem(deepText(JSON_BODY_MAX_DEPTH))).toBeNull()
    expect(jsonTextProblem(deepText(JSON_BODY_MAX_DEPTH + 1))).toMatch(/嵌套层级过深/)
    expect(jsonTextProblem('['.repeat(100_000))).toMatch(/嵌套层级过深/)
  })
})
