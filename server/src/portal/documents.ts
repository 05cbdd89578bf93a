import { and, asc, eq, isNotNull } from 'drizzle-orm'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { DocumentType } from '../../../src/shared/domain/case-type'
import { DOCUMENT_LABEL } from '../../../src/shared/domain/numbers'
import { sanitizeText } from '../../../src/shared/api/wire-safe'
import { getCase } from '../cases/repo'
import type { Clock } from '../clock'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { HttpError, parseInput } from '../errors'
import { loadOfficeSettings } from '../office'
import { idParams } from './schemas'

/**
 * What the applicant downloads from the portal (seed 002 "自行下载打印调档函", "下载回执单"; 003 §3.5 "证明信下载…盖有
 * 电子签章"; 004 "查看您的电子认证书并进行下载", the 收讫证明): an application's SIGNED letters — a draft, a voided or a
 * revoked letter never leaves the office — each with its verification code, and the file itself, each download
 * recorded (`portal_downloads`).
 */
const d = schema.issuedDocuments
const signed = (caseId: string) => and(eq(d.caseId, caseId), eq(d.status, 'issued'), isNotNull(d.signedSha256), isNotNull(d.signedAt))

export interface PortalLetter {
  id: number
  docType: string
  /** 调档函, 存档证明, 认证书 … */
  label: string
  number: string
  verificationCode: string
  /** Where anyone checks the letter (the office's verification page with the code). */
  verifyUrl: string
  fileName: string
  signedAt: string
  size: number
  /** The file (GET, with the portal's key). */
  url: string
}

export async function portalLetters(db: Db, caseId: string): Promise<{ letters: PortalLetter[] }> {
  await getCase(db, caseId)
  const rows = await db
    .select({ id: d.id, docType: d.docType, number: d.number, verificationCode: d.verificationCode, fileName: d.fileName, signedAt: d.signedAt, size: schema.blobs.size })
    .from(d)
    .innerJoin(schema.blobs, eq(schema.blobs.sha256, d.signedSha256))
    .where(signed(caseId))
    .orderBy(asc(d.id))
  const { verifyBaseUrl } = await loadOfficeSettings(db)
  return {
    letters: rows.map((r) => ({
      id: r.id,
      docType: r.docType,
      label: DOCUMENT_LABEL[r.docType as DocumentType] ?? r.docType,
      number: r.number,
      verificationCode: r.verificationCode,
      verifyUrl: verifyBaseUrl + r.verificationCode,
      fileName: r.fileName,
      signedAt: r.signedAt!.toISOString(),
      size: r.size,
      url: `/portal/applications/${caseId}/documents/${r.id}`
    }))
  }
}

const NOT_DOWNLOADABLE = '此申请没有这份可下载的文书：文书尚未签章、已作废或撤销，或不属于此申请'

/** The signed letter's file, recorded as downloaded by whom the portal names (`x-portal-user`) from where. */
export async function downloadLetter(db: Db, clock: Clock, caseId: string, documentId: number, who: { portalUser: string | null; address: string }) {
  const [row] = await db
    .select({ fileName: d.fileName, data: schema.blobs.data })
    .from(d)
    .innerJoin(schema.blobs, eq(schema.blobs.sha256, d.signedSha256))
    .where(and(eq(d.id, documentId), signed(caseId)))
  if (!row) throw new HttpError(404, 'NOT_FOUND', NOT_DOWNLOADABLE)
  await db.insert(schema.portalDownloads).values({ documentId, caseId, at: clock.now(), portalUser: who.portalUser, address: who.address })
  return row
}

const documentParams = idParams.extend({ documentId: z.coerce.number().int().positive().max(2 ** 31 - 1) })

/** The applicant's account as the portal names it (at most 100 characters, nothing unprintable), if it does. */
const portalUser = (req: FastifyRequest): string | null => {
  const v = req.headers['x-portal-user']
  return typeof v === 'string' && v.trim() ? sanitizeText(v.trim(), 100) : null
}

/** `attachment` with the letter's Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
const disposition = (fileName: string) => `attachment; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`

export function registerPortalDocuments(scope: FastifyInstance, ctx: AppContext): void {
  scope.get('/applications/:id/documents', async (req) => {
    const { id } = parseInput(idParams, req.params)
    return portalLetters(ctx.sdb.db, id)
  })
  scope.get('/applications/:id/documents/:documentId', async (req, reply) => {
    const { id, documentId } = parseInput(documentParams, req.params)
    const file = await downloadLetter(ctx.sdb.db, ctx.clock, id, documentId, { portalUser: portalUser(req), address: req.ip })
    return reply.type('application/pdf').header('content-disposition', disposition(file.fileName)).header('cache-control', 'no-store').send(file.data)
  })
}
