import { describe, expect, it } from 'vitest'
import { describeValue, errorDetail, errorLine } from './error-detail'

describe('error detail (复制详情)', () => {
  it('names the case, the error and the component stack', () => {
    const text = errorDetail({
      what: '申请表',
      caseNumber: 'CD-2026-000123',
      error: new TypeError('rawData.some is not a function'),
      componentStack: '\n    at Table\n    at DepositFormView',
      at: new Date('2026-11-23T02:00:00Z')
    })
    expect(text).toContain('无法显示：申请表')
    expect(text).toContain('业务编号：CD-2026-000123')
    expect(text).toContain('时间：2026-11-23T02:00:00.000Z')
    expect(text).toContain('错误：TypeError: rawData.some is not a function')
    expect(text).toContain('  at DepositFormView')
  })

  it('leaves the case number out when it is not known', () => {
    expect(errorDetail({ what: '页面', error: new Error('x') })).not.toContain('业务编号')
  })

  it('describes whatever was thrown without throwing itself', () => {
    expect(errorLine('boom')).toBe('boom')
    expect(errorLine({ a: 1 })).toBe('非错误对象：{"a":1}')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(errorLine(cyclic)).toBe('非错误对象：[object Object]')
    expect(errorLine(undefined)).toBe('非错误对象：undefined')
  })

  it('describes a stored value by type and the start of its JSON', () => {
    expect(describeValue('not-a-list')).toBe('string "not-a-list"')
    expect(describeValue(7)).toBe('number 7')
    expect(describeValue(null)).toBe('null null')
    expect(describeValue('x'.repeat(300))).toHaveLength('string '.length + 200 + 1)
  })
})
