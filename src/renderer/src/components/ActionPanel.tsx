import { App, Button, Space } from 'antd'
import { useEffect, useState } from 'react'
import type { ActResult, CaseDetail, StaffSession } from '../../../shared/api/types'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { planAction } from '../../../shared/domain/workflow'
import { DomainError } from '../../../shared/result'
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
  const def = caseTypeDef(detail.type)
  const allowed = def ? detail.actions.filter((n) => def.actions[n]) : []
  // A form whose action the case no longer allows (it changed and was reloaded) is closed.
  const active = open !== null && allowed.includes(open) ? open : null
  if (open !== null && active === null) setOpen(null)
  useEffect(() => onFormOpen(active !== null), [active, onFormOpen])
  if (!def) return null

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
    return null
  }

  const run = async (name: string, input: Record<string, unknown>): Promise<boolean> => {
    const r = await act(name, input)
    if (!r) return false
    setOpen(null)
    const label = def.actions[name]?.label ?? name
    if (r.documentId !== null) {
      onDocument(r.documentId)
      void message.success('已生成调档通知单')
    } else if (name === 'archive_sign_in' && input.stubPresent === false) {
      void message.warning('已登记：未附调档通知单下联，档案袋退回寄件单位')
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

  const close = () => setOpen(null)
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
      </Space>
      {/* Kept mounted while the case is on screen, so what was typed survives a close or an error. */}
      {allowed.map((n) => {
        const a = def.actions[n]
        if (a.form === 'reasons') {
          return <ReasonsModal key={n} open={active === n} def={def} name={n} action={a} busy={busy} notice={notice} onSubmit={(i) => confirmThen(n, i)} onCancel={close} />
        }
        if (a.form === 'reason') {
          return <ReasonModal key={n} open={active === n} action={a} busy={busy} notice={notice} onSubmit={(i) => confirmThen(n, i)} onCancel={close} />
        }
        if (a.form === 'archive_sign_in') {
          return (
            <SignInModal
              key={n}
              open={active === n}
              custodian={detail.form.custodian}
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
