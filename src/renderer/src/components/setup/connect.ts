import type { SetupStatus } from '../../../../shared/api/staff'
import { api } from '../../api'

/** Makes this desk a desk of the service at `url` (`setup.connect` tests it first); resolves to what failed, or null. */
export async function connectTo(url: string, onConnected: (s: SetupStatus) => void): Promise<string | null> {
  const r = await api.setup.connect({ url })
  if (!r.ok) return r.error.message
  onConnected(r.value)
  return null
}
