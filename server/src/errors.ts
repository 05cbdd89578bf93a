import { z } from 'zod'
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
  // Staff administration and setup (PROTOCOL.md, Staff administration and setup).
  | 'SETUP_REQUIRED'
  | 'SETUP_CODE'
  | 'SETUP_DONE'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'SESSION_ENDED'
  | 'SESSION_IDLE'
  | 'PASSWORD_CHANGED'
  | 'ACCOUNT_DISABLED'

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

/** The protocol's answer to an HttpError or DomainError; undefined for anything else (a 500). */
export function errorAnswer(e: unknown): { status: number; code: string; message: string; headers: Record<string, string> } | undefined {
  if (e instanceof HttpError) return { status: e.status, code: e.code, message: e.message, headers: e.headers }
  if (e instanceof DomainError) return { status: DOMAIN_STATUS[e.code] ?? 400, code: e.code, message: e.message, headers: {} }
  return undefined
}

const zhCN = z.locales.zhCN().localeError

/** The first issue as one Chinese sentence, prefixed with where it is (`applicant.name：…`). */
export function zodMessage(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return '输入有误'
  const path = first.path.map(String).join('.')
  return path ? `${path}：${first.message}` : first.message
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
