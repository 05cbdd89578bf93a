import { describe, expect, it } from 'vitest'
import { parseTrustProxy } from './trust-proxy'

describe('--trust-proxy', () => {
  it('takes the proxies’ addresses or CIDR ranges, comma-separated', () => {
    expect(parseTrustProxy('127.0.0.1')).toEqual({ ok: true, value: '127.0.0.1' })
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1')).toEqual({ ok: true, value: '10.0.0.0/8,127.0.0.1' })
    expect(parseTrustProxy('::1,fd00::/8,192.168.1.0/24')).toEqual({ ok: true, value: '::1,fd00::/8,192.168.1.0/24' })
  })

  it('refuses anything else, naming what it could not read', () => {
    for (const [value, bad] of [
      ['', '（空）'],
      ['true', 'true'],
      ['127.0.0.1,', '（空）'],
      ['10.0.0.0/33', '10.0.0.0/33'],
      ['::/129', '::/129'],
      ['10.0.0.0/8/8', '10.0.0.0/8/8'],
      ['10.0.0.0/', '10.0.0.0/'],
      ['proxy.example.cn', 'proxy.example.cn'],
      ['fe80::1%eth0', 'fe80::1%eth0'],
      ['256.1.1.1', '256.1.1.1']
    ]) {
      const r = parseTrustProxy(value)
      expect([value, r.ok]).toEqual([value, false])
      if (!r.ok) expect(r.message).toContain(`无法识别：${bad}`)
    }
  })
})
