/** A case's applicant form (`cases.form`, JSON) as an object; `{}` when it is not one. */
export function parseFormJson(form: string | null | undefined): Record<string, unknown> {
  try {
    const f = JSON.parse(form ?? '{}') as unknown
    return f !== null && typeof f === 'object' && !Array.isArray(f) ? (f as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
