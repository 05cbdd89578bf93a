import { SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Skeleton } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { OfficeSettings } from '../../../../shared/api/documents'
import { api } from '../../api'
import { useHotkeys } from '../../hooks/useHotkeys'
import { useLoaded } from '../print/useLoaded'

type Values = Omit<OfficeSettings, 'arrearsCutoff'> & { arrearsCutoff: Dayjs | null }

/** What a supervisor sees: the same facts, read-only. */
function OfficeView({ office }: { office: OfficeSettings }) {
  return (
    <>
      <Alert type="info" showIcon title="仅系统管理员可以修改单位信息" style={{ marginBottom: 12 }} />
      <Descriptions size="small" column={1} bordered data-testid="office-view" styles={{ label: { width: 190 } }}>
        <Descriptions.Item label="单位名称">{office.name}</Descriptions.Item>
        <Descriptions.Item label="部门">{office.department}</Descriptions.Item>
        <Descriptions.Item label="地址">{office.address}</Descriptions.Item>
        <Descriptions.Item label="邮政编码">{office.postcode}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{office.phone}</Descriptions.Item>
        <Descriptions.Item label="电子邮箱">{office.email}</Descriptions.Item>
        <Descriptions.Item label="核验网址">{office.verifyBaseUrl}</Descriptions.Item>
        <Descriptions.Item label="开具证明欠费截止月份">{office.arrearsCutoff}</Descriptions.Item>
      </Descriptions>
    </>
  )
}

const required = (label: string) => ({ required: true, whitespace: true, message: `请填写${label}` })

/** 单位信息: what every letter prints (name, department, address, …), the verification URL and the arrears cut-off. */
export default function OfficeForm({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const loaded = useLoaded('office', () => api.settings.office({}))
  const [saving, setSaving] = useState(false)
  const [dirty, setDirty] = useState(false)
  const office = loaded.state === 'ready' ? loaded.value : null

  const save = async () => {
    if (!canEdit) return
    const v = await form.validateFields().catch(() => null)
    if (!v || !v.arrearsCutoff) return
    setSaving(true)
    const r = await api.settings.setOffice({ ...v, arrearsCutoff: v.arrearsCutoff.format('YYYY-MM') })
    setSaving(false)
    if (!r.ok) {
      void message.error(r.error.message)
      return
    }
    setDirty(false)
    form.setFieldsValue({ ...r.value, arrearsCutoff: dayjs(`${r.value.arrearsCutoff}-01`) })
    void message.success('单位信息已保存，此后出具的文书将使用新的信息')
  }
  useHotkeys({ 'ctrl+s': () => void save() }, canEdit)

  return (
    <Card
      title="单位信息"
      size="small"
      data-testid="office-card"
      extra={
        canEdit && (
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!office || !dirty} onClick={() => void save()} data-testid="office-save">
            保存（Ctrl+S）
          </Button>
        )
      }
    >
      {loaded.state === 'error' && <Alert type="error" showIcon title={loaded.message} />}
      {!office && loaded.state === 'loading' && <Skeleton active />}
      {office && !canEdit && <OfficeView office={office} />}
      {office && canEdit && (
        <Form<Values>
          form={form}
          layout="horizontal"
          labelCol={{ flex: '170px' }}
          initialValues={{ ...office, arrearsCutoff: dayjs(`${office.arrearsCutoff}-01`) }}
          onValuesChange={() => setDirty(true)}
          onFinish={() => void save()}
          data-testid="office-form"
        >
          <Form.Item name="name" label="单位名称" rules={[required('单位名称'), { max: 60, message: '最多 60 个字' }]} extra="打印在每份文书的标题下和落款处">
            <Input data-testid="office-name" />
          </Form.Item>
          <Form.Item name="department" label="部门" rules={[required('部门'), { max: 60, message: '最多 60 个字' }]}>
            <Input data-testid="office-department" />
          </Form.Item>
          <Form.Item name="address" label="地址" rules={[required('地址'), { max: 200, message: '最多 200 个字' }]}>
            <Input data-testid="office-address" />
          </Form.Item>
          <Form.Item name="postcode" label="邮政编码" rules={[required('邮政编码'), { pattern: /^\d{6}$/, message: '邮政编码应为 6 位数字' }]}>
            <Input style={{ width: 160 }} maxLength={6} data-testid="office-postcode" />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[required('联系电话'), { max: 40, message: '最多 40 个字' }]}>
            <Input style={{ width: 240 }} data-testid="office-phone" />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱" rules={[required('电子邮箱'), { type: 'email', message: '邮箱格式不正确' }]}>
            <Input style={{ width: 320 }} data-testid="office-email" />
          </Form.Item>
          <Form.Item
            name="verifyBaseUrl"
            label="核验网址"
            rules={[required('核验网址'), { pattern: /^https?:\/\/\S+$/, message: '核验网址应以 http:// 或 https:// 开头' }]}
            extra="文书二维码指向此网址加验证码；公众据此核验文书真伪"
          >
            <Input data-testid="office-verify-url" />
          </Form.Item>
          <Form.Item
            name="arrearsCutoff"
            label="开具证明欠费截止月份"
            rules={[{ required: true, message: '请选择欠费截止月份' }]}
            extra="个人存档缴费截止时间早于此月份（只缴到此前一个月或更早）的，视为欠费，不予开具存档证明、政审证明等"
          >
            <DatePicker picker="month" format="YYYY-MM" allowClear={false} data-testid="office-arrears" />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      )}
    </Card>
  )
}
