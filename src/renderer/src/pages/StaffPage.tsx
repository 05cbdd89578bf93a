import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons'
import { Alert, App, Button, Drawer, Input, Tabs, Typography } from 'antd'
import { useMemo, useState } from 'react'
import type { StaffRecord, StaffWithPassword } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import type { Result } from '../../../shared/result'
import { api } from '../api'
import { useReloadable } from '../hooks/useReloadable'
import EventsTable from '../components/staff/EventsTable'
import SessionsDrawer from '../components/staff/SessionsDrawer'
import StaffFormModal from '../components/staff/StaffFormModal'
import StaffTable, { type RowAction } from '../components/staff/StaffTable'
import TempPasswordModal from '../components/staff/TempPasswordModal'
import '../components/staff/staff.css'

type Shown = StaffWithPassword & { reason: 'created' | 'reset' }

const DONE: Partial<Record<RowAction, (s: StaffRecord) => string>> = {
  disable: (s) => `已停用 ${s.displayName} 的账号，其登录已全部结束`,
  enable: (s) => `已启用 ${s.displayName} 的账号`,
  unlock: (s) => `已解除 ${s.displayName} 的登录锁定`
}

/**
 * 人员管理 (administrators): the office's accounts — create, edit role and 业务范围, disable / enable, reset a
 * password (the temporary one shown once), unlock, see and end sessions — and the log of every such change.
 */
export default function StaffPage({ staff: me }: { staff: StaffSession }) {
  const { message } = App.useApp()
  const list = useReloadable('staff', () => api.staff.list({}))
  const rows = list.value
  const [search, setSearch] = useState('')
  const [form, setForm] = useState<{ editing: StaffRecord | null } | null>(null)
  const [shown, setShown] = useState<Shown | null>(null)
  const [sessionsOf, setSessionsOf] = useState<StaffRecord | null>(null)
  const [eventsOf, setEventsOf] = useState<StaffRecord | null>(null)
  const [busy, setBusy] = useState<{ id: number; action: RowAction } | null>(null)
  const [tab, setTab] = useState('staff')
  /** Moves on with every change made here, so the log shows it. */
  const [changes, setChanges] = useState(0)

  const put = (s: StaffRecord) => {
    list.update((was) => (was?.some((x) => x.id === s.id) ? was.map((x) => (x.id === s.id ? s : x)) : [...(was ?? []), s]))
    setChanges((n) => n + 1)
  }

  const act = async (s: StaffRecord, action: RowAction) => {
    if (action === 'edit') return setForm({ editing: s })
    if (action === 'sessions') return setSessionsOf(s)
    if (action === 'events') return setEventsOf(s)
    setBusy({ id: s.id, action })
    const r: Result<StaffRecord | StaffWithPassword> =
      action === 'reset'
        ? await api.staff.resetPassword({ id: s.id })
        : action === 'unlock'
          ? await api.staff.unlock({ id: s.id })
          : await api.staff.setActive({ id: s.id, active: action === 'enable' })
    setBusy(null)
    if (!r.ok) return void message.error(r.error.message)
    if ('temporaryPassword' in r.value) {
      put(r.value.staff)
      setShown({ ...r.value, reason: 'reset' })
    } else {
      put(r.value)
      void message.success(DONE[action]?.(r.value) ?? '已完成')
    }
  }

  const shownRows = useMemo(() => {
    const q = search.trim().toLowerCase()
    if (!rows || !q) return rows ?? []
    return rows.filter((r) => r.displayName.toLowerCase().includes(q) || r.username.toLowerCase().includes(q))
  }, [rows, search])

  return (
    <div className="staff-page" data-testid="staff-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        人员管理
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'staff',
            label: '人员',
            children: (
              <div className="staff-panel">
                <div className="staff-toolbar">
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ editing: null })} data-testid="staff-new">
                    新建人员
                  </Button>
                  <Input
                    allowClear
                    prefix={<SearchOutlined />}
                    placeholder="姓名或用户名"
                    value={search}
                    onChange={(e) => setSearch(e.target.value)}
                    style={{ width: 220 }}
                    data-testid="staff-search"
                  />
                  <span className="spacer" />
                  <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading && !!rows}>
                    刷新
                  </Button>
                </div>
                {list.error && <Alert type="error" showIcon title={list.error} data-testid="staff-error" />}
                <StaffTable rows={shownRows} loading={list.loading && !rows} meId={me.id} busy={busy} onAction={(s, a) => void act(s, a)} />
              </div>
            )
          },
          { key: 'events', label: '操作记录', children: <EventsTable reload={changes} /> }
        ]}
      />
      {form && (
        <StaffFormModal
          editing={form.editing}
          meId={me.id}
          onCancel={() => setForm(null)}
          onCreated={(created) => {
            setForm(null)
            put(created.staff)
            setShown({ ...created, reason: 'created' })
          }}
          onSaved={(saved) => {
            setForm(null)
            put(saved)
            void message.success(`已保存 ${saved.displayName} 的信息`)
          }}
        />
      )}
      <TempPasswordModal shown={shown} onClose={() => setShown(null)} />
      <SessionsDrawer staff={sessionsOf} onClose={() => setSessionsOf(null)} />
      <Drawer
        open={!!eventsOf}
        onClose={() => setEventsOf(null)}
        size={760}
        destroyOnHidden
        title={eventsOf ? `操作记录：${eventsOf.displayName}（${eventsOf.username}）` : '操作记录'}
      >
        {eventsOf && <EventsTable staffId={eventsOf.id} reload={changes} />}
      </Drawer>
    </div>
  )
}
