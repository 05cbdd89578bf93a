import type { SessionRef } from '../auth/sessions'
import { HttpError } from '../errors'

/**
 * A desk pushes and asks for numbers only under the `clientId` its session was opened with (`POST
 * /auth/sign-in {clientId}`): another staff member cannot write into a desk's sequence or its number blocks.
 */
export function requireBoundClient(session: SessionRef | undefined, clientId: string): void {
  if (!session?.clientId) throw new HttpError(403, 'FORBIDDEN', '本次登录未登记窗口标识（clientId），不能同步；请在窗口程序中重新登录')
  if (session.clientId !== clientId) throw new HttpError(403, 'FORBIDDEN', '同步使用的窗口标识与本次登录的窗口不符，已拒绝')
}
