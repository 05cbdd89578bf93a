import { describe, expect, it } from 'vitest'
import { typeOptionsFor } from '../../lib/labels'
import { addressProblem, modeText } from './labels'

describe('addressProblem', () => {
  it('takes https anywhere and http only to this computer', () => {
    expect(addressProblem('https://casedesk.example.cn')).toBeNull()
    expect(addressProblem('https://10.0.0.5:8443/')).toBeNull()
    for (const local of ['http://desk.localhost:8787', 'http://localhost:8787', 'http://127.0.0.1:8787', 'http://127.1.2.3', 'http://[::1]:8787']) expect(addressProblem(local)).toBeNull()
    expect(addressProblem('http://casedesk.example.cn')).toContain('https://')
    expect(addressProblem('http://10.0.0.5:8787')).toContain('https://')
    expect(addressProblem('http://localhost.example.cn')).toContain('https://')
  })

  it('names an empty or malformed address', () => {
    expect(addressProblem('  ')).toBe('请填写交换服务地址')
    expect(addressProblem('casedesk.example.cn:8443')).toBeNull() // taken as https://
    expect(addressProblem('https://exa mple.cn')).toContain('地址格式不正确')
    expect(addressProblem('ftp://casedesk.example.cn')).toContain('https://')
  })
})

describe('modeText', () => {
  it('says how the desk is set up', () => {
    expect(modeText({ mode: 'standalone', serverUrl: null })).toBe('单机使用')
    expect(modeText({ mode: 'server', serverUrl: 'https://casedesk.example.cn' })).toBe('交换服务 https://casedesk.example.cn')
    expect(modeText({ mode: 'unset', serverUrl: null })).toBe('尚未设置')
  })
})

describe('typeOptionsFor', () => {
  it('offers an account limited to some case types only those', () => {
    expect(typeOptionsFor({ role: 'clerk', scopes: ['archive_deposit', 'material_filing'] }).map((o) => o.label)).toEqual(['存档申请', '档案材料归档'])
    expect(typeOptionsFor({ role: 'clerk', scopes: null }).length).toBeGreaterThan(5)
  })
})
