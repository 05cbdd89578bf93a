import type { ConnectionStage, SetupStatus } from '../../../../shared/api/staff'

/** Where a connection test stopped, in the words an office's IT person uses. */
export const STAGE_LABEL: Record<ConnectionStage, string> = {
  address: '地址格式',
  insecure: '安全连接（https）',
  dns: '域名解析（DNS）',
  refused: '连接被拒绝',
  timeout: '连接超时',
  tls: '安全证书（TLS）',
  not_service: '不是 CaseDesk 交换服务',
  version: '版本不匹配',
  ok: '连接成功'
}

/** The desk's mode in one line (the sign-in page's small print, the settings card). */
export function modeText(setup: Pick<SetupStatus, 'mode' | 'serverUrl'>): string {
  if (setup.mode === 'standalone') return '单机使用'
  if (setup.mode === 'server') return `交换服务 ${setup.serverUrl ?? ''}`.trim()
  return '尚未设置'
}

/** This computer itself: localhost (and *.localhost), 127.0.0.0/8, ::1 — the only hosts plain http may be used with. */
const LOOPBACK = /^(localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|\[0:0:0:0:0:0:0:1\])$/i

/**
 * What is wrong with an exchange-service address before it is even tried (the desk checks it again, the same
 * way): an address without a scheme is taken as https; plain http only to this computer itself.
 */
export function addressProblem(value: string): string | null {
  const text = value.trim()
  if (!text) return '请填写交换服务地址'
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
  } catch {
    return '地址格式不正确，应形如 https://casedesk.example.cn'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '地址应以 https:// 开头'
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return '须使用 https:// 加密连接（仅本机地址 localhost / 127.0.0.1 可用 http://）'
  return null
}

export const ADDRESS_HINT = '须使用 https:// 加密连接；仅连接本机（localhost、127.0.0.1）时可用 http://'
