import { CopyOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Collapse, Result, Space, Tooltip, Typography } from 'antd'
import { copyText } from './error-detail'

/** page: the whole page (Result); panel: one card of a page (Alert); field: one value of a form. */
export type ErrorLevel = 'page' | 'panel' | 'field'

interface Props {
  level: ErrorLevel
  /** What could not be shown, in Chinese (申请表, 材料, 办理记录…). */
  what: string
  caseNumber?: string | null
  /** The error line shown on the card. */
  summary: string
  /** The copyable detail (error-detail.ts). */
  detail: string
  onRetry?(): void
  onBack?(): void
}

/** 复制详情 and the detail itself, folded. */
function Detail({ detail }: { detail: string }) {
  const { message } = App.useApp()
  const copy = async () => {
    if (await copyText(detail)) void message.success('详情已复制，可粘贴给系统管理员')
    else void message.error('无法复制，请展开详情后手动选择复制')
  }
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'detail',
            label: '错误详情',
            forceRender: true,
            children: (
              <pre className="error-detail" data-testid="error-detail">
                {detail}
              </pre>
            )
          }
        ]}
      />
      <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="error-copy">
        复制详情
      </Button>
    </Space>
  )
}

/**
 * A record the desk cannot show, in place of what it would have been: which case, that the rest still works,
 * and a detail to copy for the administrator. Never a white window.
 */
export default function ErrorCard({ level, what, caseNumber, summary, detail, onRetry, onBack }: Props) {
  const who = caseNumber ? `业务 ${caseNumber} 的` : ''
  const body = (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {who}
        {what}数据有误，暂时无法显示；{level === 'page' ? '其他业务和页面' : '本页其他内容'}不受影响。请复制详情交系统管理员处理。
      </Typography.Paragraph>
      <Typography.Text type="secondary" className="error-summary">
        {summary}
      </Typography.Text>
      <Detail detail={detail} />
    </>
  )
  const testProps = { 'data-testid': 'error-card', 'data-level': level, 'data-case-number': caseNumber ?? '' }
  if (level === 'page') {
    return (
      <div className="error-page" {...testProps}>
        <Result
          status="error"
          title={`${what}无法显示`}
          subTitle={caseNumber ? `业务编号 ${caseNumber}` : undefined}
          extra={[
            onBack && (
              <Button key="back" type="primary" onClick={onBack} data-testid="error-back">
                返回工作队列
              </Button>
            ),
            onRetry && (
              <Button key="retry" icon={<ReloadOutlined />} onClick={onRetry} data-testid="error-retry">
                重试
              </Button>
            )
          ]}
        >
          {body}
        </Result>
      </div>
    )
  }
  return (
    <Alert
      {...testProps}
      className="error-panel"
      type="error"
      showIcon
      title={
        <span>
          {what}无法显示{caseNumber && <span className="error-case-number">（业务编号 {caseNumber}）</span>}
        </span>
      }
      description={body}
      action={
        <Space orientation="vertical" size={4}>
          {onRetry && (
            <Tooltip title="重新显示">
              <Button size="small" icon={<ReloadOutlined />} onClick={onRetry} data-testid="error-retry">
                重试
              </Button>
            </Tooltip>
          )}
          {onBack && (
            <Button size="small" onClick={onBack} data-testid="error-back">
              返回工作队列
            </Button>
          )}
        </Space>
      }
    />
  )
}
