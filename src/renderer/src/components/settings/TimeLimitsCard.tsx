import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Input, InputNumber, Popconfirm, Skeleton, Space, Table, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { DEFAULT_TIME_LIMITS, type TimeLimitRow, type TimeLimits } from '../../../../shared/domain/certification-deadlines'
import { ROLE_LABEL } from '../../../../shared/domain/roles'
import { TIME_LIMIT_KEEPERS, type TimeLimitsView } from '../../../../shared/domain/time-limits-input'
import { api } from '../../api'
import { formatDateTime } from '../../lib/format'

type Row = TimeLimitRow & { key: number }

const KEEPERS = TIME_LIMIT_KEEPERS.map((r) => ROLE_LABEL[r]).join('或')

/** Duplicate country + institution pairs, to mark the rows before the service refuses them. */
function duplicateKeys(rows: Row[]): Set<number> {
  const seen = new Map<string, number>()
  const dup = new Set<number>()
  for (const r of rows) {
    const k = `${r.country.trim()}\u0000${r.institution.trim()}`
    if (seen.has(k)) dup.add(r.key).add(seen.get(k)!)
    else seen.set(k, r.key)
  }
  return dup
}

const DayInput = ({ value, onChange, testId }: { value: number; onChange(v: number): void; testId: string }) => (
  <InputNumber min={1} max={60} precision={0} value={value} onChange={(v) => onChange(typeof v === 'number' ? v : 0)} suffix="工作日" style={{ width: 130 }} data-testid={testId} />
)

