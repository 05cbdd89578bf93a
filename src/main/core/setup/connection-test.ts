import { type ConnectionStage, type ConnectionTest, helloSchema } from '../../../shared/api/staff'
import { DomainError } from '../../../shared/result'
import { type FetchFn, SCHEMA_VERSION } from '../sync/http'
import { checkServerAddress } from './address'

/** Every code and message an error and its causes carry (Node's fetch: `cause.code`; Electron's net.fetch: `net::ERR_…`). */
export function errorText(e: unknown): string {
  const parts: string[] = []
  for (let x = e as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) {
    parts.push(String(x.name ?? ''), String(x.code ?? ''), String(x.message ?? ''))
  }
  return parts.join(' ')
}

const FAILURES: { stage: ConnectionStage; test: RegExp; message: (host: string) => string }[] = [
  { stage: 'dns', test: /ENOTFOUND|EAI_AGAIN|EAI_NONAME|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/, message: (h) => `找不到主机“${h}”（域名解析失败）：请检查地址拼写，或本机的 DNS 设置` },
  {
    stage: 'tls',
    test: /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|EPROTO|SSL routines|wrong version number/i,
    message: (h) => `与“${h}”的加密连接（TLS）失败：证书不受信任、已过期或与地址不符。请确认地址，并请信息技术人员把单位的根证书安装到本机`
  },
  { stage: 'refused', test: /ECONNREFUSED|ERR_CONNECTION_REFUSED/, message: (h) => `“${h}”拒绝连接：交换服务可能未启动，或端口不对` },
  {
    stage: 'timeout',
    test: /TimeoutError|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT|EHOSTUNREACH|ENETUNREACH|ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED/,
    message: (h) => `连接“${h}”超时或网络不通：请检查网络、防火墙或代理设置`
  }
]

/**
 * Tests an exchange service address the way the desk will use it: the address rules (https unless loopback),
 * then `GET /hello` — naming what failed: the address, DNS, a refused connection, a timeout, TLS, a server that
 * is not a CaseDesk exchange service, or one speaking another protocol version.
 */
export async function testConnection(raw: string, fetch: FetchFn, timeoutMs = 10_000): Promise<ConnectionTest> {
  let url: string
  try {
    url = checkServerAddress(raw)
  } catch (e) {
    const message = e instanceof DomainError ? e.message : String(e)
    return { ok: false, stage: /^http:\/\//i.test(raw.trim()) && /https/.test(message) ? 'insecure' : 'address', message }
  }
  const host = new URL(url).host
  let res: Response
  try {
    res = await fetch(`${url}/hello`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' })
  } catch (e) {
    const text = errorText(e)
    const known = FAILURES.find((f) => f.test.test(text))
    if (known) return { ok: false, stage: known.stage, message: known.message(host) }
    return { ok: false, stage: 'refused', message: `无法连接“${host}”：${text.replace(/\s+/g, ' ').trim().slice(0, 200)}` }
  }
  const body = await res.json().catch(() => undefined)
  const hello = helloSchema.safeParse(body)
  if (!res.ok || !hello.success) {
    return { ok: false, stage: 'not_service', message: `“${host}”有服务应答（${res.status}），但不是 CaseDesk 交换服务：请检查地址和路径` }
  }
  const { schema, version, setupRequired, serviceId } = hello.data
  if (schema !== SCHEMA_VERSION) {
    return {
      ok: false,
      stage: 'version',
      serverVersion: version,
      message: `交换服务的同步协议版本（${schema}）与本机（${SCHEMA_VERSION}）不一致：请把${schema > SCHEMA_VERSION ? '本机 CaseDesk' : '交换服务'}升级到同一版本`
    }
  }
  return {
    ok: true,
    stage: 'ok',
    serverVersion: version,
    setupRequired,
    serviceId,
    message: setupRequired ? `已连接交换服务（版本 ${version}）。该服务尚未初始化：请用其启动时显示的初始化码创建第一个管理员` : `已连接交换服务（版本 ${version}）`
  }
}
