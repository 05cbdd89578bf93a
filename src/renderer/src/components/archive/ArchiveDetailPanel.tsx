import { EditOutlined, SwapOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { ArchiveDetail } from '../../../../shared/api/archives'
import { formatDateTime } from '../../lib/format'
import { typeLabel } from '../../lib/labels'
import StateTag from '../StateTag'
import CustodyTimeline from './CustodyTimeline'
import EditArchiveModal from './EditArchiveModal'
import { ArchiveStatusTag, categoryLabel, whereIs } from './labels'
import MoveShelfModal from './MoveShelfModal'

interface Props {
  detail: ArchiveDetail
  onChanged(detail: ArchiveDetail, message: string): void
  onOpenCase(id: string): void
}

/** One archive: where it is (档案存储地), the record, its chain of custody, its holder's cases; 移架 and 修改存档信息. */
export default function ArchiveDetailPanel({ detail: d, onChanged, onOpenCase }: Props) {
  const [dialog, setDialog] = useState<'move' | 'edit' | null>(null)
  const inStorage = d.status === 'in_storage'
  return (
    <div className="archive-detail" data-testid="archive-detail" data-archive-id={d.id}>
      <Card size="small">
        <div className="archive-detail-head">
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="archive-detail-number">
            {d.archiveNumber ?? '未编号档案'}
          </Typography.Title>
          <span>{d.applicant.name}</span>
          <ArchiveStatusTag status={d.status} testId="archive-detail-status" />
          {d.pendingSync > 0 && (
            <Tag color="gold" data-testid="archive-pending">
              {d.pendingSync} 项修改待同步
            </Tag>
          )}
        </div>
        <Alert
          className="archive-location"
          type={inStorage ? 'success' : d.status === 'transferred_out' ? 'warning' : 'info'}
          showIcon
          title={<span data-testid="archive-location">档案存储地：{whereIs(d)}</span>}
        />
        <Space style={{ marginTop: 10 }}>
          <Button icon={<SwapOutlined />} disabled={!inStorage} onClick={() => setDialog('move')} data-testid="archive-move" title={inStorage ? undefined : '只有在库的档案可以移架'}>
            {d.shelfLocation ? '移架' : '上架'}
          </Button>
          <Button icon={<EditOutlined />} disabled={d.status === 'transferred_out'} onClick={() => setDialog('edit')} data-testid="archive-edit">
            修改存档信息
          </Button>
        </Space>
      </Card>

      <Card size="small" title="存档信息">
        <Descriptions size="small" column={2} data-testid="archive-record">
          <Descriptions.Item label="档案编号">{d.archiveNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="架位">{d.shelfLocation ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="存档类别">{categoryLabel(d.category)}</Descriptions.Item>
          <Descriptions.Item label="存档单位">{d.employer ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="缴费截止时间">{d.feesPaidUntil ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="解聘时间">{d.dismissalDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="姓名">
            {d.applicant.name}（{d.applicant.sex === 'male' ? '男' : '女'}）
          </Descriptions.Item>
          <Descriptions.Item label="出生日期">{d.applicant.birthDate}</Descriptions.Item>
          <Descriptions.Item label={d.applicant.idType} span={2}>
            {d.applicant.idNumber}
          </Descriptions.Item>
          <Descriptions.Item label="手机">{d.applicant.mobile}</Descriptions.Item>
          <Descriptions.Item label="更新时间">{formatDateTime(d.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={`保管记录（${d.custody.length}）`}>
        <CustodyTimeline entries={d.custody} onOpenCase={onOpenCase} />
      </Card>

      <Card size="small" title={`相关业务（${d.cases.length}）`}>
        {d.cases.length ? (
          <List
            size="small"
            data-testid="archive-cases"
            dataSource={d.cases}
            renderItem={(c) => (
              <List.Item data-testid="archive-case" data-case-number={c.caseNumber}>
                {c.canOpen ? <Typography.Link onClick={() => onOpenCase(c.id)} data-testid="archive-case-open">
                    {c.caseNumber}
                  </Typography.Link> : <span>{c.caseNumber}</span>}
                <span>{typeLabel(c.type, c.subtype)}</span>
                <StateTag type={c.type} state={c.state} />
                <Typography.Text type="secondary">{formatDateTime(c.submittedAt)}</Typography.Text>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有相关业务" />
        )}
      </Card>

      {dialog === 'move' && (
      <MoveShelfModal
        archive={d}
        open
        onCancel={() => setDialog(null)}
        onDone={(next) => {
          setDialog(null)
          onChanged(next, `已移至架位 ${next.shelfLocation}`)
        }}
      />
      )}
      {dialog === 'edit' && (
      <EditArchiveModal
        archive={d}
        open
        onCancel={() => setDialog(null)}
        onDone={(next) => {
          setDialog(null)
          onChanged(next, '存档信息已修改')
        }}
      />
      )}
    </div>
  )
}
