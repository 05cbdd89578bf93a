import type { LightMyRequestResponse } from 'fastify'
import type { Desk, TestServer } from './harness'

/** A password the policy accepts. */
export const GOOD_PASSWORD = 'Zhanghu-2026-mima'

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A request with the desk's headers (bearer token, schema version). */
export const call = (t: TestServer, d: Desk, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
  t.app.inject({ method, url, headers: d.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })

export const errorOf = (r: LightMyRequestResponse): { code: string; message: string } => (r.json() as { error: { code: string; message: string } }).error

/**
 * An account created by the demo admin (`POST /admin/staff`), signed in with its temporary password and
 * its password changed to GOOD_PASSWORD: a desk ready to work. Returns the desk and the account's id.
 */
export async function newAccount(t: TestServer, admin: Desk, input: { username: string; displayName?: string; role: string; scopes?: string[] | null }) {
  const created = await call(t, admin, 'POST', '/admin/staff', { displayName: `测试${input.username}`, scopes: null, ...input })
  if (created.statusCode !== 201) throw new Error(`create ${created.statusCode}: ${created.body}`)
  const { staff, temporaryPassword } = created.json() as { staff: { id: number }; temporaryPassword: string }
  const desk = await t.desk(input.username, temporaryPassword)
  const changed = await call(t, desk, 'POST', '/auth/password', { oldPassword: temporaryPassword, newPassword: GOOD_PASSWORD })
  if (changed.statusCode !== 200) throw new Error(`password ${changed.statusCode}: ${changed.body}`)
  return { desk, id: staff.id }
}
