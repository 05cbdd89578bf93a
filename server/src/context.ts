import type { Staff } from './auth/sessions'
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
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: Staff
  }
}
