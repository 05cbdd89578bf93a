import { App, Button, Space } from 'antd'
import { useEffect, useState } from 'react'
import type { ActResult, CaseDetail, StaffSession } from '../../../shared/api/types'
import { caseTypeDef } from '../../../shared/domain/case-types'
import type { MaterialFilingForm } from '../../../shared/domain/case-types/material-filing'
import { firstFailure } from '../../../shared/domain/certificate-rules'
import { planAction } from '../../../shared/domain/workflow'
import { DomainError } from '../../../shared/result'
import { stubNameOf } from '../lib/labels'
import DispatchModal from './forms/DispatchModal'
import FileMaterialsModal from './forms/FileMaterialsModal'
import { isCertificationForm } from './certification/action-forms'
import CertificationActionModal from './certification/CertificationActionModal'
import ReasonModal from './ReasonModal'
import ReasonsModal from './ReasonsModal'
import SignInModal from './SignInModal'
import StaleAlert from './StaleAlert'

interface Props {
  detail: CaseDetail
  staff: StaffSession
  busy: boolean
  act(action: string, input: Record<string, unknown>): Promise<ActResult | null>
  /** A document was issued: show it. */
  onDocument(id: number): void
  /** An action's form opened or closed (the page then holds back shortcuts that would leave it). */
  onFormOpen(open: boolean): void
  /** The case changed underneath the open form (`useCase().stale`): the form says so and holds its submit. */
  stale: CaseDetail | null
  onReload(): void
}

/**
 * The actions the server allows now, as the definition describes them: run at once (after a
 * confirmation where the definition asks for one), or through the form kind the action needs.
 */
