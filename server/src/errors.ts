import { z } from 'zod'
import { sanitizeText } from '../../src/shared/api/wire-safe'
import { DomainError } from '../../src/shared/result'

/** HTTP-level error codes of the protocol (PROTOCOL.md); the body is `{ error: { code, message } }`. */
export type HttpErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'TOO_LARGE'
  | 'RESYNC'
  | 'SCHEMA_VERSION'
  | 'CORRUPT_FILE'
  | 'IDEMPOTENCY_MISMATCH'
  | 'TOO_MANY_ATTEMPTS'
  | 'INTERNAL'
  // 503 + Retry-After: the service cannot reach its database right now (an outage: try later, nothing was refused).
  | 'DATABASE_UNAVAILABLE'
  // 503 + Retry-After: 1 — a deadlock or serialisation failure with a concurrent request; nothing happened, send it again.
  | 'BUSY'
  // Staff administration and setup (PROTOCOL.md, Staff administration and setup).
  | 'SETUP_REQUIRED'
  | 'SETUP_CODE'
  | 'SETUP_DONE'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'SESSION_ENDED'
  | 'SESSION_IDLE'
  | 'PASSWORD_CHANGED'
  | 'ACCOUNT_DISABLED'
  // Number blocks (PROTOCOL.md, Numbers): a year the service does not number in now; a series at its ceiling.
  | 'NUMBER_YEAR'
  | 'NUMBER_CEILING'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    /** Extra response headers (e.g. `retry-after` of a 429). */
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** HTTP status of a service's DomainError (400 when not listed). */
const DOMAIN_STATUS: Partial<Record<DomainError['code'], number>> = {
  VALIDATION: 400,
  CORRUPT_FILE: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  NOT_CLAIMED: 409,
  CLAIMED_BY_OTHER: 409,
  VERSION_CONFLICT: 409
}

/**
 * The last fence's message: the database refused a value as data (SQLSTATE class 22: invalid text, bytes or
 * JSON, a number out of range; 54001: nested too deep). Every wire schema refuses such input first — an answer
 * with this message means a schema missed it (the fuzz tests fail on it).
 */
export const DATA_FENCE_MESSAGE = '提交的内容含有无法保存的数据（无效字符、超出范围的数字或嵌套过深），请检查后重新提交'

/** A PostgreSQL data error (SQLSTATE class 22, or 54001 stack depth): the input, not the service, is at fault. */
export const isDataError = (e: unknown): boolean => {
  const code = pgCode(e)
  return code !== undefined && (code.startsWith('22') || code === '54001')
}

/** The protocol's answer to an HttpError, DomainError or a database data error (400); undefined for anything else (a 500). */
export const BUSY_MESSAGE = '交换服务繁忙（与另一请求同时修改了同一数据），本次操作未生效，请稍后重试'

export function errorAnswer(e: unknown): { status: number; code: string; message: string; headers: Record<string, string> } | undefined {
  if (e instanceof HttpError) return { status: e.status, code: e.code, message: e.message, headers: e.headers }
  if (e instanceof DomainError) return { status: DOMAIN_STATUS[e.code] ?? 400, code: e.code, message: e.message, headers: {} }
  if (isDataError(e)) return { status: 400, code: 'VALIDATION', message: DATA_FENCE_MESSAGE, headers: {} }
  // Two transactions locked each other (the loser is rolled back whole) or a serialisable read lost its race: nothing
  // of the request happened, and the same request sent again goes through.
  if (['40P01', '40001'].includes(pgCode(e) ?? '')) return { status: 503, code: 'BUSY', message: BUSY_MESSAGE, headers: { 'retry-after': '1' } }
  return undefined
}

const zhCN = z.locales.zhCN().localeError

/** The first issue as one Chinese sentence, prefixed with where it is (`applicant.name：…`). */
export function zodMessage(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return '输入有误'
  // The path and message may quote what was sent (a key, a value): never a NUL or a broken character back, nor into a record.
  const path = first.path.map(String).join('.')
  return sanitizeText(path ? `${path}：${first.message}` : first.message, 500)
}

/** Validates a body/query/params with Chinese messages; a failure is `400 VALIDATION`. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data, { error: zhCN })
  if (!parsed.success) throw new HttpError(400, 'VALIDATION', zodMessage(parsed.error))
  return parsed.data
}

/** Same validation, returning the message instead of throwing (for per-mutation rejections). */
export function checkInput<S extends z.ZodType>(schema: S, data: unknown): { ok: true; value: z.infer<S> } | { ok: false; message: string } {
  const parsed = schema.safeParse(data, { error: zhCN })
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: zodMessage(parsed.error) }
}

/** PostgreSQL's SQLSTATE of an error (drizzle wraps driver errors in `cause`). */
export function pgCode(e: unknown): string | undefined {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) return x.code
  }
  return undefined
}

export const isUniqueViolation = (e: unknown): boolean => pgCode(e) === '23505'
