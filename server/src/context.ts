import type { SecurityCache } from './auth/security'
import type { SessionRef, Staff } from './auth/sessions'
import type { StaffPresence } from './auth/setup'
import type { Clock } from './clock'
import type { ServerDb } from './db'
import type { Pokes } from './sync/pokes'

/** What every route plugin needs. */
export interface AppContext {
  sdb: ServerDb
  clock: Clock
  pokes: Pokes
  /** The applicant portal's API key (`x-portal-key`); the portal endpoints answer 403 without one configured. */
  portalKey?: string
  /** The account-security settings (idle minutes), read at most once a minute. */
  security: SecurityCache
  /** Whether any staff account exists (cached once true): until then staff routes answer `409 SETUP_REQUIRED`. */
  presence: StaffPresence
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: Staff
    /** The bearer session of a staff request. */
    session?: SessionRef
  }
}
