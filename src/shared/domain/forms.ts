import type { z } from 'zod'
import type { CaseTypeDef } from './case-type'
import { caseTypeDef } from './case-types'

/**
 * The applicant's form of a case, read through its type's strict schema (every case type has one:
 * `CaseTypeDef.formSchema`). The exchange service stores only the parsed form (trimmed strings, defaults
 * filled in); the desk reads stored forms with `parseStoredForm`, which never throws: a form from an older
 * service, or one that does not match, is a problem to show, not a crash.
 */

export type FormParse = { ok: true; form: Record<string, unknown> } | { ok: false; problem: string }

/** The schema of `subtype`'s form, or null when the type or the subtype is not the definition's own. */
export function formSchemaOfDef(def: CaseTypeDef, subtype: string): z.ZodType | null {
  if (!Object.hasOwn(def.subtypes, subtype)) return null
  return def.formSchema?.(subtype) ?? null
}

/** The schema of a type's and subtype's form, or null when either is unknown. */
export function formSchemaOf(type: string, subtype: string): z.ZodType | null {
  const def = caseTypeDef(type)
  return def ? formSchemaOfDef(def, subtype) : null
}

const pathText = (path: readonly PropertyKey[] | undefined): string =>
  (path ?? []).map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')

/**
 * The wording of an issue the schema has no message of its own for (a per-parse error map: the schema's own
 * wording 「请填写现档案保管机构全称」 wins), in Chinese and naming the field (`cv[1].from`).
 */
function defaultIssueText(issue: z.core.$ZodRawIssue): string {
  const where = pathText(issue.path)
  const field = where ? `“${where}”` : '申请表'
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where ? `${field}中` : ''}有不允许的字段：${issue.keys.join('、')}`
    case 'invalid_type':
      return issue.input === undefined ? `缺少${field}` : `${field}的格式不正确`
    case 'too_small':
      return `${field}过短或过少`
    case 'too_big':
      return `${field}过长或过多`
    default:
      return `${field}的内容不正确`
  }
}

/** `form` checked against the definition's schema for `subtype`: the parsed form, or what is wrong (Chinese). */
export function parseForm(def: CaseTypeDef, subtype: string, form: unknown): FormParse {
  const schema = formSchemaOfDef(def, subtype)
  if (!schema) return { ok: false, problem: `${def.label}没有“${subtype}”这一类别` }
  let parsed: ReturnType<typeof schema.safeParse>
  try {
    parsed = schema.safeParse(form, { error: defaultIssueText })
  } catch (e) {
    return { ok: false, problem: `申请表无法读取：${e instanceof Error ? e.message : String(e)}` }
  }
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? '格式不正确' }
  const out = parsed.data
  if (out === null || typeof out !== 'object' || Array.isArray(out)) return { ok: false, problem: '申请表不是一个对象' }
  return { ok: true, form: out as Record<string, unknown> }
}

/**
 * A stored form (an object, or the JSON text of the desk's `cases.form`) of a case of `type`/`subtype`:
 * `{ ok, form }` with the parsed form, or `{ ok: false, problem }` — never throws. For the renderer's form
 * views, the letters and anything else that reads a form it did not check itself.
 */
export function parseStoredForm(type: string, subtype: string, form: unknown): FormParse {
  const def = caseTypeDef(type)
  if (!def) return { ok: false, problem: `未知的业务类型：${type}` }
  let value = form
  if (typeof form === 'string') {
    try {
      value = JSON.parse(form) as unknown
    } catch {
      return { ok: false, problem: '申请表不是有效的 JSON' }
    }
  }
  return parseForm(def, subtype, value)
}