/** 认证工作时限分类表: working days by country/region (or one institution), plus others, joint programmes, green channel. */
export default function TimeLimitsCard({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp()
  const [loadError, setLoadError] = useState<string | null>(null)
  const [view, setView] = useState<TimeLimitsView | null>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [extra, setExtra] = useState<Omit<TimeLimits, 'rows'>>(() => ({ otherDays: DEFAULT_TIME_LIMITS.otherDays, jointProgrammeDays: DEFAULT_TIME_LIMITS.jointProgrammeDays, greenChannelDays: DEFAULT_TIME_LIMITS.greenChannelDays }))
  const [dirty, setDirty] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [nextKey, setNextKey] = useState(0)

  const take = useCallback((v: TimeLimitsView) => {
    setView(v)
    setRows(v.limits.rows.map((r, i) => ({ ...r, key: i })))
    setNextKey(v.limits.rows.length)
    setExtra({ otherDays: v.limits.otherDays, jointProgrammeDays: v.limits.jointProgrammeDays, greenChannelDays: v.limits.greenChannelDays })
    setDirty(false)
    setError(null)
  }, [])
  useEffect(() => {
    let live = true
    void api.settings.timeLimits({}).then((r) => {
      if (!live) return
      if (r.ok) take(r.value)
      else setLoadError(r.error.message)
    })
    return () => {
      live = false
    }
  }, [take])

  const change = (key: number, patch: Partial<TimeLimitRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)))
    setDirty(true)
  }
  const add = () => {
    setRows((rs) => [...rs, { key: nextKey, country: '', institution: '', workingDays: 15 }])
    setNextKey((k) => k + 1)
    setDirty(true)
  }
  const remove = (key: number) => {
    setRows((rs) => rs.filter((r) => r.key !== key))
    setDirty(true)
  }
  const setDays = (field: keyof typeof extra) => (v: number) => {
    setExtra((e) => ({ ...e, [field]: v }))
    setDirty(true)
  }

  const save = async () => {
    setSaving(true)
    const limits: TimeLimits = { rows: rows.map(({ key: _k, ...r }) => ({ ...r, country: r.country.trim(), institution: r.institution.trim() })), ...extra }
    const r = await api.settings.setTimeLimits({ limits })
    setSaving(false)
    if (!r.ok) {
      setError(r.error.message)
      return
    }
    take(r.value)
    void message.success('认证工作时限表已保存，此后受理的认证申请按新时限计算')
  }

  const dup = duplicateKeys(rows)
  const editing = canEdit && view !== null
  return (
    <Card
      title="认证工作时限分类表"
      size="small"
      data-testid="time-limits-card"
      extra={
        canEdit && (
          <Space>
            <Button size="small" icon={<UndoOutlined />} disabled={!dirty || saving} onClick={() => view && take(view)} data-testid="time-limits-reset">
              撤销修改
            </Button>
            <Popconfirm
              title="保存认证工作时限表？"
              description="保存后各窗口同步生效，此后受理的认证申请按新时限计算；已在办的申请不变。"
              okText="保存"
              cancelText="取消"
              onConfirm={() => void save()}
              disabled={!dirty || dup.size > 0}
            >
              <Button type="primary" size="small" icon={<SaveOutlined />} loading={saving} disabled={!dirty || dup.size > 0} data-testid="time-limits-save">
                保存
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {loadError && <Alert type="error" showIcon title={loadError} />}
      {!view && !loadError && <Skeleton active />}
      {view && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="time-limits-who"
            title={`仅${KEEPERS}可以修改认证工作时限表${canEdit ? '' : '（您可查看）'}`}
            description={view.updatedBy ? `最近由 ${view.updatedBy} 于 ${formatDateTime(view.updatedAt!)} 修改` : '目前为默认时限（依据办事指南“办理时限”），尚未修改过'}
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="time-limits-error" />}
          {dup.size > 0 && <Alert type="warning" showIcon title="同一国家/地区与院校只能有一行，请删除或修改标红的重复行" style={{ marginBottom: 12 }} />}
          <Table<Row>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            data-testid="time-limits-table"
            onRow={(r) => ({ style: dup.has(r.key) ? { background: '#fff1f0' } : undefined })}
            columns={[
              {
                title: '国家/地区',
                dataIndex: 'country',
                width: 160,
                render: (_v, r, i) =>
                  editing ? (
                    <Input value={r.country} status={!r.country.trim() || dup.has(r.key) ? 'error' : undefined} maxLength={40} placeholder="如 英国" onChange={(e) => change(r.key, { country: e.target.value })} data-testid={`time-limit-country-${i}`} />
                  ) : (
                    r.country
                  )
              },
              {
                title: '院校（可空，空为该国全部院校）',
                dataIndex: 'institution',
                render: (_v, r, i) =>
                  editing ? (
                    <Input value={r.institution} status={dup.has(r.key) ? 'error' : undefined} maxLength={120} placeholder="全部院校" onChange={(e) => change(r.key, { institution: e.target.value })} data-testid={`time-limit-institution-${i}`} />
                  ) : (
                    r.institution || <Typography.Text type="secondary">全部院校</Typography.Text>
                  )
              },
              {
                title: '工作日',
                dataIndex: 'workingDays',
                width: 150,
                render: (_v, r, i) => (editing ? <DayInput value={r.workingDays} onChange={(v) => change(r.key, { workingDays: v })} testId={`time-limit-days-${i}`} /> : `${r.workingDays} 个工作日`)
              },
              ...(editing
                ? [
                    {
                      title: '',
                      key: 'remove',
                      width: 48,
                      render: (_v: unknown, r: Row, i: number) => (
                        <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label="删除此行" onClick={() => remove(r.key)} data-testid={`time-limit-remove-${i}`} />
                      )
                    }
                  ]
                : [])
            ]}
            footer={editing ? () => <Button size="small" icon={<PlusOutlined />} onClick={add} data-testid="time-limit-add">添加一行</Button> : undefined}
          />
          <Space size="large" wrap style={{ marginTop: 12 }}>
            <span>
              其他国家（地区）：{editing ? <DayInput value={extra.otherDays} onChange={setDays('otherDays')} testId="time-limit-other" /> : `${extra.otherDays} 个工作日`}
            </span>
            <span>
              中外合作办学：{editing ? <DayInput value={extra.jointProgrammeDays} onChange={setDays('jointProgrammeDays')} testId="time-limit-joint" /> : `${extra.jointProgrammeDays} 个工作日`}
            </span>
            <span>
              绿色通道：{editing ? <DayInput value={extra.greenChannelDays} onChange={setDays('greenChannelDays')} testId="time-limit-green" /> : `${extra.greenChannelDays} 个工作日`}
            </span>
          </Space>
        </>
      )}
    </Card>
  )
}
