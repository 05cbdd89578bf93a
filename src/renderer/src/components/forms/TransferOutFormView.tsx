import { Card, Descriptions } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import type { TransferOutForm } from '../../../../shared/domain/case-types/archive-transfer-out'
import ArchiveRulesCard from './ArchiveRulesCard'
import { dash, LABEL_STYLE } from './common'

/** 档案转出: the receiving agency (check it against the uploaded 调档函) beside the archive record. */
export default function TransferOutFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<TransferOutForm>
  return (
    <>
      <Card size="small" title="接收单位">
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={LABEL_STYLE}
          items={[
            { key: 'agency', label: '接收单位全称', children: <strong data-testid="form-receiving-agency">{dash(f.receivingAgency)}</strong> },
            { key: 'address', label: '接收单位地址', children: dash(f.receivingAddress) },
            { key: 'reason', label: '转出原因', children: dash(f.reason) }
          ]}
        />
      </Card>
      <ArchiveRulesCard detail={detail} />
    </>
  )
}
