import { LeftOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons'
import { Alert, App, Button, DatePicker, Input, Modal, Space, Spin, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { type CSSProperties, useCallback, useEffect, useState } from 'react'
import type { CalendarChange, CalendarDay, CalendarMonth } from '../../../shared/api/types'
import type { OverrideKind } from '../../../shared/domain/calendar'
import type { Role } from '../../../shared/domain/roles'
import { api } from '../api'

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']
const KIND_LABEL: Record<OverrideKind, string> = { workday: '上班', holiday: '休息' }
const MIN = { year: 2000, month: 1 }
const MAX = { year: 2100, month: 12 }

interface DayLook {
  label: string
  detail: string
  color?: string
  background: string
}

/** How a day reads in the grid: 工作日 / 休息日 / 法定节假日（名称）/ 调休上班 / 办公室调整（说明）. */
function lookOf(day: CalendarDay): DayLook {
  switch (day.source) {
    case 'override': {
      const kind = day.kind ? KIND_LABEL[day.kind] : ''
      return { label: '办公室调整', detail: [kind, day.note].filter(Boolean).join('：'), color: 'blue', background: '#e6f4ff' }
    }
    case 'statutory':
      return day.working
        ? { label: '调休上班', detail: day.note, color: 'orange', background: '#fff7e6' }
        : { label: '法定节假日', detail: day.note, color: 'red', background: '#fff1f0' }
    case 'weekend':
      return { label: '休息日', detail: '', background: '#fafafa' }
    default:
      return { label: '工作日', detail: '', background: '#fff' }
  }
}

function changeText(verb: string, c: CalendarChange): string {
  const parts = [`${verb}（${c.actor}）`]
  if (c.recomputed) parts.push(`${c.recomputed} 件在办业务的期限已重新计算`)
  if (c.unresolved) parts.push(`${c.unresolved} 件业务的期限仍无法计算`)
  return parts.join('，')
}

const cellStyle = (look: DayLook, isToday: boolean, editable: boolean): CSSProperties => ({
  minHeight: 76,
  padding: 6,
  borderRadius: 6,
  background: look.background,
  border: isToday ? '2px solid #1677ff' : '1px solid #f0f0f0',
  cursor: editable ? 'pointer' : 'default',
  textAlign: 'left',
  display: 'flex',
  flexDirection: 'column',
  gap: 4,
  font: 'inherit'
})

interface Props {
  role: Role
}

/** 节假日设置: the working-day calendar deadlines are counted in; supervisors and admins maintain it. */
export function CalendarPage({ role }: Props) {
  const { message, modal } = App.useApp()
  const canEdit = role === 'supervisor' || role === 'admin'
  const [cursor, setCursor] = useState(() => ({ year: dayjs().year(), month: dayjs().month() + 1 }))
  const [data, setData] = useState<CalendarMonth | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<CalendarDay | null>(null)
  const [kind, setKind] = useState<OverrideKind | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [version, setVersion] = useState(0)
  const load = useCallback(() => setVersion((v) => v + 1), [])

  useEffect(() => {
    let live = true // a late answer for a month the user has left is dropped
    void api.calendar.month(cursor).then((r) => {
      if (!live) return
      if (r.ok) {
        setData(r.value)
        setError(null)
      } else setError(r.error.message)
    })
    return () => {
      live = false
    }
  }, [cursor, version])

  const shown = data && data.year === cursor.year && data.month === cursor.month ? data : null
  const today = dayjs().format('YYYY-MM-DD')
  const at = dayjs(`${cursor.year}-${String(cursor.month).padStart(2, '0')}-01`)
  const atMin = cursor.year === MIN.year && cursor.month === MIN.month
  const atMax = cursor.year === MAX.year && cursor.month === MAX.month
  const go = (d: dayjs.Dayjs) => setCursor({ year: d.year(), month: d.month() + 1 })

  const open = (day: CalendarDay) => {
    if (!canEdit) return
    setEditing(day)
    setKind(day.source === 'override' ? (day.kind ?? null) : null)
    setNote(day.source === 'override' ? day.note : '')
  }

  const run = async (call: () => ReturnType<typeof api.calendar.setOverride>, verb: string): Promise<boolean> => {
    setBusy(true)
    const r = await call()
    setBusy(false)
    if (!r.ok) {
      void message.error(r.error.message)
      return false
    }
    void message.success(changeText(verb, r.value))
    load()
    return true
  }

  const save = async () => {
    if (!editing || !kind) return
    if (await run(() => api.calendar.setOverride({ date: editing.date, kind, note: note.trim() }), '已保存')) setEditing(null)
  }

  const remove = async () => {
    if (!editing) return
    if (await run(() => api.calendar.removeOverride({ date: editing.date }), '已删除调整')) setEditing(null)
  }

  const declare = (m: CalendarMonth) =>
    modal.confirm({
      title: `确认 ${m.year} 年节假日安排已录入完毕？`,
      content: `已录入 ${m.yearOverrides} 个放假或调休上班日期。确认后，${m.year} 年的期限将按这些安排和正常周末计算，未录入的周一至周五一律视为工作日。请先与国务院办公厅通知逐日核对。`,
      okText: '确认已录入完毕',
      cancelText: '取消',
      onOk: () => run(() => api.calendar.declareYear({ year: m.year, note: '' }), `${m.year} 年节假日安排已确认`)
    })

  const offset = (at.day() + 6) % 7 // Monday first
  const editingLook = editing ? lookOf(editing) : null

  return (
    <div data-testid="calendar-page" style={{ padding: 16, overflow: 'auto', height: '100%', boxSizing: 'border-box' }}>
      <Space style={{ marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          节假日设置
        </Typography.Title>
        <Button icon={<LeftOutlined />} disabled={atMin} onClick={() => go(at.subtract(1, 'month'))} aria-label="上个月" />
        <DatePicker
          picker="month"
          allowClear={false}
          value={at}
          format="YYYY 年 M 月"
          minDate={dayjs('2000-01-01')}
          maxDate={dayjs('2100-12-31')}
          onChange={(d) => d && go(d)}
        />
        <Button icon={<RightOutlined />} disabled={atMax} onClick={() => go(at.add(1, 'month'))} aria-label="下个月" />
        <Button onClick={() => go(dayjs())}>本月</Button>
        {shown?.builtIn && <Tag color="green">{shown.year} 年法定安排已内置</Tag>}
        {shown?.declared && <Tag color="blue">{shown.year} 年安排由本办公室录入</Tag>}
      </Space>

      {error && <Alert type="error" showIcon title={error} action={<Button size="small" onClick={load}>重试</Button>} />}

      {shown && !shown.known && (
        <Alert
          data-testid="calendar-year-warning"
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          title={`${shown.year} 年节假日安排尚未录入，期限无法计算`}
          description={
            canEdit
              ? `请按国务院办公厅当年的放假通知，逐日录入放假（休息）和调休上班日期（已录入 ${shown.yearOverrides} 天），全部录入并核对后点击“确认本年度安排已录入完毕”。`
              : `请联系科长/主管录入 ${shown.year} 年的放假和调休安排。`
          }
          action={
            canEdit && (
              <Button type="primary" data-testid="declare-year" loading={busy} onClick={() => declare(shown)}>
                确认本年度安排已录入完毕
              </Button>
            )
          }
        />
      )}

      <Space size={4} style={{ marginBottom: 8, flexWrap: 'wrap' }}>
        <Tag>工作日</Tag>
        <Tag style={{ background: '#fafafa' }}>休息日</Tag>
        <Tag color="red">法定节假日</Tag>
        <Tag color="orange">调休上班</Tag>
        <Tag color="blue">办公室调整</Tag>
        {canEdit && <Typography.Text type="secondary">点击日期可调整为上班或休息</Typography.Text>}
      </Space>

      <Spin spinning={!shown && !error}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(96px, 1fr))', gap: 4 }}>
          {WEEKDAYS.map((w) => (
            <div key={w} style={{ textAlign: 'center', fontWeight: 600, padding: 4 }}>
              {w}
            </div>
          ))}
          {Array.from({ length: offset }, (_, i) => (
            <div key={`blank-${i}`} />
          ))}
          {shown?.days.map((day) => {
            const look = lookOf(day)
            const Cell = canEdit ? 'button' : 'div'
            return (
              <Cell
                key={day.date}
                type={canEdit ? 'button' : undefined}
                data-testid={`calendar-day-${day.date}`}
                data-working={day.working === null ? 'unknown' : String(day.working)}
                style={cellStyle(look, day.date === today, canEdit)}
                onClick={() => open(day)}
              >
                <span style={{ fontWeight: 600, opacity: day.working === null ? 0.6 : 1 }}>{Number(day.date.slice(8))}</span>
                <Tag color={look.color} style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
                  {look.label}
                  {day.working === null && day.source !== 'override' ? '（未确认）' : ''}
                </Tag>
                {look.detail && (
                  <Typography.Text type="secondary" ellipsis={{ tooltip: look.detail }} style={{ fontSize: 12, maxWidth: '100%' }}>
                    {look.detail}
                  </Typography.Text>
                )}
              </Cell>
            )
          })}
        </div>
      </Spin>

      <Modal
        open={editing !== null}
        title={editing ? `调整 ${dayjs(editing.date).format('YYYY 年 M 月 D 日 dddd')}` : ''}
        onCancel={() => setEditing(null)}
        mask={{ closable: !busy }}
        destroyOnHidden
        footer={
          <Space>
            {editing?.source === 'override' && (
              <Button danger data-testid="override-remove" loading={busy} onClick={() => void remove()}>
                删除调整
              </Button>
            )}
            <Button onClick={() => setEditing(null)}>取消</Button>
            <Button type="primary" data-testid="override-save" disabled={!kind} loading={busy} onClick={() => void save()}>
              保存
            </Button>
          </Space>
        }
      >
        {editing && editingLook && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              当前：{editingLook.label}
              {editingLook.detail ? `（${editingLook.detail}）` : ''}
            </Typography.Text>
            <Space.Compact>
              {(['workday', 'holiday'] as const).map((k) => (
                <Button key={k} type={kind === k ? 'primary' : 'default'} aria-pressed={kind === k} data-testid={`override-kind-${k}`} onClick={() => setKind(k)}>
                  {KIND_LABEL[k]}
                </Button>
              ))}
            </Space.Compact>
            <Input
              data-testid="override-note"
              placeholder="说明，如：依据××通知调整"
              maxLength={100}
              showCount
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Typography.Text type="secondary">保存后，所有在办业务的期限将按新的安排重新计算。</Typography.Text>
          </Space>
        )}
      </Modal>
    </div>
  )
}
