import { z } from 'zod'
import type { Role } from '../domain/roles'
import { IMPORT_MODES, PROGRAMME_LEVELS, PROGRAMME_STATUSES } from '../domain/joint-programmes'

/** Who imports the joint-programme register (a supervisor; an administrator may too). */
export const PROGRAMME_KEEPERS: readonly Role[] = ['supervisor', 'admin']
/** Who looks programmes up: everyone who may open the register page (reviewers at the certification workbench). */
const PROGRAMME_READERS: readonly Role[] = ['clerk', 'reviewer', 'supervisor', 'admin']

/** A CSV of at most 2 MB (base64 grows it by a third). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024

/** The register's channels (contract.ts spreads them in; the outputs are listed there). */
export const programmeChannels = {
  /** 合作办学项目: partial match on code, name, Chinese or foreign institution; filters; one page. */
  'programmes.search': {
    input: z.object({
      query: z.string().trim().max(60).default(''),
      level: z.enum(['all', ...PROGRAMME_LEVELS]).default('all'),
      status: z.enum(['all', ...PROGRAMME_STATUSES]).default('all'),
      page: z.number().int().min(1).max(1_000_000).default(1),
      pageSize: z.number().int().min(1).max(200).default(50)
    }),
    roles: PROGRAMME_READERS
  },
  /** One programme by its exact code (the certification workbench), null when the register has none. */
  'programmes.find': { input: z.object({ code: z.string().trim().min(1).max(40) }), roles: PROGRAMME_READERS },
  /** Starts importing a CSV file (base64): a job; nothing is imported when any line is wrong. */
  'programmes.import': {
    input: z.object({
      fileName: z.string().trim().min(1).max(200),
      base64: z.string().min(1, '文件为空').max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, '文件过大（上限 2 MB）'),
      mode: z.enum(IMPORT_MODES).default('upsert')
    }),
    roles: PROGRAMME_KEEPERS
  }
} as const