export default function ActionPanel({ detail, staff, busy, act, onDocument, onFormOpen, stale, onReload }: Props) {
  const { message, modal } = App.useApp()
  const [open, setOpen] = useState<string | null>(null)
  /** The refusal's reason taken from a failed archive rule (the one-click refusal). */
  const [prefill, setPrefill] = useState<{ action: string; reason: string } | null>(null)
  const def = caseTypeDef(detail.type)
  const allowed = def ? detail.actions.filter((n) => def.actions[n]) : []
  // A form whose action the case no longer allows (it changed and was reloaded) is closed.
  const active = open !== null && allowed.includes(open) ? open : null
  if (open !== null && active === null) setOpen(null)
  useEffect(() => onFormOpen(active !== null), [active, onFormOpen])
  if (!def) return null
  const form = detail.form
  const failed = detail.ruleChecks ? firstFailure(detail.ruleChecks) : undefined
  /** Where a rule fails, the refusal the clerk can give at once: the case type's action that takes a written reason. */
  const refusal = failed ? allowed.find((n) => def.actions[n].form === 'reason' && def.actions[n].danger) : undefined

  /** The claim checks of the shared workflow, before any form is filled in (the server checks again). */
  const blocked = (name: string): string | null => {
    try {
      planAction(def, { type: detail.type, state: detail.state, assigneeId: detail.assignee?.id ?? null }, name, {}, {
        id: staff.id,
        role: staff.role,
        name: staff.displayName
      })
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'VALIDATION') return e.message
    }
    // The archive rules the definition checks before this action (the main process checks them again).
    if (failed && def.rules?.at.includes(name)) return `不能${def.actions[name].label}：${failed.staffMessage ?? failed.label}`
    return null
  }

  const run = async (name: string, input: Record<string, unknown>): Promise<boolean> => {
    const r = await act(name, input)
    if (!r) return false
    setOpen(null)
    setPrefill(null)
    const label = def.actions[name]?.label ?? name
    if (r.documentId !== null) {
      onDocument(r.documentId)
      const labels = (r.documentIds ?? [r.documentId]).map((id) => r.detail.documents.find((d) => d.id === id)?.docLabel ?? '文书')
      void message.success(`已生成${labels.join('、')}（草稿）`)
    } else if (name === 'archive_sign_in' && input.stubPresent === false) {
      void message.warning(`已登记：未附${stubNameOf(detail.type)}，档案袋退回寄件单位`)
    } else void message.success(`${label}：已完成`)
    return true
  }

  const confirmThen = (name: string, input: Record<string, unknown>): Promise<boolean> => {
    const a = def.actions[name]
    if (!a.confirm) return run(name, input)
    return new Promise((resolve) => {
      modal.confirm({
        title: a.label,
        content: a.confirm,
        okText: '确定',
        cancelText: '取消',
        okButtonProps: { danger: a.danger, 'data-testid': 'confirm-ok' },
        onOk: async () => resolve(await run(name, input)),
        onCancel: () => resolve(false)
      })
    })
  }

  const start = (name: string) => {
    const why = blocked(name)
    if (why) return void message.error(why)
    const a = def.actions[name]
    if (a.form === 'none') void confirmThen(name, {})
    else setOpen(name)
  }

  const close = () => {
    setOpen(null)
    setPrefill(null)
  }
  const refuse = () => {
    if (!refusal || !failed) return
    const why = blocked(refusal)
    if (why) return void message.error(why)
    setPrefill({ action: refusal, reason: failed.message ?? failed.label })
    setOpen(refusal)
  }
  const notice = stale && <StaleAlert latest={stale} onReload={onReload} />

  return (
    <>
      <Space wrap size={6} data-testid="action-panel">
        {allowed.map((n) => {
            const a = def.actions[n]
            return (
              <Button
                key={n}
                type={a.primary ? 'primary' : 'default'}
                danger={a.danger}
                loading={busy && active === n}
                onClick={() => start(n)}
                data-testid={`action-${n}`}
              >
                {a.label}
              </Button>
            )
          })}
        {refusal && failed && (
          <Button danger onClick={refuse} data-testid="rule-refuse" title="以核验不符合的规则为原因，一键填好">
            按核验结果{def.actions[refusal].label}（{failed.label}）
          </Button>
        )}
      </Space>
      {/* Kept mounted while the case is on screen, so what was typed survives a close or an error. */}
      {allowed.map((n) => {
        const a = def.actions[n]
        if (a.form === 'reasons') {
          return <ReasonsModal key={n} open={active === n} def={def} name={n} action={a} busy={busy} notice={notice} onSubmit={(i) => confirmThen(n, i)} onCancel={close} />
        }
        if (a.form === 'reason') {
          return (
            <ReasonModal
              key={n}
              open={active === n}
              def={def}
              name={n}
              action={a}
              busy={busy}
              notice={notice}
              initialReason={prefill?.action === n ? prefill.reason : undefined}
              onSubmit={(i) => confirmThen(n, i)}
              onCancel={close}
            />
          )
        }
        if (a.form === 'archive_sign_in') {
          return (
            <SignInModal
              key={n}
              open={active === n}
              custodian={String(form.custodian ?? form.currentHolder ?? '')}
              stubName={stubNameOf(detail.type)}
              busy={busy}
              notice={notice}
              onSubmit={(i) => confirmThen(n, { ...i })}
              onCancel={close}
            />
          )
        }
        if (a.form === 'dispatch') {
          return (
            <DispatchModal
              key={n}
              open={active === n}
              receivingAgency={String(form.receivingAgency ?? '')}
              busy={busy}
              notice={notice}
              onSubmit={(i) => confirmThen(n, { ...i })}
              onCancel={close}
            />
          )
        }
        if (isCertificationForm(a.form)) {
          return (
            <CertificationActionModal
              key={n}
              open={active === n}
              kind={a.form}
              def={def}
              name={n}
              action={a}
              detail={detail}
              busy={busy}
              notice={notice}
              onSubmit={(i) => confirmThen(n, i)}
              onCancel={close}
            />
          )
        }
        if (a.form === 'file_materials') {
          return (
            <FileMaterialsModal
              key={n}
              open={active === n}
              declared={(form as Partial<MaterialFilingForm>).materials ?? []}
              busy={busy}
              notice={notice}
              onSubmit={(i) => confirmThen(n, { ...i })}
              onCancel={close}
            />
          )
        }
        return null
      })}
    </>
  )
}
