import { describe, expect, it } from 'vitest'
import { checkResidentId, isMainlandMobile, sexFromId } from '../../src/shared/domain/identity'
import { passportMrz, mrzCheck } from './pdf'
import { depositForm, makePerson } from './people'
import { REGIONS } from './pools'
import { Rng } from './random'

const TODAY = '2026-11-23'

describe('Rng', () => {
  it('repeats itself for the same seed and makes UUID-shaped ids', () => {
    const a = new Rng(42)
    const b = new Rng(42)
    const xs = Array.from({ length: 50 }, () => a.next())
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Rng(1).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Rng(1).uuid()).toBe(new Rng(1).uuid())
  })
})

describe('makePerson', () => {
  const rng = new Rng(9)
  const used = new Set<string>()
  const people = Array.from({ length: 3000 }, (_, i) => makePerson(rng, i % 3 ? 'outbound' : 'returning', TODAY, used))
  const codes = new Set(REGIONS.map((r) => r.code))

  it('makes unique, valid resident IDs from real region codes, consistent with sex and birth date', () => {
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length)
    for (const p of people) {
      expect(checkResidentId(p.idNumber)).toBeNull()
      expect(codes.has(p.idNumber.slice(0, 6))).toBe(true)
      expect(sexFromId(p.idNumber)).toBe(p.sex)
      expect(p.birthDate >= '1995-01-01' && p.birthDate <= '2006-12-31').toBe(true)
      expect(p.idValidTo > TODAY).toBe(true)
      expect(isMainlandMobile(p.mobile)).toBe(true)
      expect([...p.name].length).toBeGreaterThanOrEqual(2)
      expect([...p.name].length).toBeLessThanOrEqual(4)
    }
  })

  it('writes a CV from high school on, in order, that leads into the study abroad', () => {
    for (const [i, p] of people.entries()) {
      const form = depositForm(p)
      expect(form.cv[0].role).toBe('高中')
      const periods = [...form.cv, ...form.overseas]
      for (const [j, e] of periods.entries()) {
        expect(e.from < e.to).toBe(true)
        if (j > 0) expect(periods[j - 1].to <= e.from).toBe(true)
      }
      const abroad = form.overseas[0]
      if (i % 3) {
        expect(abroad.to > TODAY.slice(0, 7)).toBe(true) // outbound: still studying
        expect(abroad.certificationNumber).toBe('无')
      } else expect(abroad.to <= TODAY.slice(0, 7)).toBe(true) // returning: finished
      expect(abroad.certificationNumber).toMatch(/^(无|教留服认.\[\d{4}\]\d{5}号)$/)
    }
  })
})

describe('passport MRZ', () => {
  it('uses ICAO 9303 check digits', () => {
    // ICAO 9303 specimen: L898902C3 → 6, 740812 → 2, 120415 → 9.
    expect(mrzCheck('L898902C3')).toBe('6')
    expect(mrzCheck('740812')).toBe('2')
    expect(mrzCheck('120415')).toBe('9')
    const [l1, l2] = passportMrz('ZHANG', 'MIN', 'E12345678', '2001-03-04', 'F', '2034-05-24')
    expect(l1).toHaveLength(44)
    expect(l2).toHaveLength(44)
    expect(l1.startsWith('P<CHNZHANG<<MIN<')).toBe(true)
  })
})
