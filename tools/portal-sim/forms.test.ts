// Every form the demo generator and the portal simulator make passes its type's strict schema, for every case
// type and subtype of the registry (a type the simulator cannot make fails here, so a new one is not forgotten).
import { describe, expect, it } from 'vitest'
import { CASE_TYPES } from '../../src/shared/domain/case-types'
import { parseStoredForm } from '../../src/shared/domain/forms'
import { certificateForm, intakeForm, materialForm, transferOutForm } from '../demo/archive-holders'
import { certificationPlan, employmentPlan, type EmploymentEdge, personBornOn, refundForm, rereviewForm } from '../demo/certification-people'
import { depositForm, makePerson } from '../demo/people'
import { Rng } from '../demo/random'
import type { EmploymentKind } from '../../src/shared/domain/certification-forms'

const TODAY = '2026-03-02'
const ROUNDS = 40

/** Forms of `type`/`subtype` as the generators make them (the simulator posts these; sim-applications.ts). */
function formsOf(type: string, subtype: string, rng: Rng, used: Set<string>): object[] {
  const out: object[] = []
  for (let i = 0; i < ROUNDS; i++) {
    switch (type) {
      case 'archive_deposit': {
        const p = makePerson(rng, subtype as 'outbound' | 'returning', TODAY, used)
        const form = depositForm(p)
        // The simulator's change of a returned deposit: the whole form with another custodian (simulator.ts).
        out.push(form, { ...form, custodian: `${p.custodian}（更正）` })
        break
      }
      case 'archive_intake':
        out.push(intakeForm(rng, makePerson(rng, 'returning', TODAY, used), subtype as 'household' | 'employer'))
        break
      case 'archive_transfer_out':
        out.push(transferOutForm(rng, makePerson(rng, 'returning', TODAY, used)))
        break
      case 'material_filing':
        out.push(materialForm(rng))
        break
      case 'certificate_request':
        out.push(certificateForm(rng))
        break
      case 'degree_certification': {
        const green = subtype === 'foreign' && i % 5 === 0
        const plan = certificationPlan(rng, { today: TODAY, subtype: subtype as 'foreign' | 'joint_programme', greenChannel: green, gap: i % 7 === 0 })
        out.push(plan.form)
        personBornOn(rng, TODAY, used, plan.birthDate)
        break
      }
      case 'employment_registration': {
        const edges: EmploymentEdge[] = ['pass', 'days_359', 'days_360', 'return_expired', 'age_46', 'age_45', 'insurance_2']
        out.push(employmentPlan(rng, { today: TODAY, kind: subtype as EmploymentKind, edge: subtype === 'non_beijing_settlement' ? edges[i % edges.length] : 'pass' }).form)
        break
      }
      case 'certification_rereview':
        out.push(rereviewForm(rng, `CD20260301${String(i).padStart(6, '0')}`))
        break
      case 'certification_refund':
        out.push(refundForm(rng, `CD20260301${String(i).padStart(6, '0')}`, '王小明', i % 2 === 0))
        break
      default:
        throw new Error(`the generators make no ${type} form`)
    }
  }
  return out
}

describe('generated forms', () => {
  it('pass every type’s and subtype’s strict schema, and parse to themselves (nothing the generators send is dropped)', () => {
    const rng = new Rng(20260302)
    const used = new Set<string>()
    for (const [type, def] of Object.entries(CASE_TYPES)) {
      for (const subtype of Object.keys(def.subtypes)) {
        for (const form of formsOf(type, subtype, rng, used)) {
          const r = parseStoredForm(type, subtype, JSON.parse(JSON.stringify(form)))
          expect(r, `${type}/${subtype} ${JSON.stringify(form)}`).toMatchObject({ ok: true })
          if (r.ok) expect(r.form, `${type}/${subtype}`).toMatchObject(JSON.parse(JSON.stringify(form)))
        }
      }
    }
  })
})
