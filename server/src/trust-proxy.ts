import { isIP } from 'node:net'

/**
 * `--trust-proxy <addresses>`: the reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` the service
 * believes — a comma-separated list of IP addresses or CIDR ranges (`127.0.0.1`, `10.0.0.0/8,127.0.0.1`,
 * `::1`), handed to Fastify's `trustProxy` as a string. A request from any other peer keeps its own address.
 */
export function parseTrustProxy(value: string): { ok: true; value: string } | { ok: false; message: string } {
  const items = value.split(',').map((s) => s.trim())
  for (const item of items) {
    const [address, prefix, ...rest] = item.split('/')
    const family = isIP(address ?? '')
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32))
    if (!item || !family || rest.length || !prefixOk || item.includes('%')) {
      return { ok: false, message: `--trust-proxy 的值应为反向代理的 IP 地址或网段（CIDR），多个用逗号分隔，例如 --trust-proxy 127.0.0.1 或 --trust-proxy 10.0.0.0/8,127.0.0.1；无法识别：${item || '（空）'}` }
    }
  }
  return { ok: true, value: items.join(',') }
}
