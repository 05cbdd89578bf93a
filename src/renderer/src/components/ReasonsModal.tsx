import { Alert, Button, Checkbox, Drawer, Input, Typography } from 'antd'
import { type ReactNode, useMemo, useState } from 'react'
import type { ActionDef, CaseTypeDef } from '../../../shared/domain/case-type'
import { reasonGroupLabel } from '../lib/labels'
import { noticeText } from '../../../shared/domain/workflow'

const SECTIONS = ['applicant', 'cv', 'overseas', 'custodian']

interface Reason {
  material: string
  text: string
}

interface Props {
  open: boolean
  def: CaseTypeDef
  name: string
  action: ActionDef
  busy: boolean
  /** Shown above the form (the case changed underneath it); while present the submit is held. */
  notice?: ReactNode
  /** Resolves true when the action went through (the form is then cleared). */
  onSubmit(input: { reasons: Reason[]; note: string }): Promise<boolean>
  onCancel(): void
}

/** The groups offered: a checklist per material or form section (supplements: the archive's materials). */
function groupsOf(def: CaseTypeDef, name: string): { key: string; options: readonly string[] }[] {
  if (name === 'request_supplements') return Object.entries(def.supplementChecklist).map(([key, options]) => ({ key, options }))
  // The archive office's form sections, where the type has them (a certification has none of cv/overseas/custodian).
  const keys = [...SECTIONS.filter((k) => k in def.sections), ...def.materials.map((m) => m.code), ...Object.keys(def.reasonChecklist)]
  return [...new Set(keys)].map((key) => ({ key, options: def.reasonChecklist[key] ?? [] }))
}

/**
 * Return for changes / ask for supplements: tick the reasons per material, add free text, preview the
 * notice. A drawer over the form, without a mask, so the documents stay visible and clickable beside it.
 */
export default function ReasonsModal({ open, def, name, action, busy, notice, onSubmit, onCancel }: Props) {
  const groups = useMemo(() => groupsOf(def, name), [def, name])
  const [checked, setChecked] = useState<Record<string, string[]>>({})
  const [other, setOther] = useState<Record<string, string>>({})
  const [note, setNote] = useState('')

  const reasons: Reason[] = groups.flatMap((g) => [
    ...g.options.filter((o) => checked[g.key]?.includes(o)).map((text) => ({ material: g.key, text })),
    ...(other[g.key]?.trim() ? [{ material: g.key, text: other[g.key].trim() }] : [])
  ])

  const submit = async () => {
    if (!reasons.length || notice) return
    if (await onSubmit({ reasons, note: note.trim() })) {
      setChecked({})
      setOther({})
      setNote('')
    }
  }

  return (
    <Drawer
      open={open}
      placement="left"
      size="min(720px, 45vw)"
      mask={false}
      title={`${action.label} — 一次性告知`}
      onClose={onCancel}
      styles={{ body: { padding: 0 } }}
    >
      <div className="reasons-panel" data-testid="reasons-modal">
        <div className="reasons-groups">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            请对照右侧材料逐项勾选或填写问题，申请人将一次性收到全部意见。
          </Typography.Paragraph>
          {groups.map((g) => (
            <div className="reason-group" key={g.key} data-testid="reason-group" data-material={g.key}>
              <div className="reason-group-title">{reasonGroupLabel(def, g.key)}</div>
              {g.options.length > 0 && (
                <Checkbox.Group
                  style={{ display: 'flex', flexDirection: 'column', gap: 2, marginBottom: 6 }}
                  value={checked[g.key] ?? []}
                  options={g.options.map((o) => ({ label: o, value: o }))}
                  onChange={(v) => setChecked((c) => ({ ...c, [g.key]: v as string[] }))}
                />
              )}
              <Input
                size="small"
                placeholder="其他问题（可填写）"
                maxLength={200}
                value={other[g.key] ?? ''}
                onChange={(e) => setOther((o) => ({ ...o, [g.key]: e.target.value }))}
                data-testid={`reason-other-${g.key}`}
              />
            </div>
          ))}
        </div>
        <div className="reasons-footer">
          {notice}
          <Input.TextArea
            placeholder="备注（仅记入办理记录，不发给申请人；可不填）"
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 3 }}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="reasons-note"
          />
          <Typography.Text strong>告知申请人（预览，共 {reasons.length} 条）</Typography.Text>
          {reasons.length === 0 ? (
            <Alert type="warning" showIcon title="请至少勾选或填写一条原因" />
          ) : (
            <div className="notice-preview" data-testid="notice-preview">
              {noticeText(def, name, {}, reasons)}
            </div>
          )}
          <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
            <Button onClick={onCancel}>取消</Button>
            <Button
              type="primary"
              danger={action.danger}
              disabled={reasons.length === 0 || !!notice}
              loading={busy}
              onClick={() => void submit()}
              data-testid="reasons-submit"
            >
              确认{action.label}
            </Button>
          </div>
        </div>
      </div>
    </Drawer>
  )
}
