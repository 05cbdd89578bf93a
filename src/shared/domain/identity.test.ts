import { describe, expect, it } from 'vitest'
import { birthDateFromId, checkResidentId, idCheckChar, isMainlandMobile, sexFromId } from './identity'
import { maskEmail, maskIdNumber, maskMobile, maskName } from './masking'

describe('GB 11643 resident ID numbers', () => {
  it('accepts valid numbers, including an X check character', () => {
    expect(checkResidentId('11010519491231002X')).toBeNull()
    expect(checkResidentId('440524188001010014')).toBe('birth_date')
    expect(idCheckChar('11010519491231002')).toBe('X')
  })
  it('rejects a wrong check character, a bad date and a bad format', () => {
    expect(checkResidentId('110105194912310021')).toBe('checksum')
    expect(checkResidentId('110105194902300027')).toBe('birth_date')
    expect(checkResidentId('11010519491231002x')).toBe('format')
    expect(checkResidentId('1101051949123100')).toBe('format')
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
