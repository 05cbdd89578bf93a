import { Tag, Tooltip } from 'antd'
import type { StaffRecord } from '../../../../shared/api/staff'
import { CASE_TYPES } from '../../../../shared/domain/case-types'
import { roleCaseTypes } from '../../../../shared/domain/staff'
import { formatDateTime } from '../../lib/format'

/** A case type's Chinese name. */
export const caseTypeLabel = (type: string): string => CASE_TYPES[type]?.label ?? type

/** 业务范围 as the list shows it: 全部 (null: every type of the role), the types' names, or — for a role without cases — 不适用. */
export function scopeText(s: Pick<StaffRecord, 'role' | 'scopes'>): string {
  if (!roleCaseTypes(s.role).length) return '不适用'
  if (s.scopes === null) return '全部'
  return s.scopes.map(caseTypeLabel).join('、') || '—'
}

/** Locked after failed sign-ins, right now. */
export const isLocked = (s: Pick<StaffRecord, 'lockedUntil'>, nowMs = Date.now()): boolean => !!s.lockedUntil && Date.parse(s.lockedUntil) > nowMs

/** 状态: 停用, 已锁定 (until…), 启用 — and 待修改密码 while a temporary password is unchanged. */
export function StatusTags({ staff }: { staff: StaffRecord }) {
  const locked = isLocked(staff)
  return (
    <span className="staff-status" data-testid="staff-status">
      {!staff.active ? <Tag color="default">停用</Tag> : locked ? null : <Tag color="green">启用</Tag>}
      {locked && (
        <Tooltip title={`登录失败次数过多，锁定至 ${formatDateTime(staff.lockedUntil)}；可解除锁定`}>
          <Tag color="orange">已锁定 至 {formatDateTime(staff.lockedUntil).slice(11)}</Tag>
        </Tooltip>
      )}
      {staff.active && staff.mustChangePassword && <Tag color="blue">待修改密码</Tag>}
    </span>
  )
}
