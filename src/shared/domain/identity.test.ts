import { describe, expect, it } from 'vitest'
import { birthDateFromId, checkResidentId, idCheckChar, isGb11643IdType, isMainlandMobile, normalizeMobile, normalizeResidentId, residentIdProblems, sexFromId } from './identity'
import { maskEmail, maskIdNumber, maskMobile, maskName } from './masking'

describe('GB 11643 resident ID numbers', () => {
  it('accepts valid numbers, including an X check character', () => {
    expect(checkResidentId('11010519491231002X')).toBeNull()
    expect(idCheckChar('11010519491231002')).toBe('X')
  })
  it('rejects a wrong check character, a bad date and a bad format', () => {
    expect(checkResidentId('110105194912310021')).toBe('checksum')
    expect(checkResidentId('110105194902300027')).toBe('birth_date')
    expect(checkResidentId('11010519491231002x')).toBe('format')
    expect(checkResidentId('1101051949123100')).toBe('format')
  })
  it('accepts what the standard accepts and nothing else: a number born in 1880 is valid (issue 14)', () => {
    expect(checkResidentId('440524188001010014')).toBeNull()
    expect(checkResidentId('440524188002300014')).toBe('birth_date')
  })
  it('knows the mainland ID however the portal labels it, and not passports or 通行证', () => {
    for (const label of ['居民身份证', '身份证', ' 居民 身份证 ', '临时居民身份证', '中华人民共和国居民身份证', '港澳台居民居住证']) expect(isGb11643IdType(label)).toBe(true)
    for (const label of ['护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证件护照', '']) expect(isGb11643IdType(label)).toBe(false)
  })
  it('compares the birth date and sex given with the number', () => {
    const id = '11010519491231002X' // born 1949-12-31, female
    expect(residentIdProblems({ idNumber: id, birthDate: '1949-12-31', sex: 'female' })).toEqual([])
    expect(residentIdProblems({ idNumber: id, birthDate: '1949-12-30', sex: 'male' })).toEqual(['出生日期 1949-12-30 与身份证号码不符（号码中为 1949-12-31）', '性别与身份证号码不符（号码中为女）'])
    expect(residentIdProblems({ idNumber: '110105194912310021', birthDate: '1949-12-31', sex: 'female' })).toEqual(['身份证号码校验位错误'])
  })
  it('writes numbers as the standard and the carriers do', () => {
    expect(normalizeResidentId(' 11010519491231002x ')).toBe('11010519491231002X')
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000')
    expect(normalizeMobile('0086 13800138000')).toBe('13800138000')
    expect(normalizeMobile('+44 7700 900123')).toBe('+447700900123')
  })
  it('derives birth date and sex', () => {
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31')
    expect(sexFromId('11010519491231002X')).toBe('female')
    expect(sexFromId('110105199001011232')).toBe('male')
  })
  it('checks mainland mobiles', () => {
    expect(isMainlandMobile('13412344707')).toBe(true)
    expect(isMainlandMobile('12412344707')).toBe(false)
  })
})

describe('masking as the seeds show it', () => {
  it('masks name, mobile, e-mail and ID', () => {
    expect(maskName('刘洋')).toBe('刘*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskMobile('13412344707')).toBe('134****4707')
    expect(maskEmail('yangli@cscse.edu.cn')).toBe('y****i@cscse.edu.cn')
    expect(maskIdNumber('13010119900101880X')).toBe('1301**********880X')
    expect(maskIdNumber('E12345678')).toBe('E******78')
    expect(maskEmail('ab@cscse.edu.cn')).toBe('a*@cscse.edu.cn')
  })
})
