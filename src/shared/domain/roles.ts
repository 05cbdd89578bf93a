export const ROLES = ['clerk', 'reviewer', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  clerk: '档案管理员',
  reviewer: '认证审核员',
  supervisor: '科长/主管',
  admin: '系统管理员'
}
