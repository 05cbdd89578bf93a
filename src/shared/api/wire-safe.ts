import { z } from 'zod'

/**
 * The building blocks of every wire schema (portal → exchange service, desk ↔ service, renderer ↔ desk bridge).
 * Strings refuse NUL and lone surrogates (PostgreSQL's text and jsonb cannot hold them, and a broken UTF-16
 * string cannot be encoded) and have lengths; integers have ranges that fit the columns they are stored in;
 * free JSON (forms, mutation args) has a depth and size limit, checked without recursion.
 */

const NUL = /\u0000/
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const LINE_CONTROL = /[\u0000-\u001f\u007f]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a string cannot be stored or shown as it is, in Chinese; null when it can. `line`: no line breaks or tabs either. */
export function textProblem(s: string, line = false): string | null {
  if (NUL.test(s)) return '含有空字符（U+0000）'
  if (LONE_SURROGATE.test(s)) return '含有无效的 Unicode 字符'
  if ((line ? LINE_CONTROL : CONTROL).test(s)) return '含有控制字符'
  return null
}

const refined = (schema: z.ZodString, line: boolean) =>
  schema.superRefine((s, ctx) => {
    const problem = textProblem(s, line)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/** A trimmed string of min..max characters; `required` (Chinese) is the message when it is absent, not a string or too short. */
const sized = (max: number, min: number, required?: string) =>
  required === undefined ? z.string().trim().min(min).max(max) : z.string(required).trim().min(min, required).max(max, `不能超过 ${max} 个字符`)

/** One line a person types (a name, a number): trimmed, min..max characters, no control characters. */
export const safeLine = (max: number, min = 1, required?: string) => refined(sized(max, min, required), true)
/** Free text that may have line breaks (a reason, a note): trimmed, min..max characters, no other control characters. */
export const safeText = (max: number, min = 1, required?: string) => refined(sized(max, min, required), false)
/** An identifier or code as sent (not trimmed): 1..max characters, no control characters. */
export const safeId = (max: number) => refined(z.string().min(1).max(max), true)

/** PostgreSQL `integer` (and SQLite's 32-bit uses): −2³¹..2³¹−1. */
export const INT4_MAX = 2_147_483_647
/** PostgreSQL `bigint` as JavaScript can hold it exactly. */
export const INT8_MAX = Number.MAX_SAFE_INTEGER

/** An integer that fits a PostgreSQL `integer` column (min defaults to 0). */
export const int4 = (min = 0, max = INT4_MAX) => z.number().int().min(min).max(max)
/** An integer that fits a PostgreSQL `bigint` column exactly (min defaults to 0). */
export const int8 = (min = 0, max = INT8_MAX) => z.number().int().min(min).max(max)

export interface JsonLimits {
  /** Deepest nesting of objects/arrays (the value itself is depth 0). */
  maxDepth: number
  /** Most values in the whole tree (every object, array, key and scalar counts one). */
  maxNodes: number
  /** Longest string (key or value), in UTF-16 units. */
  maxString: number
}

export const FORM_LIMITS: JsonLimits = { maxDepth: 8, maxNodes: 5000, maxString: 10_000 }
export const ARGS_LIMITS: JsonLimits = { maxDepth: 12, maxNodes: 20_000, maxString: 20_000 }
/** Any renderer → desk call's input (IPC and the loopback bridge): the largest is a 2 MB file as base64. */
export const CONTRACT_LIMITS: JsonLimits = { maxDepth: 16, maxNodes: 100_000, maxString: 3_000_000 }

/**
 * Why a JSON value (already parsed) cannot be stored: too deep, too large, a bad string or key, a number that
 * is not finite, or anything JSON cannot hold. Iterative: a value nested 100k levels deep is refused, not a stack overflow.
 * Returns `{ path, message }` of the first problem, or null.
 */
export function jsonProblem(value: unknown, limits: JsonLimits): { path: string; message: string } | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }]
  let nodes = 0
  while (stack.length) {
    const { v, path, depth } = stack.pop()!
    if (++nodes > limits.maxNodes) return { path, message: `内容过多（上限 ${limits.maxNodes} 项）` }
    // undefined: a property a desk window left unset (structured clone keeps it; JSON drops it).
    if (v === null || v === undefined || typeof v === 'boolean') continue
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path, message: '数字无效' }
      continue
    }
    if (typeof v === 'string') {
      if (v.length > limits.maxString) return { path, message: `文字过长（上限 ${limits.maxString} 字）` }
      const problem = textProblem(v)
      if (problem) return { path, message: problem }
      continue
    }
    if (typeof v !== 'object') return { path, message: '不是有效的 JSON 值' }
    if (depth >= limits.maxDepth) return { path, message: `层级过深（上限 ${limits.maxDepth} 层）` }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 })
      continue
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return { path, message: '不是有效的 JSON 对象' }
    const keys = Object.keys(v)
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]
      const keyProblem = k.length > 200 ? '字段名过长' : textProblem(k, true)
      if (keyProblem) return { path, message: `字段名${keyProblem}` }
      stack.push({ v: (v as Record<string, unknown>)[k], path: path ? `${path}.${k}` : k, depth: depth + 1 })
    }
  }
  return null
}

/** A JSON object (a form, a mutation's args) within `limits`; anything else is a validation issue at the offending path. */
export const safeJsonObject = (limits: JsonLimits) =>
  z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
    const problem = jsonProblem(v, limits)
    if (problem) ctx.addIssue({ code: 'custom', message: problem.path ? `${problem.path}：${problem.message}` : problem.message })
  })

const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * The text with every character that cannot be stored or shown (NUL, other controls but tab and line breaks,
 * lone surrogates) replaced by U+FFFD, at most `max` UTF-16 units (never cutting a pair in two). For what the
 * service itself writes from what it was sent: a message naming a bad field, a refused mutation's name.
 */
export function sanitizeText(s: string, max = 2000): string {
  let out = s.replace(UNSAFE_CHARS, '\uFFFD')
  if (out.length > max) out = out.slice(0, max).replace(UNSAFE_CHARS, '\uFFFD')
  return out
}

/** `key` is the object's own property (never `in`: `__proto__`, `toString` are not a subtype or a field). */
export const hasOwn = (o: object, key: string): boolean => Object.hasOwn(o, key)

/** Deepest nesting a JSON request body may have (any route's shape fits well within it). */
export const JSON_BODY_MAX_DEPTH = 40

/**
 * How deep JSON text nests, scanned without parsing and without recursion (strings skipped, escapes honoured);
 * stops counting once past `limit`. Checked before `JSON.parse`, so nothing recursive (a schema, a hash of the
 * body, the database driver's JSON.stringify) ever sees a body nested 100k levels deep.
 */
export function jsonTextDepth(text: string, limit = Infinity): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth
      if (deepest > limit) return deepest
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return deepest
}

/** Why JSON text cannot be taken as a request body (too deep), in Chinese; null when it can be parsed. */
export function jsonTextProblem(text: string, maxDepth = JSON_BODY_MAX_DEPTH): string | null {
  return jsonTextDepth(text, maxDepth) > maxDepth ? `请求内容嵌套层级过深（上限 ${maxDepth} 层）` : null
}
