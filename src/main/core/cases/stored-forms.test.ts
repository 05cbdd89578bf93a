// A form that does not match its type's schema (from an older exchange service, an old record, a bug) must not
// crash the desk: the case opens with `formProblem` saying what is wrong, and actions that need the form refuse
// with a coded error instead of a TypeError.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { CASE_TYPES } from '../../../shared/domain/case-types'
import { DomainError } from '../../../shared/result'
import { createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addCase, addStaff, SAMPLE_FORM, tempStore } from '../testing/fixtures'

let store: ReturnType<typeof tempStore>
let s: Services
let boss: StaffSession

beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock('2025-10-09T02:00:00Z'))
  boss = addStaff(store, 'boss', 'supervisor', '赵主管')
})
afterEach(() => store.dispose())

/** A case of `type` whose stored form is `form` as it is (the fixture's default form replaced). */
function caseWith(type: string, form: unknown): string {
  const def = CASE_TYPES[type]
  const id = addCase(store, { type, subtype: Object.keys(def.subtypes)[0], state: def.initialState })
  store.sqlite.prepare('UPDATE cases SET form = ? WHERE id = ?').run(JSON.stringify(form), id)
  return id
}

/** Every field any form has, each the wrong shape. */
const WRONG_FIELDS: Record<string, unknown> = {
  cv: 'not-a-list',
  overseas: [null, 'x', 7],
  custodian: { name: 1 },
  agreementAccepted: 'yes',
  studyHistory: 'x',
  trips: [null, 'x', { exitOn: 5 }],
  degree: 'x',
  payment: [1],
  greenChannel: 'constructor',
  programmeCode: 5,
  certificationCaseNumber: { toString: 1 },
  reason: ['x'],
  bank: 'x',
  degreeLevel: 'toString',
  certificationNumber: 12,
  employer: 'x',
  hukou: null,
  materials: 'x',
  receivingAgency: ['x'],
  currentHolder: 3,
  custodianUnit: null,
  purpose: {}
}
/** The nested objects present, their fields the wrong shape. */
const WRONG_NESTED: Record<string, unknown> = {
  cv: [{ from: 5, to: null, organisation: [], role: {} }],
  overseas: [{ from: 'x', institution: 5 }],
  studyHistory: [{ from: 1, to: 2, stage: 'toString', institution: null }, null],
  trips: [{ exitOn: '2020-01-01', entryOn: 5 }],
  degree: { country: 5, institution: [], level: 'toString', awardedOn: 3, startOn: {}, degreeName: 1, major: null },
  payment: { amount: 'x', paidAt: 5, transactionId: [], cardTail: 1 },
  employer: { name: 5, city: [] },
  hukou: { region: 5, kind: 'constructor' },
  trips2: null,
  bank: { accountName: 1 },
  materials: [{ name: 5, pages: 'x', copies: null }, null],
  degreeLevel: 'constructor',
  firstReturnOn: 5
}
const BAD_FORMS: unknown[] = [WRONG_FIELDS, WRONG_NESTED, null, 'not-an-object', 42, [SAMPLE_FORM], JSON.parse('{"__proto__": {"purpose": 1}}')]

/** A valid input for each kind of action form (so the action gets as far as reading the case's form). */
const INPUTS: Record<string, unknown> = {
  report_to: { reportTo: '北京市人才服务中心' },
  file_materials: { materials: [{ name: '思想汇报', pages: 6, copies: 6 }], receivedOn: '2025-10-09' },
  accept_certification: { greenChannel: false },
  reasons: { reasons: [{ material: 'general', text: '请补充' }] },
  reason: { reason: '不符合受理条件' }
}

describe('stored forms of the wrong shape', () => {
  it('open every type’s case with the problem named, never throwing', () => {
    for (const type of Object.keys(CASE_TYPES)) {
      for (const form of BAD_FORMS) {
        const id = caseWith(type, form)
        const d = s.cases.detail(id, boss)
        expect(d.formProblem, `${type} ${JSON.stringify(form)}`).toEqual(expect.any(String))
        expect(d.form, `${type} ${JSON.stringify(form)}`).toEqual(expect.any(Object))
      }
    }
  })

  it('names no problem for a form that matches (the parsed form is shown)', () => {
    const id = addCase(store)
    expect(s.cases.detail(id, boss)).toMatchObject({ formProblem: null, form: SAMPLE_FORM })
  })

  it('refuses an action that issues a letter from a wrong-shaped form with a coded error, not a crash', () => {
    for (const [type, def] of Object.entries(CASE_TYPES)) {
      for (const [name, action] of Object.entries(def.actions)) {
        if (action.roles.includes('applicant') || !action.from.includes(def.initialState)) continue
        for (const form of BAD_FORMS) {
          const id = caseWith(type, form)
          const v = s.cases.claim(id, boss).version
          try {
            s.cases.act(id, name, v, INPUTS[action.form] ?? {}, boss)
          } catch (e) {
            expect(e, `${type}.${name} ${JSON.stringify(form)}: ${String(e)}`).toBeInstanceOf(DomainError)
          }
        }
      }
    }
  })
})
