import { parseStoredForm } from '../../../shared/domain/forms'

/** A case's applicant form (`cases.form`, JSON) as an object; `{}` when it is not one. Never throws. */
export function parseFormJson(form: string | null | undefined): Record<string, unknown> {
  try {
    const f = JSON.parse(form ?? '{}') as unknown
    return f !== null && typeof f === 'object' && !Array.isArray(f) ? (f as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/**
 * A case's stored form read through its type's schema (shared/domain/forms.ts): the parsed form and no problem,
 * or — for a form that does not match (an older exchange service, an old record) — the stored object as far as
 * it is one and the problem in Chinese. Never throws.
 */
export function storedForm(c: { type: string; subtype: string; form: string | null | undefined }): { form: Record<string, unknown>; problem: string | null } {
  const parsed = parseStoredForm(c.type, c.subtype, c.form ?? '{}')
  return parsed.ok ? { form: parsed.form, problem: null } : { form: parseFormJson(c.form), problem: `申请表数据格式有误：${parsed.problem}` }
}

/** The parsed form of a case when it matches its type's schema, else null (read it as missing). */
export function validForm(c: { type: string; subtype: string; form: string | null | undefined }): Record<string, unknown> | null {
  const parsed = parseStoredForm(c.type, c.subtype, c.form ?? '{}')
  return parsed.ok ? parsed.form : null
}
