import type { Role } from '../../src/shared/domain/roles'

/** Demo sign-in accounts (all with the password `demo1234`), the same on the desk and the exchange service; listed in the README. */
export const DEMO_PASSWORD = 'demo1234'

export interface DemoAccount {
  username: string
  displayName: string
  role: Role
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'clerk1', displayName: '张敏', role: 'clerk' },
  { username: 'clerk2', displayName: '李强', role: 'clerk' },
  { username: 'reviewer1', displayName: '王芳', role: 'reviewer' },
  { username: 'super1', displayName: '赵建国', role: 'supervisor' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' }
]
