import { isIP } from 'node:net'
import { DomainError } from '../../../shared/result'

/** Loopback: `localhost`, 127.0.0.0/8, ::1 (the only hosts plain http:// may be used with). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (isIP(h) === 4) return h.startsWith('127.')
  return h === '::1' || h === '0:0:0:0:0:0:0:1'
}

/**
 * An exchange service's address as the desk keeps it (`https://host[:port][/path]`, no trailing slash):
 * https is required unless the host is this computer; no user name, password, query or fragment.
 */
export function checkServerAddress(raw: string): string {
  const text = raw.trim()
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
  } catch {
    throw new DomainError('VALIDATION', `交换服务地址格式不正确：${text.slice(0, 100)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DomainError('VALIDATION', '交换服务地址应以 https:// 开头')
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new DomainError('VALIDATION', '连接其他计算机上的交换服务必须使用 https://（加密传输），http:// 只能用于本机地址')
  }
  if (url.username || url.password) throw new DomainError('VALIDATION', '交换服务地址中不能包含用户名或密码')
  if (url.search || url.hash) throw new DomainError('VALIDATION', '交换服务地址中不能包含“?”或“#”部分')
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
}
