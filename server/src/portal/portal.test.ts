import { describe, expect, it } from 'vitest'
import { WorkingCalendar } from '../../../src/shared/domain/calendar'
import { portalDepositForm } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const status = async (id: string) => (await t.app.inject({ method: 'GET', url: `/portal/applications/${id}`, headers: t.portalHeaders })).json()

describe('portal', () => {
  it('creates a submitted case with a 5-working-day deadline that appears in a clerk’s pull', async () => {
    const created = await t.submitApplication()
    expect(created).toMatchObject({ caseNumber: 'CD20260302000001', state: 'submitted' })
    expect(await status(created.caseId)).toEqual({
      caseId: created.caseId,
      caseNumber: 'CD20260302000001',
      state: 'submitted',
      stateLabel: '申请已提交',
      round: 1,
      deadlineOn: '2026-03-09',
      expectedOn: '2026-03-09',
      notices: []
    })
    const clerk = await t.desk('clerk1')
    const pulled = (await t.pull(clerk)).json()
    expect(pulled.changes).toHaveLength(1)
    expect(pulled.changes[0].snapshot.case).toMatchObject({ id: created.caseId, state: 'submitted', deadlineOn: '2026-03-09' })
  })

  it('says why there is no 预计完成时间 when the deadline lies in a year whose holidays are not published (issue 14)', async () => {
    // 28 December of the calendar's last year: five working days run into the next, which it does not hold yet.
    const last = Math.max(...new WorkingCalendar().knownYears())
    t.clock.set(`${last}-12-28T02:00:00Z`)
    const created = await t.submitApplication()
    expect(await status(created.caseId)).toMatchObject({
      state: 'submitted',
      deadlineOn: null,
      expectedOn: null,
      deadlineNote: `办理时限按工作日计算，${last + 1} 年的法定节假日安排尚未公布，预计完成时间将在安排公布后显示`
    })
  })

  it('returns, resubmits as a new round, and lists the notices the portal sends', async () => {
    const { caseId } = await t.submitApplication()
    const clerk = await t.desk('clerk1')
    const reasons = [
      { material: 'cv', text: '履历时间不连续' },
      { material: 'passport', text: '护照个人信息页不清晰' }
    ]
    const r = await t.push(clerk, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: { reasons } }, baseVersion: 2 }
    ])
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied'])
    const patchReturned = await t.app.inject({ method: 'PATCH', url: `/portal/applications/${caseId}`, headers: t.portalHeaders, payload: { form: {} } })
    expect(patchReturned.statusCode).toBe(409)
    expect(patchReturned.json().error).toEqual({ code: 'ILLEGAL_TRANSITION', message: '当前状态为“退回修改”，不能修改申请' })
    t.clock.set('2026-03-05T01:00:00Z')
    const re = await t.app.inject({ method: 'POST', url: `/portal/applications/${caseId}/resubmit`, headers: t.portalHeaders, payload: { form: portalDepositForm({ custodian: '北京市人才服务中心' }) } })
    expect(re.json()).toEqual({ state: 'submitted', round: 2 })
    const s = await status(caseId)
    expect(s).toMatchObject({ state: 'submitted', round: 2, deadlineOn: '2026-03-12' })
    expect(s.notices).toEqual([
      { at: '2026-03-02T02:00:00.000Z', action: 'return_for_changes', text: '您的存档申请需要修改，请按以下意见一次性修改后重新提交：1. 国内个人履历：履历时间不连续；2. 护照个人信息页（赴港澳：通行证）：护照个人信息页不清晰' }
    ])
    const again = await t.app.inject({ method: 'POST', url: `/portal/applications/${caseId}/resubmit`, headers: t.portalHeaders, payload: {} })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toBe('当前状态为“申请已提交”，不能执行“重新提交”')
  })

  it('cancels only while submitted, releasing any claim', async () => {
    const { caseId } = await t.submitApplication()
    const clerk = await t.desk('clerk1')
    await t.push(clerk, [{ name: 'case.claim', args: { caseId } }])
    const cancel = await t.app.inject({ method: 'POST', url: `/portal/applications/${caseId}/cancel`, headers: t.portalHeaders })
    expect(cancel.json()).toEqual({ state: 'cancelled', round: 1 })
    const snap = (await t.pull(clerk)).json().changes[0].snapshot
    expect(snap.case).toMatchObject({ state: 'cancelled', assignee: null, deadlineOn: null })
    const twice = await t.app.inject({ method: 'POST', url: `/portal/applications/${caseId}/cancel`, headers: t.portalHeaders })
    expect(twice.statusCode).toBe(409)
  })

  it('refuses incomplete applications, files not uploaded, and calls without the portal key', async () => {
    const noKey = await t.app.inject({ method: 'POST', url: '/portal/applications', payload: {} })
    expect(noKey.statusCode).toBe(401)
    const missing = await t.app.inject({
      method: 'POST',
      url: '/portal/applications',
      headers: t.portalHeaders,
      payload: { type: 'archive_deposit', subtype: 'outbound', applicant: {}, form: {}, attachments: [] }
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.code).toBe('VALIDATION')
    await expect(t.submitApplication(1, { attachments: [] })).rejects.toThrow(/缺少必需的材料：身份证正反面、/)
    const ghost = ['id_card', 'passport', 'visa', 'admission'].map((code) => ({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: 'b'.repeat(64) }))
    await expect(t.submitApplication(2, { attachments: ghost })).rejects.toThrow(/文件“id_card.pdf”尚未上传，请先上传再提交/)
    const jpeg = ghost.map((a) => ({ ...a, mime: 'image/jpeg' }))
    await expect(t.submitApplication(3, { attachments: jpeg })).rejects.toThrow(/“身份证正反面”不接受 image\/jpeg 格式的文件/)
    const unknown = await t.app.inject({ method: 'GET', url: '/portal/applications/nope', headers: t.portalHeaders })
    expect(unknown.statusCode).toBe(404)
  })
})
