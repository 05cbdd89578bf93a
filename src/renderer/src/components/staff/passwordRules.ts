import type { FormRule } from 'antd'
import { PASSWORD_MIN_LENGTH, passwordProblem, USERNAME_PATTERN, USERNAME_RULE } from '../../../../shared/domain/staff'

/** The password policy in one line, shown under every field where a new password is typed. */
export const PASSWORD_HINT = `至少 ${PASSWORD_MIN_LENGTH} 个字符，不能包含用户名，不能是常见密码或同一字符重复`

/**
 * A new password: the policy (`passwordProblem`, the same check the desk and the service make when they
 * store it) against the user name `usernameOf` reads — a fixed name, or the form's user-name field.
 */
export function newPasswordRules(
  usernameOf: (getFieldValue: (name: string) => unknown) => string,
  { otherThan, empty = '请输入新密码' }: { otherThan?: string; empty?: string } = {}
): FormRule[] {
  return [
    { required: true, message: empty },
    ({ getFieldValue }) => ({
      validator(_rule, value: unknown) {
        if (typeof value !== 'string' || value === '') return Promise.resolve()
        const problem = passwordProblem(value, usernameOf(getFieldValue))
        if (problem) return Promise.reject(new Error(problem))
        if (otherThan && value === getFieldValue(otherThan)) return Promise.reject(new Error('新密码不能与原密码相同'))
        return Promise.resolve()
      }
    })
  ]
}

/** The new password typed again: the same as the field `field`. */
export function confirmRules(field: string, empty = '请再次输入新密码'): FormRule[] {
  return [
    { required: true, message: empty },
    ({ getFieldValue }) => ({
      validator(_rule, value: unknown) {
        if (!value || value === getFieldValue(field)) return Promise.resolve()
        return Promise.reject(new Error('两次输入的密码不一致'))
      }
    })
  ]
}

/** A user name as every desk's sign-in takes it. */
export const usernameRules: FormRule[] = [
  { required: true, whitespace: true, message: '请填写用户名' },
  { pattern: USERNAME_PATTERN, message: USERNAME_RULE }
]

export const displayNameRules: FormRule[] = [
  { required: true, whitespace: true, message: '请填写姓名' },
  { max: 40, message: '姓名最多 40 个字' }
]
