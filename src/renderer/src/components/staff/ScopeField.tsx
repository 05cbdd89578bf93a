import { Checkbox, Typography } from 'antd'
import { ROLE_LABEL, type Role } from '../../../../shared/domain/roles'
import { roleCaseTypes } from '../../../../shared/domain/staff'
import { caseTypeLabel } from './labels'

interface Props {
  role: Role
  /** null = every type of the role (全部业务, later new types included). */
  value?: string[] | null
  onChange?(value: string[] | null): void
}

/**
 * 业务范围: 全部业务, or some of the case types the role works on (`roleCaseTypes`). Unticking 全部业务 starts
 * from every type ticked, to take some away. A role without cases (系统管理员) has none to choose.
 */
export default function ScopeField({ role, value = null, onChange }: Props) {
  const types = roleCaseTypes(role)
  if (!types.length) {
    return (
      <Typography.Text type="secondary" data-testid="staff-scope-none">
        {ROLE_LABEL[role]}不办理业务，不设业务范围
      </Typography.Text>
    )
  }
  const all = value === null
  return (
    <div className="staff-scopes" data-testid="staff-scopes">
      <Checkbox checked={all} onChange={(e) => onChange?.(e.target.checked ? null : [...types])} data-testid="staff-scope-all">
        全部业务
      </Checkbox>
      <Checkbox.Group
        value={all ? types : value.filter((t) => types.includes(t))}
        disabled={all}
        onChange={(checked) => onChange?.(checked as string[])}
        className="staff-scope-types"
      >
        {types.map((t) => (
          <Checkbox key={t} value={t} data-testid={`staff-scope-${t}`}>
            {caseTypeLabel(t)}
          </Checkbox>
        ))}
      </Checkbox.Group>
    </div>
  )
}
