import { App, Form, Input, Modal, Radio, Typography } from 'antd'
import { useState } from 'react'
import type { StaffRecord, StaffWithPassword } from '../../../../shared/api/staff'
import { ROLE_LABEL, ROLES, type Role } from '../../../../shared/domain/roles'
import { roleCaseTypes, scopeProblem } from '../../../../shared/domain/staff'
import { api } from '../../api'
import { displayNameRules, usernameRules } from './passwordRules'
import ScopeField from './ScopeField'

interface Values {
  username: string
  displayName: string
  role: Role
  scopes: string[] | null
}

interface Props {
  /** `null`: a new account; else the account edited. */
  editing: StaffRecord | null
  /** The administrator at the desk (who may not take away their own admin role). */
  meId: number
  onCreated(created: StaffWithPassword): void
  onSaved(saved: StaffRecord): void
  onCancel(): void
}

/** 新建人员 / 编辑人员: name, role and 业务范围 (the user name is fixed once created). Mounted while open. */
export default function StaffFormModal({ editing, meId, onCreated, onSaved, onCancel }: Props) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const role = Form.useWatch('role', form) ?? editing?.role ?? 'clerk'
  const [busy, setBusy] = useState(false)
  const self = editing?.id === meId

  const submit = async (v: Values) => {
    setBusy(true)
    const scopes = roleCaseTypes(v.role).length ? v.scopes : null
    const input = { displayName: v.displayName.trim(), role: v.role, scopes }
    const r = editing ? await api.staff.update({ id: editing.id, ...input }) : await api.staff.create({ username: v.username.trim(), ...input })
    setBusy(false)
    if (!r.ok) {
      if (!editing && r.error.message.includes('用户名')) form.setFields([{ name: 'username', errors: [r.error.message] }])
      void message.error(r.error.message)
      return
    }
    if ('temporaryPassword' in r.value) onCreated(r.value)
    else onSaved(r.value)
  }

  return (
    <Modal
      open
      title={editing ? `编辑人员：${editing.displayName}` : '新建人员'}
      okText={editing ? '保存' : '创建账号'}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, 'data-testid': 'staff-form-submit' }}
      mask={{ closable: false }}
      width={600}
      modalRender={(node) => <div data-testid="staff-form">{node}</div>}
    >
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '80px' }}
        requiredMark={false}
        autoComplete="off"
        initialValues={editing ? { ...editing } : { role: 'clerk', scopes: null }}
        onValuesChange={(changed: Partial<Values>) => {
          // Another role works on other types: its scope starts again from 全部业务.
          if (changed.role) form.setFieldsValue({ scopes: null })
        }}
        onFinish={(v) => void submit(v)}
      >
        {editing ? (
          <Form.Item label="用户名">
            <Typography.Text code>{editing.username}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="username" label="用户名" rules={usernameRules} extra="登录时使用，创建后不能修改">
            <Input autoFocus maxLength={32} spellCheck={false} data-testid="staff-form-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="姓名" rules={displayNameRules}>
          <Input maxLength={40} autoFocus={!!editing} data-testid="staff-form-name" />
        </Form.Item>
        <Form.Item name="role" label="角色" extra={self ? '不能修改自己的角色' : undefined}>
          <Radio.Group disabled={self} data-testid="staff-form-role" optionType="button" buttonStyle="solid">
            {ROLES.map((r) => (
              <Radio.Button key={r} value={r}>
                <span data-testid={`staff-role-${r}`}>{ROLE_LABEL[r]}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="scopes"
          label="业务范围"
          rules={[
            {
              validator: (_rule, v: string[] | null | undefined) => {
                const problem = roleCaseTypes(role).length ? scopeProblem(role, v ?? null) : null
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve()
              }
            }
          ]}
          extra={editing ? '修改角色或业务范围后，该人员已登录的窗口将立即退出登录' : '“全部业务”包括该角色今后新增的业务类型'}
        >
          <ScopeField role={role} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  )
}
