import { eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sanitizeText } from '../../../src/shared/api/wire-safe'
import { maskName } from '../../../src/shared/domain/masking'
import { DOCUMENT_LABEL, normalizeVerificationCode } from '../../../src/shared/domain/numbers'
import { officeToday } from '../clock'
import type { AppContext } from '../context'
import { schema } from '../db'
import { loadOfficeSettings } from '../office'
import { renderVerifyPage } from './page'

/**
 * The public verification page (no sign-in): whoever holds a letter types its verification code (or
 * scans its QR code, which opens `/verify/<code>`) and sees the document's type, number, date and the
 * masked holder — or that it was voided or revoked. Every check is logged.
 */
export interface VerifyResult {
  status: 'draft' | 'issued' | 'void' | 'revoked'
  docType: string
  docTypeLabel: string
  number: string
  issuedOn: string
  holder: string
  verificationCode: string
  statusReason: string | null
  statusOn: string | null
}

export type VerifyAnswer = { found: true; document: VerifyResult } | { found: false; code: string; reason: 'format' | 'unknown' }

const day = (at: Date) => officeToday({ now: () => at })

async function verify(ctx: AppContext, req: FastifyRequest, sent: string): Promise<VerifyAnswer> {
  // What was typed is logged and shown back: a NUL, control character or lone surrogate makes it malformed (400),
  // and only its cleaned text is kept.
  const typed = sanitizeText(sent, 200)
  const code = typed === sent ? normalizeVerificationCode(typed) : null
  const d = schema.issuedDocuments
  const [row] = code
    ? await ctx.sdb.db
        .select({ doc: d, holder: schema.applicants.name })
        .from(d)
        .innerJoin(schema.cases, eq(schema.cases.id, d.caseId))
        .innerJoin(schema.applicants, eq(schema.applicants.id, schema.cases.applicantId))
        .where(eq(d.verificationCode, code))
    : []
  await ctx.sdb.db.insert(schema.verificationChecks).values({
    code: sanitizeText(typed.trim(), 40),
    documentId: row?.doc.id ?? null,
    checkedAt: ctx.clock.now(),
    ip: req.ip,
    userAgent: sanitizeText(String(req.headers['user-agent'] ?? ''), 200)
  })
  if (!row) return { found: false, code: sanitizeText(typed.trim(), 40), reason: code ? 'unknown' : 'format' }
  const { doc } = row
  return {
    found: true,
    document: {
      status: doc.status,
      docType: doc.docType,
      docTypeLabel: (DOCUMENT_LABEL as Record<string, string>)[doc.docType] ?? '文书',
      number: doc.number,
      issuedOn: day(doc.issuedAt),
      holder: maskName(row.holder),
      verificationCode: doc.verificationCode,
      statusReason: doc.statusReason,
      statusOn: doc.statusAt ? day(doc.statusAt) : null
    }
  }
}

const statusOf = (a: VerifyAnswer) => (a.found ? 200 : a.reason === 'format' ? 400 : 404)

export function registerVerify(app: FastifyInstance, ctx: AppContext): void {
  // The form (and its submission: ?code=…).
  app.get<{ Querystring: { code?: string } }>('/verify', async (req, reply) => {
    const typed = typeof req.query.code === 'string' ? req.query.code : ''
    const office = await loadOfficeSettings(ctx.sdb.db)
    if (!typed.trim()) return reply.type('text/html; charset=utf-8').send(renderVerifyPage(null, office))
    const answer = await verify(ctx, req, typed)
    return reply.status(statusOf(answer)).type('text/html; charset=utf-8').send(renderVerifyPage(answer, office))
  })
  app.get<{ Params: { code: string } }>('/verify/:code', async (req, reply) => {
    const answer = await verify(ctx, req, req.params.code)
    return reply.status(statusOf(answer)).type('text/html; charset=utf-8').send(renderVerifyPage(answer, await loadOfficeSettings(ctx.sdb.db)))
  })
  app.get<{ Params: { code: string } }>('/api/verify/:code', async (req, reply) => {
    const answer = await verify(ctx, req, req.params.code)
    return reply.status(statusOf(answer)).send(answer)
  })
}
