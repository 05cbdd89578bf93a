import { describe, expect, it } from 'vitest'
import { chineseAmount, toFen, yuanFigures } from './amount'

describe('chineseAmount', () => {
  it('writes the certification fee as the receipt does', () => {
    expect(chineseAmount(360)).toBe('人民币叁佰陆拾元整')
    expect(yuanFigures(360)).toBe('360.00')
  })

  it.each([
    [0, '人民币零元整'],
    [1, '人民币壹元整'],
    [10, '人民币壹拾元整'],
    [15, '人民币壹拾伍元整'],
    [100, '人民币壹佰元整'],
    [101, '人民币壹佰零壹元整'],
    [110, '人民币壹佰壹拾元整'],
    [1005, '人民币壹仟零伍元整'],
    [1050, '人民币壹仟零伍拾元整'],
    [10000, '人民币壹万元整'],
    [10500, '人民币壹万零伍佰元整'],
    [100500, '人民币壹拾万零伍佰元整'],
    [1000001, '人民币壹佰万零壹元整'],
    [20030000, '人民币贰仟零叁万元整'],
    [100000000, '人民币壹亿元整'],
    [100010000, '人民币壹亿零壹万元整'],
    [360.5, '人民币叁佰陆拾元伍角'],
    [360.05, '人民币叁佰陆拾元零伍分'],
    [360.55, '人民币叁佰陆拾元伍角伍分'],
    [0.08, '人民币捌分'],
    [0.5, '人民币伍角']
  ])('%s → %s', (yuan, text) => {
    expect(chineseAmount(yuan)).toBe(text)
  })

  it('prints figures with two decimals and refuses what is not an amount', () => {
    expect(yuanFigures(0.1)).toBe('0.10')
    expect(yuanFigures(1234.5)).toBe('1234.50')
    expect(toFen(0.29)).toBe(29) // 0.29 * 100 is 28.999… in floating point
    for (const bad of [-1, 0.001, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => chineseAmount(bad)).toThrow(/invalid amount/)
  })
})
